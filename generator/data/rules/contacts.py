"""How to reach a listing: valid phone numbers, each once, and some way to reach them at all."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.data.messages import say
from generator.data.phones import OUTSIDE_REASON_FIELD, ParsedPhone, is_outside_kazakhstan, parse_phone, phone_refusal
from generator.data.rules.base import Example, Finding, ListingView, Rule
from generator.data.schema_check import show_value
from generator.data.yamlload import JsonPath

_PHONE_NUMBER = "#/properties/contacts/properties/phones/items/properties/number"


def phone_list(listing: ListingView) -> tuple[dict[str, Any], list[Any]] | None:
    """contacts and contacts.phones, when both have their shape (else the schema says so)."""
    contacts = listing.data.get("contacts")
    if not isinstance(contacts, dict):
        return None
    phones = contacts.get("phones")
    if not isinstance(phones, list):
        return None
    return contacts, phones


def outside_reason(phone: dict[str, Any]) -> bool:
    """Does this phone entry say why a number outside Kazakhstan is listed?"""
    reason = phone.get(OUTSIDE_REASON_FIELD)
    return isinstance(reason, str) and bool(reason.strip())


def numbers(listing: ListingView) -> Iterator[tuple[JsonPath, str, ParsedPhone | None]]:
    """Each number of the listing that has its shape: where it is, as written, and parsed (None: not valid)."""
    found = phone_list(listing)
    for index, phone in enumerate(found[1] if found else []):
        if isinstance(phone, dict) and listing.fits(_PHONE_NUMBER, phone.get("number")):
            parsed = parse_phone(phone["number"], outside_reason(phone))
            yield ("contacts", "phones", index, "number"), phone["number"], parsed


def first_of_each_number(listing: ListingView) -> Iterator[tuple[JsonPath, ParsedPhone]]:
    """Each valid number once, where the listing first gives it."""
    seen: set[str] = set()
    for path, _, parsed in numbers(listing):
        if parsed is not None and parsed.key not in seen:
            seen.add(parsed.key)
            yield path, parsed


def _valid_phone(listing: ListingView) -> Iterator[Finding]:
    found = phone_list(listing)
    for path, raw, parsed in numbers(listing):
        index = path[2]
        entry = found[1][index] if found and isinstance(index, int) else {}
        if parsed is not None and outside_reason(entry) and not is_outside_kazakhstan(raw):
            yield Finding(
                ("contacts", "phones", index, OUTSIDE_REASON_FIELD),
                say("phone.reason-not-needed", number=parsed.display, field=OUTSIDE_REASON_FIELD),
                say("phone.reason-not-needed.hint", field=OUTSIDE_REASON_FIELD),
            )
        if parsed is None:
            refusal = phone_refusal(raw, outside_reason(entry))
            yield Finding(
                path,
                say("phone.invalid.why", number=show_value(raw), why=refusal.message)
                if refusal
                else say("phone.invalid", number=show_value(raw)),
                refusal.hint if refusal else say("phone.invalid.hint"),
            )


def _phone_listed_once(listing: ListingView) -> Iterator[Finding]:
    seen: set[str] = set()
    for path, _, parsed in numbers(listing):
        if parsed is None:
            continue
        if parsed.key in seen:
            yield Finding(path, say("phone.twice", number=parsed.display), say("phone.twice.hint"))
        seen.add(parsed.key)


def _way_to_reach(listing: ListingView) -> Iterator[Finding]:
    found = phone_list(listing)
    if found and not found[1] and "how_to_reach" not in found[0]:
        yield Finding(
            ("contacts",),
            say("contacts.no-way"),
            say("contacts.no-way.hint"),
            key=True,
        )


def _line_has_phone(listing: ListingView) -> Iterator[Finding]:
    found = phone_list(listing)
    kind = listing.data.get("kind")
    if found and not found[1] and kind in ("helpline", "emergency"):
        yield Finding(("contacts", "phones"), say("contacts.line-needs-phone", kind=kind), key=True)


VALID_PHONE = Rule(
    id="valid-phone",
    check=_valid_phone,
    example=Example({"contacts.phones.0.number": "+7 727 000"}),
)

PHONE_LISTED_ONCE = Rule(
    id="phone-listed-once",
    check=_phone_listed_once,
    example=Example(
        {"contacts.phones": [{"number": "+7 701 123 4567", "type": "voice"}, {"number": "87011234567", "type": "text"}]}
    ),
)

WAY_TO_REACH = Rule(
    id="way-to-reach",
    check=_way_to_reach,
    example=Example({"contacts.phones": []}),
)

LINE_HAS_PHONE = Rule(
    id="line-has-phone",
    check=_line_has_phone,
    example=Example(
        {
            "kind": "helpline",
            "contacts.phones": [],
            "contacts.how_to_reach": {"kk": "Чат арқылы жазыңыз.", "ru": "Напишите в чат."},
        }
    ),
)
