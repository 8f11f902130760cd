"""`python -m generator audit`: the weekly check of what goes out of date by itself.

- Websites (`contacts.website`) that no longer answer. Only with `--websites`:
  the check goes to the network, so it runs in the weekly workflow, never in a
  pull request or the tests (they point it at a server on 127.0.0.1).
- Phone numbers not written in international form (`python -m generator fix`
  rewrites them) and numbers that can't be what their type says.
- Listings whose sources were last checked more than 12 months ago: the site
  already tells readers they may be out of date.

The Markdown report is the body of one GitHub issue that the workflow updates
each week instead of opening a new one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import socket
import ssl
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from generator.data.model import Catalogue, Listing, is_stale
from generator.data.phones import PhoneRefusal, check_phone, keeps_digits
from generator.data.validate import validate

ISSUE_MARKER = "<!-- kz-crisis-directory:weekly-check -->"
USER_AGENT = "kz-crisis-directory-link-check/1.0 (weekly check of a directory of crisis centres)"
MAX_BODY = 60_000  # a GitHub issue body holds 65,536 characters


# ---------------------------------------------------------------- websites


@dataclass(frozen=True)
class UrlCheck:
    url: str
    ok: bool
    status: int | None = None
    final_url: str | None = None
    error: str = ""

    @property
    def blocked(self) -> bool:
        """Answers, but not to robots: worth a look by a person, not a dead site."""
        return self.status in (401, 403, 429)

    @property
    def moved_to(self) -> str | None:
        if not self.final_url:
            return None
        before, after = (urlsplit(u).hostname or "" for u in (self.url, self.final_url))
        strip = lambda host: host.removeprefix("www.")  # noqa: E731
        return self.final_url if strip(before) != strip(after) else None

    def describe(self) -> str:
        if self.status:
            return f"HTTP {self.status}" + (" (it may refuse automatic checks)" if self.blocked else "")
        return self.error or "no answer"


def _request(url: str, method: str, timeout: float) -> tuple[int, str]:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http and https only)
        if method == "GET":
            response.read(65536)
        return response.status, response.geturl()


def check_url(url: str, timeout: float = 20.0, retries: int = 1, pause: float = 2.0) -> UrlCheck:
    """Does the address answer? HEAD first, then GET (many servers refuse HEAD)."""
    if urlsplit(url).scheme not in ("http", "https"):
        return UrlCheck(url, False, error="not an http(s) address")
    last = UrlCheck(url, False, error="no answer")
    for attempt in range(retries + 1):
        for method in ("HEAD", "GET"):
            try:
                status, final = _request(url, method, timeout)
                return UrlCheck(url, status < 400, status, final)
            except urllib.error.HTTPError as exc:
                last = UrlCheck(url, False, exc.code, exc.geturl() or url)
            except (urllib.error.URLError, TimeoutError, ssl.SSLError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                last = UrlCheck(url, False, error=_explain(reason))
        if last.status is not None and last.status < 500 and not last.blocked:
            break  # a definite answer such as 404: asking again will not change it
        if attempt < retries:
            time.sleep(pause)
    return last


def _explain(reason: object) -> str:
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"the certificate is not valid ({reason.verify_message})"
    if isinstance(reason, ssl.SSLError):
        return "the secure connection failed"
    if isinstance(reason, TimeoutError):
        return "no answer in time"
    if isinstance(reason, socket.gaierror):
        return "the domain name does not resolve"
    if isinstance(reason, ConnectionRefusedError):
        return "the connection was refused"
    return str(reason) or reason.__class__.__name__


def check_urls(urls: Iterable[str], timeout: float = 20.0, workers: int = 8) -> dict[str, UrlCheck]:
    unique = sorted(set(urls))
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(unique) or 1))) as pool:
        return dict(zip(unique, pool.map(lambda u: check_url(u, timeout), unique), strict=True))


# ---------------------------------------------------------------- findings


@dataclass(frozen=True)
class Finding:
    listing: Listing
    what: str
    detail: str = ""


@dataclass
class Audit:
    today: dt.date
    listings: int
    websites_checked: bool
    websites: list[Finding] = field(default_factory=list)
    moved: list[Finding] = field(default_factory=list)
    phones: list[Finding] = field(default_factory=list)
    stale: list[Finding] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.websites) + len(self.moved) + len(self.phones) + len(self.stale)


def phone_findings(listing: Listing) -> list[Finding]:
    found = []
    for phone in listing.contacts.phones:
        parsed = check_phone(phone.number, bool(phone.outside_kazakhstan_reason))
        if isinstance(parsed, PhoneRefusal):  # the validator refuses these; kept for data checked with another version
            found.append(Finding(listing, phone.number, f"not a valid phone number: {parsed.message}. {parsed.hint}"))
            continue
        if phone.number != parsed.display:
            # A form is recommended only if it dials the very digits written (issue 14).
            if keeps_digits(phone.number, parsed):
                found.append(Finding(listing, phone.number, f"write it as {parsed.display} (python -m generator fix)"))
            else:
                found.append(
                    Finding(listing, phone.number, "check this number against the source and write it by hand")
                )
                continue
        if phone.type in ("whatsapp", "telegram", "text") and len(parsed.tel) <= 6:
            found.append(Finding(listing, phone.number, f"a short number can't be reached by {phone.type}"))
    return found


def run_audit(catalogue: Catalogue, today: dt.date, websites: dict[str, UrlCheck] | None = None) -> Audit:
    listings = sorted(catalogue.listings, key=lambda x: x.id)
    report = Audit(today, len(listings), websites is not None)
    for listing in listings:
        website = listing.contacts.website
        if websites is not None and website and website in websites:
            result = websites[website]
            if not result.ok:
                report.websites.append(Finding(listing, website, result.describe()))
            elif result.moved_to:
                report.moved.append(Finding(listing, website, f"now goes to {result.moved_to}"))
        report.phones.extend(phone_findings(listing))
        if is_stale(listing, today):
            checked = listing.verification.last_checked
            days = (today - dt.date.fromisoformat(checked)).days
            report.stale.append(Finding(listing, checked, f"{days} days ago"))
    return report


# ---------------------------------------------------------------- the report


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")


def _who(finding: Finding, link_base: str) -> str:
    listing = finding.listing
    label = f"`{listing.id}`"
    if link_base:
        label = f"[{label}]({link_base.rstrip('/')}/{quote(listing.path)})"
    return f"{label} {_md(listing.name('ru'))}"


def _section(title: str, head: tuple[str, str], findings: list[Finding], link_base: str, empty: str) -> list[str]:
    out = ["", f"## {title} ({len(findings)})", ""]
    if not findings:
        return [*out, empty]
    out += [f"| Жазба · Запись | {head[0]} | {head[1]} |", "| --- | --- | --- |"]
    out += [f"| {_who(f, link_base)} | {_md(f.what)} | {_md(f.detail)} |" for f in findings]
    return out


def markdown(report: Audit, link_base: str = "") -> str:
    out = [
        ISSUE_MARKER,
        f"# Апталық тексеру · Еженедельная проверка — {report.today.isoformat()}",
        "",
        f"{report.listings} listings checked. This issue is updated by the weekly workflow; "
        "it is closed when nothing is left to do.",
        "",
        "- **kk:** Төмендегі жазбаларды қайта тексеріңіз: дереккөздерді қарап, ұйымға хабарласып, `last_checked` "
        "күнін жаңартыңыз. Баспананың мекенжайын ешқашан жазбаңыз.",
        "- **ru:** Перепроверьте записи ниже: просмотрите источники, свяжитесь с организацией и обновите дату "
        "`last_checked`. Никогда не пишите адрес приюта.",
    ]
    if report.websites_checked:
        out += _section(
            "Сайттар жауап бермейді · Сайты не отвечают",
            ("Сайт", "Нәтиже · Результат"),
            report.websites,
            link_base,
            "Every website answered.",
        )
        if report.moved:
            out += _section(
                "Сайт басқа мекенжайға ауысты · Сайт переехал",
                ("Сайт", "Қайда · Куда"),
                report.moved,
                link_base,
                "",
            )
    else:
        out += ["", "_Websites were not checked in this run._"]
    out += _section(
        "Телефон нөмірлері · Номера телефонов",
        ("Нөмір · Номер", "Не істеу керек · Что сделать"),
        report.phones,
        link_base,
        "Every phone number is written in international form.",
    )
    out += _section(
        "12 айдан астам тексерілмеген · Не проверялись больше 12 месяцев",
        ("last_checked", "Қашан · Когда"),
        report.stale,
        link_base,
        "Every listing was checked in the last 12 months.",
    )
    text = "\n".join(out) + "\n"
    if len(text) > MAX_BODY:
        text = text[: MAX_BODY - 200].rsplit("\n", 1)[0] + "\n\n… (the report was cut: too long for one issue)\n"
    return text


def text_report(report: Audit) -> str:
    lines = []
    for title, findings in (
        ("website", report.websites),
        ("moved", report.moved),
        ("phone", report.phones),
        ("stale", report.stale),
    ):
        lines += [f"{f.listing.path}: {title}: {f.what}: {f.detail}" for f in findings]
    lines.append(f"{report.listings} listings checked: {report.count} finding(s).")
    return "\n".join(lines)


# ---------------------------------------------------------------- the one issue


def issue_plan(issues: list[dict], findings: int) -> tuple[str, int | None]:
    """What the weekly workflow does with its issue, from `gh issue list --json number,state,body`.

    One issue, found by the marker in its body: updated while there is something
    to report (reopened if it was closed), closed when nothing is left; a new one
    only when none exists. Returns (create | update | reopen | close | none, number).
    """
    ours = [i for i in issues if ISSUE_MARKER in (i.get("body") or "")]
    ours.sort(key=lambda i: (str(i.get("state", "")).upper() == "OPEN", int(i["number"])))
    issue = ours[-1] if ours else None
    is_open = issue is not None and str(issue.get("state", "")).upper() == "OPEN"
    if findings > 0:
        if issue is None:
            return "create", None
        return ("update" if is_open else "reopen"), int(issue["number"])
    if is_open:
        return "close", int(issue["number"])  # type: ignore[index]
    return "none", None


# ---------------------------------------------------------------- command line


def register(sub: argparse._SubParsersAction, default_data: Path) -> None:
    parser = sub.add_parser(
        "audit",
        help="weekly check: websites (--websites), phone formats, listings not checked for 12 months",
        description="Report what has gone out of date. Exit 0 whatever is found; 1 if the data is invalid.",
    )
    parser.add_argument("--data", type=Path, default=default_data, help="data folder (default: data/)")
    parser.add_argument("--format", choices=["text", "markdown"], default="text")
    parser.add_argument("--websites", action="store_true", help="also check that websites answer (uses the network)")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for each website")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)")
    parser.add_argument("--output", type=Path, help="write the report to this file instead of printing it")
    parser.add_argument("--link-base", default="", help="URL that listing paths are appended to, for links")
    parser.add_argument("--github-output", type=Path, help="append findings=<n> to this file ($GITHUB_OUTPUT)")
    parser.set_defaults(run=run)

    plan = sub.add_parser(
        "audit-issue",
        help="for the weekly workflow: create, update, reopen or close its one issue",
        description="Read `gh issue list --json number,state,body` and print the action and the issue number.",
    )
    plan.add_argument("--data", type=Path, default=default_data, help=argparse.SUPPRESS)
    plan.add_argument("--issues", type=Path, required=True, help="JSON from gh issue list")
    plan.add_argument("--findings", type=int, required=True, help="how many findings this week's report has")
    plan.set_defaults(run=run_issue_plan)


def run_issue_plan(args: argparse.Namespace) -> int:
    import json

    try:
        issues = json.loads(args.issues.read_text(encoding="utf-8") or "[]")
    except (OSError, ValueError) as exc:
        print(f"error: cannot read the issues: {exc}", file=sys.stderr)
        return 2
    action, number = issue_plan(issues, args.findings)
    print(action if number is None else f"{action} {number}")
    return 0


def run(args: argparse.Namespace) -> int:
    today = args.today or dt.date.today()
    report = validate(args.data, today=today)
    if not report.ok or report.catalogue is None:
        print("error: the data has errors; run python -m generator validate", file=sys.stderr)
        return 1
    catalogue = report.catalogue
    websites = None
    if args.websites:
        websites = check_urls((x.contacts.website for x in catalogue.listings if x.contacts.website), args.timeout)
    result = run_audit(catalogue, today, websites)
    text = markdown(result, args.link_base) if args.format == "markdown" else text_report(result)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        print(text)
    if args.github_output:
        with args.github_output.open("a", encoding="utf-8") as out:
            out.write(f"findings={result.count}\n")
    print(f"{result.listings} listings checked: {result.count} finding(s).", file=sys.stderr)
    return 0
