"""One reading of opening hours (generator/data/hours.py): overnight periods, 24/7, weekdays,
when a closed place opens next, and what the validator says about hours that contradict."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from generator.data import hours
from generator.data.validate import validate
from generator.tools.migrate_channels import migrate_text

from ..conftest import DATA, ROOT, make_data_dir, require

WEEKDAYS_9_TO_6 = [{"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "09:00", "closes": "18:00"}]
NIGHTS = [{"days": ["fri", "sat"], "opens": "20:00", "closes": "08:00"}]


@pytest.mark.parametrize(
    ("day", "minute", "want"),
    [
        ("mon", 9 * 60 + 30, "yes"),
        ("mon", 9 * 60, "yes"),  # opens at 09:00 sharp
        ("mon", 18 * 60, "no"),  # closed at 18:00 sharp
        ("mon", 2 * 60, "no"),
        ("fri", 23 * 60 + 59, "no"),
        ("sat", 10 * 60, "no"),  # not a weekday
        ("sun", 10 * 60, "no"),
    ],
)
def test_weekdays(day: str, minute: int, want: str):
    assert hours.open_at(WEEKDAYS_9_TO_6, day, minute) == want


@pytest.mark.parametrize(
    ("day", "minute", "want"),
    [
        ("fri", 23 * 60 + 59, "yes"),
        ("sat", 2 * 60, "yes"),  # Friday's night runs into Saturday morning
        ("sat", 8 * 60, "no"),
        ("sun", 2 * 60, "yes"),  # Saturday's night runs past the week's end into Sunday
        ("sun", 9 * 60, "no"),
        ("fri", 2 * 60, "no"),  # Thursday has no night
    ],
)
def test_overnight_periods_run_into_the_next_day(day: str, minute: int, want: str):
    assert hours.open_at(NIGHTS, day, minute) == want


def test_24_7_and_unknown():
    assert [hours.open_at("24/7", d, m) for d, m in (("sun", 0), ("wed", 2 * 60), ("sat", 1439))] == ["yes"] * 3
    assert hours.open_at("unknown", "mon", 600) == "unknown"
    assert hours.all_day("24/7") == "yes" and hours.all_day("unknown") == "unknown"
    every_day = [{"days": list(hours.DAYS), "opens": "00:00", "closes": "24:00"}]
    assert hours.all_day(every_day) == "yes"
    assert hours.all_day(WEEKDAYS_9_TO_6) == "no"


def test_next_opening():
    assert hours.next_opening(WEEKDAYS_9_TO_6, "mon", 2 * 60) == ("mon", "09:00")
    assert hours.next_opening(WEEKDAYS_9_TO_6, "fri", 23 * 60 + 59) == ("mon", "09:00")
    assert hours.next_opening(WEEKDAYS_9_TO_6, "mon", 9 * 60 + 30) is None  # open now
    assert hours.next_opening(NIGHTS, "sun", 10 * 60) == ("fri", "20:00")  # across the week's end
    assert hours.next_opening("unknown", "mon", 0) is None
    assert hours.next_opening("24/7", "mon", 0) is None


def test_problems_overlap_and_24_00():
    overlap = WEEKDAYS_9_TO_6 + [{"days": ["fri"], "opens": "17:00", "closes": "20:00"}]
    found = hours.problems(overlap)
    assert [(p.index, p.field, p.message) for p in found] == [(1, "days", "fri 17:00–20:00 overlaps period 1 (fri)")]
    # Saturday night into Sunday morning overlaps a Sunday-morning period.
    found = hours.problems(NIGHTS + [{"days": ["sun"], "opens": "07:00", "closes": "10:00"}])
    assert [p.message for p in found] == ["sun 07:00–10:00 overlaps period 1 (sat)"]
    found = hours.problems([{"days": ["mon"], "opens": "24:00", "closes": "08:00"}])
    assert [p.message for p in found] == ["a period cannot open at 24:00"]
    # Back to back is not an overlap; nor is a night next to the next day's morning hours.
    assert hours.problems(WEEKDAYS_9_TO_6 + [{"days": ["mon"], "opens": "18:00", "closes": "20:00"}]) == []
    assert hours.problems(NIGHTS + [{"days": ["sat"], "opens": "08:00", "closes": "12:00"}]) == []


BAD_CHANNEL_HOURS = """\
    - kind: voice
      number: "+7 701 123 4567"
      hours:
        - days: [mon, tue]
          opens: "09:00"
          closes: "18:00"
        - days: [tue]
          opens: "17:00"
          closes: "20:00"
      languages: unknown
      cost: unknown
      source: unknown
      who_hears:
        anonymous: unknown
        recorded: unknown
        may_inform_police: unknown
"""


def test_validator_names_the_place_of_bad_channel_hours(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    text = migrate_text((DATA / "centres" / "national-150.yaml").read_text(encoding="utf-8"))
    start = text.index("  channels:\n") + len("  channels:\n")
    end = text.index("\n\n", start) + 1
    bad = tmp_path / "national-150.yaml"
    bad.write_text(text[:start] + BAD_CHANNEL_HOURS + text[end:], encoding="utf-8")
    data = make_data_dir(tmp_path / "data", [bad])
    monkeypatch.chdir(data / "centres")
    report = validate(data)
    messages = [(p.line, p.message, p.hint) for p in report.problems]
    line = 1 + (text[:start] + BAD_CHANNEL_HOURS).splitlines().index("        - days: [tue]")
    assert messages == [
        (
            line,
            "hours: tue 17:00–20:00 overlaps period 1 (tue)",
            "Give each time of the week once: join the periods or correct the days.",
        )
    ]


# ---------------------------------------------------------------- reach-now.js reads hours the same way

REACH_JS = ROOT / "overrides" / "assets" / "javascripts" / "reach-now.js"
RUNNER = """
const reach = require(process.argv[2]);
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map(([hours, iso]) => {
  const now = new Date(iso);
  const point = reach.weekMinute(now);
  return [reach.openAt(hours, point), reach.nextOpening(hours, point), reach.status(hours, now).key];
})));
"""

SCHEDULES = [
    "24/7",
    "unknown",
    WEEKDAYS_9_TO_6,
    NIGHTS,
    [{"days": list(hours.DAYS), "opens": "00:00", "closes": "24:00"}],
    [{"days": ["sat"], "opens": "22:00", "closes": "02:00"}, {"days": ["wed"], "opens": "09:30", "closes": "09:31"}],
]
# Moments in UTC; Almaty is UTC+5. 2026-12-07 is a Monday.
MOMENTS = [
    "2026-12-06T21:00:00Z",  # Mon 02:00 in Almaty
    "2026-12-07T04:30:00Z",  # Mon 09:30
    "2026-12-07T18:59:00Z",  # Mon 23:59
    "2026-12-09T04:30:00Z",  # Wed 09:30
    "2026-12-12T18:59:00Z",  # Sat 23:59
    "2026-12-13T20:30:00Z",  # Mon 01:30 (Sunday night in UTC)
    "2026-12-13T02:00:00Z",  # Sun 07:00
]


def test_reach_now_js_agrees_with_python(tmp_path: Path):
    require("node")
    runner = tmp_path / "runner.cjs"
    runner.write_text(RUNNER, encoding="utf-8")
    cases = [(h, m) for h in SCHEDULES for m in MOMENTS]
    done = subprocess.run(
        ["node", str(runner), str(REACH_JS)], input=json.dumps(cases), capture_output=True, text=True, check=True
    )
    got = json.loads(done.stdout)
    want = []
    for schedule, moment in cases:
        local = dt.datetime.fromisoformat(moment.replace("Z", "+00:00")) + dt.timedelta(
            minutes=hours.UTC_OFFSET_MINUTES
        )
        day, minute = hours.DAYS[(local.weekday() + 1) % 7], local.hour * 60 + local.minute
        state = hours.open_at(schedule, day, minute)
        nxt = hours.next_opening(schedule, day, minute)
        key = {"yes": "now_open", "unknown": "now_unknown"}.get(state, "now_opens" if nxt else "now_closed")
        want.append([state, list(nxt) if nxt else None, "now_247" if schedule == "24/7" else key])
    assert len(got) == len(want) == 42
    assert got == want
    # The three moments the issue names, on weekdays 09:00-18:00: closed, open, closed.
    assert [g[0] for g in got[14:17]] == ["no", "yes", "no"]


def test_hours_written_on_one_line():
    assert hours.parse_text("Mon-Fri 09:00-18:00; sat 10:00-14:00") == [
        {"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "09:00", "closes": "18:00"},
        {"days": ["sat"], "opens": "10:00", "closes": "14:00"},
    ]
    assert hours.parse_text("fri,sat 20:00-08:00") == NIGHTS
    assert hours.parse_text("24/7") == "24/7" and hours.parse_text("") == "unknown"
    for bad, why in (
        ("mon 25:00-18:00", "`25:00` is not a time"),
        ("fri-mon 09:00-10:00", "a range goes forward"),
        ("weekdays 09:00-18:00", "days are mon, tue"),
        ("mon 09:00", "write days and times"),
        ("mon 09:00-18:00; mon 10:00-11:00", "overlaps period 1"),
    ):
        with pytest.raises(ValueError, match=why):
            hours.parse_text(bad)
