"""axe-core finds no violations on the assessment page: empty, partly filled, complete, with
field errors showing, and with the confirmation dialog open."""

from __future__ import annotations

from typing import Any

import pytest
from assessment_roles import answered, rating
from browser_helpers import open_assessment, settle, wait_until
from playwright.sync_api import Page, expect

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

    settle(page, lambda: [rating(page, item, 3).check() for item in (1, 7, 13)])
    page.get_by_text("Work out item 17 from your figures").click()
    contacts = "Average face-to-face employer contacts a week"
    specialist = page.get_by_role("group", name="Specialist 1", exact=True)
    settle(page, lambda: specialist.get_by_label(contacts).fill("5"))
    page.get_by_role("button", name="Add a specialist").click()
    page.get_by_text("Work out item 1 from your figures").click()
    settle(page, lambda: page.get_by_label("Active clients on the employment caseload").fill("30"))
    # Fields with a problem are marked for assistive technology (an attribute, not words).
    assert page.locator("[aria-invalid=true]").count() > 0
    assert violations(page, axe_source) == [], "partly filled, with errors"

    settle(page, lambda: page.get_by_label("Employment specialists (FTE)").fill("2"))
    tracked = page.get_by_label("How employer contacts are tracked")
    settle(page, lambda: tracked.select_option(label="Reviewed by the supervisor weekly"))
    second = page.get_by_role("group", name="Specialist 2", exact=True)
    settle(page, lambda: second.get_by_label(contacts).fill("6"))
    settle(page, lambda: [rating(page, item, 4).check() for item in range(1, 26)])
    expect(answered(page)).to_have_text("25 of 25")
    assert violations(page, axe_source) == [], "complete"

    page.get_by_role("button", name="Clear all answers").click()
    expect(page.get_by_role("dialog", name="Clear all answers?")).to_be_visible()
    assert violations(page, axe_source) == [], "dialog open"
    page.keyboard.press("Escape")
