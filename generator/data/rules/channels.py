"""Contact channels: each one reachable as its kind says, its hours readable, its sources listed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.data import hours as hours_reading
from generator.data.channels import PHONE_KINDS, WHO_HEARS, telegram_name_ok
from generator.data.messages import say
from generator.data.rules.base import Example, Finding, ListingView, Rule, houses_people
from generator.data.schema_check import show_value
from generator.data.yamlload import JsonPath

_CHANNEL = "#/properties/contacts/properties/channels/items"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def channels(listing: ListingView) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each channel that has its shape (else the schema says what is wrong with it)."""
    contacts = listing.data.get("contacts")
    found = contacts.get("channels") if isinstance(contacts, dict) else None
    for index, channel in enumerate(found if isinstance(found, list) else []):
        if isinstance(channel, dict) and listing.fits(_CHANNEL, channel):
            yield index, channel


def _path(index: int, *rest: str | int) -> JsonPath:
    return ("contacts", "channels", index, *rest)


def _reachable(listing: ListingView) -> Iterator[Finding]:
    for index, channel in channels(listing):
        kind, number, address = channel["kind"], channel.get("number"), channel.get("address")
        if kind in ("voice", "sms", "whatsapp") and number is None:
            yield Finding(
                _path(index), say("channel.needs-number", kind=kind), say("channel.needs-number.hint"), key=True
            )
        elif kind in ("voice", "sms", "whatsapp") and address is not None:
            yield Finding(_path(index, "address"), say("channel.number-not-address", kind=kind))
        elif kind == "telegram" and number is None and address is None:
            yield Finding(
                _path(index),
                say("channel.telegram-needs"),
                key=True,
            )
        elif kind == "telegram" and address is not None and not telegram_name_ok(address):
            yield Finding(
                _path(index, "address"),
                say("channel.telegram-name", address=show_value(address)),
                say("channel.telegram-name.hint"),
            )
        elif kind in ("web", "email", "in_person") and number is not None:
            yield Finding(_path(index, "number"), say("channel.no-number", kind=kind))
        elif kind == "web" and not (address or "").startswith("https://"):
            yield Finding(
                _path(index, "address") if address else _path(index),
                say("channel.web-needs"),
                key=address is None,
            )
        elif kind == "email" and not _EMAIL.match(address or ""):
            yield Finding(
                _path(index, "address") if address else _path(index),
                say("channel.email-needs"),
                key=address is None,
            )
        elif kind == "in_person":
            yield from _in_person(listing, index, address)


def _in_person(listing: ListingView, index: int, address: Any) -> Iterator[Finding]:
    if address is not None:
        yield Finding(_path(index, "address"), say("channel.in-person-address"))
    elif houses_people(listing.text_data):
        yield Finding(
            _path(index, "kind"),
            say("channel.in-person-shelter"),
            say("channel.in-person-shelter.hint"),
        )
    elif not isinstance(listing.data.get("location"), dict) or "address" not in listing.data["location"]:
        yield Finding(
            _path(index, "kind"),
            say("channel.in-person-needs-address"),
            say("channel.in-person-needs-address.hint"),
        )


def _source_listed(listing: ListingView) -> Iterator[Finding]:
    sources = listing.data.get("sources")
    named = set()
    for source in sources if isinstance(sources, list) else []:
        if isinstance(source, dict):
            named.update(str(source[k]) for k in ("url", "title") if k in source)
    for index, channel in channels(listing):
        if channel["source"] != "unknown" and channel["source"] not in named:
            yield _not_listed(_path(index, "source"), channel["source"])
        for question in WHO_HEARS:
            answer = channel["who_hears"][question]
            # A yes or a no is only published with the source that says it.
            if isinstance(answer, dict) and answer["source"] not in named:
                yield _not_listed(_path(index, "who_hears", question, "source"), answer["source"])


def _not_listed(path: JsonPath, ref: str) -> Finding:
    return Finding(
        path,
        say("channel.source-not-listed", source=show_value(ref)),
        say("channel.source-not-listed.hint"),
    )


def _hours_make_sense(listing: ListingView) -> Iterator[Finding]:
    places: list[tuple[JsonPath, Any]] = [(("hours",), listing.data.get("hours"))]
    places += [(_path(index, "hours"), channel["hours"]) for index, channel in channels(listing)]
    for path, value in places:
        if not isinstance(value, list) or not listing.fits("#/$defs/hours", value):
            continue
        for problem in hours_reading.problems(value):
            yield Finding(
                (*path, problem.index, problem.field), say("hours.problem", problem=problem.message), problem.hint
            )


def _listed_once(listing: ListingView) -> Iterator[Finding]:
    seen: set[tuple[str, str]] = set()
    for index, channel in channels(listing):
        what = channel.get("number") or channel.get("address")
        if what is None:
            continue
        key = (
            channel["kind"],
            re.sub(r"\D", "", what) if channel["kind"] in PHONE_KINDS and "number" in channel else what,
        )
        if key in seen:
            yield Finding(
                _path(index, "kind"),
                say("channel.twice", kind=channel["kind"]),
                say("channel.twice.hint"),
            )
        seen.add(key)


def _one_contact_list(listing: ListingView) -> Iterator[Finding]:
    contacts = listing.data.get("contacts")
    if isinstance(contacts, dict) and "channels" not in contacts and "phones" not in contacts:
        yield Finding(
            ("contacts",),
            say("contacts.needs-channels"),
            say("contacts.needs-channels.hint"),
            key=True,
        )
    if isinstance(contacts, dict) and "channels" in contacts and "phones" in contacts:
        yield Finding(
            ("contacts", "phones"),
            say("contacts.both-lists"),
            say("contacts.both-lists.hint"),
            key=True,
        )


def _channel(**fields: Any) -> dict[str, Any]:
    who = dict.fromkeys(WHO_HEARS, "unknown")
    return {"hours": "24/7", "languages": "unknown", "cost": "unknown", "source": "unknown", "who_hears": who} | fields


CHANNEL_REACHABLE = Rule(
    id="channel-reachable",
    check=_reachable,
    example=Example({"contacts": {"channels": [_channel(kind="email", address="info-at-example.kz")]}}),
)

CHANNEL_SOURCE_LISTED = Rule(
    id="channel-source-listed",
    check=_source_listed,
    example=Example(
        {"contacts": {"channels": [_channel(kind="voice", number="+7 701 123 4567", source="https://other.kz")]}}
    ),
)

HOURS_MAKE_SENSE = Rule(
    id="hours-make-sense",
    check=_hours_make_sense,
    example=Example(
        {
            "hours": [
                {"days": ["mon", "tue"], "opens": "09:00", "closes": "18:00"},
                {"days": ["tue"], "opens": "17:00", "closes": "20:00"},
            ]
        }
    ),
)

CHANNEL_LISTED_ONCE = Rule(
    id="channel-listed-once",
    check=_listed_once,
    example=Example(
        {
            "contacts": {
                "channels": [
                    _channel(kind="email", address="a@example.kz"),
                    _channel(kind="email", address="a@example.kz"),
                ]
            }
        }
    ),
)

ONE_CONTACT_LIST = Rule(
    id="one-contact-list",
    check=_one_contact_list,
    example=Example({"contacts.phones": [{"number": "+7 702 123 4567", "type": "whatsapp"}]}),
)
