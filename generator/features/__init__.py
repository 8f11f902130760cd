"""Features beyond the core pages: each adds its own pages and static files.

A feature is a module with two functions, and maybe a third:

    pages(renderer: Renderer) -> list[Page]        # Markdown pages of one language
    files(catalogue: Catalogue, lang: Lang) -> dict[str, str | bytes]
                                                   # static files, path relative to that language's root
    core_globals(catalogue: Catalogue, lang: Lang) -> dict[str, object]
                                                   # optional: what the core templates may call
                                                   # (the map on region pages); the build adds
                                                   # them to the renderer before any page is made
    theme_extra() -> dict[str, object]             # optional: values the theme's own templates read

Keeping features in their own modules lets the map, the finder and the exports
grow without touching each other. `tree` puts the core pages and every feature's pages
and files together: that is all a static-site builder is handed (generator/build/).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from generator.data.model import Catalogue, Lang
from generator.site.render import Page, Renderer, call_now, split_front_matter


@dataclass(frozen=True)
class Tree:
    """One language's generated docs, in the terms of any Markdown site builder."""

    pages: dict[str, str]  # path -> Markdown with front matter (a page in `bodies`: its front matter only)
    bodies: dict[str, str]  # path -> the body of a page made as HTML: used as it is, never parsed as Markdown
    files: dict[str, str | bytes]  # static files, as they are to be served
    extra: dict[str, object]  # values the theme's own templates read (config `extra`)


def tree(catalogue: Catalogue, lang: Lang) -> Tree:
    renderer = Renderer(catalogue, lang, feature_globals=core_globals(catalogue, lang))
    pages: dict[str, str] = {}
    bodies: dict[str, str] = {}
    for page in renderer.pages() + all_pages(renderer):
        meta, body = split_front_matter(page.content)
        if body.lstrip().startswith("<"):
            # Already HTML: Markdown would only parse it again (most of a large build's time).
            bodies[page.path] = body
            pages[page.path] = meta
        else:
            pages[page.path] = page.content
    extra: dict[str, object] = {"call_now": call_now(catalogue, lang)}
    for feature in enabled():
        extra.update(getattr(feature, "theme_extra", dict)())
    return Tree(pages, bodies, all_files(catalogue, lang), extra)


def enabled() -> list[ModuleType]:
    # Imported here so that a feature's heavy dependencies load only for a build.
    from generator.features import exports, finder, maintainers, search
    from generator.features import map as map_feature

    return [finder, search, exports, map_feature, maintainers]


def all_pages(renderer: Renderer) -> list[Page]:
    return [page for feature in enabled() for page in feature.pages(renderer)]


def core_globals(catalogue: Catalogue, lang: Lang) -> dict[str, object]:
    out: dict[str, object] = {}
    for feature in enabled():
        for name, value in getattr(feature, "core_globals", lambda *_: {})(catalogue, lang).items():
            if name in out:
                raise ValueError(f"two features give the templates {name}")
            out[name] = value
    return out


def all_files(catalogue: Catalogue, lang: Lang) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    for feature in enabled():
        for path, content in feature.files(catalogue, lang).items():
            if path in files:
                raise ValueError(f"two features write {path}")
            files[path] = content
    return files
