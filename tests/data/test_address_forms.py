"""The validator flags anything in a shelter's text that looks like where it is, in kk and ru."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.data.validate import validate

from ..conftest import CORPUS, QUADRATIC_BOUND_S, make_data_dir

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


def validate_text(tmp_path: Path, text: str, kind: str = "shelter", houses: bool = True):
    listing = BASE.replace(ORIGINAL, f"  ru: {text!r}".replace("'", '"'))
    if kind != "shelter":
        listing = listing.replace("kind: shelter", f"kind: {kind}").replace("places: 20\n", "")
    if not houses:  # an office: no shelter service, no beds, no stay
        listing = listing.replace("services: [shelter, psychological]", "services: [psychological, legal]")
        listing = listing.replace("stay:\n  min: 2 hours\n  max: 6 months\n  exceptional_max: 9 months\n", "")
    return validate_listing(tmp_path, listing)


def validate_listing(tmp_path: Path, listing: str):
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


def test_an_office_that_houses_nobody_may_say_where_it_is(tmp_path: Path):
    assert validate_text(tmp_path, "Консультации в офисе на ул. Абая, 10.", kind="centre", houses=False).ok


# ---------------------------------------------------------------- what a listing does, not its kind


def test_a_centre_that_offers_shelter_gets_the_rule(tmp_path: Path):
    """Issue 14: `kind: centre` with `services: [shelter]` and an address used to validate."""
    report = validate_text(tmp_path, "Приют на ул. Абая, 10.", kind="centre", houses=False)
    assert report.ok
    listing = BASE.replace(ORIGINAL, '  ru: "Приют на ул. Абая, 10."').replace("kind: shelter", "kind: centre")
    listing = listing.replace("places: 20\n", "")
    listing = listing.replace("stay:\n  min: 2 hours\n  max: 6 months\n  exceptional_max: 9 months\n", "")
    [problem] = validate_listing(tmp_path / "services", listing).errors
    assert "looks like a street address or location (ул.)" in problem.message


@pytest.mark.parametrize(
    "give",
    ["places: 5\n", "stay:\n  min: unknown\n  max: 3 months\n"],
    ids=["places", "stay"],
)
def test_places_or_stay_make_a_listing_house_people(tmp_path: Path, give: str):
    listing = BASE.replace(ORIGINAL, '  ru: "Мы на 3 этаже, подъезд 2."').replace("kind: shelter", "kind: centre")
    listing = listing.replace("services: [shelter, psychological]", "services: [psychological]")
    listing = listing.replace("places: 20\n", "")
    listing = listing.replace("stay:\n  min: 2 hours\n  max: 6 months\n  exceptional_max: 9 months\n", give)
    problems = validate_listing(tmp_path, listing).errors
    assert [p.message for p in problems] == ["this text looks like a street address or location (floor)"]


def test_an_office_address_is_refused_when_the_listing_offers_shelter(tmp_path: Path):
    listing = BASE.replace("kind: shelter", "kind: centre").replace("places: 20\n", "")
    listing = listing.replace(
        "  city: almaty\n",
        "  city: almaty\n  address:\n    kk: Абай даңғылы, 10\n    ru: пр. Абая, 10\n"
        "    source: https://example.kz/contacts\n",
    )
    [problem] = validate_listing(tmp_path, listing).errors
    assert problem.message.startswith("a listing that houses people must never carry a street address")
    assert (problem.line, problem.col) == (19, 3)
    assert "Remove location.address" in problem.hint


# ---------------------------------------------------------------- every published text, both languages

LEAK = "Возле школы № 25, подъезд 2"
# Where each text a listing publishes goes in the base listing: (what to replace, with what).
FIELDS = {
    "name": ("  ru: Тестовый приют\n", f"  ru: {LEAK}\n"),
    "name.kk": ("  kk: Сынақ баспанасы\n", "  kk: Мешіттің жанындағы баспана\n"),
    "alternate_name": ("organization:\n", f"alternate_name:\n  kk: Баспана\n  ru: {LEAK}\norganization:\n"),
    "organization": ("  ru: Тестовый фонд\n", f"  ru: {LEAK}\n"),
    "description.kk": (
        "  kk: Зорлық-зомбылықтан зардап шеккен әйелдерге уақытша баспана.\n",
        "  kk: Абай мен Сейфуллин қиылысында.\n",
    ),
    "eligibility.notes": (
        "  referral_required: no\n",
        f"  referral_required: no\n  notes:\n    kk: x\n    ru: {LEAK}\n",
    ),
    "stay.notes": (
        "  exceptional_max: 9 months\n",
        f"  exceptional_max: 9 months\n  notes:\n    kk: x\n    ru: {LEAK}\n",
    ),
    "cost.notes": ("  fee: free\n", "  fee: free\n  notes:\n    kk: Пошта индексі 050000\n    ru: x\n"),
    "phone description": (
        "      type: voice\n",
        f"      type: voice\n      description:\n        kk: x\n        ru: {LEAK}\n",
    ),
    "how_to_reach": (
        "      type: voice\n",
        "      type: voice\n  how_to_reach:\n    kk: x\n    ru: Как добраться https://2gis.kz/almaty/firm/7000\n",
    ),
    "sources.title": ("  - title: Тестовый источник\n", f"  - title: {LEAK}\n"),
    "sources.supports": ("    supports: name, stay, who it accepts\n", "    supports: name; 43.238949, 76.889709\n"),
    "sources.document": ("    url: https://example.kz/article\n", "    document: Буклет, ул. Толе би 55\n"),
}


@pytest.mark.parametrize("field", list(FIELDS))
def test_every_published_text_is_checked(tmp_path: Path, field: str):
    old, new = FIELDS[field]
    assert old in BASE, field
    report = validate_listing(tmp_path, BASE.replace(old, new, 1))
    assert [p.message.split(" (")[0] for p in report.errors] == ["this text looks like a street address or location"], (
        field,
        [p.as_text() for p in report.problems],
    )


@pytest.mark.parametrize(
    ("where", "url"),
    [
        ("contacts.website", "  website: https://go.2gis.com/abc12\n"),
        ("contacts.social", "  social: [https://maps.app.goo.gl/Xy7kq2Lm9]\n"),
        ("contacts.website", "  website: https://yandex.kz/maps/-/CDu7zV2m\n"),
        ("contacts.website", "  website: https://www.openstreetmap.org/#map=17/43.2/76.9\n"),
        ("contacts.website", "  website: https://g.page/r/CXyzAbC123\n"),
        ("contacts.website", "  website: https://yandex.kz/profile/1234567890\n"),
        ("contacts.social", "  social: [https://wego.here.com/x]\n"),
        ("contacts.website", "  website: https://w3w.co/index.home.raft\n"),
    ],
)
def test_a_map_link_in_a_link_field_is_a_leak(tmp_path: Path, where: str, url: str):
    listing = BASE.replace("languages:", url + "languages:", 1)  # under contacts:
    [problem] = validate_listing(tmp_path, listing).errors
    assert problem.line == 45, where
    assert problem.message == "this link is a map: it shows where a place that houses people is"


def test_a_map_link_as_a_source_is_a_leak_and_an_ordinary_link_is_not(tmp_path: Path):
    listing = BASE.replace("url: https://example.kz/article", "url: https://2gis.kz/almaty/firm/70000001")
    [problem] = validate_listing(tmp_path / "map", listing).errors
    assert "this link is a map" in problem.message and problem.line == 49
    assert validate_listing(
        tmp_path / "plain", BASE.replace("languages:", "  website: https://sana.kz/\nlanguages:")
    ).ok


@pytest.mark.parametrize(
    "change",
    [
        ("languages:", "  website: https://bit.ly/3xYzAb\nlanguages:"),
        ("url: https://example.kz/article", "url: https://clck.ru/abc"),
        (ORIGINAL, "  ru: Подробнее по ссылке goo.su/Xy7"),
    ],
)
def test_a_shortened_link_is_refused_where_people_stay(tmp_path: Path, change: tuple[str, str]):
    """A short link could hide a map: refused in links and in text, with a hint to give the page's full address."""
    [problem] = validate_listing(tmp_path / "short", BASE.replace(*change, 1)).errors
    assert "shortened link" in problem.message and "full address of the page" in problem.hint
    office = BASE.replace(*change, 1).replace("services: [shelter, psychological]", "services: [psychological, legal]")
    office = office.replace("kind: shelter", "kind: centre").replace("places: 20\n", "")
    office = office.replace("stay:\n  min: 2 hours\n  max: 6 months\n  exceptional_max: 9 months\n", "")
    assert validate_listing(tmp_path / "office", office).ok


def test_a_pathological_text_is_checked_quickly(tmp_path: Path):
    """Part 5 of issue 14: `<a` without `>` made the HTML check quadratic (16 s for 260 KB).
    This failed (took minutes) before the check was made linear."""
    import time

    for n, filler in enumerate(("<a" * 60_000, "рядом с " * 15_000, "\n1" * 60_000)):
        text = filler.replace("\n", " ")
        listing = BASE.replace(ORIGINAL, f'  ru: "{text}"')
        assert len(listing.encode("utf-8")) < 256 * 1024
        start = time.perf_counter()
        report = validate_listing(tmp_path / str(n), listing)
        assert time.perf_counter() - start < QUADRATIC_BOUND_S, filler[:10]
        assert not report.ok  # too long for the schema, and HTML for the first


def test_every_form_the_validator_knows_is_covered_here():
    from generator.data.rules import address_forms

    assert len(address_forms()) >= 16
    assert len(LEAKS["ru"]) >= 15 and len(LEAKS["kk"]) >= 10


def test_reference_names_are_checked_for_html_and_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Names in regions.yaml, cities.yaml and services.yaml are published beside shelters (pages,
    map popups, the finder): checked with the same detectors, positioned at the value. This
    failed before: reference names were never checked."""
    data = make_data_dir(tmp_path / "data")
    monkeypatch.chdir(data)
    services = (data / "services.yaml").read_text(encoding="utf-8")
    (data / "services.yaml").write_text(
        services.replace("  ru: Временное проживание (приют)", "  ru: Приют, ул. Абая 10", 1), encoding="utf-8"
    )
    regions = (data / "regions.yaml").read_text(encoding="utf-8")
    (data / "regions.yaml").write_text(
        regions.replace("    en: Almaty\n", "    en: <b>Almaty</b>\n", 1), encoding="utf-8"
    )
    problems = validate(data).problems
    found = {(p.path, p.rule, p.line) for p in problems}
    service_line = services.splitlines().index("  ru: Временное проживание (приют)") + 1
    region_line = regions.splitlines().index("    en: Almaty") + 1
    assert ("services.yaml", "reference-no-location", service_line) in found, found
    assert ("regions.yaml", "reference-no-html", region_line) in found, found
    assert all(p.col > 1 for p in problems if p.rule.startswith("reference-no")), problems
    # the real reference data is clean
    assert not [p for p in validate(make_data_dir(tmp_path / "clean")).problems if p.rule.startswith("reference")]
