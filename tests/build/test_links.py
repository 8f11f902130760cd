"""Every internal link and anchor of the built site resolves, in both languages."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit


class LinksAndIds(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        if tag == "base" and "href" in a:
            self.base = a["href"]
        for key in ("href", "src"):
            if key in a and tag in ("a", "link", "script", "img", "iframe", "source"):
                self.links.append((tag, a[key]))


def parse(page: Path) -> LinksAndIds:
    parser = LinksAndIds()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def target_of(site: Path, page: Path, link: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points to, or None for external/special links."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    path, fragment = urldefrag(unquote(link))
    path = path.split("?", 1)[0]
    if not path:
        return page, fragment
    base = site if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve()
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target, fragment


def test_every_internal_link_and_anchor_resolves(built_site: Path):
    site = built_site.resolve()
    pages = sorted(site.rglob("*.html"))
    parsed = {page: parse(page) for page in pages}
    broken = []
    checked = 0
    for page, found in parsed.items():
        if page.name == "404.html":
            continue  # served at any depth: its links are relative to the site root by design
        for tag, link in found.links:
            resolved = target_of(site, page, link)
            if resolved is None:
                continue
            target, fragment = resolved
            checked += 1
            if site not in target.parents and target != site:
                broken.append(f"{page.relative_to(site)}: {link} leaves the site")
            elif not target.exists():
                broken.append(f"{page.relative_to(site)}: {link} -> missing {target.relative_to(site)}")
            elif (
                tag == "a"
                and fragment
                and target.suffix == ".html"
                and fragment not in parse_cached(target, parsed).ids
            ):  # a frame's #state is not an anchor
                broken.append(f"{page.relative_to(site)}: {link} -> no #{fragment}")
    assert checked > 1000
    assert broken == []


def parse_cached(target: Path, parsed: dict[Path, LinksAndIds]) -> LinksAndIds:
    if target not in parsed:
        parsed[target] = parse(target)
    return parsed[target]


def test_the_checker_catches_a_broken_link_and_anchor(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="here">x</p>', encoding="utf-8")
    page = tmp_path / "index.html"
    page.write_text('<a href="a/#here">ok</a><a href="a/#gone">bad</a><a href="b/">missing</a>', encoding="utf-8")
    found = parse(page)
    results = [target_of(tmp_path, page, link) for _, link in found.links]
    assert [(t.exists(), f) for t, f in results] == [(True, "here"), (True, "gone"), (False, "")]
    assert "gone" not in parse(results[1][0]).ids
