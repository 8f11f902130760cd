"""Budgets checked on the built site (sizes and positions, not timings)."""

from __future__ import annotations

from pathlib import Path

import pytest

FIRST_ROUND_TRIP = 14 * 1024  # bytes a slow connection brings in its first round trip


@pytest.mark.parametrize("lang", ["", "ru/"], ids=["kk", "ru"])
def test_numbers_and_the_listings_contact_come_in_the_first_round_trip(built_site: Path, catalogue, lang: str):
    for listing in catalogue.listings:
        html = (built_site / lang / "centres" / listing.id / "index.html").read_bytes()
        for number in ("112", "102", "150", "111"):
            offset = html.find(f'href="tel:{number}"'.encode())
            assert 0 <= offset < FIRST_ROUND_TRIP, (listing.id, number, offset)
        contact = html.find(b'id="contact"')
        own = (
            html.find(f'href="tel:{listing.contacts.phones[0].tel}"'.encode(), contact)
            if listing.contacts.phones
            else html.find(b"<p>", contact)
        )
        assert 0 <= contact < own < FIRST_ROUND_TRIP, (listing.id, contact, own)
