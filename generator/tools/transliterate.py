"""Kazakh and Russian letters in Latin ones, for file names and ids (`from-issue`'s new listings).

A simple letter-for-letter table, not an official romanisation: an id only has to be readable,
stable and made of a-z, 0-9 and dashes.
"""

from __future__ import annotations

_TABLE = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфхцыэ", "abvgdezijklmnoprstufhcye", strict=True)),
        **{"ё": "e", "ж": "zh", "ч": "ch", "ш": "sh", "щ": "sh", "ю": "yu", "я": "ya", "ъ": "", "ь": ""},
        **dict(zip("әғқңөұүһі", "agqnouuhi", strict=True)),
    }
)


def latin(text: str) -> str:
    """text with every Cyrillic letter of Kazakh and Russian (lower case) in Latin letters."""
    return text.translate(_TABLE)
