"""The words of generated pages, in Kazakh and Russian.

Every string a generated page shows lives in words/<lang>/site.yaml; a test
checks that both have the same keys, so a page can never fall back silently.
"""

from __future__ import annotations

from typing import Any

from generator.data import catalogs
from generator.data.model import Lang


def ru_plural_form(n: float) -> int:
    """Which Russian form goes with the number n: 0 for "1 центр" (also 21, 101), 1 for "2 центра"
    (2-4, 22-24), 2 for "5 центров" (5-20, 25-30, 0, 11-14). A fraction takes form 1 ("1,5 центра").
    CLDR's rules for Russian, as Babel and ICU apply them."""
    if not float(n).is_integer():
        return 1
    k = abs(int(n))
    if k % 10 == 1 and k % 100 != 11:
        return 0
    if 2 <= k % 10 <= 4 and not 12 <= k % 100 <= 14:
        return 1
    return 2


def plural(lang: Lang, n: float, forms: str) -> str:
    """One of `forms` ("центр|центра|центров" in Russian) for the number n. Kazakh nouns do not
    change after a numeral ("1 орталық", "5 орталық"): a Kazakh entry has one form."""
    choices = forms.split("|")
    if lang == "ru" and len(choices) == 3:
        return choices[ru_plural_form(n)]
    return choices[0]


# The alphabets names are sorted by, lower case. Kazakh: the 42 letters of its Cyrillic alphabet.
# Russian: its 33, with the Kazakh letters a Russian name may hold ("Область Ұлытау") each after
# the Russian letter it is read as.
ALPHABETS: dict[Lang, str] = {
    "kk": "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
    "ru": "аәбвгғдеёжзиійкқлмнңоөпрстуұүфхһцчшщъыьэюя",
}
_RANKS: dict[Lang, dict[str, int]] = {lang: {c: i for i, c in enumerate(abc)} for lang, abc in ALPHABETS.items()}
# Words that only say what kind of place a Russian name is, sorted by the name after them:
# "город Алматы" is found under А, "Область Жетісу" under Ж.
_KIND_WORDS = ("город ", "г. ", "область ")


def collation_key(text: str, lang: Lang) -> tuple:
    """The key that sorts names as a reader of `lang` looks them up: by the letters of the
    language's alphabet (not by character code, which puts Ақмола after Атырау and Ұлытау last),
    ignoring case, opening quotes and, in Russian, a leading "город"/"область". The one order of
    regions, towns and listings on every page; equal keys fall back to the text itself."""
    ranks = _RANKS[lang]
    name = text.strip().lower()
    if lang == "ru":
        for word in _KIND_WORDS:
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
STRINGS: dict[Lang, dict[str, str]] = catalogs.table("site")


class Words:
    """`t('key', n=3)` for one language; missing keys fail loudly in tests, not on the site.

    Features keep their own strings and pass their table: Words(lang, THEIR_STRINGS).
    """

    def __init__(self, lang: Lang, table: dict[Lang, dict[str, str]] | None = None):
        self.lang = lang
        self.strings = (table or STRINGS)[lang]

    def __call__(self, key: str, **values: Any) -> str:
        text = self.strings[key]
        return text.format(**values) if values else text

    def plural(self, key: str, n: float) -> str:
        """The form of the word `key` that goes with the number n (see plural())."""
        return plural(self.lang, n, self.strings[key])

    def __getitem__(self, key: str) -> str:
        # Templates write t["key"] for a plain string: a lookup, not a call, costs Jinja far less
        # on pages made thousands of times. A missing key still fails (StrictUndefined).
        return self.strings[key]
