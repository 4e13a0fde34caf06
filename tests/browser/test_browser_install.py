"""Installable and offline (issue 20): the manifest as a browser gets it, the site opening from
its start URL offline (as from the home screen), and the site's own offline page for an
address it never kept."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from browser_helpers import Recorder, check_recorder, open_context, wait_until
from playwright.sync_api import Browser, BrowserContext, expect
from test_browser_site_offline import kept_offline, pages

pytestmark = pytest.mark.browser


@pytest.fixture
def online(browser: Browser, site_url: str) -> Iterator[tuple[BrowserContext, Recorder]]:
    context, recorder = open_context(browser, site_url, service_workers="allow")
    yield context, recorder
    context.set_offline(False)
    context.close()
    check_recorder(recorder)


def test_installed_site_opens_offline_and_unknown_addresses_get_the_offline_page(
    online: tuple[BrowserContext, Recorder], site_url: str, built_site: Path
) -> None:
    context, _ = online
    page = context.new_page()
    page.goto(site_url + "scale/")

    # The manifest the page links to, as the browser fetches it: its type and its fields.
    href = page.evaluate("document.querySelector('link[rel=manifest]').href")
    response = context.request.get(href)
    assert response.headers["content-type"] == "application/manifest+json"
    manifest = json.loads(response.text())
    assert manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        assert context.request.get(urljoin(href, icon["src"])).ok, icon["src"]

    kept_offline(page, len(pages(built_site)))
    # The icons only the manifest names are kept too, for the installed app's offline start.
    cached = wait_until(
        page,
        "caches.keys().then(n => Promise.all(n.map(k => caches.open(k).then(c => c.keys())))).then(l => l.flat().map(r => r.url))",
    )
    for icon in manifest["icons"]:
        assert urljoin(href, icon["src"]) in cached, icon["src"]

    context.set_offline(True)
    # Opened from the home screen: the manifest's start URL, offline.
    start = page.goto(urljoin(href, manifest["start_url"]))
    assert start is not None and start.ok
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Self-assessment").first).to_be_visible()

    # An address the site never had: its own offline page, which links to what is kept.
    page.goto(site_url + "no-such-page/")
    expect(page.get_by_role("heading", name="You are offline", level=1)).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="How scoring works").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("scor")
    assert page.url.endswith("/scale/scoring/")
