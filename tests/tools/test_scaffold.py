"""`python -m generator new`: a commented listing with the modeline that validates once
filled in, from flags or by answering in a terminal; never overwrites; without a
terminal, missing answers are a clear error (exit 2)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.data.schema_check import load_schema
from generator.data.validate import validate
from generator.data.yamlload import load_file
from generator.tools import fix, scaffold

from ..conftest import ROOT, make_data_dir, run_cli_here

SHELTER_FLAGS = [
    "--id", "almaty-new-shelter",
    "--kind", "shelter",
    "--status", "active",
    "--name-kk", "«Жаңа» баспана",
    "--name-ru", "Приют «Новый»",
    "--org-kk", "Сынақ қоры",
    "--org-ru", "Тестовый фонд",
    "--description-kk", "Балалы әйелдерге уақытша баспана.",
    "--description-ru", "Временный приют для женщин с детьми: \"тест\".",
    "--scope", "local",
    "--city", "almaty",
    "--services", "shelter, legal",
    "--phone", "8 701 234 56 78",
    "--whatsapp", "87771234567",
    "--website", "https://example.kz/new",
    "--source-title", "Example page",
    "--source-url", "https://example.kz/new",
    "--source-date", "2026-03",
    "--source-supports", "name, phones, services",
    "--checked", "2026-11-20",
]  # fmt: skip


def new(data: Path, *args: str, process: bool = False) -> subprocess.CompletedProcess[str]:
    """`python -m generator new --data DATA ARGS` with no terminal: in this process, or in a
    process of its own (as an editor runs it) if `process`."""
    if not process:
        return run_cli_here("new", "--data", str(data), *args)
    return subprocess.run(
        [sys.executable, "-m", "generator", "new", "--data", str(data), *args],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return make_data_dir(tmp_path / "data")


def test_from_flags_writes_a_commented_listing_that_validates(data: Path):
    result = new(data, *SHELTER_FLAGS, process=True)
    assert result.returncode == 0, result.stdout + result.stderr
    path = data / "centres" / "almaty-new-shelter.yaml"
    text = path.read_text(encoding="utf-8")

    assert text.splitlines()[0] == fix.MODELINE
    assert "NEVER write the street address" in text
    assert "# (required) shelter = a crisis centre where people can stay" in text
    assert "# (required for a shelter)" in text
    # Every field of the schema is there, or offered in a comment.
    for key in load_schema()["properties"]:
        assert f"\n{key}:" in text or f"\n# {key}:" in text, key

    report = validate(data, today=__import__("datetime").date(2026, 11, 22))
    assert report.ok, [p.as_text() for p in report.problems]
    assert not report.problems  # not even a warning
    (listing,) = report.catalogue.listings
    assert listing.name.ru == "Приют «Новый»" and listing.description.ru.endswith('"тест".')
    assert [p.display for p in listing.contacts.phones] == ["+7 701 234 5678", "+7 777 123 4567"]
    assert [p.type for p in listing.contacts.phones] == ["voice", "whatsapp"]
    assert listing.region.code == "KZ-75"  # taken from the city
    # Nothing anyone did not say: every answer the flags did not give is unknown.
    e = listing.eligibility
    assert {e.gender, e.age_min, e.age_max, e.with_children, e.pregnant, e.hiv} == {"unknown"}
    assert listing.stay.max.value is None and listing.places == "unknown" and listing.fee == "unknown"
    assert listing.verification.status == "not_verified" and listing.verification.last_checked == "2026-11-20"
    # A shelter gets no address field, only the warning.
    assert "address" not in load_file(path).data["location"]
    # Already in the form `fix` writes.
    assert fix.fix_text(text) == (text, [])


def test_a_national_helpline_and_a_centre_without_a_phone(data: Path):
    helpline = new(
        data,
        *[
            "--id",
            "national-test-line",
            "--kind",
            "helpline",
            "--name-kk",
            "Сынақ желісі",
            "--name-ru",
            "Тестовая линия",
        ],
        *["--org-kk", "Ұйым", "--org-ru", "Организация", "--description-kk", "Желі.", "--description-ru", "Линия."],
        *["--scope", "national", "--services", "helpline", "--phone", "1414", "--source-title", "Doc"],
        *["--source-document", "Leaflet of the organisation, 2025", "--source-supports", "number"],
    )
    assert helpline.returncode == 0, helpline.stderr
    centre = new(
        data,
        *["--id", "taraz-test-centre", "--kind", "centre", "--name-kk", "Орталық", "--name-ru", "Центр"],
        *["--org-kk", "Ұйым", "--org-ru", "Организация", "--description-kk", "Кеңес.", "--description-ru", "Советы."],
        *["--scope", "local", "--city", "taraz", "--services", "psychological"],
        *["--how-to-reach-kk", "150 желісі арқылы.", "--how-to-reach-ru", "Через линию 150."],
        *["--source-title", "Page", "--source-url", "https://example.kz/c", "--source-supports", "name"],
    )
    assert centre.returncode == 0, centre.stderr
    report = validate(data)
    assert report.ok, [p.as_text() for p in report.problems]
    line, centre_listing = sorted(report.catalogue.listings, key=lambda x: x.id)
    assert line.is_national and line.region is None and line.contacts.phones[0].display == "1414"
    assert "location" not in (data / "centres" / "national-test-line.yaml").read_text(encoding="utf-8").split("# (")[0]
    assert centre_listing.stay is None and centre_listing.contacts.how_to_reach.ru == "Через линию 150."
    text = (data / "centres" / "taraz-test-centre.yaml").read_text(encoding="utf-8")
    assert "# address:" in text  # offered, with its warning, for a centre that is not a shelter


def test_refuses_to_overwrite(data: Path):
    assert new(data, *SHELTER_FLAGS).returncode == 0
    path = data / "centres" / "almaty-new-shelter.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")
    again = new(data, *SHELTER_FLAGS)
    assert again.returncode == 2
    assert "already exists" in again.stderr
    assert path.read_text(encoding="utf-8").endswith("# edited by hand\n")


def test_without_a_terminal_missing_answers_are_a_clear_error(data: Path):
    result = new(data, "--id", "almaty-half", "--kind", "shelter")
    assert result.returncode == 2
    assert "input is not a terminal" in result.stderr
    for flag in ("--name-kk", "--name-ru", "--scope", "--services", "--source-title", "--source-supports"):
        assert flag in result.stderr
    missing = result.stderr.split("not a terminal: ", 1)[1].split(".\n", 1)[0].split(", ")
    assert "--id" not in missing and "--kind" not in missing  # given as flags
    assert "Traceback" not in result.stderr
    assert not list((data / "centres").iterdir())


def test_bad_flags_are_refused_before_anything_is_written(data: Path):
    cases = {
        "--city": ("nowhere-town", "is not in data/cities.yaml"),
        "--services": ("shelter, spa", "unknown service spa"),
        "--phone": ("12345", "not a valid phone number"),
        "--id": ("Almaty Shelter", "small Latin letters"),
        "--kind": ("hostel", "choose one of"),
        "--source-date": ("22.11.2026", "YYYY-MM-DD"),
    }
    for flag, (value, message) in cases.items():
        args = list(SHELTER_FLAGS)
        args[args.index(flag) + 1] = value
        result = new(data, *args)
        assert result.returncode == 2, flag
        assert message in result.stderr, (flag, result.stderr)
    assert not list((data / "centres").iterdir())


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("8 (7292) 20-30-4", "one digit short?"),  # was written as +7 872 922-03-04, a number in Dagestan
        ("8 (7262) 43-21-0", "one digit short?"),
        ("+7 495 123 45 67", "in Russia"),
        ("701 234 56 78", "no +7 or 8 in front"),
    ],
)
def test_a_number_that_would_change_its_digits_or_country_is_refused(data: Path, number: str, reason: str):
    """Issue 14: `new` wrote "8 (7292) 20-30-4" (one digit short) as +7 872 922-03-04."""
    args = list(SHELTER_FLAGS)
    args[args.index("--phone") + 1] = number
    result = new(data, *args)
    assert result.returncode == 2, result.stdout
    assert f"`{number}` is not a valid phone number" in result.stderr and reason in result.stderr, result.stderr
    assert not list((data / "centres").iterdir())


def test_numbers_are_written_with_the_digits_given(data: Path):
    args = list(SHELTER_FLAGS)
    args[args.index("--phone") + 1] = "8 (7292) 20-30-40, 8 (7262) 43-21-05"
    result = new(data, *args)
    assert result.returncode == 0, result.stderr
    text = (data / "centres" / "almaty-new-shelter.yaml").read_text(encoding="utf-8")
    assert 'number: "+7 7292 20 30 40"' in text and 'number: "+7 7262 43 21 05"' in text
    assert "872" not in text


def test_asking_repeats_a_question_until_the_answer_is_usable(data: Path):
    answers = iter(
        [
            "Bad Id", "almaty-asked",  # refused, then accepted
            "hostel", "centre",
            "",  # status: the default, unknown
            "Атауы", "Название", "Ұйым", "Организация", "Сипаттама.", "Описание.",
            "local", "atlantis", "almaty",
            "shelter, legal", "", "", "", "",  # services; no phones of any kind
            "mon-sun 25:00-18:00", "",  # hours: refused, then the default, unknown
            "150 арқылы.", "Через 150.",
            "", "",  # no website, no e-mail
            "Page", "https://example.kz/p", "", "name",
        ]
    )  # fmt: skip
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    given = {q.flag: None for q in scaffold.questions()}
    result = scaffold.gather(given, data, ask)
    assert result["id"] == "almaty-asked" and result["kind"] == "centre" and result["city"] == "almaty"
    assert result["status"] == "unknown" and result["source-date"] == "unknown"
    assert sum("File name and id" in p for p in asked) == 2
    assert sum(p.startswith("City") for p in asked) == 2
    assert sum(p.startswith("When do these numbers answer?") for p in asked) == 2
    assert result["hours"] == "unknown"
    assert not any("Source: author" in p for p in asked)  # a URL was given


def test_in_a_real_terminal_it_asks_and_writes(data: Path):
    """Runs the command on a pseudo-terminal, as a person at a keyboard would."""
    answers = [
        "almaty-typed", "centre", "active", "Атауы", "Название", "Ұйым", "Организация",
        "Сипаттама.", "Описание.", "local", "almaty", "psychological",
        "+7 701 234 5678", "", "", "", "mon-fri 09:00-18:00", "", "", "Page", "https://example.kz/t", "2025",
        "name, phone",
    ]  # fmt: skip
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "new", "--data", str(data)],
        cwd=ROOT,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env={**os.environ, "TERM": "dumb"},
    )
    os.close(terminal)
    output = b""
    pending = list(answers)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(controller, 4096)
                except OSError:  # the command ended and closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
                if output.rstrip().endswith(b":") and pending:  # a question waits for its answer
                    os.write(controller, pending.pop(0).encode() + b"\n")
            elif process.poll() is not None:
                break
    finally:
        process.wait(timeout=30)
        os.close(controller)
    text = output.decode("utf-8", "replace")
    assert process.returncode == 0, text
    assert "File name and id" in text and "Written" in text
    report = validate(data)
    assert report.ok, [p.as_text() for p in report.problems]
    (listing,) = report.catalogue.listings
    assert listing.id == "almaty-typed" and listing.status == "active"
    (channel,) = listing.contacts.channels
    assert channel.kind == "voice" and channel.source == "https://example.kz/t"
    assert channel.hours_list == [{"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "09:00", "closes": "18:00"}]
    assert listing.contacts.phones[0].display == "+7 701 234 5678"
