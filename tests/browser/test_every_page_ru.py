"""Every kind of page in Russian: the checks of every_page.py, for this language."""

from __future__ import annotations

import pytest

from .every_page import (  # noqa: F401  (pytest collects what a test module holds)
    test_every_blocking_stylesheet_is_used_by_the_page,
    test_lang_headings_and_no_horizontal_scroll,
    test_no_axe_violations,
    test_no_blocking_script_in_the_head_but_the_themes_own,
    test_page_loads_nothing_from_another_origin,
    test_the_end_of_every_page_clears_quick_exit,
    visit,
)


@pytest.fixture(scope="module")
def lang() -> str:
    return "ru"
