"""`python -m generator fix`: idempotent, meaning kept (the validated data before and after
are equal), comments kept, and the values every YAML reader would read the same way."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from ruamel.yaml import YAML

from generator.data.model import Listing
from generator.data.phones import parse_phone
from generator.data.validate import validate
from generator.data.yamlload import load_file
from generator.tools import fix

from ..conftest import DATA, ROOT, make_data_dir, run_cli_here

REAL = sorted((DATA / "centres").glob("*.yaml"))

# A valid listing written the way a hurried editor might: keys out of order at every
# level, comments above and beside moved keys, national-format phone numbers, `yes`,
# `no`, dates and times without quotes, a number YAML 1.1 reads as text (018), a flow
# mapping with ru before kk, and no modeline.
MESSY = """\
# A messy but valid listing.
kind: shelter      # people can stay
id: messy-shelter
status: active
name: {ru: "Тестовый приют", kk: "Сынақ баспана"}
organization:
  ru: "Тестовая организация"
  kk: "Сынақ ұйым"
description:
  kk: "Сынақ үшін жазылған сипаттама."
  ru: "Описание, написанное для проверки."
scope: local
# Only the city: never the address.
location:
  city: almaty
  region: KZ-75
services: [shelter, legal]

eligibility:
  # who it takes
  with_children: yes
  gender: women
  age_min: 018
  age_max: none
  pregnant: no
  hiv: unknown
  mental_disorders: unknown
  police_report_required: no
  referral_required: unknown
# beds, from the 2024 article
places: 12
stay:
  max: 6 months
  min: unknown
cost:
  fee: free
hours:
  - opens: 09:00
    closes: 18:30     # closes late on Fridays too
    days: [mon, tue, wed, thu, fri]
contacts:
  website: https://example.kz/messy
  phones:
    - type: voice
      # the office line
      number: 8 (701) 234-56-78
    - number: '87771234567'
      type: whatsapp
languages: [kk, ru]
funding: [ngo]
sources:
  - supports: "name, services, phones"
    title: "Example page"
    date: 2024-05-17
    url: https://example.kz/messy
verification:
  last_checked: 2026-11-20   # checked by phone
  status: not_verified
"""


def _comments(text: str) -> list[str]:
    """Every comment's words (what follows '#'), wherever it stands."""
    found = []
    for line in text.splitlines():
        match = re.search(r"(?:^|\s)#\s?(.*)$", line)
        if match and match.group(1).strip():
            found.append(match.group(1).strip())
    return found


def _same_meaning(listing: Listing) -> Listing:
    """A listing with phone numbers as they are dialled; everything else as it is."""
    phones = tuple(dataclasses.replace(p, number=p.tel) for p in listing.contacts.phones)
    channels = tuple(
        dataclasses.replace(c, number=parse_phone(c.number).tel) if c.number else c for c in listing.contacts.channels
    )
    contacts = dataclasses.replace(listing.contacts, phones=phones, channels=channels)
    return dataclasses.replace(listing, contacts=contacts)


def _fix_folder(data: Path, *extra: str, process: bool = False) -> subprocess.CompletedProcess[str]:
    """`python -m generator fix --data DATA EXTRA` from the repository: in this process, or in a
    process of its own (as CI and editors run it) if `process`."""
    if not process:
        return run_cli_here("fix", "--data", str(data), *extra)
    return subprocess.run(
        [sys.executable, "-m", "generator", "fix", "--data", str(data), *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _keys_in_order(node: object, schema: dict | None) -> list[str]:
    """Paths of mappings whose keys are not in the schema's order."""
    wrong = []
    if isinstance(node, dict):
        keys = list(node)
        if keys != fix.canonical(keys, fix.key_order(schema)):
            wrong.append(", ".join(keys))
        for key, value in node.items():
            wrong += _keys_in_order(value, fix.child_schema(schema, key))
    elif isinstance(node, list):
        for value in node:
            wrong += _keys_in_order(value, fix.child_schema(schema, 0))
    return wrong


# ---------------------------------------------------------------- real listings


def test_every_real_listing_is_fixed_idempotently_and_keeps_its_comments_and_order():
    assert len(REAL) >= 20
    for path in REAL:
        before = path.read_text(encoding="utf-8")
        once, _ = fix.fix_text(before)
        twice, changes = fix.fix_text(once)
        assert twice == once and changes == [], path.name
        assert _comments(before) == [c for c in _comments(once) if c in _comments(before)], path.name
        assert once.splitlines()[0] == fix.MODELINE
        copy = Path(path.name)
        assert not _keys_in_order(_load_text(once, copy), fix.schema()), path.name


def _load_text(text: str, name: Path) -> object:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / name.name
        target.write_text(text, encoding="utf-8")
        loaded = load_file(target)
    assert loaded.ok, loaded.problems
    return loaded.data


def test_fixing_the_real_data_keeps_every_validated_listing_equal(tmp_path: Path):
    data = make_data_dir(tmp_path / "data", REAL)
    before = validate(data)
    assert before.ok and before.catalogue is not None

    result = _fix_folder(data)
    assert result.returncode == 0, result.stderr

    after = validate(data)
    assert after.ok and after.catalogue is not None, [p.as_text() for p in after.errors]
    assert len(after.catalogue.listings) == len(before.catalogue.listings) == len(REAL)
    for old, new in zip(before.catalogue.listings, after.catalogue.listings, strict=True):
        assert _same_meaning(old) == _same_meaning(new), old.id
    # The repository's data is as fix writes it (test_the_repository_data_is_already_as_fix_writes_it),
    # so fixing it leaves every byte, and a second run has nothing left to do.
    assert [p.name for p in REAL if (data / "centres" / p.name).read_bytes() != p.read_bytes()] == []


# ---------------------------------------------------------------- a messy listing


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    data = make_data_dir(tmp_path / "data")
    (data / "centres" / "messy-shelter.yaml").write_text(MESSY, encoding="utf-8")
    return data


def test_messy_listing_is_valid_before_and_means_the_same_after(messy: Path):
    before = validate(messy)
    assert before.ok, [p.as_text() for p in before.errors]

    check = _fix_folder(messy, "--check")
    assert check.returncode == 1
    assert "messy-shelter.yaml: would normalise (phone numbers, quotes, numbers, key order, modeline)" in check.stdout
    assert (messy / "centres" / "messy-shelter.yaml").read_text(encoding="utf-8") == MESSY  # --check writes nothing

    result = _fix_folder(messy)
    assert result.returncode == 0, result.stderr
    after = validate(messy)
    assert after.ok, [p.as_text() for p in after.errors]
    (old,), (new,) = before.catalogue.listings, after.catalogue.listings
    assert _same_meaning(old) == _same_meaning(new)
    assert [p.display for p in new.contacts.phones] == ["+7 701 234 5678", "+7 777 123 4567"]


def test_messy_listing_fixed_text(messy: Path):
    path = messy / "centres" / "messy-shelter.yaml"
    fixed, changes = fix.fix_text(MESSY)
    assert changes == ["phone numbers", "quotes", "numbers", "key order", "modeline"]
    lines = fixed.splitlines()
    assert lines[0] == fix.MODELINE and lines[1] == "# A messy but valid listing."

    # Every comment survives, next to the key it described.
    assert sorted(_comments(fixed)) == sorted(
        ["yaml-language-server: $schema=../../schema/centre.schema.json"] + _comments(MESSY)
    )
    assert "id: messy-shelter\nkind: shelter      # people can stay\n" in fixed
    assert "# beds, from the 2024 article\nplaces: 12\n" in fixed
    assert '    # the office line\n    - number: "+7 701 234 5678"\n      type: voice\n' in fixed
    assert re.search(r'\n    closes: "18:30" +# closes late on Fridays too\n', fixed)
    assert re.search(r'\n  last_checked: "2026-11-20" +# checked by phone\n', fixed)

    # Values every reader reads alike.
    assert 'with_children: "yes"' in fixed and 'pregnant: "no"' in fixed
    assert "age_min: 18\n" in fixed and 'date: "2024-05-17"' in fixed and 'opens: "09:00"' in fixed
    assert 'name: {kk: "Сынақ баспана", ru: "Тестовый приют"}' in fixed

    # Key order is the schema's at every level.
    path.write_text(fixed, encoding="utf-8")
    assert not _keys_in_order(load_file(path).data, fix.schema())
    assert fix.fix_text(fixed) == (fixed, [])


def test_values_are_read_alike_by_yaml_1_1_and_1_2_readers_after_fixing():
    """After fix, PyYAML (YAML 1.1), ruamel.yaml (1.2) and the validator's loader agree."""
    cases = {
        "yes": "yes", "No": "No", "on": "on", "OFF": "OFF", "y": "y", "n": "n",
        "2026-11-22": "2026-11-22", "12:30": "12:30", "09:00": "09:00", "1_000": "1_000",
        "0b11": "0b11", "=": "=", "<<": "<<",
        "0777": 777, "018": 18, "1e3": 1000.0, "+.5": 0.5, "1.5": 1.5, "24/7": "24/7", "unknown": "unknown",
    }  # fmt: skip
    reader_12 = YAML(typ="safe", pure=True)
    for raw, meaning in cases.items():
        fixed, _ = fix.fix_text(f"x: {raw}\n")
        body = fixed.split("\n", 1)[1]
        one_one = yaml.safe_load(body)["x"]
        one_two = reader_12.load(io.StringIO(body))["x"]
        ours = _load_text(fixed, Path("case.yaml"))["x"]
        for value in (one_one, one_two, ours):
            assert value == meaning and type(value) is type(meaning), (raw, body, one_one, one_two, ours)


def test_short_numbers_stay_short_and_unparseable_numbers_are_left_alone():
    text = 'contacts:\n  phones:\n    - number: "150"\n      type: voice\n    - number: "12"\n      type: voice\n'
    fixed, changes = fix.fix_text(text)
    assert '- number: "150"' in fixed and '- number: "12"' in fixed
    assert "phone numbers" not in changes


def test_a_file_the_validator_cannot_read_is_reported_and_left_untouched(tmp_path: Path):
    data = make_data_dir(tmp_path / "data")
    broken = data / "centres" / "broken.yaml"
    broken.write_text("id: broken\nname: [unclosed\n", encoding="utf-8")
    result = _fix_folder(data)
    assert result.returncode == 1
    assert "broken.yaml:" in result.stdout and "Traceback" not in result.stderr
    assert broken.read_text(encoding="utf-8") == "id: broken\nname: [unclosed\n"


def test_nothing_is_written_when_the_meaning_would_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "one.yaml"
    path.write_text("id: one\nkind: shelter\n", encoding="utf-8")
    monkeypatch.setattr(fix, "fix_text", lambda text: ("id: two\nkind: shelter\n", ["layout"]))
    result = fix.fix_file(path)
    assert not result.changed and result.problems
    assert "would change its meaning" in result.problems[0].message


def test_github_format_of_check_is_a_notice_per_file(messy: Path):
    result = _fix_folder(messy, "--check", "--format", "github")
    assert result.returncode == 1
    (line,) = [ln for ln in result.stdout.splitlines() if ln.startswith("::")]
    assert line.startswith("::notice file=") and "messy-shelter.yaml,line=1,col=1,title=Formatting::" in line


def test_files_given_on_the_command_line_only_are_fixed(tmp_path: Path):
    data = make_data_dir(tmp_path / "data", REAL[:2])
    first, second = sorted((data / "centres").glob("*.yaml"))
    before = second.read_text(encoding="utf-8")
    result = _fix_folder(data, str(first))
    assert result.returncode == 0, result.stderr
    assert second.read_text(encoding="utf-8") == before
    assert fix.fix_text(first.read_text(encoding="utf-8"))[1] == []
    shutil.rmtree(data)


# ---------------------------------------------------------------- issue 14: numbers, --diff, comments, `...`

PHONES = 'contacts:\n  phones:\n    - number: "{number}"\n      type: voice\n'


@pytest.mark.parametrize("number", ["8 (7262) 43-21-0", "8 (7292) 20-30-4", "+7 112", "8 (495) 123-45-67"])
def test_a_number_that_would_change_its_digits_is_left_as_written(number: str):
    """Issue 14: fix turned "8 (7262) 43-21-0" (one digit short) into +7 872 624-32-10, in Dagestan.
    The validator refuses such a number with its reason; fix never rewrites it."""
    fixed, changes = fix.fix_text(PHONES.format(number=number))
    assert f'- number: "{number}"' in fixed and "872" not in fixed.replace(number, "")
    assert "phone numbers" not in changes


def test_numbers_are_normalised_with_their_digits():
    fixed, changes = fix.fix_text(PHONES.format(number="8 (7262) 43-21-05"))
    assert '- number: "+7 7262 43 21 05"' in fixed and changes[0] == "phone numbers"


def test_diff_shows_and_never_writes(messy: Path):
    path = messy / "centres" / "messy-shelter.yaml"
    before = path.read_bytes()
    stamp = path.stat().st_mtime_ns
    result = _fix_folder(messy, "--diff")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("--- a/") and "\n+++ b/" in result.stdout
    assert "-      number: 8 (701) 234-56-78\n" in result.stdout
    assert '+    - number: "+7 701 234 5678"\n' in result.stdout
    assert "would be normalised" in result.stderr
    assert path.read_bytes() == before and path.stat().st_mtime_ns == stamp


FLOW = """\
id: flow-comments
services: [shelter, # beds for women with children
  legal,  # a lawyer on Tuesdays
  psychological]
name: {ru: "Приют", # the registered name
  kk: "Баспана"}
languages: [kk, ru]   # both
"""


def test_comments_inside_flow_lists_and_mappings_are_kept():
    fixed, _ = fix.fix_text(FLOW)
    assert sorted(_comments(fixed)) == sorted([fix.MODELINE[2:], *_comments(FLOW)])
    assert "services: [shelter, # beds for women with children\n  legal,  # a lawyer on Tuesdays\n" in fixed
    data = _load_text(fixed, Path("flow.yaml"))
    assert data["services"] == ["shelter", "legal", "psychological"]
    assert data["name"] == {"ru": "Приют", "kk": "Баспана"}
    assert fix.fix_text(fixed) == (fixed, [])


def test_values_inside_a_commented_flow_collection_are_still_normalised():
    text = (
        "contacts:\n  phones: [{number: 8 701 234 56 78, type: voice},  # the office\n"
        "    {number: '87771234567', type: whatsapp}]\nhours: [{days: [mon], opens: 09:00, # from\n  closes: 18:00}]\n"
    )
    fixed, changes = fix.fix_text(text)
    assert "phone numbers" in changes and "quotes" in changes
    assert '{number: "+7 701 234 5678", type: voice},  # the office\n' in fixed
    assert '{number: "+7 777 123 4567", type: whatsapp}' in fixed
    assert 'opens: "09:00", # from\n' in fixed and 'closes: "18:00"}]' in fixed
    assert fix.fix_text(fixed) == (fixed, [])


def test_a_valid_file_that_ends_with_the_document_end_marker(tmp_path: Path):
    data = make_data_dir(tmp_path / "data")
    source = DATA / "centres" / "national-150.yaml"
    text = source.read_text(encoding="utf-8")
    # `verification` moved above `sources`, so that reordering moves the last block of the file.
    sources, verification = text.index("\nsources:"), text.index("\nverification:")
    moved = text[:sources] + text[verification:].rstrip("\n") + "\n" + text[sources:verification] + "\n"
    for variant in (text + "...\n", text + "...\n# checked again in 2027\n", text + "...", moved + "...\n"):
        path = data / "centres" / "national-150.yaml"
        path.write_text(variant, encoding="utf-8")
        assert validate(data).ok, variant[-40:]
        result = fix.fix_file(path)
        assert not result.problems, [p.as_text() for p in result.problems]
        assert result.after.rstrip("\n").endswith("...") or result.after.endswith("...\n# checked again in 2027\n")
        assert _comments(result.after) == _comments(variant if variant.startswith(fix.MODELINE) else variant)
        assert fix.fix_text(result.after) == (result.after, [])


def test_a_comment_that_could_not_be_kept_stops_the_fix(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(fix, "_kept_flows", lambda text, data, changes: {})  # as fix was before
    with pytest.raises(ValueError, match="comment"):
        fix.fix_text(FLOW)


def test_the_repository_data_is_already_as_fix_writes_it():
    """A listing merged without `generator fix` (key order, spacing) makes the next editor's
    `fix` rewrite lines she did not touch; shymkent-sana-sezim was such a file."""
    result = _fix_folder(ROOT / "data", "--check", process=True)
    assert result.returncode == 0 and " 0 would be normalised" in result.stderr, result.stdout + result.stderr


# ---------------------------------------------------------------- issue 17: a channel's number

CHANNEL = 'contacts:\n  channels:\n    - kind: whatsapp\n      number: {number}\n{reason}      hours: "24/7"\n'


def test_a_channels_number_is_normalised_with_its_digits():
    fixed, changes = fix.fix_text(CHANNEL.format(number="8 (7262) 43-21-05", reason=""))
    assert '      number: "+7 7262 43 21 05"' in fixed and changes[0] == "phone numbers"


@pytest.mark.parametrize("number", ["8 (7262) 43-21-0", '"8 (916) 123-45-67"'])
def test_a_channels_number_that_is_refused_or_abroad_is_left_as_written(number: str):
    """One digit short, or a number in Russia listed with its reason: fix never rewrites it."""
    reason = '      outside_kazakhstan_reason: "The only line; it takes calls from Kazakhstan."\n'
    fixed, changes = fix.fix_text(CHANNEL.format(number=number, reason=reason))
    assert f"      number: {number.strip(chr(34))}" in fixed.replace('"', "") and "phone numbers" not in changes
