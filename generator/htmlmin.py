"""Drop the indentation of finished pages: about a tenth of a page, and it moves
the numbers to call into the first round trip on a slow line.

Only leading white space after a newline goes, never inside <pre> or <textarea>
(where it is content); a newline still separates words, so nothing renders differently.
"""

from __future__ import annotations

import re

_KEEP = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]+")
_BLANK_LINES = re.compile(r"\n{2,}")


def strip_indentation(html: str) -> str:
    parts = _KEEP.split(html)
    out = []
    # split() with two groups yields: text, whole kept block, tag name, text, ...
    for index in range(0, len(parts), 3):
        out.append(_BLANK_LINES.sub("\n", _INDENT.sub("\n", parts[index])))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)
