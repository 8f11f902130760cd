"""`python -m generator from-issue` on rendered issue forms (tests/tools/issues/*.md), in both
languages: what it writes, what it tells the reporter, and that a location is never repeated."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import ROOT
from generator.data import catalogs
from generator.tools import from_issue, issue_forms

from ..conftest import run_cli_here

ISSUES = Path(__file__).parent / "issues"
TODAY = dt.date(2026, 12, 5)
URL = "https://github.com/o/r/issues/7"


def run(name: str, data: Path = ROOT / "data") -> from_issue.Outcome:
    body = (ISSUES / name).read_text(encoding="utf-8")
    return from_issue.process(body, data, 7, URL, TODAY)


def written(out: from_issue.Outcome) -> dict:
    (text,) = out.files.values()
    return yaml.safe_load(text)


def words(lang: str) -> dict[str, str]:
    return catalogs.table("from_issue")[lang]


def test_every_fixture_is_read_as_one_of_our_forms() -> None:
    forms = issue_forms.load_forms()
    assert {f.action for f in forms} == {"add", "correct", "closed"}
    fixtures = sorted(ISSUES.glob("*.md"))
    assert len(fixtures) >= 10
    for path in fixtures:
        answers = issue_forms.read(path.read_text(encoding="utf-8"), forms)
        assert answers is not None, path.name
        assert answers.form.lang == ("kk" if "-kk" in path.name else "ru"), path.name


def test_a_new_centre_in_russian_becomes_a_valid_listing_with_its_sources() -> None:
    out = run("add-ru-local-phone.md")
    assert out.kind == "pull-request", out.comment
    data = written(out)
    assert data["id"] == "pavlodar-krizisnyj-centr-shans"
    assert data["name"] == {"kk": "«Шанс» дағдарыс орталығы", "ru": "Кризисный центр «Шанс»"}  # spaces squeezed
    assert data["location"] == {"region": "KZ-55", "city": "pavlodar"}  # "  г. Павлодар "
    assert data["services"] == ["domestic_violence", "psychological", "legal"]
    # One channel a line: the WhatsApp line is a WhatsApp channel, the other a call; digits kept.
    # The issue is their source; hours and who hears stay unknown (the answers go to the maintainer).
    unknown = {"hours": "unknown", "languages": "unknown", "cost": "unknown", "source": URL}
    who = {"who_hears": {"anonymous": "unknown", "recorded": "unknown", "may_inform_police": "unknown"}}
    assert data["contacts"]["channels"] == [
        {"kind": "voice", "number": "+7 7182 32 10 45", **unknown, **who},
        {"kind": "whatsapp", "number": "+7 701 555 1234", **unknown, **who},
    ]
    assert "пн–пт 09:00–18:00" in out.pr_body and words("ru")["pr_check_channels"] in out.pr_body
    assert data["contacts"]["website"] == "https://shans.kz"
    assert data["organization"] == {"kk": "белгісіз", "ru": "неизвестно"}  # "неизвестно" is unknown
    assert data["description"]["ru"].startswith("Консультации психолога\nи юриста.")
    assert data["verification"]["status"] == "not_verified"
    assert data["eligibility"]["gender"] == "unknown" and data["hours"] == "unknown"
    assert [s["url"] for s in data["sources"]] == ["https://www.pavlodarnews.kz/news/12345", URL]
    assert data["sources"][0]["date"] == "2025-03-12"  # 12.03.2025 on the same line
    assert "needs translation" in out.labels  # the Kazakh description was left empty
    assert "description.kk" in out.pr_body and f"#{7}" in out.pr_body


def test_a_kazakh_form_gives_kazakh_names_and_a_helpline() -> None:
    out = run("add-kk-helpline.md")
    assert out.kind == "pull-request", out.comment
    data = written(out)
    assert data["kind"] == "helpline" and data["location"]["city"] == "aktobe"
    assert data["contacts"]["website"] == "https://senim.kz"  # every link the form gave is kept
    assert data["contacts"]["social"] == ["https://instagram.com/senim_aktobe"]
    assert data["name"]["kk"].startswith("«Сенім»") and data["name"]["ru"].startswith("Линия")
    assert out.labels == [] and out.pr_title == words("kk")["pr_title_add"].format(
        name=data["name"]["kk"], city="Ақтөбе"
    )


def test_a_phone_one_digit_short_is_refused_never_rewritten() -> None:
    out = run("add-ru-short-phone.md")
    assert out.kind == "comment" and out.files == {}
    assert "8 (7182) 32-10-4" in out.comment
    assert "one digit short" not in out.comment and "цифр" in out.comment  # the reason in Russian too
    assert out.comment.startswith("### " + words("ru")["comment_title"])


def test_a_town_not_in_the_list_is_named_in_the_reporters_language() -> None:
    out = run("add-ru-unknown-city.md")
    assert out.kind == "comment"
    assert out.problems == [words("ru")["unknown_city"].format(city="Бесагаш")]


def test_an_empty_form_lists_every_missing_answer_at_once() -> None:
    out = run("add-ru-empty.md")
    assert out.kind == "comment" and len(out.problems) == 6
    for label in ("Название центра", "Город", "Чем помогает и кому", "Источники"):
        assert any(f"«{label}»" in p for p in out.problems), label


def test_a_shelters_location_is_never_repeated() -> None:
    body = (ISSUES / "add-kk-location.md").read_text(encoding="utf-8")
    out = run("add-kk-location.md")
    assert out.kind == "location" and out.labels == [from_issue.LOCATION_LABEL] and out.files == {}
    for leak in ("Абай", "12-үй", "3-қабат"):
        assert leak in body
        assert leak not in out.comment + out.pr_body + out.pr_title
    assert words("kk")["location_title"] in out.comment


def test_a_correction_changes_only_the_named_fields_and_keeps_comments() -> None:
    out = run("correct-ru-phone.md")
    assert out.kind == "pull-request", out.comment
    ((path, new),) = out.files.items()
    old = out.before[path]
    assert path == "data/centres/oral-crisis-centre.yaml"
    before, after = yaml.safe_load(old), yaml.safe_load(new)
    unknown = {"hours": "unknown", "languages": "unknown", "cost": "unknown", "source": URL}
    who = {"who_hears": {"anonymous": "unknown", "recorded": "unknown", "may_inform_police": "unknown"}}
    assert after["contacts"]["channels"] == [{"kind": "voice", "number": "+7 7112 50 60 70", **unknown, **who}]
    assert URL in [source["url"] for source in after["sources"]]  # the new channel's source is listed
    assert after["sources"][: len(before["sources"])] == before["sources"]
    assert len(after["sources"]) == len(before["sources"]) + 2
    for key in before:
        if key not in ("contacts", "sources"):
            assert after[key] == before[key], key
    old_comments = [line.strip() for line in old.splitlines() if line.strip().startswith("#")]
    assert old_comments and old_comments == [line.strip() for line in new.splitlines() if line.strip().startswith("#")]


def test_a_correction_to_a_listing_that_does_not_exist() -> None:
    out = run("correct-kk-missing-listing.md")
    assert out.problems == [words("kk")["listing_not_found"].format(listing="Жоқ орталық")]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_contributors_guide_says_how_a_form_becomes_a_pull_request_and_what_is_checked(lang: str) -> None:
    guide = (ROOT / "docs" / lang / "contribute.md").read_text(encoding="utf-8")
    section = guide[guide.index("{#from-issue}") :].split("\n## ")[0]
    for said in ("from-issue/", "needs translation", "location-posted"):
        assert said in section, said


def test_a_free_text_correction_goes_to_a_person() -> None:
    out = run("correct-ru-nothing.md")
    assert out.kind == "manual" and out.files == {} and "needs maintainer" in out.labels
    assert words("ru")["manual_lead"] in out.comment


def test_a_suspension_sets_the_status_with_its_date_and_source() -> None:
    out = run("closed-ru-suspended.md")
    assert out.kind == "pull-request", out.comment
    data = written(out)
    assert data["status"] == "suspended"
    assert data["sources"][-2]["url"] == "https://semey.city/news/99"
    assert "2026-11-20" in data["sources"][-2]["supports"]
    assert data["status_history"][-1] == {
        "status": "suspended",
        "date": "2026-11-20",
        "source": data["sources"][-2]["url"],
    }
    assert "safety review" in out.labels  # Semey's centre houses people


def test_a_phone_that_does_not_answer_does_not_close_a_listing() -> None:
    out = run("closed-kk-not-answering.md")
    assert out.kind == "manual" and out.files == {}


def test_the_reporters_words_reach_the_pull_request_only_inside_a_code_fence() -> None:
    text = "see ``` then @maintainers <img src=x onerror=alert(1)>"
    fenced = from_issue.fenced(text)
    assert fenced.startswith("````text\n") and fenced.endswith("\n````")


def test_the_cli_dry_run_prints_the_diff_and_writes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    import shutil

    shutil.copytree(ROOT / "data", data)
    before = sorted(p.name for p in (data / "centres").iterdir())
    report = tmp_path / "report"
    args = [sys.executable, "-m", "generator", "from-issue", str(ISSUES / "add-ru-local-phone.md")]
    args += ["--number", "7", "--issue-url", URL, "--data", str(data), "--today", "2026-12-05"]
    result = subprocess.run([*args, "--dry-run", "--report-dir", str(report)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "+++ b/data/centres/pavlodar-krizisnyj-centr-shans.yaml" in result.stdout
    assert sorted(p.name for p in (data / "centres").iterdir()) == before
    summary = json.loads((report / "result.json").read_text())
    assert summary["outcome"] == "pull-request" and summary["branch"] == "from-issue/7"
    result = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and (data / "centres" / "pavlodar-krizisnyj-centr-shans.yaml").is_file()
    check = subprocess.run([sys.executable, "-m", "generator", "validate", "--data", str(data)], cwd=ROOT)
    assert check.returncode == 0


@pytest.mark.parametrize("name", ["add-kk-location.md", "add-ru-empty.md"])
def test_the_cli_exits_1_with_the_comment_and_no_traceback(name: str) -> None:
    result = run_cli_here("from-issue", str(ISSUES / name), "--number", "7", "--dry-run")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.startswith("### ")


def test_a_correction_keeps_a_listed_call_of_the_same_number_and_every_other_channel(tmp_path: Path) -> None:
    """Issue 17: the corrected numbers are the ones to call. A voice channel already listed with
    the same number keeps what its source said (its hours); WhatsApp and the rest are not touched."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "centres" / "oral-crisis-centre.yaml"
    channel = '    - {kind: %s, number: "%s", hours: "24/7", languages: unknown, cost: unknown, source: unknown,\n'
    channel += "       who_hears: {anonymous: unknown, recorded: unknown, may_inform_police: unknown}}\n"
    listed = channel % ("voice", "8 7112 506070") + channel % ("whatsapp", "+7 701 555 1234")
    listed += channel % ("voice", "+7 7112 11 11 11")  # not among the corrected numbers: dropped
    text = path.read_text(encoding="utf-8").replace("  channels: []\n", "  channels:\n" + listed, 1)
    assert text != path.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    out = run("correct-ru-phone.md", data)
    assert out.kind == "pull-request", out.comment
    after = yaml.safe_load(out.files["data/centres/oral-crisis-centre.yaml"])["contacts"]["channels"]
    assert [(c["kind"], c["number"], c["hours"]) for c in after] == [
        ("voice", "8 7112 506070", "24/7"),
        ("whatsapp", "+7 701 555 1234", "24/7"),
    ]


def test_the_listing_pages_github_link_names_the_listing_as_from_issue_reads_it(catalogue) -> None:
    """The "report a problem" link of a listing page (issue 17) fills in the correction form's
    "which listing?" answer; from-issue must find that listing from it."""
    from urllib.parse import parse_qs, urlsplit

    from generator.site import reach

    listing = next(x for x in catalogue.listings if x.id == "oral-crisis-centre")
    links = dict(reach.report_links(listing, "ru"))
    github = links[reach.ReachWords("ru")("report_github")]
    assert urlsplit(github).path.endswith("/issues/new")
    prefilled = parse_qs(urlsplit(github).query)["listing"][0]
    body = (ISSUES / "correct-ru-phone.md").read_text(encoding="utf-8")
    body = body.replace("https://kz-crisis-directory.github.io/ru/centres/oral-crisis-centre/", prefilled)
    assert prefilled in body
    out = from_issue.process(body, ROOT / "data", 7, URL, TODAY)
    assert out.kind == "pull-request", out.comment
    assert list(out.files) == ["data/centres/oral-crisis-centre.yaml"]
