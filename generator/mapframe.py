"""The map file of one language, made with Folium: map/map.html and its script map/map.js.

How it differs from what Folium saves by default, and why:

* **No tiles by default.** ``tiles=None``: the 20 regions are the map. A street map from
  OpenStreetMap is an overlay the reader may switch on (LayerControl); its name says it
  loads from OpenStreetMap. OSM asks for a Referer, so only its tiles are sent with
  ``referrerPolicy: strict-origin-when-cross-origin`` (the site otherwise sends none).
* **Nothing from a CDN.** ``default_js``/``default_css`` of the Map and of the
  MarkerCluster plugin point to the copies in overrides/assets/vendor/ (made by
  tools/vendor_js.py), which drops Bootstrap, Font Awesome, jQuery and awesome-markers.
  The page is written from our own template with only the links Folium asked for; any
  link outside the vendored files fails the build.
* **No inline script or style.** Folium's script goes to map/map.js, its styles are replaced
  by overrides/assets/stylesheets/kz-map-frame.css, and the file carries a strict
  Content-Security-Policy of its own (script-src 'self').
* **Everything escaped.** Popups and tooltips take HTML: it is made by Jinja with autoescape
  (templates/map_popup.html) or markupsafe.escape, and put into the script with json.dumps.
  Region tooltips and popups are built in kz-map.js with textContent from plain strings.
* **Only towns.** Markers sit at the town's coordinates from data/cities.yaml (one marker
  per town, listing every centre there); the region shapes come from
  data/geo/kz-regions.geojson unchanged. No other coordinate enters the file.
* **Deterministic.** Folium's random element ids are renumbered, so the same data gives
  byte-identical files.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import folium
from branca.element import CssLink, Element, Figure, JavascriptLink, MacroElement
from folium.plugins import MarkerCluster
from folium.template import Environment, Template
from markupsafe import Markup, escape

from .mapview import Facts, Words, environment, template_globals

ROOT = Path(__file__).resolve().parent.parent
GEOJSON = ROOT / "data" / "geo" / "kz-regions.geojson"
VENDOR = "../assets/vendor/"  # relative to map/, in each language's site root
OWN_CSS = "../assets/stylesheets/kz-map-frame.css"
OWN_JS = "../assets/javascripts/kz-map.js"
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ORIGIN = "https://tile.openstreetmap.org"
OSM_REFERRER_POLICY = "strict-origin-when-cross-origin"

LEAFLET_JS = [("leaflet", VENDOR + "leaflet/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", VENDOR + "leaflet/leaflet.css")]
CLUSTER_JS = [("markerclusterjs", VENDOR + "leaflet.markercluster/leaflet.markercluster.js")]
CLUSTER_CSS = [("markercluster_css", VENDOR + "leaflet.markercluster/MarkerCluster.css")]

# The whole country with a margin, and where the map may be panned.
KZ_BOUNDS = [[40.5, 46.4], [55.5, 87.4]]
MAX_BOUNDS = {"min_lat": 36.0, "max_lat": 60.0, "min_lon": 40.0, "max_lon": 94.0}
CENTRE = [48.0, 67.0]

# The words kz-map.js needs, in the page's language.
SCRIPT_WORDS = (
    "zoom_in",
    "zoom_out",
    "close",
    "layers",
    "map_label",
    "region_link",
    "helplines",
    "group_label",
    "attribution_prefix",
)

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        f"img-src 'self' data: {OSM_ORIGIN}",  # tiles only once the reader switches the street map on
        "font-src 'self'",
        "connect-src 'self'",
        "frame-src 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    ]
)


def to_js(value: Any) -> str:
    """A JavaScript literal of any JSON value (in an external file: no HTML escaping needed)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("</", "<\\/")


class _Env(Environment):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["tojs"] = to_js


class _Template(Template):
    environment_class = _Env


class Bind(MacroElement):
    """bindPopup/bindTooltip on the parent layer, with HTML that is already escaped."""

    _template = _Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.{{ this.method }}({{ this.content|tojs }},{{ this.options|tojs }});"
        "{% endmacro %}"
    )

    def __init__(self, method: str, content: Markup, **options: Any):
        super().__init__()
        assert method in ("bindPopup", "bindTooltip") and isinstance(content, Markup)
        self._name = "Bind"
        self.method, self.content, self.options = method, str(content), options


class Call(MacroElement):
    """kzMap.<function>(<the named layers>, <options>) from kz-map.js."""

    _template = _Template(
        "{% macro script(this, kwargs) %}"
        "kzMap.{{ this.function }}({ {% for key, layer in this.layers.items() %}"
        "{{ key|tojs }}:{{ layer.get_name() }}{% if not loop.last %},{% endif %}{% endfor %} },"
        "{{ this.options|tojs }});"
        "{% endmacro %}"
    )

    def __init__(self, function: str, layers: dict[str, MacroElement], options: dict[str, Any] | None = None):
        super().__init__()
        self._name = "KzMap"
        self.function, self.layers, self.options = function, layers, options or {}


def region_geojson(f: Facts) -> dict:
    """The region shapes, unchanged, with the properties the map shows in this language."""
    data = json.loads(GEOJSON.read_text(encoding="utf-8"))
    by_code = {r.region.code: r for r in f.regions}
    features = []
    for feature in data["features"]:
        r = by_code[feature["properties"]["iso"]]
        properties = {
            "iso": r.region.code,
            "name": r.region.name(f.lang),
            "counts": r.counts,
            "n": r.n,
            "href": f"../regions/{r.region.slug}/",
        }
        features.append({"type": "Feature", "properties": properties, "geometry": feature["geometry"]})
    return {"type": "FeatureCollection", "features": features}


def make_map(f: Facts) -> folium.Map:
    w = Words(f.lang)
    m = folium.Map(
        location=CENTRE,
        zoom_start=4,
        tiles=None,
        zoom_control=False,  # kz-map.js adds one with titles in the page's language
        max_bounds=True,
        **MAX_BOUNDS,
        minZoom=3,  # camelCase: Folium's min_zoom/max_zoom only reach a tile layer
        maxZoom=12,
        zoom_snap=0.25,
        scroll_wheel_zoom=False,  # kz-map.js turns it on when the map is not inside another page
    )
    m.default_js, m.default_css = list(LEAFLET_JS), list(LEAFLET_CSS)
    shade_of = {r.region.code: r.shade.colour for r in f.regions}
    helplines = [
        {"tel": x.contacts.phones[0].tel, "display": x.contacts.phones[0].display}
        for x in f.national
        if x.kind == "helpline" and x.status == "active" and x.contacts.phones
    ]
    m.add_child(
        Call(
            "init",
            {"map": m},
            {
                "words": {key: w(key) for key in SCRIPT_WORDS},
                "bounds": KZ_BOUNDS,
                "helplines": helplines,
            },
        )
    )
    regions = folium.GeoJson(
        region_geojson(f),
        name="regions",
        control=False,
        style_function=lambda feature: {
            "fillColor": shade_of[feature["properties"]["iso"]],
            "fillOpacity": 0.9,
            "color": "#5a5a5a",
            "weight": 1,
            "opacity": 1,
        },
        highlight_function=lambda feature: {"weight": 3, "color": "#111111"},
        className="kz-region",
        attribution=str(escape(w("attribution"))),
    )
    m.add_child(regions)
    markers = MarkerCluster(
        name="towns",
        control=False,
        icon_create_function="kzMap.clusterIcon",
        showCoverageOnHover=False,
        maxClusterRadius=36,
        disableClusteringAtZoom=8,
        spiderfyOnMaxZoom=False,
    )
    markers.default_js, markers.default_css = list(CLUSTER_JS), list(CLUSTER_CSS)
    popup = environment().get_template("map_popup.html")
    for c in f.cities:
        label = w("city_label", city=c.city.name(f.lang), n=len(c.listings))
        icon = folium.DivIcon(
            html=str(
                Markup('<span aria-hidden="true">{}</span><span class="kz-vh">{}</span>').format(len(c.listings), label)
            ),
            class_name="kz-map-pin",
            icon_size=(32, 32),
            icon_anchor=(16, 16),
        )
        marker = folium.Marker(location=[c.city.lat, c.city.lon], icon=icon, count=len(c.listings), riseOnHover=True)
        html = Markup(popup.render(**template_globals(f.lang), c=c).strip())
        marker.add_child(Bind("bindTooltip", escape(label), direction="top", offset=[0, -16]))
        marker.add_child(Bind("bindPopup", html, maxWidth=280, minWidth=200, maxHeight=260, autoPanPadding=[12, 12]))
        markers.add_child(marker)
    m.add_child(markers)
    streets = folium.TileLayer(
        tiles=OSM_TILES,
        attr=str(escape(w("streets_attribution"))),
        name=str(escape(w("streets"))),
        overlay=True,
        control=True,
        show=False,
        min_zoom=3,
        max_zoom=19,
        max_native_zoom=19,
        referrerPolicy=OSM_REFERRER_POLICY,
    )
    m.add_child(streets)
    layers = folium.LayerControl(position="topright", collapsed=False)
    m.add_child(layers)
    m.add_child(Call("ready", {"map": m, "regions": regions, "markers": markers, "streets": streets}))
    return m


def _renumber(root: Element) -> None:
    """Replace Folium's random ids with a counter, in tree order, so the output is reproducible."""
    counter = 0

    def walk(element: Element) -> None:
        nonlocal counter
        counter += 1
        element._id = str(counter)
        for child in element._children.values():
            walk(child)

    walk(root)


def _compact(script: str) -> str:
    """Folium's script without its indentation and blank lines (no template literal spans lines)."""
    lines = (line.strip() for line in script.splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def build(f: Facts) -> tuple[str, str]:
    """(map.html, map.js) of one language."""
    m = make_map(f)
    figure: Figure = m.get_root()
    _renumber(figure)
    figure.render()
    css, js = [], []
    for child in figure.header._children.values():
        if isinstance(child, JavascriptLink):
            js.append(child.url)
        elif isinstance(child, CssLink):
            css.append(child.url)
    for url in css + js:
        if not url.startswith(VENDOR):
            raise ValueError(f"the map would load {url}, which is not vendored under overrides/assets/vendor/")
    script = "(function () {\n" + _compact(figure.script.render()) + "})();\n"
    if re.search(r"\$\(|jQuery|https?://(?!tile\.openstreetmap\.org/\{z\})", script):
        raise ValueError("the map script refers to jQuery or to another origin")
    version = hashlib.sha256(script.encode()).hexdigest()[:10]
    html = (
        environment()
        .get_template("map_frame.html")
        .render(
            **template_globals(f.lang),
            facts=f,
            csp=Markup(CSP),  # our constant, no double quote in it
            css=[*css, OWN_CSS],
            js=[*js, OWN_JS, f"map.js?v={version}"],
            map_div=Markup(figure.html.render().strip()),
            phone=lambda x: x.contacts.phones[0] if x.contacts.phones else None,
        )
    )
    return html, script
