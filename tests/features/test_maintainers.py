"""The maintainers' page: stale listings and regions short of the 2019 official count,
in kk and ru, not in the menu, linked from the contributor guide."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from generator.data.model import Text
from generator.data.validate import validate
from generator.features import maintainers
from generator.site.render import Renderer

from ..conftest import DATA, ROOT, make_data_dir


def test_both_languages_have_the_same_strings():
    assert set(maintainers.STRINGS["kk"]) == set(maintainers.STRINGS["ru"])
    for lang, strings in maintainers.STRINGS.items():
        for key, entry in strings.items():
            # A word that changes with the number is a mapping of its CLDR plural forms.
            for text in entry.values() if isinstance(entry, dict) else [entry]:
                assert text.strip(), (lang, key)
                assert re.findall(r"{\w+}", text) == re.findall(r"{\w+}", maintainers.STRINGS["kk"][key]), key


def test_a_2019_row_is_compared_with_the_sum_of_its_todays_regions(tmp_path: Path):
    """Karaganda Region of 2019 is today Karaganda (KZ-35) and Ulytau (KZ-62)."""
    data = make_data_dir(tmp_path / "data", [DATA / "centres" / "temirtau-korgau.yaml"])
    text = (DATA / "centres" / "temirtau-korgau.yaml").read_text(encoding="utf-8")
    copy = text.replace("id: temirtau-korgau", "id: zhezkazgan-test").replace("region: KZ-35", "region: KZ-62")
    copy = copy.replace("city: temirtau", "city: zhezkazgan")
    copy = re.sub(r'(name:\n  kk: ")', r"\1Сынақ ", copy).replace('  ru: "', '  ru: "Тест ', 1)
    copy = re.sub(r'number: "[^"]+"', 'number: "+7 701 234 5678"', copy)
    (data / "centres" / "zhezkazgan-test.yaml").write_text(copy, encoding="utf-8")
    report = validate(data)
    assert report.ok, [p.as_text() for p in report.errors]

    rows = {c.row.en: c for c in maintainers.coverage(report.catalogue)}
    karaganda = rows["Karaganda Region"]
    assert karaganda.row.today == ("KZ-35", "KZ-62")
    assert [r.code for r in karaganda.regions] == ["KZ-35", "KZ-62"]
    listed = [x for x in report.catalogue.listings if x.region and x.region.code in ("KZ-35", "KZ-62")]
    assert karaganda.centres == len(listed) == 2
    assert karaganda.missing_centres == karaganda.row.centres - 2
    assert rows["Almaty city"].centres == 0 and rows["Almaty city"].short


def test_closed_centres_and_helplines_do_not_count(catalogue):
    for c in maintainers.coverage(catalogue):
        listings = [x for code in c.row.today for x in catalogue.in_region(code)]
        expected = [x for x in listings if x.kind in ("shelter", "centre") and x.status != "closed"]
        assert c.centres == len(expected)
        assert c.shelters == sum(x.kind == "shelter" for x in expected)
    kostanay = next(c for c in maintainers.coverage(catalogue) if "KZ-39" in c.row.today)
    kostanay_listings = catalogue.in_region("KZ-39")
    assert any(x.status == "closed" for x in kostanay_listings)
    assert kostanay.centres == sum(x.status != "closed" for x in kostanay_listings) < len(kostanay_listings)


def test_page_content_in_both_languages(catalogue):
    later = dt.date(2030, 1, 1)  # every real listing is stale by then
    for lang in ("kk", "ru"):
        s = maintainers.STRINGS[lang]
        page = maintainers.page(Renderer(catalogue, lang, today=later))
        assert page.path == "maintainers.md"
        assert '"search": {"exclude": true}' in page.content.replace("search: ", '"search": ')
        assert s["stale_title"] in page.content and s["coverage_title"] in page.content
        assert page.content.count('<a href="../centres/') == len(catalogue.listings)
        short = [c for c in maintainers.coverage(catalogue) if c.short]
        assert page.content.count("<li><p>") == len(short)
        assert catalogue.counts.caveat(lang) in page.content
    fresh = maintainers.page(Renderer(catalogue, "ru", today=dt.date(2026, 11, 22))).content
    assert maintainers.STRINGS["ru"]["stale_none"] in fresh


def test_text_from_data_is_escaped(catalogue):
    first = catalogue.listings[0]
    renamed = dataclasses.replace(first, name=Text(kk='A & B "kk"', ru='A & B "quoted"'))
    copy = dataclasses.replace(catalogue, listings=[renamed, *catalogue.listings[1:]])
    page = maintainers.page(Renderer(copy, "ru", today=dt.date(2030, 1, 1))).content
    assert "A &amp; B &#34;quoted&#34;" in page
    assert 'A & B "quoted"' not in page


def test_built_site_has_the_page_in_both_languages_off_the_menu(built_site: Path):
    for lang, root in (("kk", built_site), ("ru", built_site / "ru")):
        html = (root / "maintainers" / "index.html").read_text(encoding="utf-8")
        assert re.search(rf'<html[^>]* lang="{lang}"', html)
        assert maintainers.STRINGS[lang]["coverage_title"] in html
        home = (root / "index.html").read_text(encoding="utf-8")
        nav = home[home.find('<nav class="md-nav md-nav--primary"') :]
        assert "maintainers/" not in nav.split("</nav>")[0]  # not in the menu
        guide = (root / "contribute" / "index.html").read_text(encoding="utf-8")
        assert 'href="../maintainers/"' in guide  # linked from the guide
        assert 'href="../template.yaml"' in guide
        template = (root / "template.yaml").read_text(encoding="utf-8")
        assert template == (ROOT / "schema" / "template.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_page_lists_the_words_waiting_for_a_native_speaker(catalogue, lang: str):
    """words/review.yaml marks the entries no native speaker has checked yet (issue 19)."""
    from generator.data import catalogs

    content = maintainers.page(Renderer(catalogue, lang)).content
    entries = catalogs.needs_review()
    assert entries and any(e.lang == "kk" for e in entries)
    section = content[content.index('id="review"') : content.index('id="rules"')]
    assert f"({len(entries)})" in section
    for entry in entries:
        assert f"<code>{entry.file}</code> <code>{entry.key}</code>" in section
        assert f'<span lang="{entry.lang}">' in section
    # How to propose a fix: the translators' guide, one folder up from maintainers/.
    assert 'href="../translate/"' in section and (ROOT / "docs" / lang / "translate.md").is_file()
