"""Which files of a data folder are read: regular files only, every other entry reported."""

from __future__ import annotations

import os
import shutil
import socket
import threading
from pathlib import Path

import pytest

from generator.data.files import listing_files, reference_problem
from generator.data.problems import Severity
from generator.data.validate import Report, validate

from ..conftest import CORPUS, REFERENCE_FILES, make_data_dir

BASE = CORPUS / "valid" / "almaty-corpus-base.yaml"


def _validate_within(seconds: float, data: Path) -> Report:
    """validate(), failing (not hanging) when something makes it wait."""
    out: list[Report] = []
    thread = threading.Thread(target=lambda: out.append(validate(data)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert out, f"validate did not return within {seconds} s"
    return out[0]


def _by_name(problems) -> dict[str, list]:
    found: dict[str, list] = {}
    for problem in problems:
        found.setdefault(problem.path, []).append(problem)
    return found


def test_every_entry_that_is_not_a_listing_file_is_reported(tmp_path: Path):
    centres = tmp_path / "centres"
    centres.mkdir()
    shutil.copy(BASE, centres / "almaty-corpus-base.yaml")
    (centres / "folder.yaml").mkdir()
    (centres / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (centres / "inside-link.yaml").symlink_to(centres / "almaty-corpus-base.yaml")
    os.mkfifo(centres / "pipe.yaml")
    (centres / "notes.txt").write_text("x", encoding="utf-8")
    (centres / "line\nbreak.yaml").write_text("x", encoding="utf-8")
    (centres / ".gitkeep").write_text("", encoding="utf-8")
    (centres / ".hidden.yaml").write_text("x", encoding="utf-8")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(centres / "sock.yaml"))
        files, problems = listing_files(centres, lambda p: p.name)
    finally:
        sock.close()
    assert files == [centres / "almaty-corpus-base.yaml"]
    found = _by_name(problems)
    assert set(found) == {
        "folder.yaml",
        "dangling.yaml",
        "inside-link.yaml",
        "pipe.yaml",
        "notes.txt",
        "line\nbreak.yaml",
        ".gitkeep",
        ".hidden.yaml",
        "sock.yaml",
    }
    assert all(len(p) == 1 and p[0].hint for p in found.values())
    assert "a folder" in found["folder.yaml"][0].message
    assert "symbolic link" in found["dangling.yaml"][0].message
    assert "symbolic link" in found["inside-link.yaml"][0].message  # every link, even one that stays inside
    assert "named pipe" in found["pipe.yaml"][0].message
    assert "socket" in found["sock.yaml"][0].message
    assert "must end in .yaml" in found["notes.txt"][0].message
    assert "control character" in found["line\nbreak.yaml"][0].message
    for hidden in (".gitkeep", ".hidden.yaml"):  # never read, so a warning that it is not
        assert found[hidden][0].severity is Severity.WARNING and "hidden" in found[hidden][0].message
    assert all(p[0].severity is Severity.ERROR for name, p in found.items() if not name.startswith("."))


def test_a_listing_linked_to_a_file_outside_is_refused_and_never_quoted(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("id: top-secret-token-1234\nkind: [oops\n", encoding="utf-8")
    data = make_data_dir(tmp_path / "data", [BASE])
    (data / "centres" / "leak.yaml").symlink_to(secret)
    report = _validate_within(30, data)
    [problem] = [p for p in report.problems if p.path.endswith("leak.yaml")]
    assert "symbolic link" in problem.message and problem.is_error
    assert not any("top-secret" in p.message + p.hint for p in report.problems)
    assert not report.ok


@pytest.mark.parametrize("name", REFERENCE_FILES)
@pytest.mark.parametrize("make", ["dev-zero", "fifo", "link-inside", "folder", "missing"])
def test_a_reference_file_is_read_only_when_it_is_a_regular_file(tmp_path: Path, name: str, make: str):
    data = make_data_dir(tmp_path / "data", [BASE])
    target = data / name
    if make == "dev-zero":  # read whole, it took 2.6 GB of memory
        target.unlink()
        target.symlink_to("/dev/zero")
    elif make == "fifo":  # opened, it waited forever
        target.unlink()
        os.mkfifo(target)
    elif make == "link-inside":
        shutil.move(target, data / "elsewhere.yaml")
        target.symlink_to(data / "elsewhere.yaml")
    elif make == "folder":
        target.unlink()
        target.mkdir()
    else:
        target.unlink()
    report = _validate_within(30, data)
    problems = [p for p in report.problems if p.path.endswith(name)]
    assert problems and problems[0].is_error and problems[0].hint and not report.ok
    expected = {
        "dev-zero": "symbolic link",
        "fifo": "named pipe",
        "link-inside": "symbolic link",
        "folder": "a folder",
        "missing": "missing",
    }
    assert expected[make] in problems[0].message
    assert reference_problem(target, name) == problems[0].__class__(name, 1, 1, problems[0].message, problems[0].hint)


def test_the_folder_of_listings_is_not_followed_either(tmp_path: Path):
    data = make_data_dir(tmp_path / "data")
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(BASE, outside / BASE.name)
    (data / "centres").rmdir()
    (data / "centres").symlink_to(outside)
    report = _validate_within(30, data)
    messages = [p.message for p in report.errors]
    assert messages == ["the folder of listings is a symbolic link, so it is not read"]


def test_real_listings_and_an_empty_folder(tmp_path: Path):
    data = make_data_dir(tmp_path / "data", [BASE])
    report = validate(data)
    assert report.ok and not report.problems, [p.as_text() for p in report.problems]
    (data / "centres" / BASE.name).unlink()
    (data / "centres" / ".gitkeep").write_text("", encoding="utf-8")
    report = validate(data)
    assert [p.severity for p in report.problems] == [Severity.ERROR, Severity.WARNING]
    assert report.problems[0].message == "there are no listings"
