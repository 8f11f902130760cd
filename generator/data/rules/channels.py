# ruff: noqa: E501  (whole sentences in kk, ru and en read better unbroken)
"""Contact channels: each one reachable as its kind says, its hours readable, its sources listed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.data import hours as hours_reading
from generator.data.channels import PHONE_KINDS, WHO_HEARS, telegram_name_ok
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
            yield Finding(_path(index), f"a {kind} channel needs its `number`", 'Add number: "+7 …".', key=True)
        elif kind in ("voice", "sms", "whatsapp") and address is not None:
            yield Finding(_path(index, "address"), f"a {kind} channel is reached by its number, not an address")
        elif kind == "telegram" and number is None and address is None:
            yield Finding(
                _path(index),
                'a telegram channel needs its public name (`address: "@name"`) or its `number`',
                key=True,
            )
        elif kind == "telegram" and address is not None and not telegram_name_ok(address):
            yield Finding(
                _path(index, "address"),
                f"`{show_value(address)}` is not a Telegram name",
                "Write the public name as on t.me, e.g. @name: 5 to 32 letters, digits or _, starting with a letter.",
            )
        elif kind in ("web", "email", "in_person") and number is not None:
            yield Finding(_path(index, "number"), f"an {kind} channel has no phone number; make it a voice channel")
        elif kind == "web" and not (address or "").startswith("https://"):
            yield Finding(
                _path(index, "address") if address else _path(index),
                "a web channel needs the https:// address of its chat or form",
                key=address is None,
            )
        elif kind == "email" and not _EMAIL.match(address or ""):
            yield Finding(
                _path(index, "address") if address else _path(index),
                "an email channel needs an e-mail address like info@example.kz",
                key=address is None,
            )
        elif kind == "in_person":
            yield from _in_person(listing, index, address)


def _in_person(listing: ListingView, index: int, address: Any) -> Iterator[Finding]:
    if address is not None:
        yield Finding(_path(index, "address"), "an in-person channel takes the listing's `location.address`")
    elif houses_people(listing.text_data):
        yield Finding(
            _path(index, "kind"),
            "a place where people stay is never reached in person through the directory: its address is secret",
            "Remove this channel; say in `how_to_reach` how to arrange a meeting (for example, call first).",
        )
    elif not isinstance(listing.data.get("location"), dict) or "address" not in listing.data["location"]:
        yield Finding(
            _path(index, "kind"),
            "an in-person channel needs the office's published address in `location.address`",
            "Add the address a source publishes, or remove this channel.",
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
        f"`{show_value(ref)}` is not the url or title of one of this listing's sources",
        "Copy the url (or a document's title) from `sources`, or add the source there first.",
    )


def _hours_make_sense(listing: ListingView) -> Iterator[Finding]:
    places: list[tuple[JsonPath, Any]] = [(("hours",), listing.data.get("hours"))]
    places += [(_path(index, "hours"), channel["hours"]) for index, channel in channels(listing)]
    for path, value in places:
        if not isinstance(value, list) or not listing.fits("#/$defs/hours", value):
            continue
        for problem in hours_reading.problems(value):
            yield Finding((*path, problem.index, problem.field), f"hours: {problem.message}", problem.hint)


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
                f"this {channel['kind']} channel is given twice in this listing",
                "List each channel once; a number reached by voice and by WhatsApp is two channels of different kinds.",
            )
        seen.add(key)


def _one_contact_list(listing: ListingView) -> Iterator[Finding]:
    contacts = listing.data.get("contacts")
    if isinstance(contacts, dict) and "channels" not in contacts and "phones" not in contacts:
        yield Finding(
            ("contacts",),
            "contacts needs `channels`: the ways to reach them, or `[]` with `how_to_reach`",
            'Add channels: [] and how_to_reach in kk and ru, or a channel such as  - kind: voice  number: "150".',
            key=True,
        )
    if isinstance(contacts, dict) and "channels" in contacts and "phones" in contacts:
        yield Finding(
            ("contacts", "phones"),
            "contacts has both `phones` (the old form) and `channels`",
            "Move each phone into `channels` (python -m generator migrate-channels does it) and remove `phones`.",
            key=True,
        )


def _channel(**fields: Any) -> dict[str, Any]:
    who = dict.fromkeys(WHO_HEARS, "unknown")
    return {"hours": "24/7", "languages": "unknown", "cost": "unknown", "source": "unknown", "who_hears": who} | fields


CHANNEL_REACHABLE = Rule(
    id="channel-reachable",
    description={
        "kk": "Әр байланыс арнасында оның түріне сай нөмір не мекенжай бар; кеңседе кездесу тек жарияланған мекенжайы бар, адамдар тұрмайтын орында.",
        "ru": "У каждого канала связи есть номер или адрес, подходящий к его виду; личный приём — только в офисе с опубликованным адресом, где люди не живут.",
        "en": "Each channel has the number or address its kind needs; in person only at an office with a published address where nobody stays.",
    },
    check=_reachable,
    example=Example({"contacts": {"channels": [_channel(kind="email", address="info-at-example.kz")]}}),
)

CHANNEL_SOURCE_LISTED = Rule(
    id="channel-source-listed",
    description={
        "kk": "Арнаның және «кім естиді» жауаптарының дереккөзі — жазбаның `sources` тізіміндегі дереккөз немесе unknown.",
        "ru": "Источник канала и ответов «кто слышит» — источник из `sources` этой записи или unknown.",
        "en": "A channel's source, and the source of each who-hears answer, is one of the listing's sources, or unknown.",
    },
    check=_source_listed,
    example=Example(
        {"contacts": {"channels": [_channel(kind="voice", number="+7 701 123 4567", source="https://other.kz")]}}
    ),
)

HOURS_MAKE_SENSE = Rule(
    id="hours-make-sense",
    description={
        "kk": "Жұмыс уақытында бір уақыт екі рет айтылмайды және ешбір кезең 24:00-де ашылмайды.",
        "ru": "В часах работы одно и то же время не указано дважды, и ни один период не начинается в 24:00.",
        "en": "Opening hours give each time of the week once, and no period opens at 24:00.",
    },
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
    description={
        "kk": "Бір арна (бір түрі және бір нөмірі не мекенжайы) жазбада бір-ақ рет беріледі.",
        "ru": "Один канал (один вид и один номер или адрес) указан в записи только один раз.",
        "en": "A channel (one kind and one number or address) is given once in a listing.",
    },
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
    description={
        "kk": "Байланыстар бір тізімде: `contacts.channels` бар, ал ескі `contacts.phones` оның қасында тұрмайды.",
        "ru": "Контакты в одном списке: `contacts.channels` есть, и старый `contacts.phones` не стоит рядом с ним.",
        "en": "Contacts are one list: `contacts.channels`, not missing and not beside the old `contacts.phones`.",
    },
    check=_one_contact_list,
    example=Example({"contacts.channels": [_channel(kind="whatsapp", number="+7 702 123 4567")]}),
)
