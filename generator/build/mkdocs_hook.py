"""MkDocs hook: hands MkDocs what the generator made, and nothing more.

The generator makes each language's pages, bodies and files (generator.features.tree) and
finishes the built pages (generator.site.finish) without MkDocs; this file only passes
them between the two. It is the one place besides build/site.py that knows MkDocs.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # `mkdocs` run from a checkout

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from generator import features  # noqa: E402
from generator.build import site  # noqa: E402
from generator.data import catalogs  # noqa: E402
from generator.data.problems import InvalidData, format_problems  # noqa: E402
from generator.site.finish import finish  # noqa: E402

_state: dict = {}


def on_config(config):
    try:
        catalogue = site.catalogue_for(site.data_dir())
    except InvalidData as exc:
        raise PluginError(f"{exc}:\n{format_problems(exc.problems)}") from None
    _state["lang"] = config.theme["language"]
    config.extra["site_root"] = site.site_root(config)
    settings = features.Settings(config.extra["site_root"], config.extra.get("quick_exit_url") or "")
    _state["tree"] = tree = features.tree(catalogue, _state["lang"], settings)
    _state["written"] = []
    config.extra.update(tree.extra)
    # The theme's own words (quick exit, 404): words/<lang>/theme.yaml. The Kazakh 404 page also
    # speaks Russian to the readers of /ru/ that it is served to.
    words = catalogs.table("theme")
    config.extra["words"] = words[_state["lang"]]
    config.extra["words_ru"] = words["ru"]
    return config


def on_files(files: Files, config) -> Files:
    tree = _state["tree"]
    for path, content in (*tree.pages.items(), *tree.files.items()):
        files.append(File.generated(config, path, content=content))
    return files


def on_page_content(html: str, page, config, files) -> str:
    return _state["tree"].bodies.get(page.file.src_uri, html)


def on_post_page(output: str, page, config) -> str:
    _state["written"].append(page.file.dest_uri)
    return output


def on_serve(server, config, builder):
    for path in (site.data_dir(), site.ROOT / "schema", site.ROOT / "generator" / "site" / "templates"):
        server.watch(str(path))
    return server


def on_post_build(config):
    # After the search plugin has written its index (hooks run after the plugins).
    templates = [name for name in config.theme.static_templates if name.endswith(".html")]
    finish(Path(config["site_dir"]), [*_state["written"], *templates])
    if _state.get("lang") == site.PRIMARY:
        site.build_other_languages(config)
