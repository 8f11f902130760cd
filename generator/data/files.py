"""Which files of a data folder are read, and how: only regular files, never through a link.

A pull request can put anything in data/: a symbolic link to a file outside the
repository (whose text an error message would then quote), to /dev/zero (read
until memory runs out) or to a named pipe (read forever), a folder, a file whose
name is not text. Nothing here follows a link or waits: every such entry is
reported as a Problem with a plain hint, and only regular files are opened.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from generator.data.problems import Problem, Severity

LISTING_SUFFIX = ".yaml"

_LINK_HINT = "Put the file itself here, not a link to it: a link can point anywhere, even outside the data folder."
_NOT_REGULAR_HINT = "Only regular files are read here. Remove this entry, or put a regular file in its place."


class NotReadable(Exception):
    """A path that is not read: a link, not a regular file, or too large. Carries a plain message and hint."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


def kind_of(mode: int) -> str:
    """What a file-system entry is, in plain words, from its st_mode."""
    if stat.S_ISREG(mode):
        return "a regular file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _not_regular(mode: int) -> NotReadable:
    return NotReadable(f"this is {kind_of(mode)}, not a regular file, so it is not read", _NOT_REGULAR_HINT)


def _symlink() -> NotReadable:
    return NotReadable("this file is a symbolic link, so it is not read", _LINK_HINT)


def read_regular_file(path: Path, max_bytes: int, *, follow_symlinks: bool = False) -> bytes:
    """At most max_bytes + 1 bytes of a regular file; NotReadable for anything else.

    Checked before opening (a device or a pipe is never opened) and again on the
    opened descriptor, so a file swapped for a link or a pipe in between is refused
    too: the open neither follows a final link (O_NOFOLLOW) nor waits (O_NONBLOCK).
    OSError is left to the caller (a missing file, no permission).
    """
    before = os.stat(path, follow_symlinks=follow_symlinks)
    if stat.S_ISLNK(before.st_mode):
        raise _symlink()
    if not stat.S_ISREG(before.st_mode):
        raise _not_regular(before.st_mode)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_symlinks:
            raise _symlink() from None
        raise
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise _not_regular(opened.st_mode)
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def shown_name(text: str) -> str:
    """A path as it can always be printed: bytes of a name that are not UTF-8 as \\xNN."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def _name_problem(name: str) -> str | None:
    if shown_name(name) != name:
        return "the file name is not UTF-8 text"
    if any(not c.isprintable() for c in name):
        return "the file name contains an invisible or control character"
    return None


def listing_files(centres_dir: Path, display: Callable[[Path], str]) -> tuple[list[Path], list[Problem]]:
    """The regular *.yaml files directly in centres_dir, sorted, and a Problem for every other entry.

    Nothing is skipped silently: folders, links (dangling or not), pipes, devices,
    files with another suffix or a name that is not text are errors; hidden entries
    (.gitkeep, an editor's .swp file) are warnings, as they are never read.
    """
    files: list[Path] = []
    problems: list[Problem] = []

    def report(path: Path, message: str, hint: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem(display(path), 1, 1, message, hint, severity))

    try:
        mode = os.lstat(centres_dir).st_mode
        if stat.S_ISLNK(mode):
            report(centres_dir, "the folder of listings is a symbolic link, so it is not read", _LINK_HINT)
            return files, problems
        if not stat.S_ISDIR(mode):
            report(centres_dir, f"the folder of listings is {kind_of(mode)}, so it is not read", _NOT_REGULAR_HINT)
            return files, problems
        with os.scandir(centres_dir) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except FileNotFoundError:
        return files, problems  # no listings: the caller says so
    except OSError as exc:
        report(centres_dir, f"cannot read the folder of listings: {exc.strerror or exc}", "")
        return files, problems
    for entry in entries:
        path = centres_dir / entry.name
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as exc:
            report(path, f"cannot read this entry: {exc.strerror or exc}", "")
            continue
        if entry.name.startswith("."):
            report(
                path,
                f"{kind_of(mode)} whose name starts with a dot is hidden, so it is not read",
                "Listings are data/centres/<id>.yaml files. Remove it if it is not needed"
                " (an empty folder needs no .gitkeep here).",
                Severity.WARNING,
            )
        elif stat.S_ISLNK(mode):
            report(path, "this listing is a symbolic link, so it is not read", _LINK_HINT)
        elif not stat.S_ISREG(mode):
            report(
                path,
                f"this is {kind_of(mode)}, not a listing file, so it is not read",
                "Listings are files directly in data/centres/, named <id>.yaml. Remove this entry.",
            )
        elif message := _name_problem(entry.name):
            report(path, message, "Rename it to <id>.yaml: lowercase Latin letters, digits and hyphens.")
        elif not entry.name.endswith(LISTING_SUFFIX):
            report(path, "a listing file must end in .yaml", "Rename it to <id>.yaml.")
        else:
            files.append(path)
    return files, problems


def reference_problem(path: Path, display: str) -> Problem | None:
    """Why a reference file (regions.yaml, ...) is not read, or None: it is a regular file, not a link.

    Not following a link keeps what is read inside the data folder the path names.
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return Problem(display, 1, 1, "this reference file is missing", "Restore it from the repository.")
    except OSError as exc:
        return Problem(display, 1, 1, f"cannot read this reference file: {exc.strerror or exc}", "")
    if stat.S_ISLNK(mode):
        return Problem(display, 1, 1, "this reference file is a symbolic link, so it is not read", _LINK_HINT)
    if not stat.S_ISREG(mode):
        return Problem(display, 1, 1, f"this reference file is {kind_of(mode)}, so it is not read", _NOT_REGULAR_HINT)
    return None
