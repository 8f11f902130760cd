"""`python -m generator from-issue`: an issue form becomes a checked change, without anyone touching YAML.

The people who know a centre's facts fill in an issue form; this turns the form into the change
a maintainer would have written by hand, checks it with the same validator, and says what
happened in the reporter's language (the form's):

- add a centre      -> a new data/centres/<id>.yaml, unknowns as `unknown`, not_verified;
- correct a listing -> the named listing's phones, website or e-mail, comments and order kept;
- closed/suspended  -> the listing's status with its date and the report as its source.

The outcome is one of: a pull request (the change is valid), a comment (what to change in the
form), or `location` (the text looks like where a shelter is: it is repeated nowhere, the issue
is labelled for the maintainers). The issue body is untrusted data: nothing in it is run, and
what reaches the pull request's text is fenced as code.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import io
import json
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Quoted

from generator.data import catalogs
from generator.data.location_text import location_label
from generator.data.messages import env_lang, helptext, in_lang, tell
from generator.data.model import Lang
from generator.data.phones import check_phone
from generator.data.schema_check import load_schema
from generator.data.validate import display_path, validate
from generator.tools import issue_forms, scaffold
from generator.tools.fix import round_trip
from generator.tools.issue_forms import Answers, Form
from generator.tools.transliterate import latin

KINDS = ("shelter", "centre", "helpline")  # the add form's "what is it?" options, in order
CLOSED_OPTIONS = {0: "closed", 1: "suspended"}  # the report form's "what happened?" options


def _answers_meaning_unknown() -> set[str]:
    """What reporters write for "I don't know", in every form language (words/*/from_issue.yaml)."""
    table = catalogs.table("from_issue")
    words = {"unknown", "-", "—"}
    for lang in table:
        words |= {w.strip().lower() for w in table[lang]["unknown_answers"].split("|")}
    return words


LOCATION_LABEL = "location-posted"  # the maintainers remove the text (and its edit history)
_URL = re.compile(r"https?://[^\s<>\"'`)\]]+", re.IGNORECASE)
_EMAIL = re.compile(r"[^@\s<>()\[\],;:\"']+@[^@\s<>()\[\],;:\"']+\.[a-z]{2,}", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w/])\+?\d[\d\s()\-\u00a0]{1,22}\d(?![\w/])")
_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b|\b(\d{2})\.(\d{2})\.(\d{4})\b")
_CENTRE_URL = re.compile(r"/centres/([a-z0-9]+(?:-[a-z0-9]+)*)/?")


@dataclass
class Outcome:
    """What the workflow does: open a pull request, comment on the issue, or flag a location."""

    kind: str  # "pull-request", "comment" (what to change in the form), "manual" or "location"
    lang: Lang
    number: int
    files: dict[str, str] = field(default_factory=dict)  # path in the repository -> new text
    before: dict[str, str] = field(default_factory=dict)  # path -> old text ("" for a new file)
    problems: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    pr_title: str = ""
    pr_body: str = ""
    comment: str = ""

    @property
    def branch(self) -> str:
        return f"from-issue/{self.number}"

    def summary(self) -> dict[str, Any]:
        return {
            "outcome": self.kind,
            "lang": self.lang,
            "branch": self.branch,
            "labels": self.labels,
            "files": sorted(self.files),
        }


class _Words:
    def __init__(self, lang: Lang):
        self.lang = lang
        self.table = catalogs.table("from_issue")[lang]

    def __call__(self, key: str, **values: Any) -> str:
        return self.table[key].format(**values)


# ---------------------------------------------------------------- reading answers


def _given(text: str) -> str:
    """An answer, or "" when the reporter wrote that it is unknown."""
    return "" if text.strip().strip(".").lower() in _answers_meaning_unknown() else text.strip()


def _date(text: str) -> str | None:
    match = _DATE.search(text)
    if not match:
        return None
    if match.group(1):
        year, month, day = match.group(1), match.group(2), match.group(3)
    else:
        day, month, year = match.group(4), match.group(5), match.group(6)
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _sources(text: str, issue_url: str, number: int, today: dt.date, supports: str) -> list[dict[str, Any]]:
    """Each link of the "sources" answer (with a date if its line has one), then the issue itself."""
    found = []
    for line in text.splitlines():
        for url in _URL.findall(line):
            url = url.rstrip(".,;")
            found.append(
                {
                    "title": urlsplit(url).hostname or url,
                    "url": url,
                    "date": _date(line) or "unknown",
                    "supports": supports,
                }
            )
    if issue_url:
        found.append(
            {
                "title": f"GitHub issue #{number}",
                "url": issue_url,
                "date": today.isoformat(),
                "supports": f"the report in issue #{number} (form answers, not yet checked with the organisation)",
            }
        )
    return found


def _phones(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Numbers in the answer, each as the site shows it, and the ones refused with why."""
    kept, refused = [], []
    for match in _PHONE.finditer(text):
        raw = match.group(0).strip()
        checked = check_phone(raw)
        if hasattr(checked, "display"):
            kept.append(checked.display)  # type: ignore[union-attr]
        else:
            refused.append((raw, checked.message))  # type: ignore[union-attr]
    return kept, refused


def _city_key(answer: str, cities: dict[str, Any]) -> str | None:
    """The key of the town the reporter named, with or without the word for "town" (г., қаласы…)."""
    table = catalogs.table("from_issue")
    town_words = [w.strip().lower() for lang in table for w in table[lang]["town_words"].split("|") if w.strip()]
    wanted = " ".join(answer.lower().split())
    for word in town_words:
        if wanted.startswith(word + " "):
            wanted = wanted[len(word) :].strip()
        if wanted.endswith(" " + word):
            wanted = wanted[: -len(word)].strip()
    for key, city in cities.items():
        names = {key, str(city.get("kk", "")).lower(), str(city.get("ru", "")).lower()}
        if wanted in names or wanted.replace(" ", "-") in names:
            return key
    return None


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", latin(text.lower())))[:50].strip("-") or "centre"


# ---------------------------------------------------------------- the three forms


def _add(answers: Answers, data_dir: Path, number: int, issue_url: str, today: dt.date, w: _Words) -> Outcome:
    lang = answers.form.lang
    other: Lang = "ru" if lang == "kk" else "kk"
    out = Outcome("comment", lang, number)
    cities = yaml.safe_load((data_dir / "cities.yaml").read_text(encoding="utf-8")) or {}
    services = yaml.safe_load((data_dir / "services.yaml").read_text(encoding="utf-8")) or {}

    name = _given(answers.text("name"))
    if not name:
        out.problems.append(w("missing_field", field=answers.label("name")))
    kind_index = answers.option_index("kind")
    if kind_index is None or kind_index >= len(KINDS):
        out.problems.append(w("unknown_kind", field=answers.label("kind")))
    city_answer = _given(answers.text("city"))
    city = _city_key(city_answer, cities) if city_answer else None
    if not city_answer:
        out.problems.append(w("missing_field", field=answers.label("city")))
    elif city is None:
        out.problems.append(w("unknown_city", city=city_answer))
    chosen = set(answers.checked.get("services", []))
    service_keys = [key for key, s in services.items() if isinstance(s, dict) and s.get(lang) in chosen]
    if not service_keys:
        out.problems.append(w("no_services", field=answers.label("services")))
    what = _given(answers.text("what"))
    if not what:
        out.problems.append(w("missing_field", field=answers.label("what")))
    phones, refused = _phones(answers.text("contacts"))
    out.problems += [w("bad_phone", number=raw, reason=in_lang(why, w.lang)) for raw, why in refused]
    links = [u.rstrip(".,;") for u in _URL.findall(answers.text("contacts"))]
    emails = _EMAIL.findall(answers.text("contacts"))
    sources = _sources(answers.text("sources"), "", number, today, "")
    if not sources:
        out.problems.append(w("no_source_url", field=answers.label("sources")))
    if out.problems:
        return out

    assert kind_index is not None and city is not None
    untranslated = []
    texts: dict[str, dict[str, str]] = {}
    for key, given, field_id in (("name", name, "name_other"), ("description", what, "what_other")):
        translated = _given(answers.text(field_id))
        if not translated:
            untranslated.append(key)
        texts[key] = {lang: given, other: translated or given}
    org = _given(answers.text("organization"))
    unknown = {code: catalogs.table("from_issue")[code]["unknown_value"] for code in ("kk", "ru")}
    organization = {lang: org, other: org} if org else unknown
    existing = {p.stem for p in (data_dir / "centres").glob("*.yaml")}
    listing_id = base = f"{city}-{_slug(texts['name']['ru'] if untranslated else texts['name']['kk'])}"[:70]
    n = 2
    while listing_id in existing:
        listing_id, n = f"{base}-{n}", n + 1

    kind = KINDS[kind_index]
    data = scaffold.listing_data(
        {
            "id": listing_id,
            "kind": kind,
            "status": "unknown",
            "name-kk": texts["name"]["kk"],
            "name-ru": texts["name"]["ru"],
            "org-kk": organization["kk"],
            "org-ru": organization["ru"],
            "description-kk": texts["description"]["kk"],
            "description-ru": texts["description"]["ru"],
            "scope": "local",
            "city": city,
            "services": service_keys,
            "phone": phones,
            "website": links[0] if links else None,
            "email": emails[0] if emails else None,
            "source-title": "-",
            "source-date": "unknown",
            "source-supports": "-",
        },
        today,
        cities,
    )
    if len(links) > 1:  # the first link is the website; the others are its pages elsewhere
        data["contacts"]["social"] = links[1:]
    facts = "name, kind, city, services, what it does" + (", contacts" if phones or links or emails else "")
    data["sources"] = _sources(
        answers.text("sources"), issue_url, number, today, f"reported in issue #{number}: {facts}"
    )
    path = f"data/centres/{listing_id}.yaml"
    text = scaffold.render(data, today)
    made = f"# Made by `python -m generator from-issue` from issue #{number}"
    out.files[path] = text.replace("# Started with `python -m generator new`", made, 1)
    out.before[path] = ""
    out.pr_title = w("pr_title_add", name=texts["name"][lang], city=cities[city][lang])
    checks = [w("pr_check_sources"), w("pr_check_location")]
    if untranslated:
        checks.append(w("pr_check_translation", fields=", ".join(f"{k}.{other}" for k in untranslated)))
        out.labels.append("needs translation")
    if kind == "shelter" or "shelter" in service_keys:
        out.labels.append("safety review")
    out.pr_body = _pr_body(w, number, checks, answers, ("what", "what_other", "contacts", "sources"))
    return out


def _listing(answers: Answers, data_dir: Path) -> Path | None:
    wanted = _given(answers.text("listing"))
    match = _CENTRE_URL.search(wanted)
    slug = match.group(1) if match else wanted.strip().lower()
    path = data_dir / "centres" / f"{slug}.yaml"
    if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) and path.is_file():
        return path
    needle = " ".join(wanted.lower().split()).strip("«»\"' ")
    for candidate in sorted((data_dir / "centres").glob("*.yaml")):
        data = yaml.safe_load(candidate.read_text(encoding="utf-8")) or {}
        names = [*(data.get("name") or {}).values(), *(data.get("alternate_name") or {}).values()]
        if needle and any(needle == " ".join(str(n).lower().split()).strip("«»\"' ") for n in names):
            return candidate
    return None


def _quoted(sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Texts and dates in double quotes, as `fix` writes them (a bare 2025-03-01 would be a date)."""
    return [{k: v if k == "url" else Quoted(v) for k, v in source.items()} for source in sources]


def _edit(path: Path, change: Any) -> str:
    """The listing's text after change(data), comments and order kept."""
    rt = round_trip()
    data = rt.load(path.read_text(encoding="utf-8"))
    change(data)
    buffer = io.StringIO()
    rt.dump(data, buffer)
    return buffer.getvalue()


def _correct(answers: Answers, data_dir: Path, number: int, issue_url: str, today: dt.date, w: _Words) -> Outcome:
    out = Outcome("comment", answers.form.lang, number)
    path = _listing(answers, data_dir)
    if path is None:
        return _not_found(out, answers, w)
    phones, refused = _phones(answers.text("phones"))
    out.problems += [w("bad_phone", number=raw, reason=in_lang(why, w.lang)) for raw, why in refused]
    website = _given(answers.text("website"))
    if website and not website.lower().startswith("https://"):
        out.problems.append(w("bad_website", website=website))
    email = _given(answers.text("email"))
    if email and not _EMAIL.fullmatch(email):
        out.problems.append(w("bad_email", email=email))
    sources = _sources(answers.text("sources"), issue_url, number, today, "")
    if len(sources) < 2 and (phones or website or email):
        out.problems.append(w("no_source_url", field=answers.label("sources")))
    if out.problems:
        return out
    if not (phones or website or email):
        return _by_hand(out)
    changed = [name for name, value in (("phones", phones), ("website", website), ("email", email)) if value]

    def change(data: Any) -> None:
        contacts = data["contacts"]
        if phones:
            others = [p for p in contacts.get("phones") or [] if p.get("type") != "voice"]
            contacts["phones"] = [{"number": Quoted(n), "type": "voice"} for n in phones] + others
        if website:
            contacts["website"] = website
        if email:
            contacts["email"] = email
        supports = f"correction reported in issue #{number}: {', '.join(changed)}"
        data["sources"].extend(_quoted(_sources(answers.text("sources"), issue_url, number, today, supports)))

    return _proposal(out, path, data_dir, change, w("pr_title_correct", listing=path.stem), answers, w)


def _closed(answers: Answers, data_dir: Path, number: int, issue_url: str, today: dt.date, w: _Words) -> Outcome:
    out = Outcome("comment", answers.form.lang, number)
    path = _listing(answers, data_dir)
    if path is None:
        return _not_found(out, answers, w)
    chosen = answers.option_index("problem")
    if chosen not in CLOSED_OPTIONS:
        return _by_hand(out)  # "not answering" is checked by a person: it does not close a listing
    status = CLOSED_OPTIONS[chosen]  # type: ignore[index]
    since_answer = _given(answers.text("since"))
    since = _date(since_answer) if since_answer else today.isoformat()
    if since is None:
        out.problems.append(w("bad_date", date=since_answer))
        return out
    history = "status_history" in load_schema().get("properties", {})

    def change(data: Any) -> None:
        data["status"] = status
        supports = f"status {status} since {since}, as reported in issue #{number}"
        new_sources = _quoted(_sources(answers.text("sources"), issue_url, number, today, supports))
        data["sources"].extend(new_sources)
        if history:
            entries = data.setdefault("status_history", [])
            entries.append({"status": status, "date": Quoted(since), "source": new_sources[0]["url"]})

    title = w("pr_title_closed", listing=path.stem, status=w(f"status_{status}"))
    return _proposal(out, path, data_dir, change, title, answers, w, extra=[w("pr_check_status")])


def _not_found(out: Outcome, answers: Answers, w: _Words) -> Outcome:
    out.problems.append(w("listing_not_found", listing=_given(answers.text("listing")).strip("«»\"' ")))
    return out


def _by_hand(out: Outcome) -> Outcome:
    """Nothing the reporter must change, and nothing to change automatically: a person reads it."""
    out.kind = "manual"
    out.labels.append("needs maintainer")
    return out


def _proposal(
    out: Outcome,
    path: Path,
    data_dir: Path,
    change: Any,
    title: str,
    answers: Answers,
    w: _Words,
    extra: list[str] | None = None,
) -> Outcome:
    relative = f"data/centres/{path.name}"
    out.before[relative] = path.read_text(encoding="utf-8")
    out.files[relative] = _edit(path, change)
    out.pr_title = title
    checks = [w("pr_check_sources"), w("pr_check_location"), *(extra or [])]
    out.pr_body = _pr_body(w, out.number, checks, answers, tuple(answers.values))
    data = yaml.safe_load(out.files[relative]) or {}
    if data.get("kind") == "shelter" or "shelter" in (data.get("services") or []):
        out.labels.append("safety review")
    return out


def fenced(text: str) -> str:
    """The reporter's words inside a code fence longer than any backtick run in them: GitHub shows
    them as text, never as Markdown (no mention, link or image)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def _pr_body(w: _Words, number: int, checks: list[str], answers: Answers, fields: tuple[str, ...]) -> str:
    lines = [w("pr_lead", number=number), "", *(f"- [ ] {check}" for check in checks), ""]
    for field_id in fields:
        value = answers.text(field_id)
        if value:
            lines += [f"**{answers.label(field_id)}**", "", fenced(value), ""]
    lines.append(w("pr_closes", number=number))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- the whole run


def _looks_like_location(answers: Answers) -> bool:
    texts = [v for fid, v in answers.values.items() if answers.form.kinds.get(fid) in ("input", "textarea")]
    return any(location_label(text) for text in texts)


def process(
    body: str,
    data_dir: Path,
    number: int,
    issue_url: str = "",
    today: dt.date | None = None,
    forms: list[Form] | None = None,
    fallback: Lang = "ru",
) -> Outcome:
    today = today or dt.date.today()
    answers = issue_forms.read(body, forms if forms is not None else issue_forms.load_forms())
    if answers is None:
        w = _Words(fallback)
        out = Outcome("comment", fallback, number, problems=[w("unknown_form")], labels=["needs maintainer"])
        out.comment = _comment(w, out.problems)
        return out
    w = _Words(answers.form.lang)
    if _looks_like_location(answers):
        out = Outcome("location", answers.form.lang, number, labels=[LOCATION_LABEL])
        out.comment = f"### {w('location_title')}\n\n{w('location_lead')}\n\n{w('location_action')}\n"
        return out
    make = {"add": _add, "correct": _correct, "closed": _closed}[answers.form.action]
    out = make(answers, data_dir, number, issue_url, today, w)
    if out.kind == "manual":
        out.comment = f"### {w('manual_title')}\n\n{w('manual_lead')}\n"
        return out
    if out.files and not out.problems:
        out.problems = _validate(out, data_dir, today, w)
    if out.problems:
        out.kind, out.files = "comment", {}
        out.comment = _comment(w, out.problems)
    else:
        out.kind = "pull-request"
    return out


def _validate(out: Outcome, data_dir: Path, today: dt.date, w: _Words) -> list[str]:
    """The change checked by the validator, in a copy of the data: the same rules as a pull request."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data_dir, copy, symlinks=True)
        shown = []
        for relative, text in out.files.items():
            target = copy / "centres" / Path(relative).name
            target.write_text(text, encoding="utf-8")
            shown.append(display_path(target))
        report = validate(copy, today=today)
    own = [p for p in report.problems if p.is_error and p.path in shown]
    return [w("invalid_listing", message=in_lang(p.message, w.lang)) for p in own]


def _comment(w: _Words, problems: list[str]) -> str:
    items = "\n".join(f"- {problem}" for problem in problems)
    return f"### {w('comment_title')}\n\n{w('comment_lead')}\n\n{items}\n\n{w('comment_after')}\n"


def diff(out: Outcome) -> str:
    chunks = []
    for path, text in sorted(out.files.items()):
        old = out.before.get(path, "")
        chunks.append(
            "".join(
                difflib.unified_diff(
                    old.splitlines(keepends=True),
                    text.splitlines(keepends=True),
                    fromfile="/dev/null" if not old else f"a/{path}",
                    tofile=f"b/{path}",
                )
            )
        )
    return "".join(chunks)


# ---------------------------------------------------------------- command line


def register(sub: argparse._SubParsersAction, default_data: Path) -> None:
    folder = helptext("metavar.folder")
    parser = sub.add_parser("from-issue", help=helptext("from-issue"), description=helptext("from-issue.about"))
    parser.add_argument("body", type=Path, help=helptext("from-issue.body"), metavar=helptext("metavar.file"))
    parser.add_argument(
        "--number", type=int, required=True, help=helptext("from-issue.number"), metavar=helptext("metavar.number")
    )
    parser.add_argument(
        "--issue-url", default="", help=helptext("from-issue.issue-url"), metavar=helptext("metavar.address")
    )
    parser.add_argument("--data", type=Path, default=default_data, help=helptext("data"), metavar=folder)
    parser.add_argument(
        "--today", type=dt.date.fromisoformat, default=None, help=helptext("today"), metavar=helptext("metavar.date")
    )
    parser.add_argument("--dry-run", action="store_true", help=helptext("from-issue.dry-run"))
    parser.add_argument("--report-dir", type=Path, help=helptext("from-issue.report-dir"), metavar=folder)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        raw = args.body.read_bytes()[: 256 * 1024]
    except OSError as exc:
        said = tell("tool.cannot-read", file=args.body, why=exc.strerror or exc)
        print(f"error: {said.render(env_lang())}", file=sys.stderr)
        return 2
    body = raw.decode("utf-8", errors="replace")
    out = process(body, args.data, args.number, args.issue_url, args.today)
    if args.report_dir:
        args.report_dir.mkdir(parents=True, exist_ok=True)
        (args.report_dir / "result.json").write_text(json.dumps(out.summary(), ensure_ascii=False) + "\n")
        (args.report_dir / "pr-title.txt").write_text(out.pr_title + "\n", encoding="utf-8")
        (args.report_dir / "pr-body.md").write_text(out.pr_body, encoding="utf-8")
        (args.report_dir / "comment.md").write_text(out.comment, encoding="utf-8")
    if out.kind != "pull-request":
        print(out.comment)
        return 1
    if args.dry_run:
        print(diff(out))
        print(
            tell("from-issue.pull-request", branch=out.branch, labels=", ".join(out.labels) or "-").render(env_lang())
        )
        print(out.pr_title)
        print()
        print(out.pr_body)
        return 0
    for path, text in out.files.items():
        (args.data / "centres" / Path(path).name).write_text(text, encoding="utf-8")
    print(tell("from-issue.written", files=", ".join(sorted(out.files))).render(env_lang()), file=sys.stderr)
    return 0
