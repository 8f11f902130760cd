"""MkDocs hook: adds the generated pages to a build. Thin on purpose; the
logic lives in generator.site.render and generator.build.site, testable without MkDocs."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # `mkdocs` run from a checkout

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from generator import features
from generator.build import site  # noqa: E402
from generator.data.problems import InvalidData, format_problems  # noqa: E402
from generator.site import csp, htmlmin, search_index
from generator.site.render import Renderer, call_now, split_front_matter  # noqa: E402

_state: dict = {}


def on_config(config):
    try:
        _state["catalogue"] = site.catalogue_for(site.data_dir())
    except InvalidData as exc:
        raise PluginError(f"{exc}:\n{format_problems(exc.problems)}") from None
    _state["lang"] = config.theme["language"]
    config.extra["site_root"] = site.site_root(config)
    config.extra["call_now"] = call_now(_state["catalogue"], _state["lang"])
    return config


def on_files(files: Files, config) -> Files:
    catalogue, lang = _state["catalogue"], _state["lang"]
    renderer = Renderer(catalogue, lang, feature_globals=features.core_globals(catalogue, lang))
    _state["bodies"] = bodies = {}
    for page in renderer.pages() + features.all_pages(renderer):
        meta, body = split_front_matter(page.content)
        if body.lstrip().startswith("<"):
            # Already HTML: Markdown would only re-parse it (most of a large build's time).
            bodies[page.path] = body
            files.append(File.generated(config, page.path, content=meta))
        else:
            files.append(File.generated(config, page.path, content=page.content))
    for path, content in features.all_files(catalogue, lang).items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_content(html: str, page, config, files) -> str:
    return _state.get("bodies", {}).get(page.file.src_uri, html)


def on_post_page(output: str, page, config) -> str:
    return csp.add_policy(htmlmin.strip_indentation(output))


def on_post_template(output: str, template_name: str, config) -> str:
    return csp.add_policy(htmlmin.strip_indentation(output)) if template_name.endswith(".html") else output


def on_serve(server, config, builder):
    for path in (site.data_dir(), site.ROOT / "schema", site.ROOT / "generator" / "site" / "templates"):
        server.watch(str(path))
    return server


def on_post_build(config):
    search_index.compact(Path(config["site_dir"]))  # hooks run after the search plugin has written it
    if _state.get("lang") == site.PRIMARY:
        site.build_other_languages(config)
