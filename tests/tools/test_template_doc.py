"""schema/template.kk.yaml and template.ru.yaml: the template's comments in Kazakh and Russian,
made from schema/template.yaml and words/<lang>/tools.yaml, and kept up to date."""

from __future__ import annotations

import subprocess
import sys

import yaml

from generator import ROOT
from generator.tools import template_doc

LINES = template_doc.TEMPLATE.read_text(encoding="utf-8").splitlines()


def test_every_prose_comment_of_the_template_has_its_words_in_the_catalogs():
    keys = template_doc.keys(LINES)
    assert len(keys) > 30
    assert all(keys.values()), [text for text, key in keys.items() if not key]


def test_the_english_words_make_the_english_template_again():
    assert template_doc.render("en", LINES) == "\n".join(LINES) + "\n"


def test_the_kazakh_and_russian_templates_are_up_to_date_and_the_same_listing():
    english = yaml.safe_load(template_doc.TEMPLATE.read_text(encoding="utf-8"))
    for lang in template_doc.LANGS:
        text = template_doc.template_path(lang).read_text(encoding="utf-8")
        assert text == template_doc.render(lang, LINES), f"run: python -m generator template --write ({lang})"
        assert yaml.safe_load(text) == english  # only comments differ
        said = [found.text for found in template_doc.prose(text.splitlines())]
        english_prose = [found.text for found in template_doc.prose(LINES)]
        assert len(said) == len(english_prose)
        changed = [a != b for a, b in zip(said, english_prose, strict=True)]
        assert sum(changed) >= len(changed) - 4  # only lists of codes ("voice | text | ...") may stay


def test_the_command_says_when_a_file_is_out_of_date():
    result = subprocess.run(
        [sys.executable, "-m", "generator", "template", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_the_kazakh_and_russian_schemas_give_the_hints_as_hover_text_and_check_the_same():
    import json

    english = json.loads(template_doc.SCHEMA.read_text(encoding="utf-8"))
    for lang in template_doc.LANGS:
        path = template_doc.schema_path(lang)
        assert path.read_text(encoding="utf-8") == template_doc.schema_for(lang), "python -m generator template --write"
        said = json.loads(path.read_text(encoding="utf-8"))
        kind = said["properties"]["kind"]
        assert kind["x-hint"] == english["properties"]["kind"]["x-hint"]  # the rules are the same
        assert kind["description"] != kind["x-hint"] and "helpline" in kind["description"]
        assert said["properties"]["id"]["pattern"] == english["properties"]["id"]["pattern"]
        text = template_doc.template_path(lang).read_text(encoding="utf-8")
        assert text.splitlines()[0] == f"# yaml-language-server: $schema=../../schema/centre.schema.{lang}.json"


def test_fix_keeps_the_modeline_of_a_listing_started_in_kazakh(tmp_path):
    import datetime as dt

    from generator.tools import fix, scaffold

    answers = {
        "id": "almaty-kk",
        "kind": "centre",
        "status": "active",
        "name-kk": "Орталық",
        "name-ru": "Центр",
        "org-kk": "Қор",
        "org-ru": "Фонд",
        "description-kk": "Кеңес береді.",
        "description-ru": "Консультирует.",
        "scope": "local",
        "city": "almaty",
        "services": ["psychological"],
        "phone": ["+7 701 234 5678"],
        "source-title": "Сайт",
        "source-url": "https://example.kz",
        "source-date": "unknown",
        "source-supports": "барлығы",
    }
    cities = {"almaty": {"region": "KZ-75"}}
    text = scaffold.render(scaffold.listing_data(answers, dt.date(2026, 11, 20), cities), dt.date(2026, 11, 20), "kk")
    assert text.startswith("# yaml-language-server: $schema=../../schema/centre.schema.kk.json\n")
    assert "# (міндетті) " in text and "(required)" not in text
    assert fix.fix_text(text) == (text, [])
