"use strict";
/* kz-map-load.js: the button over the static map puts the interactive map's frame in its place. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { Document, Window, builder, runScript, plain } = require("./fake-dom.js");

function page(options) {
  const opts = options || {};
  const doc = new Document();
  const win = new Window(doc);
  const h = builder(doc);
  const figure = doc.body.appendChild(h("figure", { class: "kz-map" }));
  const still = figure.appendChild(h("svg", { class: "kz-smap" }));
  const holder = figure.appendChild(h("p", { class: "kz-map-load" }));
  const button = holder.appendChild(h("button", { class: "kz-map-load__button", type: "button" }, "Open the map"));
  let later = null;
  if (!opts.noTemplate) {
    later = figure.appendChild(h("template", { class: "kz-map__later" }));
    later.content.appendChild(h("iframe", { src: "../map/map.html", title: "Map of Kazakhstan" }));
  }
  runScript("kz-map-load.js", { window: win, document: doc });
  return { doc, figure, still, holder, button, later };
}

test("the button replaces the static map with the frame, focuses it and removes itself", () => {
  const { doc, figure, still, holder, button, later } = page();
  const scrolled = [];
  /* The frame is a copy of the template's; give copies a scrollIntoView to watch. */
  const original = later.content.firstElementChild;
  original.cloneNode = function (deep) {
    const copy = Object.getPrototypeOf(this).cloneNode.call(this, deep);
    copy.scrollIntoView = (o) => scrolled.push(o);
    return copy;
  };
  button.click();
  const frame = figure.querySelector("iframe");
  assert.ok(frame, "the frame is in the figure");
  assert.notEqual(frame, original, "a copy, the template keeps its own");
  assert.equal(frame.getAttribute("src"), "../map/map.html");
  assert.equal(figure.firstElementChild, frame, "in the static map's place");
  assert.equal(still.parentNode, null);
  assert.equal(holder.parentNode, null);
  assert.equal(later.parentNode, null);
  assert.equal(doc.activeElement, frame);
  assert.deepEqual(plain(frame.focused), [{ preventScroll: true }]);
  assert.deepEqual(plain(scrolled), [{ block: "nearest" }]);
});

test("without scrollIntoView the frame still loads and takes the focus", () => {
  const { doc, figure, button } = page();
  button.click();
  assert.equal(doc.activeElement, figure.querySelector("iframe"));
});

test("without its template the button does nothing", () => {
  const { figure, still, holder, button } = page({ noTemplate: true });
  button.click();
  assert.equal(still.parentNode, figure);
  assert.equal(holder.parentNode, figure);
  assert.equal(figure.querySelector("iframe"), null);
});
