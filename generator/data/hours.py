"""One reading of opening hours, for every page, filter, export and check.

Hours are "24/7", "unknown", or a list of periods (`days`, `opens`, `closes`) in
Kazakhstan's one time zone, Asia/Almaty, UTC+5 since 2024-03-01. A period that closes
at or before it opens runs through midnight into the next day ("20:00"-"08:00" is the
night; "09:00"-"09:00" a whole day). find-help.js and reach-now.js read a schedule
the same way (weekSpans, openNow, allDay, nextOpening); tests/features/test_finder.py
and tests/data/test_hours.py check that they agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.data.messages import say

UTC_OFFSET_MINUTES = 5 * 60  # Asia/Almaty
DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")  # the order of JavaScript's getUTCDay()
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # the order a reader reads them in
DAY_MINUTES = 24 * 60
WEEK_MINUTES = 7 * DAY_MINUTES
Hours = str | list[dict[str, Any]]  # "24/7", "unknown", or the periods as the data gives them


def clock_minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def week_spans(periods: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """The minutes of the week a schedule covers, as [start, end) from Sunday 00:00. A period that
    closes at or before it opens runs through midnight into the next day (closing when it opens:
    a whole day, as "09:00–09:00"); the end may pass the week's end, running into Sunday."""
    spans = []
    for period in periods:
        opens, closes = clock_minutes(period["opens"]), clock_minutes(period["closes"])
        length = closes - opens if closes > opens else closes + DAY_MINUTES - opens
        for day in period["days"]:
            start = DAYS.index(day) * DAY_MINUTES + opens
            spans.append((start, start + length))
    return spans


def open_at(hours: Hours, day: str, minute: int) -> str:
    """'yes', 'no' or 'unknown': open on `day` (sun … sat) at `minute` past local midnight."""
    if hours == "24/7":
        return "yes"
    if not isinstance(hours, list):
        return "unknown"
    point = DAYS.index(day) * DAY_MINUTES + minute
    spans = week_spans(hours)
    return "yes" if any(a <= p < b for a, b in spans for p in (point, point + WEEK_MINUTES)) else "no"


def all_day(hours: Hours) -> str:
    """'yes' when the schedule covers every minute of the week, in whatever form ("24/7",
    00:00–24:00 each day, 09:00–09:00 each day, 00:00–12:00 and 12:00–24:00, …)."""
    if hours == "24/7":
        return "yes"
    if not isinstance(hours, list):
        return "unknown"
    pieces = []
    for start, end in week_spans(hours):
        pieces.append((start, min(end, WEEK_MINUTES)))
        if end > WEEK_MINUTES:  # through Saturday midnight into Sunday
            pieces.append((0, end - WEEK_MINUTES))
    covered = 0
    for start, end in sorted(pieces):
        if start > covered:
            return "no"
        covered = max(covered, end)
    return "yes" if covered >= WEEK_MINUTES else "no"


def next_opening(hours: Hours, day: str, minute: int) -> tuple[str, str] | None:
    """When a closed schedule next opens: (day, "HH:MM"), or None (open now, or not known)."""
    if open_at(hours, day, minute) != "no" or not isinstance(hours, list):
        return None
    point = DAYS.index(day) * DAY_MINUTES + minute
    starts = [start % WEEK_MINUTES for start, _ in week_spans(hours)]
    if not starts:
        return None
    wait = min((start - point) % WEEK_MINUTES for start in starts)
    at = (point + wait) % WEEK_MINUTES
    return DAYS[at // DAY_MINUTES], f"{at % DAY_MINUTES // 60:02d}:{at % 60:02d}"


def any_answer(answers: list[str]) -> str:
    """One answer for several channels: 'yes' if any says yes, else 'unknown' if any is not known,
    else 'no'. She can reach them if any one way answers."""
    if "yes" in answers:
        return "yes"
    return "unknown" if "unknown" in answers else "no"


@dataclass(frozen=True)
class HoursProblem:
    index: int  # which period
    field: str  # "opens", "closes" or "days": where to point the editor
    message: str  # a message said by key (messages.say), in the editor's language when printed
    hint: str


def problems(periods: list[dict[str, Any]]) -> list[HoursProblem]:
    """What the schema cannot see in a list of periods that has its shape: periods that overlap
    (the same hours said twice, or two times that contradict), and a period that opens at 24:00."""
    found: list[HoursProblem] = []
    seen: list[tuple[int, str, int, int]] = []  # period index, day, start, end
    for index, period in enumerate(periods):
        opens, closes = period["opens"], period["closes"]
        if opens == "24:00":
            found.append(
                HoursProblem(
                    index,
                    "opens",
                    say("hours.opens-at-24"),
                    say("hours.opens-at-24.hint"),
                )
            )
            continue
        for day_index, (start, end) in enumerate(week_spans([period])):
            day = period["days"][day_index]
            for other, other_day, a, b in seen:
                if _overlap((start, end), (a, b)):
                    values = {"day": day, "opens": opens, "closes": closes, "other_day": other_day}
                    message = (
                        say("hours.overlap-itself", **values)
                        if other == index
                        else say("hours.overlap", period=other + 1, **values)
                    )
                    found.append(HoursProblem(index, "days", message, say("hours.overlap.hint")))
                    break
            seen.append((index, day, start, end))
    return found


def _overlap(x: tuple[int, int], y: tuple[int, int]) -> bool:
    """Do two spans of the week overlap, counting a span that runs past Saturday into Sunday?"""
    shifts = (-WEEK_MINUTES, 0, WEEK_MINUTES)
    return any(x[0] + s < y[1] and y[0] < x[1] + s for s in shifts)


def parse_text(text: str) -> Hours:
    """Hours written on one line, as an editor types them and the CSV export writes them:
    "24/7", "unknown", or periods "mon-fri 09:00-18:00; sat 10:00-14:00" (days as a range
    mon-fri or a list mon,wed). ValueError says why a line cannot be read."""
    text = text.strip().lower()
    if text in ("24/7", "unknown", ""):
        return text or "unknown"
    periods: list[dict[str, Any]] = []
    for part in (p.strip() for p in text.split(";") if p.strip()):
        pieces = part.split()
        if len(pieces) != 2 or pieces[1].count("-") != 1:
            raise ValueError(say("hours.text.shape", part=part))
        days = _days(pieces[0])
        opens, closes = pieces[1].split("-")
        for clock in (opens, closes):
            if not _CLOCK.match(clock):
                raise ValueError(say("hours.text.clock", clock=clock))
        periods.append({"days": days, "opens": opens, "closes": closes})
    found = problems(periods)
    if found:
        raise ValueError(found[0].message)
    return periods


_CLOCK = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")


def _days(text: str) -> list[str]:
    days: list[str] = []
    for item in text.split(","):
        ends = item.split("-")
        if any(end not in WEEKDAYS for end in ends) or len(ends) > 2:
            raise ValueError(say("hours.text.days", item=item))
        first, last = WEEKDAYS.index(ends[0]), WEEKDAYS.index(ends[-1])
        if last < first:
            raise ValueError(say("hours.text.range", item=item))
        days += [d for d in WEEKDAYS[first : last + 1] if d not in days]
    return days
