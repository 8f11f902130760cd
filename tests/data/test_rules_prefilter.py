"""The cheap pre-filter before the location forms never hides a location.

generator/location_text.py runs a form only on text that holds one of the form's
words or matches its shape (`Form.may_match`), and rules.py runs none on a
listing whose joined text passes no form's (`may_hold_location`). That is safe
only if every text a form matches passes that form's pre-filter too.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from generator.data.location_text import _FORMS, Form, as_read, may_hold_location
from generator.data.rules import strings_of
from generator.data.yamlload import load_file

from ..conftest import CORPUS, DATA
from .test_address_forms import INNOCENT, LEAKS

DEV = yaml.safe_load((CORPUS / "location" / "dev.yaml").read_text(encoding="utf-8"))

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
    # the forms added for issue 14
    "рядом с",
    "возле",
    "напротив",
    "за",
    "школой",
    "мешіттің",
    "жанында",
    "қарсы",
    "этаже",
    "қабат",
    "екінші",
    "подъезд",
    "кіреберіс",
    "домофон",
    "пересечении",
    "қиылысы",
    "угол",
    "углу",
    "и",
    "мен",
    "индекс",
    "050000",
    "Z05T3E0",
    "БЦ",
    "офис",
    "блок",
    "Б",
    "Абылай хана",
    "Назарбаева",
    "Толе би",
    "семь",
    "номер",
    "2gis.kz/",
    "go.2gis.com/",
    "maps.app.goo.gl/",
    "yandex.kz/maps/-/",
    "osm.org/go/",
    "2ГИС",
    "43°15'",
    "с.ш.",
    "N",
    "E",
    "адрес:",
    "автобус",
    "минут пешком от",
    "тенге",
    "лет",
    "сети",
    "үй-жай",
]
JOINS = ["", " ", "  ", ".", ". ", "-", " - ", "№", " № ", "\n", ",", "/", ";", "\t", "\xa0", ", "]
AROUND = [
    "",
    "a",
    "я",
    "5",
    "15",
    "43",
    "43.2567",
    "76.9286",
    "43,2567",
    " ",
    "«",
    "(",
    "Абая",
    "A",
    "Ё",
    "_",
    "ы",
    "сі",
    "-",
    "\u00ad",
    "\u200b",
    "ye",
    "o",
]


def _hidden_by(text: str) -> list[Form]:
    """The forms that match `text` though their pre-filter would not let them run.

    The forms read the text as a reader sees it and typed (`as_read`), and so do their pre-filters."""
    text = as_read(text)
    folded = text.casefold()
    return [form for form in _FORMS if form.found_in(text) and not form.may_match(folded, text)]


def _matches_a_form(text: str) -> bool:
    text = as_read(text)
    return any(form.found_in(text) for form in _FORMS)


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
            texts += [text for _, text, _ in strings_of(loaded.data)]
    return texts


def _assert_never_hidden(texts: list[str]) -> int:
    flagged = 0
    for text in texts:
        if _matches_a_form(text):
            flagged += 1
            assert may_hold_location(text), f"the pre-filter would hide {text!r}"
            assert not _hidden_by(text), f"a form's own pre-filter would hide {text!r}: {_hidden_by(text)[0].label}"
    return flagged


def _leaks() -> list[str]:
    return [text for texts in LEAKS.values() for text in texts] + [leak["text"] for leak in DEV["leaks"]]


def test_every_known_leak_passes_the_prefilter():
    leaks = _leaks()
    assert _assert_never_hidden(leaks) == len(leaks)


def test_every_form_has_a_leak_example():
    """A new form needs an example in test_address_forms.py or the dev corpus, and so meets the test above."""
    leaks = [as_read(text) for text in _leaks()]
    for form in _FORMS:
        assert any(form.found_in(text) for text in leaks), f"no example in LEAKS for the form {form.label}"


def test_real_and_corpus_text_is_never_hidden():
    texts = _real_texts() + INNOCENT + [text["text"] for text in DEV["innocent"]]
    assert len(texts) > 1000
    _assert_never_hidden(texts)


@pytest.mark.parametrize("seed_count", [30_000])
def test_generated_near_misses_are_never_hidden(seed_count: int):
    texts = _near_misses(seed_count)
    flagged = _assert_never_hidden(texts)
    assert flagged > seed_count // 10, "the generator no longer makes addresses; the test would prove nothing"
    assert any(not _matches_a_form(t) and may_hold_location(t) for t in texts)  # it is a superset


def test_prefilter_lets_ordinary_text_through_unchecked():
    """What makes it worth having: most of a listing's text needs no form run on it."""
    texts = _real_texts()
    passed = sum(1 for text in texts if may_hold_location(text))
    # A third at most: the 60 listings of late 2026 (many mentioning towns, stops and buildings in
    # their descriptions) and the wider forms of the detector put it at 28%.
    assert passed < len(texts) // 3
