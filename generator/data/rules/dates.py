"""Dates: real ones, none in the future, and a listing checked within a year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.data.messages import say
from generator.data.model import STALE_AFTER_DAYS
from generator.data.problems import Severity
from generator.data.rules.base import Example, Finding, ListingView, Rule, parse_date
from generator.data.yamlload import JsonPath


def _verification_dates(listing: ListingView) -> Iterator[tuple[str, JsonPath, str, dt.date | None]]:
    """verification.last_checked and verified_on, when they have their shape: field, path, text, date."""
    verification = listing.data.get("verification")
    if not isinstance(verification, dict):
        return
    for field in ("last_checked", "verified_on"):
        if field in verification and listing.fits("#/$defs/date", verification[field]):
            yield field, ("verification", field), verification[field], parse_date(verification[field])


def _source_dates(listing: ListingView) -> Iterator[tuple[JsonPath, str, dt.date | None]]:
    """Each source's date that has its shape and is not `unknown`: path, text, date."""
    sources = listing.data.get("sources")
    for index, source in enumerate(sources if isinstance(sources, list) else []):
        if not isinstance(source, dict) or not listing.fits("#/$defs/partial_date", source.get("date")):
            continue
        if source["date"] != "unknown":
            yield ("sources", index, "date"), source["date"], parse_date(source["date"])


def _real_date(listing: ListingView) -> Iterator[Finding]:
    for _, path, text, date in _verification_dates(listing):
        if date is None:
            yield Finding(path, say("date.not-real", date=text), say("date.not-real.hint"))
    for path, text, date in _source_dates(listing):
        if date is None:
            yield Finding(path, say("date.not-real", date=text), say("date.partial.hint"))


def _not_in_future(listing: ListingView) -> Iterator[Finding]:
    today = listing.reference.today
    for _, path, _, date in _verification_dates(listing):
        if date is not None and date > today:
            yield Finding(path, say("date.future", date=date), say("date.future.hint"))
    for path, text, date in _source_dates(listing):
        if date is not None and date > today:
            yield Finding(path, say("date.future", date=text))


def _checked_within_a_year(listing: ListingView) -> Iterator[Finding]:
    today = listing.reference.today
    for field, path, _, date in _verification_dates(listing):
        if field == "last_checked" and date is not None and date <= today and (today - date).days > STALE_AFTER_DAYS:
            yield Finding(
                path,
                say("date.stale", date=date),
                say("date.stale.hint"),
                severity=Severity.WARNING,
            )


REAL_DATE = Rule(
    id="real-date",
    check=_real_date,
    example=Example({"verification.last_checked": "2026-02-30"}),
)

NOT_IN_FUTURE = Rule(
    id="date-not-in-future",
    check=_not_in_future,
    example=Example({"sources.0.date": "2099-05"}),
)

CHECKED_WITHIN_A_YEAR = Rule(
    id="checked-within-a-year",
    check=_checked_within_a_year,
    example=Example({"verification.last_checked": "2020-03-01"}),
)
