"""The pass over a finished site: what every page the builder wrote gets, whoever built it.

Each page loses its indentation (htmlmin) and gains its Content-Security-Policy (csp), and
the site's pages join the listings in our search index, the theme's own becoming a stub
(search_index). Static files (the map's own
page, with its own policy; the exports) are left as they are: the builder says which files
are its pages.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.site import csp, htmlmin, search_index


def finish_page(html: str) -> str:
    return csp.add_policy(htmlmin.strip_indentation(html))


def finish(site_dir: Path, pages: Iterable[str]) -> None:
    """Finish the pages (paths relative to site_dir) of one language's built site, in place."""
    for relative in pages:
        path = site_dir / relative
        path.write_bytes(finish_page(path.read_bytes().decode("utf-8")).encode("utf-8"))
    search_index.index_pages(site_dir)
