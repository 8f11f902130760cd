"""A listing's contact channels: each way to reach it, with hours, languages, cost and who hears.

`contacts.channels` replaced `contacts.phones`. A file still in the old form is read as
if it had been migrated (`channels_from_phones`, the same function the migration in
generator/tools/migrate_channels.py writes with), so the site, the exports and the
migration can never disagree about what an old phone means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from generator.data.phones import OUTSIDE_REASON_FIELD, ParsedPhone, parse_phone

Answer = Literal["yes", "no", "unknown"]
PHONE_KINDS = ("voice", "sms", "whatsapp", "telegram")  # reached by a number (telegram: or a name)
MESSAGE_KINDS = ("sms", "whatsapp", "telegram", "web", "email")  # leave a written trace
WHO_HEARS = ("anonymous", "recorded", "may_inform_police")
# The old phone `type` and the channel `kind` it became.
KIND_OF_PHONE_TYPE = {"voice": "voice", "text": "sms", "whatsapp": "whatsapp", "telegram": "telegram"}
PHONE_TYPE_OF_KIND = {kind: type_ for type_, kind in KIND_OF_PHONE_TYPE.items()}
_TELEGRAM_NAME = re.compile(r"^@?([A-Za-z][A-Za-z0-9_]{3,31})$")


@dataclass(frozen=True)
class Heard:
    """One answer about who hears: yes / no / unknown, and the source that says so."""

    answer: Answer
    source: str | None

    @classmethod
    def of(cls, value: Any) -> Heard:
        if isinstance(value, dict):
            return cls(value["answer"], value["source"])
        return cls("unknown", None)


@dataclass(frozen=True)
class Channel:
    kind: str
    number: str | None  # as written in the file
    address: str | None  # e-mail, https address, or telegram name
    description: dict[str, str] | None
    hours: str | tuple[dict[str, Any], ...]  # "24/7", "unknown", or the periods
    languages: tuple[str, ...] | str
    cost: str
    source: str
    anonymous: Heard
    recorded: Heard
    may_inform_police: Heard
    # Why a number outside Kazakhstan is listed (phones.OUTSIDE_REASON_FIELD); for editors, not shown.
    outside_kazakhstan_reason: str | None = None

    @property
    def parsed(self) -> ParsedPhone | None:
        """The number in its canonical form (None: no number, or one validation refuses)."""
        if not self.number:
            return None
        return parse_phone(self.number, bool(self.outside_kazakhstan_reason and self.outside_kazakhstan_reason.strip()))

    @property
    def display(self) -> str:
        """What the button shows: the number in its canonical form, or the address."""
        if self.number:
            parsed = self.parsed
            return parsed.display if parsed else self.number
        if self.kind == "telegram" and self.address:
            return "@" + self.address.lstrip("@")
        return self.address or ""

    @property
    def hours_list(self) -> str | list[dict[str, Any]]:
        """The hours as generator/data/hours.py reads them."""
        return self.hours if isinstance(self.hours, str) else [dict(p) for p in self.hours]

    def heard(self, question: str) -> Heard:
        return getattr(self, question)


def href(channel: Channel) -> str | None:
    """The link that opens the channel on her phone. Only a link: nothing loads until she taps it."""
    parsed = channel.parsed
    if channel.kind == "voice" and parsed:
        return "tel:" + parsed.tel
    if channel.kind == "sms" and parsed:
        return "sms:" + parsed.tel
    if channel.kind == "whatsapp" and parsed:
        # wa.me takes the full international number in digits only; a short number has none.
        return "https://wa.me/" + parsed.tel.lstrip("+") if parsed.tel.startswith("+") else None
    if channel.kind == "telegram":
        name = _TELEGRAM_NAME.match(channel.address or "")
        if name:
            return "https://t.me/" + name.group(1)
        if parsed and parsed.tel.startswith("+"):
            return "https://t.me/" + parsed.tel
        return None
    if channel.kind == "email" and channel.address:
        return "mailto:" + channel.address
    if channel.kind == "web" and channel.address and channel.address.startswith("https://"):
        return channel.address
    return None


def telegram_name_ok(address: str) -> bool:
    return bool(_TELEGRAM_NAME.match(address))


def channels_from_phones(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The channels that a listing's old `contacts.phones` stand for, as data in the new form.

    Only what the file says: the number exactly as written, its description, and every other
    key kept (nothing is dropped); the listing's own `hours` and `languages` (the only hours and
    languages the file gives, and they were the phones' too); cost, source and who hears are
    not said anywhere, so they are unknown.
    """
    contacts = data.get("contacts") or {}
    out = []
    for phone in contacts.get("phones") or []:
        channel: dict[str, Any] = {"kind": KIND_OF_PHONE_TYPE.get(phone.get("type"), phone.get("type"))}
        channel.update({k: v for k, v in phone.items() if k != "type"})
        channel.setdefault("hours", data.get("hours", "unknown"))
        channel.setdefault("languages", data.get("languages", "unknown"))
        channel.setdefault("cost", "unknown")
        channel.setdefault("source", "unknown")
        channel.setdefault("who_hears", {q: "unknown" for q in WHO_HEARS})
        out.append(channel)
    return out


def listing_channels(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The listing's channels as data: `contacts.channels`, or its old phones read as channels."""
    contacts = data.get("contacts") or {}
    if "channels" in contacts:
        return list(contacts["channels"] or [])
    return channels_from_phones(data)


def build_channel(raw: dict[str, Any]) -> Channel:
    hours = raw["hours"]
    langs = raw["languages"]
    who = raw["who_hears"]
    return Channel(
        kind=raw["kind"],
        number=raw.get("number"),
        address=raw.get("address"),
        description=raw.get("description"),
        hours=hours if isinstance(hours, str) else tuple(dict(p) for p in hours),
        languages=langs if isinstance(langs, str) else tuple(langs),
        cost=raw["cost"],
        source=raw["source"],
        anonymous=Heard.of(who["anonymous"]),
        recorded=Heard.of(who["recorded"]),
        may_inform_police=Heard.of(who["may_inform_police"]),
        outside_kazakhstan_reason=raw.get(OUTSIDE_REASON_FIELD),
    )
