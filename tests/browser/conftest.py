"""Browser fixtures: Debian's Chromium through Playwright, against the built site.

The site is served as a static host would serve it: with the Content-Security-Policy of its
_headers file as an HTTP header, on top of each page's <meta> policy. A <meta> policy does not
reach a Web Worker, so this is what puts the Pyodide worker under the policy it gets in
production.

Every request each browser context makes is recorded, and each test fails if any went to
another origin or used a method other than GET.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_helpers import PAGE, check_recorder, open_context
from playwright.sync_api import Browser, BrowserContext, Page


@pytest.fixture(scope="session")
def assessment_url(site_url: str) -> str:
    return site_url + PAGE


@pytest.fixture
def context(browser: Browser, site_url: str) -> Iterator[BrowserContext]:
    """A fresh browser profile (empty storage, service workers off) checked for requests."""
    context, recorder = open_context(browser, site_url)
    yield context
    context.close()
    check_recorder(recorder)


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()
