"""Layout for people who zoom, print or ask for less motion."""

from __future__ import annotations

import re

import pytest
from browser_helpers import open_assessment, settle
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

OVERFLOW = """() => [...document.querySelectorAll('#ipsa *')]
  .filter((e) => !e.closest('.ipsa-table-wrap, template, [hidden]') && e.getClientRects().length)
  .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map((e) => e.id || e.className || e.tagName)"""


def test_reflows_at_400_percent_zoom_without_sideways_scrolling(
    page: Page, assessment_url: str
) -> None:
    # 1280 CSS pixels at 400 % zoom is a 320-pixel-wide viewport (WCAG 1.4.10 Reflow); at
    # 200 % it is 640, which the same check covers with room to spare.
    for width, rating in ((640, 3), (320, 4)):
        page.set_viewport_size({"width": width, "height": 720})
        open_assessment(page, assessment_url)
        settle(page, lambda rating=rating: page.check(f"#score-vocational-unit-{rating}"))
        page.click("#calc-employer-contact-frequency-toggle")
        page.click("#calc-employment-services-staff-toggle")
        assert page.evaluate(OVERFLOW) == [], width


def test_print_shows_a_clean_report_of_results_and_plan(page: Page, assessment_url: str) -> None:
    open_assessment(page, assessment_url)
    page.fill("#ipsa-service", "Eastbrook IPS")
    settle(
        page, lambda: [page.check(f"#score-{item}-2") for item in ("caseload-size", "disclosure")]
    )
    page.emulate_media(media="print")
    # On paper: the printed report alone (its title, summary, items and plan), no controls, and
    # the screen's results (chart and table by principle) not printed a second time.
    for hidden in (
        page.get_by_role("form", name="Your answers, item by item"),
        page.get_by_role("button", name="Clear all answers"),
        page.get_by_label("A JSON file saved from this page"),
        page.get_by_role("navigation", name="The 25 items"),
        page.get_by_role("heading", name="Your results"),
    ):
        expect(hidden).to_be_hidden()
    expect(
        page.get_by_role("heading", name=re.compile(r"^Eastbrook IPS: self-assessment"))
    ).to_be_visible()
    expect(page.get_by_role("table", name="Every item's score, in number order")).to_be_visible()
    steps = page.get_by_text(re.compile(r"^Item \d+: .+ \(now 2, aim for 3\)$"))
    expect(steps.filter(visible=True)).to_have_count(2)  # the report's plan, not the screen's
    page.emulate_media(media="screen")
    expect(page.get_by_role("form", name="Your answers, item by item")).to_be_visible()
    expect(
        page.get_by_role("heading", name=re.compile(r"^Eastbrook IPS: self-assessment"))
    ).to_be_hidden()


def test_reduced_motion_turns_off_the_chart_animation(page: Page, assessment_url: str) -> None:
    duration = "(s) => parseFloat(getComputedStyle(document.querySelector(s)).transitionDuration)"
    page.emulate_media(reduced_motion="reduce")
    open_assessment(page, assessment_url)
    assert page.evaluate(duration, ".ipsa-chart__bar") < 0.01
    page.emulate_media(reduced_motion="no-preference")
    assert page.evaluate(duration, ".ipsa-chart__bar") >= 0.1


def test_the_only_specialist_row_cannot_be_removed(page: Page, assessment_url: str) -> None:
    """Material styles buttons with a display of their own: `hidden` must still hide this one."""
    open_assessment(page, assessment_url)
    page.click("#calc-employer-contact-quality-toggle")
    remove = "#employer-contact-quality [data-action=remove-row]"
    assert page.locator(remove).count() == 1 and page.is_hidden(remove)
    page.click("#employer-contact-quality [data-action=add-row]")
    assert page.locator(remove).count() == 2 and page.is_visible(remove + " >> nth=0")
