"""Offline: after one visit the service worker has cached everything the assessment needs, so
with the network off the page still loads, restores the draft and scores. The worker caches
only same-origin GETs, and answers never appear in any request."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from assessment_roles import note, rating, total
from browser_helpers import (
    RUNTIME_KEPT,
    Recorder,
    check_recorder,
    draft,
    open_assessment,
    open_context,
    settle,
    wait_until,
)
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser

NOTE = "Private note: 7 people on the caseload from Ward 4"


@pytest.fixture
def sw_context(browser: Browser, site_url: str) -> Iterator[tuple[BrowserContext, Recorder]]:
    context, recorder = open_context(browser, site_url, service_workers="allow")
    yield context, recorder
    context.close()
    check_recorder(recorder)


def test_offline_reload_still_scores(
    sw_context: tuple[BrowserContext, Recorder], assessment_url: str
) -> None:
    context, recorder = sw_context
    page: Page = context.new_page()
    open_assessment(page, assessment_url)
    settle(page, lambda: rating(page, 7, 4).check())
    settle(page, lambda: note(page, 7).fill(NOTE))
    # The service worker registers once the page has loaded, precaches, then takes control; it
    # keeps the runtime once the scorer is ready, and the page marks when that is done.
    wait_until(page, "navigator.serviceWorker.controller !== null", timeout=120)
    wait_until(page, RUNTIME_KEPT, timeout=60)
    cached = page.evaluate(
        "async () => { const names = await caches.keys();"
        " const cache = await caches.open(names.find(n => n.startsWith('ips-fidelity-')));"
        " return (await cache.keys()).map(r => new URL(r.url).pathname); }"
    )
    assert "/assets/pyodide/pyodide.asm.wasm" in cached
    assert "/self-assessment/" in cached
    assert any(path.endswith(".whl") for path in cached)

    context.set_offline(True)
    try:
        failed = page.evaluate(
            "() => fetch('/not-cached-' + Date.now() + '.txt').then(() => false, () => true)"
        )
        assert failed, "the network should be off"
        page.reload()
        open_assessment(page, assessment_url)
        assert draft(page)["items"]["vocational-unit"] == {"score": 4, "note": NOTE}
        expect(total(page)).to_have_text("4 out of 125")
        settle(page, lambda: rating(page, 9, 5).check())
        expect(total(page)).to_have_text("9 out of 125")
        result = page.evaluate("window.ipsFidelity.score({items: {'1': {score: 2}}})")
        assert result["total"] == 2
    finally:
        context.set_offline(False)

    # No request ever carried an answer: none had a body (all GETs), and none named the note.
    assert all(method == "GET" for method, _ in recorder.requests)
    # (Guidance pages such as scale/items/caseload-size/ are fetched to be kept offline: only
    # the note's own words would betray an answer.)
    assert not [url for _, url in recorder.requests if "Ward" in url or "7%20people" in url]
