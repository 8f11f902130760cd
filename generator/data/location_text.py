"""Does a text tell where a place is? The forms of a location in Russian, Kazakh and English.

A listing that houses people (a shelter) must never say where it is: abusers read
the site too. The validator runs `location_label` on every text such a listing
publishes. It catches the forms a location really takes in this country's
listings: street words and house numbers (in Russian, Kazakh, English and Latin
transliteration), coordinates in any notation, map links and shortened links,
postcodes, intersections and corners, landmarks with a direction, bus stops and
turns, villages, former buildings, floors, entrances, flats and intercoms,
business centres and offices, and a well-known street name followed by a number.
Kazakh typed on a Russian keyboard (кошесі, 5-кабат) is read as Kazakh. It tries
not to flag what listings must say: prices, ages, durations, dates, times,
counts, phone numbers, laws, a network's homes, a city or region alone.

Each form is a regex, the plain-words label the validator prints, and
optionally what, right after or right before a match, makes it innocent. A
cheap pre-filter (`may_hold_location`) runs first: every match of a form
contains a match of its `anchor`, and the pre-filter is all the anchors at once.
tests/data/test_rules_prefilter.py checks that on every example, real text and
generated near misses; tests/data/test_location_text.py measures the forms on the
development and held-out corpora in tests/corpus/location/.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

try:  # the regex parser, to find what a form's match can start with (_fast)
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

# Capital letters, Russian and Kazakh (and Latin): names of streets and places
# start with one. Used inside (?-i:...) so that case counts there.
_UP = "А-ЯЁӘІҢҒҮҰҚӨҺA-Z"
_CAP = f"(?-i:[{_UP}])"
_UP_CYR = "А-ЯЁӘІҢҒҮҰҚӨҺ"
_LOW = "(?-i:[а-яёәіңғүұқөһa-z])"

# A house number: 12, 12а, 12/3, 77/8, 12-А.
_HOUSE = r"\d{1,4}(?:\s?-?\s?[а-яёa-z](?!\w))?(?:\s?/\s?\d{1,4})?"

# What a number is, when it is not a house: a price, an age, a duration, a count.
_NOT_A_HOUSE = (
    r"\s*(?:тенге|теңге|тг\b|₸|kzt|руб|сом|%|лет|года?\b|год[уа]|жыл|жас|ай\b|айға|мес|нед|апта|дн|дней|күн|сағ|час"
    r"|мин|мест|орын|адам|человек|женщин|әйел|дет|бала|раз|рет|км|м\b|кв\.?\s*м|сет[иь]\b|желі|үйі?\s+бар"
    r"|орталы|центр|приют|баспана|кризис|дағдарыс|семь|отбас|мам|ана\b|жен|комнат|бөлме)"
)

# Streets that many towns of Kazakhstan have, named after people, places and
# ideas: followed by a number, they are an address even with no street word
# ("Абылай хана, 12"). Written as the stem the Russian and Kazakh forms share;
# the letters after it (Абая, Назарбаева) are allowed by the pattern. Add a
# street here when a listing's text shows one the detector missed.
STREET_NAMES: tuple[str, ...] = (
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
    # more streets of many towns (a Kazakh letter also matches its Russian-keyboard twin: Қабанбай, Кабанбай)
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
    # in Latin letters, as on maps and in English texts
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
)
_STREET_NAME = "(?-i:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in STREET_NAMES) + ")"

# Numbers written as words, Russian and Kazakh (stems).
_NUMWORD_RU = (
    r"(?:один|одна|два|две|три|четыр\w{0,20}|пят\w{0,20}|шест\w{0,20}|сем\w{0,20}|восем\w{0,20}|девят\w{0,20}|десят\w{0,20}|одиннадцат\w{0,20}"
    r"|двенадцат\w{0,20}|двадцат\w{0,20}|тридцат\w{0,20}|сорок\w{0,20}|девяност\w{0,20}|сто|двест\w{0,20}|трист\w{0,20})"
)
_NUMWORD_KK = r"(?:бір|екі|үш|төрт|бес|алты|жеті|сегіз|тоғыз|он|жиырма|отыз|қырық|елу|алпыс|жетпіс|сексен|тоқсан|жүз)"
# Kazakh ordinals (бесінші, алтыншы, он екінші …), but not "екінші" alone:
# "екінші үй" is also "a second home", said of a shelter.
_ORDINAL_KK = r"(?<!\w)(?:(?:он|жиырма|отыз|қырық|елу|алпыс|жетпіс|сексен|тоқсан|жүз)\s+)?\w{1,20}(?:інші|ыншы|нші|ншы)"

# Cities and the country: "рядом с Алматы", "в районе Астаны" say no more than the city does.
_CITY = (
    "(?-i:Алмат|Астан|Шымкент|Караганд|Актоб|Актау|Атырау|Павлодар|Семе|Костана|Петропавловск|Тараз|Кызылорд"
    "|Уральск|Усть-Каменогорск|Туркестан|Талдыкорган|Экибастуз|Темиртау|Жезказган|Кокшетау|Казахстан)"
)

_CITY_LATIN = (
    "(?:Almaty|Astana|Shymkent|Karagand|Qaragand|Aktob|Aqtob|Aktau|Aqtau|Atyrau|Pavlodar|Semey|Kostana|Qostana|Petropavl"
    "|Taraz|Kyzylord|Qyzylord|Oral|Uralsk|Oskemen|Turkistan|Turkestan|Taldykorgan|Ekibastuz|Temirtau|Kokshetau|Kazakhstan)"
)

# Places a direction is given from.
_LANDMARK_RU = (
    r"(?:(?-i:ТЦ|ТРЦ|БЦ|ЖК|ЦУМ|ГУМ|ЦОН|АЗС)\b|торгов\w{1,20}\s+центр\w{0,20}|магазин\w{0,20}|супермаркет\w{0,20}|рын(?:ок|к)\w{0,20}"
    r"|базар\w{0,20}|школ\w{0,20}|гимнази\w{0,20}|лице[йя]\w{0,20}|детск\w{1,20}\s+сад\w{0,20}|садик\w{0,20}|больниц\w{0,20}|поликлиник\w{0,20}|госпитал\w{0,20}"
    r"|роддом\w{0,20}|аптек\w{0,20}|мечет\w{0,20}|церк\w{0,20}|храм\w{0,20}|собор\w{0,20}|остановк\w{0,20}|вокзал\w{0,20}|автовокзал\w{0,20}|станци\w{0,20}"
    r"|метро|парк\w{0,20}|сквер\w{0,20}|площад\w{0,20}|памятник\w{0,20}|акимат\w{0,20}|банк\w{0,20}|почт\w{0,20}|кафе|ресторан\w{0,20}|гостиниц\w{0,20}"
    r"|отел\w{0,20}|стадион\w{0,20}|университет\w{0,20}|колледж\w{0,20}|завод\w{0,20}|фабрик\w{0,20}|заправк\w{0,20}|кинотеатр\w{0,20}|мост\w{0,20}"
    r"|кладбищ\w{0,20}|здани\w{0,20}|двор\w{0,20}|башн\w{0,20}|шахт\w{0,20}|элеватор\w{0,20}|водокачк\w{0,20}|котельн\w{0,20}"
    r"|шлагбаум\w{0,20}|санатори\w{0,20}|детсад\w{0,20}|общежити\w{0,20}|клуб\w{0,20}|библиотек\w{0,20}"
    r"|прокуратур\w{0,20}|отдел\w{0,4}\s+полиции|пожарн\w{0,20}|военкомат\w{0,20}|бан[иеюяь]\w{0,2}|ЗАГС\w{0,20}|театр\w{0,20}"
    r"|цирк\w{0,20}|музе[йяюе]\w{0,2}|дворц\w{0,20}|дворец|(?-i:ДК)(?!\w)|конечн\w{0,20}|переезд\w{0,20}|гараж\w{0,20}|склад\w{0,20}|столов\w{0,20}"
    r"|общаг\w{0,20}|спортзал\w{0,20}|бассейн\w{0,20}|(?-i:ЖД|ЦОН\w{0,2}|РОВД|УВД|ТЮЗ)(?!\w)|пост\w{0,2}\s+(?-i:ГАИ|ДПС|КПП|полиции)|(?-i:КПП|ГАИ)\b|дом[аеу]?\s+(?:культуры|быта|№)|перекр[её]ст\w{0,20}|угл[ау]\b)"
)
_LANDMARK_KK = (
    r"(?<!\w)(?:(?-i:ТЦ|ТРЦ|БЦ|ХҚКО|ЦОН)\w{0,20}|мектеп\w{0,20}|аурухана\w{0,20}|емхана\w{0,20}|перзентхана\w{0,20}|мешіт\w{0,20}|шіркеу\w{0,20}"
    r"|базар\w{0,20}|дүкен\w{0,20}|аялдама\w{0,20}|саябақ\w{0,20}|вокзал\w{0,20}|бекет\w{0,20}|әкімдік\w{0,20}|әкімшілі\w{0,20}|(?:сауда|бизнес|ойын-сауық)\s+орталығ\w{0,20}|банк\w{0,20}"
    r"|дәріхана\w{0,20}|пошта\w{0,20}|стадион\w{0,20}|университет\w{0,20}|колледж\w{0,20}|балабақша\w{0,20}|бақша\w{0,20}|ғимарат\w{0,20}"
    r"|мейрамхана\w{0,20}|кафе\w{0,20}|қонақ\s*үй\w{0,20}|көпір\w{0,20}|зауыт\w{0,20}|алаң\w{0,20}|ескерткіш\w{0,20}|үйдің|үйге|үйі(?:нің)?"
    r"|монша\w{0,20}|кітапхана\w{0,20}|клуб\w{0,20}|сот\w{0,3}|театр\w{0,20}|мұражай\w{0,20}|жатақхана\w{0,20}|полиция\w{0,20}"
    r"|теміржол\w{0,20}|бекет\w{0,20}|(?-i:ЖК|ТҮК|ХҚКО|ЦОН|ДК)-?\w{0,20})"
)
# "жанындағы" is also "attached to" (әкімдік жанындағы орталық), and "қарсы" also
# "against" (зорлық-зомбылыққа қарсы): each is a direction only after a landmark.
_DIRECTION_KK = (
    r"(?:жанында(?!ғы)|қасында|артында|алдында|маңында|маңайында|іргесінде|ауласында|жағында|қарама-қарсы"
    r"|жанынан|қасынан|артынан|көрші\w{0,20}|іргелес\w{0,20}|қарсы\s+(?:бет|жақ|тұс)\w{0,20}|қарсысында)\w{0,20}"
)
_LANDMARK_KK_NEAR = (
    r"(?<!\w)(?:мешіт|шіркеу|базар|дүкен|мектеп|аялдама|саябақ|дәріхана|стадион|көпір|сауда\s+орталығ"
    r"|(?-i:ТЦ|ТРЦ))\w{0,20}"
)


def _class_item(op: Any, value: Any) -> set[str] | None:
    """The characters one item of a parsed [...] class can match, written for a class; None if too many."""
    if op is _c.LITERAL:
        return {re.escape(chr(value))}
    if op is _c.RANGE and value[1] - value[0] < 400:
        return {re.escape(chr(code)) for code in range(value[0], value[1] + 1)}
    if op is _c.CATEGORY and value is _c.CATEGORY_DIGIT:
        return {r"\d"}
    if op is _c.CATEGORY and value is _c.CATEGORY_SPACE:
        return {r"\s"}
    return None


def _first(items: Any) -> tuple[set[str] | None, bool]:
    """The characters a match of a parsed sequence can start with (None: any), and whether it
    can match the empty string. Assertions are skipped: ignoring them only widens the set."""
    found: set[str] = set()
    for op, value in items:
        nullable = False
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue
        if op is _c.LITERAL:
            chars: set[str] | None = {re.escape(chr(value))}
        elif op is _c.IN:
            chars = set()
            for inner in value:
                more = _class_item(*inner)
                if more is None:
                    return None, False
                chars |= more
        elif op is _c.BRANCH:
            chars = set()
            for branch in value[1]:
                more, empty = _first(branch.data)
                if more is None:
                    return None, False
                chars |= more
                nullable = nullable or empty
        elif op is _c.SUBPATTERN:
            chars, nullable = _first(value[3].data)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)):
            chars, nullable = _first(value[2].data)
            nullable = nullable or value[0] == 0
        else:
            return None, False
        if chars is None:
            return None, False
        found |= chars
        if not nullable:
            return found, False
    return found, True


def _fast(pattern: str) -> re.Pattern[str]:
    """`pattern`, compiled to skip quickly past characters no match can start with.

    Python's regex engine tries a pattern at every position; a leading lookahead of
    the characters a match can start with makes most positions cost one set test.
    Without it the forms take seconds on a long hostile text. If the characters
    cannot be worked out (a form starting with any letter), the pattern is unchanged."""
    try:
        chars, nullable = _first(_parser.parse(pattern, re.IGNORECASE).data)
    except Exception:  # noqa: BLE001 - an internal module: without it, only speed is lost
        chars, nullable = None, True
    if chars is None or nullable:
        return re.compile(pattern, re.IGNORECASE)
    return re.compile(f"(?=[{''.join(sorted(chars))}])(?:{pattern})", re.IGNORECASE)


@dataclass(frozen=True)
class Form:
    """One form of a location: a match of `pattern` (not excused by `unless_after` at its end,
    nor by `unless_before` just before it) is a location.

    Every match contains one of `words` (casefolded) or a match of `shape`: the form
    runs only on text that does (`may_match`), which is most of what makes it cheap."""

    label: str
    pattern: re.Pattern[str]
    words: tuple[str, ...]
    shape: re.Pattern[str] | None = None
    unless_after: re.Pattern[str] | None = None
    unless_before: re.Pattern[str] | None = None

    def may_match(self, folded: str, text: str) -> bool:
        """`folded` is text.casefold(): case-insensitive as the patterns are."""
        return any(word in folded for word in self.words) or bool(self.shape and self.shape.search(text))

    def found_in(self, text: str) -> bool:
        position = 0
        while match := self.pattern.search(text, position):
            excused = (self.unless_after and self.unless_after.match(text, match.end())) or (
                self.unless_before and self.unless_before.search(text, max(0, match.start() - 40), match.start())
            )
            if not excused:
                return True
            position = match.start() + 1  # an excused match may overlap one that is not
        return False


# Kazakh typed on a Russian keyboard ("Сейфуллин кошесі", "5-кабат", "мешиттин жанында"):
# its letters become the Russian ones they are typed as. The forms and the text are both
# read this way, so that a form written in Kazakh matches either spelling. (Kazakh's own
# words keep their meaning: no Russian word is made out of a Kazakh one the forms look for.)
_KEYBOARD = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")


def _keyboard(text: str) -> str:
    return text.translate(_KEYBOARD)


def _form(
    label: str,
    pattern: str,
    words: str,
    *,
    shape: str | None = None,
    unless_after: str | None = None,
    unless_before: str | None = None,
) -> Form:
    flags = re.IGNORECASE
    return Form(
        label,
        _fast(_keyboard(pattern)),
        tuple(_keyboard(word.casefold()) for word in words.split()),
        _fast(_keyboard(shape)) if shape else None,
        re.compile(_keyboard(unless_after), flags) if unless_after else None,
        re.compile(_keyboard(unless_before) + r"$", flags) if unless_before else None,
    )


# URL shorteners: a short link can hide a map, and nothing in it tells.
_SHORT_LINK_HOSTS = [
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
_SHORT_LINK = re.compile(
    r"(?<![\w.-])(?:" + "|".join(re.escape(host) for host in _SHORT_LINK_HOSTS) + r")(?![\w-])", re.IGNORECASE
)
SHORTENED_LINK = "shortened link"


_FORMS: list[Form] = [
    # ---- street words (Russian)
    _form("ул.", rf"(?<!\w)ул\.\s*\S|(?<!\w)ул\s+{_CAP}", "ул"),
    # "на улице Алматы" is "on the streets of Almaty", not a street
    _form("улица", rf"(?<!\w)улиц\w{{0,20}}\s+(?:им\.\s*|имени\s+)?(?:(?!{_CITY}){_CAP}|[«\"\d])", "улиц"),
    _form("проспект", r"(?<!\w)просп(?:\.|ект\w{0,20})", "просп"),
    _form("пр.", rf"(?<!\w)пр-т|(?<!и\s)(?<!\w)пр\.\s*(?:{_CAP}|\d)", "пр-т пр."),
    _form(
        "street word",
        rf"(?<!\w)пр-кт|(?<!\w)шоссе(?!\w)|(?<!\w)тракт\w{{0,20}}|(?<!\w)трасс\w{{0,20}}\s+{_CAP}"
        r"|(?<!\d)\d+\s*-?\s*(?:й|м|ом)?\s*км\.?\s+(?:трасс|дорог|шоссе)"
        rf"|(?<!\w)(?:проезд|тупик|алле[яи]|набережн\w{{0,20}}|площад\w{{0,20}})\s+{_CAP}|(?<!\w){_CAP}\w{{0,20}}\s+(?:алаң\w{{0,20}}|тас\s+жол\w{{0,20}})",
        "пр-кт шоссе тракт трасс км проезд тупик алле набережн площад алаң тас",
    ),
    _form("бульвар", r"(?<!\w)бульвар\w{0,20}|(?<!\w)б-р(?!\w)", "бульвар б-р"),
    _form("переулок", rf"(?<!\w)переул\w{{0,20}}|(?<!\w)пер\.\s*{_CAP}", "переул пер."),
    _form(
        "мкр",
        r"(?<!\w)мкрн?(?!\w)|(?<!\w)микр[оа]\s?-?район\w{0,20}|(?<!\w)м-н(?!\w)|(?<!\w)ж/м(?!\w)|(?<!\w)жил\w{0,20}\s+массив\w{0,20}"
        r"|(?:шағын|ықшам)\s*аудан\w{0,20}|(?<!\w)ш/а(?!\w)|(?<!\w)ш\.\s?а\.|тұрғын\s+алаб\w{0,20}|(?<!\w)(?:mkr|microdistrict)\w{0,20}"
        r"|(?<!\w)жилмассив\w{0,20}|(?-i:(?<!\w)СНТ(?!\w))|(?<!\w)дачн\w{1,20}\s+(?:массив|участ|обществ)\w{0,20}|(?<!\w)саяжай\w{0,20}"
        r"|(?<!\w)садоводческ\w{0,20}",
        "мкр микр микрорайон м-н ж/м массив шағын ықшам ш/а ш.а ш. алаб mkr microdistrict жилмассив снт дачн саяжай"
        " садовод",
    ),
    # ---- street words (Kazakh)
    _form(
        "көшесі",
        rf"(?<!\w)көшесі\w{{0,20}}|(?<!\w)көш\.\s*\S|(?<!\w)к-сі(?!\w)|(?<!\w){_CAP}\w{{0,20}}\s+к\.\s*,?\s*\d|(?<!\w){_CAP}\w{{0,20}}\s+көше(?:\s*,?\s*\d|де(?!\w)|ге(?!\w))|(?<!\d)\d+\s*-?\s*көше\w{{0,20}}",
        "көше көш. к-сі к.",
    ),
    _form("даңғылы", r"(?<!\w)даңғыл\w{0,20}|(?<!\w)даңғ\.|(?<!\w)д-лы(?!\w)", "даңғ д-лы"),
    _form("тұйық", rf"(?<!\w)тұйығы\w{{0,20}}|(?<!\w){_CAP}\w{{0,20}}\s+тұйы[қғ]\w{{0,20}}", "тұйы"),
    # ---- map links and map services: a pin is the most exact address there is
    _form(
        "map link",
        r"(?:2gis\.\w{1,20}|go\.2gis\.com|maps\.google\.|google\.[a-z]{2,3}(?:\.[a-z]{2})?/maps|goo\.gl/maps|maps\.app\.goo\.gl"
        r"|yandex\.[a-z]{2,3}(?:\.[a-z]{2})?/(?:maps|map-widget|web-maps)|maps\.yandex\.|openstreetmap\.|(?<![\w-])osm\.org|maps\.apple\.com"
        r"|wikimapia\.org|waze\.com/|bing\.com/maps|(?<!\w)geo:\s*-?\d"
        # a business profile is a pin too (Google's g.page, Yandex's profile), and so are HERE,
        # maps.me (ge0.me its short links) and what3words
        r"|(?<![\w-])g\.page/|yandex\.[a-z]{2,3}(?:\.[a-z]{2})?/profile|(?:share|wego)\.here\.com"
        r"|(?<![\w-])maps\.me(?![\w-])|(?<![\w-])ge0\.me/|(?<![\w-])w3w\.co(?![\w-])|what3words\.com)",
        "2gis google goo.gl yandex openstreetmap osm.org apple.com wikimapia waze bing.com geo: g.page here.com"
        " maps.me ge0.me w3w.co what3words",
    ),
    _form(
        "map service",
        r"(?<!\w)(?:2\s?гис|2\s?gis|дубльгис|google\s*maps|гугл[\s-]*карт\w{0,20}|google[\s-]*карт\w{0,20}"
        r"|яндекс[\s.-]*карт\w{0,20}|yandex[\s.-]*maps|openstreetmap|apple\s*maps|викимапи\w{0,20}|wikimapia)"
        # "ищите на картах как «…»", "картадан «…» деп іздеңіз": found on a map by name
        r"|(?<!\w)(?:на\s+карт(?:е|ах)|в\s+картах|картадан|карталардан)\s+(?:[^\s.!?;:,]+\s+){0,2}?(?:как|по\s+названию|по\s+запросу|[«\"])",
        "гис gis google гугл яндекс yandex openstreetmap apple викимапи wikimapia карт",
        unless_after=r"\s+(?:не\s+(?:вед|существ|созда|заполн)|нет\b|жоқ)",
    ),
    # ---- coordinates
    # Plus Codes (Open Location Code: 7JVW+8H, 8GQ5+RW Алматы; the full form 8HGR7JVW+8H) and
    # what3words addresses (///слово.слово.слово): a point of a few metres, in words
    _form(
        "plus code or what3words",
        r"(?-i:(?<![\w+])[23456789CFGHJMPQRVWX]{4,8}\+[23456789CFGHJMPQRVWX]{2,3}(?![\w+]))"
        r"|(?<!/)///[^\W\d_]{1,30}\.[^\W\d_]{1,30}\.[^\W\d_]{1,30}",
        "+ ///",
    ),
    _form(
        "coordinates",
        r"(?<![\d.,])\d{1,3}[.,]\d{3,}\s*°?\s*(?-i:[NSСЮ])?\s*[,;/ ]\s*(?-i:[EWВЗ])?\s*\d{1,3}[.,]\d{3,}",
        "",
        shape=r"\d[.,]\d\d\d",
        unless_after=r"\s*(?:тенге|теңге|тг\b|₸|kzt|руб|отзыв|оцен|пікір|review)",
        unless_before=r"(?:рейтинг|rating)\w{0,20}\s*:?\s*",
    ),
    _form(
        "coordinates",
        r"\d\s*°(?!\s*[CСF]\b)|(?-i:(?<!\w)[NSEW]\s?\d{1,3}[.,]\d{2,}|\d{1,3}[.,]\d{2,}\s?[NSEW](?!\w))"
        # degrees, minutes and seconds with spaces for signs: "43 14 20 N"
        # (Latin letters only: "12 34 56 С 9:00" is a phone number and its hours)
        r"|(?-i:(?<![\d.,])\d{1,3}\s\d{1,2}\s\d{1,2}(?:[.,]\d+)?\s?[NS](?!\w))"
        r"|(?<!\w)(?:с\.\s?ш\.|в\.\s?д\.)"
        # a word's letters possessively (no backtracking into them), then a few non-digits: constant work
        # at each word start, where "широт\w*[^\d\n]{0,15}\d" rescanned a long word from each of its letters
        r"|(?<!\w)(?:широт|долгот|ендік|бойлық|latitude|longitude|gps|координат)[^\W\d]{0,20}+[^\d\n]{0,15}\d"
        r"|(?<!\w)(?:lat|lon|lng)\W{0,3}-?\d{1,3}[.,]\d",
        "° широт долгот ендік бойлық latitude longitude gps координат lat lon lng",
        shape=r"\d[.,]\d\d|[св]\.\s?[шд]\.|\d\s?(?-i:[NS])(?!\w)",
    ),
    # ---- postcodes: Kazakhstan's six digits (01xxxx … 19xxxx) and the new A15E3C5 form
    _form(
        "postcode",
        r"(?<![\d№)])(?<!\d[\s.,])(?<![№)]\s)[01]\d{5}(?![\d])(?![.,\s]\d)"
        r"|(?-i:(?<![\w-])[A-ZА-Я]\d\d[A-ZА-Я]\d[A-ZА-Я]\d(?![\w-]))|(?<!\w)индекс\w{0,20}\s*:?\s*[a-zа-я]\d\d[a-zа-я]\d"
        r"|(?<!\w)индекс\w{0,20}\s*:?\s*\d|(?<!\w)почтов\w{1,20}\s+индекс|(?<!\w)пошта\w{0,20}\s+индекс",
        "индекс",
        shape=r"\d{6}|[a-zа-я]\d\d[a-zа-я]\d[a-zа-я]\d",
        unless_after=_NOT_A_HOUSE,
    ),
    # ---- intersections and corners
    _form(
        "intersection",
        rf"(?<!\w)пересечени\w{{0,20}}|(?<!\w)перекр[её]ст\w{{0,20}}|қиылыс\w{{0,20}}|(?<!\w)(?:на\s+)?углу\s+{_CAP}"
        r"|(?<!\w)за\s+углом\s+(?:от|дома|здания|на)\s"
        rf"|(?<!\w)угол\s+(?:\S+\s+){{1,3}}?и\s+(?:ул\.?\s*|пр\.?\s*)?{_CAP}|(?<!\w)углов\w{{1,3}}\s+(?:дом|здани|подъезд)"
        # Kazakh: "X пен Y көшелерінің бұрышында", "бұрыштағы үй"; two streets written "Абая/Розыбакиева"
        r"|(?<!\w)(?:көше|даңғыл)\w{0,20}\s+бұрыш\w{0,20}|(?<!\w)бұрыш(?:тағы|та|ында|ындағы)\s+(?:үй|ғимарат|есік)"
        # (both in Cyrillic: "Туран/Turan" is one name in two scripts)
        rf"|(?<!\w)(?=[{_UP_CYR}]){_STREET_NAME}\w{{0,3}}\s*/\s*(?-i:[{_UP_CYR}])|(?<!\w)(?-i:[{_UP_CYR}])\w{{1,20}}\s*/\s*(?=[{_UP_CYR}]){_STREET_NAME}"
        # (not -ина: Марина/Алина are two women)
        r"|(?-i:(?<!\w)[А-ЯЁ][а-яё]+(?:ова|ева|ёва)\s*/\s*[А-ЯЁӘІҢҒҮҰҚӨҺ])"
        rf"|(?<!\w)угол\s+(?:ул\.?|улиц\w{{0,20}})|(?<!\w)между\s+(?:ул\.?\s*|улицами\s+)?{_CAP}\w{{0,20}}(?:\s+{_LOW}\w{{0,20}})?\s+и\s+{_CAP}"
        # "Жандосова угол Гагарина", "третий дом от угла …"
        rf"|(?<!\w){_CAP}\w{{0,20}}\s+угол\s+{_CAP}|(?<!\w)от\s+угла(?!\w)",
        "пересечени перекрест перекрёст қиылыс углу угол угла углом углов между бұрыш /",
        unless_after=r"\s+(?:государственн\w{1,20}\s+)?границ",
    ),
    # ---- landmarks with a direction
    _form(
        "landmark",
        rf"(?<!\w)(?:рядом\s+со?|возле|около|вблизи|напротив|позади|недалеко\s+от|неподал[её]ку\s+от"
        rf"|через\s+дорогу\s+от|в\s+двух\s+шагах\s+от|по\s+соседству\s+с|в\s+одном\s+здании\s+с|в\s+районе"
        rf"|выше|ниже|западнее|восточнее|южнее|севернее)"
        rf"\s+(?:[^\s.!?;:,]+\s+){{0,2}}?(?:{_LANDMARK_RU}|[«\"„]|(?!{_CITY}\w{{0,3}}(?!\s*{_CAP})){_CAP}\w{{0,20}}(?!\s+(?:Казахстан|РК|Республик)))"
        # "рядом магазин «Анвар»": near, without "с", before a place
        rf"|(?<!\w)рядом\s+(?!со?\s)(?:[^\s.!?;:,]+\s+)?{_LANDMARK_RU}"
        rf"|(?<!\w)ориентир\w{{0,20}}|(?<!\w)(?:в\s+здании|на\s+территории|во\s+дворе|в\s+подвале)\s+(?:[^\s.!?;:,]+\s+){{0,2}}?{_LANDMARK_RU}"
        # "за", "перед" and "над" are everyday words: a direction only before a landmark in the instrumental
        rf"|(?<!\w)(?:за|перед|над)\s+(?:[^\s.!?;:,]+\s+)?{_LANDMARK_RU}(?:(?<=ом|ой|ей|ем|ью|ми|ТЦ)|(?<=ЦУМ))(?!\w)",
        "рядом возле около вблизи напротив позади недалеко неподал через шагах здании территории дворе перед"
        " соседству районе выше ниже западнее восточнее южнее севернее ориентир подвале над",
        shape=r"(?<!\w)за\s",
    ),
    _form(
        "landmark",
        rf"(?:{_LANDMARK_KK}|№\s*\d+\s+\w{{1,20}}|(?<!\w){_CAP}\w{{0,20}}(?:ның|нің|дың|дің|тың|тің))\s+(?:[^\s.!?;:,]+\s+)?"
        rf"{_DIRECTION_KK}|{_LANDMARK_KK_NEAR}\s+(?:[^\s.!?;:,]+\s+)?жанындағы|{_LANDMARK_KK}(?<=ға|ге|қа|ке|на|не)\s+(?:қарсы(?!\s+ал)|жақын)"
        # "дәріхананың үстінде": above a place (only a place: "баланың үстінде" is not)
        rf"|{_LANDMARK_KK}\s+үстінде\w{{0,20}}",
        "жанында қасында артында алдында маңында маңайында іргесінде ауласында жағында қарсы жанынан қасынан артынан"
        " жақын көрші іргелес қарсысында үстінде",
    ),
    _form(
        "landmark",
        rf"(?<!\w)(?:near|next\s+to|opposite|behind|across\s+from|beside)\s+(?:the\s+)?(?:{_CAP}|(?:\w{{1,20}}\s+)?"
        r"(?:mosque|church|school|hospital|clinic|market|bazaar|mall|park|station|bus\s+stop|akimat|bank|pharmacy|police"
        r"|stadium|university|college|factory|plant|cafe|restaurant|hotel|bridge|square|monument|shop|store|supermarket"
        r"|kindergarten|library|river|lake|railway|cemetery|court)s?(?!\w))"
        r"|(?<!\w)(?:green|blue|red|gr[ea]y|white|black|yellow|brown|orange)\s+(?:gate|door|fence|roof|building|house)s?(?!\w)",
        "near next opposite behind across beside gate door fence roof building house",
    ),
    # ---- relative places: the last house on a street, a former building, a way in, a turn, a side
    _form(
        "landmark",
        rf"(?<!\w)последн\w{{0,20}}\s+(?:дом\w{{0,2}}\s+)?по\s+(?:ул\.?\s*|улиц\w{{0,20}}\s+)?{_CAP}"
        r"|(?<!\w)(?:бывш\w{0,20}\s+здани\w{0,20}|здани\w{0,20}\s+бывш\w{0,20})\s+[«\"\w]"
        rf"|(?<!\w)въезд\w{{0,20}}\s+(?:через|со\s+стороны|с\s+улиц|с\s+{_CAP}|со?\s+двор|на\s+территори|в\s+двор)"
        rf"|(?<!\w)поворот\w{{0,20}}\s+(?:(?:после|за|перед|возле|у|от|с)\s|на\s+{_CAP})"
        r"|(?<!\w)(?:через\s+(?:[^\s.!?;:,]+\s+)?дом\w{0,2}|(?:перв|втор|трет|четв[её]рт|пят|шест|последн|крайн)\w{0,3}\s+дом\w{0,2}"
        r"|(?<!\d)\d{1,2}\s*-?\s*(?:й|ий|ой)\s+дом\w{0,2})\s+(?:от|после|за|перед|возле|у)\s"
        r"|(?<!\w)(?:последн|крайн)\w{0,3}\s+дом\w{0,2}\s+(?:перед|у|возле|на|в|за)\s"
        r"|(?<!\w)в\s+(?:конце|начале)\s+(?:улиц|переулк|проезд|квартал|сел|аул|пос[её]лк|дорог|тупик)\w{0,20}"
        rf"|(?<!\w)в\s+бывш\w{{0,20}}\s+(?:[^\s.!?;:,]+\s+)?(?:лагер\w{{0,20}}|пионерлагер\w{{0,20}}|контор\w{{0,20}}|казарм\w{{0,20}}|{_LANDMARK_RU})"
        r"|(?<!\w)на\s+берегу\s+\w"
        rf"|(?<!\w)со\s+стороны\s+(?:ул\.?\s*|улиц\w{{0,20}}\s+|проспект\w{{0,20}}\s+)?(?!(?:Казахстан|РК|Республик|Государств|Министерств|МВД|Акимат)){_CAP}",
        "последн бывш въезд поворот стороны через дом конце начале берегу",
    ),
    _form(
        "landmark",
        # "бұрынғы мектеп ғимаратында", "ауылдық клубтың ғимаратында": a building, named
        r"(?<!\w)бұрынғы\s+(?:[^\s.!?;:,]+\s+){0,3}?ғимарат\w{0,20}|(?<!\w)\w{1,20}(?:ның|нің|дың|дің|тың|тің)\s+ғимарат(?:ында|ындағы)(?!\w)"
        rf"|(?<!\w)район(?:е)?\s+(?:[^\s.!?;:,]+\s+)?{_LANDMARK_RU}",
        "бұрынғы ғимарат район",
    ),
    _form(
        "directions",
        # a turn: "солға бұрылыңыз", "от вокзала направо", "поверните налево"; where to get off
        r"(?<!\w)(?:оңға|солға)(?:\s+|,\s*)(?:бұрыл|қарай|жүр|[^\s.!?;:,]+\s+(?:аялдама|үй|бұрылыс|көше))\w{0,20}"
        r"|(?:дан|ден|нан|нен|тан|тен)\s+(?:шыққан\s+соң|шыға\s+бере|кейін)\s*,?\s+(?:оңға|солға|түс(?:іңіз|есіз|іп|у)(?!\w))"
        r"|(?<!\w)аялдама\w{0,20}\s+(?:[^\s.!?;:,]+\s+)?түс(?:іңіз|есіз|іп|у)(?!\w)"
        r"|(?<!\w)(?:поверн|сверн|повернуть|свернуть)\w{0,20}\s+(?:налево|направо)|(?<!\w)(?:налево|направо)\s+(?:от|после|за|у)\s"
        r"|(?<!\w)(?:выйти|выходите|сойти|доехать|доезжайте|ехать|едете)\s+(?:до|на)\s+(?:остановк|конечн)\w{0,20}"
        r"|(?<!\w)конечн\w{0,20}\s+(?:остановк\w{0,20}\s+)?(?:\d|автобус|маршрут|троллейбус)"
        r"|(?<!\d)\d{1,4}\s*-?\s*(?:го|й|ой|ого|ым)?\s*(?:автобус|маршрутк|троллейбус)\w{0,20}\s+до\s",
        "оңға солға дан ден нан нен тан тен аялдама поверн сверн налево направо выйти выходите сойти доехать доезжайте"
        " ехать едете конечн автобус маршрутк троллейбус",
    ),
    _form(
        "landmark",
        # "у нас клуб", "у каждой мамы": "у" of having, not of a place
        rf"(?<!\w)у\s+(?!(?:нас|вас|них|него|неё|нее|себя|всех|каждо\w{{0,3}}|мам\w{{0,3}}|детей|женщин\w{{0,3}})\s)"
        rf"(?:[^\s.!?;:,]+\s+)?{_LANDMARK_RU}",
        "",
        shape=r"(?<!\w)у\s",
    ),
    # ---- a village: посёлок, пос., село, с. and its name
    _form(
        "village",
        rf"(?<!\w)(?:пос[её]л(?:ок|ка|ке|ком)|пос\.|пгт\.?|сел(?:о|а|е|у|ом)|с\.|аул(?:е|а|ом)?)\s*(?!{_CITY}){_CAP}"
        # "Қарабұлақ ауылында", "Жібек жолы ауылында"; not "Алматы облысының ауылында", a village somewhere
        rf"|(?<!\w){_CAP}\w{{0,20}}(?:\s+(?!облыс|аудан)\w{{1,20}})?\s+ауыл(?:ы|ында|ындағы|ына|ынан)(?!\w)",
        "посел посёл пос. пгт сел с. аул ауыл",
    ),
    # ---- Kazakh: beside, behind, at the edge, north of … a place named in the genitive (any noun,
    # not a person: "баласының жанында" is "beside her child"), between two places, after a place
    _form(
        "landmark",
        r"(?<!\w)(?!(?:ана|бала|ата|әйел|адам|кісі|маман|психолог|отбасы|қыз|ұл|күйеу|ер|заң|сот|уақыт|жыл|күн|ай|өмір)"
        r"(?:сы|сі|лар|лер|дар|дер|тар|тер|ымыз|іміз|мыз|міз)?(?:ның|нің|дың|дің|тың|тің)\s)"
        r"\w{1,20}-?(?:ның|нің|дың|дің|тың|тің)\s+(?:шетінде|бойында|солтүстігінде|оңтүстігінде|шығысында|батысында"
        r"|үстіңгі\s+қабат|жанында|артында|алдында|қасында)\w{0,20}",
        "шетінде бойында солтүстігінде оңтүстігінде шығысында батысында үстіңгі жанында артында алдында қасында",
    ),
    _form(
        "landmark",
        r"(?<!\w)\w{1,20}(?:дан|ден|нан|нен|тан|тен)\s+кейін(?:гі)?\s+"
        r"(?:оңға|солға|(?:екінші|үшінші)\s+(?:үй|ғимарат|бұрылыс|көше|қабат|есік|қақпа)|үй(?:де|і)?(?!\w))",
        "кейін",
    ),
    _form(
        "landmark",
        r"(?<!\w)(?!(?:ана|бала|ата|әйел|адам|ер|отбасы|қыз|ұл|күйеу)\w{0,5}\s)\w{1,20}\s+(?:пен|мен|бен)\s+"
        r"(?!(?:ана|бала|ата|әйел|адам|ер|отбасы|қыз|ұл|күйеу)\w{0,8}\s)\w{1,20}\s+(?:арасында|ортасында)\w{0,20}",
        "арасында ортасында",
    ),
    # ---- floors, entrances, flats, intercoms
    _form(
        "floor",
        rf"(?<!\w)этаж(?:е|а|и|ом)?(?!\w)|(?<!\w)цоколь\w{{0,20}}|(?<!\d)\d+\s*-?\s*қабат\w{{0,20}}|{_ORDINAL_KK}\s+қабат\w{{0,20}}"
        r"|жертөле\w{0,20}|(?<!\w)floor\s+\d|(?<!\d)\d+(?:st|nd|rd|th)\s+floor",
        "этаж цоколь қабат жертөле floor",
        unless_before=r"(?:екі|бір)\s*",
    ),
    _form(
        "entrance",
        r"(?<!\w)подъез\w{0,20}|кіреберіс\w{0,20}|(?<!\w)вход\s+(?:со\s+двора|с\s+торца|с\s+улицы|через|со\s+стороны)"
        r"|(?<!\w)отдельн\w{1,20}\s+вход\w{0,20}",
        "подъез кіреберіс вход",
    ),
    _form(
        "intercom",
        r"(?<!\w)домофон\w{0,20}|(?<!\w)кодов\w{1,20}\s+замок\w{0,20}|код\s+(?:двери|подъезда)",
        "домофон код",
    ),
    _form(
        "кв.",
        r"(?<!\w)кв\.?\s*№?\s*\d+|(?<!\w)квартир\w{0,20}\s*(?:№|номер)?\s*\d+|(?<!\w)(?:apt\.?|apartment)\s*\d",
        "кв apt apartment",
        unless_after=r"\s*\.?\s*м(?!\w)",
    ),
    _form(
        "пәтер",
        rf"(?<!\w)пәтер\w{{0,20}}\s*№?\s*\d+|(?<!\d)\d+\s*-?\s*пәтер\w{{0,20}}|{_ORDINAL_KK}\s+пәтер\w{{0,20}}",
        "пәтер",
    ),
    # ---- house numbers
    _form(
        "дом + номер",
        r"(?<!\w)(?:д|дом)\.?\s*(?:№|номер)?\s*\d+(?!\d|[.,:]\d)"
        # "дома 15 по Сатпаева", "между домами 12 и 14"
        rf"|(?<!\w)дом\w{{1,3}}\s+(?:\d{{1,4}}\s*(?:и|,)\s*)?\d{{1,4}}\w?\s+(?:по|на)\s+(?:ул\.?\s*|улиц\w{{0,20}}\s+)?{_CAP}"
        r"|(?<!\w)дом(?:ами|ов)\s+\d{1,4}\s+и\s+\d{1,4}",
        "дом",
        shape=r"(?<!\w)д\.?\s*(?:№|номер)?\s*\d",
        unless_after=_NOT_A_HOUSE + r"|[^.;\0]{0,25}\bсет[иь]\b",
        # "детский дом 5"; "сети «Дом мамы», дом № 2": a network's home
        unless_before=r"(?:детск\w{0,20}\s+|сет[иь](?!\w)[^.;!?\n]{0,30}[,—–:-]\s*)",
    ),
    _form(
        "house number in words",
        rf"(?<!\w)(?:дом\w{{0,2}}|д\.)\s+(?:№\s*|номер\s+)?{_NUMWORD_RU}(?!\w)|(?<!\w)номер\w{{0,3}}\s+дома"
        rf"|(?<!\w)үй\w{{0,3}}\s+(?:№\s*|нөмірі\s+){_NUMWORD_KK}|үй\s+нөмір\w{{0,20}}|(?<!\w)(?!екінші\s){_ORDINAL_KK}\s+үй\w{{0,3}}"
        r"(?![\w-])",
        "дом д. үй",
    ),
    _form(
        "үй + нөмір",
        r"(?<!\w)үй(?:і|де|ге)?\s*№?\s*\d+|(?<!\d)\d+\s*-?\s*үй(?:і|де|ге|дің)?(?![\w-])",
        "үй",
        unless_after=_NOT_A_HOUSE + r"|\s+бар\b",
        unless_before=r"(?:желі\w{0,20}|(?<!\w)ана)\s*№?\s*",
    ),
    _form(
        "корпус",
        r"(?<!\w)(?:корп(?:ус|\.)|строение|стр-е)\s*№?\s*(?:\d+|(?-i:[А-ЯA-Z])(?!\w))|(?<!\w)здани\w{0,20}\s*№\s*\d+|(?<!\w)building\s+\d",
        "корп строение стр-е здани building",
    ),
    # ---- business centres, offices, blocks
    _form(
        "business centre",
        r"(?-i:(?<!\w)(?:БЦ|ТЦ|ТРЦ|ЖК)(?!\w))(?!\s*РК)|(?<!\w)бизнес[\s-]*центр\w{0,20}|(?<!\w)торгов\w{1,20}[\s-]+(?:развлекательн\w{1,20}\s+)?центр\w{0,20}"
        r"|(?<!\w)жил\w{1,20}\s+комплекс\w{0,20}|(?<!\w)бизнес\s+орталығ\w{0,20}|(?<!\w)сауда\s+(?:ойын-сауық\s+)?орталығ\w{0,20}|(?<!\w)тұрғын\s+үй\s+кешен\w{0,20}",
        "бц тц трц жк бизнес торгов комплекс сауда кешен",
    ),
    _form(
        "office or room number",
        r"(?<!\w)(?:офис\w{0,20}|кабинет\w{0,20}|каб\.|кеңсе\w{0,20}|помещени\w{0,20}|пом\.|room|office)\s*(?:№|номер)?\s*\d+"
        r"|(?<!\d)\d+\s*-?\s*(?:кеңсе|кабинет|офис)\w{0,20}",
        "офис кабинет каб. кеңсе помещени пом. room office",
    ),
    _form("block", rf"(?<!\w)блок\w{{0,20}}\s+(?:{_CAP}(?!\w)|№?\s*\d+)|(?<!\d)\d+\s*-?\s*блок\w{{0,20}}", "блок"),
    # ---- English street words
    _form(
        "street (en)",
        rf"(?<!\w){_CAP}\w{{0,20}}(?:\s+\w{{1,20}})?\s+(?:street|st\.|str\.|avenue|ave\.?|boulevard|blvd|lane|road|rd\.)(?!\w)"
        r"|(?<!\w)(?:street|avenue|ul\.|pr\.|str\.)\s*\d|(?<!\w)ul\.\s*[A-Z]",
        "street st. str. avenue ave boulevard blvd lane road rd. ul. pr.",
    ),
    _form(
        "street (Latin)",
        # koshesi, kóshesi, köshesi; dangyly, dańǵyly; ulitsa; prospekti; mikrorayon; shagyn/yqsham audany
        r"(?<!\w)(?:k[oóö]shes[iı]\w{0,20}|k[oóö]sh\.|da[nń]g?h?[gǵ][yı]l[yı]\w{0,20}|ulit[sc]a\w{0,3}|ulica\w{0,3}|prospekt\w{0,3}"
        r"|mikrora[iy]on\w{0,3}|mkrn?\.?\s*\w|(?:shag[yı]n|[yi]?[qk]sham)\s*audan\w{0,20}|tupik\w{0,3}|pereulok\w{0,3}|bulvar\w{0,3})"
        r"|(?<!\d)\d{1,3}\s*-?\s*(?:[qk]abat\w{0,20}|etazh\w{0,3}|pod[y\']?e?zd\w{0,3}|p[aä]ter\w{0,3}|kv\.?\s*\d)(?!\w)"
        r"|(?<![\w.])(?:[qk]abat\w{0,3}|etazh|pod[y\']?e?zd|p[aä]ter|kv\.|kvartira|dom|d\.|uy)\s*(?:№|no\.?)?\s*\d",
        "kosh kósh kösh dang dań dan ulit ulica prospekt mikro mekr mkr audan tupik pereulok bulvar abat etazh pod ater"
        " kv. kvartira dom d. uy",
    ),
    _form(
        "location (en)",
        rf"(?<!\w)(?:intersection|crossroads|corner\s+of|entrance|intercom)(?!\w)|(?<!\w)coordinates\W{{0,5}}\d"
        rf"|(?<!\w)(?:post\s?code|postal\s+code|zip\s?code)\W*\d|(?<!\w)block\s+(?:{_CAP}(?!\w)|\d)",
        "intersection crossroads corner entrance intercom coordinates code block",
    ),
    _form(
        "building description",
        r"(?<!\w)(?:зел[её]н|син|красн|сер|бел|ч[её]рн|ж[её]лт|коричнев|оранжев|голуб|розов)\w{0,20}\s+"
        r"(?:ворот|калитк|забор|здани|дом|двер|вывеск)\w{0,20}"
        r"|(?<!\w)(?:жасыл|көк|қызыл|сұр|сары|ақ|қара|қоңыр)\s+(?:қақпа|есік|ғимарат|үй|дуал|қоршау)\w{0,20}"
        r"|(?<!\w)(?:ворот|калитк|двер|забор|здани|подъезд)\w{0,20}\s+с\s+(?:надпис|табличк|вывеск|решётк|решетк|кодов|домофон)\w{0,20}"
        r"|(?<!\w)(?:дом|здани|ворот|калитк|забор|двер|крыш)\w{0,3}\s+(?:[^\s.!?;:,]+\s+)?цвет(?:а|ом)(?!\w)",
        "ворот калитк забор здани дом двер вывеск қақпа есік ғимарат үй дуал қоршау крыш",
    ),
    # ---- a well-known street name and a house number, without any street word
    _form(
        "street name and number",
        # (not a year: "Сарыарқа 2024" is a forum)
        rf"(?<!\w){_STREET_NAME}\w{{0,3}}\s*,?\s*(?:№\s*)?(?:(?!(?:19|20)\d\d(?!\d)){_HOUSE}(?!\d|[.,:]\d)|{_NUMWORD_RU}(?!\w))",
        " ".join(sorted({n.split()[0][:4].casefold() for n in STREET_NAMES})),
        unless_after=_NOT_A_HOUSE + r"|\s*[»\"]",  # the end of a name in quotes: «Абай 180», an anniversary
    ),
    # ... and any street named after someone, in the Russian genitive (Розыбакиева 247а,
    # Богенбай батыра 12): a capitalised surname, then a house number that is not a year
    _form(
        "street name and number",
        r"(?-i:(?<!\w)[А-ЯЁ][а-яё]+(?:ова|ева|ёва|ина|ына|ского|цкого|улы)|(?<!\w)[А-ЯЁӘІҢҒҮҰҚӨҺ]\w{1,20}\s+(?:батыра|би|хана))"
        rf"\s*,?\s*(?:№\s*)?(?!(?:19|20)\d\d(?!\d)){_HOUSE}(?!\d|[.,:]\d)",
        "",
        shape=r"(?:ова|ева|ёва|ина|ына|ого|улы|батыра|би|хана)\s*,?\s*(?:№\s*)?\d",
        unless_after=_NOT_A_HOUSE + r"|\s+\(?\d{3}",
    ),
    # ---- a place shared as a geotag or a location, with something after a colon that is more than a city
    _form(
        "shared location",
        r"(?<!\w)(?:геометк|геоточк|геолокац|местоположени|геопозици|локаци|геотег|орналасқан\s+жер|location|pin)\w{0,20}"
        rf"[^.!?\n:]{{0,40}}:\s*(?!(?:г\.\s*)?(?:{_CITY}|{_CITY_LATIN})\w{{0,4}}(?:\s+(?:қаласы|облысы|город|области))?\s*(?:[.;!?)]|$))\S",
        "геометк геоточк геолокац местоположени геопозици локаци геотег орналасқан location pin",
    ),
    # ---- an address written out after its label
    _form(
        "address",
        r"(?<!\w)(?:адрес\w{0,20}|мекен-?жай\w{0,20}|address)\s*:\s*(?!не\b|нет\b|жоқ|unknown|көрсетілмей|жарияланбай|скрыт"
        r"|конфиденц|not\b|none\b|нигде|ешқайда|\s)"
        r"|(?<!\w)по\s+адресу(?!\s*,?\s*(?:котор|электрон|почт|сообщ|e-?mail))|(?<!\w)мекенжай\w{0,20}\s+(?:бойынша|орналас|кел)"
        r"|(?<!\w)located\s+at\s+\d",
        "адрес мекен address located",
    ),
    # ---- how to get there
    _form(
        "directions",
        r"(?<!\w)(?:автобус|маршрут|троллейбус|микроавтобус|bus)[^\W\d]{0,8}+\s*(?:№\s*)?\d"
        r"|(?<!\d)\d{1,4}\s*мин[^\W\d]{0,8}+\s+(?:пешком|ходьбы|езды)\s+от|(?<!\w)жаяу\s+\d{1,4}\s+минут"
        r"|(?<!\w)(?:пять|десять|две|три|пару|несколько)\s+минут\s+(?:пешком|ходьбы|езды)\s+от"
        rf"|(?<!\w)остановк\w{{0,20}}\s+(?:[«\"]|{_CAP})|(?<!\w)аялдама\w{{0,20}}\s+(?:[«\"]|{_CAP})|(?<!\w)станци\w{{0,20}}\s+метро"
        rf"|(?:[»\"]|(?<!\w){_CAP}\w{{0,20}})\s+(?:аялдама\w{{0,20}}|метро\w{{0,20}})|(?<!\w)метро\s+бекет\w{{0,20}}"
        r"|(?<!\d)\d{1,5}\s*(?:метр[^\W\d]{0,4}+|м|км|шақырым)\s+(?:от\s|жер)|(?<!\d)\d{1,4}\s*минут[^\W\d]{0,4}+\s+(?:от\s|жаяу)"
        r"|(?<!\d)\d{1,4}\s*минуттық"
        r"|(?<!\d)\d{1,4}(?:\s*(?:,|және|мен|и|или|немесе)\s*\d{1,4}){1,5}\s*-?\s*(?:автобус|троллейбус|маршрут)\w{0,20}"
        r"|(?<!\d)\d{1,4}\s*-?\s*(?:автобус|троллейбус)\w{0,2}(?:мен|пен|ом|ами)(?!\w)",
        "автобус маршрут троллейбус bus мин жаяу остановк аялдама станци метро метр км шақырым",
    ),
    # Last, so that any other form in the same text is named first: a short link may hide a map,
    # and nothing in it tells (rules/text.py reports it with its own hint).
    _form(SHORTENED_LINK, _SHORT_LINK.pattern, " ".join(_SHORT_LINK_HOSTS)),
]


# ---- what the forms read: the text as a reader sees it
#
# Characters a reader does not see, which would split a word the forms look for
# ("Розы\u00adбакиева", "кв\u200b."): every format character (Unicode category Cf:
# soft hyphen, zero-width space and joiners, word joiner, bidi marks …), the combining
# grapheme joiner, variation selectors and the Hangul fillers that render as blanks. (The
# planes searched for format characters are the ones that have any.)
_INVISIBLE = dict.fromkeys(
    [code for code in (*range(0x30000), *range(0xE0000, 0xE1000)) if unicodedata.category(chr(code)) == "Cf"]
    + [0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0, *range(0x180B, 0x1810), *range(0xFE00, 0xFE10)]
)
_INVISIBLE.pop(0, None)
# Latin letters that look like Cyrillic ones, written into a Cyrillic word ("Розыбакиевa",
# "yл. Aбая", "көшесi"): read as the Cyrillic letter they pass for.
_LOOKALIKE = str.maketrans("aeopcyxiABEKMHOPCTXI", "аеорсухіАВЕКМНОРСТХІ")
_LETTERS = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN_LOOKALIKE = re.compile("[aeopcyxiABEKMHOPCTXI]")
_LATIN_OTHER = re.compile("[bdfghjklmnqrstuvwzDFGJLNQRSUVWYZ]")
# Full-width and other compatibility forms ("ул．Абая　１０"), read as their plain forms by NFKC;
# only where there are any, and never "№", which NFKC would make "No".
_COMPATIBLE = re.compile("[\u00a0\u2000-\u200a\u2024-\u2026\u3000\uff01-\uffef\ufb00-\ufb4f\u2460-\u24ff]")


def _fold_word(match: re.Match[str]) -> str:
    """A word with Cyrillic letters whose every Latin letter looks Cyrillic is read as Cyrillic;
    a Latin word glued to a Cyrillic letter ("ЁYANDEX") is left as it is."""
    word = match.group()
    if _CYRILLIC.search(word) and _LATIN_LOOKALIKE.search(word) and not _LATIN_OTHER.search(word):
        return word.translate(_LOOKALIKE)
    return word


def normalised(text: str) -> str:
    """`text` as a reader sees it: invisible characters gone, full-width forms made plain, and
    Latin look-alike letters inside a Cyrillic word read as Cyrillic. Linear in the text."""
    if not text.isascii():
        text = text.translate(_INVISIBLE)
        if _COMPATIBLE.search(text):
            text = "№".join(unicodedata.normalize("NFKC", part) for part in text.split("№"))
        if _CYRILLIC.search(text) and _LATIN_LOOKALIKE.search(text):
            text = _LETTERS.sub(_fold_word, text)
    return text


def as_read(text: str) -> str:
    """What the forms read: the text as a reader sees it, Kazakh letters as typed on a Russian keyboard."""
    return _keyboard(normalised(text))


def _forms_that_may_match(text: str) -> list[Form]:
    folded = text.casefold()
    return [form for form in _FORMS if form.may_match(folded, text)]


def may_hold_location(text: str) -> bool:
    """The cheap pre-filter: False means no form can match, so none need run."""
    text = as_read(text)
    folded = text.casefold()
    return any(form.may_match(folded, text) for form in _FORMS)


def location_label(text: str) -> str | None:
    """The label of the first form of a location found in `text` (as a reader sees it), or None."""
    if len(text) > _REMEMBERED_UP_TO:
        return _label(text)
    if _remembered["forms"] is not _FORMS:  # another set of forms (a test takes a family away)
        _remembered_label.cache_clear()
        _remembered["forms"] = _FORMS
    return _remembered_label(text)


def _label(text: str) -> str | None:
    text = as_read(text)
    for form in _forms_that_may_match(text):
        if form.found_in(text):
            return form.label
    return None


# The same texts come back again and again: many listings share their how-to-reach words and
# source notes, and the editors' tools check a listing after each change. Each is read once;
# long texts are not kept, so memory stays small whatever the files hold.
_REMEMBERED_UP_TO = 2000
_remembered_label = functools.lru_cache(maxsize=8192)(_label)
_remembered: dict[str, object] = {"forms": None}


def location_forms() -> list[str]:
    """The labels of the forms the detector knows (each once), for docs and tests."""
    return list(dict.fromkeys(form.label for form in _FORMS))


# Map links in link fields (a website, a source's URL): any provider.
_MAP_LINK = next(form for form in _FORMS if form.label == "map link")


def short_link_in(text: str) -> bool:
    """Does this link or text hold a shortened link (bit.ly, clck.ru, goo.su …), which could hide a map?"""
    return _SHORT_LINK.search(normalised(text)) is not None


def map_link_in(url: str) -> bool:
    """Is this link a map (a pin of where the place is)?"""
    return _MAP_LINK.found_in(as_read(url))
