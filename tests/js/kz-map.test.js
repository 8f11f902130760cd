"use strict";
/* kz-map.js in a fake map frame: a fake Leaflet that records what the script asks of it. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { Document, Window, builder, runScript, plain } = require("./fake-dom.js");

const WORDS = {
  attribution_prefix: "Regions: geoBoundaries", zoom_in: "Zoom in", zoom_out: "Zoom out", map_label: "Map",
  group_label: "{n} listings here ({n})", region_link: "Region page", helplines: "Call:", layers: "Layers",
  close: "Close",
};
const BOUNDS = [[40, 46], [56, 88]];

function fakeLeaflet() {
  const made = { zoom: [], controls: [], icons: [] };
  function control(options) {
    const c = { options, addTo(map) { this.onAdd && map.getContainer().appendChild(this.onAdd(map)); made.controls.push(this); return this; } };
    return c;
  }
  control.zoom = (options) => { made.zoom.push(options); return { addTo() { return this; } }; };
  const L = {
    control,
    divIcon: (options) => { made.icons.push(options); return options; },
    point: (x, y) => [x, y],
    geoJSON: (feature, options) => ({ feature, options }),
    layerGroup: (layers) => ({ layers, addTo(map) { map.layers.push(this); return this; } }),
    DomEvent: { disableClickPropagation() {}, disableScrollPropagation() {} },
  };
  return { L, made };
}

function fakeMap(doc) {
  const h = builder(doc);
  const container = doc.body.appendChild(h("div", { class: "leaflet-container" }));
  container.appendChild(h("a", { class: "leaflet-control-layers-toggle" }));
  const attribution = h("div", { class: "leaflet-control-attribution" });
  const handlers = {};
  const map = {
    layers: [], fitted: [], removed: [], closed: [], prefix: null, attributions: [], wheel: false,
    attributionControl: {
      setPrefix(p) { map.prefix = p; }, addAttribution(a) { map.attributions.push(a); }, getContainer: () => attribution,
    },
    scrollWheelZoom: { enable() { map.wheel = true; } },
    getContainer: () => container,
    fitBounds(bounds, options) { map.fitted.push({ bounds, options }); },
    removeLayer(layer) { map.removed.push(layer); map.layers = map.layers.filter((l) => l !== layer); },
    closePopup(popup) { map.closed.push(popup); },
    on(type, fn) { (handlers[type] = handlers[type] || []).push(fn); },
    fire(type, e) { (handlers[type] || []).forEach((fn) => fn(e)); },
  };
  return map;
}

/* A region layer as Folium's GeoJSON makes it, with an SVG path to make keyboard-ready. */
function region(doc, properties) {
  const path = doc.createElement("path");
  const layer = {
    feature: { type: "Feature", properties, geometry: null },
    tooltip: null, popup: null, opened: 0,
    getElement: () => path,
    bindTooltip(content, options) { this.tooltip = { content, options }; },
    bindPopup(content, options) { this.popup = { content, options }; },
    openPopup() { this.opened += 1; },
    getBounds: () => "bounds of " + properties.iso,
  };
  return layer;
}

function frame(options) {
  const opts = options || {};
  const doc = new Document();
  const win = new Window(doc, "https://example.org/map/map.html" + (opts.hash || ""));
  const { L, made } = fakeLeaflet();
  if (opts.top) win.top = opts.top;
  const context = runScript("kz-map.js", { window: win, document: doc, L, Date: { now: () => (opts.clock ? opts.clock.now : 0) } });
  return { doc, win, L, made, kzMap: context.window.kzMap };
}

function mapWithRegions(opts) {
  const f = frame(opts);
  const map = fakeMap(f.doc);
  const layers = [
    region(f.doc, { iso: "KZ-75", name: "Almaty", counts: "5 listings", n: 5, href: "../regions/kz-75/" }),
    region(f.doc, { iso: "KZ-61", name: "Turkistan region", counts: "no listings", n: 0, href: "../regions/kz-61/" }),
  ];
  const regions = { eachLayer: (fn) => layers.forEach(fn) };
  const all = { map, regions, streets: { name: "streets" } };
  const helplines = (opts && opts.helplines) || [{ display: "150", tel: "150" }, { display: "111", tel: "111" }];
  f.kzMap.init(all, { words: WORDS, bounds: BOUNDS, helplines });
  f.kzMap.ready(all);
  return Object.assign(f, { map, layers, all });
}

/* ---------------------------------------------------------------- tests */

test("loading marks the frame as scripted and offers kzMap", () => {
  const { doc, kzMap } = frame();
  assert.ok(doc.documentElement.classList.contains("kz-js"));
  assert.equal(typeof kzMap.init, "function");
  assert.equal(typeof kzMap.ready, "function");
});

test("init: own attribution, labelled zoom buttons and region, whole country in view", () => {
  const { map, made, kzMap } = mapWithRegions();
  assert.equal(map.prefix, false);
  assert.deepEqual(map.attributions, [WORDS.attribution_prefix]);
  assert.deepEqual(plain(made.zoom), [{ position: "topleft", zoomInTitle: "Zoom in", zoomOutTitle: "Zoom out" }]);
  const container = map.getContainer();
  assert.equal(container.getAttribute("role"), "region");
  assert.equal(container.getAttribute("aria-label"), "Map");
  assert.equal(map.wheel, true, "not embedded: the wheel zooms");
  assert.deepEqual(plain(map.fitted[0]), { bounds: BOUNDS, options: { animate: false } });
  assert.equal(kzMap.options.bounds, BOUNDS);
});

test("embedded in a page, the wheel scrolls the page, not the map", () => {
  const top = new Window(new Document());
  const { map } = mapWithRegions({ top });
  assert.equal(map.wheel, false);
});

test("a cluster shows the number of listings in its towns, not the number of towns", () => {
  const { kzMap, made } = mapWithRegions();
  const markers = [{ options: { count: 3 } }, { options: { count: 4 } }, { options: {} }];
  const icon = kzMap.clusterIcon({ getAllChildMarkers: () => markers });
  assert.equal(made.icons.length, 1);
  assert.equal(icon.className, "kz-map-pin kz-map-pin--group");
  assert.deepEqual(plain(icon.iconSize), [40, 40]);
  const [visible, spoken] = icon.html.children;
  assert.equal(visible.textContent, "7");
  assert.equal(visible.getAttribute("aria-hidden"), "true");
  assert.ok(spoken.classList.contains("kz-vh"));
  assert.equal(spoken.textContent, "7 listings here (7)", "every {n} is filled");
});

test("each region: a tooltip, a popup with its page, and a place in the tab order", () => {
  const { layers } = mapWithRegions();
  const almaty = layers[0];
  const path = almaty.getElement();
  assert.equal(almaty.tooltip.content.textContent, "Almaty — 5 listings");
  assert.equal(almaty.tooltip.options.sticky, true);
  assert.equal(path.getAttribute("data-region"), "KZ-75");
  assert.equal(path.getAttribute("tabindex"), "0");
  assert.equal(path.getAttribute("role"), "button");
  assert.equal(path.getAttribute("aria-label"), "Almaty — 5 listings");
  const popup = almaty.popup.content;
  assert.equal(popup.querySelector("p.kz-pop__town").textContent, "Almaty");
  const go = popup.querySelector("a.kz-pop__go");
  assert.equal(go.textContent, "Region page");
  assert.equal(go.href, "../regions/kz-75/");
  assert.equal(popup.querySelector("a.kz-map-tel"), null, "a region with listings: no helplines");
});

test("a region without listings gives the national helplines to call", () => {
  const { layers } = mapWithRegions();
  const popup = layers[1].popup.content;
  const tels = popup.querySelectorAll("a.kz-map-tel");
  assert.deepEqual(tels.map((a) => a.href), ["tel:150", "tel:111"]);
  assert.equal(tels[0].parentNode.textContent, "Call: 150 111");
});

test("a region without listings and no helplines known: no empty line", () => {
  const { layers } = mapWithRegions({ helplines: [] });
  assert.equal(layers[1].popup.content.children.length, 3);
});

test("Space on a focused region opens its popup; other keys are left to Leaflet", () => {
  const { layers } = mapWithRegions();
  const path = layers[0].getElement();
  const space = path.dispatch("keydown", { key: " " });
  assert.equal(space.defaultPrevented, true);
  assert.equal(layers[0].opened, 1);
  path.dispatch("keydown", { key: "Spacebar" });
  assert.equal(layers[0].opened, 2);
  const enter = path.dispatch("keydown", { key: "Enter" });
  assert.equal(enter.defaultPrevented, false);
  assert.equal(layers[0].opened, 2);
});

test("#KZ-xx zooms to that region and outlines it; another hash or none shows the country", () => {
  const { map, win, doc } = mapWithRegions({ hash: "#KZ-61" });
  const html = doc.documentElement;
  assert.ok(html.classList.contains("kz-map--focus"));
  const last = map.fitted[map.fitted.length - 1];
  assert.equal(last.bounds, "bounds of KZ-61");
  assert.equal(map.layers.length, 1);
  const outline = map.layers[0];
  assert.deepEqual(plain(outline.layers.map((l) => l.options.style.color)), ["#111111", "#ffffff"]);
  assert.ok(outline.layers.every((l) => l.options.interactive === false && l.feature.properties.iso === "KZ-61"));

  win.location.hash = "#KZ-99";
  win.dispatch("hashchange");
  assert.deepEqual(map.removed, [outline]);
  assert.equal(map.layers.length, 0);
  assert.ok(!html.classList.contains("kz-map--focus"));
  assert.equal(map.fitted[map.fitted.length - 1].bounds, BOUNDS);

  win.location.hash = "#KZ-75";
  win.dispatch("hashchange");
  assert.equal(map.layers.length, 1);
  assert.equal(map.fitted[map.fitted.length - 1].bounds, "bounds of KZ-75");
});

test("the layers button is named, and the street map marks the container while shown", () => {
  const { map, all } = mapWithRegions();
  const container = map.getContainer();
  const toggle = container.querySelector(".leaflet-control-layers-toggle");
  assert.equal(toggle.getAttribute("aria-label"), "Layers");
  assert.equal(toggle.title, "Layers");
  map.fire("overlayadd", { layer: { other: true } });
  assert.ok(!container.classList.contains("kz-map--streets"));
  map.fire("overlayadd", { layer: all.streets });
  assert.ok(container.classList.contains("kz-map--streets"));
  map.fire("overlayremove", { layer: all.streets });
  assert.ok(!container.classList.contains("kz-map--streets"));
});

/* As Leaflet 1.9 builds a popup: the content first, then the tip, then the close button (also a link). */
function popupFor(doc) {
  const h = builder(doc);
  const box = h("div", { class: "leaflet-popup" },
    h("div", { class: "leaflet-popup-content-wrapper" },
      h("div", { class: "leaflet-popup-content" }, h("a", { class: "kz-pop__go", href: "../regions/kz-75/" }, "Region page"))),
    h("div", { class: "leaflet-popup-tip-container" }),
    h("a", { class: "leaflet-popup-close-button", href: "#close" }));
  doc.body.appendChild(box);
  return { getElement: () => box, box };
}

test("a popup opened from the keyboard takes the focus and gives it back; Escape closes it", () => {
  const { map, doc, layers } = mapWithRegions();
  const path = layers[0].getElement();
  doc.body.appendChild(path);
  path.focus();
  doc.dispatch("keydown", { key: "Enter" });
  const popup = popupFor(doc);
  map.fire("popupopen", { popup });
  const close = popup.box.querySelector(".leaflet-popup-close-button");
  assert.equal(close.getAttribute("aria-label"), "Close");
  assert.equal(doc.activeElement, popup.box.querySelector("a.kz-pop__go"), "the link, not the close button");
  assert.deepEqual(plain(doc.activeElement.focused), [{ preventScroll: true }]);
  doc.dispatch("keydown", { key: "Escape" });
  assert.deepEqual(map.closed, [popup]);
  map.fire("popupclose", { popup });
  assert.equal(doc.activeElement, path);
  doc.dispatch("keydown", { key: "Escape" });
  assert.equal(map.closed.length, 1, "nothing open, nothing to close");
});

test("a popup opened with the pointer leaves the focus where it is", () => {
  const { map, doc } = mapWithRegions();
  doc.dispatch("keydown", { key: "Tab" });
  doc.dispatch("pointerdown");
  const before = doc.activeElement;
  map.fire("popupopen", { popup: popupFor(doc) });
  assert.equal(doc.activeElement, before);
});

test("the national lines become a map control and the credits move to the bar under the map", () => {
  const f = frame();
  const h = builder(f.doc);
  const national = f.doc.body.appendChild(h("div", { id: "kz-map-national" }, "150"));
  const bar = f.doc.body.appendChild(h("div", { id: "kz-map-bar" }));
  const map = fakeMap(f.doc);
  const all = { map, regions: { eachLayer() {} }, streets: {} };
  f.kzMap.init(all, { words: WORDS, bounds: BOUNDS, helplines: [] });
  f.kzMap.ready(all);
  assert.ok(national.classList.contains("leaflet-control"));
  assert.equal(national.parentNode, map.getContainer());
  assert.equal(f.made.controls[0].options.position, "bottomleft");
  assert.equal(map.attributionControl.getContainer().parentNode, bar);
});

test("Shift three times inside the embedded map presses the page's quick exit", () => {
  const clock = { now: 0 };
  const topDoc = new Document();
  const top = new Window(topDoc);
  const exit = topDoc.body.appendChild(builder(topDoc)("a", { href: "https://www.google.kz/", "data-kz-exit": "" }));
  let clicks = 0;
  exit.addEventListener("click", () => { clicks += 1; });
  const { doc } = frame({ top, clock });
  [0, 300, 600].forEach((t) => { clock.now = t; doc.dispatch("keydown", { key: "Shift", repeat: false }); });
  assert.equal(clicks, 1);
  [2000, 3500, 5000].forEach((t) => { clock.now = t; doc.dispatch("keydown", { key: "Shift", repeat: false }); });
  assert.equal(clicks, 1, "a second apart: no exit");
});

test("Shift three times in the map opened on its own, or embedded by another site, does nothing", () => {
  const alone = frame();
  [0, 1, 2].forEach(() => alone.doc.dispatch("keydown", { key: "Shift", repeat: false }));
  const foreign = { get document() { throw new Error("SecurityError"); } };
  const embedded = frame({ top: foreign });
  assert.doesNotThrow(() => {
    [0, 1, 2].forEach(() => embedded.doc.dispatch("keydown", { key: "Shift", repeat: false }));
  });
});
