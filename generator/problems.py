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


@dataclass(frozen=True, order=True)
class Problem:
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
        text = f"{self.path}:{self.line}:{self.col}: {self.severity.value}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def as_github(self) -> str:
        # GitHub workflow commands: properties escape % \r \n : , ; the message % \r \n.
        message = self.message + (f" Hint: {self.hint}" if self.hint else "")
        return (
            f"::{self.severity.value} file={_escape_property(self.path)},"
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
