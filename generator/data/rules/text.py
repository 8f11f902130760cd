"""What the published text may not hold: HTML anywhere; and, in a listing that houses
people, anything that tells where it is (an address, a map link, a location in words).

These rules read every string of a listing (ListingView.strings, made once for all of
them). They look at all the text joined first: a tag start, or a word or shape of the
location forms, in one string is also in the joined text (the NUL between them is
neither \\w nor \\s, like the start or end of a string), so most listings are done
with a few searches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.data.location_text import SHORTENED_LINK, location_label, map_link_in, may_hold_location, short_link_in
from generator.data.messages import location_label as said_label
from generator.data.messages import say
from generator.data.rules.base import Example, Finding, ListingView, Rule
from generator.data.yamlload import JsonPath

# HTML: the start of a tag (`<a`, `</b`, `<!--`) that a `>` follows somewhere, or a tag
# name followed by a space or slash (`<img src=…`, `<br/`). Two searches and a find,
# each linear: the one regex this replaces, `<…[^>]*>`, rescanned the rest of the text
# from every `<`, and took 16 s on 260 KB of `<a` without `>`.
_HTML_TAG_START = re.compile(r"<\s*/?\s*[a-zA-Z!]")
_HTML_TAG_OPEN = re.compile(r"<\s*/?\s*[a-zA-Z]+[\s/]")


def has_html_tag(text: str) -> bool:
    start = _HTML_TAG_START.search(text)
    if start is None:
        return False
    return text.find(">", start.end()) != -1 or _HTML_TAG_OPEN.search(text, start.start()) is not None


def _is_link(path: JsonPath) -> bool:
    """A link field: a website, a social page, a source's URL, an office address's source."""
    keys = [key for key in path if isinstance(key, str)]
    return keys in (["contacts", "website"], ["contacts", "social"], ["sources", "url"]) or keys == [
        "location",
        "address",
        "source",
    ]


def _no_html(listing: ListingView) -> Iterator[Finding]:
    strings = listing.strings
    if not has_html_tag("\0".join(text for _, text, _ in strings)):
        return
    for path, text, _ in strings:
        if has_html_tag(text):
            yield Finding(
                path,
                say("html.listing"),
                say("html.hint"),
            )


def _no_location_in_text(listing: ListingView) -> Iterator[Finding]:
    if not listing.houses_people:
        return
    strings = listing.strings
    free = "\0".join(text for _, text, is_free in strings if is_free)
    if not (free and may_hold_location(free)):
        return
    for path, text, is_free in strings:
        label = location_label(text) if is_free else None
        if label and label != SHORTENED_LINK:  # _no_map_link reports it, with its own hint
            yield Finding(
                path,
                say("location.in-text", label=said_label(label)),
                say("location.in-text.hint"),
            )


def _no_address_where_people_stay(listing: ListingView) -> Iterator[Finding]:
    data = listing.text_data
    location = data.get("location")
    # For kind: shelter the schema already says so.
    if listing.houses_people and data.get("kind") != "shelter" and isinstance(location, dict) and "address" in location:
        yield Finding(
            ("location", "address"),
            say("location.address-where-people-stay"),
            say("location.address-where-people-stay.hint"),
            key=True,
        )


def _no_map_link(listing: ListingView) -> Iterator[Finding]:
    if not listing.houses_people:
        return
    for path, text, _ in listing.strings:
        if _is_link(path) and map_link_in(text):
            yield Finding(
                path,
                say("link.map"),
                say("link.map.hint"),
            )
        elif short_link_in(text):  # in a link field or in the text
            yield Finding(
                path,
                say("link.short"),
                (say("link.short.hint")),
            )


_SHELTERED = {"services": ["shelter", "psychological"], "stay": {"min": "1 day", "max": "3 months"}, "places": 10}

NO_HTML = Rule(
    id="no-html",
    check=_no_html,
    example=Example({"description.ru": "Помогаем <b>женщинам</b> и детям."}),
)

NO_ADDRESS_WHERE_PEOPLE_STAY = Rule(
    id="no-address-where-people-stay",
    check=_no_address_where_people_stay,
    example=Example(
        {
            **_SHELTERED,
            "location.address": {
                "kk": "Абай даңғылы, 10",
                "ru": "пр. Абая, 10",
                "source": "https://example.kz/contacts",
            },
        }
    ),
)

NO_MAP_LINK = Rule(
    id="no-map-link",
    check=_no_map_link,
    example=Example({**_SHELTERED, "contacts.website": "https://2gis.kz/almaty/firm/70000001012345678"}),
)

NO_LOCATION_IN_TEXT = Rule(
    id="no-location-in-text",
    check=_no_location_in_text,
    example=Example({**_SHELTERED, "description.ru": "Приют для женщин, ул. Абая, 10."}),
)
