"""Every field of a listing, in Kazakh and Russian, generated from the schema.

`python -m generator fields --write` puts the list into docs/kk/contribute.md
and docs/ru/contribute.md between two markers; a test fails when they differ
from the schema, so the guide can't drift from what the validator checks.
Whether a field is required, and its allowed values, come from
schema/centre.schema.json (and the services and regions from data/); only the
plain-words meaning of each field is written here, in both languages.
"""

# ruff: noqa: E501  (whole sentences in two languages read better unbroken)

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import ROOT
from generator.data.model import LANGS, Lang
from generator.data.schema_check import load_schema
from generator.data.yamlload import load_file

BEGIN = "<!-- fields:begin (made by `python -m generator fields --write` from the schema; do not edit by hand) -->"
END = "<!-- fields:end -->"

# What each field means, in plain words. The keys are the paths the schema has;
# a test checks that both sets are equal.
MEANING: dict[str, dict[Lang, str]] = {
    "id": {
        "kk": "Жазбаның кілті, файлдың атымен бірдей (`.yaml`-сыз). Кейін өзгертпеңіз: сайттағы сілтемелер соған байланысты.",
        "ru": "Ключ записи, совпадает с именем файла (без `.yaml`). Потом не меняйте: от него зависят ссылки на сайте.",
    },
    "kind": {
        "kk": "`shelter` — адамдар тұра алатын дағдарыс орталығы; `centre` — тұратын орны жоқ дағдарыс немесе кеңес орталығы; `helpline` — сенім телефоны; `emergency` — 112, 101, 102, 103, 104.",
        "ru": "`shelter` — кризисный центр, где можно жить; `centre` — кризисный или консультационный центр без проживания; `helpline` — телефон доверия; `emergency` — 112, 101, 102, 103, 104.",
    },
    "status": {
        "kk": "Қазір жұмыс істей ме: `active` — иә; `suspended` — уақытша тоқтады; `closed` — жабылды; `unknown` — дереккөздер бұл туралы айтпайды.",
        "ru": "Работает ли сейчас: `active` — да; `suspended` — временно нет; `closed` — закрыт; `unknown` — источники об этом не говорят.",
    },
    "name": {
        "kk": "Атауы. Қазақша атауы жарияланбаса, екеуіне де орысша атауын жазып, мұны дереккөздің `supports` өрісінде айтыңыз.",
        "ru": "Название. Если казахское название не опубликовано, напишите в обоих русское и скажите об этом в `supports` источника.",
    },
    "alternate_name": {
        "kk": "Адамдар білетін басқа атауы.",
        "ru": "Другое название, под которым его знают.",
    },
    "organization": {
        "kk": "Орталықты ұстайтын ұйым.",
        "ru": "Организация, которая им руководит.",
    },
    "description": {
        "kk": "Не істейтіні: дағдарыстағы адам түсінетін бір-екі қарапайым сөйлем.",
        "ru": "Чем помогает: одно-два простых предложения, понятных человеку в кризисе.",
    },
    "scope": {
        "kk": "`local` — бір қала немесе өңір (сонда `location` керек); `national` — бүкіл Қазақстанға арналған желі немесе қызмет.",
        "ru": "`local` — один город или регион (тогда нужен `location`); `national` — линия или служба для всего Казахстана.",
    },
    "location": {
        "kk": "Қай қалада. Тек қала: ешқашан көше, үй, бағдар немесе картадағы нүкте емес.",
        "ru": "В каком городе. Только город: никогда не улица, дом, ориентир или точка на карте.",
    },
    "location.region": {"kk": "Өңірдің коды.", "ru": "Код региона."},
    "location.city": {
        "kk": "Қала. Тізімде жоқ болса, алдымен `data/cities.yaml` файлына қосыңыз (атаулары және қала орталығының координаттары).",
        "ru": "Город. Если его нет в списке, сначала добавьте его в `data/cities.yaml` (названия и координаты центра города).",
    },
    "location.address": {
        "kk": "Тек ешкім тұрмайтын кеңсенің мекенжайы және оны ұйымның өзі жариялаған болса ғана: `kk`, `ru` және `source`. Баспанаға ЕШҚАШАН жазылмайды.",
        "ru": "Только адрес офиса, где никто не живёт, и только если его публикует сама организация: `kk`, `ru` и `source`. У приюта — НИКОГДА.",
    },
    "location.address.source": {
        "kk": "Ұйымның өзі осы мекенжайды жариялаған бет.",
        "ru": "Страница, где сама организация публикует этот адрес.",
    },
    "services": {"kk": "Көрсететін көмегі.", "ru": "Какую помощь оказывает."},
    "eligibility": {
        "kk": "Кімді қабылдайды. Әр сұраққа дереккөз бойынша жауап беріңіз; дереккөз айтпаса — `unknown`.",
        "ru": "Кого принимает. На каждый вопрос отвечайте по источнику; если источник не говорит — `unknown`.",
    },
    "eligibility.gender": {
        "kk": "Кімге: `women` — әйелдерге, `men` — ерлерге, `any` — барлығына.",
        "ru": "Для кого: `women` — для женщин, `men` — для мужчин, `any` — для всех.",
    },
    "eligibility.age_min": {"kk": "Қабылдайтын ең кіші жас.", "ru": "С какого возраста принимает."},
    "eligibility.age_max": {"kk": "Қабылдайтын ең үлкен жас.", "ru": "До какого возраста принимает."},
    "eligibility.with_children": {
        "kk": "Әйелді балаларымен бірге қабылдай ма?",
        "ru": "Принимает ли женщину вместе с детьми?",
    },
    "eligibility.children_age_max": {
        "kk": "Балалар анасымен бірге қай жасқа дейін тұра алады: `boys` және `girls`.",
        "ru": "До какого возраста дети могут жить с мамой: `boys` и `girls`.",
    },
    "eligibility.children_age_max.boys": {"kk": "Ұл балалар.", "ru": "Мальчики."},
    "eligibility.children_age_max.girls": {"kk": "Қыз балалар.", "ru": "Девочки."},
    "eligibility.children_age_max.inclusive": {
        "kk": "Сол жастың өзі кіре ме: yes — «11 жасқа дейін қоса алғанда», no — «11 жастан кіші», unknown — дереккөз айтпайды.",
        "ru": "Включается ли сам этот возраст: yes — «до 11 лет включительно», no — «младше 11 лет», unknown — источник не уточняет («до 11 лет»).",
    },
    "eligibility.pregnant": {"kk": "Жүкті әйелдерді қабылдай ма?", "ru": "Принимает ли беременных?"},
    "eligibility.hiv": {
        "kk": "АИТВ-мен өмір сүретін әйелдерді қабылдай ма?",
        "ru": "Принимает ли женщин, живущих с ВИЧ?",
    },
    "eligibility.mental_disorders": {
        "kk": "Психикалық бұзылыстары бар адамдарды қабылдай ма?",
        "ru": "Принимает ли людей с психическими расстройствами?",
    },
    "eligibility.police_report_required": {
        "kk": "Алдымен полицияға арыз беру керек пе?",
        "ru": "Нужно ли сначала подать заявление в полицию?",
    },
    "eligibility.referral_required": {
        "kk": "Басқа қызметтің жолдамасы керек пе?",
        "ru": "Нужно ли направление от другой службы?",
    },
    "eligibility.notes": {"kk": "Дереккөз айтатын басқа шарттар.", "ru": "Другие условия, о которых говорит источник."},
    "stay": {"kk": "Қанша уақыт тұруға болады.", "ru": "Сколько можно жить."},
    "stay.min": {"kk": "Ең қысқа мерзім.", "ru": "Самый короткий срок."},
    "stay.max": {"kk": "Ең ұзақ мерзім.", "ru": "Самый долгий срок."},
    "stay.exceptional_max": {
        "kk": "Ерекше жағдайдағы ең ұзақ мерзім.",
        "ru": "Самый долгий срок в исключительных случаях.",
    },
    "stay.notes": {"kk": "Тұру туралы басқа мәлімет.", "ru": "Другие сведения о проживании."},
    "cost": {"kk": "Құны.", "ru": "Стоимость."},
    "cost.fee": {"kk": "`free` — тегін, `paid` — ақылы.", "ru": "`free` — бесплатно, `paid` — платно."},
    "cost.notes": {"kk": "Құны туралы толығырақ.", "ru": "Подробнее о стоимости."},
    "places": {"kk": "Орын (төсек) саны.", "ru": "Число мест (коек)."},
    "hours": {
        "kk": "Жұмыс уақыты, Астана уақытымен (UTC+5): `24/7`, `unknown` немесе кезеңдер тізімі (`days`, `opens`, `closes`).",
        "ru": "Часы работы по времени Астаны (UTC+5): `24/7`, `unknown` или список периодов (`days`, `opens`, `closes`).",
    },
    "hours[].days": {"kk": "Апта күндері.", "ru": "Дни недели."},
    "hours[].opens": {"kk": "Ашылатын уақыты.", "ru": "Время открытия."},
    "hours[].closes": {"kk": "Жабылатын уақыты.", "ru": "Время закрытия."},
    "contacts": {"kk": "Байланыс.", "ru": "Контакты."},
    "contacts.phones": {
        "kk": "Телефондар. Жарияланған нөмір болмаса — бос тізім `[]` және `how_to_reach`.",
        "ru": "Телефоны. Если номер не опубликован — пустой список `[]` и `how_to_reach`.",
    },
    "contacts.phones[].number": {
        "kk": 'Нөмір тырнақшада: `"150"` немесе `"+7 727 123 45 67"`.',
        "ru": 'Номер в кавычках: `"150"` или `"+7 727 123 45 67"`.',
    },
    "contacts.phones[].type": {
        "kk": "`voice` — қоңырау, `text` — SMS, `whatsapp`, `telegram`.",
        "ru": "`voice` — звонок, `text` — SMS, `whatsapp`, `telegram`.",
    },
    "contacts.phones[].description": {
        "kk": "Нөмір туралы түсінік, мысалы кімге арналғаны.",
        "ru": "Пояснение к номеру, например, для кого он.",
    },
    "contacts.email": {"kk": "Электрондық пошта.", "ru": "Электронная почта."},
    "contacts.website": {"kk": "Ұйымның сайты.", "ru": "Сайт организации."},
    "contacts.social": {"kk": "Әлеуметтік желілердегі беттері.", "ru": "Страницы в социальных сетях."},
    "contacts.how_to_reach": {
        "kk": "Жарияланған телефоны болмаса: оларға қалай жетуге болады (мысалы, 150 ұлттық желісі арқылы). Телефон да, бұл өріс те болмаса, тексеру қате береді.",
        "ru": "Если телефона нет: как с ними связаться (например, через национальную линию 150). Если нет ни телефона, ни этого поля, проверка выдаст ошибку.",
    },
    "languages": {"kk": "Қай тілдерде сөйлейді.", "ru": "На каких языках говорят."},
    "funding": {
        "kk": "Қаржыландыру: `state` — мемлекет, `ngo` — ҮЕҰ, `religious` — діни ұйым, `donors` — демеушілер, `grants` — гранттар.",
        "ru": "Финансирование: `state` — государство, `ngo` — НКО, `religious` — религиозная организация, `donors` — жертвователи, `grants` — гранты.",
    },
    "sources": {
        "kk": "Әр мәліметтің дереккөзі, кемінде біреу (төменде «Қандай дереккөздер керек» бөлімін қараңыз).",
        "ru": "Источник каждого сведения, хотя бы один (см. ниже раздел «Какие источники нужны»).",
    },
    "sources[].title": {"kk": "Беттің немесе құжаттың атауы.", "ru": "Название страницы или документа."},
    "sources[].url": {"kk": "Беттің сілтемесі.", "ru": "Ссылка на страницу."},
    "sources[].document": {
        "kk": "Баспа немесе офлайн дереккөз: авторы, атауы және қайда жарияланғаны.",
        "ru": "Печатный или офлайн-источник: автор, название и где опубликован.",
    },
    "sources[].publisher": {
        "kk": "Кім жариялаған, оқырман білетіндей (міндетті емес): жазылмаса, оқырман сілтемедегі сайттың атын көреді.",
        "ru": "Кто опубликовал, как его знает читатель (необязательно): без него читатель видит имя сайта из ссылки.",
    },
    "sources[].date": {"kk": "Дереккөздің жарияланған күні.", "ru": "Когда источник опубликован."},
    "sources[].supports": {
        "kk": "Бұл дереккөз жазбаның қай мәліметтерін растайды, бірнеше сөзбен.",
        "ru": "Какие сведения записи подтверждает этот источник, в нескольких словах.",
    },
    "verification": {
        "kk": "Жазбаны ұйымның өзімен растады ма (төменде «Растау қалай жүреді» бөлімін қараңыз).",
        "ru": "Подтверждена ли запись у самой организации (см. ниже раздел «Как работает подтверждение»).",
    },
    "verification.status": {
        "kk": "`not_verified` — әлі расталмаған; `verified` — ұйымның өзі растады (мұны тек жобаны жүргізуші қояды).",
        "ru": "`not_verified` — ещё не подтверждена; `verified` — подтвердила сама организация (ставит только сопровождающий).",
    },
    "verification.last_checked": {
        "kk": "Дереккөздерді соңғы рет тексерген күн. 12 айдан асса, сайт «ескірген болуы мүмкін» деп жазады.",
        "ru": "Когда источники проверяли в последний раз. Если прошло больше 12 месяцев, сайт пишет, что сведения могли устареть.",
    },
    "verification.verified_on": {"kk": "Ұйым жазбаны растаған күн.", "ru": "Когда организация подтвердила запись."},
    "verification.verified_by": {
        "kk": "Кім растады: ұйым немесе оларға хабарласқан жүргізуші.",
        "ru": "Кто подтвердил: организация или сопровождающий, который с ней связался.",
    },
}

WORDS: dict[Lang, dict[str, str]] = {
    "kk": {
        "required": "міндетті",
        "optional": "міндетті емес",
        "required_if": "{cond} болса, міндетті",
        "absent_unless": "әйтпесе жазылмайды",
        "never_if": "{cond} болса, ешқашан",
        "one_of": "`url` немесе `document` — біреуі міндетті",
        "values": "Жазылуы",
        "list": "тізім",
        "or": "немесе",
        "text": "мәтін, `kk` (қазақша) және `ru` (орысша)",
        "plain_text": "мәтін",
        "age": "жас, жылмен (0–120; мысалы `18` немесе `1.5`), `none` (шек жоқ)",
        "duration": "сан және бірлік (`hours`, `days`, `weeks`, `months`, `years`), мысалы `6 months`",
        "clock": 'уақыт тырнақшада, мысалы `"09:00"`',
        "date": "күні `YYYY-MM-DD`",
        "partial_date": "`YYYY-MM-DD`, `YYYY-MM`, `YYYY`",
        "url": "толық сілтеме `https://…`",
        "email": "пошта мекенжайы, мысалы `info@example.kz`",
        "id": "кіші латын әріптері, сандар және сызықша, мысалы `almaty-dom-dlya-mamy`",
        "phone": "нөмір тырнақшада",
        "integer": "бүтін сан ({min}–{max})",
        "city": "`data/cities.yaml` файлындағы кілт, мысалы `almaty`",
        "section": "бөлім",
        "list_of_sections": "тізім, әр элементінде",
    },
    "ru": {
        "required": "обязательно",
        "optional": "необязательно",
        "required_if": "обязательно, если {cond}",
        "absent_unless": "иначе не пишется",
        "never_if": "никогда, если {cond}",
        "one_of": "нужно одно из двух: `url` или `document`",
        "values": "Как писать",
        "list": "список",
        "or": "или",
        "text": "текст на `kk` (казахском) и `ru` (русском)",
        "plain_text": "текст",
        "age": "возраст в годах (0–120; например `18` или `1.5`), `none` (без ограничения)",
        "duration": "число и единица (`hours`, `days`, `weeks`, `months`, `years`), например `6 months`",
        "clock": 'время в кавычках, например `"09:00"`',
        "date": "дата `YYYY-MM-DD`",
        "partial_date": "`YYYY-MM-DD`, `YYYY-MM`, `YYYY`",
        "url": "полная ссылка `https://…`",
        "email": "адрес почты, например `info@example.kz`",
        "id": "маленькие латинские буквы, цифры и дефисы, например `almaty-dom-dlya-mamy`",
        "phone": "номер в кавычках",
        "integer": "целое число ({min}–{max})",
        "city": "ключ из файла `data/cities.yaml`, например `almaty`",
        "section": "раздел",
        "list_of_sections": "список, в каждом элементе",
    },
}

_TEXT_DEFS = {"text", "long_text"}


@dataclass(frozen=True)
class Field:
    path: str  # "eligibility.gender", "sources[].url"
    key: str
    depth: int
    node: dict[str, Any]


def _def_name(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref", "")
    return ref.rsplit("/", 1)[1] if ref.startswith("#/$defs/") else None


def _deref(node: dict[str, Any]) -> dict[str, Any]:
    name = _def_name(node)
    return load_schema()["$defs"][name] if name else node


def _is_text(node: dict[str, Any]) -> bool:
    return _def_name(node) in _TEXT_DEFS


def _object_of(node: dict[str, Any]) -> tuple[dict[str, Any] | None, bool]:
    """(object schema with properties, is it a list of them) behind a field, or (None, False)."""
    node = _deref(node)
    if "properties" in node:
        return node, False
    for alternative in [node, *node.get("oneOf", []), *node.get("anyOf", [])]:
        items = alternative.get("items")
        if isinstance(items, dict) and "properties" in _deref(items):
            return _deref(items), True
    return None, False


def fields(node: dict[str, Any] | None = None, prefix: str = "", depth: int = 0) -> Iterator[Field]:
    """Every documented field, in the schema's order. Text (kk + ru) is one field."""
    node = node or load_schema()
    for key, sub in node.get("properties", {}).items():
        if depth and key in ("kk", "ru"):
            continue
        path = f"{prefix}{key}"
        yield Field(path, key, depth, sub)
        if _is_text(sub):
            continue
        obj, many = _object_of(sub)
        if obj is not None:
            yield from fields(obj, f"{path}[]." if many else f"{path}.", depth + 1)


# ---------------------------------------------------------------- required or optional


def _conditions() -> dict[str, list[tuple[str, str, str]]]:
    """path -> [(rule, field, value)] from the schema's if/then/else rules."""
    found: dict[str, list[tuple[str, str, str]]] = {}

    def walk(node: Any, prefix: str) -> None:
        if not isinstance(node, dict):
            return
        rules = [node, *node.get("allOf", [])]
        for rule in rules:
            cond = rule.get("if", {}).get("properties", {})
            if len(cond) == 1:
                ((field, test),) = cond.items()
                value = str(test.get("const"))
                then, otherwise = rule.get("then", {}), rule.get("else", {})
                for name in then.get("required", []):
                    found.setdefault(prefix + name, []).append(("required_if", field, value))
                # "absent unless local" is written either as the else of "required if local"
                # or as "absent if national" (scope has those two values): said the same way.
                for name in [*otherwise.get("not", {}).get("required", []), *then.get("not", {}).get("required", [])]:
                    found.setdefault(prefix + name, []).append(("absent_unless", field, value))
                for name, sub in then.get("properties", {}).items():
                    for inner in sub.get("not", {}).get("required", []):
                        found.setdefault(f"{prefix}{name}.{inner}", []).append(("never_if", field, value))
        for key, sub in node.get("properties", {}).items():
            obj, many = _object_of(sub) if isinstance(sub, dict) else (None, False)
            if obj is not None:
                walk(obj, f"{prefix}{key}[]." if many else f"{prefix}{key}.")

    walk(load_schema(), "")
    return found


def _required_sets() -> dict[str, set[str]]:
    """prefix -> required keys, and which keys are 'one of' (anyOf of required)."""
    out: dict[str, set[str]] = {}

    def walk(node: dict[str, Any], prefix: str) -> None:
        out[prefix] = set(node.get("required", []))
        out[prefix + "#one_of"] = {k for alt in node.get("anyOf", []) for k in alt.get("required", [])}
        for key, sub in node.get("properties", {}).items():
            obj, many = _object_of(sub)
            if obj is not None and not _is_text(sub):
                walk(obj, f"{prefix}{key}[]." if many else f"{prefix}{key}.")

    walk(load_schema(), "")
    return out


def need(field: Field, lang: Lang) -> str:
    w = WORDS[lang]
    prefix = field.path[: len(field.path) - len(field.key)]
    sets = _required_sets()
    if field.key in sets.get(prefix, set()):
        return w["required"]
    if field.key in sets.get(prefix + "#one_of", set()):
        return w["one_of"]
    rules = _conditions().get(field.path, [])
    parts = []
    for rule, name, value in rules:
        cond = f"`{name}: {value}`"
        parts.append(w[rule].format(cond=cond) if rule != "absent_unless" else w[rule])
    if any(r == "never_if" for r, _, _ in rules):
        return w["optional"] + "; " + "; ".join(parts)
    return "; ".join(parts) if parts else w["optional"]


# ---------------------------------------------------------------- allowed values


def _code(values: list[Any]) -> str:
    return ", ".join(f"`{v}`" for v in values)


def values(field: Field, lang: Lang, data_dir: Path) -> str:
    w = WORDS[lang]
    path = field.path
    if path == "location.region":
        regions = (_load(data_dir / "regions.yaml").get("regions")) or {}
        return ", ".join(f"`{code}` ({names[lang]})" for code, names in regions.items())
    if path == "services":
        services = _load(data_dir / "services.yaml")
        return f"{w['list']} — " + ", ".join(f"`{key}` ({s[lang]})" for key, s in services.items())
    if path == "location.city":
        return w["city"]
    if path == "id":
        return w["id"]
    if path == "contacts.phones[].number":
        return w["phone"]
    if path == "contacts.email":
        return w["email"]
    return _describe(field.node, lang)


def _describe(node: dict[str, Any], lang: Lang) -> str:
    w = WORDS[lang]
    name = _def_name(node)
    if name in _TEXT_DEFS:
        return w["text"]
    if name in ("age", "duration", "clock", "date", "url"):
        extra = ", `unknown`" if name in ("age", "duration") else ""
        return w[name] + extra
    if name == "partial_date":
        return f"{w['partial_date']} {w['or']} `unknown`"
    if name == "nonempty":
        return w["plain_text"]
    node = _deref(node)
    if "enum" in node:
        return _code(node["enum"])
    if "const" in node:
        return f"`{node['const']}`"
    if "oneOf" in node or "anyOf" in node:
        return f" {w['or']} ".join(_describe(alt, lang) for alt in node.get("oneOf", node.get("anyOf", [])))
    kind = node.get("type")
    if kind == "integer":
        return w["integer"].format(min=node.get("minimum", 0), max=node.get("maximum", "…"))
    if kind == "array":
        items = node.get("items", {})
        if "properties" in _deref(items):
            return w["list_of_sections"]
        return f"{w['list']} — {_describe(items, lang)}"
    if kind == "object" or "properties" in node:
        return w["section"]
    if kind == "string":
        return w["url"] if str(node.get("pattern", "")).startswith("^https?://") else w["plain_text"]
    return ""


def _load(path: Path) -> dict[str, Any]:
    """A reference file (regions, services) read as the validator reads it, or {}."""
    if not path.is_file():
        return {}
    loaded = load_file(path, max_bytes=1024 * 1024)
    return loaded.data if loaded.ok and isinstance(loaded.data, dict) else {}


# ---------------------------------------------------------------- the list


def reference(lang: Lang, data_dir: Path = ROOT / "data") -> str:
    """The Markdown list of every field, for one language."""
    lines = []
    for field in fields():
        indent = "    " * field.depth
        meaning = MEANING[field.path][lang]
        allowed = values(field, lang, data_dir)
        text = f"{indent}- **`{field.key}`** — *{need(field, lang)}*. {meaning}"
        if allowed and allowed != WORDS[lang]["section"]:
            text += f" {WORDS[lang]['values']}: {allowed}"
            text += ":" if allowed.endswith(WORDS[lang]["list_of_sections"]) else "."
        lines.append(re.sub(r"\.\.$", ".", text))
    return "\n".join(lines) + "\n"


def replace_block(document: str, block: str) -> str:
    start, end = document.find(BEGIN), document.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the markers {BEGIN!r} and {END!r} are missing")
    return document[: start + len(BEGIN)] + "\n\n" + block + "\n" + document[end:]


def docs_path(lang: Lang) -> Path:
    return ROOT / "docs" / lang / "contribute.md"


# ---------------------------------------------------------------- command line


def register(sub: argparse._SubParsersAction, default_data: Path) -> None:
    parser = sub.add_parser(
        "fields",
        help="the list of every listing field in kk and ru, from the schema (for the contributor guide)",
    )
    parser.add_argument("--data", type=Path, default=default_data, help="data folder (default: data/)")
    parser.add_argument("--lang", choices=LANGS, default="kk")
    parser.add_argument("--write", action="store_true", help="update docs/kk/contribute.md and docs/ru/contribute.md")
    parser.add_argument("--check", action="store_true", help="exit 1 if the guide is not up to date")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not (args.write or args.check):
        print(reference(args.lang, args.data), end="")
        return 0
    stale = []
    for lang in LANGS:
        path = docs_path(lang)
        current = path.read_text(encoding="utf-8")
        try:
            wanted = replace_block(current, reference(lang, args.data))
        except ValueError as exc:
            print(f"error: {path}: {exc}", file=sys.stderr)
            return 2
        if wanted != current:
            stale.append(path)
            if args.write:
                path.write_text(wanted, encoding="utf-8")
    for path in stale:
        print(f"{path.relative_to(ROOT)}: {'updated' if args.write else 'out of date'}", file=sys.stderr)
    return 1 if stale and args.check else 0
