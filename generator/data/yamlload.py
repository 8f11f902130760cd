"""Read one YAML file safely into plain data, keeping the line of every value.

The data is built from the parser's event stream rather than by PyYAML's
constructors, which lets us refuse what a listing never needs before it costs
anything: tags (which can construct Python objects), anchors and aliases (alias
bombs), duplicate keys, several documents, deep nesting, huge or non-UTF-8
files. Scalars are read with YAML 1.2 core rules, as editors' tools
(yaml-language-server) read them: `yes`/`no` and dates stay strings.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.data.files import NotReadable, read_regular_file, shown_name
from generator.data.messages import say
from generator.data.problems import Problem

_PYYAML_CONTROL = "control characters are not allowed"  # PyYAML's reason, said in the editor's words
MAX_BYTES = 256 * 1024  # a listing is ~3 KB; anything near this is a mistake or an attack
MAX_DEPTH = 20
MAX_NODES = 20_000
# Numbers in a listing are ages, counts, coordinates: anything beyond what every JSON reader
# (JavaScript's doubles) keeps exactly is a mistake, and a number written with more characters
# than this is never converted at all (Python refuses 4,301+ digits, and formats them slowly).
MAX_NUMBER = 2**53 - 1
MAX_NUMBER_CHARS = 40

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

JsonPath = tuple[str | int, ...]

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution)
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
# Characters no text of a listing needs, refused however they are written: raw (the reader
# refuses raw C0 controls itself) or as escapes in "double quotes" ("\u202e", "\0", "\e").
# Control characters except tab and line feed (C0, DEL, C1; "\r" is never left by a real line
# break, which YAML turns into "\n"); the direction marks, embeddings, overrides and isolates
# that make text show in another order than it is read; line and paragraph separators, which
# some readers take as a line break; the byte order mark inside text, the interlinear
# annotation and tag characters (invisible), lone surrogates and non-characters. Zero-width
# joiners and no-break spaces stay allowed: they have real uses, and messages show them escaped.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_INVISIBLE = "\u2028\u2029\ufeff\ufff9-\ufffb\ufffe\uffff\U000e0000-\U000e007f\ud800-\udfff"
_CONTROL_IN_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}{_INVISIBLE}]")
_CONTROL_IN_KEY = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}{_INVISIBLE}]")  # a field name is one line
_BIDI_CHARS = re.compile(f"[{_BIDI}]")

# The first characters those can match (with "\n": `$` also matches before a final newline).
_NOT_TEXT_STARTS = frozenset("~nNtTfF+-.0123456789\n")


@dataclass
class Positions:
    """Where each value and each mapping key of a document starts (1-based)."""

    values: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)

    def of_value(self, path: JsonPath) -> tuple[int, int]:
        """The value at path, or the nearest enclosing one we know."""
        path = tuple(path)
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def of_key(self, path: JsonPath) -> tuple[int, int]:
        """The key that names path (its `field:` line), else its value."""
        path = tuple(path)
        while path:
            if path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return (1, 1)


@dataclass
class LoadedFile:
    path: Path
    display: str
    data: Any = None
    positions: Positions = field(default_factory=Positions)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class _Refused(Exception):
    def __init__(self, line: int, col: int, message: str, hint: str = ""):
        self.line, self.col, self.message, self.hint = line, col, message, hint


def load_file(
    path: Path, display: str | None = None, max_bytes: int = MAX_BYTES, *, follow_symlinks: bool = False
) -> LoadedFile:
    """Load one file. Never raises for bad content: problems are on the result.

    Only a regular file is read, and at most max_bytes + 1 of it: a pipe, a device
    or a folder is refused without waiting, and so is a symbolic link unless
    follow_symlinks (a link in data/ can point outside the repository).
    """
    result = LoadedFile(path=path, display=display or shown_name(str(path)))

    def refuse(line: int, col: int, message: str, hint: str = "") -> LoadedFile:
        result.problems.append(Problem(result.display, line, col, message, hint))
        return result

    try:
        raw = read_regular_file(path, max_bytes, follow_symlinks=follow_symlinks)
    except NotReadable as exc:
        return refuse(1, 1, exc.message, exc.hint)
    except OSError as exc:
        return refuse(1, 1, say("file.unreadable", why=exc.strerror or exc))
    if len(raw) > max_bytes:
        try:  # only max_bytes + 1 were read; the message gives the whole size
            size = max(len(raw), os.stat(path, follow_symlinks=follow_symlinks).st_size)
        except OSError:
            size = len(raw)
        return refuse(
            1,
            1,
            say("file.too-big", size=size // 1024, limit=max_bytes // 1024),
            say("file.too-big.hint"),
        )

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return refuse(
            line,
            col,
            say("file.not-utf8", byte=f"0x{raw[exc.start]:02x}"),
            say("file.not-utf8.hint"),
        )

    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return refuse(1, 1, say("file.empty"), say("file.empty.hint"))

    found: list[_Refused] = []  # what the builder found before any problem that stops the reading
    try:
        builder = _Builder(text, result.positions)
        found = builder.problems
        result.data = builder.build()
    except _Refused as exc:
        return refuse(exc.line, exc.col, exc.message, exc.hint)
    except yaml.MarkedYAMLError as exc:
        return refuse(*_yaml_error(exc, text))
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return refuse(
            line,
            col,
            say("yaml.character", reason=say("yaml.why-control") if exc.reason == _PYYAML_CONTROL else exc.reason),
            say("yaml.character.hint"),
        )
    except yaml.YAMLError as exc:  # any other parser failure, without a position
        return refuse(1, 1, say("yaml.invalid", problem=exc))
    except RecursionError:
        return refuse(1, 1, say("yaml.too-deep"), say("yaml.too-deep.hint"))
    finally:  # what was found before the reading stopped is reported too, in the file's order
        result.problems[:0] = [Problem(result.display, p.line, p.col, p.message, p.hint) for p in found]
    return result


def _yaml_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str, str]:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (exc.problem or "").strip()
    lines = text.splitlines()
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in source_line[: max(col, 1)] or "cannot start any token" in problem and "\t" in source_line:
        return (
            line,
            col,
            say("yaml.tab"),
            say("yaml.tab.hint"),
        )
    hints = {  # PyYAML's words (in English, whatever the language) -> the key of our hint
        "mapping values are not allowed": "yaml.colon-in-value.hint",
        "could not find expected ':'": "yaml.missing-colon.hint",
        "did not find expected key": "yaml.indentation.hint",
        "did not find expected '-' indicator": "yaml.list-indentation.hint",
        "found unexpected end of stream": "yaml.unclosed.hint",
        "found undefined alias": "yaml.alias.hint",
        "found unknown escape character": "yaml.escape.hint",
    }
    key = next((h for known, h in hints.items() if known in problem), "")
    hint: str = say(key) if key else ""
    opened = _unclosed_quote(lines[:line])
    if opened and opened < line:
        hint = say("yaml.unclosed-quote.hint", line=opened, then=hint)
    if not hint:
        hint = say("yaml.compare.hint")
    return line, col, say("yaml.invalid", problem=problem or exc), hint


def _unclosed_quote(lines: list[str]) -> int | None:
    """The first line whose double quotes don't pair up: the usual cause of a confusing error later."""
    for number, text in enumerate(lines, start=1):
        code = text.split(" #", 1)[0]
        if not code.lstrip().startswith("#") and code.replace('\\"', "").count('"') % 2:
            return number
    return None


class _Builder:
    """Turns the event stream of one document into dicts, lists and scalars.

    This runs once per value of every listing, so it asks the parser for events
    directly (not through yaml.parse's generator) and tests event types by
    identity (PyYAML's event classes have no subclasses). Which check refuses
    a file first decides its message: keep their order.
    """

    def __init__(self, text: str, positions: Positions):
        self.parser = _Parser(text)
        self._next: Any = self.parser.get_event  # events are parsed one at a time, as they are asked for
        self.values = positions.values
        self.keys = positions.keys
        self.nodes = 0
        # Problems that leave the rest of the file readable: reported together, all at once.
        self.problems: list[_Refused] = []

    def build(self) -> Any:
        try:
            return self._build()
        finally:
            self.parser.dispose()

    def _build(self) -> Any:
        self._next()  # StreamStart
        event = self._next()
        if type(event) is _StreamEnd:
            return None
        data = self._node(self._next(), (), 0)
        self._next()  # DocumentEnd
        event = self._next()
        if type(event) is not _StreamEnd:
            raise _Refused(
                *_pos(event),
                say("yaml.documents"),
                say("yaml.documents.hint"),
            )
        return data

    def _node(self, event: yaml.Event, path: JsonPath, depth: int) -> Any:
        line, col = _pos(event)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused(line, col, say("yaml.too-many-values"))
        if depth > MAX_DEPTH:
            raise _Refused(line, col, say("yaml.too-deep"), say("yaml.too-deep.hint"))
        kind = type(event)
        if kind is _Alias:
            raise _Refused(
                line,
                col,
                say("yaml.aliases"),
                say("yaml.aliases.hint"),
            )
        if getattr(event, "anchor", None):
            raise _Refused(
                line,
                col,
                say("yaml.anchors", anchor=event.anchor),
                say("yaml.anchors.hint"),
            )
        if getattr(event, "tag", None) and not _implicit(event):
            raise _Refused(
                line,
                col,
                say("yaml.tags", tag=event.tag),
                say("yaml.tags.hint"),
            )
        self.values.setdefault(path, (line, col))
        if kind is _Scalar:
            if found := _CONTROL_IN_TEXT.search(event.value):
                self.problems.append(_control_character(line, col, "yaml.where-text", found.group()))
            value = scalar_value(event)
            if _unusable_number(event, value):
                # .nan passes every minimum and maximum, .inf or 1e999 is never a real age or count, and
                # 5,000 digits crash Python's int(). Kept as its text, so the rest of the file is checked.
                self.problems.append(
                    _Refused(
                        line,
                        col,
                        say("yaml.number", value=_shown(event.value)),
                        say("yaml.number.hint"),
                    )
                )
                return event.value
            return value
        if kind is _SequenceStart:
            items: list[Any] = []
            while type(event := self._next()) is not _SequenceEnd:
                items.append(self._node(event, (*path, len(items)), depth + 1))
            return items
        if kind is _MappingStart:
            mapping: dict[str, Any] = {}
            while type(event := self._next()) is not _MappingEnd:
                key_line, key_col = _pos(event)
                if type(event) is not _Scalar or event.anchor:
                    raise _Refused(
                        key_line,
                        key_col,
                        say("yaml.field-name"),
                        say("yaml.field-name.hint"),
                    )
                if event.tag and not _implicit(event):
                    raise _Refused(key_line, key_col, say("yaml.tags", tag=event.tag))
                key = event.value
                if found := _CONTROL_IN_KEY.search(key):
                    self.problems.append(_control_character(key_line, key_col, "yaml.where-field-name", found.group()))
                if key in mapping:
                    raise _Refused(
                        key_line,
                        key_col,
                        say("yaml.field-twice", field=key),
                        say("yaml.field-twice.hint"),
                    )
                key_path = (*path, key)
                self.keys[key_path] = (key_line, key_col)
                mapping[key] = self._node(self._next(), key_path, depth + 1)
            return mapping
        raise _Refused(line, col, say("yaml.structure"))


_Alias, _Scalar = yaml.AliasEvent, yaml.ScalarEvent
_SequenceStart, _SequenceEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_MappingStart, _MappingEnd = yaml.MappingStartEvent, yaml.MappingEndEvent
_StreamEnd = yaml.StreamEndEvent


def _pos(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _implicit(event: yaml.Event) -> bool:
    implicit = event.implicit
    return any(implicit) if isinstance(implicit, tuple) else bool(implicit)


def _control_character(line: int, col: int, where: str, char: str) -> _Refused:
    """The problem of a character no listing needs, in the words the reader uses for raw ones."""
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "")
    label = f"{code} {name}" if name else code
    if unicodedata.category(char) == "Cc":
        why = say("yaml.why-control")
    elif _BIDI_CHARS.match(char):
        why = say("yaml.why-order")
    else:
        why = say("yaml.why-invisible")
    return _Refused(line, col, say("yaml.control", where=say(where), label=label, why=why), say("yaml.control.hint"))


def _unusable_number(event: yaml.ScalarEvent, value: Any) -> bool:
    """A number no listing can use: not finite, beyond MAX_NUMBER, or too long to be read as one."""
    kind = type(value)
    if kind is int:
        return not -MAX_NUMBER <= value <= MAX_NUMBER
    if kind is float:
        return not (math.isfinite(value) and -MAX_NUMBER <= value <= MAX_NUMBER)
    if kind is str and value is event.value and len(value) > MAX_NUMBER_CHARS and value[0] in _NOT_TEXT_STARTS:
        # scalar_value left it as text only because it is too long to convert: is it a number?
        return event.style in (None, "") and event.implicit[0] and _too_long_number(value)
    return False


def _too_long_number(value: str) -> bool:
    return any(p.match(value) for p in (_INT, _INT_OCT, _INT_HEX, _FLOAT))


def _shown(text: str) -> str:
    return f"`{text}`" if len(text) <= 24 else say("yaml.long-value", start=text[:12], end=text[-6:], count=len(text))


def scalar_value(event: yaml.ScalarEvent) -> Any:
    """A plain scalar's value by YAML 1.2 core rules; a number too long to convert stays text."""
    value = event.value
    if event.style not in (None, "") or not event.implicit[0]:
        return value  # quoted or block scalars are always text
    if value and value[0] not in _NOT_TEXT_STARTS:
        return value  # most values are words: no pattern below can match them
    if _NULL.match(value):
        return None
    if _TRUE.match(value):
        return True
    if _FALSE.match(value):
        return False
    if len(value) > MAX_NUMBER_CHARS:
        return value  # never converted: see _unusable_number
    if _INT.match(value):
        return int(value)
    if _INT_OCT.match(value):
        return int(value[2:], 8)
    if _INT_HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if _NAN.match(value):
        return float("nan")
    return value
