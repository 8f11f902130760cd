"""schema/template.kk.yaml and template.ru.yaml: the template's comments in Kazakh and Russian,
made from schema/template.yaml and words/<lang>/tools.yaml, and kept up to date."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
import yaml

from generator import ROOT
from generator.data.validate import validate
from generator.tools import template_doc

LINES = template_doc.TEMPLATE.read_text(encoding="utf-8").splitlines()
CYRILLIC = re.compile("[\u0400-\u04ff]")


def test_every_prose_comment_of_the_template_has_its_words_in_the_catalogs():
    keys = template_doc.keys(LINES)
    assert len(keys) > 30
    assert all(keys.values()), [text for text, key in keys.items() if not key]


def test_the_english_words_make_the_english_template_again():
    assert template_doc.render("en", LINES) == "\n".join(LINES) + "\n"


def _free_text(listing: dict) -> dict:
    """The listing with its free-text example values (a source's title, what it supports) taken out."""
    sources = [{k: v for k, v in source.items() if k not in ("title", "supports")} for source in listing["sources"]]
    return {**listing, "sources": sources}


def test_the_kazakh_and_russian_templates_are_up_to_date_and_the_same_listing():
    english = yaml.safe_load(template_doc.TEMPLATE.read_text(encoding="utf-8"))
    for lang in template_doc.LANGS:
        text = template_doc.template_path(lang).read_text(encoding="utf-8")
        assert text == template_doc.render(lang, LINES), f"run: python -m generator template --write ({lang})"
        listing = yaml.safe_load(text)
        assert _free_text(listing) == _free_text(english)  # the comments and the free-text examples differ
        said = [found.text for found in template_doc.prose(text.splitlines())]
        english_prose = [found.text for found in template_doc.prose(LINES)]
        assert len(said) == len(english_prose)
        changed = [a != b for a, b in zip(said, english_prose, strict=True)]
        assert sum(changed) >= len(changed) - 4  # only lists of codes ("voice | text | ...") may stay


def test_the_free_text_examples_are_in_the_templates_language_and_the_codes_are_not():
    english = yaml.safe_load(template_doc.TEMPLATE.read_text(encoding="utf-8"))
    assert english["sources"][0]["title"] == "Title of the page or article"
    values = {lang: template_doc.example_values(lang) for lang in template_doc.LANGS}
    assert len(values["kk"]) == len(values["ru"]) == 3
    for lang in template_doc.LANGS:
        text = template_doc.template_path(lang).read_text(encoding="utf-8")
        listing = yaml.safe_load(text)
        source = listing["sources"][0]
        for said in (source["title"], source["supports"]):
            assert CYRILLIC.search(said) and not re.search("[A-Za-z]", said), (lang, said)
        assert '# verified_by: "' in text and "Name of the NGO" not in text
        assert all(english in template_doc.TEMPLATE.read_text(encoding="utf-8") for english in values[lang])
        # ids, enum values and field names stay as the schema wants them
        assert (listing["id"], listing["kind"], listing["stay"]["max"]) == ("city-short-name", "shelter", "6 months")


@pytest.mark.parametrize("lang", ["en", "kk", "ru"])
def test_each_template_is_a_valid_listing(lang: str, tmp_path):
    """A template copied as it is (to the file its `id:` names) passes the validator."""
    data = tmp_path / "data"
    (data / "centres").mkdir(parents=True)
    for name in ("cities.yaml", "regions.yaml", "services.yaml"):
        shutil.copy(ROOT / "data" / name, data / name)
    path = template_doc.TEMPLATE if lang == "en" else template_doc.template_path(lang)
    shutil.copy(path, data / "centres" / "city-short-name.yaml")
    report = validate(data)
    assert report.ok and not report.problems, [p.as_text() for p in report.problems]
    assert report.catalogue is not None and [x.id for x in report.catalogue.listings] == ["city-short-name"]


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
