"""The cheap pre-filter before the address forms never hides an address.

rules.py runs its address forms only on text that `_MAY_HOLD_ADDRESS` matches.
That is safe only if every text any form matches is matched by it too.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from generator.rules import _ADDRESS_FORMS, _MAY_HOLD_ADDRESS, _strings
from generator.yamlload import load_file

from .conftest import CORPUS, DATA
from .test_address_forms import INNOCENT, LEAKS

# The forms' own words, whole and cut short, as written and in other cases.
WORDS = [
    "ул",
    "ул.",
    "улица",
    "улице",
    "улицы",
    "улиц",
    "просп",
    "просп.",
    "проспект",
    "проспекте",
    "пр",
    "пр.",
    "пр-т",
    "бульвар",
    "бульвары",
    "б-р",
    "переулок",
    "переул",
    "пер",
    "пер.",
    "мкр",
    "мкр.",
    "микрорайон",
    "микрорайоне",
    "д",
    "д.",
    "дом",
    "дом.",
    "кв",
    "кв.",
    "квартира",
    "квартир",
    "корп",
    "корп.",
    "корпус",
    "көше",
    "көшесі",
    "көшесінде",
    "көшеде",
    "көш.",
    "даңғыл",
    "даңғылы",
    "даңғ.",
    "шағын",
    "ықшам",
    "аудан",
    "ауданы",
    "ш/а",
    "үй",
    "пәтер",
    "пәтері",
    "тұйық",
    "тұйығы",
    "тұйы",
]
JOINS = ["", " ", "  ", ".", ". ", "-", " - ", "№", " № ", "\n", ",", "/", ";", "\t"]
AROUND = ["", "a", "я", "5", "15", "43", "43.2567", "76.9286", " ", "«", "(", "Абая", "A", "Ё", "_", "ы", "сі", "-"]


def _matches_a_form(text: str) -> bool:
    return any(pattern.search(text) for pattern, _ in _ADDRESS_FORMS)


def _cases(word: str, rng: random.Random) -> list[str]:
    mixed = "".join(ch.upper() if rng.random() < 0.5 else ch for ch in word)
    return [word, word.upper(), word.capitalize(), mixed]


def _near_misses(count: int) -> list[str]:
    """Texts built from the forms' words, joins and neighbours: many are addresses, many almost."""
    rng = random.Random(20261122)
    texts = []
    for _ in range(count):
        parts = [rng.choice(AROUND)]
        for _ in range(rng.randint(1, 3)):
            parts += [rng.choice(_cases(rng.choice(WORDS), rng)), rng.choice(JOINS), rng.choice(AROUND)]
        texts.append("".join(parts))
    return texts


def _real_texts() -> list[str]:
    paths = [*(DATA / "centres").glob("*.yaml"), *(CORPUS / "valid").glob("*.yaml")]
    paths += [p for p in (CORPUS / "invalid").glob("*.yaml")]
    texts = []
    for path in sorted(paths):
        loaded = load_file(Path(path))
        if loaded.ok:
            texts += [text for _, text, _ in _strings(loaded.data)]
    return texts


def _assert_never_hidden(texts: list[str]) -> int:
    flagged = 0
    for text in texts:
        if _matches_a_form(text):
            flagged += 1
            assert _MAY_HOLD_ADDRESS.search(text), f"the pre-filter would hide {text!r}"
    return flagged


def test_every_known_leak_passes_the_prefilter():
    leaks = [text for texts in LEAKS.values() for text in texts]
    assert _assert_never_hidden(leaks) == len(leaks)


def test_every_form_has_a_leak_example():
    """A new form needs an example in test_address_forms.py, and so meets the test above."""
    leaks = [text for texts in LEAKS.values() for text in texts]
    for pattern, label in _ADDRESS_FORMS:
        assert any(pattern.search(text) for text in leaks), f"no example in LEAKS for the form {label}"


def test_real_and_corpus_text_is_never_hidden():
    texts = _real_texts() + INNOCENT
    assert len(texts) > 1000
    _assert_never_hidden(texts)


@pytest.mark.parametrize("seed_count", [30_000])
def test_generated_near_misses_are_never_hidden(seed_count: int):
    texts = _near_misses(seed_count)
    flagged = _assert_never_hidden(texts)
    assert flagged > seed_count // 10, "the generator no longer makes addresses; the test would prove nothing"
    assert any(not _matches_a_form(t) and _MAY_HOLD_ADDRESS.search(t) for t in texts)  # it is a superset


def test_prefilter_lets_ordinary_text_through_unchecked():
    """What makes it worth having: most of a listing's text needs no form run on it."""
    texts = _real_texts()
    passed = sum(1 for text in texts if _MAY_HOLD_ADDRESS.search(text))
    assert passed < len(texts) // 4
