"""End to end: the real data built into a temporary folder, read back as HTML, both languages."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest

from generator.site.i18n import Words, date_text
from generator.site.render import stay_text

from ..conftest import DATA, PROJECT_SITE_URL, ROOT, make_data_dir

LANGS = {"kk": "", "ru": "ru/"}


def page(site: Path, lang: str, url: str) -> str:
    return (site / LANGS[lang] / url / "index.html").read_text(encoding="utf-8")


def text_of(markup: str) -> str:
    """The visible words of the article, with tags stripped and entities decoded."""
    article = re.search(r'<article class="md-content__inner.*</article>', markup, re.S)
    body = article.group(0) if article else markup
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def links(markup: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', markup)


def cards(markup: str) -> list[str]:
    """Where each listing's card on a page links: its heading's link (`.kz-card [id^=card-] > a`)."""
    return re.findall(r'<article class="kz-card"[^>]*>\s*<h\d id="card-[^"]*"[^>]*><a href="([^"]+)"', markup)


def test_every_listing_file_has_a_page_in_both_languages(built_site: Path, catalogue):
    files = sorted(p.stem for p in (DATA / "centres").glob("*.yaml"))
    assert files == sorted(x.id for x in catalogue.listings), "no listing silently dropped"
    for lang in LANGS:
        pages = sorted(p.name for p in (built_site / LANGS[lang] / "centres").iterdir())
        assert pages == files


@pytest.mark.parametrize("lang", LANGS)
def test_listing_page_shows_contact_stay_and_region(built_site: Path, catalogue, lang: str):
    t = Words(lang)
    # A listing without a phone gives every national helpline as a button (both of them, 150 and 111).
    helplines = [x for x in catalogue.national if x.kind == "helpline" and x.status == "active"]
    assert {h.contacts.phones[0].tel for h in helplines} >= {"150", "111"}
    without_phone = 0
    for x in catalogue.listings:
        markup = page(built_site, lang, f"centres/{x.id}")
        words = text_of(markup)
        assert f'<html lang="{lang}"' in markup
        assert x.name(lang) in words
        if x.contacts.phones:
            for phone in x.contacts.phones:
                assert f'href="tel:{phone.tel}"' in markup, (x.id, phone)
        else:
            without_phone += 1
            assert x.contacts.how_to_reach(lang) in words, x.id
            for h in helplines:
                assert f'href="tel:{h.contacts.phones[0].tel}"' in markup, (x.id, h.id)
        if x.stay:
            assert stay_text(x, t) in words, x.id
        if x.region:
            assert f"../../regions/{x.region.slug}/" in links(markup), x.id
            assert x.region.name(lang) in words and x.city.name(lang) in words
        else:
            assert t("where_national") in words
        # The date with the month's name (CLDR, through Babel); its no-break spaces read as spaces.
        checked = t("last_checked", date=date_text(x.verification.last_checked, lang))
        assert re.sub(r"\s+", " ", checked) in re.sub(r"\s+", " ", words), x.id
        for source in x.sources:
            assert html.unescape(source.title) in words
    assert without_phone >= 1, "the real data has listings without a phone: that branch ran"


@pytest.mark.parametrize("lang", LANGS)
def test_every_region_has_a_page_with_its_listings_and_the_2019_count(built_site: Path, catalogue, lang: str):
    assert len(catalogue.regions) == 20
    for region in catalogue.regions.values():
        markup = page(built_site, lang, f"regions/{region.slug}")
        words = text_of(markup)
        local = catalogue.in_region(region.code)
        assert sorted(cards(markup)) == sorted(f"../../centres/{x.id}/" for x in local), region.code
        if not local:
            assert Words(lang)("none_in_region") in words
        for x in catalogue.national:
            if x.kind in ("helpline", "emergency") and x.status == "active":
                assert f"../../centres/{x.id}/" in links(markup)
        assert catalogue.counts.caveat(lang) in words
        official = catalogue.counts.for_region(region.code)
        if official:
            assert str(official.centres) in words


@pytest.mark.parametrize("lang", LANGS)
def test_every_listing_is_on_the_page_of_each_of_its_needs(built_site: Path, catalogue, lang: str):
    from generator.site.render import need_slug

    for service in catalogue.services.values():
        if service.need:
            listed = cards(page(built_site, lang, f"needs/{need_slug(service)}"))
            offering = [x for x in catalogue.listings if service in x.services]
            assert sorted(listed) == sorted(f"../../centres/{x.id}/" for x in offering), service.key


@pytest.mark.parametrize("lang", LANGS)
def test_home_puts_emergency_numbers_first_as_tap_to_call(built_site: Path, catalogue, lang: str):
    markup = page(built_site, lang, "")
    body = markup[markup.index('class="md-content"') :]
    first_call = body.index('href="tel:')
    assert first_call < body.index("regions/"), "numbers come before finding help by region"
    for number in ("112", "102", "150", "111"):
        assert f'href="tel:{number}"' in markup
    for region in catalogue.regions.values():
        assert f"regions/{region.slug}/" in links(markup)


def test_language_switch_lands_on_the_same_page(built_site: Path, catalogue):
    x = catalogue.listings[0]
    kk = page(built_site, "kk", f"centres/{x.id}")
    ru = page(built_site, "ru", f"centres/{x.id}")
    assert f'class="kz-lang" href="../../ru/centres/{x.id}/" hreflang="ru"' in kk
    assert f'class="kz-lang" href="../../../centres/{x.id}/" hreflang="kk"' in ru
    assert 'class="kz-lang" href="./ru/"' in page(built_site, "kk", "")


def test_hand_written_pages_exist_in_both_languages(built_site: Path):
    kk = sorted(p.name for p in (ROOT / "docs" / "kk").glob("*.md"))
    ru = sorted(p.name for p in (ROOT / "docs" / "ru").glob("*.md"))
    assert kk == ru
    for name in kk:
        for lang in LANGS:
            assert f'<html lang="{lang}"' in page(built_site, lang, name.removesuffix(".md"))


def test_generated_pages_are_not_in_the_repository():
    for lang in LANGS:
        for folder in ("centres", "regions", "needs"):
            assert not (ROOT / "docs" / lang / folder).exists()
        assert not (ROOT / "docs" / lang / "index.md").exists()


def test_kazakh_theme_strings_are_used(built_site: Path):
    markup = page(built_site, "kk", "")
    placeholder = re.search(r'class="md-search__input"[^>]*placeholder="([^"]+)"', markup)
    assert placeholder and placeholder.group(1) == "Іздеу"


@pytest.mark.slow  # builds through MkDocs, which conftest's check for site.build( misses
def test_plain_mkdocs_build_strict_is_clean_and_equals_the_parallel_build(built_site: Path, tmp_path: Path):
    """`mkdocs build --strict` from a checkout builds both languages with no warning, one after
    the other through the hook (as `site.build(parallel=False)` does), and gives the very files
    of the shared build, whose other languages were built in processes of their own. (This
    replaced a second, in-process build made only for that comparison; issue 15.)"""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        # Material's banner about MkDocs 2 ("To disable this warning, set NO_MKDOCS_2_WARNING")
        # is not a build warning; it was silent only after another test had imported Material.
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr
    parallel, sequential = _tree(built_site), _tree(tmp_path / "site")
    assert "index.html" in sequential and "ru/index.html" in sequential
    assert any(name.startswith("ru/centres/") for name in parallel)
    assert sorted(parallel) == sorted(sequential)
    assert [name for name in parallel if parallel[name] != sequential[name]] == []


def test_live_preview_watches_the_data_and_templates():
    """`mkdocs serve` / `python -m generator serve` rebuild when a listing changes."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("hook_under_test", ROOT / "generator" / "build" / "mkdocs_hook.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)

    class Server:
        watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = hook.on_serve(Server(), config={}, builder=None)
    assert str(DATA) in server.watched
    assert str(ROOT / "schema") in server.watched


def test_not_found_page_speaks_each_language_and_gives_the_numbers(built_site: Path):
    for lang, title in (("kk", "Бет табылмады"), ("ru", "Страница не найдена")):
        markup = (built_site / LANGS[lang] / "404.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in markup and f"<h1>{title}</h1>" in markup
        assert "Not found" not in markup
        for number in ("112", "102", "150", "111"):
            assert f'href="tel:{number}"' in markup


def test_hreflang_links_are_absolute_and_point_to_the_same_page(built_site: Path, project_built_site: Path):
    assert 'rel="alternate"' not in page(built_site, "kk", ""), "no relative hreflang links without a site_url"
    assert PROJECT_SITE_URL == "https://example.github.io/kz/"
    for lang in LANGS:
        markup = page(project_built_site, lang, "centres/national-150")
        assert (
            '<link rel="alternate" hreflang="kk" href="https://example.github.io/kz/centres/national-150/">' in markup
        )
        assert (
            '<link rel="alternate" hreflang="ru" href="https://example.github.io/kz/ru/centres/national-150/">'
            in markup
        )


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_parallel_build_leaves_no_partial_folder_and_ru_as_readable(tmp_path: Path):
    from generator.build import languages, site

    stale = tmp_path / "parallel" / f"{languages.PARTIAL_PREFIX}ru-killed"
    stale.mkdir(parents=True)  # what a killed build leaves
    site.build(_few_listings(tmp_path), tmp_path / "parallel", strict=True)
    assert (tmp_path / "parallel" / "ru" / "centres" / "almaty-zhan-saya" / "index.html").is_file()
    assert _beside(tmp_path) == ["few", "parallel"]
    assert [p.name for p in (tmp_path / "parallel").iterdir() if p.name.startswith(".")] == [], "no partial folder"
    mode = (tmp_path / "parallel").stat().st_mode & 0o777
    assert (tmp_path / "parallel" / "ru").stat().st_mode & 0o777 == mode, "ru/ is as readable as the rest"


def _few_listings(tmp_path: Path) -> Path:
    """Real reference data and three real listings: enough for every kind of page, for the tests of
    what a build does with its folders, which do not need the whole directory built again."""
    names = ("national-150", "almaty-zhan-saya", "kostanay-dagdarys")
    return make_data_dir(tmp_path / "few", [DATA / "centres" / f"{name}.yaml" for name in names])


def _beside(folder: Path) -> list[str]:
    """What is in a site folder's parent, but the lock a build keeps beside it (.<name>.lock)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock"))


def _published_site(folder: Path) -> dict[str, bytes]:
    """A stand-in for the site a previous build published."""
    (folder / "ru").mkdir(parents=True)
    (folder / "index.html").write_text("<p>published</p>", encoding="utf-8")
    (folder / "ru" / "index.html").write_text("<p>опубликовано</p>", encoding="utf-8")
    return _tree(folder)


def test_a_build_that_crashes_midway_leaves_the_published_site_as_it_was(tmp_path: Path, monkeypatch):
    """Before: MkDocs cleaned site_dir first, so a crash after the start left it empty."""
    from generator.build import site
    from generator.site import search_index

    published = _published_site(tmp_path / "site")

    def crash(site_dir: Path) -> None:
        raise RuntimeError("a bug in a feature")

    monkeypatch.setattr(search_index, "index_pages", crash)  # runs after the Kazakh pages are written
    with pytest.raises(RuntimeError, match="a bug in a feature"):
        site.build(_few_listings(tmp_path), tmp_path / "site", parallel=False)
    assert _tree(tmp_path / "site") == published
    assert _beside(tmp_path) == ["few", "site"], "the half-made build is removed"


def test_invalid_data_leaves_the_published_site_as_it_was(tmp_path: Path):
    from generator.build import site
    from generator.data.problems import InvalidData

    data = make_data_dir(tmp_path / "data", [DATA / "centres" / "national-150.yaml"])
    listing = data / "centres" / "national-150.yaml"
    listing.write_text(listing.read_text(encoding="utf-8").replace("kind: helpline", "kind: nonsense"), "utf-8")
    published = _published_site(tmp_path / "site")
    with pytest.raises(InvalidData):
        site.build(data, tmp_path / "site")
    assert _tree(tmp_path / "site") == published


def test_a_successful_build_replaces_the_site_whole_and_keeps_its_permissions(tmp_path: Path):
    from generator.build import site

    _published_site(tmp_path / "site")
    (tmp_path / "site" / "stale.html").write_text("old", encoding="utf-8")
    os.chmod(tmp_path / "site", 0o755)
    (tmp_path / ".site.building-killed").mkdir()  # what a killed build leaves beside it
    site.build(_few_listings(tmp_path), tmp_path / "site", parallel=False)
    assert not (tmp_path / "site" / "stale.html").exists()
    assert "published" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert (tmp_path / "site" / "ru" / "centres" / "national-150" / "index.html").is_file()
    assert (tmp_path / "site").stat().st_mode & 0o777 == 0o755
    assert _beside(tmp_path) == ["few", "site"]


def _other_language_fails(tmp_path: Path, monkeypatch, extra: str) -> str:
    """Build with a Russian config that breaks as `extra` says; the BuildFailed message."""
    from generator.build import site

    broken = tmp_path / "mkdocs.broken.yml"
    broken.write_text(f"INHERIT: {ROOT / 'mkdocs.ru.yml'}\ndocs_dir: {ROOT / 'docs' / 'ru'}\n{extra}", encoding="utf-8")
    monkeypatch.setitem(site.CONFIGS, "ru", broken)
    published = _published_site(tmp_path / "site")
    with pytest.raises(site.BuildFailed, match=r"^ru: ") as failure:
        site.build(_few_listings(tmp_path), tmp_path / "site")
    assert _tree(tmp_path / "site") == published, "the site that was there is untouched"
    assert [name for name in _beside(tmp_path) if name.startswith(".")] == [], "no half-made build left"
    return str(failure.value)


def test_a_failing_other_language_fails_the_build_and_leaves_nothing_half_made(tmp_path: Path, monkeypatch, capfd):
    message = _other_language_fails(tmp_path, monkeypatch, "theme:\n  name: no-such-theme\n")
    assert "configuration error" in message
    assert "no-such-theme" in capfd.readouterr().err, "the child says what was wrong"


def test_an_other_language_process_that_dies_fails_the_build_in_plain_words(tmp_path: Path, monkeypatch):
    hook = tmp_path / "die.py"
    hook.write_text("import os\n\n\ndef on_config(config):\n    os._exit(3)\n", encoding="utf-8")
    extra = f"theme:\n  custom_dir: {ROOT / 'overrides'}\nhooks:\n  - {hook}\n"
    message = _other_language_fails(tmp_path, monkeypatch, extra)
    assert message == "ru: the build process ended with exit code 3"


@pytest.mark.parametrize("where", [".", "..", "data", "data/centres/site", "docs/kk", "generator/site", "~", "/"])
def test_a_site_folder_that_holds_or_is_inside_the_sources_is_refused(where: str, tmp_path: Path):
    """Before: `build --site-dir .` replaced the whole checkout with the site and said it was built
    (MkDocs' own check of docs_dir inside site_dir never saw the real folder)."""
    from generator.build import site

    before = sorted(p.name for p in ROOT.iterdir())
    target = Path(os.path.expanduser(where)) if where.startswith(("~", "/")) else ROOT / where
    with pytest.raises(site.BuildFailed, match="would (replace|change)"):
        site.build(DATA, target)
    assert sorted(p.name for p in ROOT.iterdir()) == before
    assert not list(ROOT.glob(".*.building-*")) and not list(ROOT.parent.glob(".*.building-*"))


def test_a_data_folder_inside_the_site_folder_is_refused(tmp_path: Path):
    from generator.build import site

    data = make_data_dir(tmp_path / "site" / "data", [DATA / "centres" / "national-150.yaml"])
    with pytest.raises(site.BuildFailed, match="would replace"):
        site.build(data, tmp_path / "site")
    assert (data / "centres" / "national-150.yaml").is_file()


def test_two_builds_into_one_folder_never_run_at_once(tmp_path: Path):
    """Before: a second build removed the first one's folder as a leftover, and the first then
    published 8 files of 290 and said the site was built."""
    import fcntl

    from generator.build import site

    published = _published_site(tmp_path / "site")
    data = _few_listings(tmp_path)
    with open(tmp_path / ".site.lock", "w") as lock:  # what a running build holds
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(site.BuildFailed, match="another build is writing"):
            site.build(data, tmp_path / "site")
    assert _tree(tmp_path / "site") == published
    site.build(data, tmp_path / "site", parallel=False)  # free again
    assert (tmp_path / "site" / "ru" / "index.html").is_file()


def test_no_reader_page_speaks_of_javascript(built_site: Path):
    """Issue 16, item 15: "JavaScript" is jargon to a reader. Only the partners' page, written
    for the people who run other sites, may name it. The shortlist page said "Без JavaScript …"
    before this test."""
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    said = []
    for path in pages:
        rel = path.relative_to(built_site).as_posix()
        if rel.startswith(("partners/", "ru/partners/", "assets/")):
            continue
        text = re.sub(r"<script\b.*?</script>|<[^>]+>", " ", path.read_text(encoding="utf-8"), flags=re.S)
        if "JavaScript" in text:
            said.append(rel)
    assert said == []
