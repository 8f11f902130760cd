"""The validator flags anything in a shelter's text that looks like where it is, in kk and ru."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.validate import validate

from .conftest import CORPUS, make_data_dir

BASE = (CORPUS / "valid" / "almaty-corpus-base.yaml").read_text(encoding="utf-8")
ORIGINAL = "  ru: Временный приют для женщин, пострадавших от насилия."

LEAKS = {
    "ru": [
        "Приют на ул. Абая, 10.",
        "ул.Абая 10",
        "Находится на улице Сатпаева.",
        "пр. Достык 5",
        "просп. Райымбека 100",
        "проспект Абая",
        "пр-т Аль-Фараби",
        "бульвар Бухар-Жырау",
        "переулок Тихий",
        "пер. Тихий",
        "мкр Самал-2",
        "мкр. Орбита",
        "микрорайон Аксай-4",
        "д. 15",
        "дом 7",
        "дом №7",
        "кв. 12",
        "квартира 3",
        "корпус 2",
        "корп. 2",
        "координаты 43.2567, 76.9286",
    ],
    "kk": [
        "Абай көшесі, 10",
        "Абай көш. 10",
        "Достық даңғылы 5",
        "Достық даңғ. 5",
        "Самал шағын ауданы",
        "Орбита ықшам ауданы",
        "3 ш/а",
        "үй 15",
        "15 үй",
        "15-үй",
        "12 пәтер",
        "пәтер 12",
        "Тұйық көшесі",
        "Сәтбаев тұйығы",
        "Абай көшесінде",
        "Достық даңғылында",
        "Абай көшеде",
    ],
}
INNOCENT = [
    "Дом для мамы помогает молодым мамам.",
    "Юридическая, психологическая помощь и пр.",
    "Площадь 50 кв. м не указывается.",
    "Жас аналарға арналған үй-жай туралы мәлімет жоқ.",
    "Приют принимает женщин до 30 лет с детьми до 1,5 лет.",
    "Звоните 150 или 111.",
    "Ана үйі қоры көмектеседі.",
    "Кризисный центр работает с 2013 года.",
]


def validate_text(tmp_path: Path, text: str, kind: str = "shelter"):
    listing = BASE.replace(ORIGINAL, f"  ru: {text!r}".replace("'", '"'))
    if kind != "shelter":
        listing = listing.replace("kind: shelter", f"kind: {kind}").replace("places: 20\n", "")
    data = make_data_dir(tmp_path / "data")
    (data / "centres" / "almaty-corpus-base.yaml").write_text(listing, encoding="utf-8")
    return validate(data)


@pytest.mark.parametrize("text", [t for texts in LEAKS.values() for t in texts])
def test_address_in_a_shelters_text_is_flagged(tmp_path: Path, text: str):
    report = validate_text(tmp_path, text)
    messages = [p.message for p in report.errors]
    assert any("looks like a street address or location" in m for m in messages), (text, messages)
    [problem] = report.errors
    assert problem.line == 14 and "Never publish where a shelter is" in problem.hint


@pytest.mark.parametrize("text", INNOCENT)
def test_ordinary_words_are_not_flagged(tmp_path: Path, text: str):
    report = validate_text(tmp_path, text)
    assert report.ok, [p.message for p in report.problems]


def test_an_office_that_is_not_a_shelter_may_say_where_it_is(tmp_path: Path):
    assert validate_text(tmp_path, "Консультации в офисе на ул. Абая, 10.", kind="centre").ok


def test_every_form_the_validator_knows_is_covered_here():
    from generator.rules import address_forms

    assert len(address_forms()) >= 16
    assert len(LEAKS["ru"]) >= 15 and len(LEAKS["kk"]) >= 10
