"""The address detector (generator/data/location_text.py) where a mutation run found it unwatched
(issue 23): every street name it knows, every URL shortener, every invisible character, the
pre-filter that makes each form skip where no match can start, and how an excused match is
passed over. The names, hosts and characters are written out here, not read from the module, so
one lost there is noticed."""

from __future__ import annotations

import re

import pytest

from generator.data import location_text
from generator.data.location_text import Form, _fast, location_label, normalised, short_link_in

NAMES = [
    "Абай",
    "Абая",
    "Абылай хан",
    "Абылайхан",
    "Аль-Фараби",
    "Әл-Фараби",
    "Ауэзов",
    "Әуезов",
    "Байтурсынов",
    "Байтұрсынов",
    "Байтұрсынұлы",
    "Богенбай батыр",
    "Бөгенбай батыр",
    "Бухар жырау",
    "Бұқар жырау",
    "Гагарин",
    "Гоголя",
    "Достык",
    "Достық",
    "Желтоксан",
    "Желтоқсан",
    "Жамбыл",
    "Жандосов",
    "Жибек жолы",
    "Жібек жолы",
    "Кабанбай батыр",
    "Қабанбай батыр",
    "Кенесары",
    "Кунаев",
    "Қонаев",
    "Курмангазы",
    "Құрманғазы",
    "Ленина",
    "Мангилик Ел",
    "Мәңгілік Ел",
    "Манаса",
    "Маметовой",
    "Мира",
    "Момышулы",
    "Момышұлы",
    "Назарбаев",
    "Наурызбай батыр",
    "Пушкина",
    "Райымбек",
    "Республики",
    "Республика",
    "Сатпаев",
    "Сәтбаев",
    "Сейфуллин",
    "Тауелсиздик",
    "Тәуелсіздік",
    "Толе би",
    "Төле би",
    "Толстого",
    "Тимирязев",
    "Туран",
    "Тұран",
    "Уалиханов",
    "Уәлиханов",
    "Фурманов",
    "Шевченко",
    "Бейбітшілік",
    "Бейбитшилик",
    "Сарыарқа",
    "Байзақов",
    "Байзаков",
    "Панфилов",
    "Розыбакиев",
    "Макатаев",
    "Жансүгіров",
    "Жансугуров",
    "Бөкейхан",
    "Иманов",
    "Есенберлин",
    "Майлин",
    "Шәкәрім",
    "Шакарим",
    "Abay",
    "Abai",
    "Abaya",
    "Abylai Khan",
    "Abylay Khan",
    "Abylaikhan",
    "Al-Farabi",
    "Auezov",
    "Baitursynov",
    "Baitursynuly",
    "Bogenbay batyr",
    "Dostyk",
    "Dostyq",
    "Kabanbay batyr",
    "Kabanbai batyr",
    "Qabanbai batyr",
    "Kenesary",
    "Konaev",
    "Kunaev",
    "Qonaev",
    "Mangilik El",
    "Momyshuly",
    "Nazarbayev",
    "Nazarbaev",
    "Raiymbek",
    "Raimbek",
    "Respublika",
    "Rozybakiev",
    "Satpayev",
    "Satpaev",
    "Seifullin",
    "Seyfullin",
    "Tauelsizdik",
    "Tole bi",
    "Töle bi",
    "Turan",
    "Valikhanov",
    "Ualikhanov",
    "Zhambyl",
    "Zhandosov",
    "Zheltoksan",
    "Zhibek zholy",
    "Jibek joly",
]


@pytest.mark.parametrize("name", NAMES)
def test_a_known_street_and_a_number_is_an_address(name: str):
    # A number, a number with a letter, a number in words: the last is caught only by the known
    # names (the surname form catches "Ленина, 12" on its own, but not "Ленина, пять").
    for text in (f"{name}, 12", f"{name} 5а", f"{name}, пять"):
        assert location_label(text) == "street name and number", text


# ---------------------------------------------------------------- short links

SHORTENERS = [
    "bit.ly",
    "clck.ru",
    "goo.su",
    "tinyurl.com",
    "t.ly",
    "cutt.ly",
    "is.gd",
    "rb.gy",
    "tiny.cc",
    "vk.cc",
    "ow.ly",
    "shorturl.at",
    "surl.li",
    "u.to",
    "v.gd",
    "qps.ru",
    "lnkd.in",
    "rebrand.ly",
    "shorturl.me",
]


@pytest.mark.parametrize("host", SHORTENERS)
def test_every_known_shortener_is_a_short_link(host: str):
    # A short link can hide a map pin: a shelter's text may hold none.
    assert short_link_in(f"https://{host}/Ab3x")
    assert location_label(f"Подробнее: {host}/Ab3x") == location_text.SHORTENED_LINK


# ---------------------------------------------------------------- what a reader does not see

# Every character the detector drops as invisible, beyond Unicode's format characters (Cf):
# the combining grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian free
# variation selectors (FVS1-FVS4 and the vowel separator) and the variation selectors 1-16.
INVISIBLE = [0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0, *range(0x180B, 0x1810), *range(0xFE00, 0xFE10)]
# Their visible neighbours, which must stay: a letter dropped from a word changes the word.
VISIBLE = [0x034E, 0x0350, 0x115E, 0x1161, 0x17B3, 0x17B6, 0x180A, 0x1810, 0x3163, 0x3165, 0xFF9F, 0xFFA1, 0xFDFF]
VISIBLE += [0xFE10]


@pytest.mark.parametrize("code", INVISIBLE, ids=hex)
def test_an_invisible_character_inside_a_street_word_does_not_hide_it(code: int):
    assert normalised(f"Розыбаки{chr(code)}ева 247") == "Розыбакиева 247"
    assert location_label(f"ул{chr(code)}. Абая, 10") == "ул."


@pytest.mark.parametrize("code", VISIBLE, ids=hex)
def test_a_visible_character_is_kept(code: int):
    kept = normalised(f"Абая{chr(code)}")  # (a half-width form becomes its plain form)
    assert kept[:4] == "Абая" and len(kept) == 5, hex(code)


def test_look_alike_letters_are_read_as_cyrillic_only_inside_a_cyrillic_word():
    # "ЁYANDEX" (a Latin word glued to one Cyrillic letter) and "office" beside Cyrillic stay Latin.
    assert normalised("ЁYANDEX карты") == "ЁYANDEX карты"
    assert normalised("Кабинет психолога, office") == "Кабинет психолога, office"
    assert normalised("Рoзыбакиевa") == "Розыбакиева"
    assert normalised("ул．Абая　１０") == "ул.Абая 10"  # compatibility forms made plain
    assert normalised("café №５") == "café №5"  # and "№" kept as it is


# ---------------------------------------------------------------- the pre-filter of each form


def _starts(pattern: re.Pattern[str]) -> set[str] | None:
    """The characters `_fast` lets a match start with, or None if it left the pattern as it was."""
    head = re.match(r"\(\?=\[(.*?)\]\)\(\?:", pattern.pattern, re.S)
    if head is None:
        return None
    return set(re.findall(r"\\.|.", head[1], re.S))


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [
        ("ab", {"a"}),
        ("(?<!\\w)ab", {"a"}),  # assertions do not consume
        ("(?=a)ab", {"a"}),
        ("^ab", {"a"}),
        ("ab|cd", {"a", "c"}),
        ("(?:a|)b", {"a", "b"}),  # a branch that may be empty lets the next item start too
        ("(ab)c", {"a"}),
        ("a*b", {"a", "b"}),
        ("a?b", {"a", "b"}),
        ("a{0,3}b", {"a", "b"}),
        ("a+b", {"a"}),
        ("a{2}b", {"a"}),
        ("[xy]z", {"x", "y"}),
        ("[a-c]z", {"a", "b", "c"}),
        ("[\\d]z", {"\\d"}),
        ("\\dz", {"\\d"}),
        ("\\sz", {"\\s"}),
        ("[\u0100-\u028f]z", {re.escape(chr(c)) for c in range(0x100, 0x290)}),  # 400 characters: written out
    ],
)
def test_a_form_skips_to_where_a_match_can_start(pattern: str, starts: set[str]):
    fast = _fast(pattern)
    assert _starts(fast) == starts
    assert fast.flags & re.IGNORECASE


@pytest.mark.parametrize(
    "pattern",
    [
        ".b",  # any character
        "a?.b",  # ... after an item that may be left out
        "\\wb",  # a category too wide to write out
        "[\\w]b",
        "[\u0100-\u0290]z",  # 401 characters
        "[\x00-\uffff]z",
        "ab|.c",  # one branch may start anywhere
        "a*",  # may match nothing: no character to wait for
        "(?:a|)",
        "",
    ],
)
def test_a_form_whose_start_cannot_be_told_is_left_as_it_is(pattern: str):
    fast = _fast(pattern)
    assert fast.pattern == pattern
    assert fast.flags & re.IGNORECASE


def test_without_the_regex_parser_a_form_is_only_slower(monkeypatch: pytest.MonkeyPatch):
    class Broken:
        @staticmethod
        def parse(*_args: object) -> object:
            raise RuntimeError("an internal module changed")

    monkeypatch.setattr(location_text, "_parser", Broken)
    fast = _fast("ab")
    assert fast.pattern == "ab"
    assert fast.search("xAB")


def test_every_form_finds_with_its_skip_what_it_finds_without():
    # The skip is a lookahead added in front of the form: take it off and compare on text that
    # holds each form's own example (tests/data/test_rules_prefilter.py holds them all).
    from .test_rules_prefilter import _leaks

    texts = [location_text.as_read(text) for text in _leaks()]
    skipping = 0
    for form in location_text._FORMS:
        plain = re.compile(re.sub(r"^\(\?=\[.*?\]\)\(\?:(.*)\)$", r"\1", form.pattern.pattern, flags=re.S), re.I)
        skipping += plain.pattern != form.pattern.pattern
        for text in texts:
            assert [m.span() for m in form.pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert skipping > len(location_text._FORMS) // 2, "most forms skip: the detector is fast on long text"


# ---------------------------------------------------------------- an excused match


def _form(pattern: str, *, after: str | None = None, before: str | None = None) -> Form:
    return Form(
        "test",
        re.compile(pattern),
        (),
        unless_after=re.compile(after) if after else None,
        unless_before=re.compile(before + "$") if before else None,
    )


def test_a_match_excused_by_what_comes_before_does_not_hide_the_next_one_a_character_on():
    form = _form("ab|b", before="z")
    assert form.found_in("zab"), "'ab' is excused by the z before it, 'b' one character on is not"
    assert not form.found_in("zb")
    assert form.found_in("ab")


def test_a_match_excused_by_what_follows_is_passed_over():
    form = _form("a", after="!")
    assert not form.found_in("a! a!")
    assert form.found_in("a! a")


def test_what_excuses_a_match_is_read_in_the_40_characters_before_it():
    form = _form("x", before="z-*")
    assert not form.found_in("zx"), "at the very start of the text"
    assert not form.found_in("z" + "-" * 39 + "x"), "40 characters back"
    assert form.found_in("z" + "-" * 40 + "x"), "41 characters back is too far"
    assert form.found_in("x")
