"""The search index a page may fetch: ours, whole, only when the reader searches.

The theme writes search/search_index.json (every page's text) and fetches it on every page,
so its cost grew with every listing. After the build, finish() calls index_pages(): the
pages that are not listings (home, regions, needs, about, safety …) join the listings in
search/kz-index.json (written by features/search.py), one entry per page with the keys of
its title and text, and the theme's file is replaced by a stub of the same few bytes at
any size: the theme still fetches it, and our worker (kz-search.js) ignores it.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from generator.site.search_text import text_keys

INDEX = "search/kz-index.json"
THEME_INDEX = "search/search_index.json"
STUB = {"config": {"lang": ["ru"], "separator": "[\\s\\-]+", "pipeline": []}, "docs": []}
TEXT_CHARS = 160  # the line under a page's title in the results
# Listings are in the index already, one entry each (features/search.py); the find pages'
# entries are the listings again, and the regions' find pages are the region pages again.
SKIP = ("centres/", "find/#f-")
FIND = "find/"
_TAG = re.compile(r"<[^>]+>")


def _plain(markup: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def page_docs(theme_docs: list[dict], indexed: set[str]) -> list[dict[str, str]]:
    """One entry per page of the theme's index (its sections folded into it), except the pages
    `indexed` already."""
    pages: dict[str, dict[str, list[str]]] = {}
    for doc in theme_docs:
        location = doc.get("location", "")
        page = location.split("#", 1)[0]
        if location.startswith(SKIP) or page in indexed or (page.startswith(FIND) and page != FIND):
            continue
        entry = pages.setdefault(page, {"title": [], "text": []})
        title, text = _plain(doc.get("title", "")), _plain(doc.get("text", ""))
        if location == page:
            entry["title"].insert(0, title)
        else:
            entry["text"].append(title)
        entry["text"].append(text)
    docs = []
    for page, entry in pages.items():
        title = entry["title"][0] if entry["title"] else ""
        text = " ".join(t for t in entry["text"] if t)
        names = text_keys(title)
        known = set(names)
        docs.append(
            {
                "l": page,
                "t": html.escape(title, quote=False),
                "x": html.escape(text[:TEXT_CHARS] + ("…" if len(text) > TEXT_CHARS else ""), quote=False),
                "n": " ".join(names),
                "k": " ".join(k for k in text_keys(text) if k not in known),
            }
        )
    return docs


FIELDS = ("k", "p", "n")  # field codes 0, 1, 2: keys of the rest, of the town, of the names


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


def encode(index: dict) -> dict:
    """The index ready to search, so that loading it is parsing it at any size (building the
    lists in the browser took 1.8 s at 4000 listings on a phone-slow CPU): `v`, every key
    once, sorted (for words typed so far and typos); `p`, for each key, the entries that have
    it, in its best field only, as base-36 numbers (entries after the previous one) * 3 + field:
    most are one character; each entry keeps its
    location, title and text and, in `s`, how many keys its names have (a short name's match
    counts a little more). kz-search.js reads a key's list only when a query needs it."""
    best: dict[str, dict[int, int]] = {}
    docs = []
    for d, doc in enumerate(index["docs"]):
        for code in (2, 1, 0):  # names first: a key keeps its best field
            for key in doc.get(FIELDS[code], "").split():
                best.setdefault(key, {}).setdefault(d, code)
        kept = {k: v for k, v in doc.items() if k not in FIELDS}
        if doc.get("n"):
            kept["s"] = len(doc["n"].split())
        docs.append(kept)
    vocabulary = sorted(best)
    postings = []
    for key in vocabulary:
        previous, tokens = 0, []
        for d, code in best[key].items():  # entries in ascending order: they were met so
            tokens.append(_base36((d - previous) * 3 + code))
            previous = d
        postings.append(" ".join(tokens))
    return {"rules": index["rules"], "docs": docs, "v": vocabulary, "p": postings}


def index_pages(site_dir: Path) -> Path | None:
    theme, ours = site_dir / THEME_INDEX, site_dir / INDEX
    if not theme.exists() or not ours.exists():
        return None
    index = json.loads(ours.read_text(encoding="utf-8"))
    indexed = {doc["l"] for doc in index["docs"]}
    index["docs"] += page_docs(json.loads(theme.read_text(encoding="utf-8")).get("docs", []), indexed)
    ours.write_text(json.dumps(encode(index), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    theme.write_text(json.dumps(STUB, separators=(",", ":")), encoding="utf-8")
    return ours
