"""Features beyond the core pages: each adds its own pages and static files.

A feature is a module with two functions, and maybe a third:

    pages(renderer: Renderer) -> list[Page]        # Markdown pages of one language
    files(catalogue: Catalogue, lang: Lang) -> dict[str, str | bytes]
                                                   # static files, path relative to that language's root
    theme_extra(catalogue: Catalogue, lang: Lang) -> dict[str, object]
                                                   # optional: values the theme's templates read
                                                   # (config.extra: the share bar's words)
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

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from generator.data.model import Catalogue, Lang
from generator.site.render import Page, Renderer, call_now, split_front_matter
from generator.site.settings import Settings

__all__ = ["Settings", "Tree", "all_files", "all_pages", "core_globals", "enabled", "tree"]


def _call(fn: Callable, *args: object, settings: Settings) -> object:
    # A feature whose pages() or files() take a `settings` keyword gets it.
    return fn(*args, settings=settings) if "settings" in inspect.signature(fn).parameters else fn(*args)


@dataclass(frozen=True)
class Tree:
    """One language's generated docs, in the terms of any Markdown site builder."""

    pages: dict[str, str]  # path -> Markdown with front matter (a page in `bodies`: its front matter only)
    bodies: dict[str, str]  # path -> the body of a page made as HTML: used as it is, never parsed as Markdown
    files: dict[str, str | bytes]  # static files, as they are to be served
    extra: dict[str, object]  # values the theme's own templates read (config `extra`)


def tree(catalogue: Catalogue, lang: Lang, settings: Settings | None = None) -> Tree:
    settings = settings or Settings()
    renderer = Renderer(catalogue, lang, feature_globals=core_globals(catalogue, lang))
    pages: dict[str, str] = {}
    bodies: dict[str, str] = {}
    for page in renderer.pages() + all_pages(renderer, settings):
        meta, body = split_front_matter(page.content)
        if body.lstrip().startswith("<"):
            # Already HTML: Markdown would only parse it again (most of a large build's time).
            bodies[page.path] = body
            pages[page.path] = meta
        else:
            pages[page.path] = page.content
    extra: dict[str, object] = {"call_now": call_now(catalogue, lang)}
    for feature in enabled():  # optional: what a feature gives the theme's own templates
        give = getattr(feature, "theme_extra", None)
        if give is None:
            continue
        given = give(catalogue, lang) if inspect.signature(give).parameters else give()
        for name, value in given.items():
            if name in extra:
                raise ValueError(f"two features give the theme {name}")
            extra[name] = value
    return Tree(pages, bodies, all_files(catalogue, lang, settings), extra)


def enabled() -> list[ModuleType]:
    # Imported here so that a feature's heavy dependencies load only for a build.
    from generator.features import exports, finder, maintainers, search, travel
    from generator.features import map as map_feature

    return [finder, search, exports, map_feature, maintainers, travel]


def all_pages(renderer: Renderer, settings: Settings | None = None) -> list[Page]:
    settings = settings or Settings()
    return [page for feature in enabled() for page in _call(feature.pages, renderer, settings=settings)]


def core_globals(catalogue: Catalogue, lang: Lang) -> dict[str, object]:
    out: dict[str, object] = {}
    for feature in enabled():
        for name, value in getattr(feature, "core_globals", lambda *_: {})(catalogue, lang).items():
            if name in out:
                raise ValueError(f"two features give the templates {name}")
            out[name] = value
    return out


def all_files(catalogue: Catalogue, lang: Lang, settings: Settings | None = None) -> dict[str, str | bytes]:
    settings = settings or Settings()
    files: dict[str, str | bytes] = {}
    for feature in enabled():
        for path, content in _call(feature.files, catalogue, lang, settings=settings).items():
            if path in files:
                raise ValueError(f"two features write {path}")
            files[path] = content
    return files
