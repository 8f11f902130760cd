"""`python -m generator migrate-channels`: turn a listing's old `contacts.phones` into `channels`.

Re-runnable: a file without `phones` is left as it is, so it can run again on every listing
after other branches merge listings in the old form. Each phone becomes one channel in the same
place: its `type` becomes `kind` (text -> sms), its number stays exactly as written, its
description and every other key stay; the listing's own `hours` and `languages` are copied (they
were the only hours and languages the file gave); cost, source and who hears become unknown,
since the file never said them (generator/data/channels.py `channels_from_phones`, the reading
the site uses for a file not yet migrated, says the same). Comments and the order of everything
else stay as written. Before a file is written it is read again with the validator's loader: its
data must be exactly the old data with the phones read as channels, and its comments the same;
if not, nothing is written.
"""

from __future__ import annotations

import argparse
import copy
import io
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.data.channels import KIND_OF_PHONE_TYPE, WHO_HEARS, channels_from_phones
from generator.data.messages import Said, add_lang_argument, helptext, tell
from generator.data.problems import Problem, format_problems
from generator.data.validate import display_path
from generator.data.yamlload import load_file
from generator.tools.fix import (  # one YAML round trip and one command line for both tools
    comments,
    files_to_rewrite,
    print_diff,
    reload_text,
    round_trip,
)


@dataclass
class Migration:
    path: Path
    display: str
    before: str
    after: str
    problems: list[Problem]

    @property
    def changed(self) -> bool:
        return self.after != self.before


def expected(data: dict[str, Any]) -> dict[str, Any]:
    """The data of a listing once migrated: `phones` read as channels, in the same place."""
    out = copy.deepcopy(data)
    contacts = out.get("contacts")
    if not isinstance(contacts, dict) or "phones" not in contacts:
        return out
    contacts["channels"] = channels_from_phones(data)
    del contacts["phones"]
    return out


def _bare_copy(node: Any) -> Any:
    """A copy written as the original is (quotes, flow or block), without its comments: those
    stay where they were, once."""
    if isinstance(node, CommentedMap):
        out: Any = CommentedMap((k, _bare_copy(v)) for k, v in node.items())
    elif isinstance(node, CommentedSeq):
        out = CommentedSeq(_bare_copy(v) for v in node)
    else:
        return node  # scalars, ScalarString keeps its quotes
    if node.fa.flow_style():
        out.fa.set_flow_style()
    return out


def _deepest_last(node: CommentedMap) -> tuple[CommentedMap, Any]:
    """The mapping and key that hold what stands after a mapping's last value (comments, blank lines)."""
    key = list(node)[-1]
    while isinstance(node[key], CommentedMap) and node[key]:
        node = node[key]
        key = list(node)[-1]
    return node, key


def _channel(phone: CommentedMap, doc: CommentedMap) -> CommentedMap:
    """One phone as a channel, changed in place so that its comments stay with its keys, and what
    followed its last line (a comment, a blank line) still follows the channel's last line."""
    holder, last = _deepest_last(phone)
    trailing = holder.ca.items.pop(last, None)
    phone.insert(0, "kind", KIND_OF_PHONE_TYPE.get(phone["type"], phone["type"]))
    if "type" in phone.ca.items:
        phone.ca.items["kind"] = phone.ca.items.pop("type")
    del phone["type"]
    for key, value in (("hours", doc.get("hours", "unknown")), ("languages", doc.get("languages", "unknown"))):
        if key not in phone:
            phone[key] = _bare_copy(value)
    phone.setdefault("cost", "unknown")
    phone.setdefault("source", "unknown")
    if "who_hears" not in phone:
        phone["who_hears"] = CommentedMap((q, "unknown") for q in WHO_HEARS)
    if trailing is not None:
        holder, last = _deepest_last(phone)
        holder.ca.items[last] = trailing
    return phone


def migrate_text(text: str) -> str:
    """The text of one listing with its phones turned into channels (the same text if it has none)."""
    rt = round_trip()
    doc = rt.load(text)
    contacts = doc.get("contacts") if isinstance(doc, CommentedMap) else None
    if not isinstance(contacts, CommentedMap) or "phones" not in contacts:
        return text
    phones = contacts["phones"]
    channels = CommentedSeq(_channel(p, doc) for p in phones)
    channels.fa.set_flow_style() if phones.fa.flow_style() else channels.fa.set_block_style()
    channels._yaml_comment = phones.ca  # comments inside the list move with it
    position = list(contacts).index("phones")
    contacts.insert(position, "channels", channels)
    if "phones" in contacts.ca.items:
        contacts.ca.items["channels"] = contacts.ca.items.pop("phones")
    del contacts["phones"]
    out = io.StringIO()
    rt.dump(doc, out)
    return out.getvalue()


def migrate_file(path: Path) -> Migration:
    display = display_path(path)
    loaded = load_file(path, display)
    raw = path.read_text(encoding="utf-8-sig") if loaded.ok else ""
    if not loaded.ok:
        return Migration(path, display, raw, raw, loaded.problems)
    try:
        after = migrate_text(raw)
    except Exception as exc:  # ruamel.yaml may refuse what the validator accepted
        why = exc.args[0] if exc.args and isinstance(exc.args[0], Said) else str(exc)
        return Migration(path, display, raw, raw, [Problem(display, 1, 1, tell("migrate.failed", why=why))])
    if after == raw:
        return Migration(path, display, raw, raw, [])
    check = reload_text(after, path, display)
    if check != expected(loaded.data) or Counter(comments(after)) != Counter(comments(raw)):
        problem = Problem(display, 1, 1, tell("migrate.would-change"), tell("migrate.would-change.hint"))
        return Migration(path, display, raw, raw, [problem])
    return Migration(path, display, raw, after, [])


def register(sub: argparse._SubParsersAction, default_data: Path) -> None:
    parser = sub.add_parser("migrate-channels", help=helptext("migrate"), description=helptext("migrate.about"))
    parser.add_argument("files", nargs="*", type=Path, help=helptext("fix.files"), metavar=helptext("metavar.file"))
    parser.add_argument(
        "--data", type=Path, default=default_data, help=helptext("data"), metavar=helptext("metavar.folder")
    )
    parser.add_argument("--check", action="store_true", help=helptext("fix.check"))
    parser.add_argument("--diff", action="store_true", help=helptext("fix.diff"))
    add_lang_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    lang = args.lang.split("+")[0]
    files = files_to_rewrite(args, lang)
    if files is None:
        return 2
    results = [migrate_file(f) for f in files]
    changed = [r for r in results if r.changed]
    problems = [p for r in results for p in r.problems]
    write = not (args.check or args.diff)
    for result in changed:
        if args.diff:
            print_diff(result.display, result.before, result.after)
        elif write:
            result.path.write_text(result.after, encoding="utf-8")
            print(f"{result.display}: {tell('migrate.done').render(lang)}", file=sys.stderr)
        else:
            print(f"{result.display}: {tell('migrate.would').render(lang)}")
    if problems:
        print(format_problems(problems, "text", args.lang))
    counts = {"files": len(results), "changed": len(changed), "failed": len(problems)}
    print(tell("migrate.summary" if write else "migrate.summary-check", **counts).render(lang), file=sys.stderr)
    return 1 if problems or (args.check and changed) else 0
