"""The other languages of a build, each in a process of its own beside the first one's build.

On two cores that halves a build. Each goes into a hidden folder inside the build's folder
(the first build's cleaning skips names that start with "."), renamed to <lang>/ when it
succeeded; a child that fails or dies fails the whole build, in one line per language.
Nothing here knows which builder runs in the processes.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.build.publish import BuildFailed
from generator.data.problems import internal_error

PARTIAL_PREFIX = ".partial-"


def build_beside(
    site_dir: Path,
    others: list[str],
    job: Callable[[str, Path], tuple[Callable[..., None], tuple]],
    first: Callable[[], None],
) -> None:
    """Start `job(lang, folder)` (a module-level function and its arguments) for each of
    `others` in a child process, run `first()` here meanwhile, then put each in site_dir/<lang>/."""
    site_dir.mkdir(parents=True, exist_ok=True)
    for stale in site_dir.glob(PARTIAL_PREFIX + "*"):  # left by a build that was killed
        shutil.rmtree(stale, ignore_errors=True)
    # spawn, not fork: the caller may have threads (a test server), and a fork copies their locks.
    context = multiprocessing.get_context("spawn")
    jobs: list[tuple[str, Path, Any, Any]] = []
    try:
        for lang in others:
            receive, send = context.Pipe(duplex=False)
            partial = Path(tempfile.mkdtemp(prefix=f"{PARTIAL_PREFIX}{lang}-", dir=site_dir))
            function, args = job(lang, partial)
            process = context.Process(
                target=_child, args=(lang, function, args, _log_level(), send), name=f"build-{lang}"
            )
            jobs.append((lang, partial, process, receive))
            process.start()
            send.close()
        first()
        failures = []
        for lang, partial, process, receive in jobs:
            try:
                error = receive.recv()
            except EOFError:  # the child died before it could say (killed, out of memory)
                error = None
            process.join()
            if error is None and process.exitcode == 0:
                target = site_dir / lang
                if target.exists():
                    shutil.rmtree(target)
                os.chmod(partial, site_dir.stat().st_mode & 0o777)  # mkdtemp makes it private (0700)
                os.replace(partial, target)
            else:
                failures.append(f"{lang}: {error or f'the build process ended with exit code {process.exitcode}'}")
        if failures:
            raise BuildFailed("\n".join(failures))
    finally:
        for _, partial, process, receive in jobs:
            if process.is_alive():
                process.terminate()
            if process.pid is not None:
                process.join()
            receive.close()
            shutil.rmtree(partial, ignore_errors=True)


def _log_level() -> int | None:
    """The level the caller logs at, if it set up logging (the CLI does); a child does the same."""
    root = logging.getLogger()
    return root.getEffectiveLevel() if root.handlers else None


def _child(lang: str, function: Callable[..., None], args: tuple, log_level: int | None, send: Any) -> None:
    """In a child process: run the job, and send back None or what went wrong, in one line."""
    if log_level is not None:
        logging.basicConfig(format=f"%(levelname)-7s -  [{lang}] %(message)s", level=log_level)
    try:
        function(*args)
    except BuildFailed as exc:
        send.send(str(exc) or f"the {lang} build failed")
    except BaseException as exc:  # a bug, not bad data: say what and where
        send.send(internal_error(exc))
    else:
        send.send(None)
    finally:
        send.close()
