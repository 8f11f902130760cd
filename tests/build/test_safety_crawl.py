"""A crawl of the whole built site, both languages: nothing loads from another origin.

Links a reader clicks (a centre's own website, a source) are fine; anything the
browser fetches by itself when a page loads is not.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

# What a page may mention without loading it: the optional street-map layer,
# which loads only when the reader switches it on (tested in the browser).
ALLOWED_UNLOADED = ("https://{s}.tile.openstreetmap.org/", "https://tile.openstreetmap.org/")

_RESOURCE_LINK_RELS = {
    "stylesheet",
    "preload",
    "prefetch",
    "modulepreload",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "manifest",
    "preconnect",
    "dns-prefetch",
    "prerender",
    "mask-icon",
}
_ABSOLUTE = re.compile(r"""(?:https?:)?//[^\s"'`)<>]+""", re.I)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)


def is_foreign(url: str) -> bool:
    url = url.strip()
    return bool(re.match(r"(?:https?:)?//", url, re.I)) and not url.startswith(ALLOWED_UNLOADED)


class ResourceCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.resources: list[tuple[str, str]] = []  # (what, url)
        self._in_script = False
        self._script_is_code = False
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        add = self.resources.append
        if tag == "script":
            self._in_script = True
            self._script_is_code = a.get("type", "text/javascript") in ("", "text/javascript", "module")
            if "src" in a:
                add(("script", a["src"]))
        elif tag == "link":
            rels = set(a.get("rel", "").lower().split())
            if rels & _RESOURCE_LINK_RELS:
                add((f"link {a.get('rel')}", a.get("href", "")))
        elif tag in ("img", "source", "iframe", "embed", "video", "audio", "track", "input", "frame"):
            for key in ("src", "poster", "data"):
                if key in a:
                    add((tag, a[key]))
            for candidate in a.get("srcset", "").split(","):
                if candidate.strip():
                    add((f"{tag} srcset", candidate.strip().split()[0]))
        elif tag == "object" and "data" in a:
            add(("object", a["data"]))
        elif tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            add(("meta refresh", a.get("content", "").partition("url=")[2]))
        elif tag == "style":
            self._in_style = True
        if "style" in a:
            for match in _CSS_URL.finditer(a["style"]):
                add(("style attribute", match.group(1) or match.group(2)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False
        elif tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_script and self._script_is_code:
            for url in _ABSOLUTE.findall(data):
                self.resources.append(("inline script", url))
        if self._in_style:
            for match in _CSS_URL.finditer(data):
                self.resources.append(("style block", match.group(1) or match.group(2)))


def foreign_resources(site: Path) -> list[str]:
    found = []
    for page in sorted(site.rglob("*.html")):
        collector = ResourceCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(site)}: {what} {url}" for what, url in collector.resources if is_foreign(url)]
    for sheet in sorted(site.rglob("*.css")):
        for match in _CSS_URL.finditer(sheet.read_text(encoding="utf-8", errors="replace")):
            url = match.group(1) or match.group(2)
            if is_foreign(url):
                found.append(f"{sheet.relative_to(site)}: css {url}")
    return found


def test_crawl_finds_no_resource_from_another_origin(built_site: Path):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 100 and any(p.parts[-3:-1] == ("ru", "centres") or "ru" in p.parts for p in pages)
    assert foreign_resources(built_site) == []


def test_the_crawler_sees_every_kind_of_resource(tmp_path: Path):
    """The crawler itself must catch each form, or the test above proves nothing."""
    (tmp_path / "index.html").write_text(
        """<html><head>
<link rel="stylesheet" href="https://cdn.example/a.css"><link rel="preload" href="//fonts.example/f.woff2">
<link rel="manifest" href="https://x.example/m.json"><link rel="icon" href="http://x.example/i.png">
<script src="https://cdn.example/s.js"></script><script>fetch("https://api.github.com/repos/x")</script>
<style>@font-face{src:url(https://fonts.gstatic.com/x.woff2)}</style></head><body>
<img src="https://img.example/p.png"><img srcset="a.png 1x, https://img.example/q.png 2x">
<iframe src="https://www.youtube.com/embed/x"></iframe><div style="background:url('//t.example/b.png')"></div>
<a href="https://example.kz">a link a reader clicks is fine</a>
<link rel="alternate" hreflang="ru" href="https://example.kz/ru/">
<script type="application/json">{"not": "https://run.example"}</script>
</body></html>""",
        encoding="utf-8",
    )
    (tmp_path / "x.css").write_text("@import 'https://cdn.example/b.css';", encoding="utf-8")
    found = foreign_resources(tmp_path)
    assert len(found) == 12, found
    assert not any("example.kz" in f or "run.example" in f for f in found)


def test_theme_settings_that_would_call_out_are_off():
    import yaml

    from ..conftest import ROOT

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["theme"]["font"] == "false", "no Google Fonts"
    assert "repo_url" not in config, "the repository widget would call the GitHub API"
    assert "analytics" not in config.get("extra", {})


def test_every_page_has_the_policy_quick_exit_and_no_referrer(built_site: Path, catalogue):
    pages = sorted(built_site.rglob("*.html"))
    # Every listing and region has a page in each language: an empty or half build fails here.
    assert len(pages) >= 2 * (len(catalogue.listings) + len(catalogue.regions)), len(pages)
    with_header = frames = 0
    standalone: Counter[str] = Counter()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<meta name="referrer" content="no-referrer">' in html, page
        assert 'http-equiv="Content-Security-Policy"' in html, page
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
        assert "default-src 'self'" in policy and "script-src 'self'" in policy and "*" not in policy, page
        rel = page.relative_to(built_site).as_posix()
        if 'class="md-header' in html:  # every page of the site
            with_header += 1
            assert "data-kz-exit" in html, page
        elif rel in ("map/map.html", "ru/map/map.html"):  # the map's frame sits inside a page that has one
            frames += 1
        else:  # pocket cards, the widget, a region's items file: a page of its own, with its own exit
            assert re.search(r'<a class="kz-[\w-]*exit" href="https://[^"]+" rel="[^"]*noreferrer"', html), page
            standalone[rel.removeprefix("ru/").split("/")[0]] += 1
        # The policy allows exactly the page's inline scripts that run, read here by the
        # standard library's HTML parser, independently of generator/csp.py's own scanner.
        allowed = set(re.findall(r"'(sha256-[^']+)'", policy))
        assert allowed == _running_inline_script_hashes(html), page
    assert frames == 2 and with_header + frames + sum(standalone.values()) == len(pages)
    assert set(standalone) == {"cards", "embed", "find"}, standalone


class _InlineScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.bodies: list[str] = []
        self._open: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._open = {k: v or "" for k, v in attrs}
            self._body: list[str] = []

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._body.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            kind = self._open.get("type", "").lower()
            if "src" not in self._open and kind not in ("application/json", "application/ld+json", "text/template"):
                self.bodies.append("".join(self._body))
            self._open = None


def _running_inline_script_hashes(html: str) -> set[str]:
    import base64
    import hashlib

    parser = _InlineScripts()
    parser.feed(html)
    return {"sha256-" + base64.b64encode(hashlib.sha256(b.encode("utf-8")).digest()).decode() for b in parser.bodies}
