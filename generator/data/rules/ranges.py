"""Ranges: a stay's minimum, maximum and exceptional maximum, and the ages accepted, in order."""

from __future__ import annotations

from collections.abc import Iterator

from generator.data.messages import say
from generator.data.model import Duration
from generator.data.rules.base import Example, Finding, ListingView, Rule
from generator.data.schema_check import show_value


def _stay_in_order(listing: ListingView) -> Iterator[Finding]:
    stay = listing.data.get("stay")
    if not isinstance(stay, dict):
        return
    fields = [f for f in ("min", "max", "exceptional_max") if f in stay and listing.fits("#/$defs/duration", stay[f])]
    steps = [(f, Duration.parse(stay[f])) for f in fields]
    known = [(f, d) for f, d in steps if d and d.hours is not None]
    for (f1, d1), (f2, d2) in zip(known, known[1:], strict=False):
        if d1.hours > d2.hours:  # type: ignore[operator]
            yield Finding(
                ("stay", f2),
                say(
                    "stay.order",
                    longer=f2,
                    longer_value=show_value(stay[f2]),
                    shorter=f1,
                    shorter_value=show_value(stay[f1]),
                ),
                say("stay.order.hint"),
            )


def _ages_in_order(listing: ListingView) -> Iterator[Finding]:
    elig = listing.data.get("eligibility")
    if not isinstance(elig, dict):
        return
    low, high = elig.get("age_min"), elig.get("age_max")
    if not (listing.fits("#/$defs/age", low) and listing.fits("#/$defs/age", high)):
        return
    numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (low, high))
    if numbers and low > high:
        yield Finding(
            ("eligibility", "age_max"),
            say("ages.order", high=high, low=low),
            say("ages.order.hint"),
        )


STAY_IN_ORDER = Rule(
    id="stay-in-order",
    check=_stay_in_order,
    example=Example(
        {"kind": "shelter", "services": ["shelter"], "stay": {"min": "6 months", "max": "2 hours"}, "places": 10}
    ),
)

AGES_IN_ORDER = Rule(
    id="ages-in-order",
    check=_ages_in_order,
    example=Example({"eligibility.age_min": 18, "eligibility.age_max": 16}),
)
