"""Rules the schema cannot express: across files, across fields, and about meaning."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from generator.data.location_text import location_forms, location_label, map_link_in, may_hold_location
from generator.data.model import Duration
from generator.data.phones import parse_phone, phone_refusal
from generator.data.problems import Problem, Severity
from generator.data.schema_check import fits, show_value
from generator.data.yamlload import JsonPath, LoadedFile, Positions

STALE_AFTER_DAYS = 365

# HTML: the start of a tag (`<a`, `</b`, `<!--`) that a `>` follows somewhere, or a tag
# name followed by a space or slash (`<img src=…`, `<br/`). Two searches and a find,
# each linear: the one regex this replaces, `<…[^>]*>`, rescanned the rest of the text
# from every `<`, and took 16 s on 260 KB of `<a` without `>`.
_HTML_TAG_START = re.compile(r"<\s*/?\s*[a-zA-Z!]")
_HTML_TAG_OPEN = re.compile(r"<\s*/?\s*[a-zA-Z]+[\s/]")


def _has_html_tag(text: str) -> bool:
    start = _HTML_TAG_START.search(text)
    if start is None:
        return False
    return text.find(">", start.end()) != -1 or _HTML_TAG_OPEN.search(text, start.start()) is not None


# What is not free text: codes, links, dates and numbers. Everything else a listing
# holds is published (names, organisation, notes, phone descriptions, sources'
# titles, documents and `supports`), so a place that houses people is checked in all of
# it for where it is. Links are checked for maps separately (_map_links); `location`
# holds codes, and an office's address, which such a place may not have at all.
_SKIP_FOR_ADDRESS = frozenset(
    {
        "location",
        "contacts.website",
        "contacts.social",
        "contacts.email",
        "contacts.phones.number",
        "sources.url",
        "sources.date",
        "verification.last_checked",
        "verification.verified_on",
    }
)


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


# A name or number claimed by a listing: when it was last checked (date.max if that is not
# known), the file, and the line and column of the claim.
_Claim = tuple[dt.date, str, int, int]
_TEXT_OF = {"kk": "#/$defs/text/properties/kk", "ru": "#/$defs/text/properties/ru"}
_PHONE_NUMBER = "#/properties/contacts/properties/phones/items/properties/number"


class ListingRules:
    """Checks one listing against the reference data and the others.

    The rules also run on a listing the schema refused, so that one run reports
    every problem: each rule uses a field only if the schema's own part for that
    field passes it (schema_check.fits). Then the field has the shape the rule
    expects, and a value the schema refused is not reported a second time.
    """

    def __init__(
        self,
        regions: dict[str, Any],
        cities: dict[str, Any],
        services: dict[str, Any],
        today: dt.date,
    ):
        self.regions, self.cities, self.services, self.today = regions, cities, services, today
        # Names and numbers are compared once every listing is read (duplicates()).
        self._names: dict[tuple[str, str, str], list[_Claim]] = {}
        self._phones: dict[str, list[_Claim]] = {}
        self._phone_shown: dict[str, str] = {}

    def check(self, loaded: LoadedFile, stem: str, *, shape_checked: bool = True) -> list[Problem]:
        """The problems of one listing. `shape_checked`: the schema passed the whole listing,
        so every field has its shape and nothing needs to be checked again."""
        data = loaded.data
        problems: list[Problem] = []
        if not isinstance(data, dict):
            return problems

        def add(
            path: JsonPath, message: str, hint: str = "", *, key: bool = False, severity: Severity = Severity.ERROR
        ) -> None:
            pos = loaded.positions.of_key(path) if key else loaded.positions.of_value(path)
            problems.append(Problem(loaded.display, pos[0], pos[1], message, hint, severity))

        def ok(pointer: str, value: Any) -> bool:
            return shape_checked or fits(pointer, value)

        self._check_id(data, stem, ok, add)
        self._check_location(data, ok, add)
        self._check_services(data, ok, add)
        claim = (self._last_checked(data, ok), loaded.display)
        self._claim_names(data, ok, claim, loaded.positions)
        self._check_phones(data, ok, add, claim, loaded.positions)
        self._check_dates(data, ok, add)
        self._check_ranges(data, ok, add)
        if not ok("#/properties/kind", data.get("kind")):
            data = {**data, "kind": None}  # the text rules read `kind`; one the schema refused reads as none
        self._check_text(data, add)
        return problems

    def _check_id(self, data: dict[str, Any], stem: str, ok: Any, add: Any) -> None:
        if ok("#/properties/id", data.get("id")) and data["id"] != stem:
            add(
                ("id",),
                f"the id `{data['id']}` differs from the file name `{show_value(stem)}.yaml`",
                f"Rename the file to {data['id']}.yaml or set id: {show_value(stem)}.",
            )

    def _check_location(self, data: dict[str, Any], ok: Any, add: Any) -> None:
        location = data.get("location")
        if not isinstance(location, dict):
            return
        region, city = location.get("region"), location.get("city")
        region_fits = ok("#/properties/location/properties/region", region)
        if region_fits and region not in self.regions:
            add(
                ("location", "region"),
                f"unknown region `{region}`",
                "Use an ISO code from data/regions.yaml, e.g. KZ-75 for Almaty city.",
            )
        if not ok("#/properties/location/properties/city", city):
            return
        if city not in self.cities:
            add(
                ("location", "city"),
                f"unknown city `{show_value(city)}`",
                "Use a key from data/cities.yaml, or add the town there (names and town-centre coordinates).",
            )
        elif region_fits and region in self.regions and self.cities[city].region != region:
            add(
                ("location", "region"),
                f"the city `{city}` is in {self.cities[city].region}, not in {region}",
                "Check the region code of the city in data/cities.yaml.",
            )

    def _check_services(self, data: dict[str, Any], ok: Any, add: Any) -> None:
        services = data.get("services")
        if not isinstance(services, list):
            return
        for index, key in enumerate(services):
            if ok("#/properties/services/items", key) and key not in self.services:
                add(
                    ("services", index),
                    f"unknown service `{show_value(key)}`",
                    f"Use keys from data/services.yaml: {', '.join(self.services)}.",
                )

    def _last_checked(self, data: dict[str, Any], ok: Any) -> dt.date:
        verification = data.get("verification")
        if isinstance(verification, dict) and ok("#/$defs/date", verification.get("last_checked")):
            return _parse_date(verification["last_checked"]) or dt.date.max
        return dt.date.max

    def _claim_names(self, data: dict[str, Any], ok: Any, claim: tuple[dt.date, str], positions: Positions) -> None:
        location = data.get("location")
        if "location" not in data:
            place = "national"
        elif isinstance(location, dict) and ok("#/properties/location/properties/city", location.get("city")):
            place = location["city"]
        else:
            return  # the place is not known, so neither is what a name could be confused with
        name = data.get("name")
        if not isinstance(name, dict):
            return
        for lang, pointer in _TEXT_OF.items():
            if ok(pointer, name.get(lang)):
                key = (place, lang, " ".join(name[lang].lower().split()))
                self._names.setdefault(key, []).append((*claim, *positions.of_value(("name", lang))))

    def _check_phones(
        self, data: dict[str, Any], ok: Any, add: Any, claim: tuple[dt.date, str], positions: Positions
    ) -> None:
        contacts = data.get("contacts")
        if not isinstance(contacts, dict):
            return
        phones = contacts.get("phones")
        if not isinstance(phones, list):
            return  # missing or not a list: the schema says so
        own: set[str] = set()
        for index, phone in enumerate(phones):
            if not isinstance(phone, dict) or not ok(_PHONE_NUMBER, phone.get("number")):
                continue
            where = ("contacts", "phones", index, "number")
            parsed = parse_phone(phone["number"])
            if parsed is None:
                refusal = phone_refusal(phone["number"])
                add(
                    where,
                    f"`{show_value(phone['number'])}` is not a valid phone number"
                    + (f": {refusal.message}" if refusal else ""),
                    refusal.hint if refusal else "Write it as +7 7xx xxx xx xx, 8 7xx xxx xx xx, or a short number.",
                )
            elif parsed.key in own:
                add(
                    where,
                    f"the number {parsed.display} is given twice in this listing",
                    "List each number once.",
                )
            else:
                own.add(parsed.key)
                self._phone_shown[parsed.key] = parsed.display
                self._phones.setdefault(parsed.key, []).append((*claim, *positions.of_value(where)))
        if not phones and "how_to_reach" not in contacts:
            add(
                ("contacts",),
                "no phone is given and no `how_to_reach` says how to reach them",
                (
                    "Add contacts.how_to_reach in kk and ru, e.g. 'Call the national line 150 (free, 24/7) "
                    "and ask to be put in touch'."
                ),
                key=True,
            )
        kind = data.get("kind")
        if not phones and kind in ("helpline", "emergency"):
            add(("contacts", "phones"), f"a {kind} listing needs its phone number", key=True)

    def duplicates(self) -> list[Problem]:
        """Names (in one place) and phone numbers given by more than one listing; asked once
        every listing has been checked.

        Such a problem is reported on the newer listing and names the older one. Newer
        means checked later: a larger `verification.last_checked`, which a new listing
        sets to the day its sources were read, while the one already published keeps
        its earlier date. This needs no git history (CI's checkout has none) and gives
        the same answer on every machine. When it cannot tell (the same day, or a date
        that is missing or not real), it reports on each of them, each naming another:
        a problem is never hidden on the wrong file only.
        """
        problems: list[Problem] = []
        for _, claims in sorted(self._names.items()):
            problems += _on_newer(
                claims,
                lambda other: f"another listing in the same place has this name: {other}",
                "Two listings for one centre? Merge them, or make the names tell them apart.",
            )
        for key, claims in sorted(self._phones.items()):
            shown = self._phone_shown[key]
            problems += _on_newer(
                claims,
                lambda other, shown=shown: f"the number {shown} is also given by {other}",
                "One number belongs to one listing; if two services share a line, list it once.",
            )
        return problems

    def _check_dates(self, data: dict[str, Any], ok: Any, add: Any) -> None:
        verification = data.get("verification")
        for field in ("last_checked", "verified_on"):
            if not isinstance(verification, dict) or field not in verification:
                continue
            if not ok("#/$defs/date", verification[field]):
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
        sources = data.get("sources")
        for index, source in enumerate(sources if isinstance(sources, list) else []):
            if not isinstance(source, dict) or not ok("#/$defs/partial_date", source.get("date")):
                continue
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

    def _check_ranges(self, data: dict[str, Any], ok: Any, add: Any) -> None:
        stay = data.get("stay")
        if isinstance(stay, dict):
            fields = [f for f in ("min", "max", "exceptional_max") if f in stay and ok("#/$defs/duration", stay[f])]
            steps = [(f, Duration.parse(stay[f])) for f in fields]
            known = [(f, d) for f, d in steps if d and d.hours is not None]
            for (f1, d1), (f2, d2) in zip(known, known[1:], strict=False):
                if d1.hours > d2.hours:  # type: ignore[operator]
                    add(
                        ("stay", f2),
                        f"stay.{f2} ({show_value(stay[f2])}) is shorter than stay.{f1} ({show_value(stay[f1])})",
                        "The minimum must not exceed the maximum, nor the maximum the exceptional maximum.",
                    )
        elig = data.get("eligibility")
        if not isinstance(elig, dict):
            return
        low, high = elig.get("age_min"), elig.get("age_max")
        if not (ok("#/$defs/age", low) and ok("#/$defs/age", high)):
            return
        numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (low, high))
        if numbers and low > high:
            add(
                ("eligibility", "age_max"),
                f"age_max ({high}) is below age_min ({low})",
                "age_min is the youngest age accepted and age_max the oldest; check which is which.",
            )

    def _check_text(self, data: dict[str, Any], add: Any) -> None:
        """HTML anywhere; and, in a listing that houses people, anything that tells where it is."""
        houses = _houses_people(data)
        strings = _strings(data)
        if houses:
            _check_place(data, strings, add)
        # First all the text at once: a tag start, or a word or shape of the location
        # forms, in one string is also in the joined text (the NUL between them is
        # neither \w nor \s, like the start or end of a string), so most listings
        # are done with a few searches.
        html = _has_html_tag("\0".join(text for _, text, _ in strings))
        free = "\0".join(text for _, text, is_free in strings if is_free) if houses else ""
        if not html and not (free and may_hold_location(free)):
            return
        for path, text, is_free in strings:
            if html and _has_html_tag(text):
                add(
                    path,
                    "HTML is not allowed in a listing",
                    "Write plain text; the site formats it. Remove the <...> part.",
                )
            if not houses or not is_free:
                continue
            label = location_label(text)
            if label:
                add(
                    path,
                    f"this text looks like a street address or location ({label})",
                    (
                        "Never publish where a shelter is. Give only its city; people reach it by phone. "
                        "If this is not an address, reword it."
                    ),
                )


def _check_place(data: dict[str, Any], strings: _Strings, add: Any) -> None:
    """A listing that houses people (for _check_text): no office address, and no link to a map."""
    location = data.get("location")
    if data.get("kind") != "shelter" and isinstance(location, dict) and "address" in location:
        # (For kind: shelter the schema already says so.)
        add(
            ("location", "address"),
            "a listing that houses people must never carry a street address: people who stay there could be found",
            (
                "It offers a place to stay (kind shelter, the service shelter, places or stay), so it is "
                "treated as a shelter. Remove location.address and give only the city."
            ),
            key=True,
        )
    for path, text, _ in strings:
        if _is_link(path) and map_link_in(text):
            add(
                path,
                "this link is a map: it shows where a place that houses people is",
                "Never publish where a shelter is. Remove the map link; link a page without a map, or none.",
            )


def _houses_people(data: dict[str, Any]) -> bool:
    """Does the listing house people? Then where it is is never published, whatever its `kind`."""
    services = data.get("services")
    return (
        data.get("kind") == "shelter"
        or (isinstance(services, list) and "shelter" in services)
        or "places" in data
        or "stay" in data
    )


def _is_link(path: JsonPath) -> bool:
    """A link field: a website, a social page, a source's URL, an office address's source."""
    keys = [key for key in path if isinstance(key, str)]
    return keys in (["contacts", "website"], ["contacts", "social"], ["sources", "url"]) or keys == [
        "location",
        "address",
        "source",
    ]


def address_forms() -> list[str]:
    """The labels of the location forms the validator knows (generator/location_text.py)."""
    return location_forms()


def _on_newer(claims: list[_Claim], message: Any, hint: str) -> list[Problem]:
    """The problems of one name or number claimed by several listings (see duplicates())."""
    claims = list({claim[1]: claim for claim in reversed(claims)}.values())  # the first claim of each file
    if len(claims) < 2:
        return []
    oldest = min(checked for checked, *_ in claims)
    first = sorted(claim for claim in claims if claim[0] == oldest)
    problems = []
    for checked, display, line, col in claims:
        if checked > oldest:
            other = first[0][1]
            why = "It is reported here because this listing was checked later (verification.last_checked)."
        elif len(first) > 1:
            other = next(c[1] for c in first if c[1] != display)
            why = "Which listing is newer is not known (the same last_checked), so it is reported on each."
        else:
            continue  # the older listing
        problems.append(Problem(display, line, col, message(other), f"{hint} {why}"))
    return problems
