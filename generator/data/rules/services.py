"""Services come from the controlled vocabulary."""

from __future__ import annotations

from collections.abc import Iterator

from generator.data.messages import say
from generator.data.rules.base import Example, Finding, ListingView, Rule
from generator.data.schema_check import show_value


def _known_service(listing: ListingView) -> Iterator[Finding]:
    services = listing.data.get("services")
    if not isinstance(services, list):
        return
    known = listing.reference.services
    for index, key in enumerate(services):
        if listing.fits("#/properties/services/items", key) and key not in known:
            yield Finding(
                ("services", index),
                say("service.unknown", service=show_value(key)),
                say("service.unknown.hint", known=", ".join(known)),
            )


KNOWN_SERVICE = Rule(
    id="known-service",
    check=_known_service,
    example=Example({"services": ["psychological", "massage"]}),
)
