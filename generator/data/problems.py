"""Problems found in the data, and how they are printed.

Every check in the generator reports a Problem instead of raising, so that one
run lists every problem at once (as endoflife.date and browser-compat-data do).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


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


@dataclass(frozen=True, order=True)
class Problem:
    """One problem, at path:line:col, with a hint. Its texts are kept as given (a hint may hold
    a line break on purpose); as_text and as_github print them safely (see visible)."""

    path: str
    line: int
    col: int
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_text(self) -> str:
        text = f"{visible(self.path)}:{self.line}:{self.col}: {self.severity.value}: {visible(self.message)}"
        if self.hint:
            text += f"\n    hint: {visible(self.hint)}"
        return text

    def as_github(self) -> str:
        # GitHub workflow commands: properties escape % \r \n : , ; the message % \r \n.
        # Other characters that do not print are shown as escapes, as in as_text.
        message = visible(self.message + (f" Hint: {self.hint}" if self.hint else ""), keep=_LINE_BREAKS)
        path = visible(self.path, keep=_LINE_BREAKS)
        return (
            f"::{self.severity.value} file={_escape_property(path)},"
            f"line={self.line},col={self.col},title={_escape_property('Listing check')}"
            f"::{_escape_data(message)}"
        )


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def format_problems(problems: Iterable[Problem], fmt: str = "text") -> str:
    ordered = sorted(problems, key=lambda p: (p.path, p.line, p.col, p.message))
    if fmt == "github":
        return "\n".join(p.as_github() for p in ordered)
    return "\n".join(p.as_text() for p in ordered)


def summary(problems: Iterable[Problem], files: int) -> str:
    problems = list(problems)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return f"{files} files checked: {errors} error(s), {warnings} warning(s)."


class InvalidData(Exception):
    """Raised by the build when validation found errors; carries them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{sum(p.is_error for p in problems)} error(s) in the data")
