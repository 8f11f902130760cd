"""A town's other names (data/cities.yaml `aliases`), which search finds it by."""

from __future__ import annotations

from pathlib import Path

from generator.data.validate import validate

from ..conftest import CORPUS, make_data_dir


def test_aliases_are_read_into_the_catalogue(catalogue):
    assert "Усть-Каменогорск" in catalogue.cities["oskemen"].aliases
    assert {"Нур-Султан", "Целиноград", "Акмола"} <= set(catalogue.cities["astana"].aliases)
    assert "Капшагай" in catalogue.cities["konaev"].aliases
    assert all(c.aliases for c in catalogue.cities.values()), "every town has its Latin name at least"


def test_an_alias_that_is_not_a_name_is_reported_with_its_place(tmp_path: Path):
    data = make_data_dir(tmp_path / "data", [CORPUS / "valid" / "almaty-corpus-base.yaml"])
    path = data / "cities.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  aliases: [Almaty, Alma-Ata, Алма-Ата]\n" in text
    path.write_text(text.replace("  aliases: [Almaty, Alma-Ata, Алма-Ата]\n", "  aliases: [Almaty, 12]\n"), "utf-8")
    problems = [p for p in validate(data).errors if p.path.endswith("cities.yaml")]
    assert problems, "a number is not a town's name"
    assert all(p.line > 1 and "12" in p.message for p in problems), problems
