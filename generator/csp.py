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

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:(?!\bsrc=)[^>])*)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPES = ("application/json", "application/ld+json", "text/template")


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-…' sources of every executable inline script, in page order, once each."""
    hashes: list[str] = []
    for match in _INLINE_SCRIPT.finditer(html):
        kind = re.search(r'\btype="([^"]+)"', match.group("attrs"))
        if kind and kind.group(1).lower() in _DATA_TYPES:
            continue  # data blocks never run
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode()}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


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
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return re.sub(r"<head>", "<head>\n    " + meta, html, count=1, flags=re.I)
