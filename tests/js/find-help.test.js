"use strict";
/* find-help.js: its rules on a small hand-made index (the same file also runs on the real index in
   tests/features/test_finder.py), and the page part on a fake page, loaded as the browser loads it. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { Document, Window, builder, runScript, plain } = require("./fake-dom.js");
const core = require("../../overrides/assets/javascripts/find-help.js");

const WEEK = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

function listing(id, facts) {
  return Object.assign({
    id, kind: "shelter", status: "active", region: "KZ-75", city: "almaty", services: ["shelter"],
    age: [18, "none"], children: "yes", boys: 10, girls: "none", pregnant: "yes", hiv: "unknown",
    police: "no", fee: "free", hours: "24/7", phone_line: false,
  }, facts);
}

const INDEX = {
  utc_offset_minutes: 300,
  needs: ["shelter", "psychologist", "legal"],
  regions: { "KZ-75": { name: "Almaty" }, "KZ-71": { name: "Astana" } },
  cities: {
    almaty: { name: "Almaty", lat: 43.238, lon: 76.946 },
    astana: { name: "Astana", lat: 51.169, lon: 71.449 },
    kaskelen: { name: "Kaskelen", lat: 43.2, lon: 76.62 },
  },
  listings: [
    listing("national-line", { kind: "helpline", region: null, city: null, services: ["psychologist"], age: ["unknown", "unknown"], phone_line: true }),
    listing("astana-shelter", { region: "KZ-71", city: "astana" }),
    listing("almaty-ask", { hiv: "unknown", fee: "unknown" }),
    listing("almaty-shelter", { hiv: "yes" }),
    listing("kaskelen-paid", { city: "kaskelen", fee: "paid" }),
    listing("almaty-closed", { status: "closed" }),
  ],
};

/* ---------------------------------------------------------------- the address */

test("parse keeps what is valid and drops the rest", () => {
  const s = core.parse("?where=KZ-99&need=cooking&age=200&open=soon&near=paris&pregnant=yes&free=1", INDEX);
  assert.equal(s.where, "");
  assert.equal(s.need, "");
  assert.equal(s.age, null);
  assert.equal(s.open, "");
  assert.equal(s.near, "");
  assert.equal(s.pregnant, false, "only 1 means yes");
  assert.equal(s.free, true);
  const t = core.parse("where=almaty&need=legal&age=17&open=247&near=astana", INDEX);
  assert.deepEqual([t.where, t.need, t.age, t.open, t.near], ["almaty", "legal", 17, "247", "astana"]);
});

test("parse: children's ages mean children; at most 12, each 0 to 25; a bad pair is skipped alone", () => {
  const s = core.parse("boys=3,%2017;x,30&girls=" + Array(15).fill(1).join(",") + "&age=%E0%A4&hiv=1", INDEX);
  assert.deepEqual(plain(s.boys), [3, 17]);
  assert.equal(s.girls.length, 12);
  assert.equal(s.kids, true);
  assert.equal(s.age, null);
  assert.equal(s.hiv, true, "a malformed pair does not stop the others");
  assert.equal(core.parse("need=shelter", { needs: ["legal"] }).need, "", "need must be in the index");
  assert.equal(core.parse("where=Almaty+City", { cities: { "Almaty City": {} } }).where, "Almaty City", "+ is a space");
});

test("serialize writes a fixed order that parse reads back", () => {
  const s = core.parse("near=almaty&free=1&girls=2,5&age=16&need=shelter&where=KZ-75&open=now&kids=1", INDEX);
  const query = core.serialize(s);
  assert.equal(query, "where=KZ-75&need=shelter&age=16&kids=1&girls=2,5&free=1&open=now&near=almaty");
  assert.deepEqual(plain(core.parse(query, INDEX)), plain(s));
  assert.equal(core.serialize(core.parse("", INDEX)), "");
});

/* ---------------------------------------------------------------- the rules */

function evaluate(entry, query, now) {
  return plain(core.evaluate(entry, core.parse(query, INDEX), now || new Date("2026-01-05T06:00:00Z"), INDEX));
}

test("each filter answers yes, no or unknown; the first no names the reason", () => {
  const e = listing("x", {});
  assert.deepEqual(evaluate(e, "age=17"), { result: "no", failed: "age", unknown: [] });
  assert.deepEqual(evaluate(e, "age=40&hiv=1"), { result: "unknown", failed: null, unknown: ["hiv"] });
  assert.deepEqual(evaluate(e, "need=legal&age=17"), { result: "no", failed: "need", unknown: [] }, "in FILTERS order");
  assert.equal(evaluate(e, "nopolice=1").result, "yes", "police: no means no police");
  assert.equal(evaluate(listing("p", { police: "yes" }), "nopolice=1").result, "no");
  assert.equal(evaluate(listing("f", { fee: "paid" }), "free=1").failed, "free");
});

test("ages: a bound that is unknown gives unknown, 'none' is no bound", () => {
  assert.equal(evaluate(listing("a", { age: ["unknown", 25] }), "age=30").result, "no");
  assert.equal(evaluate(listing("a", { age: ["unknown", 25] }), "age=20").result, "unknown");
  assert.equal(evaluate(listing("a", { age: ["none", "none"] }), "age=90").result, "yes");
});

test("children: each child against the limit for boys or girls", () => {
  const e = listing("k", { boys: 10, girls: "none" });
  assert.equal(evaluate(e, "boys=9&girls=17").result, "yes");
  assert.equal(evaluate(e, "boys=11").failed, "kids");
  /* At the limit itself, the data must say whether it is included (issue 16, item 19). */
  assert.deepEqual(evaluate(e, "boys=10").unknown, ["kids"]);
  assert.equal(evaluate(listing("k", { boys: 10, children_inclusive: "yes" }), "boys=10").result, "yes");
  assert.equal(evaluate(listing("k", { boys: 10, children_inclusive: "no" }), "boys=10").failed, "kids");
  assert.equal(evaluate(listing("k", { children: "no" }), "kids=1").failed, "kids");
  assert.deepEqual(evaluate(listing("k", { boys: "unknown" }), "boys=4").unknown, ["kids"]);
});

test("status counts only when filtering; a closed or suspended listing is then hidden", () => {
  const closed = listing("c", { status: "closed" });
  assert.equal(evaluate(closed, "").result, "yes");
  assert.equal(evaluate(closed, "free=1").failed, "status");
  assert.deepEqual(evaluate(listing("u", { status: "unknown" }), "free=1").unknown, ["status"]);
});

test("a phone line answers anyone: unknown eligibility is not 'ask them', a known no still hides", () => {
  const line = INDEX.listings[0];
  assert.deepEqual(evaluate(line, "age=15&hiv=1"), { result: "yes", failed: null, unknown: [] });
  assert.equal(evaluate(Object.assign({}, line, { pregnant: "no" }), "pregnant=1").failed, "pregnant");
  assert.deepEqual(evaluate(Object.assign({}, line, { fee: "unknown" }), "free=1").unknown, ["free"], "fee is not eligibility");
});

test("where: national lines are everywhere; a region or a town otherwise", () => {
  const e = listing("x", {});
  assert.equal(evaluate(e, "where=KZ-75").result, "yes");
  assert.equal(evaluate(e, "where=KZ-71").failed, "where");
  assert.equal(evaluate(e, "where=astana").failed, "where");
  assert.equal(evaluate(INDEX.listings[0], "where=astana").result, "yes");
});

test("open now, in Kazakhstan time (UTC+5 by default, or the index's offset)", () => {
  const hours = [{ days: ["mon"], opens: "09:00", closes: "18:00" }];
  const monday = (utc) => new Date("2026-01-05T" + utc + ":00Z"); /* 5 January 2026 is a Monday */
  assert.equal(core.openNow(hours, monday("04:00")), "yes", "09:00 in Almaty");
  assert.equal(core.openNow(hours, monday("03:59")), "no");
  assert.equal(core.openNow(hours, monday("13:00")), "no", "closed at 18:00 sharp");
  assert.equal(core.openNow(hours, monday("12:59")), "yes");
  assert.equal(core.openNow(hours, monday("04:00"), 360), "yes", "10:00 at UTC+6");
  assert.equal(core.openNow(hours, monday("03:30"), 360), "yes");
  assert.equal(core.openNow("24/7", monday("00:00")), "yes");
  assert.equal(core.openNow(null, monday("00:00")), "unknown");
});

test("open through midnight: from its own day into the next", () => {
  const night = [{ days: ["sun"], opens: "20:00", closes: "08:00" }];
  assert.equal(core.openNow(night, new Date("2026-01-04T16:00:00Z")), "yes", "Sunday 21:00");
  assert.equal(core.openNow(night, new Date("2026-01-05T02:00:00Z")), "yes", "Monday 07:00");
  assert.equal(core.openNow(night, new Date("2026-01-05T03:00:00Z")), "no", "Monday 08:00");
  assert.equal(core.openNow(night, new Date("2026-01-05T16:00:00Z")), "no", "Monday 21:00");
});

test("round the clock: every minute of the week, in whatever form the schedule says it", () => {
  assert.equal(core.allDay([{ days: WEEK, opens: "00:00", closes: "24:00" }]), "yes");
  assert.equal(core.allDay([{ days: WEEK, opens: "00:00", closes: "00:00" }]), "yes");
  assert.equal(core.allDay([{ days: WEEK.slice(0, 6), opens: "00:00", closes: "24:00" }]), "no");
  /* Issue 16, item 20: these were hidden by "round the clock", though "open now" read them right. */
  assert.equal(core.allDay([{ days: WEEK, opens: "09:00", closes: "09:00" }]), "yes");
  assert.equal(core.allDay([{ days: WEEK, opens: "00:00", closes: "12:00" }, { days: WEEK, opens: "12:00", closes: "24:00" }]), "yes");
  assert.equal(core.allDay([{ days: WEEK, opens: "20:00", closes: "08:00" }, { days: WEEK, opens: "08:00", closes: "20:00" }]), "yes");
  assert.equal(core.allDay([{ days: WEEK, opens: "00:00", closes: "12:00" }, { days: WEEK, opens: "12:01", closes: "24:00" }]), "no", "a minute's gap");
  assert.equal(core.allDay([{ days: WEEK.slice(1), opens: "09:00", closes: "09:00" }]), "no", "one day missing");
  /* Saturday 09:00 to Sunday 09:00 covers the start of the week. */
  assert.equal(core.allDay([{ days: ["sat", "sun", "mon", "tue", "wed", "thu", "fri"], opens: "09:00", closes: "09:00" }]), "yes");
  assert.equal(core.allDay("unknown"), "unknown");
  assert.equal(core.allDay([]), "no");
});

test("open now and round the clock read a schedule alike: round the clock is open at every minute", () => {
  const schedules = [
    [{ days: WEEK, opens: "09:00", closes: "09:00" }],
    [{ days: WEEK, opens: "00:00", closes: "12:00" }, { days: WEEK, opens: "12:00", closes: "24:00" }],
    [{ days: WEEK, opens: "00:00", closes: "12:00" }, { days: WEEK, opens: "12:30", closes: "24:00" }],
    [{ days: ["fri", "sat"], opens: "20:00", closes: "08:00" }],
  ];
  schedules.forEach(function (hours) {
    let always = true;
    for (let m = 0; m < 7 * 24 * 60 && always; m += 15) {
      const now = new Date(Date.UTC(2026, 0, 4, 0, m) - 300 * 60000); /* Sunday 00:00 in Kazakhstan, then on */
      if (core.openNow(hours, now, 300) !== "yes") always = false;
    }
    assert.equal(core.allDay(hours), always ? "yes" : "no", JSON.stringify(hours));
  });
});

test("distance between towns on the globe", () => {
  const { almaty, astana } = INDEX.cities;
  assert.equal(core.distanceKm(almaty.lat, almaty.lon, almaty.lat, almaty.lon), 0);
  const km = core.distanceKm(almaty.lat, almaty.lon, astana.lat, astana.lon);
  assert.ok(km > 955 && km < 985, "Almaty to Astana is about 970 km, got " + km);
});

/* ---------------------------------------------------------------- the whole list */

function ids(items) {
  return items.map((x) => x.entry.id);
}

test("run: certain matches first, then 'ask them', each in the page's order; hidden ones counted", () => {
  const r = core.run(INDEX, core.parse("need=shelter&hiv=1&free=1", INDEX), new Date(), null);
  assert.deepEqual(ids(r.shown), ["almaty-shelter", "astana-shelter", "almaty-ask"]);
  assert.deepEqual(r.shown.map((x) => x.result), ["yes", "unknown", "unknown"]);
  assert.deepEqual(plain(r.shown[2].unknown), ["hiv", "free"]);
  assert.deepEqual(ids(r.hidden), ["national-line", "kaskelen-paid", "almaty-closed"]);
  assert.deepEqual(plain(r.reasons), { need: 1, free: 1, status: 1 }, "kaskelen-paid: hiv unknown, then free no");
  assert.deepEqual([r.yes, r.ask], [1, 2]);
});

test("run: with a region, its listings before national ones; nearest first, after the lines that answer anywhere", () => {
  const all = core.run(INDEX, core.parse("free=1", INDEX), new Date(), null);
  assert.equal(ids(all.shown)[0], "national-line", "no place: the page's order");
  const placed = core.run(INDEX, core.parse("where=KZ-75", INDEX), new Date(), null);
  assert.deepEqual(ids(placed.shown), ["almaty-ask", "almaty-shelter", "kaskelen-paid", "national-line"]);
  assert.deepEqual(plain(placed.reasons), { where: 1, status: 1 });
  /* Issue 16, item 18: "near me" alone put the national line last, after a centre 1,000 km
     away, and kept the closed centre in the list. */
  const near = core.run(INDEX, core.parse("near=kaskelen", INDEX), new Date(), null);
  assert.deepEqual(ids(near.shown), ["national-line", "kaskelen-paid", "almaty-ask", "almaty-shelter", "astana-shelter"]);
  assert.deepEqual(ids(near.hidden), ["almaty-closed"], "a closed centre is never offered as help");
  assert.deepEqual(plain(near.reasons), { status: 1 });
  assert.equal(near.origin.city, "kaskelen");
  assert.equal(near.shown[1].km, 0);
  const geo = core.run(INDEX, core.parse("", INDEX), new Date(), { lat: 51.2, lon: 71.4 });
  assert.deepEqual(ids(geo.shown).slice(0, 2), ["national-line", "astana-shelter"]);
  assert.ok(ids(geo.hidden).indexOf("almaty-closed") >= 0);
  assert.equal(geo.origin.city, null);
  /* Even when the line's answer is "ask them" (its hours unknown), it stays first. */
  const index = Object.assign({}, INDEX, { listings: INDEX.listings.map(function (x) {
    return x.id === "national-line" ? Object.assign({}, x, { hours: "unknown" }) : x;
  }) });
  const open = core.run(index, core.parse("open=now&near=astana", index), new Date("2026-01-05T06:00:00Z"), null);
  assert.equal(ids(open.shown)[0], "national-line");
  assert.equal(open.shown[0].result, "unknown");
});

/* ---------------------------------------------------------------- the page */

const WORDS = {
  js_all: "All {n}.", js_none: "None.", js_shown: "{shown} shown: {yes} sure, {ask} ask.", js_hidden: "{n} hidden",
  why_need: "other help", why_where: "elsewhere", why_status: "closed", why_free: "paid", js_ask: "Ask them", ask_hiv: "HIV", ask_free: "fee",
  js_filters: "Filters", no_index: "The list cannot be filtered.", js_sorted_city: "Nearest to {city} first.",
  js_kids_caveat: "Give the children's ages.", js_everywhere: "Everywhere", js_km: "{km} km", js_same_town: "In this town",
};

class FakeRequest {
  open(method, url) { this.method = method; this.url = url; FakeRequest.last = this; }
  send() { this.sent = true; }
  respond(status, body) { this.status = status; this.responseText = body; this.onload(); }
  fail() { this.onerror(); }
}

function findPage(query, options) {
  const opts = options || {};
  const doc = new Document();
  const win = new Window(doc, "https://example.org/kk/find/" + (query || ""));
  win.navigator = {};
  win.history = { calls: [], replaceState(state, title, url) { this.calls.push(url); } };
  const h = builder(doc);
  const select = (name, values) => {
    const el = h("select", { id: "fh-" + name, name });
    el.options = values.map(([value, text]) => h("option", { value }, text));
    el.options.forEach((o) => el.appendChild(o));
    let value = "";
    Object.defineProperty(el, "value", { get: () => value, set: (v) => { value = v; } });
    Object.defineProperty(el, "selectedIndex", { get: () => values.findIndex(([v]) => v === value) });
    return el;
  };
  const box = (name) => h("input", { id: "fh-" + name, name, type: "checkbox", checked: false });
  const text = (name) => h("input", { id: "fh-" + name, name, type: "text", value: "" });
  const elements = {
    where: select("where", [["", "Anywhere"], ["KZ-75", "Almaty (4)"], ["almaty", "Almaty city"]]),
    need: select("need", [["", "Any help"], ["shelter", "A place to stay (4)"], ["legal", "Legal help"]]),
    near: select("near", [["", "—"], ["almaty", "Almaty"], ["kaskelen", "Kaskelen"], ["astana", "Astana"]]),
    age: h("input", { id: "fh-age", name: "age", type: "number", value: "" }),
    boys: text("boys"), girls: text("girls"),
    pregnant: box("pregnant"), kids: box("kids"), hiv: box("hiv"), nopolice: box("nopolice"), free: box("free"),
    gender: select("gender", [["", "—"], ["women", "A woman"], ["men", "A man"]]),
    mental: box("mental"), noreferral: box("noreferral"),
  };
  const form = h("form", { id: "fh-form", "data-words": JSON.stringify(WORDS), "data-index": "index.json", hidden: true });
  if (opts.places) form.setAttribute("data-places", JSON.stringify(opts.places));
  form.elements = elements;
  Object.values(elements).forEach((el) => form.appendChild(el));
  ["now", "247"].forEach((v) => form.appendChild(h("input", { id: "fh-open-" + v, type: "radio", name: "open", value: v, checked: false })));
  doc.body.appendChild(form);
  ["pregnant", "kids", "hiv", "mental", "nopolice", "noreferral", "free", "boys", "girls", "open-now", "open-247"].forEach((name) => {
    form.appendChild(h("label", { for: "fh-" + name }, "label " + name));
  });
  doc.body.appendChild(h("button", { id: "fh-locate" }));
  doc.body.appendChild(h("p", { id: "fh-summary" }));
  doc.body.appendChild(h("p", { id: "fh-print-filters", hidden: true }));
  doc.body.appendChild(h("p", { id: "fh-geo-status" }));
  if (opts.kidsNote) doc.body.appendChild(h("p", { id: "fh-kids-note", hidden: true }));
  const list = doc.body.appendChild(h("ol", { id: "fh-list" }));
  (opts.index || INDEX).listings.forEach((e) => {
    const li = h("li", { class: "fh-item", "data-id": e.id }, h("p", { class: "fh-match", hidden: true }), h("p", { class: "fh-distance", hidden: true }));
    core.FACTS.forEach((key) => {
      const value = e[key];
      if (value !== null && value !== undefined) {
        li.setAttribute("data-" + key.replace(/_/g, "-"), core.JSON_FACTS.includes(key) ? JSON.stringify(value) : String(value));
      }
    });
    list.appendChild(li);
  });
  const context = runScript("find-help.js", { self: win, document: doc, XMLHttpRequest: FakeRequest });
  const byId = (id) => doc.getElementById(id);
  const item = (id) => list.querySelector("li[data-id=" + id + "]");
  const order = () => list.children.filter((li) => !li.hidden).map((li) => li.getAttribute("data-id"));
  return { doc, win, form, list, context, byId, item, order, request: FakeRequest.last };
}

test("the page loads its index, applies the address and says what it hid and why", () => {
  const p = findPage("?need=shelter&hiv=1&free=1");
  assert.equal(typeof p.win.KzFind.run, "function", "KzFind is the page's one global...");
  assert.deepEqual(Object.keys(p.context).sort(), ["XMLHttpRequest", "document", "self"], "...and it adds no other");
  assert.equal(p.request.url, "index.json");
  assert.equal(p.form.hidden, true, "the form waits for the index");
  p.request.respond(200, JSON.stringify(INDEX));
  assert.equal(p.form.hidden, false);
  assert.ok(p.form.hasAttribute("data-ready"));
  assert.equal(p.form.elements.need.value, "shelter");
  assert.equal(p.form.elements.hiv.checked, true);
  assert.deepEqual(p.order(), ["almaty-shelter", "astana-shelter", "almaty-ask"]);
  assert.ok(p.item("almaty-ask").classList.contains("fh-item--ask"));
  assert.ok(!p.item("almaty-shelter").classList.contains("fh-item--ask"));
  assert.equal(p.item("almaty-ask").querySelector(".fh-match").textContent, "Ask them: HIV, fee");
  assert.equal(p.item("almaty-shelter").querySelector(".fh-match").hidden, true);
  assert.equal(p.byId("fh-summary").textContent, "3 shown: 1 sure, 2 ask. 3 hidden (closed — 1; other help — 1; paid — 1).");
  const printed = p.byId("fh-print-filters");
  assert.equal(printed.hidden, false);
  assert.equal(printed.textContent.split(";")[0], "Filters: A place to stay", "the option's count is left out");
});

test("without its index the page falls back to the facts on the items", () => {
  const p = findPage("?near=kaskelen", { places: { cities: INDEX.cities, regions: INDEX.regions, needs: INDEX.needs, utc_offset_minutes: 300 } });
  p.request.respond(404, "Not found");
  assert.equal(p.form.hidden, false);
  assert.deepEqual(p.order().filter(function (id) { return !p.item(id).hidden; }),
    ["national-line", "kaskelen-paid", "almaty-ask", "almaty-shelter", "astana-shelter"]);
  assert.equal(p.item("almaty-closed").hidden, true);
  assert.equal(p.item("kaskelen-paid").querySelector(".fh-distance").textContent, "In this town");
  assert.equal(p.item("national-line").querySelector(".fh-distance").textContent, "Everywhere");
  assert.match(p.item("astana-shelter").querySelector(".fh-distance").textContent, /^\d+ km$/);
  assert.equal(p.byId("fh-summary").textContent, "5 shown: 5 sure, 0 ask. 1 hidden (closed — 1). Nearest to Kaskelen first.");
});

test("without its index the facts on the items are read as JSON where they are JSON: ages are numbers", () => {
  const p = findPage("?age=17", { places: { cities: INDEX.cities, regions: INDEX.regions, needs: INDEX.needs, utc_offset_minutes: 300 } });
  p.request.respond(404, "Not found");
  /* Every shelter takes women from 18: at 17 only the phone line is left, and it is not "ask them". */
  assert.deepEqual(p.order().filter(function (id) { return !p.item(id).hidden; }), ["national-line"]);
  assert.ok(!p.item("national-line").classList.contains("fh-item--ask"));
});

test("without its index every fact that is JSON on the items is read as JSON: the answers are the index's", () => {
  /* Read as plain text, each would answer differently: "support" found inside '["social_support"]',
     a limit of '10' or '"none"' not a number, '"24/7"' not round the clock, 'false' a phone line. */
  const index = Object.assign({}, INDEX, {
    needs: ["support", "social_support"],
    listings: [
      listing("line", { kind: "helpline", region: null, city: null, services: ["support"], boys: "none", phone_line: true }),
      listing("social", { services: ["social_support"], boys: 12, hiv: "unknown" }),
      listing("support", { services: ["support"], boys: 10, girls: "none" }),
      listing("unsure", { services: ["support"], boys: "unknown", girls: 5, hours: "unknown" }),
    ],
  });
  const places = { cities: index.cities, regions: index.regions, needs: index.needs, utc_offset_minutes: 300 };
  const shown = (p) => p.order().filter((id) => !p.item(id).hidden)
    .map((id) => id + (p.item(id).classList.contains("fh-item--ask") ? "?" : ""));
  const expected = {
    "?need=support": ["line", "support", "unsure"],
    "?boys=11": ["line", "social", "unsure?"],
    "?girls=6": ["line", "social", "support"],
    "?open=247": ["line", "social", "support", "unsure?"],
    "?hiv=1": ["line", "social?", "support?", "unsure?"],
  };
  for (const [query, ids] of Object.entries(expected)) {
    const fromIndex = findPage(query, { index });
    fromIndex.request.respond(200, JSON.stringify(index));
    assert.deepEqual(shown(fromIndex), ids, query);
    const fromItems = findPage(query, { index, places });
    fromItems.request.respond(404, "Not found");
    assert.deepEqual(shown(fromItems), ids, query + ", from the items");
  }
});

test("'with children' without their ages: she is told to give them when a listing shown takes children only to an age", () => {
  /* Every listing here takes boys up to 10: without the ages, a yes may be a no for her son. */
  const note = (query) => {
    const p = findPage(query, { kidsNote: true });
    p.request.respond(200, JSON.stringify(INDEX));
    const el = p.byId("fh-kids-note");
    return el.hidden ? "" : el.textContent;
  };
  assert.equal(note("?kids=1"), "Give the children's ages.");
  assert.equal(note("?kids=1&boys=4"), "", "the ages are given");
  assert.equal(note("?kids=1&girls=4"), "", "the ages are given");
  assert.equal(note("?need=shelter"), "", "no children");
});

test("with neither index nor facts it says the list cannot be filtered and keeps every item", () => {
  const p = findPage("?need=shelter");
  p.request.fail();
  assert.equal(p.byId("fh-summary").textContent, WORDS.no_index);
  assert.equal(p.form.hidden, true);
  assert.equal(p.order().length, INDEX.listings.length);
});

test("changing a filter updates the list and the address, never the reader's location", () => {
  const p = findPage("");
  p.request.respond(200, JSON.stringify(INDEX));
  assert.equal(p.byId("fh-summary").textContent, "All 6.");
  p.form.elements.where.value = "KZ-71";
  p.form.dispatch("change", { target: p.form.elements.where });
  assert.deepEqual(p.win.history.calls, ["/kk/find/?where=KZ-71"]);
  p.win.flush();
  assert.deepEqual(p.order(), ["astana-shelter", "national-line"]);
  assert.equal(p.byId("fh-summary").textContent, "2 shown: 2 sure, 0 ask. 4 hidden (closed — 1; elsewhere — 3).");
});

test("unticking 'children' clears the children's ages", () => {
  const p = findPage("?boys=3");
  p.request.respond(200, JSON.stringify(INDEX));
  assert.equal(p.form.elements.kids.checked, true);
  assert.equal(p.form.elements.boys.value, "3");
  p.form.elements.kids.checked = false;
  p.form.dispatch("change", { target: p.form.elements.kids });
  assert.equal(p.form.elements.boys.value, "");
  assert.equal(p.form.elements.kids.checked, false);
  assert.deepEqual(p.win.history.calls, ["/kk/find/"]);
});
