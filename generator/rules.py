"""Rules the schema cannot express: across files, across fields, and about meaning."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .model import Duration
from .phones import parse_phone
from .problems import Problem, Severity
from .yamlload import JsonPath, LoadedFile

STALE_AFTER_DAYS = 365

# Forms of a street address in Russian and Kazakh. A shelter's free text must
# never hold one: abusers read the site too.
_ADDRESS_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.IGNORECASE), label)
    for p, label in [
        (r"(?<!\w)ул\.\s*\S", "ул."),
        (r"(?<!\w)улиц[аеыуй]\b", "улица"),
        (r"(?<!\w)просп(?:\.|ект\w*)", "проспект"),
        (r"(?<!\w)пр(?:-т|\.)\s*[А-ЯЁӘІҢҒҮҰҚӨҺA-Z0-9]", "пр."),
        (r"(?<!\w)бульвар\w*|(?<!\w)б-р\b", "бульвар"),
        (r"(?<!\w)переул\w*|(?<!\w)пер\.\s*[А-ЯЁA-Z]", "переулок"),
        (r"(?<!\w)мкр\b\.?|(?<!\w)микрорайон\w*", "мкр"),
        (r"(?<!\w)(?:д|дом)\.?\s*№?\s*\d+", "дом + номер"),
        (r"(?<!\w)кв\.?\s*№?\s*\d+|(?<!\w)квартир\w*\s*№?\s*\d+", "кв."),
        (r"(?<!\w)корп(?:ус|\.)\s*\d+", "корпус"),
        (r"(?<!\w)көше(?:сі|сінде|сіне|сінен|де|ге)?(?!\w)|(?<!\w)көш\.\s*\S", "көшесі"),
        (r"(?<!\w)даңғыл\w*|(?<!\w)даңғ\.", "даңғылы"),
        (r"(?<!\w)(?:шағын|ықшам)\s*аудан\w*|(?<!\w)ш/а\b", "шағын аудан"),
        (r"(?<!\w)үй\s*№?\s*\d+|\d+\s*-?\s*үй(?!\w)", "үй + нөмір"),
        (r"(?<!\w)пәтер\w*", "пәтер"),
        (r"(?<!\w)тұйы[қғ]\w*", "тұйық"),
        (r"\b\d{2}\.\d{3,}\s*[,;/ ]\s*\d{2}\.\d{3,}\b", "coordinates"),
    ]
]
# Every match of a form above contains a match of this: one of their word
# starts, a digit before үй ("15-үй" has no word start), or the coordinates'
# digits; the lookahead only names the first letters of those. One search of it
# costs about what two of the forms do, and little text passes it, so the forms
# run on that only. tests/test_rules_prefilter.py checks it against every
# example, real text and generated near misses.
_MAY_HOLD_ADDRESS = re.compile(
    r"(?=[упбмдкшыүт\d])(?:(?<!\w)(?:ул(?:\.|иц)|пр(?:осп|-т|\.)|бульвар|б-р|пер(?:еул|\.)|мкр|микрорайон"
    r"|д\.?\s*№?\s*\d|дом\.?\s*№?\s*\d|кв(?:\.|\s|№|\d|артир)|корп(?:ус|\.)|көш|даңғ|шағын|ықшам|ш/а|үй"
    r"|пәтер|тұйы|\d\d\.\d)|\d\s*-?\s*үй)",
    re.IGNORECASE,
)
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|<\s*/?\s*[a-zA-Z]+[\s/]")
# Fields whose free text a reader sees; sources and links are checked elsewhere.
_SKIP_FOR_ADDRESS = frozenset({"sources", "location", "contacts.website", "contacts.social", "contacts.email"})


_Strings = list[tuple[JsonPath, str, bool]]


def _strings(
    value: Any, path: JsonPath = (), dotted: str = "", free: bool = True, found: _Strings | None = None
) -> _Strings:
    """Every string in `value`: its path, the text, and whether it is free text a reader sees
    (outside _SKIP_FOR_ADDRESS), in document order (a list: nested generators cost more)."""
    found = [] if found is None else found
    if isinstance(value, str):
        found.append((path, value, free))
    elif isinstance(value, dict):
        for key, item in value.items():
            inner = f"{dotted}.{key}" if dotted else str(key)
            _strings(item, (*path, key), inner, free and inner not in _SKIP_FOR_ADDRESS, found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _strings(item, (*path, index), dotted, free, found)
    return found


def _parse_date(text: str) -> dt.date | None:
    parts = text.split("-")
    try:
        numbers = [int(part) for part in parts] + [1, 1]
        return dt.date(numbers[0], numbers[1], numbers[2])
    except (ValueError, IndexError):
        return None


class ListingRules:
    """Checks one schema-valid listing against the reference data and the others."""

    def __init__(
        self,
        regions: dict[str, Any],
        cities: dict[str, Any],
        services: dict[str, Any],
        today: dt.date,
    ):
        self.regions, self.cities, self.services, self.today = regions, cities, services, today
        self.seen_names: dict[tuple[str, str, str], str] = {}
        self.seen_phones: dict[str, str] = {}

    def check(self, loaded: LoadedFile, stem: str) -> list[Problem]:
        data: dict[str, Any] = loaded.data
        problems: list[Problem] = []

        def add(
            path: JsonPath, message: str, hint: str = "", *, key: bool = False, severity: Severity = Severity.ERROR
        ) -> None:
            pos = loaded.positions.of_key(path) if key else loaded.positions.of_value(path)
            problems.append(Problem(loaded.display, pos[0], pos[1], message, hint, severity))

        if data["id"] != stem:
            add(
                ("id",),
                f"the id `{data['id']}` differs from the file name `{stem}.yaml`",
                f"Rename the file to {data['id']}.yaml or set id: {stem}.",
            )

        location = data.get("location")
        if location:
            region, city = location["region"], location["city"]
            if region not in self.regions:
                add(
                    ("location", "region"),
                    f"unknown region `{region}`",
                    "Use an ISO code from data/regions.yaml, e.g. KZ-75 for Almaty city.",
                )
            if city not in self.cities:
                add(
                    ("location", "city"),
                    f"unknown city `{city}`",
                    "Use a key from data/cities.yaml, or add the town there (names and town-centre coordinates).",
                )
            elif region in self.regions and self.cities[city].region != region:
                add(
                    ("location", "region"),
                    f"the city `{city}` is in {self.cities[city].region}, not in {region}",
                    "Check the region code of the city in data/cities.yaml.",
                )

        for index, key in enumerate(data["services"]):
            if key not in self.services:
                add(
                    ("services", index),
                    f"unknown service `{key}`",
                    f"Use keys from data/services.yaml: {', '.join(self.services)}.",
                )

        place = location["city"] if location else "national"
        for lang in ("kk", "ru"):
            name_key = (place, lang, " ".join(data["name"][lang].lower().split()))
            if name_key in self.seen_names:
                add(
                    ("name", lang),
                    f"another listing in the same place has this name: {self.seen_names[name_key]}",
                    "Two listings for one centre? Merge them, or make the names tell them apart.",
                )
            else:
                self.seen_names[name_key] = loaded.display

        phones = data["contacts"].get("phones", [])
        for index, phone in enumerate(phones):
            parsed = parse_phone(phone["number"])
            if parsed is None:
                add(
                    ("contacts", "phones", index, "number"),
                    f"`{phone['number']}` is not a valid phone number",
                    "Write it as +7 7xx xxx xx xx, 8 7xx xxx xx xx, or a national short number such as 150.",
                )
            elif parsed.key in self.seen_phones:
                add(
                    ("contacts", "phones", index, "number"),
                    f"the number {parsed.display} is also given by {self.seen_phones[parsed.key]}",
                    "One number belongs to one listing; if two services share a line, list it once.",
                )
            else:
                self.seen_phones[parsed.key] = loaded.display
        if not phones and "how_to_reach" not in data["contacts"]:
            add(
                ("contacts",),
                "no phone is given and no `how_to_reach` says how to reach them",
                (
                    "Add contacts.how_to_reach in kk and ru, e.g. 'Call the national line 150 (free, 24/7) "
                    "and ask to be put in touch'."
                ),
                key=True,
            )
        if data["kind"] in ("helpline", "emergency") and not phones:
            add(("contacts", "phones"), f"a {data['kind']} listing needs its phone number", key=True)

        self._check_dates(data, add)
        self._check_ranges(data, add)
        self._check_text(data, add)
        return problems

    def _check_dates(self, data: dict[str, Any], add: Any) -> None:
        verification = data["verification"]
        for field in ("last_checked", "verified_on"):
            if field not in verification:
                continue
            date = _parse_date(verification[field])
            if date is None:
                add(
                    ("verification", field),
                    f"`{verification[field]}` is not a real date",
                    "Write a real date as YYYY-MM-DD.",
                )
            elif date > self.today:
                add(("verification", field), f"the date {date} is in the future", "Write the day it really happened.")
            elif field == "last_checked" and (self.today - date).days > STALE_AFTER_DAYS:
                add(
                    ("verification", field),
                    f"the listing was last checked on {date}, more than 12 months ago",
                    "Check the sources again (or call the organisation) and update last_checked.",
                    severity=Severity.WARNING,
                )
        for index, source in enumerate(data["sources"]):
            if source["date"] == "unknown":
                continue
            date = _parse_date(source["date"])
            if date is None:
                add(
                    ("sources", index, "date"),
                    f"`{source['date']}` is not a real date",
                    "Write YYYY-MM-DD, YYYY-MM, YYYY, or unknown.",
                )
            elif date > self.today:
                add(("sources", index, "date"), f"the date {source['date']} is in the future")

    def _check_ranges(self, data: dict[str, Any], add: Any) -> None:
        stay = data.get("stay")
        if stay:
            steps = [(f, Duration.parse(stay[f])) for f in ("min", "max", "exceptional_max") if f in stay]
            known = [(f, d) for f, d in steps if d and d.hours is not None]
            for (f1, d1), (f2, d2) in zip(known, known[1:], strict=False):
                if d1.hours > d2.hours:  # type: ignore[operator]
                    add(
                        ("stay", f2),
                        f"stay.{f2} ({stay[f2]}) is shorter than stay.{f1} ({stay[f1]})",
                        "The minimum must not exceed the maximum, nor the maximum the exceptional maximum.",
                    )
        elig = data["eligibility"]
        low, high = elig["age_min"], elig["age_max"]
        if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
            add(
                ("eligibility", "age_max"),
                f"age_max ({high}) is below age_min ({low})",
                "age_min is the youngest age accepted and age_max the oldest; check which is which.",
            )

    def _check_text(self, data: dict[str, Any], add: Any) -> None:
        shelter = data["kind"] == "shelter"
        strings = _strings(data)
        # First all the text at once: what matches in one string also matches in
        # the joined text (the NUL between them is neither \w nor \s, like the
        # start or end of a string), so most listings are done with two searches.
        html = _HTML_TAG.search("\0".join(text for _, text, _ in strings))
        free = "\0".join(text for _, text, is_free in strings if is_free) if shelter else ""
        if not html and not (free and _MAY_HOLD_ADDRESS.search(free)):
            return
        for path, text, is_free in strings:
            if _HTML_TAG.search(text):
                add(
                    path,
                    "HTML is not allowed in a listing",
                    "Write plain text; the site formats it. Remove the <...> part.",
                )
            if not shelter or not is_free or not _MAY_HOLD_ADDRESS.search(text):
                continue
            for pattern, label in _ADDRESS_FORMS:
                if pattern.search(text):
                    add(
                        path,
                        f"this text looks like a street address or location ({label})",
                        (
                            "Never publish where a shelter is. Give only its city; people reach it by phone. "
                            "If this is not an address, reword it."
                        ),
                    )
                    break


def address_forms() -> list[str]:
    """The labels of the address forms the validator knows, for docs and tests."""
    return [label for _, label in _ADDRESS_FORMS]
