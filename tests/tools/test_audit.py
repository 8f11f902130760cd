"""The weekly audit: website checks against a local server on 127.0.0.1 (never the
network), phone formats, staleness, and the Markdown body of the one weekly issue."""

from __future__ import annotations

import dataclasses
import datetime as dt
import http.server
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.data.validate import validate
from generator.tools import audit

from ..conftest import DATA, ROOT, make_data_dir


class _Handler(http.server.BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def _answer(self, with_body: bool) -> None:
        _Handler.hits[self.path] = _Handler.hits.get(self.path, 0) + 1
        port = self.server.server_address[1]
        routes = {
            "/ok": (200, {}),
            "/gone": (404, {}),
            "/blocked": (403, {}),
            "/broken": (500, {}),
            "/moved": (301, {"Location": f"http://localhost:{port}/ok"}),
            "/same-site": (302, {"Location": "/ok"}),
        }
        if self.path == "/no-head" and self.command == "HEAD":
            status, headers = 405, {}
        elif self.path == "/no-head":
            status, headers = 200, {}
        else:
            status, headers = routes.get(self.path, (404, {}))
        body = b"<p>hello</p>"
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(False)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(True)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_check_url_against_a_local_server(server: str):
    ok = audit.check_url(f"{server}/ok", timeout=5)
    assert ok.ok and ok.status == 200 and ok.moved_to is None

    no_head = audit.check_url(f"{server}/no-head", timeout=5)
    assert no_head.ok and no_head.status == 200  # HEAD refused, GET answered

    gone = audit.check_url(f"{server}/gone", timeout=5, pause=0)
    assert not gone.ok and gone.status == 404 and gone.describe() == "HTTP 404"
    assert _Handler.hits["/gone"] == 2  # HEAD and GET once each: a 404 is not asked again

    broken = audit.check_url(f"{server}/broken", timeout=5, retries=1, pause=0)
    assert not broken.ok and broken.status == 500
    assert _Handler.hits["/broken"] == 4  # a server error is asked again once

    blocked = audit.check_url(f"{server}/blocked", timeout=5, retries=0)
    assert not blocked.ok and blocked.blocked and "may refuse automatic checks" in blocked.describe()

    moved = audit.check_url(f"{server}/moved", timeout=5)
    assert moved.ok and moved.moved_to and moved.moved_to.startswith("http://localhost:")
    assert audit.check_url(f"{server}/same-site", timeout=5).moved_to is None

    refused = audit.check_url(f"http://127.0.0.1:{_closed_port()}/", timeout=5, retries=0)
    assert not refused.ok and refused.status is None and "refused" in refused.describe()

    assert not audit.check_url("ftp://example.kz/", timeout=5).ok


def test_check_urls_checks_each_address_once(server: str):
    urls = [f"{server}/ok", f"{server}/ok", f"{server}/gone"]
    results = audit.check_urls(urls, timeout=5, workers=4)
    assert sorted(results) == sorted(set(urls))


@pytest.fixture
def data(tmp_path: Path, server: str) -> Path:
    """Three real listings, changed: a dead website, a phone in national form, a stale date."""
    folder = make_data_dir(tmp_path / "data")
    centres = DATA / "centres"
    asar = (centres / "almaty-asar.yaml").read_text(encoding="utf-8")
    assert "website: https://en.sos-kazakhstan.kz" in asar
    asar = asar.replace("website: https://en.sos-kazakhstan.kz", f"website: {server}/gone")
    (folder / "centres" / "almaty-asar.yaml").write_text(asar, encoding="utf-8")
    line = (centres / "national-150.yaml").read_text(encoding="utf-8")
    # The date may be written bare or quoted (generator fix quotes it); each edit must take.
    line, dated = re.subn(r'last_checked: "?2026-11-22"?', 'last_checked: "2024-01-10"', line)
    assert dated == 1
    assert '    - number: "150"\n      type: voice\n' in line
    line = line.replace(
        '    - number: "150"\n      type: voice\n',
        '    - number: "150"\n      type: voice\n    - number: "87771234567"\n      type: whatsapp\n',
    )
    (folder / "centres" / "national-150.yaml").write_text(line, encoding="utf-8")
    (folder / "centres" / "emergency-112.yaml").write_text(
        (centres / "emergency-112.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return folder


TODAY = dt.date(2026, 11, 23)


def test_audit_finds_dead_websites_phone_formats_and_stale_listings(data: Path, server: str):
    report = validate(data, today=TODAY)
    assert report.ok, [p.as_text() for p in report.errors]
    catalogue = report.catalogue
    websites = audit.check_urls([x.contacts.website for x in catalogue.listings if x.contacts.website], timeout=5)
    result = audit.run_audit(catalogue, TODAY, websites)

    assert [(f.listing.id, f.what, f.detail) for f in result.websites] == [
        ("almaty-asar", f"{server}/gone", "HTTP 404")
    ]
    assert [(f.listing.id, f.what) for f in result.phones] == [("national-150", "87771234567")]
    assert "+7 777 123 4567" in result.phones[0].detail
    assert [(f.listing.id, f.what, f.detail) for f in result.stale] == [("national-150", "2024-01-10", "1048 days ago")]
    assert result.count == 3


def test_a_short_number_on_whatsapp_is_reported(data: Path):
    path = data / "centres" / "emergency-112.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("type: voice", "type: whatsapp", 1), encoding="utf-8")
    catalogue = validate(data, today=TODAY).catalogue
    result = audit.run_audit(catalogue, TODAY)
    assert any(f.listing.id == "emergency-112" and "short number" in f.detail for f in result.phones)


def test_audit_never_recommends_a_form_that_changes_the_digits(data: Path):
    """Issue 14: audit recommended +7 872 624-32-10 for "8 (7262) 43-21-0", a number one digit
    short, read as a number in Dagestan. Such data passes only an older validator; the
    phones are put in the listing here as that validator's model had them."""
    catalogue = validate(data, today=TODAY).catalogue
    listing = next(x for x in catalogue.listings if x.id == "national-150")
    old = [("8 (7262) 43-21-0", "+7 872 624-32-10", "+78726243210"), ("+7 112", "7112", "7112")]
    phones = tuple(
        dataclasses.replace(listing.contacts.phones[0], number=number, display=display, tel=tel)
        for number, display, tel in old
    )
    listing = dataclasses.replace(listing, contacts=dataclasses.replace(listing.contacts, phones=phones))
    findings = audit.phone_findings(listing)
    assert [f.what for f in findings] == ["8 (7262) 43-21-0", "+7 112"]
    assert all(f.detail.startswith("not a valid phone number: ") for f in findings)
    assert "one digit short?" in findings[0].detail
    assert not any("write it as" in f.detail or "872" in f.detail for f in findings)


def test_every_recommended_form_dials_the_digits_written(data: Path):
    catalogue = validate(data, today=TODAY).catalogue
    listing = next(x for x in catalogue.listings if x.id == "national-150")
    written = ["8 (7292) 20-30-40", "87771234567", "7 701 234 56 78", "+7(7172)123456", "8 (7262) 43-21-05"]
    phones = tuple(dataclasses.replace(listing.contacts.phones[0], number=n) for n in written)
    listing = dataclasses.replace(listing, contacts=dataclasses.replace(listing.contacts, phones=phones))
    findings = audit.phone_findings(listing)
    assert [f.what for f in findings] == written
    for finding in findings:
        form = re.fullmatch(r"write it as (.+) \(python -m generator fix\)", finding.detail).group(1)
        digits = re.sub(r"\D", "", finding.what)
        assert re.sub(r"\D", "", form)[1:] == digits[1:] and form.startswith("+7 7"), finding


def test_markdown_report_is_the_body_of_one_issue(data: Path, server: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(data.parent)  # as in the workflow: paths relative to the repository
    catalogue = validate(data, today=TODAY).catalogue
    websites = audit.check_urls([f"{server}/gone"], timeout=5)
    text = audit.markdown(audit.run_audit(catalogue, TODAY, websites), "https://github.com/o/r/blob/abc")
    assert text.startswith(audit.ISSUE_MARKER + "\n")
    assert "Сайттар жауап бермейді · Сайты не отвечают (1)" in text
    assert "Телефон нөмірлері · Номера телефонов (1)" in text
    assert "12 айдан астам тексерілмеген · Не проверялись больше 12 месяцев (1)" in text
    assert "[`almaty-asar`](https://github.com/o/r/blob/abc/data/centres/almaty-asar.yaml)" in text
    assert "**kk:**" in text and "**ru:**" in text
    assert len(text) <= audit.MAX_BODY


def test_markdown_cells_are_escaped_and_long_reports_are_cut(data: Path):
    catalogue = validate(data, today=TODAY).catalogue
    listing = catalogue.listings[0]
    finding = audit.Finding(listing, "a|b<script>", "line\nbreak")
    report = audit.Audit(TODAY, 1, False, phones=[finding] * 2000)
    text = audit.markdown(report, langs=("en",))
    assert "a\\|b&lt;script>" in text and "line break" in text
    assert "<script>" not in text
    assert len(text) <= audit.MAX_BODY and "the report was cut" in text
    assert "_Websites were not checked in this run._" in text
    both = audit.markdown(report)  # the workflow's kk+ru
    assert len(both) <= audit.MAX_BODY and "(есеп қысқартылды: бір тапсырмаға тым ұзын · отчёт обрезан" in both


def test_command_line_without_network_and_with_github_output(data: Path, tmp_path: Path):
    out, gh = tmp_path / "report.md", tmp_path / "github_output"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "audit", "--data", str(data), "--format", "markdown"]
        + ["--today", TODAY.isoformat(), "--output", str(out), "--github-output", str(gh), "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert gh.read_text() == "findings=2\n"  # the phone and the stale listing; websites not checked
    assert "_Websites were not checked in this run._" in out.read_text(encoding="utf-8")


def test_the_real_data_has_no_phone_format_findings(catalogue):
    result = audit.run_audit(catalogue, dt.date.today())
    assert result.phones == []
