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
* **Data is never template source.** branca compiles whatever an element renders as a Jinja
  template (``Element(script(...))``) and renders it again, so text in Folium's output would
  be evaluated: a listing named ``{{ 7*7 }}`` would run. Every text and value the map shows
  is therefore handed to Folium as a constant token (``Slots``), Folium's pieces are joined
  as they were written, never rendered a second time, and the tokens are replaced by the
  JSON-encoded values in the finished script, in one pass.
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
from typing import Any

import folium
from branca.element import CssLink, Element, Figure, JavascriptLink, MacroElement
from folium.plugins import MarkerCluster
from folium.template import Template
from markupsafe import Markup, escape

from generator.data import boundaries
from generator.features.map.facts import Facts, Words, template_globals
from generator.site.render import environment

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


# Characters that mean something around a string (HTML, templates, other quotes), escaped
# in its body; the backslashes json.dumps wrote are its escapes, and stay.
_IN_STRING = str.maketrans({c: f"\\u{ord(c):04x}" for c in "<>&'`${}"})


def _string_body(text: str) -> str:
    """The inside of a JavaScript string literal holding text: safe between any quotes.

    ASCII, as Folium writes the strings it encodes itself."""
    return json.dumps(text)[1:-1].translate(_IN_STRING)


class Slots:
    """Texts and values for Folium, held back until its script is finished.

    Folium gets a token (letters and digits only: the same in any template, JSON string or
    JavaScript) for each; `fill` puts the values in place of the tokens in one pass, so a
    value is never read as a template, nor searched for tokens again.
    """

    _TOKEN = re.compile(r"kzSlot([0-9]+)x")

    def __init__(self) -> None:
        self._values: list[str] = []

    def _add(self, source: str) -> str:
        self._values.append(source)
        return f"kzSlot{len(self._values) - 1}x"

    def text(self, text: str) -> str:
        """A token for text Folium puts inside a string literal (names, attributions, icons)."""
        return self._add(_string_body(str(text)))

    def value(self, value: Any) -> str:
        """A token that stands for a whole JavaScript value (our own elements' arguments)."""
        return self._add(to_js(value))

    def fill(self, script: str) -> str:
        used: set[int] = set()

        def put(match: re.Match[str]) -> str:
            index = int(match[1])
            used.add(index)
            return self._values[index]

        filled = self._TOKEN.sub(put, script)
        if used != set(range(len(self._values))):
            raise ValueError("the map's script lost some of its texts: Folium changed how it writes them")
        return filled


class Bind(MacroElement):
    """bindPopup/bindTooltip on the parent layer, with HTML that is already escaped."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.{{ this.method }}({{ this.content }},{{ this.options }});"
        "{% endmacro %}"
    )

    def __init__(self, slots: Slots, method: str, content: Markup, **options: Any):
        super().__init__()
        assert method in ("bindPopup", "bindTooltip") and isinstance(content, Markup)
        self._name = "Bind"
        self.method, self.content, self.options = method, slots.value(str(content)), slots.value(options)


class Call(MacroElement):
    """kzMap.<function>(<the named layers>, <options>) from kz-map.js."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "kzMap.{{ this.function }}({ {% for key, layer in this.layers.items() %}"
        '"{{ key }}":{{ layer.get_name() }}{% if not loop.last %},{% endif %}{% endfor %} },'
        "{{ this.options }});"
        "{% endmacro %}"
    )

    def __init__(
        self, slots: Slots, function: str, layers: dict[str, MacroElement], options: dict[str, Any] | None = None
    ):
        super().__init__()
        assert function.isidentifier() and all(key.isidentifier() for key in layers)
        self._name = "KzMap"
        self.function, self.layers, self.options = function, layers, slots.value(options or {})


_ISO = re.compile(r"KZ-[0-9]{2}")


def region_geojson(f: Facts, slots: Slots) -> dict:
    """The region shapes, unchanged, with the properties the map shows in this language."""
    data = boundaries.load()
    by_code = {r.region.code: r for r in f.regions}
    features = []
    for feature in data["features"]:
        r = by_code[feature["properties"]["iso"]]
        if not _ISO.fullmatch(r.region.code):  # the one text Folium reads itself (to style the shape)
            raise ValueError(f"the region code {r.region.code!r} is not an ISO 3166-2:KZ code")
        properties = {
            "iso": r.region.code,
            "name": slots.text(r.region.name(f.lang)),
            "counts": slots.text(r.counts),
            "n": r.n,
            "href": slots.text(f"../regions/{r.region.slug}/"),
        }
        features.append({"type": "Feature", "properties": properties, "geometry": feature["geometry"]})
    return {"type": "FeatureCollection", "features": features}


def make_map(f: Facts, slots: Slots) -> folium.Map:
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
            slots,
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
        region_geojson(f, slots),
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
        attribution=slots.text(escape(w("attribution"))),
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
            html=slots.text(
                Markup('<span aria-hidden="true">{}</span><span class="kz-vh">{}</span>').format(len(c.listings), label)
            ),
            class_name="kz-map-pin",
            icon_size=(32, 32),
            icon_anchor=(16, 16),
        )
        marker = folium.Marker(location=[c.city.lat, c.city.lon], icon=icon, count=len(c.listings), riseOnHover=True)
        html = Markup(popup.render(**template_globals(f.lang), c=c).strip())
        marker.add_child(Bind(slots, "bindTooltip", escape(label), direction="top", offset=[0, -16]))
        marker.add_child(
            Bind(slots, "bindPopup", html, maxWidth=280, minWidth=200, maxHeight=260, autoPanPadding=[12, 12])
        )
        markers.add_child(marker)
    m.add_child(markers)
    streets = folium.TileLayer(
        tiles=OSM_TILES,
        attr=slots.text(escape(w("streets_attribution"))),
        name=slots.text(escape(w("streets"))),
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
    m.add_child(Call(slots, "ready", {"map": m, "regions": regions, "markers": markers, "streets": streets}))
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


def _written(part: Element) -> str:
    """What Folium's elements wrote into a part of the figure, as written.

    branca keeps each piece as the source of a template (``Element(text)``) and renders it
    when the figure is rendered; that second rendering is never done here."""
    pieces = []
    for child in part._children.values():
        if type(child) is not Element or child._template_str is None:
            raise ValueError(f"the map has a {type(child).__name__} where Folium writes text")
        pieces.append(child._template_str)
    return "\n".join(pieces)


def build(f: Facts) -> tuple[str, str]:
    """(map.html, map.js) of one language."""
    slots = Slots()
    m = make_map(f, slots)
    figure: Figure = m.get_root()
    _renumber(figure)
    for child in figure._children.values():  # what Figure.render does, short of rendering the text again
        child.render()
    css, js = [], []
    for child in figure.header._children.values():
        if isinstance(child, JavascriptLink):
            js.append(child.url)
        elif isinstance(child, CssLink):
            css.append(child.url)
    for url in css + js:
        if not url.startswith(VENDOR):
            raise ValueError(f"the map would load {url}, which is not vendored under overrides/assets/vendor/")
    script = "(function () {\n" + _compact(_written(figure.script)) + "})();\n"
    if re.search(r"\$\(|jQuery|https?://(?!tile\.openstreetmap\.org/\{z\})", script):
        raise ValueError("the map script refers to jQuery or to another origin")
    script = slots.fill(script)  # after the checks: a listing's text may well name a web site
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
            map_div=Markup(_written(figure.html).strip()),  # Folium's <div id=…>: no text of ours
            phone=lambda x: x.contacts.phones[0] if x.contacts.phones else None,
        )
    )
    return html, script
