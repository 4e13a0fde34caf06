"""In Chromium, a person types into the site search and the right item is the first result."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.site, pytest.mark.browser]

QUERIES = {
    "benefits counselling": "Item 12: Work incentives planning",
    "caseload": "Item 1: Caseload size",
}


def test_search_puts_the_right_item_first(page: Any, site_url: str) -> None:
    page.goto(site_url, wait_until="load")
    search = page.get_by_role("textbox", name="Search")
    # Material's results panel: the list inside it is role="presentation", so its links are
    # found within the panel, which only a data attribute names.
    results = page.locator('[data-md-component="search-result"]')
    for query, title in QUERIES.items():
        search.click()
        search.fill("")
        expect(results).not_to_contain_text("matching document")  # the last query's are gone
        search.press_sequentially(query, delay=20)
        expect(results).to_contain_text("matching document", timeout=15_000)
        first = results.get_by_role("link").first
        expect(first).to_contain_text(title)
        assert title.split(":")[0] in first.inner_text().splitlines()[0], query
