"""A build goes into a hidden folder beside site_dir, which takes site_dir's place only when
the whole build succeeded: whatever fails, the site that was there is left as it was.
Nothing here knows which builder fills the folder."""

from __future__ import annotations

import fcntl
import glob
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class BuildFailed(Exception):
    """What went wrong in a build, in words: never the data's fault (that is InvalidData)."""


STAGING_INFIX = ".building-"  # .<site_dir's name>.building-XXXX, beside site_dir
REPLACED_INFIX = ".replaced-"  # the previous site, between the swap and its removal


def refuse_to_replace(site_dir: Path, keep: list[Path], inside: list[Path]) -> None:
    """BuildFailed if site_dir is, or holds, a folder of `keep` (the checkout, the data, the
    working folder, home), or lies in one of `inside` (the sources): building there would
    replace it, sources and all."""
    site = Path(os.path.realpath(site_dir))
    for folder in keep:
        folder = Path(os.path.realpath(folder))
        if site == folder or site in folder.parents:
            raise BuildFailed(f"the site folder {site_dir} holds {folder}, which a build would replace")
    for folder in inside:
        folder = Path(os.path.realpath(folder))
        if site == folder or folder in site.parents:
            raise BuildFailed(f"the site folder {site_dir} is inside {folder}, which a build would change")


@contextmanager
def staging_for(site_dir: Path) -> Iterator[Path]:
    """A new empty folder beside site_dir to build into; it becomes site_dir if the block ends well.

    One build at a time per site_dir: a lock beside it, held to the end, so that no build
    removes another's folder as a leftover or swaps its site in under it."""
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        lock = open(site_dir.parent / f".{site_dir.name}.lock", "w")  # noqa: SIM115  (held for the block)
    except OSError as exc:
        raise BuildFailed(f"cannot write beside {site_dir}: {exc.strerror or exc}") from exc
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildFailed(f"another build is writing {site_dir} now; wait for it to end") from None
        _remove_leftovers(site_dir)
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}{STAGING_INFIX}", dir=site_dir.parent))
            os.chmod(staging, _folder_mode(site_dir))  # mkdtemp makes it private (0700)
        except OSError as exc:
            raise BuildFailed(f"cannot write beside {site_dir}: {exc.strerror or exc}") from exc
        try:
            yield staging
            try:
                _put_in_place(staging, site_dir)
            except OSError as exc:
                raise BuildFailed(f"cannot put the new site in {site_dir}: {exc.strerror or exc}") from exc
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _remove_leftovers(site_dir: Path) -> None:
    """What a build that was killed left beside site_dir (only our own hidden names)."""
    for infix in (STAGING_INFIX, REPLACED_INFIX):
        for stale in site_dir.parent.glob(f".{glob.escape(site_dir.name)}{infix}*"):
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)


def _put_in_place(staging: Path, site_dir: Path) -> None:
    """The finished build becomes site_dir: two renames on one file system, the old site last to go."""
    if site_dir.exists():
        replaced = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}{REPLACED_INFIX}", dir=site_dir.parent))
        os.replace(site_dir, replaced / "site")
        try:
            os.replace(staging, site_dir)
        except OSError:
            os.replace(replaced / "site", site_dir)  # put the old site back
            raise
        shutil.rmtree(replaced, ignore_errors=True)
    else:
        os.replace(staging, site_dir)


def _folder_mode(site_dir: Path) -> int:
    """site_dir's permissions, or a new folder's."""
    if site_dir.exists():
        return site_dir.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask
