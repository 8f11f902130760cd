"""A Content-Security-Policy for each page, written as a meta tag.

GitHub Pages can't send headers, so the policy is a <meta http-equiv> in the
page head. Only the site's own origin may serve scripts, styles, images, fonts,
frames and fetches. Material's two small inline scripts embed the page's depth,
so they are allowed by their sha256 hash, computed from the finished page.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from functools import lru_cache

_DATA_TYPES = ("application/json", "application/ld+json", "text/template")
_SRC = re.compile(r"\bsrc=", re.I)
_TYPE = re.compile(r'\btype="([^"]+)"', re.I)


def _scripts(html: str) -> Iterator[tuple[str, str]]:
    """(attributes, body) of every script element, found with str.find: this runs on every page
    of a build, and the case-insensitive regex it replaces took 0.95 s per 8000 pages (this,
    0.26 s). The pages are made by our templates and Material's, which write tags in lower
    case; a script written otherwise gets no hash, so the browser blocks it, never the other
    way round. tests/build/test_safety_crawl.py checks every built page's hashes with the standard
    library's HTML parser."""
    start = html.find("<script")
    while start != -1:
        tag_end = html.find(">", start)
        if tag_end == -1:
            return
        attrs = html[start + len("<script") : tag_end]
        if attrs and attrs[0] not in " \t\n\r\f/":  # <scripts…>: another element
            start = html.find("<script", tag_end)
            continue
        close = html.find("</script>", tag_end)
        if close == -1:
            return
        yield attrs, html[tag_end + 1 : close]
        start = html.find("<script", close)


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-…' sources of every executable inline script, in page order, once each."""
    hashes: list[str] = []
    for attrs, body in _scripts(html):
        if _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        if kind and kind.group(1).lower() in _DATA_TYPES:
            continue  # data blocks never run
        source = _source(body)
        if source not in hashes:
            hashes.append(source)
    return hashes


@lru_cache(maxsize=64)
def _source(body: str) -> str:
    # The same few scripts (one per page depth) recur on thousands of pages.
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def policy(html: str) -> str:
    scripts = " ".join(["'self'", *inline_script_hashes(html)])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "frame-src 'self'",
            "worker-src 'self'",
            "manifest-src 'self'",
            "media-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def add_policy(html: str) -> str:
    """The page with its CSP meta as the first element of <head>, before anything it governs."""
    if "<head>" not in html:  # fail closed: a page without its policy must not be published
        raise ValueError("a page has no <head>, so its Content-Security-Policy cannot be added")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html.replace("<head>", "<head>\n    " + meta, 1)
