"""The translators' guide (docs/<lang>/translate.md, issue 19): linked from the editors' guide,
naming every catalog, and the steps to propose a change in the GitHub web editor and see it built."""

from __future__ import annotations

import pytest

from generator import ROOT


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_translators_guide_is_linked_and_names_the_catalogs(lang: str) -> None:
    guide = (ROOT / "docs" / lang / "translate.md").read_text(encoding="utf-8")
    assert "(translate.md)" in (ROOT / "docs" / lang / "contribute.md").read_text(encoding="utf-8")
    names = sorted(p.name for p in (ROOT / "words" / lang).glob("*.yaml"))
    assert names
    for name in names:
        assert f"words/{lang}/{name}" in guide, name
    for step in ("Edit this file", "Propose changes", "Create pull request", "site-preview"):
        assert step in guide, step
    assert "words/terms.yaml" in guide and "words/review.yaml" in guide
