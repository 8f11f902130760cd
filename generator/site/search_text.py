"""Search keys: how a word in Kazakh or Russian, typed any way, becomes the same key.

One normalisation for the index (here, in Python) and for the query (kz-search.js, the
search worker, in JavaScript). The rule tables live in search_rules.json only: the index
carries them to the worker, and tests/features/test_search_text.py runs both on the same
words. Each word gives up to three keys, so that either stemmer's guess can meet the
query's:

- its surface: Latin of any of the three official alphabets or informal ("Qostanai",
  "Shymkent") turned to Cyrillic, Kazakh letters folded to the Russian ones a Russian
  keyboard has (ә→а … і→и), then ы/и, й/и, э/е, щ/ш merged and ь/ъ dropped;
- its Kazakh stem: case, plural and possessive endings stripped (at most three, longest
  first) where vowel harmony and the consonant before the ending allow them, never below
  kk_min_stem letters ("Павлодардан" → павлодар, never павло), a voiced last consonant
  turned back before a vowel ending ("көмегі" → көмек);
- its Russian stem: one inflectional ending stripped, never below ru_min_stem letters.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

RULES_PATH = Path(__file__).with_name("search_rules.json")
RULES: dict = json.loads(RULES_PATH.read_text(encoding="utf-8"))

_WORD = re.compile(RULES["word"])
_APOSTROPHES = str.maketrans({c: "'" for c in RULES["apostrophes"]})
_LATIN = dict(RULES["latin"])
_LATIN_LENGTHS = sorted({len(k) for k in _LATIN}, reverse=True)
_LATIN_LETTERS = set("".join(_LATIN))
_FOLD = str.maketrans(RULES["fold"])
_FINAL = str.maketrans(RULES["final"])
_BACK, _FRONT = set(RULES["vowels"]["back"]), set(RULES["vowels"]["front"])
_CLASSES = RULES["classes"]
_VOWELS = set(_CLASSES["V"]) | set(RULES["fold"])


def words(text: str) -> list[str]:
    """The words of a text, lower case, apostrophes unified (they are letters in 2017 Latin)."""
    lowered = text.lower().replace("\u0307", "").translate(_APOSTROPHES)
    return _WORD.findall(lowered)


def cyrillic(word: str) -> str:
    """Latin letters (all three official alphabets and informal spellings) as Kazakh Cyrillic."""
    if not _LATIN_LETTERS.intersection(word):
        return word.replace("'", "")
    out: list[str] = []
    i = 0
    while i < len(word):
        for size in _LATIN_LENGTHS:
            piece = word[i : i + size]
            if piece in _LATIN:
                letter = _LATIN[piece]
                if piece == "y" and out and out[-1] in _VOWELS:
                    letter = RULES["latin_y_after_vowel"]  # "Semey", "Qostanay": й, not ы
                out.append(letter)
                i += size
                break
        else:
            if word[i] != "'":
                out.append(word[i])
            i += 1
    return "".join(out)


def _harmony(stem: str) -> str:
    """The harmony an ending must keep after this stem: back or front, or either when the stem
    has no such vowel or has both (names borrowed from Russian: "Қонаевта", "Шымкентте")."""
    back = any(c in _BACK for c in stem)
    front = any(c in _FRONT for c in stem)
    if back == front:
        return "any"
    return "back" if back else "front"


def _letter_class(letter: str) -> set[str]:
    return {name for name, letters in _CLASSES.items() if letter in letters}


def kk_stem(original: str) -> str:
    """Kazakh endings stripped from a Cyrillic word; the result is in the folded alphabet."""
    folded = original.translate(_FOLD)
    for _ in range(RULES["kk_max_strips"]):
        for ending, harmony, after in RULES["kk_endings"]:
            size = len(folded) - len(ending)
            if size < RULES["kk_min_stem"] or not folded.endswith(ending):
                continue
            stem, stem_original = folded[:size], original[:size]
            if not any(c in _VOWELS for c in stem_original):
                continue
            if not _letter_class(stem[-1]).intersection(after):
                continue
            found = _harmony(stem_original)
            if harmony != "any" and found not in ("any", harmony):
                continue
            if ending[0] in _VOWELS and stem[-1] in RULES["kk_alternation"]:
                stem = stem[:-1] + RULES["kk_alternation"][stem[-1]]  # көмег(і) → көмек
            folded, original = stem, stem_original
            break
        else:
            break
    return folded


def ru_stem(original: str) -> str:
    folded = original.translate(_FOLD)
    for ending in RULES["ru_endings"]:
        if folded.endswith(ending) and len(folded) - len(ending) >= RULES["ru_min_stem"]:
            return folded[: -len(ending)]
    return folded


def final(key: str) -> str:
    return key.translate(_FINAL)


@lru_cache(maxsize=65536)
def keys(word: str) -> tuple[str, str, str]:
    """(surface, Kazakh stem, Russian stem) of one word from words()."""
    original = cyrillic(word)
    if original.isdigit():
        return (original, original, original)
    return (final(original.translate(_FOLD)), final(kk_stem(original)), final(ru_stem(original)))


def text_keys(text: str) -> list[str]:
    """Every key of every word of a text, each once, in the order first met."""
    seen: dict[str, None] = {}
    for word in words(text):
        for key in keys(word):
            if key:
                seen.setdefault(key, None)
    return list(seen)
