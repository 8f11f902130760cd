"""The words of generated pages, in Kazakh and Russian.

Every string a generated page shows lives in words/<lang>/site.yaml; a test
checks that both have the same keys, so a page can never fall back silently.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from generator.data import catalogs
from generator.data.catalogs import Text
from generator.data.model import Lang

_PLURAL_RULES = {lang: Locale.parse(lang).plural_form for lang in catalogs.LANGS}


def plural_category(lang: Lang, n: float) -> str:
    """The CLDR plural category of the number n in `lang` ("one", "few", "many", "other"), by
    Babel's rules: Russian 1, 21, 101 "one"; 2-4, 22-24 "few"; 0, 5-20, 25-30 "many"; a fraction
    "other" ("1,5 года"). Kazakh 1 "one", everything else "other"."""
    return _PLURAL_RULES[lang](n)


def plural(lang: Lang, n: float, forms: Text) -> str:
    """The form of a catalog entry for the number n: a plain text is the same for every number
    (Kazakh nouns do not change after a numeral: "1 орталық", "5 орталық")."""
    if isinstance(forms, str):
        return forms
    return forms[plural_category(lang, n)]


def number(value: float | int, lang: Lang) -> str:
    """A number as the language writes it (CLDR, through Babel): "1,5" in Kazakh and Russian."""
    return format_decimal(value, locale=lang, group_separator=False)


def date_text(value: str | dt.date, lang: Lang) -> str:
    """A date with the month's name, as CLDR writes it in the language ("4 марта 2025 г.",
    "2025 ж. 4 наурыз"). Text that is not a whole date ("2023", "unknown") is returned unchanged."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    return format_date(value, format="long", locale=lang)


# The alphabets names are sorted by, small letters, and the words that only say what kind of
# place a name is ("город Алматы" is found under А): words/<lang>/sorting.yaml.
_SORTING = catalogs.table("sorting")
ALPHABETS: dict[Lang, str] = {lang: str(_SORTING[lang]["alphabet"]) for lang in catalogs.LANGS}
_RANKS: dict[Lang, dict[str, int]] = {lang: {c: i for i, c in enumerate(abc)} for lang, abc in ALPHABETS.items()}
_KIND_WORDS: dict[Lang, tuple[str, ...]] = {
    lang: tuple(w for w in str(_SORTING[lang]["kind_words"]).split("|") if w.strip() not in ("", "-"))
    for lang in catalogs.LANGS
}


def collation_key(text: str, lang: Lang) -> tuple:
    """The key that sorts names as a reader of `lang` looks them up: by the letters of the
    language's alphabet (not by character code, which puts Ақмола after Атырау and Ұлытау last),
    ignoring case, opening quotes and, in Russian, a leading "город"/"область". The one order of
    regions, towns and listings on every page; equal keys fall back to the text itself."""
    ranks = _RANKS[lang]
    name = text.strip().lower()
    for word in _KIND_WORDS[lang]:
        if name.startswith(word) and len(name) > len(word):
            name = name[len(word) :]
            break
    name = name.lstrip("«»\"'“”„‘’()[]-–— ")
    letters = []
    for char in name:
        if char in ranks:
            letters.append((2, ranks[char]))
        elif char.isdigit():
            letters.append((1, ord(char)))
        elif char.isalpha():
            letters.append((3, ord(char)))  # Latin and other scripts after Cyrillic
        else:
            letters.append((0, ord(char)))  # spaces and punctuation before any letter
    return (tuple(letters), text)


# The words live in words/kk/site.yaml and words/ru/site.yaml, where a translator edits them.
STRINGS: dict[Lang, dict[str, Text]] = catalogs.table("site")


class Words:
    """`t('key', n=3)` for one language; missing keys fail loudly in tests, not on the site.

    An entry with plural forms takes the form for `count` (or, without it, for the value `n`):
    t("age_to", max="21", count=21) is "до 21 года", t("count_listed", n=5) picks the form for 5.
    Features keep their own strings and pass their table: Words(lang, THEIR_STRINGS).
    """

    def __init__(self, lang: Lang, table: dict[Lang, dict[str, Text]] | None = None):
        self.lang = lang
        self.strings = (table or STRINGS)[lang]

    def __call__(self, key: str, /, count: float | None = None, **values: Any) -> str:
        entry = self.strings[key]
        if isinstance(entry, dict):
            n = count if count is not None else values["n"]
            entry = plural(self.lang, float(n), entry)
        return entry.format(**values) if values else entry

    def plural(self, key: str, n: float) -> str:
        """The form of the word `key` that goes with the number n (see plural())."""
        return plural(self.lang, n, self.strings[key])

    def __getitem__(self, key: str) -> str:
        # Templates write t["key"] for a plain string: a lookup, not a call, costs Jinja far less
        # on pages made thousands of times. A missing key still fails (StrictUndefined).
        entry = self.strings[key]
        if not isinstance(entry, str):
            raise KeyError(f"{key} has plural forms: call t({key!r}, count=n)")
        return entry
