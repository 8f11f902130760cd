"""A listing not checked for 12 months: the validator warns, its page says it may be
out of date in both languages, and the maintainers' page lists it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.build import site
from generator.data.model import STALE_AFTER_DAYS, is_stale
from generator.data.validate import validate
from generator.features import maintainers
from generator.site.i18n import Words, date_text
from generator.site.render import Renderer

from ..conftest import DATA, make_data_dir

CHECKED = dt.date(2025, 1, 10)


def _data(tmp_path: Path, checked: dt.date = CHECKED, fresh: dt.date = CHECKED + dt.timedelta(days=300)) -> Path:
    """A listing checked on `checked`, and the national line 111 checked on `fresh`."""
    folder = make_data_dir(tmp_path / "data")
    for name, date in (("almaty-zhan-saya", checked), ("national-111", fresh)):
        text = (DATA / "centres" / f"{name}.yaml").read_text(encoding="utf-8")
        text, n = re.subn(r"last_checked: \"?[0-9-]+\"?", f'last_checked: "{date.isoformat()}"', text)
        assert n == 1
        (folder / "centres" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_the_boundary_is_twelve_months(tmp_path: Path):
    data = _data(tmp_path)
    on_time = CHECKED + dt.timedelta(days=STALE_AFTER_DAYS)
    late = on_time + dt.timedelta(days=1)

    fresh = validate(data, today=on_time)
    assert fresh.ok and not fresh.problems
    assert not is_stale(next(x for x in fresh.catalogue.listings if x.id == "almaty-zhan-saya"), on_time)

    stale = validate(data, today=late)
    assert stale.ok  # a warning, never an error
    (warning,) = stale.problems
    assert not warning.is_error
    assert warning.path.endswith("almaty-zhan-saya.yaml")
    assert "last checked on 2025-01-10, more than 12 months ago" in warning.message
    text = (data / "centres" / "almaty-zhan-saya.yaml").read_text(encoding="utf-8").splitlines()
    assert text[warning.line - 1].strip().startswith("last_checked:")
    assert is_stale(next(x for x in stale.catalogue.listings if x.id == "almaty-zhan-saya"), late)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_listing_page_says_it_may_be_out_of_date(tmp_path: Path, lang: str):
    data = _data(tmp_path)
    late = CHECKED + dt.timedelta(days=STALE_AFTER_DAYS + 1)
    catalogue = validate(data, today=late).catalogue
    listing = next(x for x in catalogue.listings if x.id == "almaty-zhan-saya")
    other = next(x for x in catalogue.listings if x.id == "national-111")
    note = Words(lang)("stale")
    assert note and note != Words("ru" if lang == "kk" else "kk")("stale")

    renderer = Renderer(catalogue, lang, today=late)
    assert f'<p class="kz-stale">{note}</p>' in renderer.listing(listing).content
    assert "kz-stale" not in renderer.listing(other).content  # checked recently

    earlier = Renderer(catalogue, lang, today=late - dt.timedelta(days=1))
    assert "kz-stale" not in earlier.listing(listing).content

    page = maintainers.page(renderer).content
    assert 'href="../centres/almaty-zhan-saya/"' in page
    assert "centres/national-111/" not in page.split('id="coverage"')[0]


def test_built_site_shows_the_note_in_both_languages(tmp_path: Path):
    """A real build (today's date): a listing checked in 2020 is stale on both sites."""
    data = _data(tmp_path, dt.date(2020, 2, 3), dt.date.today())
    out = tmp_path / "site"
    site.build(data, out, strict=True, parallel=False)
    for lang, root in (("kk", out), ("ru", out / "ru")):
        page = (root / "centres" / "almaty-zhan-saya" / "index.html").read_text(encoding="utf-8")
        assert re.search(rf'<html[^>]* lang="{lang}"', page)
        assert Words(lang)("stale") in page
        fresh = (root / "centres" / "national-111" / "index.html").read_text(encoding="utf-8")
        assert Words(lang)("stale") not in fresh
        listing_page = (root / "maintainers" / "index.html").read_text(encoding="utf-8")
        checked = date_text("2020-02-03", lang)  # as the page writes dates: "3 февраля 2020 г."
        assert checked in listing_page and 'href="../centres/almaty-zhan-saya/"' in listing_page
