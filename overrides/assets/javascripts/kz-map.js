/* Behaviour of the map file (map/map.html). generator/mapframe.py writes map/map.js with
   Folium; that script calls kzMap.init() right after creating the map and kzMap.ready()
   once every layer exists. Text from the data is only ever set with textContent here.

   - Regions: tooltip (hover or keyboard focus) with name and counts; click, tap, Enter or
     Space opens a popup with a link to the region page.
   - Keyboard: regions and town markers are in the tab order; a popup opened from the
     keyboard takes the focus, and Escape gives it back.
   - #KZ-xx in the URL (region pages embed the map so) zooms to that region and outlines it.
   - Shift pressed three times inside the map triggers the page's quick exit. */
(function () {
  "use strict";

  var kzMap = (window.kzMap = {});
  var words = {};
  var keyboard = false;

  document.documentElement.classList.add("kz-js");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function fill(template, n) {
    return template.split("{n}").join(String(n));
  }

  kzMap.init = function (layers, options) {
    var map = layers.map;
    words = options.words;
    kzMap.options = options;
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(words.attribution_prefix);
    L.control.zoom({ position: "topleft", zoomInTitle: words.zoom_in, zoomOutTitle: words.zoom_out }).addTo(map);
    var container = map.getContainer();
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", words.map_label);
    if (window.top === window.self) map.scrollWheelZoom.enable();
    map.fitBounds(options.bounds, { animate: false });
  };

  /* Cluster icon of several towns: the number of listings in them, not of towns. */
  kzMap.clusterIcon = function (cluster) {
    var n = 0;
    cluster.getAllChildMarkers().forEach(function (marker) { n += marker.options.count || 0; });
    var html = el("span");
    html.appendChild(el("span", null, String(n))).setAttribute("aria-hidden", "true");
    html.appendChild(el("span", "kz-vh", fill(words.group_label, n)));
    return L.divIcon({ html: html, className: "kz-map-pin kz-map-pin--group", iconSize: L.point(40, 40) });
  };

  function regionPopup(p) {
    var box = el("div", "kz-pop");
    box.appendChild(el("p", "kz-pop__town", p.name));
    box.appendChild(el("p", null, p.counts));
    var link = box.appendChild(el("a", "kz-pop__go", words.region_link));
    link.href = p.href;
    var lines = kzMap.options.helplines;
    if (p.n === 0 && lines.length) {
      var call = box.appendChild(el("p", null, words.helplines + " "));
      lines.forEach(function (line, i) {
        var tel = call.appendChild(el("a", "kz-map-tel", line.display));
        tel.href = "tel:" + line.tel;
        if (i < lines.length - 1) call.appendChild(document.createTextNode(" "));
      });
    }
    return box;
  }

  function prepareRegion(layer) {
    var p = layer.feature.properties;
    var path = layer.getElement();
    var label = p.name + " — " + p.counts;
    layer.bindTooltip(el("span", null, label), { sticky: true }); /* Leaflet also opens it on focus */
    layer.bindPopup(regionPopup(p), { maxWidth: 260, autoPanPadding: [12, 12] });
    if (!path) return;
    path.setAttribute("data-region", p.iso);
    path.setAttribute("tabindex", "0");
    path.setAttribute("role", "button");
    path.setAttribute("aria-label", label);
    path.addEventListener("keydown", function (event) {
      if (event.key === " " || event.key === "Spacebar") {
        event.preventDefault();
        layer.openPopup();
      }
    });
  }

  function showRegion(layers) {
    var code = decodeURIComponent(window.location.hash.replace(/^#/, ""));
    var map = layers.map;
    if (kzMap.outline) {
      map.removeLayer(kzMap.outline);
      kzMap.outline = null;
    }
    var found = null;
    layers.regions.eachLayer(function (layer) {
      if (layer.feature.properties.iso === code) found = layer;
    });
    document.documentElement.classList.toggle("kz-map--focus", !!found);
    if (!found) {
      map.fitBounds(kzMap.options.bounds, { animate: false });
      return;
    }
    /* A dark line with a light one inside it: visible on every shade. */
    kzMap.outline = L.layerGroup([
      L.geoJSON(found.feature, { interactive: false, style: { fill: false, color: "#111111", weight: 5, opacity: 1 } }),
      L.geoJSON(found.feature, { interactive: false, style: { fill: false, color: "#ffffff", weight: 2, opacity: 1 } }),
    ]).addTo(map);
    map.fitBounds(found.getBounds(), { padding: [8, 8], animate: false });
  }

  kzMap.ready = function (layers) {
    var map = layers.map;
    layers.regions.eachLayer(prepareRegion);

    /* The street map is the only layer from another site: say so, and let the regions show through. */
    var container = map.getContainer();
    map.on("overlayadd", function (e) {
      if (e.layer === layers.streets) container.classList.add("kz-map--streets");
    });
    map.on("overlayremove", function (e) {
      if (e.layer === layers.streets) container.classList.remove("kz-map--streets");
    });
    var toggle = container.querySelector(".leaflet-control-layers-toggle");
    if (toggle) {
      toggle.title = words.layers;
      toggle.setAttribute("aria-label", words.layers);
    }

    /* The national lines are in the HTML (readable without JavaScript) and become a map control;
       the credits join the legend in the bar under the map, where they cover nothing on a phone. */
    var national = document.getElementById("kz-map-national");
    if (national) {
      var control = L.control({ position: "bottomleft" });
      control.onAdd = function () {
        L.DomEvent.disableClickPropagation(national);
        L.DomEvent.disableScrollPropagation(national);
        national.classList.add("leaflet-control");
        return national;
      };
      control.addTo(map);
    }
    var bar = document.getElementById("kz-map-bar");
    if (bar) bar.appendChild(map.attributionControl.getContainer());

    /* Keyboard: a popup opened with Enter or Space takes the focus; closing it gives it back. */
    document.addEventListener("keydown", function () { keyboard = true; }, true);
    ["mousedown", "pointerdown", "touchstart"].forEach(function (type) {
      document.addEventListener(type, function () { keyboard = false; }, { capture: true, passive: true });
    });
    var opener = null;
    var open = null;
    map.on("popupopen", function (e) {
      open = e.popup;
      var close = e.popup.getElement() && e.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", words.close);
        close.title = words.close;
      }
      if (!keyboard) return;
      opener = document.activeElement;
      var link = e.popup.getElement() && e.popup.getElement().querySelector("a[href]");
      if (link) link.focus({ preventScroll: true });
    });
    map.on("popupclose", function (e) {
      if (open === e.popup) open = null;
      if (keyboard && opener && document.contains(opener)) opener.focus({ preventScroll: true });
      opener = null;
    });
    /* Leaflet closes a popup on Escape only while the map itself has the focus, not a link in the popup. */
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && open) map.closePopup(open);
    });

    showRegion(layers);
    window.addEventListener("hashchange", function () { showRegion(layers); });
  };

  /* Quick exit: keys pressed inside this frame don't reach the page around it, so pass Shift x3 on. */
  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) return;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 1000; });
    presses.push(now);
    if (presses.length < 3) return;
    presses = [];
    try {
      var exit = window.top !== window.self && window.top.document.querySelector("[data-kz-exit]");
      if (exit) exit.click();
    } catch (e) { /* not embedded by this site */ }
  });
})();
