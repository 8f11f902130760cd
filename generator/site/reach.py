"""How to reach a listing, as its page shows it: a button per channel, the trace each leaves,
its hours (plain text; reach-now.js says "answers now" on the device), who hears, the next
step if nobody answers, and a way to report a problem without a GitHub account.

Everything here is a link or text: nothing loads from another origin until the reader taps.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import quote, urlencode

import yaml

from generator import ROOT
from generator.data import catalogs
from generator.data.channels import WHO_HEARS, Channel, href
from generator.data.hours import WEEKDAYS
from generator.data.model import NOT_WORKING, Catalogue, Lang, Listing, distance_km
from generator.site.i18n import Words

# The words live in words/kk/reach.yaml and words/ru/reach.yaml.
STRINGS: dict[Lang, dict[str, str]] = catalogs.table("reach")
NATIONAL_LINES = ("150", "111", "112")  # the next step from every listing, in this order
# The kinds a reader messages rather than calls; their trace is the chat or the letter.
TRACE_KINDS = ("voice", "sms", "whatsapp", "telegram", "web", "email")


class ReachWords(Words):
    def __init__(self, lang: Lang):
        super().__init__(lang, STRINGS)

    def for_script(self) -> str:
        """The words reach-now.js shows, as JSON for a data attribute."""
        keys = ["now_open", "now_closed", "now_opens", "now_247", "now_unknown"] + [f"day_{d}" for d in WEEKDAYS]
        return json.dumps({key: self.strings[key] for key in keys}, ensure_ascii=False)


@dataclass(frozen=True)
class ChannelView:
    channel: Channel
    label: str
    href: str | None
    display: str
    trace: str | None
    hours_text: str
    hours_json: str  # for reach-now.js: "24/7", "unknown" or the periods
    languages: str
    cost: str
    who: list[str]


def hours_text(hours: str | tuple[dict[str, Any], ...], w: ReachWords, day_word: Words) -> str:
    """The hours as plain text, the same without JavaScript."""
    if hours == "24/7":
        return w("hours_247")
    if isinstance(hours, str):
        return w("hours_unknown")
    periods = []
    for period in hours:
        days = ", ".join(day_word(f"day_{d}") for d in period["days"])
        periods.append(f"{days} {period['opens']}–{period['closes']}")
    return "; ".join(periods) + f" ({w('hours_tz')})"


def channel_view(channel: Channel, lang: Lang, site_words: Words) -> ChannelView:
    w = ReachWords(lang)
    languages = (
        w("languages_unknown")
        if isinstance(channel.languages, str)
        else ", ".join(
            site_words(f"lang_{code}") if f"lang_{code}" in site_words.strings else code for code in channel.languages
        )
    )
    return ChannelView(
        channel=channel,
        label=w(f"kind_{channel.kind}"),
        href=href(channel),
        display=channel.display,
        trace=w(f"trace_{channel.kind}") if channel.kind in TRACE_KINDS else None,
        hours_text=hours_text(channel.hours, w, site_words),
        hours_json=json.dumps(channel.hours_list, ensure_ascii=False, separators=(",", ":")),
        languages=languages,
        cost=w(f"cost_{channel.cost}"),
        who=[w(f"{q}_{channel.heard(q).answer}") for q in WHO_HEARS],
    )


def nearest_other(listing: Listing, catalogue: Catalogue) -> Listing | None:
    """The nearest other listing of the same kind that one can turn to: by the distance between
    town centres (the only places the directory knows); for a national line, another national one."""
    others = [
        x for x in catalogue.listings if x.kind == listing.kind and x.id != listing.id and x.status not in NOT_WORKING
    ]
    if listing.is_national or listing.city is None:
        national = sorted((x for x in others if x.is_national), key=lambda x: x.id)
        return national[0] if national else None
    here = listing.city
    placed = [x for x in others if x.city is not None]
    if not placed:
        return None
    return min(placed, key=lambda x: (distance_km(here, x.city), x.id))  # type: ignore[arg-type]


def national_lines(catalogue: Catalogue) -> list[Listing]:
    """The listings of 150, 111 and 112, in that order (those the data has)."""
    by_tel = {}
    for x in catalogue.listings:
        if x.is_national and x.contacts.phones and x.status not in NOT_WORKING:
            by_tel.setdefault(x.contacts.phones[0].tel, x)
    return [by_tel[tel] for tel in NATIONAL_LINES if tel in by_tel]


# ---------------------------------------------------------------- report a problem


@cache
def report_config() -> dict[str, str]:
    """extra.report of mkdocs.yml: the maintainers' e-mail, WhatsApp number and issue form.
    Read as plain data (the file's !ENV and python tags read as nothing)."""

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    report = (config.get("extra") or {}).get("report") or {}
    return {key: str(value) for key, value in report.items() if value}


def report_links(listing: Listing, lang: Lang) -> list[tuple[str, str]]:
    """(words, href) of each way to report a problem with the listing: her own mail or messenger
    opens with the message written; the site sends nothing."""
    w = ReachWords(lang)
    config = report_config()
    name = listing.name(lang)
    subject = w("report_subject", name=name)
    body = w("report_body", name=name, id=listing.id)
    links = []
    if config.get("email"):
        query = urlencode({"subject": subject, "body": body}, quote_via=quote)
        links.append((w("report_email"), f"mailto:{config['email']}?{query}"))
    if config.get("whatsapp"):
        digits = "".join(ch for ch in config["whatsapp"] if ch.isdigit())
        links.append((w("report_whatsapp"), f"https://wa.me/{digits}?text={quote(subject + chr(10) + body)}"))
    if config.get(f"issue_form_{lang}"):
        # The form's "which listing?" answer is the listing's id: what from-issue reads as its file.
        query = urlencode({"title": subject, "listing": listing.id}, quote_via=quote)
        links.append((w("report_github"), f"{config[f'issue_form_{lang}']}&{query}"))
    return links
