"use strict";
/* quick-exit.js on a fake page: the button and Shift pressed three times leave for the neutral page. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { Document, Window, builder, runScript } = require("./fake-dom.js");

const NEUTRAL = "https://www.google.kz/search?q=weather";

function page(options) {
  const opts = options || {};
  const doc = new Document();
  const win = new Window(doc);
  const h = builder(doc);
  doc.title = "Find help";
  const link = opts.noLink ? null : doc.body.appendChild(h("a", { href: NEUTRAL, "data-kz-exit": "" }, "Exit"));
  const clock = { now: 10000 };
  if (opts.replaceThrows) win.location.replace = () => { throw new Error("blocked"); };
  runScript("quick-exit.js", { window: win, document: doc, Date: { now: () => clock.now } });
  const html = doc.documentElement;
  const shift = (at, extra) => { clock.now = at; return doc.dispatch("keydown", Object.assign({ key: "Shift", repeat: false }, extra)); };
  return { doc, win, link, html, shift };
}

test("the button blanks the page and replaces this history entry with the neutral page", () => {
  const { doc, win, link, html } = page();
  const event = link.click();
  assert.equal(event.defaultPrevented, true);
  assert.ok(html.classList.contains("kz-exiting"));
  assert.equal(doc.title, "");
  assert.deepEqual(win.replaced, [NEUTRAL]);
});

test("if location.replace throws, it still leaves by href", () => {
  const { win, link } = page({ replaceThrows: true });
  link.click();
  assert.equal(win.location.href, NEUTRAL);
});

test("Shift three times within a second exits", () => {
  const { win, html, shift } = page();
  shift(1000);
  shift(1400);
  assert.deepEqual(win.replaced, []);
  shift(1900);
  assert.deepEqual(win.replaced, [NEUTRAL]);
  assert.ok(html.classList.contains("kz-exiting"));
});

test("presses more than a second apart, held-down Shift and other keys do not exit", () => {
  const { win, shift, doc } = page();
  shift(1000);
  shift(1600);
  shift(2000); /* 1000 is a second old now: two in the window */
  assert.deepEqual(win.replaced, []);
  shift(2100, { repeat: true });
  doc.dispatch("keydown", { key: "a", repeat: false });
  assert.deepEqual(win.replaced, []);
  shift(2200); /* 1600, 2000, 2200 */
  assert.deepEqual(win.replaced, [NEUTRAL]);
});

test("after an exit the count starts again", () => {
  const { win, shift } = page();
  [100, 200, 300, 400, 500].forEach((t) => shift(t));
  assert.equal(win.replaced.length, 1);
  shift(600);
  assert.equal(win.replaced.length, 2);
});

test("back from the back-forward cache the page shows again; a fresh load changes nothing", () => {
  const { html, link, win } = page();
  link.click();
  win.dispatch("pageshow", { persisted: false });
  assert.ok(html.classList.contains("kz-exiting"));
  win.dispatch("pageshow", { persisted: true });
  assert.ok(!html.classList.contains("kz-exiting"));
});

test("a page without the exit link is left alone", () => {
  const { doc, win, shift } = page({ noLink: true });
  assert.equal(doc.listeners.keydown, undefined);
  assert.equal(win.listeners.pageshow, undefined);
  [1, 2, 3].forEach((t) => shift(t));
  assert.deepEqual(win.replaced, []);
});
