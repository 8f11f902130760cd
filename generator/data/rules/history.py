"""Status history: real dates, oldest first, none in the future, and the last step agrees with `status`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.data.messages import say
from generator.data.rules.base import Example, Finding, ListingView, Rule, parse_date


def _history_agrees(listing: ListingView) -> Iterator[Finding]:
    history = listing.data.get("status_history")
    if history is None or not listing.fits("#/properties/status_history", history):
        return
    previous: dt.date | None = None
    for index, step in enumerate(history):
        date = parse_date(step["date"])
        path = ("status_history", index, "date")
        if date is None:
            yield Finding(path, say("history.not-a-date", date=step["date"]), say("history.not-a-date.hint"))
            continue
        if date > listing.reference.today:
            yield Finding(path, say("history.future", date=step["date"]), say("history.future.hint"))
        if previous is not None and date < previous:
            yield Finding(path, say("history.order", date=step["date"]), say("history.order.hint"))
        previous = date
    status = listing.data.get("status")
    last = history[-1]["status"]
    if listing.fits("#/properties/status", status) and last != status:
        yield Finding(
            ("status_history", len(history) - 1, "status"),
            say("history.last", last=last, status=status),
            say("history.last.hint"),
        )


STATUS_HISTORY_AGREES = Rule(
    id="status-history-agrees",
    check=_history_agrees,
    example=Example(
        {"status_history": [{"status": "closed", "date": "2025-05", "source": "https://example.kz/closed"}]}
    ),
)
