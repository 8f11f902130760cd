"""The maintainers' page (a feature): what needs checking again, and where listings are missing.

- Listings whose sources were last checked more than 12 months ago (the same
  rule as the "may be out of date" note on their pages and the validator's warning).
- The 2019 official count, row by row, against the listings: a 2019 row may
  cover several of today's regions (Karaganda Region is now Karaganda and
  Ulytau), so a row is compared with the sum of its today regions.
- Listings not yet confirmed with the organisation.
- The validator's rules (generator/data/rules/), each with the message it gives on
  its own small bad example, produced by running it (so the example cannot go stale).

Not in the menu; linked from the "how to add or correct a listing" page. The
feature also serves schema/template.yaml, so that the guide can link to it.
"""

# ruff: noqa: E501  (whole sentences in two languages read better unbroken)

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import jinja2
from markupsafe import Markup, escape

from generator import ROOT
from generator.data import catalogs
from generator.data.messages import in_lang
from generator.data.model import Catalogue, Count2019, Lang, Listing, Region, is_stale
from generator.data.rules import RULES, example_messages
from generator.site.i18n import Words, date_text
from generator.site.render import Page, Renderer, front_matter, plain

PAGE = "maintainers.md"
TEMPLATE_FILE = "template.yaml"  # schema/template.yaml, served beside the guide

# The words live in words/kk/maintainers.yaml and words/ru/maintainers.yaml, where a translator edits them.
STRINGS: dict[Lang, dict[str, catalogs.Text]] = catalogs.table("maintainers")

_TEMPLATE = """\
<div class="kz-page kz-maintainers">
<h1>{{ s.title }}</h1>
<p>{{ words("lead", date=today) }}</p>

<section aria-labelledby="stale">
<h2 id="stale">{{ s.stale_title }} ({{ stale | length }})</h2>
{% if stale %}
<p>{{ code(s.stale_lead) }}</p>
<ul class="kz-stale-list">
{% for x, days in stale %}
  <li><a href="../centres/{{ x.id }}/">{{ x.name(lang) }}</a> — {{ words("checked_on", date=date(x.verification.last_checked), days=days, count=days) }} · {{ s.file }} <code>{{ x.path }}</code></li>
{% endfor %}
</ul>
{% else %}
<p>{{ s.stale_none }}</p>
{% endif %}
</section>

<section aria-labelledby="coverage">
<h2 id="coverage">{{ s.coverage_title }} ({{ short | length }})</h2>
{% if counts is none %}
<p>{{ s.counts_unknown }}</p>
{% else %}
<p>{{ s.coverage_lead }}</p>
{% if short %}
<ul class="kz-coverage">
{% for c in short %}
  <li><p>{{ words("row", name=c.row.name(lang)) }} {% for r in c.regions %}<a href="../regions/{{ r.slug }}/">{{ r.name(lang) }}</a>{% if not loop.last %}, {% endif %}{% endfor %}.</p>
  <p>{{ words("row_counts", official=c.row.centres, official_shelter=c.row.with_shelter, listed=c.centres, listed_shelter=c.shelters) }}
  {{ words("row_missing", centres=c.missing_centres, shelters=c.missing_shelters) }}</p></li>
{% endfor %}
</ul>
{% else %}
<p>{{ s.coverage_none }}</p>
{% endif %}
<p class="kz-caveat">{{ counts.caveat(lang) }} {{ words("source", title=counts.source.get("title", "")) }}</p>
{% endif %}
</section>

<section aria-labelledby="unverified">
<h2 id="unverified">{{ s.unverified_title }} ({{ unverified | length }})</h2>
<p>{{ code(words("unverified_lead", n=unverified | length, total=total)) }}</p>
</section>

<section aria-labelledby="review">
<h2 id="review">{{ s.review_title }} ({{ review | length }})</h2>
<p>{{ code(s.review_lead) }} <a href="../translate/">{{ s.review_how }}</a>.</p>
{% if review %}
<ul class="kz-review">
{% for entry in review %}
  <li><code>{{ entry.file }}</code> <code>{{ entry.key }}</code>: <span lang="{{ entry.lang }}">{{ entry.text }}</span></li>
{% endfor %}
</ul>
{% else %}
<p>{{ s.review_none }}</p>
{% endif %}
</section>

<section aria-labelledby="rules">
<h2 id="rules">{{ s.rules_title }} ({{ rules | length }})</h2>
<p>{{ code(s.rules_lead) }}</p>
<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="{{ s.rules_title }}"><div class="md-typeset__table">
<table>
<thead><tr><th scope="col">{{ s.rule }}</th><th scope="col">{{ s.rule_description }}</th><th scope="col">{{ s.rule_scope }}</th><th scope="col">{{ s.rule_example }}</th></tr></thead>
<tbody>
{% for r in rules %}
<tr id="rule-{{ r.id }}"><th scope="row"><code lang="en" translate="no">{{ r.id }}</code></th><td>{{ code(r.description[lang]) }}</td><td>{{ s["scope_" ~ r.scope] }}</td><td>{% for message in r.messages[lang] %}<code lang="{{ lang }}">{{ message }}</code>{% if not loop.last %}<br>{% endif %}{% endfor %}</td></tr>
{% endfor %}
</tbody>
</table>
</div></div>
<p>{{ code(s.rules_other) }}</p>
</section>
</div>
"""


@dataclass(frozen=True)
class Coverage:
    row: Count2019
    regions: tuple[Region, ...]
    centres: int  # listed, not closed, local, kind centre or shelter
    shelters: int

    @property
    def missing_centres(self) -> int:
        return max(0, self.row.centres - self.centres)

    @property
    def missing_shelters(self) -> int:
        return max(0, self.row.with_shelter - self.shelters)

    @property
    def short(self) -> bool:
        return self.missing_centres > 0 or self.missing_shelters > 0


def counts_as_centre(listing: Listing) -> bool:
    """What the 2019 statistics counted: crisis centres, with or without a place to stay, still open."""
    return listing.kind in ("shelter", "centre") and listing.status != "closed" and not listing.is_national


def coverage(catalogue: Catalogue) -> list[Coverage]:
    """Every 2019 row against the listings of all the regions it became."""
    if catalogue.counts is None:
        return []
    out = []
    for row in catalogue.counts.rows:
        listings = [x for code in row.today for x in catalogue.in_region(code) if counts_as_centre(x)]
        regions = tuple(catalogue.regions[code] for code in row.today if code in catalogue.regions)
        out.append(Coverage(row, regions, len(listings), sum(x.kind == "shelter" for x in listings)))
    return out


def stale_listings(catalogue: Catalogue, today: dt.date) -> list[tuple[Listing, int]]:
    found = [
        (x, (today - dt.date.fromisoformat(x.verification.last_checked)).days)
        for x in catalogue.listings
        if is_stale(x, today)
    ]
    return sorted(found, key=lambda item: (-item[1], item[0].id))


@dataclass(frozen=True)
class RuleRow:
    id: str
    description: dict[str, str]
    scope: str
    messages: dict[str, tuple[str, ...]]  # what the rule says about its own bad example, in kk and ru


@cache
def rule_rows() -> tuple[RuleRow, ...]:
    """Every rule of the validator, in the order they run, with the messages of its example."""
    return tuple(
        RuleRow(rule.id, dict(rule.description), rule.scope.value, _said(example_messages(rule))) for rule in RULES
    )


def _said(messages: list[str]) -> dict[str, tuple[str, ...]]:
    """The messages as the validator says them with --lang kk and --lang ru."""
    return {lang: tuple(in_lang(message, lang) for message in messages) for lang in ("kk", "ru")}


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    return env.from_string(_TEMPLATE)


def _code(text: str) -> Markup:
    """Escaped text whose `backticked` parts become <code> (only this module's own strings)."""
    escaped = str(escape(text))
    parts = escaped.split("`")
    return Markup("".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts)))


def page(renderer: Renderer) -> Page:
    lang, catalogue = renderer.lang, renderer.catalogue
    s = STRINGS[lang]
    listings = sorted(catalogue.listings, key=lambda x: x.id)
    body = _template().render(
        s=s,
        lang=lang,
        today=date_text(renderer.today, lang),
        words=Words(lang, STRINGS),
        date=lambda value: date_text(value, lang),
        review=catalogs.needs_review(),
        code=_code,
        stale=stale_listings(catalogue, renderer.today),
        short=[c for c in coverage(catalogue) if c.short],
        counts=catalogue.counts,
        unverified=[x for x in listings if x.verification.status != "verified"],
        total=len(listings),
        rules=rule_rows(),
    )
    meta = front_matter(
        title=plain(s["title"]), description=plain(s["description"]), hide=["toc"], search={"exclude": True}
    )
    return Page(PAGE, meta + body)


def pages(renderer: Renderer) -> list[Page]:
    return [page(renderer)]


def files(catalogue: Catalogue, lang: Lang) -> dict[str, str | bytes]:
    return {TEMPLATE_FILE: (ROOT / "schema" / "template.yaml").read_text(encoding="utf-8")}
