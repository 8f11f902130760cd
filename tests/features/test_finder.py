"""Find help: the filter index, the page, and every filter rule including "unknown".

The rules live in one place, overrides/assets/javascripts/find-help.js; these
tests run that same file in Node (no DOM) on indexes built by generator.features.finder,
from the real data and from fixture listings.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import json
import math
import random
import re
import select
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.data.model import LANGS, build_listing
from generator.data.validate import validate
from generator.data.yamlload import load_file
from generator.features import finder
from generator.site.i18n import collation_key
from generator.site.render import Renderer

from ..conftest import CORPUS, ROOT, make_data_dir, missing_tool

SCRIPT = ROOT / "overrides" / "assets" / "javascripts" / "find-help.js"
BASE = CORPUS / "valid" / "almaty-corpus-base.yaml"
NODE = shutil.which("node")

# One Node process for the session: each line it reads is a list of calls, each line it writes
# their results, or the error that stopped them (a process for each of the ~125 requests cost
# ~0.1 s of CPU each; issue 15).
RUNNER = """
const core = require(process.argv[2]);
const one = (c) => {
  const now = new Date(c.now || "2026-01-05T06:00:00Z");
  const state = core.parse(c.query || "", c.index);
  switch (c.op) {
    case "parse": return state;
    case "serialize": return core.serialize(state);
    case "evaluate": return core.evaluate(c.entry, state, now, c.index);
    case "openNow": return core.openNow(c.hours, now, 300);
    case "allDay": return core.allDay(c.hours);
    case "rejected": return core.rejectedInput(core.rawInput(c.query || ""));
    case "distance": return core.distanceKm(c.a[0], c.a[1], c.b[0], c.b[1]);
    case "facts": return { facts: core.FACTS, json: core.JSON_FACTS, filters: core.FILTERS };
    case "run": {
      const r = core.run(c.index, state, now, c.geo || null);
      return {
        shown: r.shown.map((x) => ({ id: x.entry.id, result: x.result, unknown: x.unknown, km: x.km })),
        hidden: r.hidden.map((x) => ({ id: x.entry.id, failed: x.failed })),
        reasons: r.reasons, yes: r.yes, ask: r.ask, groups: r.groups,
      };
    }
  }
  throw new Error("no op " + c.op);
};
require("readline").createInterface({ input: process.stdin }).on("line", (line) => {
  let reply;
  try {
    reply = { results: JSON.parse(line).map(one) };
  } catch (error) {
    reply = { error: String((error && error.stack) || error) };
  }
  process.stdout.write(JSON.stringify(reply) + "\\n");
});
"""


@pytest.fixture(scope="session")
def js(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., object]]:
    if NODE is None:
        missing_tool("Node is needed to run find-help.js (scripts/install-test-deps.sh)")
    runner = tmp_path_factory.mktemp("finder") / "runner.cjs"
    runner.write_text(RUNNER, encoding="utf-8")
    errors = runner.with_name("stderr.txt").open("w+", encoding="utf-8")  # a file: a pipe could fill and block Node
    node: list[subprocess.Popen] = []

    def started() -> subprocess.Popen:
        """The Node process, started again if a test left it dead (so one failure does not fail the rest)."""
        if not node or node[0].poll() is not None:
            node[:] = [
                subprocess.Popen(
                    [NODE, str(runner), str(SCRIPT)],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=errors,
                    text=True,
                    encoding="utf-8",
                )
            ]
        return node[0]

    def call_many(calls: list[dict]) -> list:
        process = started()
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(json.dumps(calls) + "\n")
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], 60)
        line = process.stdout.readline() if ready else ""
        if not line:
            process.kill()
            process.wait()
            errors.seek(0)
            pytest.fail(f"find-help.js in Node answered nothing: {errors.read()[-2000:]}")
        reply = json.loads(line)
        assert "error" not in reply, reply["error"]
        return reply["results"]

    def call(op: str, **kwargs) -> object:
        return call_many([{"op": op, **kwargs}])[0]

    call.many = call_many
    yield call
    for process in node:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=10)
    errors.close()


# ---------------------------------------------------------------- fixture listings


def variant(folder: Path, listing_id: str, changes: dict) -> Path:
    """The valid corpus listing with some fields changed (dotted paths), written as JSON (which is YAML)."""
    data = copy.deepcopy(load_file(BASE).data)
    data["id"] = listing_id
    data["name"] = {"kk": f"Сынақ {listing_id}", "ru": f"Тест {listing_id}"}
    data["contacts"]["phones"][0]["number"] = f"+7 701 {sum(map(ord, listing_id)) % 1000:03d} {len(listing_id):04d}"
    for path, value in changes.items():
        *parents, last = path.split(".")
        target = data
        for key in parents:
            target = target.setdefault(key, {})
        if value is DELETE:
            target.pop(last, None)
        else:
            target[last] = value
    out = folder / f"{listing_id}.yaml"
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return out


DELETE = object()
NATIONAL = {"scope": "national", "location": DELETE, "kind": "helpline", "stay": DELETE, "places": DELETE}


def fixture_index(tmp_path: Path, listings: dict[str, dict]) -> tuple[dict, object]:
    source = tmp_path / "src"
    source.mkdir(parents=True, exist_ok=True)
    files = [variant(source, listing_id, changes) for listing_id, changes in listings.items()]
    report = validate(make_data_dir(tmp_path / "data", files))
    assert report.ok, "\n".join(p.as_text() for p in report.problems)
    return finder.build_index(report.catalogue, "ru"), report.catalogue


def outcome(js, index: dict, query: str, **kwargs) -> dict[str, str]:
    """id -> 'yes' / 'unknown' / 'no:<filter>' for every listing of the index."""
    result = js("run", index=index, query=query, **kwargs)
    out = {x["id"]: x["result"] for x in result["shown"]}
    out.update({x["id"]: f"no:{x['failed']}" for x in result["hidden"]})
    return out


# ---------------------------------------------------------------- the index and the page


def test_strings_have_the_same_keys_in_both_languages():
    assert set(finder.STRINGS["kk"]) == set(finder.STRINGS["ru"])
    # A plural entry is a mapping of CLDR forms (one/few/many/other); every form must be written.
    texts = [
        text
        for lang in finder.STRINGS.values()
        for value in lang.values()
        for text in (value.values() if isinstance(value, dict) else [value])
    ]
    assert len(texts) > len(finder.STRINGS["kk"]) and all(text.strip() for text in texts)
    for lang in LANGS:
        words = finder.STRINGS[lang]
        for key in finder.FILTERS:
            assert f"why_{key}" in words or key == "open", key
            assert f"ask_{key}" in words, key
        assert "why_open_now" in words and "why_open_247" in words


def test_index_from_real_data_has_every_listing_once(catalogue):
    for lang in LANGS:
        index = finder.build_index(catalogue, lang)
        ids = [x["id"] for x in index["listings"]]
        assert sorted(ids) == sorted(x.id for x in catalogue.listings)
        assert len(ids) == len(set(ids))
        assert set(index["cities"]) == set(catalogue.cities)
        assert set(index["regions"]) == set(catalogue.regions)
        assert index["needs"] == [s.key for s in catalogue.services.values() if s.need]
        for entry in index["listings"]:
            if entry["city"]:
                assert index["cities"][entry["city"]]["region"] == entry["region"]
        assert index["utc_offset_minutes"] == 300


def test_index_keeps_unknown_as_a_value(catalogue):
    index = finder.build_index(catalogue)
    by_id = {x.id: x for x in catalogue.listings}
    for entry in index["listings"]:
        x = by_id[entry["id"]]
        e = x.eligibility
        assert entry["pregnant"] == e.pregnant and entry["hiv"] == e.hiv
        assert entry["police"] == e.police_report_required and entry["children"] == e.with_children
        assert entry["age"] == [e.age_min, e.age_max]
        assert entry["fee"] == x.fee
        assert entry["services"] == [s.key for s in x.services]
        assert entry["phone_line"] == (x.kind in ("helpline", "emergency"))
    values = {entry[key] for entry in index["listings"] for key in ("pregnant", "hiv", "police", "children", "fee")}
    assert "unknown" in values, "the real data has unknowns; they must reach the index as 'unknown'"


def test_index_is_small(catalogue):
    # 400 bytes a listing until issue 16 added four facts every listing carries (gender, mental,
    # referral, children_inclusive: about 80 bytes); the index is fetched only for a question about
    # the whole country (issue 20), whose cost benchmarks/search_cost.py measures.
    size = len(json.dumps(finder.build_index(catalogue), ensure_ascii=False, separators=(",", ":")).encode())
    assert size < 480 * len(catalogue.listings) + 4000, size


def test_index_holds_no_address(tmp_path: Path):
    """An office may publish its address on its listing page; the filter index never carries it.
    No real listing has one (every shelter's is withheld), so a fixture office does."""
    address = {"kk": "Сынақбаев көшесі, 7-үй", "ru": "улица Сынакбаева, дом 7", "source": "https://example.kz/office"}
    changes = {"kind": "centre", "services": ["psychological", "legal"], "stay": DELETE, "places": DELETE}
    changes["location.address"] = address
    _, catalogue = fixture_index(tmp_path, {"office-with-address": changes})
    [office] = catalogue.listings
    assert office.address and office.address.ru == address["ru"], "the fixture has its address"
    for lang in LANGS:
        text = json.dumps(finder.build_index(catalogue, lang), ensure_ascii=False)
        assert "office-with-address" in text, "the office is in the index"
        assert "Сынақбаев" not in text and "Сынакбаева" not in text and "example.kz/office" not in text


def test_js_knows_the_same_facts_as_the_generator(js, catalogue):
    facts = js("facts")
    assert facts["facts"] == list(finder.entry(catalogue.listings[0]))
    assert facts["json"] == list(finder.JSON_FACTS)
    assert facts["filters"] == list(finder.FILTERS)


def item_ids(content: str) -> list[tuple[str, str]]:
    return re.findall(r'<li class="fh-item" id="l-([^"]+)"([^>]*)>', content)


def all_content(catalogue, lang) -> str:
    return "".join(page.content for page in finder.pages(Renderer(catalogue, lang)))


@pytest.mark.parametrize("lang", LANGS)
def test_find_pages_list_every_listing_with_its_facts(catalogue, lang):
    """Nothing lost (issue 20): the find page holds the national lines and a link to each region's
    find page; a region's find page holds the national lines, then that region's listings, in page
    order, with the facts the filters read. Together: every listing."""
    main, *regional = finder.pages(Renderer(catalogue, lang))
    assert main.path == "find.md"
    by_path = {page.path: page for page in regional}
    assert set(by_path) == {f"find/{r.slug}.md" for r in catalogue.regions.values()}
    order = finder.page_order(catalogue, lang)
    national = [x.id for x in order if x.region is None]
    assert national, "the fixture catalogue has national lines"
    assert [item_id for item_id, _ in item_ids(main.content)] == national
    index = {x["id"]: x for x in finder.build_index(catalogue, lang)["listings"]}
    seen = list(national)
    checked = 0
    for region in catalogue.regions.values():
        assert f'<a href="{region.slug}/">' in main.content
        page = by_path[f"find/{region.slug}.md"]
        items = item_ids(page.content)
        own = [x.id for x in order if x.region is region]
        assert [item_id for item_id, _ in items] == national + own, region.code
        seen += own
        for item_id, attrs in items:
            data = {k: html.unescape(v) for k, v in re.findall(r' data-([a-z-]+)="([^"]*)"', attrs)}
            for key, value in index[item_id].items():
                attr = data.get(key.replace("_", "-"))
                if value is None:
                    assert attr is None, (item_id, key)
                elif key in finder.JSON_FACTS:
                    assert json.loads(attr) == value, (item_id, key)
                else:
                    assert attr == value, (item_id, key)
            checked += 1
        for item_id in own:
            assert f'href="../../centres/{item_id}/"' in page.content
        assert '<script src="../../assets/javascripts/find-help.js" defer></script>' in page.content
        assert 'data-index="../index.json"' in page.content
    assert checked > len(catalogue.listings)
    assert sorted(seen) == sorted(x.id for x in catalogue.listings), "every listing, once (national on every page)"
    # What the script fetches to show a region's listings on another find page: the same items alone.
    files = finder.files(catalogue, lang)
    for region in catalogue.regions.values():
        own = files[f"find/{region.slug}/items.html"]
        page = by_path[f"find/{region.slug}.md"].content
        assert item_ids(own) == [item for item in item_ids(page) if item[0] not in national], region.code
        assert f'<html lang="{lang}">' in own and 'content="noindex"' in own
        assert "<script" not in own
        shards = json.loads(html.unescape(re.search(r'data-shards="([^"]*)"', page).group(1)))
        assert shards[region.code] == f"../{region.slug}/items.html"
    for x in catalogue.listings:
        if x.region is None:
            assert f'href="../centres/{x.id}/"' in main.content
    for page in (main, *regional):
        prefix = "../" if page is main else "../../"
        for region in catalogue.regions.values():
            assert f'href="{prefix}regions/{region.slug}/"' in page.content
        for service in catalogue.services.values():
            if service.need:
                assert f'href="{prefix}needs/{service.key.replace("_", "-")}/"' in page.content
        assert re.search(r"<script(?![^>]*\bsrc=)", page.content) is None, "no inline script"
        tags = re.sub(r'"[^"]*"', '""', "".join(re.findall(r"<[^>]+>", page.content)))
        assert re.search(r"\son[a-z]+\s*=", tags) is None, "no on* attributes"
        assert "javascript:" not in page.content
    assert '<script src="../assets/javascripts/find-help.js" defer></script>' in main.content


def test_find_page_shows_unknown_as_ask_them(catalogue):
    for lang in LANGS:
        content = all_content(catalogue, lang)
        ask = {"kk": "белгісіз — сұраңыз", "ru": "неизвестно — уточните у них"}[lang]
        assert content.count(f'<span class="kz-unknown">{ask}</span>') > len(catalogue.listings)


def test_find_page_escapes_text_from_yaml(tmp_path):
    """Validation refuses HTML; should some slip through, the page still escapes it."""
    hostile = '"><img src=x onerror=alert(1)><script>alert(1)</script>'
    _, catalogue = fixture_index(tmp_path, {"almaty-hostile": {}})
    data = copy.deepcopy(catalogue.listings[0].raw)
    for field in ("name", "description"):
        data[field] = {"kk": hostile, "ru": hostile}
    catalogue.listings = [build_listing(data, "x.yaml", catalogue.regions, catalogue.cities, catalogue.services)]
    for lang in LANGS:
        content = all_content(catalogue, lang)
        assert "<script>alert" not in content and "<img src=x" not in content
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_built_site_has_the_page_and_the_index(built_site: Path, catalogue):
    for lang, prefix in (("kk", ""), ("ru", "ru/")):
        written = json.loads((built_site / prefix / finder.INDEX_PATH).read_text(encoding="utf-8"))
        assert written == json.loads(json.dumps(finder.build_index(catalogue, lang)))
        markup = (built_site / prefix / "find" / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in markup
        national = [x for x in catalogue.listings if x.region is None]
        assert markup.count('<li class="fh-item"') == len(national)
        assert 'data-index="index.json"' in markup
        items = 0
        for region in catalogue.regions.values():
            page = (built_site / prefix / "find" / region.slug / "index.html").read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in page
            assert f'<a href="{region.slug}/">' in markup
            items += page.count('<li class="fh-item"') - len(national)
        assert items == len(catalogue.listings) - len(national), "every listing on its region's find page"
        assert (built_site / prefix / "assets" / "javascripts" / "find-help.js").exists()
        home = (built_site / prefix / "index.html").read_text(encoding="utf-8")
        link = home.index('<p class="kz-find-link"><a class="md-button md-button--primary" href="find/">')
        assert home.index('id="danger"') < link < home.index('id="lines"'), "after the emergency numbers"
        assert finder.STRINGS[lang]["home_link"] in home


# ---------------------------------------------------------------- every filter, on fixture listings


def test_no_filter_shows_everything_even_closed(js, tmp_path):
    index, _ = fixture_index(tmp_path, {"almaty-a": {}, "almaty-closed": {"status": "closed"}})
    result = js("run", index=index, query="")
    assert [x["id"] for x in result["shown"]] == [x["id"] for x in index["listings"]]
    assert result["hidden"] == []


def test_status(js, tmp_path):
    index, _ = fixture_index(
        tmp_path,
        {
            "almaty-active": {},
            "almaty-unknown": {"status": "unknown"},
            "almaty-closed": {"status": "closed"},
            "almaty-suspended": {"status": "suspended"},
        },
    )
    got = outcome(js, index, "need=shelter")
    assert got == {
        "almaty-active": "yes",
        "almaty-unknown": "unknown",
        "almaty-closed": "no:status",
        "almaty-suspended": "no:status",
    }
    result = js("run", index=index, query="need=shelter")
    assert [x["unknown"] for x in result["shown"] if x["id"] == "almaty-unknown"] == [["status"]]


def test_where_region_city_and_national(js, tmp_path):
    index, _ = fixture_index(
        tmp_path,
        {
            "almaty-a": {},
            "astana-a": {"location": {"region": "KZ-71", "city": "astana"}},
            "stepnogorsk-a": {"location": {"region": "KZ-11", "city": "stepnogorsk"}},
            "national-a": NATIONAL,
        },
    )
    assert outcome(js, index, "where=KZ-75") == {
        "almaty-a": "yes",
        "astana-a": "no:where",
        "stepnogorsk-a": "no:where",
        "national-a": "yes",
    }
    assert outcome(js, index, "where=KZ-11") == {
        "almaty-a": "no:where",
        "astana-a": "no:where",
        "stepnogorsk-a": "yes",
        "national-a": "yes",
    }
    # A town keeps the other towns of its region (issue 16, item 17): Stepnogorsk for Kokshetau.
    assert outcome(js, index, "where=kokshetau")["stepnogorsk-a"] == "yes"
    assert outcome(js, index, "where=stepnogorsk")["stepnogorsk-a"] == "yes"
    # With a place chosen, the listings there come before the national lines.
    shown = [x["id"] for x in js("run", index=index, query="where=KZ-75")["shown"]]
    assert shown == ["almaty-a", "national-a"]


def test_need(js, tmp_path):
    index, _ = fixture_index(
        tmp_path, {"almaty-legal": {"services": ["legal"]}, "almaty-shelter": {"services": ["shelter", "legal"]}}
    )
    assert outcome(js, index, "need=shelter") == {"almaty-legal": "no:need", "almaty-shelter": "yes"}
    assert outcome(js, index, "need=legal") == {"almaty-legal": "yes", "almaty-shelter": "yes"}


@pytest.mark.parametrize(
    ("low", "high", "age", "expected"),
    [
        (18, 30, 17, "no"),
        (18, 30, 18, "yes"),
        (18, 30, 30, "yes"),  # "up to 30" includes 30: the reader can still call
        (18, 30, 31, "no"),
        (18, "unknown", 17, "no"),  # certain on one side is enough
        (18, "unknown", 40, "unknown"),
        ("unknown", 30, 40, "no"),
        ("unknown", 30, 20, "unknown"),
        ("unknown", "unknown", 20, "unknown"),
        ("none", "none", 70, "yes"),
        (0, "none", 5, "yes"),
        (16, 23, 16.5, "yes"),
    ],
)
def test_age(js, tmp_path, low, high, age, expected):
    index, _ = fixture_index(tmp_path, {"almaty-a": {"eligibility.age_min": low, "eligibility.age_max": high}})
    got = outcome(js, index, f"age={age}")["almaty-a"]
    assert got == ("no:age" if expected == "no" else expected)


@pytest.mark.parametrize("field", ["pregnant", "hiv"])
def test_pregnant_and_hiv(js, tmp_path, field):
    index, _ = fixture_index(
        tmp_path,
        {f"almaty-{value}": {f"eligibility.{field}": value} for value in ("yes", "no", "unknown")},
    )
    assert outcome(js, index, f"{field}=1") == {
        "almaty-yes": "yes",
        "almaty-no": f"no:{field}",
        "almaty-unknown": "unknown",
    }


def test_not_filed_with_police(js, tmp_path):
    index, _ = fixture_index(
        tmp_path,
        {f"almaty-{v}": {"eligibility.police_report_required": v} for v in ("yes", "no", "unknown")},
    )
    assert outcome(js, index, "nopolice=1") == {
        "almaty-yes": "no:nopolice",  # a report is required
        "almaty-no": "yes",
        "almaty-unknown": "unknown",
    }


def test_free(js, tmp_path):
    index, _ = fixture_index(tmp_path, {f"almaty-{v}": {"cost.fee": v} for v in ("free", "paid", "unknown")})
    assert outcome(js, index, "free=1") == {"almaty-free": "yes", "almaty-paid": "no:free", "almaty-unknown": "unknown"}


def test_children_and_their_ages(js, tmp_path):
    index, _ = fixture_index(
        tmp_path,
        {
            "almaty-no": {"eligibility.with_children": "no", "eligibility.children_age_max": DELETE},
            "almaty-unknown": {"eligibility.with_children": "unknown", "eligibility.children_age_max": DELETE},
            # boys up to 10, girls unknown (the corpus base)
            "almaty-boys10": {},
            "almaty-nolimit": {"eligibility.children_age_max": {"boys": "none", "girls": 18}},
            "almaty-noages": {"eligibility.children_age_max": DELETE},
        },
    )
    assert outcome(js, index, "kids=1") == {
        "almaty-no": "no:kids",
        "almaty-unknown": "unknown",
        "almaty-boys10": "yes",
        "almaty-nolimit": "yes",
        "almaty-noages": "yes",
    }
    assert outcome(js, index, "boys=3,9") == {
        "almaty-no": "no:kids",
        "almaty-unknown": "unknown",
        "almaty-boys10": "yes",
        "almaty-nolimit": "yes",
        "almaty-noages": "unknown",  # takes children, but up to what age is not known
    }
    assert outcome(js, index, "boys=12")["almaty-boys10"] == "no:kids"
    assert outcome(js, index, "boys=3&girls=5")["almaty-boys10"] == "unknown"  # girls' limit unknown
    assert outcome(js, index, "girls=17")["almaty-nolimit"] == "yes"
    assert outcome(js, index, "girls=19")["almaty-nolimit"] == "no:kids"
    # Girls "up to 18" with no word on whether 18 itself is in: ask them (issue 16, item 19).
    assert outcome(js, index, "boys=15&girls=18")["almaty-nolimit"] == "unknown"
    # A certain "no" for one child wins over an unknown for another.
    assert outcome(js, index, "boys=12&girls=5")["almaty-boys10"] == "no:kids"


@pytest.mark.parametrize(
    ("inclusive", "age", "expected"),
    [
        ("yes", 11, "yes"),  # "up to and including 11"
        ("no", 11, "no:kids"),  # "under 11"
        ("unknown", 11, "unknown"),  # "до 11 лет": ask them whether 11 is in
        (None, 11, "unknown"),  # not said in the data: the same
        ("yes", 12, "no:kids"),
        ("unknown", 10, "yes"),
        ("no", 10.5, "yes"),
    ],
)
def test_a_childs_age_at_the_limit_depends_on_what_the_source_says(js, tmp_path, inclusive, age, expected):
    """Issue 16, item 19: "до 11 лет" was read as "up to and including 11" without a source saying so.
    It failed before (an 11-year-old was a certain match)."""
    limit = {"boys": 11, "girls": "unknown"} | ({"inclusive": inclusive} if inclusive else {})
    index, _ = fixture_index(tmp_path, {"almaty-a": {"eligibility.children_age_max": limit}})
    assert index["listings"][0]["children_inclusive"] == (inclusive or "unknown")
    assert outcome(js, index, f"boys={age}")["almaty-a"] == expected


@pytest.mark.parametrize(
    ("inclusive", "words"),
    [
        ("yes", {"kk": "11 жасқа дейін (сол жасты қоса алғанда)", "ru": "до 11 лет включительно"}),
        ("no", {"kk": "11 жасқа толғанға дейін", "ru": "младше 11 лет"}),
        ("unknown", {"kk": "олардан сұраңыз", "ru": "уточните у них"}),
    ],
)
def test_the_card_says_whether_the_limit_age_is_included(tmp_path, inclusive, words):
    """Issue 16, item 19: the card says "boys up to and including 11", or the source's words and
    "ask them". It failed before (always "до 11 лет")."""
    limit = {"boys": 11, "girls": "unknown", "inclusive": inclusive}
    _, catalogue = fixture_index(tmp_path, {"almaty-a": {"eligibility.children_age_max": limit}})
    for lang in LANGS:
        content = all_content(catalogue, lang)
        facts = content[content.index('id="l-almaty-a"') :]
        assert words[lang] in facts, (lang, inclusive)


def test_phone_lines_answer_anyone_unless_known_otherwise(js, tmp_path):
    index, _ = fixture_index(
        tmp_path,
        {
            "national-unknown": NATIONAL
            | {"eligibility.pregnant": "unknown", "eligibility.age_min": "unknown", "eligibility.age_max": "unknown"},
            "national-children-only": NATIONAL | {"eligibility.age_min": "none", "eligibility.age_max": 18},
            "almaty-centre": {"eligibility.pregnant": "unknown"},
        },
    )
    got = outcome(js, index, "pregnant=1&age=25")
    assert got == {"national-unknown": "yes", "national-children-only": "no:age", "almaty-centre": "unknown"}
    # Cost and hours are facts of phone lines too: unknown stays unknown.
    index, _ = fixture_index(tmp_path / "b", {"national-x": NATIONAL | {"cost.fee": "unknown"}})
    assert outcome(js, index, "free=1") == {"national-x": "unknown"}


def test_gender_women_only_is_no_place_for_a_man(js, tmp_path):
    """Issue 16, item 16: a man asking for a shelter was told a women-only shelter matched.
    It failed before (no gender filter)."""
    index, _ = fixture_index(
        tmp_path,
        {f"almaty-{v}": {"eligibility.gender": v} for v in ("women", "men", "any", "unknown")},
    )
    assert outcome(js, index, "gender=men&need=shelter") == {
        "almaty-women": "no:gender",
        "almaty-men": "yes",
        "almaty-any": "yes",
        "almaty-unknown": "unknown",
    }
    assert outcome(js, index, "gender=women") == {
        "almaty-women": "yes",
        "almaty-men": "no:gender",
        "almaty-any": "yes",
        "almaty-unknown": "unknown",
    }
    result = js("run", index=index, query="gender=women")
    assert [x["unknown"] for x in result["shown"] if x["id"] == "almaty-unknown"] == [["gender"]]


def test_mental_disorders_and_no_referral(js, tmp_path):
    """Issue 16, item 16: the data says who takes people with mental disorders and who needs a
    referral; each is a filter, unknown = ask them. It failed before."""
    index, _ = fixture_index(
        tmp_path, {f"almaty-{v}": {"eligibility.mental_disorders": v} for v in ("yes", "no", "unknown")}
    )
    assert outcome(js, index, "mental=1") == {
        "almaty-yes": "yes",
        "almaty-no": "no:mental",
        "almaty-unknown": "unknown",
    }
    index, _ = fixture_index(
        tmp_path / "r", {f"almaty-{v}": {"eligibility.referral_required": v} for v in ("yes", "no", "unknown")}
    )
    assert outcome(js, index, "noreferral=1") == {
        "almaty-yes": "no:noreferral",  # a referral is required
        "almaty-no": "yes",
        "almaty-unknown": "unknown",
    }


def test_every_eligibility_field_of_the_schema_is_a_filter(js, catalogue):
    """Issue 16, item 16: each field under eligibility in the schema reaches the index and a filter
    reads it (notes are words, not a rule)."""
    schema = json.loads((ROOT / "schema" / "centre.schema.json").read_text(encoding="utf-8"))
    fields = set(schema["properties"]["eligibility"]["properties"]) - {"notes"}
    read_by = {
        "gender": "gender",
        "age_min": "age",
        "age_max": "age",
        "with_children": "children",
        "children_age_max": "boys",
        "pregnant": "pregnant",
        "hiv": "hiv",
        "mental_disorders": "mental",
        "police_report_required": "police",
        "referral_required": "referral",
    }
    assert fields <= set(read_by), f"a new eligibility field needs a filter: {fields - set(read_by)}"
    index = finder.build_index(catalogue)
    assert set(read_by.values()) <= set(index["listings"][0])
    facts = js("facts")
    assert {"gender", "mental", "noreferral"} <= set(facts["filters"])


def test_a_man_in_astana_is_not_offered_umit(js, catalogue):
    """Issue 16, item 16, on the real data: «Үміт» takes women only."""
    index = finder.build_index(catalogue, "ru")
    got = outcome(js, index, "where=astana&need=shelter&age=40&gender=men")
    assert got["astana-umit"] == "no:gender"
    assert outcome(js, index, "where=astana&need=shelter&age=40&gender=women")["astana-umit"] == "yes"


PERIODS = [{"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "09:00", "closes": "18:00"}]
NIGHT = [{"days": ["fri"], "opens": "20:00", "closes": "08:00"}]


@pytest.mark.parametrize(
    ("hours", "utc", "expected"),
    [
        ("24/7", "2026-01-04T22:00:00Z", "yes"),
        ("unknown", "2026-01-05T06:00:00Z", "unknown"),
        # Monday 2026-01-05: 09:30 in Kazakhstan is 04:30 UTC.
        (PERIODS, "2026-01-05T04:30:00Z", "yes"),
        (PERIODS, "2026-01-05T03:59:00Z", "no"),  # 08:59
        (PERIODS, "2026-01-05T04:00:00Z", "yes"),  # 09:00 opens
        (PERIODS, "2026-01-05T13:00:00Z", "no"),  # 18:00 closed
        (PERIODS, "2026-01-04T20:00:00Z", "no"),  # Monday 01:00 local, though Sunday in UTC
        (PERIODS, "2026-01-10T06:00:00Z", "no"),  # Saturday
        (NIGHT, "2026-01-09T16:00:00Z", "yes"),  # Friday 21:00
        (NIGHT, "2026-01-10T01:00:00Z", "yes"),  # Saturday 06:00, after Friday night
        (NIGHT, "2026-01-10T04:00:00Z", "no"),  # Saturday 09:00
        (NIGHT, "2026-01-09T01:00:00Z", "no"),  # Friday 06:00 (Thursday had no night)
        ([{"days": ["mon"], "opens": "00:00", "closes": "24:00"}], "2026-01-05T18:59:00Z", "yes"),
    ],
)
def test_open_now(js, hours, utc, expected):
    assert js("openNow", hours=hours, now=utc) == expected


def test_open_now_filter(js, tmp_path):
    index, _ = fixture_index(
        tmp_path,
        {"almaty-247": {"hours": "24/7"}, "almaty-unknown": {"hours": "unknown"}, "almaty-office": {"hours": PERIODS}},
    )
    assert outcome(js, index, "open=now", now="2026-01-05T04:30:00Z") == {
        "almaty-247": "yes",
        "almaty-unknown": "unknown",
        "almaty-office": "yes",
    }
    assert outcome(js, index, "open=now", now="2026-01-05T15:00:00Z") == {
        "almaty-247": "yes",
        "almaty-unknown": "unknown",
        "almaty-office": "no:open",
    }
    assert outcome(js, index, "open=247") == {
        "almaty-247": "yes",
        "almaty-unknown": "unknown",
        "almaty-office": "no:open",
    }


def test_all_day_every_day(js):
    every_day = [{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "opens": "00:00", "closes": "24:00"}]
    assert js("allDay", hours=every_day) == "yes"
    assert js("allDay", hours=PERIODS) == "no"
    assert js("allDay", hours=[dict(every_day[0], closes="23:00")]) == "no"
    assert js("allDay", hours="24/7") == "yes"
    assert js("allDay", hours="unknown") == "unknown"


WHOLE_DAY_FORMS = [
    [{"days": list(finder.DAYS), "opens": "09:00", "closes": "09:00"}],
    [
        {"days": list(finder.DAYS), "opens": "00:00", "closes": "12:00"},
        {"days": list(finder.DAYS), "opens": "12:00", "closes": "24:00"},
    ],
    [
        {"days": list(finder.DAYS), "opens": "20:00", "closes": "08:00"},
        {"days": list(finder.DAYS), "opens": "08:00", "closes": "20:00"},
    ],
    [{"days": ["sat", "sun", "mon", "tue", "wed", "thu", "fri"], "opens": "00:00", "closes": "00:00"}],
]


@pytest.mark.parametrize("hours", WHOLE_DAY_FORMS)
def test_round_the_clock_reads_every_form_of_a_whole_day(js, hours):
    """Issue 16, item 20: "round the clock" hid these, though "open now" read them as always open.
    It failed before."""
    assert finder.all_day(hours) == "yes"
    assert js("allDay", hours=hours) == "yes"


def random_schedule(rng: random.Random) -> list[dict]:
    clocks = ["00:00", "08:00", "09:00", "12:00", "12:01", "18:00", "20:00", "23:59", "24:00"]
    periods = []
    for _ in range(rng.randint(1, 3)):
        days = rng.sample(finder.DAYS, rng.randint(1, 7))
        opens = rng.choice(clocks[:-1] + [f"{rng.randint(0, 23):02d}:{rng.choice([0, 30]):02d}"])
        closes = rng.choice([opens, *clocks, f"{rng.randint(0, 23):02d}:{rng.choice([0, 30]):02d}"])
        periods.append({"days": days, "opens": opens, "closes": closes})
    if rng.random() < 0.3:  # a whole week in some form, so that "yes" is often the answer
        shift = rng.choice(clocks[:-1])
        periods.append({"days": list(finder.DAYS), "opens": shift, "closes": shift})
    return periods


def test_python_and_javascript_read_a_schedule_alike(js):
    """One reading of a schedule: finder.open_at / all_day and find-help.js openNow / allDay agree
    on random schedules at random and at boundary moments, and round the clock means open at
    every minute."""
    rng = random.Random(20)
    sunday = dt.datetime(2026, 1, 4, tzinfo=dt.UTC)  # a Sunday; 00:00 in Kazakhstan is 19:00 UTC the day before
    calls, want = [], []
    for _ in range(150):
        hours = random_schedule(rng)
        calls.append({"op": "allDay", "hours": hours})
        want.append(finder.all_day(hours))
        edges = [finder.clock_minutes(p[key]) for p in hours for key in ("opens", "closes")]
        for _ in range(12):
            day = rng.randrange(7)
            minute = rng.choice([rng.randrange(1440), *(min(max(e + d, 0), 1439) for e in edges for d in (-1, 0))])
            moment = sunday + dt.timedelta(days=day, minutes=minute) - dt.timedelta(minutes=finder.UTC_OFFSET_MINUTES)
            calls.append({"op": "openNow", "hours": hours, "now": moment.strftime("%Y-%m-%dT%H:%M:%SZ")})
            want.append(finder.open_at(hours, finder.DAYS[day], minute))
        # Round the clock is open at every minute, by the same reading.
        always = all(finder.open_at(hours, d, m) == "yes" for d in finder.DAYS for m in range(0, 1440, 30))
        if finder.all_day(hours) == "yes":
            assert always, hours
        elif always:
            # Open at every half hour yet not the whole week: only a gap between the half hours.
            assert any(finder.open_at(hours, d, m) == "no" for d in finder.DAYS for m in range(1440)), hours
    assert "yes" in want and "no" in want
    assert js.many(calls) == want


def test_unknown_listings_come_after_certain_ones_and_hidden_are_counted(js, tmp_path):
    index, _ = fixture_index(
        tmp_path,
        {
            "almaty-1-unknown": {"eligibility.pregnant": "unknown"},
            "almaty-2-yes": {},
            "almaty-3-no": {"eligibility.pregnant": "no"},
            "almaty-4-legal": {"services": ["legal"]},
            "almaty-5-closed": {"status": "closed"},
            "almaty-6-paid": {"cost.fee": "paid", "eligibility.pregnant": "no"},
        },
    )
    result = js("run", index=index, query="need=shelter&pregnant=1&free=1")
    assert [(x["id"], x["result"]) for x in result["shown"]] == [
        ("almaty-2-yes", "yes"),
        ("almaty-1-unknown", "unknown"),
    ]
    assert result["shown"][1]["unknown"] == ["pregnant"]
    assert (result["yes"], result["ask"]) == (1, 1)
    # Each hidden listing is counted once, under the first filter it fails.
    assert result["reasons"] == {"status": 1, "need": 1, "pregnant": 2}
    assert sum(result["reasons"].values()) == len(result["hidden"]) == 4


def test_nearest_first_by_town(js, tmp_path):
    index, _ = fixture_index(
        tmp_path,
        {
            "a-almaty": {},
            "b-astana": {"location": {"region": "KZ-71", "city": "astana"}},
            "c-konaev": {"location": {"region": "KZ-19", "city": "konaev"}},
            "d-national": NATIONAL,
        },
    )
    result = js("run", index=index, query="near=astana")
    # The national line answers from anywhere: first, never after a centre 1,000 km away (issue 16, item 18).
    assert [x["id"] for x in result["shown"]] == ["d-national", "b-astana", "c-konaev", "a-almaty"]
    assert result["shown"][1]["km"] == 0 and result["shown"][0]["km"] is None
    assert result["hidden"] == [], "sorting by distance hides nothing that works"
    # The reader's own location (never in the address) does the same.
    geo = js("run", index=index, query="", geo={"lat": 43.3, "lon": 76.9})
    assert [x["id"] for x in geo["shown"]] == ["d-national", "a-almaty", "c-konaev", "b-astana"]
    assert 0 < geo["shown"][1]["km"] < 10
    # Certain matches still come before "ask them", whatever the distance.
    index2, _ = fixture_index(
        tmp_path / "2",
        {
            "almaty-near": {"eligibility.hiv": "unknown"},
            "astana-far": {"eligibility.hiv": "yes", "location": {"region": "KZ-71", "city": "astana"}},
        },
    )
    assert [x["id"] for x in js("run", index=index2, query="hiv=1&near=almaty")["shown"]] == [
        "astana-far",
        "almaty-near",
    ]


def test_nearest_alone_never_offers_a_closed_centre(js, tmp_path):
    """Issue 16, item 18: "near me" with no filter kept a closed centre in the list; it failed before."""
    index, _ = fixture_index(
        tmp_path,
        {
            "a-almaty": {},
            "b-closed": {"status": "closed"},
            "c-suspended": {"status": "suspended"},
            "d-unknown": {"status": "unknown"},
            "e-national": NATIONAL,
        },
    )
    for kwargs in ({"query": "near=almaty"}, {"query": "", "geo": {"lat": 43.3, "lon": 76.9}}):
        result = js("run", index=index, **kwargs)
        assert [x["id"] for x in result["shown"]] == ["e-national", "a-almaty", "d-unknown"]
        assert {x["id"] for x in result["hidden"]} == {"b-closed", "c-suspended"}
        assert result["reasons"] == {"status": 2}
        assert [x["unknown"] for x in result["shown"] if x["id"] == "d-unknown"] == [["status"]]
    # Without a filter or an origin the page still lists everything, closed ones marked as such.
    assert js("run", index=index, query="")["hidden"] == []


def test_nearest_on_the_real_index_starts_with_every_national_line(js, catalogue):
    index = finder.build_index(catalogue, "ru")
    national = [x.id for x in catalogue.national if x.status == "active"]
    result = js("run", index=index, query="near=oral")
    shown = [x["id"] for x in result["shown"]]
    assert sorted(shown[: len(national)]) == sorted(national)
    assert not {x.id for x in catalogue.listings if x.status in ("closed", "suspended")} & set(shown)
    kms = [x["km"] for x in result["shown"][len(national) :]]
    assert None not in kms


def test_a_town_keeps_its_region_then_the_nearest_elsewhere(js, tmp_path):
    """Issue 16, item 17: Karaganda hid Temirtau (30 km) and said nothing matched. Now the town's
    listings come first, then the rest of its region, then the nearest few elsewhere, each with
    its distance. It failed before."""
    index, _ = fixture_index(
        tmp_path,
        {
            "temirtau-a": {"location": {"region": "KZ-35", "city": "temirtau"}},
            "astana-a": {"location": {"region": "KZ-71", "city": "astana"}},
            "astana-legal": {"location": {"region": "KZ-71", "city": "astana"}, "services": ["legal"]},
            "almaty-a": {},
            "konaev-a": {"location": {"region": "KZ-19", "city": "konaev"}},
            "shymkent-a": {"location": {"region": "KZ-79", "city": "shymkent"}},
            "taraz-a": {"location": {"region": "KZ-31", "city": "taraz"}},
            "karaganda-closed": {"location": {"region": "KZ-35", "city": "karaganda"}, "status": "closed"},
            "national-a": NATIONAL,
        },
    )
    result = js("run", index=index, query="where=karaganda&need=shelter")
    shown = [x["id"] for x in result["shown"]]
    # Temirtau (same region), then the three nearest shelters elsewhere, then the national line.
    assert shown == ["temirtau-a", "astana-a", "konaev-a", "taraz-a", "national-a"]
    kms = {x["id"]: x["km"] for x in result["shown"]}
    assert 20 < kms["temirtau-a"] < 45 and 150 < kms["astana-a"] < 250
    assert result["groups"] == {"town": 0, "region": 1, "elsewhere": 3}
    hidden = {x["id"]: x["failed"] for x in result["hidden"]}
    assert hidden == {
        "astana-legal": "where",  # not a shelter: not brought back by distance
        "shymkent-a": "where",
        "almaty-a": "where",  # 800 km: further than Taraz
        "karaganda-closed": "status",
    }
    assert result["reasons"] == {"where": 3, "status": 1}
    # The town's own listing comes first, at distance 0.
    result = js("run", index=index, query="where=temirtau")
    assert [x["id"] for x in result["shown"]][:1] == ["temirtau-a"] and result["shown"][0]["km"] == 0
    assert result["groups"]["town"] == 1
    # A region keeps its meaning: only its listings and the national lines.
    assert [x["id"] for x in js("run", index=index, query="where=KZ-35&need=shelter")["shown"]] == [
        "temirtau-a",
        "national-a",
    ]


def test_karaganda_shows_temirtau_on_the_real_index(js, catalogue):
    index = finder.build_index(catalogue, "ru")
    result = js("run", index=index, query="where=karaganda&need=shelter")
    shown = [x["id"] for x in result["shown"]]
    assert "temirtau-korgau" in shown and result["groups"]["region"] >= 1
    assert result["groups"]["elsewhere"] == 3


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("age=150", [{"field": "age", "value": "150"}]),
        ("age=35&boys=3,26&girls=2", [{"field": "boys", "value": "26"}]),
        ("girls=1.5,x", [{"field": "girls", "value": "x"}]),
        ("age=abc&kids=1", [{"field": "age", "value": "abc"}]),
        ("age=120&boys=25", []),
        ("boys=" + ",".join(["1"] * 13), [{"field": "boys", "value": "1"}]),
    ],
)
def test_an_age_not_used_is_said_not_dropped(js, query, expected):
    """Issue 16, item 19: an age of 150 or a child of 26 was dropped without a word. The script
    names what it does not use, and why (the page shows it). It failed before (no such function)."""
    assert js("rejected", query=query) == expected


def test_distance_is_haversine(js, catalogue):
    a, b = catalogue.cities["almaty"], catalogue.cities["astana"]
    rad = math.radians
    h = (
        math.sin(rad(b.lat - a.lat) / 2) ** 2
        + math.cos(rad(a.lat)) * math.cos(rad(b.lat)) * math.sin(rad(b.lon - a.lon) / 2) ** 2
    )
    expected = 6371 * 2 * math.asin(math.sqrt(h))
    got = js("distance", a=[a.lat, a.lon], b=[b.lat, b.lon])
    assert abs(got - expected) < 0.01 and 950 < got < 1000


# ---------------------------------------------------------------- the address


@pytest.mark.parametrize(
    "query",
    [
        "",
        "where=KZ-75",
        "where=almaty&need=shelter",
        "need=maternity&age=17&pregnant=1",
        "kids=1&boys=3,10&girls=1.5",
        "age=19&pregnant=1&kids=1&boys=2&girls=5,12&hiv=1&nopolice=1&free=1&open=now&near=oral",
        "age=40&gender=men&mental=1&noreferral=1",
        "where=astana&need=shelter&age=40&gender=men&hiv=1&mental=1&nopolice=1&noreferral=1",
        "open=247&near=semey",
    ],
)
def test_address_round_trips(js, catalogue, query):
    index = finder.build_index(catalogue)
    assert js("serialize", index=index, query=query) == query


def test_address_drops_what_is_not_valid(js, catalogue):
    index = finder.build_index(catalogue)
    state = js(
        "parse",
        index=index,
        query="where=KZ-99&need=emergency&age=abc&boys=3,x,200&girls=&open=later&near=nowhere&hiv=yes&free=1&x=1"
        "&gender=other&mental=yes&noreferral=0",
    )
    assert state == {
        "where": "",
        "need": "",  # not a need (services.yaml need: false)
        "age": None,
        "gender": "",
        "mental": False,
        "noreferral": False,
        "pregnant": False,
        "kids": True,  # a boy's age was given
        "boys": [3],
        "girls": [],
        "hiv": False,
        "nopolice": False,
        "free": True,
        "open": "",
        "near": "",
    }
    assert js("serialize", index=index, query="near=oral&where=KZ-75") == "where=KZ-75&near=oral"
    assert js("parse", index=index, query="where=%3Cscript%3E")["where"] == ""


# ---------------------------------------------------------------- the real data


def reference(catalogue, field: str | None, value_of) -> dict[str, str]:
    """What a tri-state filter must give on the real data, computed here independently."""
    out = {}
    for x in catalogue.listings:
        status = {"active": "yes", "unknown": "unknown"}.get(x.status, "no")
        answer = value_of(x)
        phone = x.kind in ("helpline", "emergency")
        if status == "no":
            out[x.id] = "no:status"
        elif answer == "no":
            out[x.id] = f"no:{field}"
        elif answer == "unknown" and not (
            phone and field in ("age", "gender", "pregnant", "kids", "hiv", "mental", "nopolice", "noreferral")
        ):
            out[x.id] = "unknown"
        else:
            out[x.id] = status
    return out


REAL_FILTERS = {
    "pregnant=1": ("pregnant", lambda x: x.eligibility.pregnant),
    "hiv=1": ("hiv", lambda x: x.eligibility.hiv),
    "nopolice=1": (
        "nopolice",
        lambda x: {"yes": "no", "no": "yes"}.get(x.eligibility.police_report_required, "unknown"),
    ),
    "free=1": ("free", lambda x: {"free": "yes", "paid": "no"}.get(x.fee, "unknown")),
    "gender=men": (
        "gender",
        lambda x: {"men": "yes", "any": "yes", "women": "no"}.get(x.eligibility.gender, "unknown"),
    ),
    "gender=women": (
        "gender",
        lambda x: {"women": "yes", "any": "yes", "men": "no"}.get(x.eligibility.gender, "unknown"),
    ),
    "mental=1": ("mental", lambda x: x.eligibility.mental_disorders),
    "noreferral=1": (
        "noreferral",
        lambda x: {"yes": "no", "no": "yes"}.get(x.eligibility.referral_required, "unknown"),
    ),
    "kids=1": ("kids", lambda x: x.eligibility.with_children),
    "open=247": ("open", lambda x: finder.reachable(x, finder.all_day)),
}


@pytest.mark.parametrize("query", REAL_FILTERS)
def test_each_eligibility_filter_on_the_real_index(js, catalogue, query):
    field, value_of = REAL_FILTERS[query]
    index = finder.build_index(catalogue)
    assert outcome(js, index, query) == reference(catalogue, field, value_of)


def test_each_need_and_region_on_the_real_index(js, catalogue):
    index = finder.build_index(catalogue)
    calls, expected = [], []
    for service in (s for s in catalogue.services.values() if s.need):
        calls.append({"op": "run", "index": index, "query": f"need={service.key}"})
        expected.append(reference(catalogue, "need", lambda x, s=service: "yes" if s in x.services else "no"))
    for region in catalogue.regions.values():
        calls.append({"op": "run", "index": index, "query": f"where={region.code}"})
        expected.append(
            reference(
                catalogue, "where", lambda x, r=region: "yes" if x.is_national or x.region.code == r.code else "no"
            )
        )
    for result, want in zip(js.many(calls), expected, strict=True):
        got = {x["id"]: x["result"] for x in result["shown"]} | {x["id"]: f"no:{x['failed']}" for x in result["hidden"]}
        assert got == want


def test_every_listing_is_reachable_by_some_filter(js, catalogue):
    """Nothing lost: each listing that works shows up for its own region (or everywhere) and its needs."""
    index = finder.build_index(catalogue)
    for x in catalogue.listings:
        if x.status in ("closed", "suspended"):
            continue
        query = f"where={x.region.code}" if x.region else "where=KZ-75"
        needs = [s.key for s in x.services if s.need]
        if needs:
            query += f"&need={needs[0]}"
        shown = {item["id"] for item in js("run", index=index, query=query)["shown"]}
        assert x.id in shown, (x.id, query)


def test_real_page_order_is_national_then_by_region(catalogue):
    for lang in LANGS:
        order = finder.page_order(catalogue, lang)
        national = [x for x in order if x.is_national]
        assert order[: len(national)] == national
        regions = [x.region.name(lang) for x in order[len(national) :]]
        # In the alphabet of the language (issue 16, item 10), not by character code.
        assert regions == sorted(regions, key=lambda name: collation_key(name, lang))


def test_reachable_now_counts_each_channel_with_its_own_hours(js):
    """Issue 17: the place's hours unknown, but one channel answers round the clock or now."""
    weekdays = [{"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "09:00", "closes": "18:00"}]
    base = {"kind": "centre", "status": "active", "services": [], "age": ["unknown", "unknown"]}
    entries = [
        {**base, "id": "chat-247", "hours": "unknown", "reach": ["unknown", "24/7"]},
        {**base, "id": "weekday-line", "hours": "unknown", "reach": [weekdays]},
        {**base, "id": "nothing-known", "hours": "unknown", "reach": ["unknown"]},
        {**base, "id": "old-index", "hours": weekdays},  # an index without `reach`
    ]
    # 2026-12-07 is a Monday: 02:00 and 09:30 in Almaty.
    night = [js("evaluate", entry=e, query="open=now", now="2026-12-06T21:00:00Z")["result"] for e in entries]
    morning = [js("evaluate", entry=e, query="open=now", now="2026-12-07T04:30:00Z")["result"] for e in entries]
    always = [js("evaluate", entry=e, query="open=247")["result"] for e in entries]
    assert night == ["yes", "unknown", "unknown", "no"]
    assert morning == ["yes", "yes", "unknown", "yes"]
    assert always == ["yes", "unknown", "unknown", "no"]
