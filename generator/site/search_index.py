"""Shrink the search index Material writes, which every page downloads.

Material writes search_index.json with every non-ASCII letter escaped
(\\u0430...), so Kazakh and Russian text takes six bytes a letter: rewriting it
as UTF-8 JSON, without spaces, makes it 2.4 times smaller (a quarter smaller
gzipped) with the same content.
"""

from __future__ import annotations

import json
from pathlib import Path


def compact(site_dir: Path) -> Path | None:
    path = site_dir / "search" / "search_index.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return path
