"""Rendering: words for values in both languages, and escaping of everything from YAML."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import pytest

from generator.data.model import Duration, build_listing
from generator.data.validate import validate
from generator.site.i18n import STRINGS, Words
from generator.site.render import Renderer, duration, plain, render_pages

from ..conftest import CORPUS, make_data_dir

BASE = CORPUS / "valid" / "almaty-corpus-base.yaml"


def test_both_languages_have_the_same_strings():
    assert set(STRINGS["kk"]) == set(STRINGS["ru"])
    texts = [v for lang in STRINGS.values() for entry in lang.values() for v in _forms(entry)]
    assert texts and all(text.strip() for text in texts)


def _forms(entry) -> list[str]:
    return list(entry.values()) if isinstance(entry, dict) else [entry]


@pytest.mark.parametrize(
    ("text", "lang", "case", "expected"),
    [
        ("6 months", "ru", "to", "6 месяцев"),
        ("1 year", "ru", "to", "1 года"),
        ("1.5 years", "ru", "to", "1,5 года"),
        ("21 months", "ru", "to", "21 месяца"),
        ("11 months", "ru", "to", "11 месяцев"),
        ("2 hours", "ru", "from", "2 часов"),
        ("6 months", "kk", "to", "6 айға"),
        ("2 hours", "kk", "from", "2 сағаттан"),
        ("1.5 years", "kk", "to", "1,5 жылға"),  # CLDR: Kazakh writes a decimal comma
        ("2 years", "ru", "from", "2 лет"),
        ("22 days", "ru", "to", "22 дней"),
        ("3 days", "kk", "from", "3 күннен"),
    ],
)
def test_duration_words(text, lang, case, expected):
    assert duration(Duration.parse(text), lang, case) == expected


@pytest.fixture
def base_catalogue(tmp_path: Path):
    report = validate(make_data_dir(tmp_path / "data", [BASE]))
    assert report.ok
    return report.catalogue


def test_listing_page_words(base_catalogue):
    ru = {p.path: p.content for p in render_pages(base_catalogue, "ru")}["centres/almaty-corpus-base.md"]
    kk = {p.path: p.content for p in render_pages(base_catalogue, "kk")}["centres/almaty-corpus-base.md"]
    assert "от 2 часов до 6 месяцев; в исключительных случаях до 9 месяцев" in ru
    assert "2 сағаттан бастап 6 айға дейін; ерекше жағдайда 9 айға дейін" in kk
    assert "от 18 лет (верхняя граница неизвестна — уточните у них)" in ru
    # "до 10 лет" with no word on whether 10 is included: the source's words and "ask them" (issue 16, item 19).
    boys = "мальчики: в источнике «до 10 лет», без уточнения, включительно ли: уточните у них"
    assert f"{boys}; девочки: неизвестно" in ru
    assert 'href="tel:+77011234567"' in ru and "+7 701 123 4567" in ru
    assert "адрес приюта не публикуется" in ru


HOSTILE = '"><img src=x onerror=alert(1)> <script>alert(1)</script> *b* [x](javascript:alert(1)) &amp;'


def hostile_catalogue(catalogue):
    """A catalogue whose listing holds hostile text everywhere text goes (bypassing validation)."""
    data = copy.deepcopy(catalogue.listings[0].raw)
    for field in ("name", "organization", "description"):
        data[field] = {"kk": HOSTILE, "ru": HOSTILE}
    data["sources"][0]["title"] = HOSTILE
    data["sources"][0]["supports"] = HOSTILE
    listing = build_listing(data, "x.yaml", catalogue.regions, catalogue.cities, catalogue.services)
    catalogue.listings = [listing]
    return catalogue


def test_text_from_yaml_is_escaped_in_pages(base_catalogue):
    for lang in ("kk", "ru"):
        for page in render_pages(hostile_catalogue(base_catalogue), lang):
            assert "<script>alert" not in page.content
            assert "<img src=x" not in page.content
            assert 'href="javascript:' not in page.content
        listing = next(p for p in render_pages(base_catalogue, lang) if p.path.startswith("centres/"))
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing.content
        assert "&amp;amp;" in listing.content  # an entity in the data is shown as typed


def test_plain_text_for_titles_has_no_html_characters():
    assert plain("A \"<b>\" & 'c'") == "A ”‹b›” ＆ ’c’"


@pytest.mark.slow  # builds through MkDocs, which conftest's check for site.build( misses
def test_hostile_text_through_the_real_mkdocs_build(base_catalogue, tmp_path: Path, monkeypatch):
    """Through Markdown and the theme too: titles, meta and body stay inert."""
    from generator.build import site

    catalogue = hostile_catalogue(base_catalogue)
    monkeypatch.setattr(site, "catalogue_for", lambda folder: catalogue)
    site._run_mkdocs(site.CONFIGS["kk"], site_dir=str(tmp_path / "site"))
    for html_file in (tmp_path / "site").rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert "<script>alert" not in html, html_file
        assert "<img src=x" not in html, html_file
        assert 'href="javascript:' not in html, html_file
    page = (tmp_path / "site" / "ru" / "centres" / "almaty-corpus-base" / "index.html").read_text("utf-8")
    assert "<title>”›‹img src=x onerror=alert(1)› ‹script›alert(1)‹/script›" in page
    assert "*b* [x](javascript:alert(1))" in page  # Markdown in data stays literal text


def test_words_fail_loudly_on_a_missing_key():
    with pytest.raises(KeyError):
        Words("kk")("no_such_key")


def test_strip_indentation_keeps_preformatted_text():
    from generator.site.htmlmin import strip_indentation

    html = (
        "<div>\n    <p>a\n      b</p>\n\n\n  <pre>\n    kept:\n      indented\n</pre>\n"
        "  <TEXTAREA>\n  x</TEXTAREA>\n</div>"
    )
    assert strip_indentation(html) == (
        "<div>\n<p>a\nb</p>\n<pre>\n    kept:\n      indented\n</pre>\n<TEXTAREA>\n  x</TEXTAREA>\n</div>"
    )


def test_strip_indentation_is_dropping_indents_then_blank_lines():
    """The one-pass pattern equals the plain definition: indentation goes, then runs of newlines."""
    import random
    import re

    from generator.site.htmlmin import strip_indentation

    def reference(text: str) -> str:
        parts = re.split(r"(<(pre|textarea)\b.*?</\2>)", text, flags=re.S | re.I)
        out = [re.sub(r"\n{2,}", "\n", re.sub(r"\n[ \t]+", "\n", parts[i])) for i in range(0, len(parts), 3)]
        kept = [parts[i] for i in range(1, len(parts), 3)]
        return "".join(a + b for a, b in zip(out, [*kept, ""], strict=True))

    rng = random.Random(8)
    pieces = ["\n", " ", "\t", "\r", "a", "<p>", "<pre>", "</pre>", "<textarea>", "</textarea>", "\u00a0"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert strip_indentation(text) == reference(text), repr(text)


def test_a_card_is_the_same_on_its_region_and_need_pages_and_in_its_own_language(catalogue):
    """Cards are made once per renderer (one language) and reused on every page that lists them."""
    import re

    pages = {lang: {p.path: p.content for p in render_pages(catalogue, lang)} for lang in ("kk", "ru")}
    x = next(x for x in catalogue.listings if x.region and any(s.need for s in x.services))
    need = next(s for s in x.services if s.need)

    def card(content: str) -> str:
        found = re.findall(rf'<article class="kz-card" aria-labelledby="card-{x.id}".*?</article>', content, re.S)
        assert len(found) == 1
        return found[0]

    for lang in ("kk", "ru"):
        on_region = card(pages[lang][f"regions/{x.region.slug}.md"])
        on_need = card(pages[lang][f"needs/{need.key.replace('_', '-')}.md"])
        assert on_region == on_need
        assert x.name(lang) in on_region or x.name(lang).replace("&", "&amp;") in on_region
    assert card(pages["kk"][f"regions/{x.region.slug}.md"]) != card(pages["ru"][f"regions/{x.region.slug}.md"])


def test_a_feature_may_not_replace_what_the_core_templates_have(catalogue):
    with pytest.raises(ValueError, match="core pages already have"):
        Renderer(catalogue, "kk", feature_globals={"card": lambda *_: ""})


# ---------------------------------------------------------------- issue 16 (each failed before its fix)


@pytest.mark.parametrize(
    ("n", "form"),
    [(1, 0), (21, 0), (101, 0), (2, 1), (4, 1), (22, 1), (32, 1), (5, 2), (11, 2), (12, 2), (14, 2), (38, 2), (0, 2)]
    + [(111, 2), (112, 2), (1.5, 3)],
)
def test_russian_plural_rules(n, form):
    from generator.site.i18n import plural, plural_category

    assert plural_category("ru", n) == ("one", "few", "many", "other")[form]
    forms = STRINGS["ru"]["word_centre"]
    assert plural("ru", n, forms) == ("центр", "центра", "центров", "центра")[form]
    assert plural("kk", n, STRINGS["kk"]["word_centre"]) == "орталық", "Kazakh nouns do not change after a numeral"


@pytest.mark.parametrize(
    ("low", "high", "kk", "ru"),
    [
        (18, 21, "18–21 жас", "18–21 год"),
        (18, 23, "18–23 жас", "18–23 года"),
        (18, 58, "18–58 жас", "18–58 лет"),
        (1.5, 30, "1,5–30 жас", "1,5–30 лет"),
        (21, "none", "21 жастан бастап", "от 21 года"),
        ("unknown", 30, "30 жасқа дейін (ең төменгі жасы белгісіз — сұраңыз)", "до 30 лет (нижняя граница неизвестна"),
        (16, "unknown", "16 жастан бастап (ең жоғарғы жасы белгісіз — сұраңыз)", "от 16 лет (верхняя граница"),
        (0, "none", "шектеу жоқ", "без ограничений"),
    ],
)
def test_age_words_agree_with_the_number(low, high, kk, ru):
    """Russian years after a number take the CLDR form of that number ("18–21 год", "18–23 года"),
    which the old string surgery (replacing «лет») got wrong for ranges."""
    from types import SimpleNamespace

    from generator.site.render import age_text

    listing = SimpleNamespace(eligibility=SimpleNamespace(age_min=low, age_max=high))
    assert age_text(listing, Words("kk")) == kk
    assert age_text(listing, Words("ru")).startswith(ru)


def test_dates_are_written_with_the_month_name():
    from generator.site.i18n import date_text

    assert date_text("2025-03-04", "ru") == "4 марта 2025\u202fг."  # CLDR keeps "г." with the year
    assert "наурыз" in date_text("2025-03-04", "kk") and "2025" in date_text("2025-03-04", "kk")
    assert date_text("2023", "kk") == "2023", "a year alone stays as written"


def _pages(catalogue, lang: str) -> dict[str, str]:
    from generator import features

    renderer = Renderer(catalogue, lang, feature_globals=features.core_globals(catalogue, lang))
    return {p.path: p.content for p in renderer.pages()}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_official_totals_said_once_and_in_good_russian(catalogue, lang):
    import dataclasses

    from generator.data.model import Text

    page = _pages(catalogue, lang)["regions/almaty.md"]
    caveat = page[page.index('class="kz-caveat"') :].split("</p>")[0]
    assert caveat.count("38") == 1, "the data's caveat already explains the totals"
    # A caveat that does not give the totals: the page gives them, with the right word forms.
    bare = dataclasses.replace(catalogue.counts, caveat=Text("Ескерту.", "Примечание."))
    page = _pages(dataclasses.replace(catalogue, counts=bare), lang)["regions/almaty.md"]
    caveat = page[page.index('class="kz-caveat"') :].split("</p>")[0]
    if lang == "ru":
        assert "38 центров" in caveat and "32 центра с приютом" in caveat and "32 центров" not in caveat
    else:
        assert "38 орталық" in caveat


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_listing_without_a_phone_says_it_once_and_gives_the_lines(catalogue, lang):
    t = Words(lang)
    page = _pages(catalogue, lang)["centres/astana-umit.md"]
    x = next(x for x in catalogue.listings if x.id == "astana-umit")
    assert not x.contacts.phones
    assert t("no_phone") not in page and t("no_address") not in page
    assert page.count(str(escape_text(x.contacts.how_to_reach(lang)))) == 1
    contact = page[page.index('class="kz-contact"') : page.index("</section>")]
    assert 'href="tel:150"' in contact and 'href="tel:111"' in contact


def escape_text(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_closed_listings_are_not_counted_as_help(catalogue, lang):
    # Kostanay with its closed centre as the only listing (the real data also lists open ones there).
    only_closed = [x for x in catalogue.listings if x.region is None or x.region.code != "KZ-39"]
    only_closed += [x for x in catalogue.listings if x.id == "kostanay-dagdarys"]
    pages = _pages(dataclasses.replace(catalogue, listings=only_closed), lang)
    home = pages["index.md"]
    assert '<a href="regions/kostanay-region/">' in home
    assert (
        home.split('<a href="regions/kostanay-region/">')[1]
        .split("</li>")[0]
        .endswith('<span class="kz-count">(0)</span>')
    )
    region = pages["regions/kostanay-region.md"]
    t = Words(lang)
    assert t("count_listed", n=0) in region and t("count_stopped", n=1) in region
    assert t["none_in_region"] in region
    stopped = region[region.index('class="kz-stopped"') :]
    assert "../../centres/kostanay-dagdarys/" in stopped and t["status_closed"] in stopped
    assert t("count_open", n=0) in pages["regions/index.md"].split("kostanay-region/")[1].split("</li>")[0]


def test_the_home_page_says_every_call_is_free_only_while_every_number_is_free(catalogue):
    """home_lead ends "Барлық қоңырау тегін" / "Все звонки бесплатные": true only while every
    number in the data is one of the free short numbers (language review, section 5)."""
    free = {"101", "102", "103", "104", "111", "112", "150"}
    numbers = {p.tel for x in catalogue.listings for p in x.contacts.phones}
    assert numbers, "the data has phone numbers"
    if not numbers <= free:
        assert "тегін" not in STRINGS["kk"]["home_lead"] and "бесплат" not in STRINGS["ru"]["home_lead"]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_status_history_is_told_on_the_listing_page_with_dates_and_sources(catalogue, lang):
    t = Words(lang)
    x = next(x for x in catalogue.listings if x.id == "kostanay-dagdarys")
    assert [h.status for h in x.status_history] == ["suspended", "active", "closed"]
    page = _pages(catalogue, lang)["centres/kostanay-dagdarys.md"]
    told = page[page.index('class="kz-status-history"') :].split("</p>")[0]
    said = [
        t("history_suspended", date="2025"),
        t("history_active", date="2025-10"),
        t("history_closed", date="2026-02"),
    ]
    assert [told.index(s) for s in said] == sorted(told.index(s) for s in said), "oldest first"
    for step in x.status_history:
        assert f'<a href="{escape_text(step.source)}" rel="noreferrer noopener">' in told
    # A listing whose history starts active says "works since", not "reopened".
    first = dataclasses.replace(x, status_history=x.status_history[1:])
    other = _pages(dataclasses.replace(catalogue, listings=[first]), lang)["centres/kostanay-dagdarys.md"]
    assert t("history_active_first", date="2025-10") in other and t("history_active", date="2025-10") not in other
    # No history, no line.
    assert 'class="kz-status-history"' not in _pages(catalogue, lang)["centres/astana-umit.md"]
