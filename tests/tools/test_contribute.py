"""The contributor guide: kk and ru pages with the same sections, and the list of
every field, generated from the schema, kept in step with it."""

from __future__ import annotations

import re
from pathlib import Path

from generator.data.schema_check import load_schema
from generator.tools import fields_doc

from ..conftest import ROOT, run_cli_here


def _enums(node: object) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        found |= {str(v) for v in node.get("enum", [])}
        for value in node.values():
            found |= _enums(value)
    elif isinstance(node, list):
        for value in node:
            found |= _enums(value)
    return found


def test_every_schema_field_has_a_meaning_in_both_languages_and_no_more():
    paths = [f.path for f in fields_doc.fields()]
    assert len(paths) == len(set(paths))
    assert set(paths) == set(fields_doc.MEANING)
    for path, words in fields_doc.MEANING.items():
        assert set(words) == {"kk", "ru"} and all(w.strip() for w in words.values()), path
    assert set(fields_doc.WORDS["kk"]) == set(fields_doc.WORDS["ru"])


def test_the_guide_pages_hold_the_current_list():
    for lang in ("kk", "ru"):
        page = fields_doc.docs_path(lang).read_text(encoding="utf-8")
        block = fields_doc.reference(lang)
        assert fields_doc.replace_block(page, block) == page, (
            f"docs/{lang}/contribute.md is out of date: run python -m generator fields --write"
        )


def test_the_list_says_what_is_required_and_every_allowed_value():
    schema = load_schema()
    for lang in ("kk", "ru"):
        text = fields_doc.reference(lang)
        for value in _enums(schema):
            assert f"`{value}`" in text, (lang, value)
        words = fields_doc.WORDS[lang]
        lines: dict[str, str] = {}  # the first field of each name (a channel has an `address` too)
        for ln in text.splitlines():
            if "**`" in ln:
                lines.setdefault(re.search(r"\*\*`([^`]+)`\*\*", ln).group(1), ln)
        assert f"*{words['required']}*" in lines["id"]
        assert f"*{words['optional']}*" in lines["alternate_name"]
        assert "`scope: local`" in lines["location"] and words["absent_unless"] in lines["location"]
        assert "`kind: shelter`" in lines["stay"] and "`kind: shelter`" in lines["places"]
        assert "`kind: shelter`" in lines["address"]  # never for a shelter
        assert "`status: verified`" in lines["verified_on"] and "`status: verified`" in lines["verified_by"]
        assert words["one_of"] in lines["url"] and words["one_of"] in lines["document"]
        assert "`KZ-75`" in lines["region"] and "`domestic_violence`" in lines["services"]


def test_kazakh_and_russian_guides_have_the_same_sections_and_links():
    def shape(lang: str) -> tuple[list[str], list[str]]:
        text = fields_doc.docs_path(lang).read_text(encoding="utf-8")
        ids = re.findall(r"^##+ .*\{#([\w-]+)\}$", text, re.M)
        links = re.findall(r"\]\(([^)]+)\)", text.split(fields_doc.BEGIN)[0])
        return ids, links

    kk, ru = shape("kk"), shape("ru")
    assert kk == ru
    ids, links = kk
    assert {"safety", "edit", "add", "after", "which-sources", "verification", "issues", "local", "fields"} <= set(ids)
    assert "maintainers.md" in links and "template.yaml" in links
    for link in links:
        if link.startswith("#"):
            assert link[1:] in ids, link


def test_contributing_links_to_both_guides_and_the_template():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(((?!https?:|#)[^)]+)\)", text):
        assert (ROOT / target).exists(), target
    assert "docs/kk/contribute.md" in text and "docs/ru/contribute.md" in text
    assert "schema/template.yaml" in text


def test_fields_command_checks_and_prints(tmp_path: Path):
    import subprocess
    import sys

    check = subprocess.run(
        [sys.executable, "-m", "generator", "fields", "--check"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert check.returncode == 0, check.stderr
    printed = run_cli_here("fields", "--lang", "ru")
    assert printed.stdout == fields_doc.reference("ru")
