"""Drop the indentation of finished pages: about a tenth of a page, and it moves
the numbers to call into the first round trip on a slow line.

Only leading white space after a newline goes, never inside <pre> or <textarea>
(where it is content); a newline still separates words, so nothing renders differently.
"""

from __future__ import annotations

import re

_KEEP = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.S | re.I)
# A newline with the blanks and newlines after it: indentation and blank lines in one pass
# (every page of a build goes through here).
_INDENT_AND_BLANK_LINES = re.compile(r"\n[ \t\n]+")


def strip_indentation(html: str) -> str:
    parts = _KEEP.split(html)
    out = []
    # split() with two groups yields: text, whole kept block, tag name, text, ...
    for index in range(0, len(parts), 3):
        out.append(_INDENT_AND_BLANK_LINES.sub("\n", parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)
