"""A listing's id is its file's name."""

from __future__ import annotations

from collections.abc import Iterator

from generator.data.messages import say
from generator.data.rules.base import Example, Finding, ListingView, Rule
from generator.data.schema_check import show_value


def _id_matches_file(listing: ListingView) -> Iterator[Finding]:
    data, stem = listing.data, listing.stem
    if listing.fits("#/properties/id", data.get("id")) and data["id"] != stem:
        yield Finding(
            ("id",),
            say("id.not-file", id=data["id"], stem=show_value(stem)),
            say("id.not-file.hint", id=data["id"], stem=show_value(stem)),
        )


ID_MATCHES_FILE = Rule(
    id="id-matches-file",
    check=_id_matches_file,
    example=Example({"id": "example-shelter"}),
)
