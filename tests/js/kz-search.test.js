"use strict";
/* kz-search.js as the theme's search worker: ready at once, the index fetched only at the first
   letter typed (once), answers in the theme's format; and its engine on a small index. */
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const { runScript, plain } = require("./fake-dom.js");

const RULES = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "generator", "site", "search_rules.json"), "utf8"));
const INDEX = {
  rules: RULES,
  docs: [
    { l: "centres/shymkent-komek/", t: "«Көмек» дағдарыс орталығы", x: "Шымкент", n: "комек дагдарис орталиги орталик", p: "шимкент", k: "баспана" },
    { l: "centres/oral-crisis-centre/", t: "Орал қаласының дағдарыс орталығы", x: "Орал", n: "орал каласинин дагдарис орталиги орталик", p: "уралск", k: "" },
    { l: "regions/astana/", t: "Астана", x: "", n: "астана", k: "" },
  ],
};

function worker() {
  const listeners = [];
  const posted = [];
  const fetched = [];
  const self = {
    location: { href: "https://example.org/ru/assets/javascripts/kz-search.js" },
    addEventListener: (type, fn) => { if (type === "message") listeners.push(fn); },
    postMessage: (m) => posted.push(plain(m)),
  };
  const fetch = (url) => {
    fetched.push(url);
    return Promise.resolve({ ok: true, json: () => Promise.resolve(INDEX) });
  };
  runScript("kz-search.js", { self, fetch, Promise, Object, Math, String, RegExp, Number });
  const send = (data) => listeners.forEach((fn) => fn({ data }));
  return { send, posted, fetched };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

test("ready at once, and nothing fetched until the reader types", async () => {
  const w = worker();
  w.send({ type: 0, data: { config: {}, docs: [] } });
  w.send({ type: 2, data: "" });
  await settle();
  assert.deepEqual(w.posted, [{ type: 1 }, { type: 3, data: { items: [] } }]);
  assert.deepEqual(w.fetched, []);
});

test("the first letters fetch the index once, beside the worker's folder; answers are groups", async () => {
  const w = worker();
  w.send({ type: 0, data: {} });
  w.send({ type: 2, data: "Ш" });
  w.send({ type: 2, data: "Шымкентте" });
  await settle();
  await settle();
  assert.deepEqual(w.fetched, ["https://example.org/ru/search/kz-index.json"]);
  const last = w.posted[w.posted.length - 1];
  assert.equal(last.type, 3);
  assert.equal(last.data.items[0][0].location, "centres/shymkent-komek/");
  assert.equal(last.data.items[0][0].title, "«Көмек» дағдарыс орталығы");
});

test("engine: Latin, endings, other names and a typo meet the same listing", () => {
  const { Engine } = require("../../overrides/assets/javascripts/kz-search.js");
  const engine = new Engine(INDEX);
  const first = (q) => (engine.search(q)[0] || {}).location;
  assert.equal(first("Shymkent"), "centres/shymkent-komek/");
  assert.equal(first("Уральске"), "centres/oral-crisis-centre/");
  assert.equal(first("Oral"), "centres/oral-crisis-centre/");
  assert.equal(first("Астанада"), "regions/astana/");
  assert.equal(first("Шымкенд"), "centres/shymkent-komek/"); // a typo
  assert.equal(first("Ора"), "centres/oral-crisis-centre/"); // typed so far
  assert.deepEqual(engine.search("   "), []);
});
