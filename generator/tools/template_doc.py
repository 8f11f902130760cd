"""schema/template.kk.yaml and schema/template.ru.yaml: the listing template with its comments in
Kazakh and Russian, made from schema/template.yaml and the words in words/<lang>/tools.yaml;
and schema/centre.schema.kk.json and .ru.json, whose `description`s are the schema's hints in
that language (the editor's hover text; each template's modeline names its own).

`python -m generator template --write` writes them; a test fails when they differ from what
this makes, so a change to the English template or to a translation can't be forgotten.

The English template stays the one written by hand. Each prose comment of it is a key
`template.<n>` in tools.yaml, whose English text is the comment word for word: a block of
whole-line comments at one indent, or a comment after a value. A comment that is commented-out
YAML (`# email: info@example.kz`) stays as it is in every language.

An example value that is free text (a source's title, what it supports) is a key
`template.value.<name>` whose English text is the value word for word: the kk and ru templates
show it in their language. Ids, enum values, field names and "..." stay as they are.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator import ROOT
from generator.data.messages import env_lang, helptext, in_lang, tell, words
from generator.data.schema_check import SCHEMA_PATH as SCHEMA
from generator.data.schema_check import schema_hint
from generator.tools.fix import MODELINE

TEMPLATE = ROOT / "schema" / "template.yaml"
LANGS = ("kk", "ru")
# Commented-out YAML: `key:` alone, `key: value` with one short value, or a list item.
_CODE = re.compile(r'^\s*(-\s+)?[a-z_]+:(\s*|\s+("[^"]*"|\[[^\]]*\]|[^\s#"\[]+( [a-z]+)?))(\s+#.*)?$|^\s*-\s+[a-z_]+:')
_LINE_COMMENT = re.compile(r"^(\s*)#( ?)(.*)$")
_TRAILING = re.compile(r'^(\s*[^#\s"][^#"]*?(?:"[^"]*")?[^#"]*?)(\s+)#\s(.*)$')
_INNER = re.compile(r"^(\s*#.*?\S)(\s+)#\s(.*)$")  # commented-out YAML with a comment of its own


@dataclass(frozen=True)
class Prose:
    """A comment to translate: the lines it spans, its indent and its English text."""

    first: int
    last: int
    indent: str
    text: str
    trailing: bool = False
    before: str = ""  # for a trailing comment: the YAML before it, and the spaces


def prose(lines: list[str]) -> Iterator[Prose]:
    """The prose comments of the template, in order (the modeline is not one)."""
    index = 1  # line 0 is the modeline
    while index < len(lines):
        line = lines[index]
        whole = _LINE_COMMENT.match(line)
        if whole and whole.group(3) and not _CODE.match(whole.group(3)):
            indent, start, texts = whole.group(1), index, [whole.group(3)]
            while index + 1 < len(lines):
                nxt = _LINE_COMMENT.match(lines[index + 1])
                if not (nxt and nxt.group(1) == indent and nxt.group(3) and not _CODE.match(nxt.group(3))):
                    break
                index += 1
                texts.append(nxt.group(3))
            yield Prose(start, index, indent, "\n".join(texts))
        elif (trailing := (_INNER if whole else _TRAILING).match(line)) and trailing.group(3):
            yield Prose(index, index, "", trailing.group(3), True, trailing.group(1) + trailing.group(2))
        index += 1


def keys(lines: list[str]) -> dict[str, str]:
    """The English text of each prose comment -> its key in tools.yaml."""
    english = {text: key for key, text in words("tools", "en").items() if key.startswith("template.")}
    return {found.text: english.get(found.text, "") for found in prose(lines)}


def example_values(lang: str) -> dict[str, str]:
    """The free-text example values, as the template quotes them -> as `lang`'s template does
    (a YAML double-quoted string, so a translation can hold any character)."""
    english, said = words("tools", "en"), words("tools", lang)
    return {
        json.dumps(text, ensure_ascii=False): json.dumps(said[key], ensure_ascii=False)
        for key, text in english.items()
        if key.startswith("template.value.")
    }


def render(lang: str, lines: list[str] | None = None) -> str:
    """The template with its prose comments in `lang`."""
    lines = lines if lines is not None else TEMPLATE.read_text(encoding="utf-8").splitlines()
    said = words("tools", lang)
    known = keys(lines)
    out: list[str] = []
    last = -1
    for found in prose(lines):
        out += lines[last + 1 : found.first]
        text = said[known[found.text]] if known[found.text] else found.text
        if found.trailing:
            out.append(f"{found.before}# {text}")
        else:
            out += [f"{found.indent}# {part}".rstrip() for part in text.splitlines()]
        last = found.last
    out += lines[last + 1 :]
    for english, value in example_values(lang).items():
        out = [line.replace(english, value) for line in out]
    if lang != "en" and out and out[0] == MODELINE:  # the hover text in the same language
        out[0] = MODELINE.replace(".json", f".{lang}.json")
    return "\n".join(out) + "\n"


def template_path(lang: str) -> Path:
    return TEMPLATE.with_name(f"template.{lang}.yaml")


def schema_path(lang: str) -> Path:
    return SCHEMA.with_name(f"centre.schema.{lang}.json")


def schema_for(lang: str) -> str:
    """centre.schema.json for an editor who reads `lang`: each `x-hint` also as `description`,
    in that language, which the YAML extension of VS Code shows on hover. The validator reads
    only centre.schema.json; a listing whose modeline names this copy is checked the same."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("x-hint"), str):
                node["description"] = in_lang(schema_hint(node["x-hint"]), lang)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    schema["$id"] = str(schema.get("$id", "")).replace("centre.schema.json", f"centre.schema.{lang}.json")
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def outputs(lines: list[str]) -> dict[Path, str]:
    """Every file this module makes, and what it holds."""
    made = {template_path(lang): render(lang, lines) for lang in LANGS}
    made.update({schema_path(lang): schema_for(lang) for lang in LANGS})
    return made


def register(sub: argparse._SubParsersAction, default_data: Path) -> None:
    parser = sub.add_parser("template", help=helptext("template"), description=helptext("template.about"))
    parser.add_argument("--data", type=Path, default=default_data, help=argparse.SUPPRESS)
    parser.add_argument("--write", action="store_true", help=helptext("template.write"))
    parser.add_argument("--check", action="store_true", help=helptext("template.check"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    lines = TEMPLATE.read_text(encoding="utf-8").splitlines()
    missing = [text for text, key in keys(lines).items() if not key]
    if missing:
        said = tell("tool.template-comment-missing", comment=repr(missing[0]))
        print(f"error: {said.render(env_lang())}", file=sys.stderr)
        return 1
    stale = 0
    for path, text in outputs(lines).items():
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        stale += 1
        if args.write:
            path.write_text(text, encoding="utf-8")
        said = tell("tool.updated" if args.write else "tool.out-of-date", file=path.relative_to(ROOT))
        print(said.render(env_lang()), file=sys.stderr)
    return 1 if stale and args.check else 0
