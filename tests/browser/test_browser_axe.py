"""axe-core finds no violations on the assessment page: empty, partly filled, complete, with
field errors showing, and with the confirmation dialog open."""

from __future__ import annotations

import re
from typing import Any

import pytest
from browser_helpers import open_assessment, settle, wait_until
from playwright.sync_api import Locator, Page

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


def region(page: Page, number: int) -> Locator:
    return page.get_by_role("region", name=re.compile(rf"^Item {number}:"))


def test_no_violations_in_any_state(page: Page, assessment_url: str, axe_source: str) -> None:
    open_assessment(page, assessment_url)
    assert violations(page, axe_source) == [], "empty"

    settle(
        page,
        lambda: [
            region(page, number).get_by_role("radio", name=re.compile("^3 ")).check()
            for number in (1, 7, 13)
        ],
    )
    item17 = region(page, 17)
    item17.get_by_text("Work out item 17 from your figures").click()
    first = item17.get_by_role("group", name="Specialist 1", exact=True)
    settle(
        page,
        lambda: first.get_by_label("Average face-to-face employer contacts a week").fill("5"),
    )
    item17.get_by_role("button", name="Add a specialist").click()
    item1 = region(page, 1)
    item1.get_by_text("Work out item 1 from your figures").click()
    settle(page, lambda: item1.get_by_label("Active clients on the employment caseload").fill("30"))
    settle(page, lambda: item1.get_by_label("Your notes on item 1 (optional)").focus())
    assert page.get_by_role("alert").filter(has_text="There is a problem").is_visible()
    assert violations(page, axe_source) == [], "partly filled, with errors"

    settle(page, lambda: item1.get_by_label("Employment specialists (FTE)").fill("2"))
    settle(
        page,
        lambda: item17.get_by_label("How employer contacts are tracked").select_option("weekly"),
    )
    second = item17.get_by_role("group", name="Specialist 2", exact=True)
    settle(
        page,
        lambda: second.get_by_label("Average face-to-face employer contacts a week").fill("6"),
    )
    # Every other item rated 4; items 1 and 17 take their levels from the figures.
    settle(
        page,
        lambda: [
            region(page, number).get_by_role("radio", name=re.compile("^4 ")).check()
            for number in range(2, 26)
            if number != 17
        ],
    )
    results = page.get_by_role("region", name="Your results")
    assert results.get_by_text("25 of 25", exact=True).is_visible()
    assert violations(page, axe_source) == [], "complete"

    page.get_by_role("button", name="Clear all answers").click()
    page.get_by_role("dialog", name="Clear all answers?").wait_for()
    assert violations(page, axe_source) == [], "dialog open"
    page.keyboard.press("Escape")


def test_no_violations_in_the_phone_views(page: Page, assessment_url: str, axe_source: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_assessment(page, assessment_url)
    assert violations(page, axe_source) == [], "task list"
    page.get_by_role("navigation", name="The 25 items").get_by_role("link").first.click()
    item1 = region(page, 1)
    item1.get_by_text("Work out item 1 from your figures").click()
    settle(page, lambda: item1.get_by_label("Active clients on the employment caseload").fill("46"))
    settle(page, lambda: item1.get_by_label("Employment specialists (FTE)").fill("2"))
    settle(page, lambda: item1.get_by_role("radio", name=re.compile("^5 ")).click())
    assert item1.get_by_text(re.compile("^Your figures give 4")).is_visible()
    assert violations(page, axe_source) == [], "an item, its figures in the rating"
    settle(page, lambda: item1.get_by_label("Employment specialists (FTE)").fill("2,5"))
    assert item1.get_by_text("Use a full stop for decimals, like 2.5").is_visible()
    assert violations(page, axe_source) == [], "an item with a message"
    page.get_by_role("link", name="Results", exact=True).click()
    page.get_by_role("region", name="Your results").wait_for()
    assert violations(page, axe_source) == [], "results"


@pytest.mark.parametrize("width", [390, 1280])
def test_no_violations_on_the_home_page(
    page: Page, site_url: str, axe_source: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url)
    assert page.get_by_role("link", name="Start the self-assessment").is_visible()
    assert violations(page, axe_source) == [], "home"
