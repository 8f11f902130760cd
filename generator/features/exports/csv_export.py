"""centres.csv: one row per listing, Kazakh and Russian side by side, for spreadsheets.

- UTF-8 with a byte order mark (so Excel reads Cyrillic right), comma-separated,
  RFC 4180 quoting, CRLF line ends.
- A list in one cell is joined with " | ". Inside an item, "\\" is written "\\\\" and
  "|" is written "\\|", so split_list() gets the items back exactly.
- Formula injection: a cell that starts (after any spaces) with = + - @, a tab or
  CR, their full-width forms, or an apostrophe gets one apostrophe (') in front, so
  a spreadsheet shows it as text and never runs it. A program reading the file
  removes one leading apostrophe from any cell that starts with one (unneutralise()).
- An empty cell means the listing does not give that field (a national line has no
  city; only shelters have stay and places). "unknown" is written out as unknown.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from generator.data.model import Catalogue, Listing
from generator.features.exports import common

SEPARATOR = " | "
BOM = "\ufeff"
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet can't read as a formula; reversible by unneutralise()."""
    if cell.startswith("'") or cell.lstrip(" ").startswith(_TRIGGERS):
        return "'" + cell
    return cell


def unneutralise(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def join_list(items: list[str] | tuple[str, ...]) -> str:
    return SEPARATOR.join(item.replace("\\", "\\\\").replace("|", "\\|") for item in items)


def split_list(cell: str) -> list[str]:
    """The items of a cell written by join_list (after unneutralise)."""
    if cell == "":
        return []
    items, current, i = [], [], 0
    while i < len(cell):
        char = cell[i]
        if char == "\\" and i + 1 < len(cell):
            current.append(cell[i + 1])
            i += 2
        elif cell.startswith(SEPARATOR, i):
            items.append("".join(current))
            current = []
            i += len(SEPARATOR)
        else:
            current.append(char)
            i += 1
    items.append("".join(current))
    return items


def value(v: object) -> str:
    """A cell for one value: '' for not given, numbers without a trailing .0."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def hours_cell(x: Listing, _lang: str = "kk") -> str:
    if isinstance(x.hours, str):
        return x.hours
    return join_list([f"{','.join(p.days)} {p.opens}-{p.closes}" for p in x.hours])


@dataclass(frozen=True)
class Column:
    name: str  # for a bilingual column, the base name: the CSV has name_kk and name_ru
    get: Callable[[Listing, str], object]  # (listing, lang) -> value
    doc: dict[str, str]
    bilingual: bool = False

    @property
    def headers(self) -> list[str]:
        return [f"{self.name}_kk", f"{self.name}_ru"] if self.bilingual else [self.name]


def _text(attr: str) -> Callable[[Listing, str], object]:
    def get(x: Listing, lang: str) -> object:
        text = getattr(x, attr)
        return text(lang) if text else None

    return get


def _elig(field: str) -> Callable[[Listing, str], object]:
    return lambda x, _: getattr(x.eligibility, field)


def _stay(field: str) -> Callable[[Listing, str], object]:
    def get(x: Listing, _: str) -> object:
        return (x.raw.get("stay") or {}).get(field)

    return get


def _children(which: str) -> Callable[[Listing, str], object]:
    return lambda x, _: (x.raw["eligibility"].get("children_age_max") or {}).get(which)


def _list_or_unknown(attr: str) -> Callable[[Listing, str], object]:
    def get(x: Listing, _: str) -> object:
        v = getattr(x, attr)
        return v if isinstance(v, str) else join_list(v)

    return get


def _phone_descriptions(x: Listing, lang: str) -> object:
    if not any(p.description for p in x.contacts.phones):
        return None
    return join_list([p.description(lang) if p.description else "" for p in x.contacts.phones])


def _d(kk: str, ru: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru}


TRISTATE_KK = "yes / no / unknown (иә / жоқ / белгісіз)."
TRISTATE_RU = "yes / no / unknown (да / нет / неизвестно)."
AGE_KK = "Жасы (жылмен, мысалы 18 немесе 1.5), none (шектеу жоқ) немесе unknown."
AGE_RU = "Возраст в годах (например 18 или 1.5), none (без ограничения) или unknown."
DURATION_KK = "Мерзім: сан мен бірлік (мысалы «6 months», «2 hours») немесе unknown."
DURATION_RU = "Срок: число и единица (например «6 months», «2 hours») или unknown."

COLUMNS: list[Column] = [
    Column(
        "id",
        lambda x, _: x.id,
        _d("Жазбаның тұрақты идентификаторы (файл аты).", "Постоянный идентификатор записи (имя файла)."),
    ),
    Column(
        "page",
        lambda x, lang: common.page_path(x, lang),
        _d("Жазба бетінің сайт түбіріне қатысты жолы.", "Путь страницы записи относительно корня сайта."),
        bilingual=True,
    ),
    Column(
        "kind",
        lambda x, _: x.kind,
        _d("shelter, centre, helpline немесе emergency.", "shelter, centre, helpline или emergency."),
    ),
    Column(
        "status",
        lambda x, _: x.status,
        _d(
            "active, suspended, closed немесе unknown (жұмыс істейтіні белгісіз).",
            "active, suspended, closed или unknown (работает ли — неизвестно).",
        ),
    ),
    Column(
        "scope",
        lambda x, _: x.scope,
        _d(
            "local (бір қала не өңір) немесе national (бүкіл ел).",
            "local (один город или регион) или national (вся страна).",
        ),
    ),
    Column("name", _text("name"), _d("Атауы.", "Название."), bilingual=True),
    Column("alternate_name", _text("alternate_name"), _d("Басқа атауы.", "Другое название."), bilingual=True),
    Column(
        "organization", _text("organization"), _d("Жүргізетін ұйым.", "Организация, которая его ведёт."), bilingual=True
    ),
    Column("description", _text("description"), _d("Не істейді.", "Что делает."), bilingual=True),
    Column(
        "region_code",
        lambda x, _: x.region.code if x.region else None,
        _d("Өңірдің ISO 3166-2 коды.", "Код региона ISO 3166-2."),
    ),
    Column(
        "region",
        lambda x, lang: x.region.name(lang) if x.region else None,
        _d("Өңірдің атауы.", "Название региона."),
        bilingual=True,
    ),
    Column(
        "city_key",
        lambda x, _: x.city.key if x.city else None,
        _d("data/cities.yaml ішіндегі қала кілті.", "Ключ города в data/cities.yaml."),
    ),
    Column(
        "city",
        lambda x, lang: x.city.name(lang) if x.city else None,
        _d("Қаланың атауы.", "Название города."),
        bilingual=True,
    ),
    Column(
        "office_address",
        common.office_address,
        _d(
            "Тек баспанасы жоқ кеңсенің ұйым өзі жариялаған мекенжайы. Баспананың мекенжайы ешқашан болмайды.",
            "Только адрес офиса без приюта, который опубликовала сама организация. Адреса приюта не бывает никогда.",
        ),
        bilingual=True,
    ),
    Column(
        "services",
        lambda x, _: join_list([s.key for s in x.services]),
        _d("Көмек түрлерінің кілттері.", "Ключи видов помощи."),
    ),
    Column(
        "services",
        lambda x, lang: join_list([s.label(lang) for s in x.services]),
        _d("Көмек түрлерінің атаулары.", "Названия видов помощи."),
        bilingual=True,
    ),
    Column(
        "gender",
        _elig("gender"),
        _d("Кімді қабылдайды: women, men, any немесе unknown.", "Кого принимают: women, men, any или unknown."),
    ),
    Column("age_min", _elig("age_min"), _d("Ең кіші жасы. " + AGE_KK, "Минимальный возраст. " + AGE_RU)),
    Column("age_max", _elig("age_max"), _d("Ең үлкен жасы. " + AGE_KK, "Максимальный возраст. " + AGE_RU)),
    Column(
        "with_children",
        _elig("with_children"),
        _d("Әйелді балаларымен бірге қабылдай ма: " + TRISTATE_KK, "Принимают ли женщину с детьми: " + TRISTATE_RU),
    ),
    Column(
        "children_age_max_boys",
        _children("boys"),
        _d(
            "Ұлдар анасымен бірге қай жасқа дейін тұра алады. " + AGE_KK,
            "До какого возраста мальчики могут жить с мамой. " + AGE_RU,
        ),
    ),
    Column(
        "children_age_max_girls",
        _children("girls"),
        _d(
            "Қыздар анасымен бірге қай жасқа дейін тұра алады. " + AGE_KK,
            "До какого возраста девочки могут жить с мамой. " + AGE_RU,
        ),
    ),
    Column(
        "pregnant",
        _elig("pregnant"),
        _d("Жүкті әйелдерді қабылдай ма: " + TRISTATE_KK, "Принимают ли беременных: " + TRISTATE_RU),
    ),
    Column(
        "hiv",
        _elig("hiv"),
        _d("АИТВ-мен өмір сүретін әйелдерді қабылдай ма: " + TRISTATE_KK, "Принимают ли женщин с ВИЧ: " + TRISTATE_RU),
    ),
    Column(
        "mental_disorders",
        _elig("mental_disorders"),
        _d(
            "Психикалық бұзылысы бар адамдарды қабылдай ма: " + TRISTATE_KK,
            "Принимают ли людей с психическими расстройствами: " + TRISTATE_RU,
        ),
    ),
    Column(
        "police_report_required",
        _elig("police_report_required"),
        _d(
            "Алдымен полицияға арыз беру керек пе: " + TRISTATE_KK,
            "Нужно ли сначала заявление в полицию: " + TRISTATE_RU,
        ),
    ),
    Column(
        "referral_required",
        _elig("referral_required"),
        _d("Жолдама керек пе: " + TRISTATE_KK, "Нужно ли направление: " + TRISTATE_RU),
    ),
    Column(
        "eligibility_notes",
        lambda x, lang: x.eligibility.notes(lang) if x.eligibility.notes else None,
        _d("Кімді қабылдайтыны туралы ескертпе.", "Примечание о том, кого принимают."),
        bilingual=True,
    ),
    Column("stay_min", _stay("min"), _d("Ең қысқа мерзім. " + DURATION_KK, "Минимальный срок. " + DURATION_RU)),
    Column("stay_max", _stay("max"), _d("Ең ұзақ мерзім. " + DURATION_KK, "Максимальный срок. " + DURATION_RU)),
    Column(
        "stay_exceptional_max",
        _stay("exceptional_max"),
        _d(
            "Ерекше жағдайдағы ең ұзақ мерзім. " + DURATION_KK,
            "Максимальный срок в исключительных случаях. " + DURATION_RU,
        ),
    ),
    Column(
        "stay_notes",
        lambda x, lang: x.stay.notes(lang) if x.stay and x.stay.notes else None,
        _d("Мерзім туралы ескертпе.", "Примечание о сроке."),
        bilingual=True,
    ),
    Column("places", lambda x, _: x.places, _d("Орын саны немесе unknown.", "Число мест или unknown.")),
    Column("fee", lambda x, _: x.fee, _d("free, paid немесе unknown.", "free, paid или unknown.")),
    Column("cost_notes", _text("cost_notes"), _d("Ақысы туралы ескертпе.", "Примечание о стоимости."), bilingual=True),
    Column(
        "hours",
        hours_cell,
        _d(
            "24/7, unknown немесе кезеңдер тізімі: «mon,tue,wed 09:00-18:00», Астана уақыты (UTC+5).",
            "24/7, unknown или список периодов: «mon,tue,wed 09:00-18:00», время Астаны (UTC+5).",
        ),
    ),
    Column(
        "phones",
        lambda x, _: join_list([p.display for p in x.contacts.phones]),
        _d("Телефон нөмірлері, көрсетілетін түрінде.", "Номера телефонов в привычной записи."),
    ),
    Column(
        "phones_tel",
        lambda x, _: join_list([p.tel for p in x.contacts.phones]),
        _d("Сол нөмірлер терілетін түрінде (tel:).", "Те же номера в виде для набора (tel:)."),
    ),
    Column(
        "phone_types",
        lambda x, _: join_list([p.type for p in x.contacts.phones]),
        _d(
            "Әр нөмірдің түрі: voice, text, whatsapp, telegram.", "Тип каждого номера: voice, text, whatsapp, telegram."
        ),
    ),
    Column(
        "phone_descriptions",
        _phone_descriptions,
        _d(
            "Әр нөмірге ескертпе (нөмірлермен бір ретте).",
            "Пояснение к каждому номеру (в том же порядке, что и номера).",
        ),
        bilingual=True,
    ),
    Column(
        "channels",
        lambda x, _: join_list([f"{c.kind} {c.display}".strip() for c in x.contacts.channels]),
        _d(
            "Байланыс арналары: түрі (voice, sms, whatsapp, telegram, web, email, in_person) және нөмірі не мекенжайы.",
            "Каналы связи: вид (voice, sms, whatsapp, telegram, web, email, in_person) и номер или адрес.",
        ),
    ),
    Column(
        "channel_hours",
        lambda x, _: join_list([common.hours_text(c.hours_list) for c in x.contacts.channels]),
        _d(
            "Әр арнаның жұмыс уақыты (арналармен бір ретте): 24/7, unknown немесе "
            "«mon,tue 09:00-18:00; sat 10:00-14:00», "
            "Asia/Almaty (UTC+5).",
            "Часы каждого канала (в том же порядке): 24/7, unknown или «mon,tue 09:00-18:00; sat 10:00-14:00», "
            "Asia/Almaty (UTC+5).",
        ),
    ),
    Column(
        "channel_languages",
        lambda x, _: join_list(
            [c.languages if isinstance(c.languages, str) else ",".join(c.languages) for c in x.contacts.channels]
        ),
        _d("Әр арнаның тілдері: kk,ru немесе unknown.", "Языки каждого канала: kk,ru или unknown."),
    ),
    Column(
        "channel_cost",
        lambda x, _: join_list([c.cost for c in x.contacts.channels]),
        _d("Әр арнаның құны: free, operator немесе unknown.", "Стоимость каждого канала: free, operator или unknown."),
    ),
    Column(
        "channel_who_hears",
        lambda x, _: join_list(
            [
                ",".join(f"{q}={c.heard(q).answer}" for q in ("anonymous", "recorded", "may_inform_police"))
                for c in x.contacts.channels
            ]
        ),
        _d(
            "Әр арна үшін кім естиді: anonymous, recorded, may_inform_police — yes, no немесе unknown "
            "(дереккөздері centres.json ішінде).",
            "Кто слышит, для каждого канала: anonymous, recorded, may_inform_police — yes, no или unknown "
            "(источники — в centres.json).",
        ),
    ),
    Column("email", lambda x, _: x.contacts.email, _d("Электрондық пошта.", "Электронная почта.")),
    Column("website", lambda x, _: x.contacts.website, _d("Сайт.", "Сайт.")),
    Column(
        "social",
        lambda x, _: join_list(x.contacts.social),
        _d("Әлеуметтік желілердегі беттері.", "Страницы в социальных сетях."),
    ),
    Column(
        "how_to_reach",
        lambda x, lang: x.contacts.how_to_reach(lang) if x.contacts.how_to_reach else None,
        _d("Телефоны болмаса, қалай хабарласуға болады.", "Как связаться, если телефона нет."),
        bilingual=True,
    ),
    Column(
        "languages",
        _list_or_unknown("languages"),
        _d(
            "Қызмет көрсету тілдерінің кодтары (kk, ru, ...) немесе unknown.",
            "Коды языков обслуживания (kk, ru, ...) или unknown.",
        ),
    ),
    Column(
        "funding",
        _list_or_unknown("funding"),
        _d(
            "Қаржыландыру: state, ngo, religious, donors, grants немесе unknown.",
            "Финансирование: state, ngo, religious, donors, grants или unknown.",
        ),
    ),
    Column(
        "sources",
        lambda x, _: join_list([s.url or s.document or "" for s in x.sources]),
        _d(
            "Дереккөздер: сілтемесі, ал сілтеме жоқ болса — құжат. Толығы centres.json ішінде.",
            "Источники: ссылка, а если её нет — документ. Полностью — в centres.json.",
        ),
    ),
    Column(
        "verification_status",
        lambda x, _: x.verification.status,
        _d("verified (ұйым растаған) немесе not_verified.", "verified (подтверждено организацией) или not_verified."),
    ),
    Column(
        "last_checked",
        lambda x, _: x.verification.last_checked,
        _d("Дереккөздер соңғы рет тексерілген күн.", "Когда источники проверяли в последний раз."),
    ),
    Column(
        "verified_on",
        lambda x, _: x.verification.verified_on,
        _d("Ұйым растаған күн.", "Когда подтвердила организация."),
    ),
    Column("verified_by", lambda x, _: x.verification.verified_by, _d("Кім растады.", "Кто подтвердил.")),
]


def headers() -> list[str]:
    return [h for column in COLUMNS for h in column.headers]


def row(x: Listing) -> list[str]:
    cells: list[str] = []
    for column in COLUMNS:
        langs = ("kk", "ru") if column.bilingual else ("kk",)
        cells.extend(neutralise(value(column.get(x, lang))) for lang in langs)
    return cells


def render(catalogue: Catalogue) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers())
    for x in common.listings(catalogue):
        writer.writerow(row(x))
    return (BOM + out.getvalue()).encode("utf-8")
