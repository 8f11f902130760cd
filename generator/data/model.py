"""The directory as typed objects, mirroring the YAML files.

Built only from data that passed validation, so constructors trust the shape.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from generator.data.channels import PHONE_TYPE_OF_KIND, Channel, build_channel, listing_channels

Lang = Literal["kk", "ru"]
LANGS: tuple[Lang, ...] = ("kk", "ru")
Tristate = Literal["yes", "no", "unknown"]

# Rough lengths, only to compare stays (min <= max) and to sort by them.
_HOURS = {"hour": 1, "day": 24, "week": 24 * 7, "month": 24 * 30, "year": 24 * 365}


@dataclass(frozen=True)
class Text:
    kk: str
    ru: str

    def __call__(self, lang: Lang) -> str:
        return getattr(self, lang)

    @classmethod
    def of(cls, value: dict[str, str] | None) -> Text | None:
        return cls(kk=value["kk"].strip(), ru=value["ru"].strip()) if value else None


@dataclass(frozen=True)
class Region:
    code: str  # ISO 3166-2, e.g. KZ-75
    en: str
    name: Text

    @property
    def slug(self) -> str:
        """Readable and stable URL part: 'Almaty Region' -> 'almaty-region'."""
        return re.sub(r"[^a-z0-9]+", "-", self.en.lower()).strip("-")


@dataclass(frozen=True)
class City:
    key: str
    region: str
    name: Text
    lat: float
    lon: float
    aliases: tuple[str, ...] = ()  # other names (old, official, Latin): search finds the town by them


def distance_km(a: City, b: City) -> float:
    """Great-circle distance between two town centres (find-help.js's distanceKm, the same formula)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


# Listings reported closed or suspended: shown as such on their page, never counted as help.
NOT_WORKING = ("closed", "suspended")


@dataclass(frozen=True)
class Service:
    key: str
    label: Text
    need: bool


@dataclass(frozen=True)
class Duration:
    """'6 months' -> Duration(6, 'month'); 'unknown' -> Duration(None, None)."""

    value: float | None
    unit: str | None

    @classmethod
    def parse(cls, text: str | None) -> Duration | None:
        if text is None:
            return None
        if text == "unknown":
            return cls(None, None)
        number, unit = text.split()
        value = float(number)
        return cls(int(value) if value.is_integer() else value, unit.rstrip("s"))

    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def hours(self) -> float | None:
        return None if self.value is None or self.unit is None else self.value * _HOURS[self.unit]


@dataclass(frozen=True)
class Stay:
    min: Duration
    max: Duration
    exceptional_max: Duration | None
    notes: Text | None


@dataclass(frozen=True)
class Eligibility:
    gender: str
    age_min: float | str
    age_max: float | str
    with_children: Tristate
    boys_age_max: float | str | None
    girls_age_max: float | str | None
    pregnant: Tristate
    hiv: Tristate
    mental_disorders: Tristate
    police_report_required: Tristate
    referral_required: Tristate
    notes: Text | None
    # Whether the children's age limits include that age ("up to and including 11") or not
    # ("under 11"); unknown when the source's words ("до 11 лет") do not say.
    children_age_inclusive: Tristate = "unknown"


@dataclass(frozen=True)
class Phone:
    number: str  # as written in the file
    display: str
    tel: str
    type: str
    description: Text | None
    # Why a number outside Kazakhstan is listed (phones.OUTSIDE_REASON_FIELD); for editors, not shown.
    outside_kazakhstan_reason: str | None = None


@dataclass(frozen=True)
class Period:
    days: tuple[str, ...]
    opens: str
    closes: str


@dataclass(frozen=True)
class Intake:
    """How to come, where a source says it; each part unknown ("ask them") otherwise."""

    arrival: str  # call_first, walk_in, either, unknown
    documents: Text | None
    pets: Tristate
    what_to_bring: Text | None

    @classmethod
    def of(cls, value: dict[str, Any] | None) -> Intake:
        value = value or {}
        return cls(
            arrival=value.get("arrival", "unknown"),
            documents=Text.of(value.get("documents")),
            pets=value.get("pets", "unknown"),
            what_to_bring=Text.of(value.get("what_to_bring")),
        )


@dataclass(frozen=True)
class Contacts:
    phones: tuple[Phone, ...]  # the channels reached by a phone number, as the older pages read them
    channels: tuple[Channel, ...]
    email: str | None
    website: str | None
    social: tuple[str, ...]
    how_to_reach: Text | None


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None
    document: str | None
    date: str
    supports: str  # for maintainers, in the YAML only: readers see title, publisher, year and link
    publisher: str | None = None


@dataclass(frozen=True)
class StatusChange:
    """One step of `status_history`: the status a source reports, from its date on."""

    status: str
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD, as the source gives it
    source: str  # the page's address


@dataclass(frozen=True)
class Verification:
    status: str
    last_checked: str
    verified_on: str | None
    verified_by: str | None


STALE_AFTER_DAYS = 365  # a listing not checked for longer may be out of date
# Statuses from the one a reader can count on to the one she can't: the order of every list.
STATUS_RANK = {"active": 0, "unknown": 1, "suspended": 2, "closed": 3}


@dataclass(frozen=True)
class Listing:
    id: str
    path: str  # repository-relative file, for error messages and "edit this listing" links
    kind: str
    status: str
    name: Text
    alternate_name: Text | None
    organization: Text
    description: Text
    scope: str
    region: Region | None
    city: City | None
    address: Text | None
    services: tuple[Service, ...]
    eligibility: Eligibility
    stay: Stay | None
    places: int | str | None
    fee: str
    cost_notes: Text | None
    hours: str | tuple[Period, ...]
    contacts: Contacts
    languages: tuple[str, ...] | str
    funding: tuple[str, ...] | str
    sources: tuple[Source, ...]
    verification: Verification
    status_history: tuple[StatusChange, ...]  # oldest first; empty when no source dates the status
    raw: dict[str, Any] = field(repr=False, compare=False)
    intake: Intake = field(default_factory=lambda: Intake.of(None))

    @property
    def is_national(self) -> bool:
        return self.scope == "national"

    @property
    def has_shelter(self) -> bool:
        return self.kind == "shelter"


@dataclass(frozen=True)
class Count2019:
    name: Text
    en: str
    today: tuple[str, ...]
    centres: int
    with_shelter: int


@dataclass(frozen=True)
class OfficialCounts:
    source: dict[str, str]
    caveat: Text
    total_centres: int
    total_with_shelter: int
    rows: tuple[Count2019, ...]

    @property
    def rows_centres(self) -> int:
        return sum(r.centres for r in self.rows)

    @property
    def rows_with_shelter(self) -> int:
        return sum(r.with_shelter for r in self.rows)

    def for_region(self, code: str) -> Count2019 | None:
        return next((r for r in self.rows if code in r.today), None)


@dataclass
class Catalogue:
    regions: dict[str, Region]
    cities: dict[str, City]
    services: dict[str, Service]
    counts: OfficialCounts | None
    listings: list[Listing]

    def in_region(self, code: str) -> list[Listing]:
        return [x for x in self.listings if x.region and x.region.code == code]

    @property
    def national(self) -> list[Listing]:
        return [x for x in self.listings if x.is_national]


def build_listing(
    data: dict[str, Any],
    path: str,
    regions: dict[str, Region],
    cities: dict[str, City],
    services: dict[str, Service],
) -> Listing:
    location = data.get("location") or {}
    elig = data["eligibility"]
    children = elig.get("children_age_max") or {}
    stay = data.get("stay")
    contacts = data["contacts"]
    channels = tuple(build_channel(raw) for raw in listing_channels(data))
    phones = []
    for channel in channels:
        if channel.number is None:
            continue
        parsed = channel.parsed
        assert parsed is not None  # validation rejected unparseable numbers
        phones.append(
            Phone(
                number=channel.number,
                display=parsed.display,
                tel=parsed.tel,
                type=PHONE_TYPE_OF_KIND[channel.kind],
                description=Text.of(channel.description),
                outside_kazakhstan_reason=channel.outside_kazakhstan_reason,
            )
        )
    hours = data["hours"]
    return Listing(
        id=data["id"],
        path=path,
        kind=data["kind"],
        status=data["status"],
        name=Text.of(data["name"]),
        alternate_name=Text.of(data.get("alternate_name")),
        organization=Text.of(data["organization"]),
        description=Text.of(data["description"]),
        scope=data["scope"],
        region=regions.get(location.get("region", "")),
        city=cities.get(location.get("city", "")),
        address=Text.of(location.get("address")),
        services=tuple(services[key] for key in data["services"]),
        eligibility=Eligibility(
            gender=elig["gender"],
            age_min=elig["age_min"],
            age_max=elig["age_max"],
            with_children=elig["with_children"],
            boys_age_max=children.get("boys"),
            girls_age_max=children.get("girls"),
            children_age_inclusive=children.get("inclusive", "unknown"),
            pregnant=elig["pregnant"],
            hiv=elig["hiv"],
            mental_disorders=elig["mental_disorders"],
            police_report_required=elig["police_report_required"],
            referral_required=elig["referral_required"],
            notes=Text.of(elig.get("notes")),
        ),
        stay=Stay(
            min=Duration.parse(stay["min"]),
            max=Duration.parse(stay["max"]),
            exceptional_max=Duration.parse(stay.get("exceptional_max")),
            notes=Text.of(stay.get("notes")),
        )
        if stay
        else None,
        places=data.get("places"),
        fee=data["cost"]["fee"],
        cost_notes=Text.of(data["cost"].get("notes")),
        hours=hours
        if isinstance(hours, str)
        else tuple(Period(tuple(p["days"]), p["opens"], p["closes"]) for p in hours),
        contacts=Contacts(
            phones=tuple(phones),
            channels=channels,
            email=contacts.get("email"),
            website=contacts.get("website"),
            social=tuple(contacts.get("social", [])),
            how_to_reach=Text.of(contacts.get("how_to_reach")),
        ),
        languages=data["languages"] if isinstance(data["languages"], str) else tuple(data["languages"]),
        funding=data["funding"] if isinstance(data["funding"], str) else tuple(data["funding"]),
        sources=tuple(
            Source(s["title"], s.get("url"), s.get("document"), s["date"], s["supports"], s.get("publisher"))
            for s in data["sources"]
        ),
        verification=Verification(
            status=data["verification"]["status"],
            last_checked=data["verification"]["last_checked"],
            verified_on=data["verification"].get("verified_on"),
            verified_by=data["verification"].get("verified_by"),
        ),
        status_history=tuple(StatusChange(h["status"], h["date"], h["source"]) for h in data.get("status_history", [])),
        raw=data,
        intake=Intake.of(data.get("intake")),
    )


def is_stale(listing: Listing, today: dt.date) -> bool:
    checked = dt.date.fromisoformat(listing.verification.last_checked)
    return (today - checked).days > STALE_AFTER_DAYS
