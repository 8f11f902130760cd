"""The order of the "Find help" page without filters, rule by rule (issue 23: a deliberate
small change to finder.page_order went unnoticed: unknown status ranked as active, emergency
lines among the helplines, towns of a region in any order)."""

from __future__ import annotations

import pytest

from generator.data.model import LANGS
from generator.features import finder

from .test_finder import NATIONAL, fixture_index


def _named(name: str, **changes: object) -> dict[str, object]:
    return {"name": {"kk": name, "ru": name}, **changes}


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory):
    taraz = {"location.region": "KZ-31", "location.city": "taraz"}
    korday = {"location.region": "KZ-31", "location.city": "korday"}
    listings = {
        "almaty-closed": _named("Ааа закрытый", status="closed"),
        "almaty-unknown": _named("Ббб", status="unknown"),
        "almaty-active": _named("Яяя", status="active"),
        "taraz-a": _named("Ааа", **taraz),
        "semey-z": _named("Яяя", **{"location.region": "KZ-10", "location.city": "semey"}),
        "korday-z": _named("Яяя", **korday),
        "line-emergency": _named("Ааа линия", **{**NATIONAL, "kind": "emergency"}),
        "line-help-unknown": _named("Ббб линия", **{**NATIONAL, "status": "unknown"}),
        "line-help": _named("Яяя линия", **NATIONAL),
        "line-centre": _named("А", **{**NATIONAL, "kind": "centre", "services": ["psychological"]}),
    }
    _, catalogue = fixture_index(tmp_path_factory.mktemp("order"), listings)
    return catalogue


@pytest.mark.parametrize("lang", LANGS)
def test_page_order_rule_by_rule(catalogue, lang: str):
    assert [x.id for x in finder.page_order(catalogue, lang)] == [
        # The national listings first: the helplines (working ones first), then the emergency
        # numbers, then any other (a centre), whatever their names.
        "line-help",
        "line-help-unknown",
        "line-emergency",
        "line-centre",
        # Then by region (Abai, Almaty city, Zhambyl in both alphabets; Semey of Abai region is
        # first although the town sorts after Almaty), then town (Korday before Taraz), then
        # working before unknown before closed, then by name.
        "semey-z",
        "almaty-active",
        "almaty-unknown",
        "almaty-closed",
        "korday-z",
        "taraz-a",
    ]
