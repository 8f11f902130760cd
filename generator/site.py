"""Build the site with MkDocs: Kazakh at the root, Russian under /ru/.

mkdocs.yml is the Kazakh site; mkdocs.ru.yml inherits it. The hook adds the
generated pages to each build, and the Kazakh build builds the other languages
into its own site_dir when it is done, so `mkdocs build`, `mkdocs serve` and
`python -m generator build` all produce the whole site.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from .model import Catalogue, Lang
from .problems import InvalidData
from .validate import validate

ROOT = Path(__file__).resolve().parent.parent
CONFIGS: dict[Lang, Path] = {"kk": ROOT / "mkdocs.yml", "ru": ROOT / "mkdocs.ru.yml"}
PRIMARY: Lang = "kk"
DATA_ENV = "KZ_DIRECTORY_DATA"  # how `--data` reaches the hook inside MkDocs

log = logging.getLogger("mkdocs.generator")
_catalogues: dict[Path, tuple[tuple[tuple[str, int, int], ...], Catalogue]] = {}


class BuildFailed(Exception):
    pass


def data_dir() -> Path:
    return Path(os.environ.get(DATA_ENV) or ROOT / "data").resolve()


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    files.append(ROOT / "schema" / "centre.schema.json")
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.exists()))


def catalogue_for(folder: Path) -> Catalogue:
    """The validated catalogue of a data folder; validated again only when a file changed."""
    folder = folder.resolve()
    signature = _signature(folder)
    cached = _catalogues.get(folder)
    if cached and cached[0] == signature:
        return cached[1]
    report = validate(folder)
    if not report.ok or report.catalogue is None:
        raise InvalidData(report.problems)
    _catalogues[folder] = (signature, report.catalogue)
    return report.catalogue


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


def build(folder: Path, site_dir: Path, strict: bool = False) -> None:
    """Validate (raising InvalidData with every problem), then build both languages."""
    catalogue_for(folder)
    previous = os.environ.get(DATA_ENV)
    os.environ[DATA_ENV] = str(folder.resolve())  # read by the hook, inside MkDocs
    try:
        _run_mkdocs(CONFIGS[PRIMARY], site_dir=str(site_dir), strict=strict)
    finally:
        if previous is None:
            os.environ.pop(DATA_ENV, None)
        else:
            os.environ[DATA_ENV] = previous


def site_root(config: dict) -> str:
    """The URL of the whole site (the Kazakh root) from a language's site_url, or '' if unknown."""
    url = config.get("site_url") or ""
    own = next((a for a in config["extra"].get("alternate", []) if a["lang"] == config["theme"]["language"]), None)
    suffix = own.get("path", "") if own else ""
    return url[: len(url) - len(suffix)] if url and suffix and url.endswith(suffix) else url


def build_other_languages(config: dict) -> None:
    """Called by the hook after the primary build: the others go to site_dir/<lang>/."""
    site_url = config.get("site_url") or None
    for lang, config_file in CONFIGS.items():
        if lang == PRIMARY:
            continue
        log.info("Building the %s site", lang)
        _run_mkdocs(
            config_file,
            site_dir=os.path.join(config["site_dir"], lang),
            strict=config.get("strict", False),
            site_url=f"{site_url.rstrip('/')}/{lang}/" if site_url else None,
        )


def serve(folder: Path, dev_addr: str) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    os.environ[DATA_ENV] = str(folder.resolve())
    mkdocs_serve(config_file=str(CONFIGS[PRIMARY]), dev_addr=dev_addr, livereload=True)
    return 0
