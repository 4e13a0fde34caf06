"""axe-core finds no violations on the assessment page: empty, partly filled, complete, with
field errors showing, and with the confirmation dialog open."""

from __future__ import annotations

from typing import Any

import pytest
from browser_helpers import open_assessment, settle, wait_until
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' '))
  }));
}"""


def violations(page: Page, axe_source: str) -> list[dict[str, Any]]:
    # Colours are checked as they end up, not halfway through a focus transition.
    wait_until(page, "document.getAnimations().every((a) => a.playState !== 'running')", timeout=10)
    # Run by the test driver, not by a <script>: the page's CSP allows no injected scripts.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source + "\n;undefined")
    return page.evaluate(RUN_AXE)


def test_no_violations_in_any_state(page: Page, assessment_url: str, axe_source: str) -> None:
    open_assessment(page, assessment_url)
    assert violations(page, axe_source) == [], "empty"

    settle(
        page,
        lambda: [
            page.check(f"#score-{item}-3")
            for item in ("caseload-size", "vocational-unit", "disclosure")
        ],
    )
    page.click("#calc-employer-contact-frequency-toggle")
    settle(
        page,
        lambda: page.fill("#ev-employer-contact-frequency-specialists-0-contacts_per_week", "5"),
    )
    page.click("#employer-contact-frequency [data-action=add-row]")
    page.click("#calc-caseload-size-toggle")
    settle(page, lambda: page.fill("#ev-caseload-size-active_clients", "30"))
    assert page.locator(".ipsa-error:not([hidden])").count() > 0
    assert violations(page, axe_source) == [], "partly filled, with errors"

    items = page.evaluate(
        "[...document.querySelectorAll('section.ipsa-item')].map(s => s.dataset.item)"
    )
    settle(page, lambda: page.fill("#ev-caseload-size-specialists_fte", "2"))
    settle(page, lambda: page.select_option("#ev-employer-contact-frequency-tracking", "weekly"))
    settle(
        page,
        lambda: page.fill("#ev-employer-contact-frequency-specialists-1-contacts_per_week", "6"),
    )
    settle(page, lambda: [page.check(f"#score-{item}-4") for item in items])
    assert page.inner_text("#ipsa-answered") == "25 of 25"
    assert violations(page, axe_source) == [], "complete"

    page.click("[data-action=clear-all]")
    page.wait_for_selector("#ipsa-dialog[open]")
    assert violations(page, axe_source) == [], "dialog open"
    page.keyboard.press("Escape")
