"""Accessibility fixes that live in theme overrides, checked against the installed theme."""

from __future__ import annotations

from pathlib import Path

import material

from ..conftest import ROOT

MATERIAL = Path(material.__file__).parent / "templates"


def test_search_override_differs_from_material_only_by_the_dialog_name():
    ours = (ROOT / "overrides" / "partials" / "search.html").read_text(encoding="utf-8").splitlines()
    theirs = (MATERIAL / "partials" / "search.html").read_text(encoding="utf-8").splitlines()
    ours_body = [line for line in ours if not line.startswith(("{#-", "    (aria-label)", "    checks that"))]
    theirs_body = theirs[3:]
    different = [(a, b) for a, b in zip(ours_body, theirs_body, strict=True) if a != b]
    assert different == [
        (
            '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
            '<div class="md-search" data-md-component="search" role="dialog">',
        )
    ]
