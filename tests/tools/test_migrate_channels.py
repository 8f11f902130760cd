"""`python -m generator migrate-channels`: the old phones become channels, nothing is lost,
no number is rewritten, comments and order stay, and a second run changes nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.data.validate import validate
from generator.tools.migrate_channels import expected, migrate_file, migrate_text

from ..conftest import DATA, ROOT, make_data_dir, run_cli_here

OLD = """\
# yaml-language-server: $schema=../../schema/centre.schema.json
id: x
hours:
  # the office
  - days: [mon, tue]
    opens: "09:00"
    closes: "18:00"
contacts:
  # both numbers are on the poster (S3)
  phones:
    - number: "8 (7172) 12-34-56"  # as the poster writes it
      type: voice
      description:
        kk: "Кезекші"
        ru: "Дежурный"
    # the WhatsApp line
    - number: "87011234567"
      type: text
      outside_kazakhstan_reason: kept as it is

  website: https://example.kz
languages: [kk]
"""


def test_each_phone_becomes_a_channel_in_its_place_with_every_comment():
    new = migrate_text(OLD)
    data = yaml.safe_load(new)
    assert list(data["contacts"]) == ["channels", "website"]
    first, second = data["contacts"]["channels"]
    assert first == {
        "kind": "voice",
        "number": "8 (7172) 12-34-56",  # never rewritten
        "description": {"kk": "Кезекші", "ru": "Дежурный"},
        "hours": [{"days": ["mon", "tue"], "opens": "09:00", "closes": "18:00"}],
        "languages": ["kk"],
        "cost": "unknown",
        "source": "unknown",
        "who_hears": {"anonymous": "unknown", "recorded": "unknown", "may_inform_police": "unknown"},
    }
    assert second["kind"] == "sms" and second["number"] == "87011234567"
    assert second["outside_kazakhstan_reason"] == "kept as it is"  # a key this branch does not know stays
    assert data == expected(yaml.safe_load(OLD))
    comments = ("# the office", "# both numbers are on the poster (S3)", "# as the poster writes it", "# the WhatsApp")
    for comment in comments:
        assert new.count(comment) == 1, comment
    assert 'number: "8 (7172) 12-34-56"  # as the poster writes it' in new
    assert "\n\n  website:" in new  # the blank line before website still stands before it
    assert migrate_text(new) == new  # a second run changes nothing


def test_a_file_without_phones_is_left_as_it_is():
    text = OLD.replace("  phones:", "  channels:").split("  website")[0]
    assert migrate_text("id: x\ncontacts:\n  channels: []\n") == "id: x\ncontacts:\n  channels: []\n"
    assert migrate_text(text) == text


def test_every_real_listing_migrates_and_stays_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    data = make_data_dir(tmp_path / "data", sorted((DATA / "centres").glob("*.yaml")))
    command = ["migrate-channels", "--data", str(data)]
    first = subprocess.run(
        [sys.executable, "-m", "generator", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert first.returncode == 0, first.stderr
    files = sorted((data / "centres").glob("*.yaml"))
    assert len(files) >= 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "phones:" not in text and "channels:" in text, path.name
        assert migrate_file(path).changed is False
    second = run_cli_here(*command, "--check")  # the first ran as editors run it; this one in this process
    assert second.returncode == 0 and "0 would be migrated" in second.stderr
    monkeypatch.chdir(data / "centres")
    assert validate(data).problems == []


def test_a_file_it_cannot_migrate_faithfully_is_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # A phone whose number is a YAML anchor: the round trip cannot keep it, so nothing is written.
    path = tmp_path / "x.yaml"
    path.write_text("id: x\ncontacts:\n  phones:\n    - &n {number: '150', type: voice}\n    - *n\n", encoding="utf-8")
    result = migrate_file(path)
    assert not result.changed
    assert result.problems or "phones" in result.after
