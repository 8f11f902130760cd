"""Build the site with MkDocs: Kazakh at the root, Russian under /ru/.

mkdocs.yml is the Kazakh site; mkdocs.ru.yml inherits it. The hook adds the
generated pages to each build. `python -m generator build` (site.build) builds
the other languages in their own processes while the Kazakh build runs, on a
machine's second core, each into a hidden folder of the build, renamed to
<lang>/ when it succeeded. The whole build goes into a hidden folder beside
site_dir, which takes site_dir's place only when every language succeeded: a
failed build leaves the site that was there untouched.
Plain `mkdocs build` and `mkdocs serve` build them one after another instead:
the Kazakh build builds the others into its own site_dir when it is done.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator import ROOT
from generator.build import languages, publish
from generator.data import validated
from generator.data.model import Lang
from generator.data.validated import catalogue_for  # noqa: F401  (the hook's, and tests', site.catalogue_for)

CONFIGS: dict[Lang, Path] = {"kk": ROOT / "mkdocs.yml", "ru": ROOT / "mkdocs.ru.yml"}
PRIMARY: Lang = "kk"
# What a site folder may never be in: the build would replace the sources (MkDocs refused a
# docs_dir inside site_dir; it never sees the real site_dir now).
SOURCES = (
    ".git",
    ".github",
    "benchmarks",
    "data",
    "docs",
    "generator",
    "overrides",
    "requirements",
    "schema",
    "scripts",
    "tests",
    "words",
    "tools",
    "node_modules",
)
DATA_ENV = "KZ_DIRECTORY_DATA"  # how `--data` reaches the hook inside MkDocs

log = logging.getLogger("mkdocs.generator")
_others_in_parallel = False  # set while site.build runs the other languages in their own processes


BuildFailed = publish.BuildFailed


def data_dir() -> Path:
    return Path(os.environ.get(DATA_ENV) or ROOT / "data").resolve()


def _run_mkdocs(config_file: Path, **overrides: object) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(str(config_file), **overrides)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        raise BuildFailed(str(exc)) from exc


@contextmanager
def _data_folder(folder: Path) -> Iterator[None]:
    previous = os.environ.get(DATA_ENV)
    os.environ[DATA_ENV] = str(folder.resolve())  # read by the hook, inside MkDocs
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(DATA_ENV, None)
        else:
            os.environ[DATA_ENV] = previous


def build(folder: Path, site_dir: Path, strict: bool = False, parallel: bool = True) -> None:
    """Validate (raising InvalidData with every problem), then build every language.

    With `parallel`, the other languages build in processes of their own beside the Kazakh
    build (about half the time on two cores); without, one after another in this process.
    Everything is built into a new folder beside site_dir, put in its place only when the
    whole build succeeded: whatever fails, site_dir is left as it was."""
    catalogue_for(folder)
    site_dir = Path(os.path.abspath(site_dir))
    if site_dir.is_symlink() or (site_dir.exists() and not site_dir.is_dir()):
        raise BuildFailed(f"{site_dir} is not a folder; give --site-dir a folder of its own")
    sources = [ROOT / name for name in SOURCES if (ROOT / name).exists()]
    publish.refuse_to_replace(site_dir, keep=[ROOT, folder, Path.cwd(), Path.home()], inside=[*sources, folder])
    with publish.staging_for(site_dir) as staging, _data_folder(folder):
        try:
            if parallel:
                _build_in_parallel(folder, staging, strict)
            else:
                _run_mkdocs(CONFIGS[PRIMARY], site_dir=str(staging), strict=strict)
        except OSError as exc:  # the disk, not the data: full, read-only, no permission
            raise BuildFailed(f"cannot write the site: {exc.strerror or exc} ({exc.filename or site_dir})") from exc


def _build_in_parallel(folder: Path, site_dir: Path, strict: bool) -> None:
    from mkdocs.config import load_config

    site_url = load_config(str(CONFIGS[PRIMARY])).site_url or None
    catalogue = validated.kept(folder)

    def other(lang: Lang, into: Path) -> tuple[Any, tuple]:
        return _build_other, (CONFIGS[lang], _other_language_overrides(lang, str(into), strict, site_url), catalogue)

    def primary() -> None:
        global _others_in_parallel
        _others_in_parallel = True
        try:
            _run_mkdocs(CONFIGS[PRIMARY], site_dir=str(site_dir), strict=strict)
        finally:
            _others_in_parallel = False

    languages.build_beside(site_dir, [lang for lang in CONFIGS if lang != PRIMARY], other, primary)


def _build_other(config_file: Path, overrides: dict[str, object], catalogues: dict) -> None:
    """In a child process (languages.py): one other language, with the catalogue validated once."""
    validated.keep(catalogues)
    _run_mkdocs(config_file, **overrides)


def _other_language_overrides(lang: Lang, site_dir: str, strict: bool, site_url: str | None) -> dict[str, object]:
    return {
        "site_dir": site_dir,
        "strict": strict,
        "site_url": f"{site_url.rstrip('/')}/{lang}/" if site_url else None,
    }


def site_root(config: dict) -> str:
    """The URL of the whole site (the Kazakh root) from a language's site_url, or '' if unknown."""
    url = config.get("site_url") or ""
    own = next((a for a in config["extra"].get("alternate", []) if a["lang"] == config["theme"]["language"]), None)
    suffix = own.get("path", "") if own else ""
    return url[: len(url) - len(suffix)] if url and suffix and url.endswith(suffix) else url


def build_other_languages(config: dict) -> None:
    """Called by the hook after the primary build: the others go to site_dir/<lang>/."""
    if _others_in_parallel:
        return  # site.build is building them in their own processes
    site_url = config.get("site_url") or None
    for lang, config_file in CONFIGS.items():
        if lang == PRIMARY:
            continue
        log.info("Building the %s site", lang)
        overrides = _other_language_overrides(
            lang, os.path.join(config["site_dir"], lang), config.get("strict", False), site_url
        )
        _run_mkdocs(config_file, **overrides)


def serve(folder: Path, dev_addr: str) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    os.environ[DATA_ENV] = str(folder.resolve())
    mkdocs_serve(config_file=str(CONFIGS[PRIMARY]), dev_addr=dev_addr, livereload=True)
    return 0
