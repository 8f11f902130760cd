"""Data is never code: hostile text in every free-text field reaches every output as data.

Listings come by pull request from strangers, and the build runs on their data. Every
free-text field of a listing, and the names in the reference files, get template,
Markdown, attribute-list and HTML payloads; the validator's own refusal of HTML is
switched off for this build, so what is tested is the output path, not the validator.
Then every file the build writes is read: no template was evaluated, no markup,
script, event handler or `javascript:` URL came out of the data, every JSON, GeoJSON and
XML file still parses, and the payloads are shown to the reader as the text they are.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from ..conftest import DATA

# Each payload carries a marker. None of them may come out as anything but text.
PAYLOADS = [
    '{{ "kzEV" ~ "AL1" }}',  # Jinja (Folium/branca compiles its output as a template)
    "{% if true %}{{ 'kzEV' ~ 'AL2' }}{% endif %}",
    "{# kz comment #}{{ lipsum.__globals__ }}",
    "${'kzEV' + 'AL3'} #{kzEVAL4}",  # JS template literals, Ruby/CoffeeScript
    "**kzbold** _kzem_ [kzlink](javascript:alert(1)) ![kzimg](https://evil.example/x.png)",
    '{: #kzid .kzclass onclick="alert(1)" } {#kzid2 .kzclass2}',  # attr_list
    "<script>kzSCRIPT()</script>",
    '<img src=x onerror="kzIMG()"><kzinjected onmouseover=kz()>',
    "\"><svg onload=kzSVG()> ' onfocus='kzQ()",
    "&lt;script&gt;kzENTITY()&lt;/script&gt; &#60;kzinjected&#62;",
    "</script><script>kzBREAK()</script> ]]> <!-- kz -->",
    "javascript:alert('kzJS')",
]
EVALUATED = ("kzEVAL1", "kzEVAL2", "kzEVAL3")  # what the payloads become only if run
FOREIGN_TAGS = {"kzinjected"}
FOREIGN_IDS = {"kzid", "kzid2"}
FOREIGN_CLASSES = {"kzclass", "kzclass2"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}

# The free text of a listing: every bilingual text, and the sources' words.
SOURCE_TEXT = ("title", "document", "supports")
SOURCE_TEXT_LIMIT = 500  # maxLength of $defs/nonempty in schema/centre.schema.json


class _Payloads:
    """Hands out the payloads in turn, from a different start for each file: every field of
    a listing gets one (the fields' length limits hold), and across the listings every
    field gets every payload."""

    def __init__(self, start: int) -> None:
        self.turn = start

    def __call__(self) -> str:
        self.turn += 1
        return PAYLOADS[self.turn % len(PAYLOADS)]


def _poison_listing(data: dict[str, Any], payload: _Payloads) -> None:
    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if set(value) >= {"kk", "ru"} and all(isinstance(value[k], str) for k in ("kk", "ru")):
                for lang in ("kk", "ru"):
                    value[lang] = f"{value[lang]} {payload()}"
                return
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    # A cell that starts with = or @ is a formula to a spreadsheet (the CSV export).
    data["alternate_name"] = {"kk": '=HYPERLINK("https://evil.example";"kz")', "ru": "@SUM(1+1) kzFORMULA"}
    walk(data)
    for source in data["sources"]:
        for key in SOURCE_TEXT:
            if key in source:
                # A source's own long words are cut so that, poisoned, they keep within the
                # schema's 500 characters: the build must get past validation to be tested.
                poison = payload()
                source[key] = f"{source[key][: SOURCE_TEXT_LIMIT - len(poison) - 1]} {poison}"
    for phone in data["contacts"].get("phones", []) + data["contacts"].get("channels", []):
        phone.setdefault("description", {"kk": "Сипаттама", "ru": "Описание"})
        for lang in ("kk", "ru"):
            phone["description"][lang] = f"{phone['description'][lang]} {payload()}"


def _poison_reference(data: Any, payload: _Payloads) -> None:
    """Names in regions, cities and services: they reach the map, the finder and the exports."""
    for entry in data.values():
        if isinstance(entry, dict):
            for lang in ("kk", "ru"):
                if isinstance(entry.get(lang), str):
                    entry[lang] = f"{entry[lang]} {payload()}"


def _poisoned_data(target: Path) -> Path:
    shutil.copytree(DATA, target)
    for start, path in enumerate(sorted((target / "centres").glob("*.yaml"))):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        _poison_listing(data, _Payloads(start))
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for name in ("cities.yaml", "services.yaml"):
        data = yaml.safe_load((target / name).read_text(encoding="utf-8"))
        _poison_reference(data, _Payloads(0))
        (target / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    regions = yaml.safe_load((target / "regions.yaml").read_text(encoding="utf-8"))
    _poison_reference(regions["regions"], _Payloads(0))
    (target / "regions.yaml").write_text(yaml.safe_dump(regions, allow_unicode=True, sort_keys=False), "utf-8")
    return target


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.build import site
    from generator.data import validate as validate_module
    from generator.data import validated
    from generator.data.rules import ListingRules

    data = _poisoned_data(tmp_path_factory.mktemp("hostile") / "data")
    out = tmp_path_factory.mktemp("hostile-site")
    # The validator refuses HTML in a listing and in the reference names; the outputs must be
    # safe without it.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ListingRules, "_check_text", lambda self, *args, **kwargs: None)  # HTML and location rules
        # and the same rules on the names of regions, towns and services, poisoned here too
        patch.setattr(validate_module, "_reference_text_problems", lambda *args, **kwargs: [])
        validated.forget()
        try:
            site.build(data, out, strict=False, parallel=False)
        finally:
            validated.forget()
    return out


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


def _files(site: Path, *suffixes: str) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file() and p.suffix in suffixes)


def test_the_hostile_listings_are_all_built(hostile_site: Path) -> None:
    listings = sorted(p.stem for p in (DATA / "centres").glob("*.yaml"))
    for lang_root in (hostile_site, hostile_site / "ru"):
        for listing in listings:
            page = lang_root / "centres" / listing / "index.html"
            assert page.is_file(), page


def test_no_template_was_evaluated_anywhere(hostile_site: Path) -> None:
    checked = 0
    for path in _files(hostile_site, ".html", ".js", ".json", ".csv", ".geojson", ".xml", ".txt", ".md"):
        text = path.read_text(encoding="utf-8", errors="replace")
        for marker in EVALUATED:
            assert marker not in text, f"{path.relative_to(hostile_site)} holds {marker}: a payload was evaluated"
        assert "__globals__" not in text or "lipsum" in text, path  # printed as text, or not at all
        checked += 1
    assert checked > 100


def _check_markup(html: str, where: str) -> _Elements:
    """Parse HTML and assert that nothing in it came from the data as markup."""
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.elements:
        assert tag not in FOREIGN_TAGS, f"{where}: <{tag}> came from the data"
        assert attrs.get("id") not in FOREIGN_IDS, f"{where}: an id came from the data"
        assert not FOREIGN_CLASSES & set(attrs.get("class", "").split()), f"{where}: a class came from the data"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"{where}: <{tag} {name}=…> is an event handler"
            if name in URL_ATTRIBUTES:
                squeezed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                assert not squeezed.startswith(("javascript:", "vbscript:")), f"{where}: <{tag} {name}={value!r}>"
                # A link or image made from the data's Markdown points at evil.example itself; a
                # listing's name inside a mailto: or a form link's text (percent-encoded) is data.
                target = urlsplit(squeezed)
                assert "evil.example" not in (target.hostname or ""), f"{where}: a Markdown link or image from the data"
                assert not squeezed.startswith(("//evil.example", "evil.example")), f"{where}: <{tag} {name}={value!r}>"
    for script in parser.scripts:
        for marker in ("kzSCRIPT", "kzBREAK", "kzIMG", "kzSVG"):
            assert marker not in script, f"{where}: an inline <script> holds {marker}"
    text = "".join(parser.text)
    assert "kzbold" not in text or "**kzbold**" in text, f"{where}: Markdown emphasis was applied"
    return parser


def test_no_markup_comes_out_of_the_data(hostile_site: Path) -> None:
    shown: dict[str, set[str]] = {"kk": set(), "ru": set()}
    for path in _files(hostile_site, ".html"):
        where = path.relative_to(hostile_site)
        text = "".join(_check_markup(path.read_text(encoding="utf-8"), str(where)).text)
        lang = "ru" if where.parts[0] == "ru" else "kk"
        shown[lang].update(p for p in PAYLOADS if p in text)
    # Every payload is shown to the reader, as the text it is, in both languages.
    for lang, payloads in shown.items():
        assert payloads == set(PAYLOADS), f"{lang}: never shown as text: {set(PAYLOADS) - payloads}"


def test_the_search_index_holds_no_markup_from_the_data(hostile_site: Path) -> None:
    """Material shows a search result's title and text as HTML: they must be escaped text."""
    for index in (hostile_site / "search" / "kz-index.json", hostile_site / "ru" / "search" / "kz-index.json"):
        docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
        held = 0
        for doc in docs:
            for key in ("t", "x"):  # title, text
                _check_markup(doc.get(key, ""), f"{index.relative_to(hostile_site)} {doc.get('l')} {key}")
                held += "kzSCRIPT" in doc.get(key, "")
        assert held, f"{index}: the listings' text is not in the search index"


def test_no_csv_cell_is_a_formula(hostile_site: Path) -> None:
    rows = 0
    for path in _files(hostile_site, ".csv"):
        for row in csv.reader(path.read_text(encoding="utf-8-sig").splitlines()):
            rows += 1
            for cell in row:
                assert not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r")), f"{path}: {cell[:60]!r}"
    assert rows > 26


def test_every_data_file_still_parses_and_holds_the_text(hostile_site: Path) -> None:
    for path in _files(hostile_site, ".json", ".geojson"):
        data = json.loads(path.read_text(encoding="utf-8"))  # raises if a payload broke it
        assert data is not None
    for path in _files(hostile_site, ".xml"):
        root = ET.parse(path).getroot()
        assert not any(el.tag.endswith("kzinjected") for el in root.iter()), path
    exported = [p for p in _files(hostile_site, ".json", ".csv") if "kzSCRIPT" in p.read_text(encoding="utf-8")]
    assert exported, "no data file holds the listings' text"


def test_scripts_hold_the_text_only_as_string_literals(hostile_site: Path) -> None:
    """In the map's script the payloads' characters are escaped: none can end a string or a script."""
    scripts = [p for p in _files(hostile_site, ".js") if p.parent.name == "map"]
    assert scripts, "the map's script was not built"
    for path in scripts:
        text = path.read_text(encoding="utf-8")
        assert "</script" not in text.lower(), path
        assert "\u2028" not in text and "\u2029" not in text, path
        assert "kzSCRIPT" in text, f"{path}: the map lost the listings' names"
