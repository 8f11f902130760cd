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

from generator.data.messages import say
from generator.data.problems import Problem, Severity

LISTING_SUFFIX = ".yaml"

_LINK_HINT = "file.link.hint"
_NOT_REGULAR_HINT = "file.not-regular.hint"


class NotReadable(Exception):
    """A path that is not read: a link, not a regular file, or too large. Carries a plain message and hint."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


def kind_of(mode: int) -> str:
    """What a file-system entry is, in plain words, from its st_mode."""
    if stat.S_ISREG(mode):
        return say("file.kind.regular")
    if stat.S_ISDIR(mode):
        return say("file.kind.folder")
    if stat.S_ISLNK(mode):
        return say("file.kind.link")
    if stat.S_ISFIFO(mode):
        return say("file.kind.fifo")
    if stat.S_ISSOCK(mode):
        return say("file.kind.socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return say("file.kind.device")
    return say("file.kind.other")


def _not_regular(mode: int) -> NotReadable:
    return NotReadable(say("file.not-regular", kind=kind_of(mode)), say(_NOT_REGULAR_HINT))


def _symlink() -> NotReadable:
    return NotReadable(say("file.link"), say(_LINK_HINT))


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
        return say("file.name-not-utf8")
    if any(not c.isprintable() for c in name):
        return say("file.name-control")
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
            report(centres_dir, say("file.folder-link"), say(_LINK_HINT))
            return files, problems
        if not stat.S_ISDIR(mode):
            report(centres_dir, say("file.folder-not-folder", kind=kind_of(mode)), say(_NOT_REGULAR_HINT))
            return files, problems
        with os.scandir(centres_dir) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except FileNotFoundError:
        return files, problems  # no listings: the caller says so
    except OSError as exc:
        report(centres_dir, say("file.folder-unreadable", why=exc.strerror or exc), "")
        return files, problems
    for entry in entries:
        path = centres_dir / entry.name
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as exc:
            report(path, say("file.entry-unreadable", why=exc.strerror or exc), "")
            continue
        if entry.name.startswith("."):
            report(
                path,
                say("file.hidden", kind=kind_of(mode)),
                say("file.hidden.hint"),
                Severity.WARNING,
            )
        elif stat.S_ISLNK(mode):
            report(path, say("file.listing-link"), say(_LINK_HINT))
        elif not stat.S_ISREG(mode):
            report(
                path,
                say("file.not-listing", kind=kind_of(mode)),
                say("file.not-listing.hint"),
            )
        elif message := _name_problem(entry.name):
            report(path, message, say("file.rename-name.hint"))
        elif not entry.name.endswith(LISTING_SUFFIX):
            report(path, say("file.suffix"), say("file.suffix.hint"))
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
        return Problem(display, 1, 1, say("file.reference-missing"), say("file.reference-missing.hint"))
    except OSError as exc:
        return Problem(display, 1, 1, say("file.reference-unreadable", why=exc.strerror or exc), "")
    if stat.S_ISLNK(mode):
        return Problem(display, 1, 1, say("file.reference-link"), say(_LINK_HINT))
    if not stat.S_ISREG(mode):
        return Problem(display, 1, 1, say("file.reference-not-regular", kind=kind_of(mode)), say(_NOT_REGULAR_HINT))
    return None
