"""`python -m generator fix`: normalise listing files without changing what they say.

What it does to a file that the validator can read:

- phone numbers are written in international form ("+7 701 234 5678"), short
  national numbers stay short ("150"), always in double quotes;
- keys follow the order of schema/centre.schema.json, at every level; comments
  and blank lines move with the key they stand above;
- plain strings that some YAML reader would take for something else are put in
  double quotes: `yes`/`no`/`on`/`off` (booleans in YAML 1.1), dates and
  `09:00`-like times (a timestamp and a sexagesimal number in YAML 1.1), `1_000`,
  `0b11`, `=` and `<<`; numbers that YAML 1.1 and 1.2 read differently
  (`0777`, `1e3`) are rewritten in a form both read the same;
- the schema modeline is added as the first line when it is missing.

Comments survive: keys are reordered by moving whole blocks of lines, and every
value change is made through ruamel.yaml's round-trip mode. ruamel.yaml drops
comments inside a flow list or mapping (`services: [shelter, # beds\n  legal]`), so
such a collection is kept as written: its values are fixed in place, its keys stay
in the order written. A file may end with `...` (and comments after it); that tail
is kept as it is. If a comment would still be lost or doubled, nothing is written. Before writing, the
file is read again with the validator's own loader, and its data must equal the
data before (phone numbers compared by the number they dial); if not, nothing is
written. Running it twice changes nothing the second time. `--check` and `--diff`
write nothing: the first lists the files that would change, the second shows how.
"""

from __future__ import annotations

import argparse
import difflib
import io
import json
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString

from generator import ROOT
from generator.data.messages import ByLang, Said, add_lang_argument, helptext, tell
from generator.data.phones import parse_phone
from generator.data.problems import Problem, format_problems
from generator.data.validate import display_path
from generator.data.yamlload import load_file, scalar_value

SCHEMA_PATH = ROOT / "schema" / "centre.schema.json"
MODELINE = "# yaml-language-server: $schema=../../schema/centre.schema.json"
# The same schema with its hints in Kazakh or Russian as the editor's hover text
# (schema/centre.schema.kk.json, .ru.json: python -m generator template --write).
MODELINES = (MODELINE, *(MODELINE.replace(".json", f".{lang}.json") for lang in ("kk", "ru")))
_STR = "tag:yaml.org,2002:str"
_MAX_REORDERS = 500  # one per mapping at most; a listing has a few dozen


# ---------------------------------------------------------------- the schema's order


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _resolve(node: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The schema node and every alternative it stands for ($ref, oneOf, anyOf, allOf)."""
    if not isinstance(node, dict):
        return []
    out = [node]
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        out.extend(_resolve(schema()["$defs"].get(ref.rsplit("/", 1)[1])))
    for key in ("oneOf", "anyOf", "allOf"):
        for alternative in node.get(key, []):
            out.extend(_resolve(alternative))
    return out


def child_schema(node: dict[str, Any] | None, key: str | int) -> dict[str, Any] | None:
    """The schema of a mapping's value (key: str) or of a list item (key: int)."""
    for candidate in _resolve(node):
        if isinstance(key, int) and isinstance(candidate.get("items"), dict):
            return candidate["items"]
        if isinstance(key, str) and key in candidate.get("properties", {}):
            return candidate["properties"][key]
    return None


def key_order(node: dict[str, Any] | None) -> list[str]:
    """The properties of an object schema, in the order the schema lists them."""
    for candidate in _resolve(node):
        if "properties" in candidate:
            return list(candidate["properties"])
    return []


def canonical(keys: list[str], order: list[str]) -> list[str]:
    """Known keys in schema order, then unknown ones as they were (the validator names them)."""
    rank = {key: index for index, key in enumerate(order)}
    known = sorted((k for k in keys if k in rank), key=rank.__getitem__)
    return known + [k for k in keys if k not in rank]


# ---------------------------------------------------------------- how readers read a plain scalar


class _TextResolver(VersionedResolver):
    """Reads every plain scalar as its text, so that the fixer sees what was written."""

    @property
    def versioned_resolver(self) -> dict[Any, Any]:
        return {}


def round_trip() -> YAML:
    """The YAML reader-writer that keeps comments, order, quotes and dates as written (also from-issue's
    and migrate-channels')."""
    rt = YAML(typ="rt")
    rt.Resolver = _TextResolver
    rt.preserve_quotes = True
    rt.width = 1_000_000  # never fold long lines
    rt.indent(mapping=2, sequence=4, offset=2)
    return rt


_YAML11 = VersionedResolver(version=(1, 1))


def read_12(text: str) -> Any:
    """A plain scalar as the validator reads it (YAML 1.2 core schema)."""
    return scalar_value(yaml.ScalarEvent(None, None, (True, False), text, style=None))


def read_11(text: str) -> tuple[bool, Any]:
    """(is it a string?, value) for a plain scalar read by YAML 1.1 readers (PyYAML, and ruamel's 1.1 rules)."""
    tags = {
        yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False)),
        str(_YAML11.resolve(ScalarNode, text, (True, False))),
    }
    if tags == {_STR}:
        return True, text
    try:
        return False, yaml.safe_load(text)
    except yaml.YAMLError:  # e.g. `=`, which PyYAML resolves to a tag it cannot construct
        return False, None


_CLOCK = re.compile(r"^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$")


def misread(text: str) -> bool:
    """True when a plain string would be read as something other than this text by some reader.

    Times are always quoted: `12:30` is a number (750) in YAML 1.1 while `09:00` is
    not, and the template asks for quotes around every time.
    """
    if not isinstance(read_12(text), str):
        return False
    return not read_11(text)[0] or bool(_CLOCK.match(text))


def number_text(value: int | float) -> str:
    """A number written so that YAML 1.1 and 1.2 readers read the same value."""
    if isinstance(value, (bool, int)):
        return str(int(value))
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    if "e" in text:
        mantissa, exponent = text.split("e")
        if "." not in mantissa:
            mantissa += ".0"
        if exponent[0] not in "+-":
            exponent = "+" + exponent
        return f"{mantissa}e{exponent}"
    return text


def _same_number(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b


# ---------------------------------------------------------------- key order, by moving lines


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blank(line: str) -> bool:
    return not line.strip()


@dataclass
class _Mapping:
    node: CommentedMap
    order: list[str]
    in_list_item: bool  # its first key shares a line with a `- `


def _block_mappings(node: Any, schema_node: dict[str, Any] | None, in_item: bool = False) -> Iterator[_Mapping]:
    """Every block mapping of the document, parents before children, with its schema order."""
    if isinstance(node, CommentedMap):
        if not node.fa.flow_style():
            yield _Mapping(node, key_order(schema_node), in_item)
        for key, value in node.items():
            yield from _block_mappings(value, child_schema(schema_node, key) if isinstance(key, str) else None)
    elif isinstance(node, CommentedSeq) and not node.fa.flow_style():
        item_schema = child_schema(schema_node, 0)
        for value in node:
            yield from _block_mappings(value, item_schema, in_item=True)


def _reorder_once(text: str, rt: YAML) -> tuple[str | None, Any]:
    """Put the first mapping that is out of order in order; None when all are in order. And
    `text` as loaded, which the caller uses when nothing moved (a second load took a fifth of
    fix's time)."""
    data = rt.load(text)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    for mapping in _block_mappings(data, schema()):
        keys = list(mapping.node.keys())
        wanted = canonical(keys, mapping.order)
        if keys == wanted:
            continue
        starts = [mapping.node.lc.key(k) for k in keys]
        if len({line for line, _ in starts}) != len(starts):
            continue  # keys sharing a line: not a mapping we can move line by line
        return _move_blocks(lines, keys, wanted, starts, mapping.in_list_item), data
    return None, data


def _move_blocks(
    lines: list[str],
    keys: list[str],
    wanted: list[str],
    starts: list[tuple[int, int]],
    in_list_item: bool,
) -> str:
    col = starts[0][1]
    key_lines = [line for line, _ in starts]

    # Where the mapping ends: the first later line that holds something less indented.
    end = len(lines)
    for index in range(key_lines[-1] + 1, len(lines)):
        line = lines[index]
        if not _blank(line) and not _is_comment(line) and _indent(line) < col:
            end = index
            break
        if _is_comment(line) and _indent(line) < col:
            # A less indented comment belongs to what follows the mapping, with the lines after it.
            rest = lines[index:]
            nxt = next((ln for ln in rest if not _blank(ln) and not _is_comment(ln)), None)
            if nxt is None or _indent(nxt) < col:
                end = index
                break
    while end > key_lines[-1] + 1 and _blank(lines[end - 1]):
        end -= 1

    # Each key owns the comments and blank lines right above it.
    block_starts = []
    for position, line_no in enumerate(key_lines):
        start = line_no
        floor = key_lines[position - 1] + 1 if position else 0
        while start > floor:
            above = lines[start - 1]
            if position == 0 and (_blank(above) or in_list_item or above.startswith(MODELINES)):
                break  # the file's header, or the comments above a `- `, stay where they are
            if _blank(above) or (_is_comment(above) and _indent(above) <= col):
                start -= 1
            else:
                break
        if position == 0 and start == 0:
            start = line_no  # comments from the top of the file down to the first key: the file's header
        block_starts.append(start)
    bounds = [*block_starts[1:], end]
    blocks = {key: lines[block_starts[i] : bounds[i]] for i, key in enumerate(keys)}
    key_line_in_block = {key: key_lines[i] - block_starts[i] for i, key in enumerate(keys)}

    if in_list_item:  # move the `- ` from the old first key to the new one
        first, new_first = keys[0], wanted[0]
        dash_line = blocks[first][key_line_in_block[first]]
        prefix = dash_line[:col]
        blocks[first] = list(blocks[first])
        blocks[first][key_line_in_block[first]] = " " * col + dash_line[col:]
        target = list(blocks[new_first])
        at = key_line_in_block[new_first]
        target[at] = prefix + target[at][col:]
        blocks[new_first] = target
        leading = target[:at]
        if leading:  # comments above the new first key go above the `- `
            blocks[new_first] = target[at:]
            return "".join(
                lines[: block_starts[0]]
                + [" " * _indent(prefix) + ln.lstrip(" ") if not _blank(ln) else ln for ln in leading]
                + [ln for key in wanted for ln in blocks[key]]
                + lines[end:]
            )
    return "".join(lines[: block_starts[0]] + [ln for key in wanted for ln in blocks[key]] + lines[end:])


# ---------------------------------------------------------------- values, through ruamel.yaml


@dataclass
class _Changes:
    kinds: set[str] = field(default_factory=set)


def _fix_values(node: Any, schema_node: dict[str, Any] | None, path: tuple[str | int, ...], changes: _Changes) -> None:
    if isinstance(node, CommentedMap):
        if node.fa.flow_style():
            keys = list(node.keys())
            wanted = canonical(keys, key_order(schema_node))
            if keys != wanted:
                for key in wanted:
                    node.move_to_end(key)
                changes.kinds.add("key order")
        for key in list(node.keys()):
            sub = child_schema(schema_node, key) if isinstance(key, str) else None
            node[key] = _fixed(node[key], sub, (*path, key), changes)
    elif isinstance(node, CommentedSeq):
        sub = child_schema(schema_node, 0)
        for index in range(len(node)):
            node[index] = _fixed(node[index], sub, (*path, index), changes)


def _is_phone_number(path: tuple[str | int, ...]) -> bool:
    """An old phone's number or a channel's: both are written the way the site shows them."""
    return len(path) == 4 and path[:2] in (("contacts", "phones"), ("contacts", "channels")) and path[3] == "number"


def _fixed(value: Any, schema_node: dict[str, Any] | None, path: tuple[str | int, ...], changes: _Changes) -> Any:
    if isinstance(value, (CommentedMap, CommentedSeq)):
        _fix_values(value, schema_node, path, changes)
        return value
    if not isinstance(value, str):
        return value
    quoted = isinstance(value, ScalarString)  # quoted or block scalar: always text
    text = str(value)
    if _is_phone_number(path) and (quoted or isinstance(read_12(text), str)):
        parsed = parse_phone(text)
        if parsed is not None and (parsed.display != text or not isinstance(value, DoubleQuotedScalarString)):
            changes.kinds.add("phone numbers")
            return DoubleQuotedScalarString(parsed.display)
        return value
    if quoted:
        return value
    meaning = read_12(text)
    if isinstance(meaning, str):
        if misread(text):
            changes.kinds.add("quotes")
            return DoubleQuotedScalarString(text)
        return value
    if isinstance(meaning, (int, float)) and not isinstance(meaning, bool):
        is_text, other = read_11(text)
        if is_text or not _same_number(meaning, other):
            changes.kinds.add("numbers")
            return number_text(meaning)  # plain text that both readers read as this number
    return value


# ---------------------------------------------------------------- one file


@dataclass
class Result:
    path: Path
    display: str
    before: str
    after: str
    changes: list[str]
    problems: list[Problem]

    @property
    def changed(self) -> bool:
        return self.after != self.before


def _meaning(data: Any, path: tuple[str | int, ...] = ()) -> Any:
    """The data as the site uses it: phone numbers compared by what they dial."""
    if isinstance(data, dict):
        return {k: _meaning(v, (*path, k)) for k, v in data.items()}
    if isinstance(data, list):
        return [_meaning(v, (*path, i)) for i, v in enumerate(data)]
    if isinstance(data, str) and _is_phone_number(path):
        parsed = parse_phone(data)
        return ("phone", parsed.key) if parsed else data
    if isinstance(data, float) and math.isnan(data):
        return "nan"
    return data


# ---------------------------------------------------------------- comments, flow collections, `...`


@lru_cache(maxsize=4)
def _spans(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[yaml.Node, ...]]:
    """Where every scalar stands in the text, and every flow collection, outermost first.
    Kept for the last few texts: fix reads the comments of a file before and after, and for a
    file already as fix writes it they are the same text (reading it again took a quarter of
    fix's time). Callers share what is kept: its nodes are read, never changed."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    scalars: list[tuple[int, int]] = []
    flows: list[yaml.Node] = []
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            scalars.append((node.start_mark.index, node.end_mark.index))
            continue
        if node.flow_style:
            flows.append(node)
        children = [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else node.value
        stack.extend(reversed(children))
    return tuple(sorted(scalars)), tuple(flows)


def _comment_starts(text: str, scalars: Sequence[tuple[int, int]]) -> list[int]:
    """The index of every `#` that starts a comment: outside scalars, a `#` can be nothing else."""
    starts: list[int] = []
    spans = iter(scalars)
    begin, end = next(spans, (len(text), len(text)))
    index = 0
    while index < len(text):
        if index >= begin:
            index = max(index, end)
            begin, end = next(spans, (len(text), len(text)))
        elif text[index] == "#":
            starts.append(index)
            newline = text.find("\n", index)
            index = len(text) if newline < 0 else newline
        else:
            index += 1
    return starts


def comments(text: str) -> list[str]:
    """Every comment of a YAML text, as written after the `#`, in order."""
    scalars, _ = _spans(text)
    found = []
    for start in _comment_starts(text, scalars):
        newline = text.find("\n", start)
        found.append(text[start + 1 : len(text) if newline < 0 else newline].strip())
    return found


_DOCUMENT_END = re.compile(r"^\.\.\.(?:[ \t].*)?$", re.MULTILINE)


def _split_document_end(text: str) -> tuple[str, str]:
    """(the document, the `...` line and the comments after it), kept as written."""
    match = _DOCUMENT_END.search(text)
    if match is None:
        return text, ""
    tail = text[match.start() :]
    if any(ln.strip() and not ln.lstrip().startswith("#") for ln in tail.splitlines()[1:]):
        raise ValueError(tell("fix.after-document-end"))
    return text[: match.start()], tail


def _scalar_text(value: Any) -> str:
    """A fixed scalar as YAML text: double-quoted (a JSON string is one) or plain."""
    if isinstance(value, DoubleQuotedScalarString):
        return json.dumps(str(value), ensure_ascii=False)
    return str(value)


def _fix_in_place(
    node: yaml.Node, value: Any, schema_node: dict[str, Any] | None, path: tuple[str | int, ...], changes: _Changes
) -> list[tuple[int, int, str]]:
    """Replacements (start, end, text) for the scalars of a flow collection kept as written."""
    if isinstance(node, yaml.ScalarNode):
        fixed = _fixed(value, schema_node, path, changes)
        return [] if fixed is value else [(node.start_mark.index, node.end_mark.index, _scalar_text(fixed))]
    edits: list[tuple[int, int, str]] = []
    if isinstance(node, yaml.MappingNode) and isinstance(value, CommentedMap):
        for key_node, value_node in node.value:
            key = key_node.value
            edits += _fix_in_place(value_node, value[key], child_schema(schema_node, key), (*path, key), changes)
    elif isinstance(node, yaml.SequenceNode) and isinstance(value, CommentedSeq):
        for index, item in enumerate(node.value):
            edits += _fix_in_place(item, value[index], child_schema(schema_node, 0), (*path, index), changes)
    return edits


def _kept_flows(text: str, data: CommentedMap, changes: _Changes) -> dict[str, tuple[int, str]]:
    """Flow collections with comments inside, which ruamel.yaml would drop on writing.

    Each is taken out of `data` and replaced by a placeholder; what comes back is the
    placeholder's text as written (its scalars fixed in place, its keys in the order
    written) with the column it started at.
    """
    scalars, flows = _spans(text)
    starts = _comment_starts(text, scalars)
    kept: dict[str, tuple[int, str]] = {}
    inside: list[tuple[int, int]] = []
    for node in flows:
        begin, end = node.start_mark.index, node.end_mark.index
        if any(b <= begin < e for b, e in inside) or not any(begin < c < end for c in starts):
            continue
        inside.append((begin, end))
        path = _path_to(data, node.start_mark.line, node.start_mark.column)
        if not path:
            line = node.start_mark.line + 1
            raise ValueError(tell("fix.flow-at-line", line=line))
        parent: Any = data
        schema_node: dict[str, Any] | None = schema()
        for step in path:
            schema_node = child_schema(schema_node, step)
        for step in path[:-1]:
            parent = parent[step]
        edits = _fix_in_place(node, parent[path[-1]], schema_node, path, changes)
        written = text
        for b, e, new in sorted(edits, reverse=True):
            written = written[:b] + new + written[e:]
        shift = sum(len(new) - (e - b) for b, e, new in edits)
        placeholder = f"KEPT-FLOW-{len(kept)}-{id(data):x}"
        kept[placeholder] = (node.start_mark.column, written[begin : end + shift])
        parent[path[-1]] = placeholder
    return kept


def _path_to(node: Any, line: int, column: int, path: tuple[str | int, ...] = ()) -> tuple[str | int, ...] | None:
    """The path of the value of `data` that starts at (line, column), from ruamel.yaml's positions."""
    if isinstance(node, CommentedMap):
        items: Iterator[tuple[Any, Any]] = iter(node.items())
        position = node.lc.value
    elif isinstance(node, CommentedSeq):
        items = enumerate(node)
        position = node.lc.item
    else:
        return None
    for key, value in items:
        try:
            if tuple(position(key)) == (line, column):
                return (*path, key)
        except (KeyError, IndexError, TypeError):
            pass
        found = _path_to(value, line, column, (*path, key))
        if found is not None:
            return found
    return None


def _put_back(text: str, kept: dict[str, tuple[int, str]]) -> str:
    """The flow collections kept as written, in place of their placeholders, indented alike."""
    for placeholder, (column, written) in kept.items():
        at = text.find(placeholder)
        if at < 0 or text.find(placeholder, at + 1) >= 0:
            raise ValueError(tell("fix.flow"))
        new_column = at - (text.rfind("\n", 0, at) + 1)
        shift = " " * max(0, new_column - column)
        written = written.replace("\n", "\n" + shift) if shift else written
        text = text[:at] + written + text[at + len(placeholder) :]
    return text


def fix_text(text: str) -> tuple[str, list[str]]:
    """The normalised text of one listing and what kinds of change were made. Raises ValueError.

    Comments come out as they went in (the modeline may be added): if one would be
    lost or doubled, ValueError, and the file is left as it is.
    """
    rt = round_trip()
    changes = _Changes()
    original = text
    if text and not text.endswith("\n"):
        text += "\n"
    text, tail = _split_document_end(text)
    for _ in range(_MAX_REORDERS):
        moved, data = _reorder_once(text, rt)
        if moved is None:
            break  # `data` is `text` as loaded
        text = moved
        changes.kinds.add("key order")
    else:
        raise ValueError(tell("fix.key-order"))
    if not isinstance(data, CommentedMap):
        raise ValueError(tell("fix.not-mapping"))
    kept = _kept_flows(text, data, changes)
    _fix_values(data, schema(), (), changes)
    out = io.StringIO()
    rt.dump(data, out)
    text = _put_back(out.getvalue(), kept) + tail
    if not text.startswith(MODELINES):
        text = MODELINE + "\n" + text
        changes.kinds.add("modeline")
    before, after = Counter(comments(original)), Counter(comments(text))
    lost, added = before - after, after - before - Counter([MODELINE[1:].strip()])
    if lost or added:
        raise ValueError(tell("fix.comment-lost" if lost else "fix.comment-doubled", comment=next(iter(lost or added))))
    if text != original and not changes.kinds:
        changes.kinds.add("layout")
    order = ["phone numbers", "quotes", "numbers", "key order", "modeline", "layout"]
    return text, [kind for kind in order if kind in changes.kinds]


def fix_file(path: Path) -> Result:
    display = display_path(path)
    before = load_file(path, display)
    raw = path.read_text(encoding="utf-8-sig") if before.ok else ""
    if not before.ok:
        return Result(path, display, raw, raw, [], before.problems)
    try:
        after_text, changes = fix_text(raw)
    except Exception as exc:  # ruamel.yaml may refuse what the validator accepted
        why = exc.args[0] if exc.args and isinstance(exc.args[0], Said) else str(exc)
        return Result(path, display, raw, raw, [], [Problem(display, 1, 1, tell("fix.failed", why=why))])
    if after_text == raw:
        return Result(path, display, raw, raw, [], [])
    check = reload_text(after_text, path, display)
    if check is None or _meaning(check) != _meaning(before.data):
        message = tell("fix.meaning")
        hint = tell("fix.meaning.hint")
        return Result(path, display, raw, raw, [], [Problem(display, 1, 1, message, hint)])
    return Result(path, display, raw, after_text, changes, [])


def reload_text(text: str, path: Path, display: str) -> Any:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        copy.write_text(text, encoding="utf-8")
        loaded = load_file(copy, display)
    return loaded.data if loaded.ok else None


# ---------------------------------------------------------------- command line


def files_to_rewrite(args: argparse.Namespace, lang: str) -> list[Path] | None:
    """The files named on the command line, else every listing; None (said on stderr) if one is missing."""
    import sys

    files = [Path(f) for f in args.files] or sorted((args.data / "centres").glob("*.yaml"))
    missing = [f for f in files if not f.is_file()]
    if missing:
        print(f"error: {tell('fix.no-such-file', file=missing[0]).render(lang)}", file=sys.stderr)
        return None
    return files


def print_diff(display: str, before: str, after: str) -> None:
    import sys

    sys.stdout.writelines(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{display}", f"b/{display}"
        )
    )


def register(sub: argparse._SubParsersAction, default_data: Path) -> None:
    parser = sub.add_parser("fix", help=helptext("fix"), description=helptext("fix.about"))
    parser.add_argument("files", nargs="*", type=Path, help=helptext("fix.files"), metavar=helptext("metavar.file"))
    parser.add_argument(
        "--data", type=Path, default=default_data, help=helptext("data"), metavar=helptext("metavar.folder")
    )
    parser.add_argument("--check", action="store_true", help=helptext("fix.check"))
    parser.add_argument("--diff", action="store_true", help=helptext("fix.diff"))
    parser.add_argument("--format", choices=["text", "github"], default="text", help=helptext("format.github"))
    add_lang_argument(parser)
    parser.set_defaults(run=run)


# What fix changed, as the report names it (tools.yaml).
_KINDS = {
    "phone numbers": "fix.kind.phones",
    "quotes": "fix.kind.quotes",
    "numbers": "fix.kind.numbers",
    "key order": "fix.kind.key-order",
    "modeline": "fix.kind.modeline",
    "layout": "fix.kind.layout",
}


def run(args: argparse.Namespace) -> int:
    import sys

    langs = tuple(args.lang.split("+"))
    lang = langs[0]

    files = files_to_rewrite(args, lang)
    if files is None:
        return 2
    results = [fix_file(f) for f in files]
    problems = [p for r in results for p in r.problems]
    changed = [r for r in results if r.changed]
    write = not (args.check or args.diff)  # --diff shows, and never writes
    for result in changed:
        what = ", ".join(tell(_KINDS[kind]).render(lang) for kind in result.changes)
        if args.diff:
            print_diff(result.display, result.before, result.after)
        if args.check:
            if args.format == "github":
                kinds = ByLang(
                    {one: ", ".join(tell(_KINDS[kind]).render(one) for kind in result.changes) for one in langs}
                )
                notice = Problem(result.display, 1, 1, tell("fix.notice", what=kinds))
                print(
                    notice.as_github(langs).replace("::error ", "::notice ", 1).replace("Listing check", "Formatting")
                )
            else:
                print(f"{result.display}: {tell('fix.would', what=what).render(lang)}")
        elif write:
            result.path.write_text(result.after, encoding="utf-8")
            print(f"{result.display}: {tell('fix.done', what=what).render(lang)}", file=sys.stderr)
        else:
            print(f"{result.display}: {tell('fix.would', what=what).render(lang)}", file=sys.stderr)
    if problems:
        print(format_problems(problems, args.format, args.lang))
    counts = {"files": len(results), "changed": len(changed), "failed": len(problems)}
    print(tell("fix.summary" if write else "fix.summary-check", **counts).render(lang), file=sys.stderr)
    return 1 if problems or (args.check and changed) else 0
