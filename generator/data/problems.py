"""Problems found in the data, and how they are printed.

Every check in the generator reports a Problem instead of raising, so that one
run lists every problem at once (as endoflife.date and browser-compat-data do).
"""

from __future__ import annotations

import dataclasses
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from generator.data.messages import in_lang, say


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


_LINE_BREAKS = "\r\n"  # escaped by GitHub's own rules (%0D, %0A) in annotations
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str, keep: str = "") -> str:
    """text with every character that does not print as its escape: \\n, \\x1b, \\u202e.

    Messages quote values and file names, which come from whoever wrote the data: a line
    break in one would print a forged `path:line:col: error:` line, a direction override
    would reorder what is shown, an escape sequence would drive the terminal. Not printable
    here is Python's str.isprintable: controls, format characters, separators other than
    the space, surrogates (a file name that is not UTF-8) and unassigned code points.
    """
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char.isprintable() or char in keep:
            out.append(char)
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        else:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return "".join(out)


def internal_error(exc: BaseException) -> str:
    """A bug, in one line: what it was and where it was raised, never a traceback."""
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    place = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
    return f"internal error ({type(exc).__name__}: {visible(str(exc))[:300]}){place}"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem, at path:line:col, with a hint. Its texts are kept as given (a hint may hold
    a line break on purpose); as_text and as_github print them safely (see visible).

    `rule` names what found it: the id of a rule in generator/data/rules/ (listed with
    an example on the maintainers' page), or `yaml` (the file could not be read as a
    listing), `file` (not a listing file), `schema` (schema/centre.schema.json) or
    `reference` (data/regions.yaml, cities.yaml, services.yaml).
    """

    path: str
    line: int
    col: int
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    rule: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_text(self, lang: str = "en") -> str:
        """`path:line:col: error: message [rule]`, then the hint on a line of its own. The message
        and hint are said in `lang` (en, kk, ru); the prefix and `[rule]` are the same in every
        language, so that tools can parse them."""
        message = in_lang(self.message, lang)
        text = f"{visible(self.path)}:{self.line}:{self.col}: {self.severity.value}: {visible(message)}"
        if self.rule:
            text += f" [{visible(self.rule)}]"
        if self.hint:
            text += f"\n    {say('hint-label').render(lang)}: {visible(in_lang(self.hint, lang))}"
        return text

    def as_github(self, langs: tuple[str, ...] = ("en",)) -> str:
        # GitHub workflow commands: properties escape % \r \n : , ; the message % \r \n.
        # Other characters that do not print are shown as escapes, as in as_text. The rule's id
        # follows the message, as in as_text (the title stays the same for every problem).
        # Several languages (a team that reads Kazakh and Russian): one line each, the first
        # language first, in one annotation.
        message = "\n".join(dict.fromkeys(self._said(lang) for lang in langs))  # a text that is no message: once
        path = visible(self.path, keep=_LINE_BREAKS)
        return (
            f"::{self.severity.value} file={escape_command_property(path)},"
            f"line={self.line},col={self.col},title={escape_command_property('Listing check')}"
            f"::{escape_command_data(visible(message, keep=_LINE_BREAKS))}"
        )

    def _said(self, lang: str) -> str:
        hint = f" {say('hint-label').render(lang).capitalize()}: {in_lang(self.hint, lang)}" if self.hint else ""
        return in_lang(self.message, lang) + (f" [{self.rule}]" if self.rule else "") + hint


def escape_command_data(value: str) -> str:
    """The message of a GitHub workflow command (`::error ...::message`): % \\r \\n escaped."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_command_property(value: str) -> str:
    """A property of a GitHub workflow command (`file=`, `title=`): also : and , escaped."""
    return escape_command_data(value).replace(":", "%3A").replace(",", "%2C")


def with_rule(problems: Iterable[Problem], rule: str) -> list[Problem]:
    """The problems, each naming `rule` unless it names one already."""
    return [p if p.rule else dataclasses.replace(p, rule=rule) for p in problems]


def format_problems(problems: Iterable[Problem], fmt: str = "text", lang: str = "en") -> str:
    """The problems, one after another, in `lang`; "kk+ru" says each in both (GitHub annotations)."""
    ordered = sorted(problems, key=lambda p: (p.path, p.line, p.col, p.message))
    langs = tuple(lang.split("+"))
    if fmt == "github":
        return "\n".join(p.as_github(langs) for p in ordered)
    return "\n".join("\n".join(p.as_text(one) for one in langs) for p in ordered)


def summary(problems: Iterable[Problem], files: int, lang: str = "en") -> str:
    problems = list(problems)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return say("summary", files=files, errors=errors, warnings=warnings).render(lang)


class InvalidData(Exception):
    """Raised by the build when validation found errors; carries them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{sum(p.is_error for p in problems)} error(s) in the data")
