"""The location detector (generator/location_text.py): its forms, its false alarms, its speed,
and how much it catches on two corpora of realistic texts, in Kazakh and Russian.

tests/corpus/location/dev.yaml was written while the detector was tuned;
heldout.yaml and heldout-2.yaml were written by people who had not seen the
detector, and measured it unseen (93.4% and 85.7%, nothing innocent flagged);
since then their misses have been read while the forms were made more general,
so they are development data too. Issue 14 asks for at least 90% of leaks caught
and at most 10% of innocent texts flagged, on leaks not seen while tuning: a
corpus written elsewhere and never read here measures that. The figures below
are asserted as minimums, so that a change which catches less, or flags more, fails.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
import yaml

from generator.data.location_text import (
    _FORMS,
    STREET_NAMES,
    Form,
    location_forms,
    location_label,
    map_link_in,
    may_hold_location,
    normalised,
    short_link_in,
)

from ..conftest import CORPUS, QUADRATIC_BOUND_S

LOCATION = CORPUS / "location"


def _corpus(name: str) -> dict[str, Any]:
    path = LOCATION / name
    if not path.exists():
        pytest.fail(f"{path} is missing")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _measure(corpus: dict[str, Any]) -> tuple[float, float, list[str], list[str]]:
    """Recall on the leaks, false-alarm rate on the innocent texts, and the texts behind each miss."""
    missed = [leak["text"] for leak in corpus["leaks"] if location_label(leak["text"]) is None]
    flagged = [text["text"] for text in corpus["innocent"] if location_label(text["text"]) is not None]
    recall = 1 - len(missed) / len(corpus["leaks"])
    false_alarms = len(flagged) / len(corpus["innocent"])
    return recall, false_alarms, missed, flagged


# (corpus, leaks, innocent, recall at least, false alarms at most): the targets of
# issue 14 are 0.90 and 0.10; the tighter figures are what was measured.
MEASURED = [
    # 319 leaks, 196 innocent (written while tuning): every leak caught, nothing innocent flagged.
    ("dev.yaml", 319, 196, 1.0, 0.0),
    # 76 leaks, 46 innocent. Unseen: 88.2%, then 92.1%, then 93.4% (71) after two rounds of
    # general forms; read as development data in the last round, now 100%.
    ("heldout.yaml", 76, 46, 1.0, 0.0),
    # 84 leaks, 46 innocent. Unseen: 85.7% (72); read as development data in the last round, now 100%.
    ("heldout-2.yaml", 84, 46, 1.0, 0.0),
    # 102 leaks, 63 innocent, written by someone who never saw the detector or the other corpora
    # and measured once, unseen, after the last round of general forms: 96.1% caught (98),
    # 3.2% of innocent texts flagged (2). Never tune on it; a fourth corpus measures the next round.
    ("heldout-3.yaml", 102, 63, 0.96, 0.04),
]


@pytest.mark.parametrize(("name", "leaks", "innocent", "recall_min", "false_max"), MEASURED)
def test_recall_and_false_alarms_on_the_corpora(
    name: str, leaks: int, innocent: int, recall_min: float, false_max: float
):
    corpus = _corpus(name)
    assert len(corpus["leaks"]) >= leaks and len(corpus["innocent"]) >= innocent
    for entry in corpus["leaks"] + corpus["innocent"]:
        assert entry["lang"] in ("kk", "ru", "en") and entry["text"].strip()
    assert {e["lang"] for e in corpus["leaks"]} >= {"kk", "ru"}
    assert {e["lang"] for e in corpus["innocent"]} >= {"kk", "ru"}
    recall, false_alarms, missed, flagged = _measure(corpus)
    assert recall >= 0.90 and false_alarms <= 0.10, (recall, false_alarms)
    assert recall >= recall_min, f"{name}: recall {recall:.2f} < {recall_min}; missed: {missed}"
    assert false_alarms <= false_max, f"{name}: false alarms {false_alarms:.2f} > {false_max}; flagged: {flagged}"


# ---------------------------------------------------------------- forms named in issue 14


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("43.238949, 76.889709", "coordinates"),
        ("43,238949 76,889709", "coordinates"),
        ("43°14'20\"N 76°53'23\"E", "coordinates"),
        ("https://2gis.kz/almaty/firm/70000001", "map link"),
        ("go.2gis.com/abc12", "map link"),
        ("https://goo.gl/maps/AbC", "map link"),
        ("https://maps.app.goo.gl/Xy7", "map link"),
        ("https://www.google.com/maps/place/x", "map link"),
        ("https://yandex.ru/maps/-/CCUabc", "map link"),
        ("https://www.openstreetmap.org/node/1", "map link"),
        ("https://osm.org/go/xyz", "map link"),
        ("https://maps.apple.com/?ll=43.2,76.9", "map link"),
        ("050012, г. Алматы", "postcode"),
        ("индекс 050012", "postcode"),
        ("на пересечении Абая и Манаса", "intersection"),
        ("угол Абая и Манаса", "intersection"),
        ("Абай мен Манас қиылысы", "intersection"),
        ("рядом с ТЦ «Мега»", "landmark"),
        ("возле школы № 25", "landmark"),
        ("напротив мечети", "landmark"),
        ("за рынком", "landmark"),
        ("позади аптеки", "landmark"),
        ("мешіттің жанында", "landmark"),
        ("мектептің қасында", "landmark"),
        ("базардың артында", "landmark"),
        ("әкімдіктің алдында", "landmark"),
        ("әкімдікке қарсы", "landmark"),
        ("на 3 этаже", "floor"),
        ("подъезд 2", "entrance"),
        ("квартира 17", "кв."),
        ("домофон 45", "intercom"),
        ("үшінші қабатта", "floor"),
        ("екінші кіреберіс", "entrance"),
        ("45-пәтер", "пәтер"),
        ("дом номер семь", "house number in words"),
        ("БЦ «Нурлы Тау»", "business centre"),
        ("офис 305", "office or room number"),
        ("блок Б", "block"),
        ("Абылай хана, 12", "street name and number"),
        ("Назарбаева 223", "street name and number"),
        ("Төле би 101", "street name and number"),
    ],
)
def test_each_form_of_issue_14_is_caught_and_named(text: str, label: str):
    assert location_label(text) == label
    assert may_hold_location(text)


@pytest.mark.parametrize(
    "text",
    [
        "Питание — 15 000 тенге в месяц.",
        "Тамақ айына 15 000 теңге.",
        "Это дом № 3 сети «Ана үйі».",
        "Жас аналарға арналған үй-жай 2 бөлмеден тұрады.",
        "Орталықтың 3 үй-жайы бар.",
        "Женщины от 18 до 35 лет, дети до 10 лет.",
        "Срок проживания до 6 месяцев.",
        "Открыт 1 ноября 2013 года.",
        "С 9.00 до 18.00, обед с 13.00.",
        "20 мест, 14 женщин и 23 ребёнка.",
        "Телефон +7 727 123 45 67, 8 (7172) 123456.",
        "Статья 10 Закона № 214-IV; ст. 73 КоАП РК.",
        "Адрес не публикуется.",
        "Мекенжайы: жарияланбайды.",
        "Женщины, оказавшиеся на улице.",
        "Көшеде қалған әйелдер.",
        "Екіқабат әйелдерді қабылдайды.",
        "Зорлық-зомбылыққа қарсы.",
        "Әкімдік жанындағы дағдарыс орталығы.",
        "Психолог рядом с вами.",
        "Около 30 женщин в год.",
        "Напротив, мы принимаем всех.",
    ],
)
def test_what_is_not_a_location_is_not_flagged(text: str):
    assert location_label(text) is None, location_label(text)


def test_map_links_in_link_fields():
    assert map_link_in("https://2gis.kz/almaty/geo/9430047375008571")
    assert map_link_in("https://www.google.com/maps/@43.2389,76.8897,17z")
    assert not map_link_in("https://sana.kz/contacts")
    assert not map_link_in("https://docs.google.com/document/d/abc")


def test_forms_have_plain_unique_labels_and_the_street_list_is_used():
    labels = location_forms()
    assert len(labels) == len(set(labels)) >= 25
    assert all(label and label == label.strip() for label in labels)
    assert len(STREET_NAMES) >= 15 and "Абылай хан" in STREET_NAMES
    assert location_label("г. Караганда, Республики 4") == "street name and number"


# ---------------------------------------------------------------- speed


@pytest.mark.parametrize(
    "unit",
    [
        "рядом с ",
        "\n1",
        "/1",
        "Абай ",
        "№рядом с ",
        "-а",
        "<a",
        "дом ",
        "43.2567 ",
        "мешіттің ",
        "1 үй",
        # each took from 40 s to minutes: a form's \w* rescanned the rest of a long word from each letter
        "широт",
        "координат",
        "latitude",
        "google.",
        "1мин",
        "1метр",
    ],
)
def test_a_hostile_256_kb_text_is_checked_quickly(unit: str):
    """Python's regex engine tries each form at every position: a form that rescans the
    rest of the text from each one is quadratic, and takes minutes on 256 KB."""
    # Every form's words, so that each form's pre-filter lets it run, and none of its matches.
    words = [word for form in _FORMS for word in form.words if location_label(word) is None]
    text = " | ".join(words) + " | " + unit * (256 * 1024 // len(unit.encode("utf-8")))
    assert sum(form.may_match(text.casefold(), text) for form in _FORMS) > len(_FORMS) * 3 // 4
    start = time.perf_counter()
    location_label(text)
    assert time.perf_counter() - start < QUADRATIC_BOUND_S


# Joins between a form's own words, so that each word meets letters, digits and punctuation
# on both sides ("широтширот", "широтыширот", "1мин1мин", "google.google.").
_JOINS = ["", "ы", "a", "1", ".", " ", "/"]
# Shapes a form may have no word for (coordinates, postcodes, house numbers).
_GENERIC = ["1", "1.234", "№1", "43.2567"]
_SIZE = 256 * 1024


def _hostile_texts(form: Form) -> list[str]:
    """256 KB texts made of the form's own trigger words, each followed by a join, repeated.

    The words that on their own make a match are left out (a match ends the search
    at once, so they cannot be slow); the others are joined into one text per join,
    or, if together they make a match early on, one text per word. Built from
    `form.words`, so that a form added later is covered without a change here."""
    texts = []
    for join in _JOINS:
        units = [word + join for word in (*form.words, *_GENERIC) if not form.found_in((word + join) * 3)]
        if not units:
            continue
        together = "".join(units)
        if not form.found_in(together * 4):
            texts.append(together * (_SIZE // len(together.encode("utf-8"))))
        else:
            texts += [unit * (_SIZE // len(unit.encode("utf-8"))) for unit in units]
    return texts


@pytest.mark.parametrize("form", _FORMS, ids=[f"{i}-{form.label}" for i, form in enumerate(_FORMS)])
def test_no_form_is_slow_on_256_kb_of_its_own_words(form: Form):
    """Every form, on 256 KB of its own words repeated with letters, digits and punctuation
    between them. A form whose time grows with the square of the text (a `\\w*` with no
    word-boundary guard before it, or nested quantifiers) takes minutes here."""
    texts = _hostile_texts(form)
    assert texts
    for text in texts:
        start = time.perf_counter()
        form.found_in(text)
        took = time.perf_counter() - start
        assert took < QUADRATIC_BOUND_S / 4, (form.label, text[:40], took)


# ---------------------------------------------------------------- what a reader sees


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # invisible characters inside words: soft hyphen, zero-width space, joiners, word joiner, CGJ
        ("Розы\u00adбакиева 247, кв\u200b. 5", "кв."),
        ("кв\u200b. 5", "кв."),
        ("у\u200cл. Абая, 10", "ул."),
        ("до\u200dм 7", "дом + номер"),
        ("под\u2060ъезд 2", "entrance"),
        ("домо\u034fфон 45", "intercom"),
        ("Сейфуллин кө\u00adшесі, 498", "көшесі"),
        ("мешіт\u200bтің жанында", "landmark"),
        ("45-пә\u2060тер", "пәтер"),
        # Latin letters that look Cyrillic, inside a Cyrillic word
        ("Розыбакиевa 247", "street name and number"),
        ("yл. Aбая", "ул."),
        ("Тoле би 101", "street name and number"),
        ("Hа 3 этaже", "floor"),
        ("Сейфуллин көшесi, 498", "көшесі"),
        ("мешiттiң жанында", "landmark"),
        ("үшiншi қабатта", "floor"),
        # full-width and other compatibility forms
        ("ул．Абая　１０", "ул."),
        ("Абай даңғылы，１５０", "даңғылы"),
        # in a link
        ("https://2gis\u200b.kz/almaty/firm/1", "map link"),
    ],
)
def test_invisible_characters_and_look_alike_letters_do_not_hide_a_location(text: str, label: str):
    assert location_label(text) == label
    assert may_hold_location(text)


def test_what_a_reader_sees_is_not_made_into_a_location():
    # Latin words stay Latin; "№" is kept (NFKC would make it "No"); innocent text stays innocent.
    assert normalised("Apple maps") == "Apple maps"
    assert normalised("дом № 3 сети") == "дом № 3 сети"
    assert normalised("Psychologist Aйгерим") == "Psychologist Айгерим"
    assert location_label("Это дом № 3 сети «Ана үйі».") is None
    assert location_label("Пcихолог рядом с вами.") is None
    assert map_link_in("https://2gis\u00ad.kz/x")


# ---------------------------------------------------------------- every map provider, short links, point codes


@pytest.mark.parametrize(
    "url",
    [
        "https://g.page/r/CXyzAbC123/review",
        "https://yandex.ru/profile/1234567890",
        "https://yandex.kz/profile/1234567890",
        "https://share.here.com/l/43.2,76.9",
        "https://wego.here.com/kazakhstan/almaty/x",
        "https://maps.me/catalogue/x",
        "http://ge0.me/AbCdEfGhIj/Name",
        "https://w3w.co/index.home.raft",
        "https://what3words.com/index.home.raft",
    ],
)
def test_every_map_provider_is_a_map_link(url: str):
    assert map_link_in(url)
    assert location_label(f"Мы на карте: {url}") == "map link"


@pytest.mark.parametrize(
    "url", ["https://bit.ly/3xYz", "https://clck.ru/abc", "goo.su/Xy", "tinyurl.com/a1", "https://t.ly/x", "cutt.ly/q"]
)
def test_shortened_links_are_found(url: str):
    assert short_link_in(url) and short_link_in(f"Ссылка: {url}.")


def test_ordinary_links_are_not_short_or_maps():
    for url in [
        "https://sana.kz/contacts",
        "https://www.instagram.com/maps.menu",
        "https://vk.com/x",
        "https://t.me/x",
    ]:
        assert not short_link_in(url) and not map_link_in(url), url


@pytest.mark.parametrize(
    "text", ["7JVW+8H", "Plus Code: 8GQ5+RW Алматы", "8HGR7JVW+8H", "///дом.окно.река", "w3w: ///index.home.raft"]
)
def test_plus_codes_and_what3words_are_locations(text: str):
    assert location_label(text) == "plus code or what3words"


@pytest.mark.parametrize(
    "text", ["+7 727 123 45 67", "Телефон: +77011234567", "Курсы C++ и Python", "https://example.kz/a/b"]
)
def test_phone_numbers_are_not_plus_codes(text: str):
    assert location_label(text) is None


# ---------------------------------------------------------------- each family of forms is needed

# The families of forms (by label) and, for each, leaks that only it catches: with the family
# taken away, those leaks are missed and the development corpus loses recall. A family whose
# removal changed nothing would be dead weight, or its leaks untested.
FAMILIES: dict[str, tuple[set[str], list[str]]] = {
    "street words": (
        {"ул.", "улица", "проспект", "пр.", "street word", "бульвар", "переулок", "мкр", "көшесі", "даңғылы", "тұйық"},
        ["Мы на улице Сейфуллина", "мкр. Жетысу-3", "Сейфуллин кошесі", "Самал ықшамауданы"],
    ),
    "house numbers": (
        {"дом + номер", "house number in words", "үй + нөмір", "корпус"},
        ["дом 12/3", "дом сорок пять", "17 үйде тұрамыз", "строение 1"],
    ),
    "street names without a street word": ({"street name and number"}, ["Достыка 105", "Жібек жолы 64-те"]),
    "Latin and English": ({"street (en)", "street (Latin)", "location (en)"}, ["Abai koshesi 10", "Dangyly 5"]),
    "intersections": ({"intersection"}, ["Абай мен Сейфуллин көшелерінің бұрышында", "Абая/Розыбакиева"]),
    "landmarks": (
        {"landmark"},
        ["через дорогу от акимата", "Сот ғимаратының артында", "Бұрынғы мектеп ғимаратында", "№3 балабақшаның көршісі"],
    ),
    "directions and stops": ({"directions"}, ["солға бұрылыңыз", "ехать до остановки"]),
    "villages": ({"village"}, ["Қарабұлақ ауылында", "аул Кемер"]),
    "floors, entrances, flats": (
        {"floor", "entrance", "intercom", "кв.", "пәтер"},
        ["5-кабат", "второй подъезд", "домофон 24", "кв. 12", "12-патер"],
    ),
    "business centres and offices": ({"business centre", "office or room number", "block"}, ["БЦ Алатау", "офис 417"]),
    "coordinates and point codes": (
        {"coordinates", "plus code or what3words"},
        ["43.2389,76.8897", "43 14 20 N 76 53 23 E", "Plus code 9G4M+2F"],
    ),
    "shared locations": ({"shared location"}, ["геометка в инстаграме: Алматы, Ботанический сад"]),
    "map links": ({"map link", "map service"}, ["go.2gis.com/abc12", "в 2ГИС"]),
    "short links": ({"shortened link"}, ["https://goo.su/AbCd"]),
    "postcodes": ({"postcode"}, ["почтовый индекс 050000", "Индекс: А15Е3С5"]),
    "addresses by label": ({"address"}, ["Ждём по адресу Розыбакиева.", "Мекенжайы: Бостандық ауданы, Жандосов."]),
    "building descriptions": ({"building description"}, ["синие ворота"]),
}


def test_the_families_cover_every_form():
    labels = set(location_forms())
    named = set().union(*(family for family, _ in FAMILIES.values()))
    assert named == labels


@pytest.mark.parametrize("family", FAMILIES)
def test_taking_a_family_away_loses_its_leaks_and_recall(family: str, monkeypatch: pytest.MonkeyPatch):
    from generator.data import location_text

    labels, leaks = FAMILIES[family]
    dev = _corpus("dev.yaml")
    for text in leaks:
        assert location_label(text) in labels, (text, location_label(text))
    recall_before = _measure(dev)[0]
    monkeypatch.setattr(location_text, "_FORMS", [form for form in _FORMS if form.label not in labels])
    for text in leaks:
        assert location_label(text) is None, (family, text, location_label(text))
    assert _measure(dev)[0] < recall_before, f"without {family} the development corpus is caught as well"


@pytest.mark.parametrize(
    ("typed", "kazakh"),
    [
        ("Сейфуллин кошесі 31", "Сейфуллин көшесі 31"),
        ("Абай дангылы 52", "Абай даңғылы 52"),
        ("мешиттин жанында", "мешіттің жанында"),
        ("5-кабат, 12-патер", "5-қабат, 12-пәтер"),
        ("Самал шагын ауданы 2", "Самал шағын ауданы 2"),
    ],
)
def test_kazakh_typed_on_a_russian_keyboard_is_read_as_kazakh(typed: str, kazakh: str):
    assert location_label(typed) is not None and location_label(typed) == location_label(kazakh)
    assert may_hold_location(typed)
