"""Names in the order of the reader's alphabet (issue 16, item 10): Kazakh on kk pages, Russian on
ru pages, never by character code (which put Ақмола after Атырау, Қарағанды … Ұлытау last and
Шымкент before Шығыс). These failed before the fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.site.i18n import ALPHABETS, collation_key

KAZAKH = list("АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ")
RUSSIAN = list("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")

# The 20 regions as a reader of each language looks them up.
REGIONS = {
    "kk": [
        "Абай облысы",
        "Ақмола облысы",
        "Ақтөбе облысы",
        "Алматы қаласы",
        "Алматы облысы",
        "Астана қаласы",
        "Атырау облысы",
        "Батыс Қазақстан облысы",
        "Жамбыл облысы",
        "Жетісу облысы",
        "Қарағанды облысы",
        "Қостанай облысы",
        "Қызылорда облысы",
        "Маңғыстау облысы",
        "Павлодар облысы",
        "Солтүстік Қазақстан облысы",
        "Түркістан облысы",
        "Ұлытау облысы",
        "Шығыс Қазақстан облысы",
        "Шымкент қаласы",
    ],
    "ru": [
        "Область Абай",
        "Акмолинская область",
        "Актюбинская область",
        "Алматинская область",
        "город Алматы",
        "город Астана",
        "Атырауская область",
        "Восточно-Казахстанская область",
        "Жамбылская область",
        "Область Жетісу",
        "Западно-Казахстанская область",
        "Карагандинская область",
        "Костанайская область",
        "Кызылординская область",
        "Мангистауская область",
        "Павлодарская область",
        "Северо-Казахстанская область",
        "Туркестанская область",
        "Область Ұлытау",
        "город Шымкент",
    ],
}


def test_the_alphabets_are_the_published_ones():
    assert [c.upper() for c in ALPHABETS["kk"]] == KAZAKH
    russian_only = [c.upper() for c in ALPHABETS["ru"] if c.upper() in RUSSIAN]
    assert russian_only == RUSSIAN
    # Kazakh letters in a Russian name come right after the letter they are read as.
    ru = ALPHABETS["ru"]
    for kazakh, base in zip("әғқңөұүһі", "агкноуухи", strict=True):
        assert ru.index(kazakh) > ru.index(base)
        assert all(c not in RUSSIAN for c in ru[ru.index(base) + 1 : ru.index(kazakh)].upper())


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_letter_sorts_in_alphabet_order(lang):
    letters = KAZAKH if lang == "kk" else RUSSIAN
    words = [f"{c}а" for c in letters]
    assert sorted(reversed(words), key=lambda w: collation_key(w, lang)) == words


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_regions_sort_by_the_alphabet(lang, catalogue):
    names = [r.name(lang) for r in catalogue.regions.values()]
    assert sorted(names, key=lambda n: collation_key(n, lang)) == REGIONS[lang]


def test_case_quotes_and_kind_words_do_not_move_a_name():
    kk = sorted(["«Үміт»", "Аяла", "ақ жол", "Өмір"], key=lambda n: collation_key(n, "kk"))
    assert kk == ["ақ жол", "Аяла", "Өмір", "«Үміт»"]
    ru = sorted(["город Алматы", "Барс", "Алия"], key=lambda n: collation_key(n, "ru"))
    assert ru == ["Алия", "город Алматы", "Барс"]


# ---------------------------------------------------------------- the built pages

PAGES = {
    # page: the pattern of a region's name in its list, in the page's order
    "index.html": r'<a href="regions/[^"/]+/">([^<]+)</a>',
    "regions/index.html": r'<a href="\.\./regions/[^"/]+/">([^<]+)</a>',
    "find/index.html": r'<option value="KZ-[^"]+">([^<(]+?) \(',
    "map/index.html": r'<li><a href="\.\./regions/[^"/]+/">([^<]+)</a> —',
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_built_pages_list_regions_in_the_alphabet_order(built_site: Path, lang, page):
    html = (built_site / ("" if lang == "kk" else "ru") / page).read_text(encoding="utf-8")
    names = [n.strip() for n in re.findall(PAGES[page], html)]
    names = [n for n in names if n in REGIONS[lang]]
    # The list on the page, each region once, in order.
    seen = list(dict.fromkeys(names))
    assert seen == REGIONS[lang], page


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_finder_lists_towns_in_the_alphabet_order(built_site: Path, lang, catalogue):
    html = (built_site / ("" if lang == "kk" else "ru") / "find/index.html").read_text(encoding="utf-8")
    towns = {c.key: c.name(lang) for c in catalogue.cities.values()}
    select = html[: html.index("</select>")]
    listed = [towns[key] for key in re.findall(r'<option value="([a-z-]+)">', select) if key in towns]
    assert len(listed) == len(towns)
    assert listed == sorted(towns.values(), key=lambda n: collation_key(n, lang))
    if lang == "kk":
        assert listed.index("Қарағанды") < listed.index("Орал") < listed.index("Өскемен") < listed.index("Павлодар")
