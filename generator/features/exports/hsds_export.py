"""The directory as Open Referral HSDS 3.0 JSON, one dataset per language.

Files (under data/hsds/<lang>/, lang = kk or ru, the same records and the same IDs in both):
- services.json: every listing as an HSDS service, with its organization nested;
- organizations.json: every listing's organization with its location, and its service as
  the basic facts only (id, name, status), as HSDS's API gives an organization; the whole
  service is in services.json;
- taxonomy_terms.json: every taxonomy term the attributes name, once;
- taxonomies.json: the directory's two taxonomies (facts, service kinds).
Each file is an HSDS API "Page" (total_items, ..., contents) holding all records in one
page; each item of "contents" validates against the compiled schema service.json or
organization.json of HSDS 3.0 (terms and taxonomies against its taxonomy_term object).

Mapping decisions (also on the Data page):
- IDs are uuid5(NAMESPACE, "<object>:<listing id>[:<n>]"): stable between builds and
  identical in both languages.
- One organization per listing: the data names organizations only by text, and several
  listings say "unknown organization", so merging by name would join strangers.
- Locations are city-level only: an address with the town and region and an EMPTY
  street line (address_1), no postal code, and NO latitude/longitude at all (HSDS would
  read coordinates as the place itself; the town's centre is in centres.geojson).
  A street address appears only for a non-shelter office whose address the
  organisation itself publishes; a shelter never has one (the schema forbids it).
- HSDS status has no "unknown": a listing whose status is unknown is "active", with an
  alert saying it may not work and the attribute directory_status = unknown.
- Facts HSDS has no field for go into attributes with taxonomy terms of this directory's
  own taxonomy (TERMS below), value = the listing's value as written in its file
  ("yes" / "no" / "unknown", "6 months", ...). Service kinds are terms of a second
  taxonomy made from data/services.yaml. An attribute names its term by
  taxonomy_term_id, as HSDS's tabular form does; the terms are published once in
  taxonomy_terms.json. Embedding the term in every attribute made the export about
  30 KB per listing per language, and most of a large build's time.
- Schedules: 24/7 is one WEEKLY schedule MO-SU 00:00-23:59 (HSDS's advice for 24-hour
  opening); periods become WEEKLY schedules; times carry the UTC offset of Asia/Almaty
  (+05:00, Kazakhstan's single time zone since 2024) and timezone = 5. Unknown hours
  give no schedule and the attribute hours = unknown.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from generator.data.model import Catalogue, Lang, Listing, Service
from generator.features.exports import common
from generator.site.i18n import Words
from generator.site.render import age_text

NAMESPACE = uuid.UUID("5e789b03-bcd5-4ba3-a38c-d9c4f1120e0b")  # never change: every ID derives from it
UTC_OFFSET = "+05:00"  # Asia/Almaty
TIMEZONE = 5
DAYS = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}
STATUS = {"active": "active", "suspended": "temporarily closed", "closed": "defunct", "unknown": "active"}
RFC6350_TYPES = {"voice", "text"}  # HSDS phone.type draws from RFC 6350; messengers go into an attribute


@lru_cache(maxsize=1 << 18)  # the same IDs recur in both languages
def uid(*parts: str) -> str:
    """uuid.uuid5(NAMESPACE, "a:b:c") as text, without making UUID objects (an export makes ~40 a listing)."""
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + ":".join(parts).encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_NAMESPACE_BYTES = NAMESPACE.bytes


def _d(kk: str, ru: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru}


@dataclass(frozen=True)
class Term:
    code: str
    link_type: str  # what the term describes (HSDS attribute.link_type, an open codelist)
    name: dict[str, str]
    description: dict[str, str]
    link_entity: str = "service"


YES_NO_KK = "Мәні: yes, no немесе unknown (белгісіз — сұраңыз)."
YES_NO_RU = "Значение: yes, no или unknown (неизвестно — уточните)."
AGE_KK = "Мәні: жасы жылмен (мысалы 18, 1.5), none (шектеу жоқ) немесе unknown."
AGE_RU = "Значение: возраст в годах (например 18, 1.5), none (без ограничения) или unknown."
DUR_KK = "Мәні: сан мен бірлік, мысалы «6 months», «2 hours», немесе unknown."
DUR_RU = "Значение: число и единица, например «6 months», «2 hours», или unknown."

TAXONOMY = {
    "code": "kz-crisis-directory-facts",
    "name": _d("Дағдарыс орталықтары анықтамалығының фактілері", "Факты справочника кризисных центров"),
    "description": _d(
        "HSDS-те өрісі жоқ фактілер: тұру мерзімі, кімді қабылдайтыны, орын саны және т.б. "
        "Мәндер жазба файлындағыдай жазылады; unknown — нақты жауап: «белгісіз, сұраңыз».",
        "Факты, для которых в HSDS нет поля: срок проживания, кого принимают, число мест и т. д. "
        "Значения записаны как в файле записи; unknown — настоящий ответ: «неизвестно, уточните».",
    ),
}
SERVICES_TAXONOMY = {  # its terms: the keys of data/services.yaml
    "code": "kz-crisis-directory-services",
    "name": _d("Дағдарыс орталықтары анықтамалығының көмек түрлері", "Виды помощи справочника кризисных центров"),
    "description": _d(
        "Көмек түрлері: code — data/services.yaml кілті (мысалы shelter), атауы — сайттағыдай.",
        "Виды помощи: code — ключ из data/services.yaml (например, shelter), название — как на сайте.",
    ),
}

TERMS: list[Term] = [
    Term(
        "listing_id",
        "identifier",
        _d("Анықтамалықтағы идентификатор", "Идентификатор в справочнике"),
        _d(
            "Жазбаның id-і: centres.json, centres.csv ішіндегідей; беті — centres/<id>/.",
            "id записи, как в centres.json и centres.csv; её страница — centres/<id>/.",
        ),
    ),
    Term(
        "kind",
        "kind",
        _d("Жазба түрі", "Вид записи"),
        _d(
            "shelter (тұруға болатын дағдарыс орталығы), centre (баспанасыз орталық), helpline (сенім телефоны), "
            "emergency (шұғыл қызмет).",
            "shelter (кризисный центр с проживанием), centre (центр без приюта), helpline (телефон доверия), "
            "emergency (экстренная служба).",
        ),
    ),
    Term(
        "directory_status",
        "status",
        _d("Анықтамалықтағы күйі", "Статус в справочнике"),
        _d(
            "active, suspended, closed немесе unknown. HSDS status өрісінде unknown жоқ: ондай жазба active деп "
            "беріледі, ал alert өрісі мен осы атрибут жұмыс істейтіні белгісіз екенін айтады.",
            "active, suspended, closed или unknown. В поле HSDS status нет unknown: такая запись дана как active, "
            "а поле alert и этот атрибут говорят, что неизвестно, работает ли она.",
        ),
    ),
    Term(
        "gender",
        "eligibility",
        _d("Кімді қабылдайды", "Кого принимают"),
        _d("Мәні: women, men, any немесе unknown.", "Значение: women, men, any или unknown."),
    ),
    Term(
        "age_min",
        "eligibility",
        _d("Ең кіші жасы", "Минимальный возраст"),
        _d(AGE_KK + " Сан болса, minimum_age өрісінде де бар.", AGE_RU + " Если это число, оно есть и в minimum_age."),
    ),
    Term(
        "age_max",
        "eligibility",
        _d("Ең үлкен жасы", "Максимальный возраст"),
        _d(AGE_KK + " Сан болса, maximum_age өрісінде де бар.", AGE_RU + " Если это число, оно есть и в maximum_age."),
    ),
    Term(
        "with_children",
        "eligibility",
        _d("Әйелді балаларымен бірге қабылдайды", "Принимают женщину с детьми"),
        _d(YES_NO_KK, YES_NO_RU),
    ),
    Term(
        "children_age_max_boys",
        "eligibility",
        _d("Ұлдар қай жасқа дейін анасымен бірге", "До какого возраста мальчики с мамой"),
        _d(AGE_KK + " Жазбада айтылмаса, атрибут жоқ.", AGE_RU + " Если в записи не сказано, атрибута нет."),
    ),
    Term(
        "children_age_max_girls",
        "eligibility",
        _d("Қыздар қай жасқа дейін анасымен бірге", "До какого возраста девочки с мамой"),
        _d(AGE_KK + " Жазбада айтылмаса, атрибут жоқ.", AGE_RU + " Если в записи не сказано, атрибута нет."),
    ),
    Term("pregnant", "eligibility", _d("Жүкті әйелдерді қабылдайды", "Принимают беременных"), _d(YES_NO_KK, YES_NO_RU)),
    Term(
        "hiv",
        "eligibility",
        _d("АИТВ-мен өмір сүретін әйелдерді қабылдайды", "Принимают женщин, живущих с ВИЧ"),
        _d(YES_NO_KK, YES_NO_RU),
    ),
    Term(
        "mental_disorders",
        "eligibility",
        _d("Психикалық бұзылысы бар адамдарды қабылдайды", "Принимают людей с психическими расстройствами"),
        _d(YES_NO_KK, YES_NO_RU),
    ),
    Term(
        "police_report_required",
        "eligibility",
        _d("Алдымен полицияға арыз беру керек", "Сначала нужно заявление в полицию"),
        _d(YES_NO_KK, YES_NO_RU),
    ),
    Term("referral_required", "eligibility", _d("Жолдама керек", "Нужно направление"), _d(YES_NO_KK, YES_NO_RU)),
    Term(
        "stay_min",
        "stay",
        _d("Ең қысқа тұру мерзімі", "Минимальный срок проживания"),
        _d(DUR_KK + " Тек баспаналарда.", DUR_RU + " Только у приютов."),
    ),
    Term(
        "stay_max",
        "stay",
        _d("Ең ұзақ тұру мерзімі", "Максимальный срок проживания"),
        _d(DUR_KK + " Тек баспаналарда.", DUR_RU + " Только у приютов."),
    ),
    Term(
        "stay_exceptional_max",
        "stay",
        _d("Ерекше жағдайдағы ең ұзақ мерзім", "Максимальный срок в исключительных случаях"),
        _d(DUR_KK + " Жазбада айтылса ғана.", DUR_RU + " Только если сказано в записи."),
    ),
    Term(
        "stay_notes",
        "stay",
        _d("Тұру мерзімі туралы ескертпе", "Примечание о сроке проживания"),
        _d("Мәні: осы тілдегі мәтін.", "Значение: текст на языке этого файла."),
    ),
    Term(
        "places",
        "capacity",
        _d("Орын саны", "Число мест"),
        _d("Мәні: бүтін сан немесе unknown. Тек баспаналарда.", "Значение: целое число или unknown. Только у приютов."),
    ),
    Term(
        "fee",
        "cost",
        _d("Ақысы", "Стоимость"),
        _d(
            "Мәні: free, paid немесе unknown. free болса, cost_options ішінде 0 KZT нұсқасы бар.",
            "Значение: free, paid или unknown. Для free в cost_options есть вариант 0 KZT.",
        ),
    ),
    Term(
        "hours",
        "hours",
        _d("Жұмыс уақыты", "Часы работы"),
        _d(
            "Мәні: 24/7, schedule (кестесі schedules ішінде) немесе unknown (schedules бос).",
            "Значение: 24/7, schedule (расписание в schedules) или unknown (schedules пуст).",
        ),
    ),
    Term(
        "languages",
        "languages",
        _d("Қызмет көрсету тілдері", "Языки обслуживания"),
        _d(
            "Мәні: үтірмен бөлінген тіл кодтары (kk,ru) немесе unknown (languages бос).",
            "Значение: коды языков через запятую (kk,ru) или unknown (languages пуст).",
        ),
    ),
    Term(
        "funding",
        "funding",
        _d("Қаржыландыру", "Финансирование"),
        _d(
            "Мәні: үтірмен бөлінген кілттер (state, ngo, religious, donors, grants) немесе unknown.",
            "Значение: ключи через запятую (state, ngo, religious, donors, grants) или unknown.",
        ),
    ),
    Term(
        "verification",
        "verification",
        _d("Ұйыммен расталуы", "Подтверждение организацией"),
        _d(
            "Мәні: verified (ұйым растаған) немесе not_verified (тек ашық дереккөздерден).",
            "Значение: verified (подтвердила организация) или not_verified (только открытые источники).",
        ),
    ),
    Term(
        "last_checked",
        "verification",
        _d("Дереккөздер соңғы рет тексерілген күн", "Дата последней проверки источников"),
        _d("Мәні: YYYY-MM-DD; assured_date өрісінде де бар.", "Значение: YYYY-MM-DD; есть и в assured_date."),
    ),
    Term(
        "phone_channel",
        "phone_type",
        _d("Байланыс арнасы", "Канал связи"),
        _d(
            "Телефонның атрибуты. Мәні: voice, text, whatsapp немесе telegram. HSDS phone.type тек voice пен text үшін "
            "толтырылады (RFC 6350 тізімі).",
            "Атрибут телефона. Значение: voice, text, whatsapp или telegram. Поле HSDS phone.type заполнено только "
            "для voice и text (список RFC 6350).",
        ),
        link_entity="phone",
    ),
    # Issue 17: each channel's own hours, cost, source and who hears.
    Term(
        "channel_hours",
        "hours",
        _d("Арнаның жұмыс уақыты", "Часы работы канала"),
        _d(
            "Телефонның атрибуты. Мәні: 24/7, unknown немесе кезеңдер («mon,tue 09:00-18:00; sat 10:00-14:00», "
            "Asia/Almaty, UTC+5). Жазбаның уақытынан өзгеше болса, кестесі schedules ішінде де бар.",
            "Атрибут телефона. Значение: 24/7, unknown или периоды («mon,tue 09:00-18:00; sat 10:00-14:00», "
            "Asia/Almaty, UTC+5). Если отличается от часов записи, расписание есть и в schedules.",
        ),
        link_entity="phone",
    ),
    Term(
        "channel_cost",
        "cost",
        _d("Арна арқылы байланыс құны", "Стоимость связи по каналу"),
        _d(
            "Мәні: free, operator (оператор тарифі) немесе unknown.",
            "Значение: free, operator (тариф оператора) или unknown.",
        ),
        link_entity="phone",
    ),
    Term(
        "channel_source",
        "source",
        _d("Арнаның дереккөзі", "Источник канала"),
        _d(
            "Мәні: дереккөздің url-і не атауы (centres.json) немесе unknown.",
            "Значение: url или название источника (centres.json) или unknown.",
        ),
        link_entity="phone",
    ),
    Term(
        "anonymous",
        "privacy",
        _d("Аты-жөнін айтпауға бола ма", "Можно ли не называть себя"),
        _d(YES_NO_KK + " Дереккөзі centres.json ішінде.", YES_NO_RU + " Источник — в centres.json."),
        link_entity="phone",
    ),
    Term(
        "recorded",
        "privacy",
        _d("Әңгіме жазыла ма", "Записывается ли разговор"),
        _d(YES_NO_KK + " Дереккөзі centres.json ішінде.", YES_NO_RU + " Источник — в centres.json."),
        link_entity="phone",
    ),
    Term(
        "may_inform_police",
        "privacy",
        _d("Полицияға не қамқоршылыққа хабарлай ма", "Может ли сообщить в полицию или опеку"),
        _d(YES_NO_KK + " Дереккөзі centres.json ішінде.", YES_NO_RU + " Источник — в centres.json."),
        link_entity="phone",
    ),
    Term(
        "schedule_channel",
        "channel",
        _d("Кесте қай арнаныкі", "Чьё это расписание"),
        _d(
            "Кестенің атрибуты: арнаның түрі мен нөмірі не мекенжайы (мысалы «whatsapp +7 701 123 4567»).",
            "Атрибут расписания: вид канала и его номер или адрес (например, «whatsapp +7 701 123 4567»).",
        ),
        link_entity="schedule",
    ),
    Term(
        "contact_channel",
        "channel",
        _d("Телефоннан басқа байланыс арнасы", "Канал связи, кроме телефона"),
        _d(
            "Мәні: түрі мен мекенжайы — «telegram @name», «web https://…», «email a@b.kz» немесе «in_person» "
            "(жарияланған кеңсе мекенжайы). Толығы centres.json ішінде.",
            "Значение: вид и адрес — «telegram @name», «web https://…», «email a@b.kz» или «in_person» "
            "(опубликованный адрес офиса). Полностью — в centres.json.",
        ),
    ),
]
TERM = {term.code: term for term in TERMS}

# How each field of a listing appears in HSDS, for the Data page.
MAPPING: list[tuple[str, str, dict[str, str]]] = [
    ("id", "attributes: listing_id", _d("Сондай-ақ барлық UUID осыдан шығады.", "Из него же выводятся все UUID.")),
    ("name, alternate_name, description", "service.name, alternate_name, description", _d("", "")),
    ("organization", "organization.name", _d("Әр жазбаның өз ұйымы бар.", "У каждой записи своя организация.")),
    ("kind", "attributes: kind", _d("", "")),
    (
        "status",
        "service.status, alert; attributes: directory_status",
        _d(
            "active → active, suspended → temporarily closed, closed → defunct, unknown → active + alert.",
            "active → active, suspended → temporarily closed, closed → defunct, unknown → active + alert.",
        ),
    ),
    (
        "location (region, city)",
        "service_at_locations[].location, organization.locations",
        _d(
            "Тек қала мен өңір: address_1 бос, postal_code бос, country = KZ, latitude/longitude жоқ.",
            "Только город и регион: address_1 пуст, postal_code пуст, country = KZ, latitude/longitude нет.",
        ),
    ),
    (
        "location.address",
        "location.addresses[].address_1",
        _d(
            "Тек баспанасы жоқ кеңсе үшін, ұйым өзі жариялаған болса.",
            "Только для офиса без приюта, если адрес опубликовала сама организация.",
        ),
    ),
    ("scope", "service_areas", _d("local → өңір, national → Қазақстан.", "local → регион, national → Казахстан.")),
    ("services", "attributes (kz-crisis-directory-services)", _d("", "")),
    (
        "eligibility",
        "eligibility_description, minimum_age, maximum_age; attributes",
        _d("Барлық «иә/жоқ/белгісіз» фактілері атрибуттарда.", "Все факты «да/нет/неизвестно» — в атрибутах."),
    ),
    ("stay", "attributes: stay_min, stay_max, stay_exceptional_max, stay_notes", _d("", "")),
    ("places", "attributes: places", _d("", "")),
    ("cost", "fees_description, cost_options; attributes: fee", _d("", "")),
    ("hours", "schedules; attributes: hours", _d("", "")),
    (
        "contacts.channels",
        "phones (languages; attributes: phone_channel, channel_hours, channel_cost, channel_source, anonymous, "
        "recorded, may_inform_police); schedules with the attribute schedule_channel; attributes: contact_channel",
        _d("", ""),
    ),
    ("contacts.email, website", "service.email, service.url", _d("", "")),
    ("contacts.how_to_reach", "application_process", _d("", "")),
    ("languages", "languages; attributes: languages", _d("", "")),
    ("funding", "funding; attributes: funding", _d("", "")),
    ("verification", "assured_date; attributes: verification, last_checked", _d("", "")),
    ("sources, contacts.social", "—", _d("HSDS-те жоқ: centres.json ішінде.", "В HSDS нет: см. centres.json.")),
]

LANGUAGE_NAMES = {
    "kk": {
        "kk": "қазақ тілі",
        "ru": "орыс тілі",
        "en": "ағылшын тілі",
        "uz": "өзбек тілі",
        "ky": "қырғыз тілі",
        "tg": "тәжік тілі",
        "tk": "түрікмен тілі",
        "uk": "украин тілі",
        "de": "неміс тілі",
        "zh": "қытай тілі",
    },
    "ru": {
        "kk": "казахский",
        "ru": "русский",
        "en": "английский",
        "uz": "узбекский",
        "ky": "киргизский",
        "tg": "таджикский",
        "tk": "туркменский",
        "uk": "украинский",
        "de": "немецкий",
        "zh": "китайский",
    },
}

WORDS = {
    "kk": {
        "kazakhstan": "Қазақстан",
        "national_area": "Бүкіл Қазақстан бойынша (ISO 3166-1: KZ).",
        "region_area": "{region} (ISO 3166-2: {code}).",
        "org_description": "Анықтамалық жазбасындағы ұйым: {name}.",
        "town_only": "Тек қаласы мен өңірі көрсетілген; мекенжайы жарияланбаған.",
        "office": "Кеңсенің мекенжайын ұйымның өзі жариялаған.",
        "free": "Тегін",
        "schedule": "{days} {opens}–{closes} (Asia/Almaty, UTC+5)",
    },
    "ru": {
        "kazakhstan": "Казахстан",
        "national_area": "Весь Казахстан (ISO 3166-1: KZ).",
        "region_area": "{region} (ISO 3166-2: {code}).",
        "org_description": "Организация из записи справочника: {name}.",
        "town_only": "Указаны только город и регион; адрес не публикуется.",
        "office": "Адрес офиса опубликовала сама организация.",
        "free": "Бесплатно",
        "schedule": "{days} {opens}–{closes} (Asia/Almaty, UTC+5)",
    },
}


def term_id(taxonomy: dict[str, Any], code: str) -> str:
    return uid("term", taxonomy["code"], code)


def _term(code: str, name: str, description: str, taxonomy: dict[str, Any], lang: Lang) -> dict[str, Any]:
    return {
        "id": term_id(taxonomy, code),
        "code": code,
        "name": name,
        "description": description,
        "taxonomy": taxonomy["code"],
        "language": lang,
        "taxonomy_id": uid("taxonomy", taxonomy["code"]),
    }


def taxonomy_terms(catalogue: Catalogue, lang: Lang) -> list[dict[str, Any]]:
    """Every term an attribute can name: the facts, then every service kind of data/services.yaml."""
    out = [_term(t.code, t.name[lang], t.description[lang], TAXONOMY, lang) for t in TERMS]
    word = {"kk": "Көмек түрі: {}.", "ru": "Вид помощи: {}."}[lang]
    for key in sorted(catalogue.services):
        label = catalogue.services[key].label(lang)
        out.append(_term(key, label, word.format(label), SERVICES_TAXONOMY, lang))
    return out


def taxonomies(lang: Lang) -> list[dict[str, Any]]:
    return [
        {"id": uid("taxonomy", t["code"]), "name": t["name"][lang], "description": t["description"][lang]}
        for t in (TAXONOMY, SERVICES_TAXONOMY)
    ]


def fact(listing: Listing, code: str, value: object, lang: Lang, link_id: str, *id_parts: str) -> dict[str, Any]:
    term = TERM[code]
    return {
        "id": uid("attribute", listing.id, *id_parts, code),
        "link_id": link_id,
        "link_type": term.link_type,
        "link_entity": term.link_entity,
        "taxonomy_term_id": term_id(TAXONOMY, code),
        "value": _value(value),
    }


def category(listing: Listing, service: Service, lang: Lang, link_id: str) -> dict[str, Any]:
    return {
        "id": uid("attribute", listing.id, "service", service.key),
        "link_id": link_id,
        "link_type": "service_type",
        "link_entity": "service",
        "taxonomy_term_id": term_id(SERVICES_TAXONOMY, service.key),
    }


def _value(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(value: object) -> float | int | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


# ---------------------------------------------------------------- parts of a service


def phones(x: Listing, lang: Lang) -> list[dict[str, Any]]:
    """Each channel reached by a number, with its languages and, as attributes, its kind, hours,
    cost, source and who hears."""
    out = []
    numbered = [c for c in x.contacts.channels if c.number is not None]
    for i, (p, c) in enumerate(zip(x.contacts.phones, numbered, strict=True)):
        phone_id = uid("phone", x.id, str(i))
        phone: dict[str, Any] = {"id": phone_id, "number": p.display}
        if p.type in RFC6350_TYPES:
            phone["type"] = p.type
        if p.description:
            phone["description"] = p.description(lang)
        if not isinstance(c.languages, str):
            phone["languages"] = [
                {"id": uid("language", x.id, "phone", str(i), code), "phone_id": phone_id, "code": code}
                | ({"name": LANGUAGE_NAMES[lang][code]} if code in LANGUAGE_NAMES[lang] else {})
                for code in c.languages
            ]
        facts: list[tuple[str, object]] = [
            ("phone_channel", p.type),
            ("channel_hours", common.hours_text(c.hours)),
            ("channel_cost", c.cost),
            ("channel_source", c.source),
        ]
        facts += [(q, c.heard(q).answer) for q in ("anonymous", "recorded", "may_inform_police")]
        phone["attributes"] = [fact(x, code, value, lang, phone_id, "phone", str(i)) for code, value in facts]
        out.append(phone)
    return out


def _weekly(hours: object, lang: Lang, *id_parts: str) -> list[dict[str, Any]]:
    """HSDS WEEKLY schedules for "24/7" or a list of periods (dicts); none for unknown."""
    t = Words(lang)
    if hours == "24/7":
        return [
            {
                "id": uid("schedule", *id_parts, "0"),
                "freq": "WEEKLY",
                "byday": ",".join(DAYS.values()),
                "opens_at": "00:00" + UTC_OFFSET,
                "closes_at": "23:59" + UTC_OFFSET,
                "timezone": TIMEZONE,
                "description": t("hours_247"),
            }
        ]
    if not isinstance(hours, (list, tuple)):  # unknown
        return []
    out = []
    for i, period in enumerate(hours):
        opens, closes = period["opens"], period["closes"]
        days = ", ".join(t(f"day_{d}") for d in period["days"])
        out.append(
            {
                "id": uid("schedule", *id_parts, str(i)),
                "freq": "WEEKLY",
                "byday": ",".join(DAYS[d] for d in period["days"]),
                "opens_at": opens + UTC_OFFSET,
                "closes_at": ("23:59" if closes == "24:00" else closes) + UTC_OFFSET,
                "timezone": TIMEZONE,
                "description": WORDS[lang]["schedule"].format(days=days, opens=opens, closes=closes),
            }
        )
    return out


def schedules(x: Listing, lang: Lang) -> list[dict[str, Any]]:
    """The listing's hours, then each channel's own hours where they differ from the listing's,
    with an attribute naming the channel (HSDS ties a schedule to a service, not to a phone)."""
    own = common.listing_hours(x)
    out = _weekly(own, lang, x.id)
    for i, c in enumerate(x.contacts.channels):
        if c.hours_list == own:
            continue
        for schedule in _weekly(c.hours_list, lang, x.id, "channel", str(i)):
            schedule["attributes"] = [
                fact(x, "schedule_channel", f"{c.kind} {c.display}".strip(), lang, schedule["id"], schedule["id"])
            ]
            out.append(schedule)
    return out


def service_areas(x: Listing, lang: Lang) -> list[dict[str, Any]]:
    w = WORDS[lang]
    if x.region is None:
        return [{"id": uid("service_area", x.id), "name": w["kazakhstan"], "description": w["national_area"]}]
    name = x.region.name(lang)
    return [
        {
            "id": uid("service_area", x.id),
            "name": name,
            "description": w["region_area"].format(region=name, code=x.region.code),
        }
    ]


def location(x: Listing, lang: Lang) -> dict[str, Any] | None:
    """The town only: no coordinates, and a street line only for a published non-shelter office."""
    if x.city is None or x.region is None:
        return None
    office = common.office_address(x, lang) or ""
    if x.has_shelter:
        description = Words(lang)("no_address")
    else:
        description = WORDS[lang]["office"] if office else WORDS[lang]["town_only"]
    return {
        "id": uid("location", x.id),
        "location_type": "physical",
        "name": x.city.name(lang),
        "description": description,
        "addresses": [
            {
                "id": uid("address", x.id),
                "address_1": office,
                "city": x.city.name(lang),
                "state_province": x.region.name(lang),
                "postal_code": "",
                "country": "KZ",
                "address_type": "physical",
            }
        ],
    }


def languages(x: Listing, lang: Lang) -> list[dict[str, Any]]:
    if isinstance(x.languages, str):
        return []
    return [
        {"id": uid("language", x.id, code), "name": LANGUAGE_NAMES[lang][code], "code": code} for code in x.languages
    ]


def funding(x: Listing, lang: Lang) -> list[dict[str, Any]]:
    if isinstance(x.funding, str):
        return []
    t = Words(lang)
    return [{"id": uid("funding", x.id, key), "source": t(f"fund_{key}")} for key in x.funding]


def cost_options(x: Listing, lang: Lang) -> list[dict[str, Any]]:
    if x.fee != "free":
        return []
    return [{"id": uid("cost_option", x.id), "option": WORDS[lang]["free"], "currency": "KZT", "amount": 0}]


def fees_description(x: Listing, lang: Lang) -> str:
    t = Words(lang)
    word = t("unknown") if x.fee == "unknown" else t(f"fee_{x.fee}")
    text = word[:1].upper() + word[1:] + "."
    return f"{text} {x.cost_notes(lang)}" if x.cost_notes else text


def eligibility_description(x: Listing, lang: Lang) -> str:
    """The site's own words for who is accepted, then the listing's notes."""
    t, e = Words(lang), x.eligibility

    def yes_no(v: str) -> str:
        return t(v) if v in ("yes", "no") else t("unknown")

    gender = t(f"gender_{e.gender}") if e.gender != "unknown" else t("unknown")
    parts = [
        f"{t('gender')}: {gender}",
        f"{t('age')}: {age_text(x, t)}",
        f"{t('with_children')}: {yes_no(e.with_children)}",
        f"{t('pregnant')}: {yes_no(e.pregnant)}",
        f"{t('hiv')}: {yes_no(e.hiv)}",
        f"{t('mental_disorders')}: {yes_no(e.mental_disorders)}",
        f"{t('police_report_required')}: {yes_no(e.police_report_required)}",
        f"{t('referral_required')}: {yes_no(e.referral_required)}",
    ]
    text = "; ".join(parts) + "."
    return f"{text} {e.notes(lang)}" if e.notes else text


# Every fact but the stay notes is the same in both languages; render() makes them once.
Memo = dict[str, list[dict[str, Any]]]


def attributes(x: Listing, lang: Lang, service_id: str, memo: Memo | None = None) -> list[dict[str, Any]]:
    if memo is not None and x.id in memo:
        notes = term_id(TAXONOMY, "stay_notes")  # present only when the listing has stay notes
        return [
            fact(x, "stay_notes", x.stay.notes(lang), lang, service_id) if a["taxonomy_term_id"] == notes else a
            for a in memo[x.id]
        ]
    e = x.eligibility
    raw_children = x.raw["eligibility"].get("children_age_max") or {}
    facts: list[tuple[str, object]] = [
        ("listing_id", x.id),
        ("kind", x.kind),
        ("directory_status", x.status),
        ("gender", e.gender),
        ("age_min", e.age_min),
        ("age_max", e.age_max),
        ("with_children", e.with_children),
    ]
    facts += [(f"children_age_max_{k}", raw_children[k]) for k in ("boys", "girls") if k in raw_children]
    facts += [
        ("pregnant", e.pregnant),
        ("hiv", e.hiv),
        ("mental_disorders", e.mental_disorders),
        ("police_report_required", e.police_report_required),
        ("referral_required", e.referral_required),
    ]
    stay = x.raw.get("stay")
    if stay:
        facts += [(f"stay_{k}", stay[k]) for k in ("min", "max", "exceptional_max") if k in stay]
        if x.stay and x.stay.notes:
            facts.append(("stay_notes", x.stay.notes(lang)))
    if x.places is not None:
        facts.append(("places", x.places))
    facts += [
        ("fee", x.fee),
        ("hours", x.hours if isinstance(x.hours, str) else "schedule"),
        ("languages", x.languages if isinstance(x.languages, str) else ",".join(x.languages)),
        ("funding", x.funding if isinstance(x.funding, str) else ",".join(x.funding)),
        ("verification", x.verification.status),
        ("last_checked", x.verification.last_checked),
    ]
    out = [fact(x, code, v, lang, service_id) for code, v in facts]
    out += [
        fact(x, "contact_channel", f"{c.kind} {c.display}".strip(), lang, service_id, "channel", str(i))
        for i, c in enumerate(x.contacts.channels)
        if c.number is None
    ]
    out += [category(x, s, lang, service_id) for s in x.services]
    if memo is not None:
        memo[x.id] = out
    return out


# ---------------------------------------------------------------- records


def organization(x: Listing, lang: Lang) -> dict[str, Any]:
    return {
        "id": uid("organization", x.id),
        "name": x.organization(lang),
        "description": WORDS[lang]["org_description"].format(name=x.name(lang)),
    }


def service(x: Listing, lang: Lang, memo: Memo | None = None) -> dict[str, Any]:
    service_id = uid("service", x.id)
    record: dict[str, Any] = {
        "id": service_id,
        "organization_id": uid("organization", x.id),
        "name": x.name(lang),
    }
    if x.alternate_name:
        record["alternate_name"] = x.alternate_name(lang)
    record["description"] = x.description(lang)
    if x.contacts.website:
        record["url"] = x.contacts.website
    if x.contacts.email:
        record["email"] = x.contacts.email
    record["status"] = STATUS[x.status]
    if x.status != "active":
        record["alert"] = Words(lang)(f"status_{x.status}")
    if x.contacts.how_to_reach:
        record["application_process"] = x.contacts.how_to_reach(lang)
    record["fees_description"] = fees_description(x, lang)
    record["eligibility_description"] = eligibility_description(x, lang)
    if (low := _number(x.eligibility.age_min)) is not None:
        record["minimum_age"] = low
    if (high := _number(x.eligibility.age_max)) is not None:
        record["maximum_age"] = high
    record["assured_date"] = x.verification.last_checked
    record["phones"] = phones(x, lang)
    record["schedules"] = schedules(x, lang)
    record["service_areas"] = service_areas(x, lang)
    place = location(x, lang)
    record["service_at_locations"] = (
        [{"id": uid("service_at_location", x.id), "location": place}] if place is not None else []
    )
    record["languages"] = languages(x, lang)
    record["funding"] = funding(x, lang)
    record["cost_options"] = cost_options(x, lang)
    record["attributes"] = attributes(x, lang, service_id, memo)
    record["organization"] = organization(x, lang)
    return record


def organization_record(x: Listing, lang: Lang) -> dict[str, Any]:
    """The organization with its location, and its service by the facts HSDS requires of it.

    HSDS 3.0's API (schema/openapi.json, GET /organizations/{id}) gives a "fully nested
    organization with service array that contains simple information which could only
    contain the service.id"; repeating the whole service from services.json would double
    the export."""
    record = organization(x, lang)
    place = location(x, lang)
    record["locations"] = [place] if place is not None else []
    record["services"] = [{"id": uid("service", x.id), "name": x.name(lang), "status": STATUS[x.status]}]
    return record


def page(contents: list[dict[str, Any]]) -> dict[str, Any]:
    """All records in one HSDS API 'Page' (API Reference, Lists)."""
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }


def paths(lang: Lang) -> dict[str, str]:
    return {
        kind: f"{common.HSDS_FOLDER}/{lang}/{kind}.json"
        for kind in ("services", "organizations", "taxonomy_terms", "taxonomies")
    }


def render(catalogue: Catalogue) -> dict[str, str]:
    files: dict[str, str] = {}
    items = common.listings(catalogue)
    memo: Memo = {}
    for lang in ("kk", "ru"):
        where = paths(lang)
        files[where["services"]] = common.dump_json(page([service(x, lang, memo=memo) for x in items]), compact=True)
        files[where["organizations"]] = common.dump_json(
            page([organization_record(x, lang) for x in items]), compact=True
        )
        files[where["taxonomy_terms"]] = common.dump_json(page(taxonomy_terms(catalogue, lang)), compact=True)
        files[where["taxonomies"]] = common.dump_json(page(taxonomies(lang)), compact=True)
    return files
