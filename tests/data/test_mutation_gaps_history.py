"""status_history (rules/history.py) where a small change would go unnoticed (issue 23): the
bounds of "in the future" and "oldest first", a date that is not real, and the last step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.data.rules import example as examples
from generator.data.rules.base import Example
from generator.data.validate import validate

from ..conftest import CORPUS, make_data_dir

SOURCE = "https://example.kz/a"


def _history(steps: list[dict], **more) -> list[tuple[int, str]]:
    found = examples.run(Example({"status_history": steps, **more}))
    assert all(p.rule == "status-history-agrees" for p in found), found
    return [(p.line, p.message) for p in found]


def _step(status: str, date: str) -> dict:
    return {"status": status, "date": date, "source": SOURCE}


def test_a_step_of_today_is_not_in_the_future():
    assert examples.TODAY.isoformat() == "2026-01-15"
    assert _history([_step("active", "2026-01-15")]) == []
    assert [m for _, m in _history([_step("active", "2026-01-16")])] == ["the date 2026-01-16 is in the future"]


def test_two_steps_of_the_same_day_are_in_order():
    assert _history([_step("suspended", "2025-03-01"), _step("active", "2025-03-01")]) == []
    assert [m for _, m in _history([_step("suspended", "2025-03-02"), _step("active", "2025-03-01")])] == [
        "the date 2025-03-01 is before the step above it"
    ]


def test_a_date_that_is_not_real_is_named_once_and_not_compared():
    found = _history([_step("suspended", "2025-02-30"), _step("active", "2024-01-01")])
    # The next step is compared with nothing before it: no "before the step above it".
    assert [m for _, m in found] == ["`2025-02-30` is not a real date"]
    found = _history([_step("suspended", "2025-05"), _step("closed", "2025-02-30"), _step("active", "2025-06")])
    assert [m for _, m in found] == ["`2025-02-30` is not a real date"]


def test_the_last_step_must_agree_with_status_and_is_pointed_at():
    steps = [_step("closed", "2024-05"), _step("suspended", "2025-05")]
    found = _history(steps)  # the example's status is active
    assert [m for _, m in found] == ["the last step of status_history is `suspended` but status is `active`"]
    assert _history([*steps, _step("active", "2025-09")]) == []


def test_the_last_step_that_disagrees_is_pointed_at(tmp_path: Path):
    # In a file: the problem is on the last step's status, where the editor fixes it.
    base = (CORPUS / "valid" / "almaty-corpus-base.yaml").read_text(encoding="utf-8")
    history = (
        "status_history:\n"
        f"  - {{status: closed, date: '2024-05', source: '{SOURCE}'}}\n"
        f"  - {{status: suspended, date: '2025-01', source: '{SOURCE}'}}\n"
        f"  - {{status: closed, date: '2025-05', source: '{SOURCE}'}}\n"
    )
    assert base.count("\nstatus: active\n") == 1
    data = make_data_dir(tmp_path / "data")
    (data / "centres" / "almaty-corpus-base.yaml").write_text(
        base.replace("\nstatus: active\n", "\nstatus: active\n" + history), encoding="utf-8"
    )
    found = [p for p in validate(data, today=dt.date(2026, 1, 15)).problems if p.rule == "status-history-agrees"]
    assert [(p.line, p.message) for p in found] == [
        (9, "the last step of status_history is `closed` but status is `active`")
    ]
