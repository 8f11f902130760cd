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

from generator.data.messages import add_lang_argument, env_lang, helptext, in_lang, tell
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
            return tell("audit.http-blocked" if self.blocked else "audit.http", status=self.status)
        return self.error or tell("audit.no-answer")


def _request(url: str, method: str, timeout: float) -> tuple[int, str]:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http and https only)
        if method == "GET":
            response.read(65536)
        return response.status, response.geturl()


def check_url(url: str, timeout: float = 20.0, retries: int = 1, pause: float = 2.0) -> UrlCheck:
    """Does the address answer? HEAD first, then GET (many servers refuse HEAD)."""
    if urlsplit(url).scheme not in ("http", "https"):
        return UrlCheck(url, False, error=tell("audit.not-http"))
    last = UrlCheck(url, False, error=tell("audit.no-answer"))
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
        return tell("audit.certificate", why=reason.verify_message)
    if isinstance(reason, ssl.SSLError):
        return tell("audit.ssl")
    if isinstance(reason, TimeoutError):
        return tell("audit.timeout")
    if isinstance(reason, socket.gaierror):
        return tell("audit.dns")
    if isinstance(reason, ConnectionRefusedError):
        return tell("audit.refused")
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
            found.append(
                Finding(listing, phone.number, tell("audit.phone-invalid", why=parsed.message, hint=parsed.hint))
            )
            continue
        if phone.number != parsed.display:
            # A form is recommended only if it dials the very digits written (issue 14).
            if keeps_digits(phone.number, parsed):
                found.append(Finding(listing, phone.number, tell("audit.phone-write-as", number=parsed.display)))
            else:
                found.append(Finding(listing, phone.number, tell("audit.phone-by-hand")))
                continue
        if phone.type in ("whatsapp", "telegram", "text") and len(parsed.tel) <= 6:
            found.append(Finding(listing, phone.number, tell("audit.phone-short", type=phone.type)))
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
                report.moved.append(Finding(listing, website, tell("audit.moved-to", url=result.moved_to)))
        report.phones.extend(phone_findings(listing))
        if is_stale(listing, today):
            checked = listing.verification.last_checked
            days = (today - dt.date.fromisoformat(checked)).days
            report.stale.append(Finding(listing, checked, tell("audit.days-ago", days=days)))
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


# The languages of the weekly issue: the workflow passes --lang kk+ru, for a team that reads either.
BOTH: tuple[str, ...] = ("kk", "ru")


def _in(langs: tuple[str, ...], key: str, sep: str = " · ", **values: object) -> str:
    """One tools.yaml text in each language, each once, joined (a heading: "kk · ru")."""
    return sep.join(dict.fromkeys(tell(key, **values).render(lang) for lang in langs))


def _section(
    langs: tuple[str, ...], keys: tuple[str, str, str, str], findings: list[Finding], link_base: str
) -> list[str]:
    """A table of findings: keys are its title, its two columns after the listing, and what to say when empty."""
    title, first, second, empty = keys
    out = ["", f"## {_in(langs, title)} ({len(findings)})", ""]
    if not findings:
        return [*out, _in(langs, empty)] if empty else out
    heads = [_in(langs, key) for key in ("audit.column-listing", first, second)]
    out += [f"| {' | '.join(heads)} |", "| --- | --- | --- |"]
    for f in findings:
        detail = "<br>".join(dict.fromkeys(_md(in_lang(f.detail, one)) for one in langs))
        out.append(f"| {_who(f, link_base)} | {_md(f.what)} | {detail} |")
    return out


_WEBSITES = ("audit.websites", "audit.column-site", "audit.column-result", "audit.websites-none")
_MOVED = ("audit.moved", "audit.column-site", "audit.column-where", "")
_PHONES = ("audit.phones", "audit.column-number", "audit.column-to-do", "audit.phones-none")
_STALE = ("audit.stale", "audit.column-checked", "audit.column-when", "audit.stale-none")


def markdown(report: Audit, link_base: str = "", langs: tuple[str, ...] = BOTH) -> str:
    out = [ISSUE_MARKER, f"# {_in(langs, 'audit.title')} — {report.today.isoformat()}", ""]
    out += [_in(langs, "audit.lead", listings=report.listings), ""]
    out += [f"- **{one}:** {tell('audit.what-to-do').render(one)}" for one in langs]
    if report.websites_checked:
        out += _section(langs, _WEBSITES, report.websites, link_base)
        if report.moved:
            out += _section(langs, _MOVED, report.moved, link_base)
    else:
        out += ["", f"_{_in(langs, 'audit.websites-skipped')}_"]
    out += _section(langs, _PHONES, report.phones, link_base)
    out += _section(langs, _STALE, report.stale, link_base)
    text = "\n".join(out) + "\n"
    if len(text) > MAX_BODY:
        text = text[: MAX_BODY - 200].rsplit("\n", 1)[0] + f"\n\n… ({_in(langs, 'audit.cut')})\n"
    return text


def text_report(report: Audit, lang: str = "en") -> str:
    lines = []
    for title, findings in (
        ("audit.kind-website", report.websites),
        ("audit.kind-moved", report.moved),
        ("audit.kind-phone", report.phones),
        ("audit.kind-stale", report.stale),
    ):
        said = tell(title).render(lang)
        lines += [f"{f.listing.path}: {said}: {f.what}: {in_lang(f.detail, lang)}" for f in findings]
    lines.append(tell("audit.summary", listings=report.listings, count=report.count).render(lang))
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
    file, folder = helptext("metavar.file"), helptext("metavar.folder")
    parser = sub.add_parser("audit", help=helptext("audit"), description=helptext("audit.about"))
    parser.add_argument("--data", type=Path, default=default_data, help=helptext("data"), metavar=folder)
    parser.add_argument("--format", choices=["text", "markdown"], default="text", help=helptext("audit.format"))
    parser.add_argument("--websites", action="store_true", help=helptext("audit.websites"))
    parser.add_argument(
        "--timeout", type=float, default=20.0, help=helptext("audit.timeout"), metavar=helptext("metavar.seconds")
    )
    parser.add_argument(
        "--today", type=dt.date.fromisoformat, default=None, help=helptext("today"), metavar=helptext("metavar.date")
    )
    parser.add_argument("--output", type=Path, help=helptext("audit.output"), metavar=file)
    parser.add_argument("--link-base", default="", help=helptext("link-base"), metavar=helptext("metavar.address"))
    parser.add_argument("--github-output", type=Path, help=helptext("audit.github-output"), metavar=file)
    add_lang_argument(parser)  # the weekly workflow passes kk+ru for its issue
    parser.set_defaults(run=run)

    plan = sub.add_parser("audit-issue", help=helptext("audit-issue"), description=helptext("audit-issue.about"))
    plan.add_argument("--data", type=Path, default=default_data, help=argparse.SUPPRESS)
    plan.add_argument("--issues", type=Path, required=True, help=helptext("audit-issue.issues"), metavar=file)
    plan.add_argument(
        "--findings", type=int, required=True, help=helptext("audit-issue.findings"), metavar=helptext("metavar.number")
    )
    plan.set_defaults(run=run_issue_plan)


def run_issue_plan(args: argparse.Namespace) -> int:
    import json

    try:
        issues = json.loads(args.issues.read_text(encoding="utf-8") or "[]")
    except (OSError, ValueError) as exc:
        print(f"error: {tell('audit.cannot-read-issues', why=exc).render(env_lang())}", file=sys.stderr)
        return 2
    action, number = issue_plan(issues, args.findings)
    print(action if number is None else f"{action} {number}")
    return 0


def run(args: argparse.Namespace) -> int:
    langs = tuple(args.lang.split("+"))
    today = args.today or dt.date.today()
    report = validate(args.data, today=today)
    if not report.ok or report.catalogue is None:
        print(f"error: {tell('audit.invalid-data').render(langs[0])}", file=sys.stderr)
        return 1
    catalogue = report.catalogue
    websites = None
    if args.websites:
        websites = check_urls((x.contacts.website for x in catalogue.listings if x.contacts.website), args.timeout)
    result = run_audit(catalogue, today, websites)
    text = markdown(result, args.link_base, langs) if args.format == "markdown" else text_report(result, langs[0])
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        print(text)
    if args.github_output:
        with args.github_output.open("a", encoding="utf-8") as out:
            out.write(f"findings={result.count}\n")
    print(tell("audit.summary", listings=result.listings, count=result.count).render(langs[0]), file=sys.stderr)
    return 0
