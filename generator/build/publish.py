"""A build goes into a hidden folder beside site_dir, which takes site_dir's place only when
the whole build succeeded: whatever fails, the site that was there is left as it was.
Nothing here knows which builder fills the folder."""

from __future__ import annotations

import glob
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STAGING_INFIX = ".building-"  # .<site_dir's name>.building-XXXX, beside site_dir
REPLACED_INFIX = ".replaced-"  # the previous site, between the swap and its removal


@contextmanager
def staging_for(site_dir: Path) -> Iterator[Path]:
    """A new empty folder beside site_dir to build into; it becomes site_dir if the block ends well."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(site_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}{STAGING_INFIX}", dir=site_dir.parent))
    os.chmod(staging, _folder_mode(site_dir))  # mkdtemp makes it private (0700)
    try:
        yield staging
        _put_in_place(staging, site_dir)
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
