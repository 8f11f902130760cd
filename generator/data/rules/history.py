"""Status history: real dates, oldest first, none in the future, and the last step agrees with `status`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

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
            yield Finding(path, f"`{step['date']}` is not a real date", "Write YYYY-MM-DD, YYYY-MM or YYYY.")
            continue
        if date > listing.reference.today:
            yield Finding(path, f"the date {step['date']} is in the future", "Write the day it really happened.")
        if previous is not None and date < previous:
            yield Finding(path, f"the date {step['date']} is before the step above it", "List the steps oldest first.")
        previous = date
    status = listing.data.get("status")
    last = history[-1]["status"]
    if listing.fits("#/properties/status", status) and last != status:
        yield Finding(
            ("status_history", len(history) - 1, "status"),
            f"the last step of status_history is `{last}` but status is `{status}`",
            "The newest step says the status now: make `status` and it the same, or add the newer step.",
        )


STATUS_HISTORY_AGREES = Rule(
    id="status-history-agrees",
    description={
        "kk": "`status_history` қадамдары ескісінен бастап, нақты күндермен жазылған; соңғысы `status` мәнімен бірдей.",
        "ru": "Шаги `status_history` идут от старых к новым, с настоящими датами; последний совпадает со `status`.",
        "en": "The steps of `status_history` run oldest first with real dates, and the last one agrees with `status`.",
    },
    check=_history_agrees,
    example=Example(
        {"status_history": [{"status": "closed", "date": "2025-05", "source": "https://example.kz/closed"}]}
    ),
)
