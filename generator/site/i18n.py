"""The words of generated pages, in Kazakh and Russian.

Every string a generated page shows lives here, in both languages; a test
checks that both have the same keys, so a page can never fall back silently.
"""

from __future__ import annotations

from typing import Any

from generator.data.model import Lang


def ru_plural_form(n: float) -> int:
    """Which Russian form goes with the number n: 0 for "1 центр" (also 21, 101), 1 for "2 центра"
    (2-4, 22-24), 2 for "5 центров" (5-20, 25-30, 0, 11-14). A fraction takes form 1 ("1,5 центра").
    CLDR's rules for Russian, as Babel and ICU apply them."""
    if not float(n).is_integer():
        return 1
    k = abs(int(n))
    if k % 10 == 1 and k % 100 != 11:
        return 0
    if 2 <= k % 10 <= 4 and not 12 <= k % 100 <= 14:
        return 1
    return 2


def plural(lang: Lang, n: float, forms: str) -> str:
    """One of `forms` ("центр|центра|центров" in Russian) for the number n. Kazakh nouns do not
    change after a numeral ("1 орталық", "5 орталық"): a Kazakh entry has one form."""
    choices = forms.split("|")
    if lang == "ru" and len(choices) == 3:
        return choices[ru_plural_form(n)]
    return choices[0]


# The alphabets names are sorted by, lower case. Kazakh: the 42 letters of its Cyrillic alphabet.
# Russian: its 33, with the Kazakh letters a Russian name may hold ("Область Ұлытау") each after
# the Russian letter it is read as.
ALPHABETS: dict[Lang, str] = {
    "kk": "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
    "ru": "аәбвгғдеёжзиійкқлмнңоөпрстуұүфхһцчшщъыьэюя",
}
_RANKS: dict[Lang, dict[str, int]] = {lang: {c: i for i, c in enumerate(abc)} for lang, abc in ALPHABETS.items()}
# Words that only say what kind of place a Russian name is, sorted by the name after them:
# "город Алматы" is found under А, "Область Жетісу" under Ж.
_KIND_WORDS = ("город ", "г. ", "область ")


def collation_key(text: str, lang: Lang) -> tuple:
    """The key that sorts names as a reader of `lang` looks them up: by the letters of the
    language's alphabet (not by character code, which puts Ақмола after Атырау and Ұлытау last),
    ignoring case, opening quotes and, in Russian, a leading "город"/"область". The one order of
    regions, towns and listings on every page; equal keys fall back to the text itself."""
    ranks = _RANKS[lang]
    name = text.strip().lower()
    if lang == "ru":
        for word in _KIND_WORDS:
            if name.startswith(word) and len(name) > len(word):
                name = name[len(word) :]
                break
    name = name.lstrip("«»\"'“”„‘’()[]-–— ")
    letters = []
    for char in name:
        if char in ranks:
            letters.append((2, ranks[char]))
        elif char.isdigit():
            letters.append((1, ord(char)))
        elif char.isalpha():
            letters.append((3, ord(char)))  # Latin and other scripts after Cyrillic
        else:
            letters.append((0, ord(char)))  # spaces and punctuation before any letter
    return (tuple(letters), text)


STRINGS: dict[Lang, dict[str, str]] = {
    "kk": {
        "site_name": "Дағдарыс орталықтары: көмек қайда",
        "home_title": "Көмек керек пе? Дағдарыс орталықтары және сенім телефондары",
        "home_description": "Қазақстандағы дағдарыс орталықтары, баспаналар және сенім телефондары.",
        "home_lead": "Зорлық-зомбылықтан қашқан әйелдерге, жас аналарға, жүкті қыздарға, балаларға және отбасыларға көмек. Барлық қоңырау тегін.",
        "danger_title": "Қауіп төнсе — қазір қоңырау шалыңыз",
        "danger_lead": "Бұл нөмірлер тегін және тәулік бойы жұмыс істейді.",
        "lines_title": "Сенім телефондары",
        "by_region": "Өңір бойынша көмек табу",
        "by_need": "Не керек екені бойынша көмек табу",
        "all_regions": "Барлық өңірлер",
        "all_needs": "Қажеттілік бойынша",
        "regions_title": "Өңірлер",
        "regions_description": "Қазақстанның 20 өңіріндегі дағдарыс орталықтары.",
        "needs_title": "Не керек?",
        "needs_description": "Қызмет түрі бойынша дағдарыс орталықтары мен сенім телефондары.",
        "listed": "тізімде",
        "count_listed": "Жүгінуге болатын орындар: {n}.",
        "count_open": "жүгінуге болады: {n}",
        "count_stopped": "Жабылған немесе жұмысы тоқтатылған: {n}.",
        "stopped_title": "Қазір қабылдамайды: жабылған немесе жұмысы тоқтатылған",
        "none_in_region": "Бұл өңірде әзірге тізімде орталық жоқ. Төмендегі ұлттық сенім телефондары кез келген өңірден тегін қабылдайды және жақын көмекке бағыттайды.",
        "none_for_need": "Бұл қызмет бойынша әзірге тізімде ешкім жоқ. Ұлттық сенім телефондарына хабарласыңыз.",
        "national_everywhere": "Кез келген өңірден: ұлттық телефондар",
        "official_title": "Ресми сан (2019)",
        "official_text": "2019 жылғы ресми статистика бойынша «{name}» өңірінде {centres} дағдарыс орталығы болған, оның {shelter} баспанасы бар.",
        "official_part": "Бұл өңір 2019 жылы «{name}» құрамында болған.",
        "official_listed": "Мұнда тізімде (жабылғандарсыз): {n}.",
        "official_none": "2019 жылғы кестеде бұл өңір бойынша сан жоқ.",
        "official_totals": "Кестеде басылған жиыны: {centres} {centres_word}, оның {printed} баспанасы бар; ал жолдардың қосындысы бойынша баспаналы орталықтар — {rows}.",
        "word_centre": "орталық",
        "source": "Дереккөз",
        "sources": "Дереккөздер",
        "contact": "Қалай хабарласу керек",
        "call": "Қоңырау шалу",
        "no_phone": "Ашық телефон нөмірі жарияланбаған.",
        "no_phone_card": "Нөмірі жарияланбаған: ол туралы сенім телефонынан сұраңыз",
        "reach_through": "Ұлттық сенім телефондары тегін және тәулік бойы жауап береді:",
        "email": "Электрондық пошта",
        "website": "Сайт",
        "social": "Әлеуметтік желілер",
        "where": "Қай жерде",
        "where_city": "{city}, {region}",
        "where_national": "Бүкіл Қазақстан бойынша",
        "no_address": "Қауіпсіздік үшін баспананың мекенжайы жарияланбайды. Оған телефон арқылы хабарласыңыз.",
        "no_address_no_phone": "Қауіпсіздік үшін баспананың мекенжайы жарияланбайды: оған қалай жүгінуге болатынын жоғарыдағы сенім телефондарынан сұраңыз.",
        "office_address": "Кеңсенің мекенжайы (ұйым өзі жариялаған)",
        "what": "Не істейді",
        "services": "Қызметтер",
        "who": "Кімді қабылдайды",
        "gender": "Кім",
        "gender_women": "әйелдер",
        "gender_men": "ер адамдар",
        "gender_any": "барлығы",
        "age": "Жасы",
        "age_range": "{min}–{max} жас",
        "age_from": "{min} жастан бастап",
        "age_to": "{max} жасқа дейін",
        "age_any": "шектеу жоқ",
        "with_children": "Балаларымен бірге",
        "children_age": "Балалардың жасы",
        "boys": "ұлдар",
        "girls": "қыздар",
        "up_to_years": "{n} жасқа дейін",
        "pregnant": "Жүкті әйелдер",
        "hiv": "АИТВ-мен өмір сүретін әйелдер",
        "mental_disorders": "Психикалық бұзылысы бар адамдар",
        "police_report_required": "Алдымен полицияға арыз беру керек пе",
        "referral_required": "Жолдама керек пе",
        "yes": "иә",
        "no": "жоқ",
        "unknown": "белгісіз — сұраңыз",
        "practical": "Шарттары және жұмыс уақыты",
        "stay": "Қанша уақыт тұруға болады",
        "stay_range": "{min} бастап {max} дейін",
        "stay_max": "{max} дейін",
        "stay_exceptional": "ерекше жағдайда {max} дейін",
        "cost": "Ақысы",
        "fee_free": "тегін",
        "fee_paid": "ақылы",
        "places": "Орын саны",
        "hours": "Жұмыс уақыты",
        "hours_247": "тәулік бойы, күн сайын",
        "hours_tz": "Астана уақыты (UTC+5)",
        "languages": "Тілдер",
        "funding": "Қаржыландыру",
        "kind": "Түрі",
        "kind_shelter": "Баспанасы бар дағдарыс орталығы",
        "kind_centre": "Дағдарыс орталығы (баспанасыз)",
        "kind_helpline": "Сенім телефоны",
        "kind_emergency": "Шұғыл қызмет",
        "status_suspended": "Жұмысы тоқтатылған деп хабарланған.",
        "status_closed": "Жабылған деп хабарланған.",
        "status_unknown": "Қазір жұмыс істейтіні белгісіз: баратын алдында хабарласыңыз.",
        "history": "Мәртебесі күндер бойынша (дереккөздер бойынша)",
        "history_active_first": "жұмыс істей бастаған — {date}",
        "history_active": "жұмысы қайта басталған — {date}",
        "history_suspended": "жұмысы тоқтатылған — {date}",
        "history_closed": "жабылған — {date}",
        "history_unknown": "жұмысы туралы мәлімет жоқ — {date}",
        "verified": "Ұйыммен расталған: {date}",
        "not_verified": "Ұйыммен әлі расталмаған. Мәлімет ашық дереккөздерден алынған — баратын алдында хабарласыңыз.",
        "last_checked": "Дереккөздер соңғы рет тексерілген күн: {date}",
        "stale": "Бұл мәлімет 12 айдан астам тексерілмеген: ескірген болуы мүмкін.",
        "correct": "Қате таптыңыз ба? Мәліметті түзету",
        "org": "Ұйым",
        "also_known": "Басқа атауы",
        "source_undated": "күні көрсетілмеген",
        "supports": "растайды",
        "more": "Толығырақ",
        "region_page_title": "{region}: дағдарыс орталықтары",
        "region_description": "{region} өңіріндегі дағдарыс орталықтары мен көмек.",
        "need_page_title": "{need}",
        "need_description": "«{need}» көмегін беретін орталықтар мен телефондар.",
        "national": "Ұлттық",
        "fund_state": "мемлекет",
        "fund_ngo": "қоғамдық ұйым",
        "fund_religious": "діни ұйым",
        "fund_donors": "демеушілер",
        "fund_grants": "гранттар",
        "lang_kk": "қазақша",
        "lang_ru": "орысша",
        "lang_en": "ағылшынша",
        "phone_voice": "қоңырау",
        "phone_text": "хабарлама",
        "phone_whatsapp": "WhatsApp",
        "phone_telegram": "Telegram",
        "day_mon": "дс",
        "day_tue": "сс",
        "day_wed": "ср",
        "day_thu": "бс",
        "day_fri": "жм",
        "day_sat": "сн",
        "day_sun": "жс",
        "unit_hour": "сағат",
        "unit_day": "күн",
        "unit_week": "апта",
        "unit_month": "ай",
        "unit_year": "жыл",
        "in_danger": "Қауіп төнсе:",
        "footer_call": "Тегін қоңырау шалыңыз:",
        "footer_pages": "Сайт туралы",
        "footer_find": "Көмек табу",
        "footer_safety": "Қауіпсіз қолдану",
        "footer_data": "Ашық деректер",
        "footer_contribute": "Мәліметті қосу немесе түзету",
        "footer_about": "Жоба туралы",
    },
    "ru": {
        "site_name": "Кризисные центры: где помощь",
        "home_title": "Нужна помощь? Кризисные центры и телефоны доверия",
        "home_description": "Кризисные центры, приюты и телефоны доверия в Казахстане.",
        "home_lead": "Помощь женщинам, пострадавшим от насилия, молодым мамам, беременным девушкам, детям и семьям. Все звонки бесплатные.",
        "danger_title": "Если вам угрожает опасность — позвоните сейчас",
        "danger_lead": "Эти номера бесплатны и работают круглосуточно.",
        "lines_title": "Телефоны доверия",
        "by_region": "Найти помощь по региону",
        "by_need": "Найти помощь по тому, что нужно",
        "all_regions": "Все регионы",
        "all_needs": "По потребности",
        "regions_title": "Регионы",
        "regions_description": "Кризисные центры в 20 регионах Казахстана.",
        "needs_title": "Что вам нужно?",
        "needs_description": "Кризисные центры и телефоны доверия по видам помощи.",
        "listed": "в справочнике",
        "count_listed": "Куда можно обратиться: {n}.",
        "count_open": "можно обратиться: {n}",
        "count_stopped": "Закрыто или приостановлено: {n}.",
        "stopped_title": "Сейчас не принимают: закрыты или работа приостановлена",
        "none_in_region": "В этом регионе пока нет центров в справочнике. Национальные телефоны доверия ниже бесплатно принимают звонки из любого региона и подскажут, куда обратиться рядом.",
        "none_for_need": "По этой помощи пока никого нет в справочнике. Позвоните на национальные телефоны доверия.",
        "national_everywhere": "Из любого региона: национальные телефоны",
        "official_title": "Официальное число (2019)",
        "official_text": "По официальной статистике 2019 года в регионе «{name}» было кризисных центров: {centres}, из них с приютом: {shelter}.",
        "official_part": "В 2019 году этот регион входил в «{name}».",
        "official_listed": "Здесь в справочнике (без закрытых): {n}.",
        "official_none": "В таблице 2019 года нет числа для этого региона.",
        "official_totals": "Итог, напечатанный в таблице: {centres} {centres_word}, из них с приютом {printed}; но сумма строк даёт {rows} {rows_word} с приютом.",
        "word_centre": "центр|центра|центров",
        "source": "Источник",
        "sources": "Источники",
        "contact": "Как связаться",
        "call": "Позвонить",
        "no_phone": "Открытый номер телефона не опубликован.",
        "no_phone_card": "Номер не опубликован: спросите о них на линии доверия",
        "reach_through": "Национальные телефоны доверия отвечают бесплатно и круглосуточно:",
        "email": "Электронная почта",
        "website": "Сайт",
        "social": "Социальные сети",
        "where": "Где",
        "where_city": "{city}, {region}",
        "where_national": "По всему Казахстану",
        "no_address": "Ради безопасности адрес приюта не публикуется. Свяжитесь с ним по телефону.",
        "no_address_no_phone": "Ради безопасности адрес приюта не публикуется: как туда обратиться, подскажут по телефонам доверия выше.",
        "office_address": "Адрес офиса (опубликован самой организацией)",
        "what": "Чем помогает",
        "services": "Услуги",
        "who": "Кого принимают",
        "gender": "Кого",
        "gender_women": "женщин",
        "gender_men": "мужчин",
        "gender_any": "всех",
        "age": "Возраст",
        "age_range": "{min}–{max} лет",
        "age_from": "от {min} лет",
        "age_to": "до {max} лет",
        "age_any": "без ограничений",
        "with_children": "С детьми",
        "children_age": "Возраст детей",
        "boys": "мальчики",
        "girls": "девочки",
        "up_to_years": "до {n} лет",
        "pregnant": "Беременных",
        "hiv": "Женщин, живущих с ВИЧ",
        "mental_disorders": "Людей с психическими расстройствами",
        "police_report_required": "Нужно ли сначала заявление в полицию",
        "referral_required": "Нужно ли направление",
        "yes": "да",
        "no": "нет",
        "unknown": "неизвестно — уточните у них",
        "practical": "Условия и часы работы",
        "stay": "Сколько можно жить",
        "stay_range": "от {min} до {max}",
        "stay_max": "до {max}",
        "stay_exceptional": "в исключительных случаях до {max}",
        "cost": "Стоимость",
        "fee_free": "бесплатно",
        "fee_paid": "платно",
        "places": "Мест",
        "hours": "Часы работы",
        "hours_247": "круглосуточно, без выходных",
        "hours_tz": "время Астаны (UTC+5)",
        "languages": "Языки",
        "funding": "Финансирование",
        "kind": "Тип",
        "kind_shelter": "Кризисный центр с приютом",
        "kind_centre": "Кризисный центр (без приюта)",
        "kind_helpline": "Телефон доверия",
        "kind_emergency": "Экстренная служба",
        "status_suspended": "По сообщениям, работа приостановлена.",
        "status_closed": "По сообщениям, закрыт.",
        "status_unknown": "Неизвестно, работает ли сейчас: свяжитесь, прежде чем ехать.",
        "history": "Статус по датам (по данным источников)",
        "history_active_first": "работает с {date}",
        "history_active": "возобновлена {date}",
        "history_suspended": "работа приостановлена с {date}",
        "history_closed": "закрыт с {date}",
        "history_unknown": "с {date} нет сведений о работе",
        "verified": "Подтверждено организацией: {date}",
        "not_verified": "Ещё не подтверждено организацией. Сведения взяты из открытых источников — свяжитесь, прежде чем ехать.",
        "last_checked": "Источники последний раз проверены: {date}",
        "stale": "Эти сведения не проверялись больше 12 месяцев и могли устареть.",
        "correct": "Нашли ошибку? Исправить сведения",
        "org": "Организация",
        "also_known": "Другое название",
        "source_undated": "без даты",
        "supports": "подтверждает",
        "more": "Подробнее",
        "region_page_title": "{region}: кризисные центры",
        "region_description": "Кризисные центры и помощь: {region}.",
        "need_page_title": "{need}",
        "need_description": "Центры и телефоны, где есть: {need}.",
        "national": "Национальный",
        "fund_state": "государство",
        "fund_ngo": "общественная организация",
        "fund_religious": "религиозная организация",
        "fund_donors": "пожертвования",
        "fund_grants": "гранты",
        "lang_kk": "казахский",
        "lang_ru": "русский",
        "lang_en": "английский",
        "phone_voice": "звонок",
        "phone_text": "сообщения",
        "phone_whatsapp": "WhatsApp",
        "phone_telegram": "Telegram",
        "day_mon": "пн",
        "day_tue": "вт",
        "day_wed": "ср",
        "day_thu": "чт",
        "day_fri": "пт",
        "day_sat": "сб",
        "day_sun": "вс",
        "unit_hour": "час.",
        "unit_day": "дн.",
        "unit_week": "нед.",
        "unit_month": "мес.",
        "unit_year": "г.",
        "in_danger": "В опасности:",
        "footer_call": "Позвоните бесплатно:",
        "footer_pages": "О сайте",
        "footer_find": "Найти помощь",
        "footer_safety": "Как пользоваться безопасно",
        "footer_data": "Открытые данные",
        "footer_contribute": "Добавить или исправить сведения",
        "footer_about": "О проекте",
    },
}


class Words:
    """`t('key', n=3)` for one language; missing keys fail loudly in tests, not on the site.

    Features keep their own strings and pass their table: Words(lang, THEIR_STRINGS).
    """

    def __init__(self, lang: Lang, table: dict[Lang, dict[str, str]] | None = None):
        self.lang = lang
        self.strings = (table or STRINGS)[lang]

    def __call__(self, key: str, **values: Any) -> str:
        text = self.strings[key]
        return text.format(**values) if values else text

    def plural(self, key: str, n: float) -> str:
        """The form of the word `key` that goes with the number n (see plural())."""
        return plural(self.lang, n, self.strings[key])

    def __getitem__(self, key: str) -> str:
        # Templates write t["key"] for a plain string: a lookup, not a call, costs Jinja far less
        # on pages made thousands of times. A missing key still fails (StrictUndefined).
        return self.strings[key]
