"""The policy hashes only scripts that run: each kind of data block is left out, by name
(issue 23: leaving `application/ld+json` out of the data types went unnoticed)."""

from __future__ import annotations

import pytest

from generator.site.csp import inline_script_hashes


@pytest.mark.parametrize("kind", ["application/json", "application/ld+json", "text/template", "Application/LD+JSON"])
def test_a_data_block_gets_no_hash(kind: str):
    page = f'<script type="{kind}">{{"@type": "Organization"}}</script><script>go()</script>'
    assert len(inline_script_hashes(page)) == 1, kind  # only go()


def test_a_script_of_another_type_still_gets_its_hash():
    assert len(inline_script_hashes('<script type="module">a()</script><script>b()</script>')) == 2
