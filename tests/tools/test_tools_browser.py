"""The four tool pages in Chromium, used by keyboard alone, as a static host serves them.

Every test's browser context records its requests: each test fails if any left the site's own
origin or was not a GET, or if a page threw an uncaught error. What the pages show is compared
with what the same Python code gives on CPython.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from browser_helpers import check_recorder, open_context
from playwright.sync_api import Browser, Page
from tools_browser import (
    TOOLS,
    focused,
    open_tool,
    summary,
    tab_to,
    type_date,
    type_time,
    violations,
    wait_for_summary,
)

from scorer.planning.review_plan import review_plan
from scorer.planning.rules import Planning
from scorer.planning.timetable import check_timetable

pytestmark = pytest.mark.browser


def results_focused(page: Page) -> None:
    page.locator("#tool-results-title:focus").wait_for(timeout=10_000)


# --- the review planner --------------------------------------------------------------------


def test_review_planner_by_keyboard(
    page: Page, site_url: str, planning: Planning, tmp_path: Path
) -> None:
    open_tool(page, site_url, "review-planner")
    tab_to(page, "#rp-start")
    type_date(page, "2024-03-31")
    tab_to(page, "#rp-report")
    type_date(page, "2024-05-31")
    page.keyboard.press("Enter")
    results_focused(page)
    wait_for_summary(page, "15 tasks", "6 of them have a date")

    expected = review_plan({"start": "2024-03-31", "report_final": "2024-05-31"}, planning.review)
    timings = [s["timing"] for stage in expected["stages"] for s in stage["steps"]]
    assert page.locator(".tools-step-when").all_inner_texts() == timings
    assert "No later than Thursday 29 February 2024" in timings[0]
    assert expected["review_days"] == ["2024-03-31", "2024-04-01"]  # a Sunday: warned about
    assert "falls at a weekend" in page.inner_text(".tools-warning")

    tab_to(page, "[data-action=calendar]")
    with page.expect_download() as caught:
        page.keyboard.press("Enter")
    download = caught.value
    assert download.suggested_filename == "fidelity-review-2024-03-31.ics"
    saved = tmp_path / "plan.ics"
    download.save_as(saved)
    text = saved.read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert text.count("BEGIN:VEVENT") == 7
    assert "DTSTART;VALUE=DATE:20240229\r\n" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "has been saved" in page.inner_text("#tool-action-status")

    # Printed: the checklist with its boxes, without the form and buttons.
    page.emulate_media(media="print")
    assert page.locator(".tools-checklist").first.is_visible()
    assert page.locator("input.tools-done[type=checkbox]").first.is_visible()
    assert not page.locator("#tool-form").is_visible()
    assert not page.locator("[data-action=calendar]").is_visible()
    assert not page.locator("#tool-loading").is_visible()
    page.emulate_media(media="screen")

    # A feedback session before the review ends is refused beside its field, and the list of
    # problems links to the field.
    tab_to(page, "#rp-report", backwards=True)
    tab_to(page, "#rp-feedback")
    type_date(page, "2024-03-20")
    page.keyboard.press("Enter")
    wait_for_summary(page, "1 entry needs checking")
    assert page.get_attribute("#rp-feedback", "aria-invalid") == "true"
    assert "must come after the last review day" in page.inner_text("#rp-feedback-error")
    tab_to(page, "#tool-errors a")
    page.keyboard.press("Enter")
    assert focused(page, "#rp-feedback")


# --- the timetable checker -------------------------------------------------------------------


def enter_interview(page: Page, day: int, number: int, presses: int, start: str, end: str) -> None:
    """Fill one row by keyboard: the group is chosen with the arrow keys."""
    tab_to(page, f"#tt-{day}-{number}-who")
    for _ in range(presses):
        page.keyboard.press("ArrowDown")
    tab_to(page, f"#tt-{day}-{number}-start")
    type_time(page, start)
    tab_to(page, f"#tt-{day}-{number}-end")
    type_time(page, end)


def test_timetable_by_keyboard(page: Page, site_url: str, planning: Planning) -> None:
    open_tool(page, site_url, "timetable")
    enter_interview(page, 0, 1, 1, "09:00", "09:45")  # clinicians
    tab_to(page, "[data-action=add-row][data-day='0']")
    page.keyboard.press("Enter")
    assert focused(page, "#tt-0-2-who")
    enter_interview(page, 0, 2, 2, "09:49", "10:30")  # senior executives
    page.keyboard.press("Enter")
    results_focused(page)
    # The gap, the morning break, lunch and the afternoon break: the agreement has no
    # exemption for a day of two interviews.
    wait_for_summary(page, "4 rules broken", "3 stakeholder groups not interviewed yet")

    request = {
        "days": [
            {
                "interviews": [
                    {"who": "clinicians", "start": "09:00", "end": "09:45"},
                    {"who": "senior-executives", "start": "09:49", "end": "10:30"},
                ]
            },
            {"interviews": []},
        ]
    }
    expected = check_timetable(request, planning.timetable)
    shown = page.locator(".tools-findings li").all_inner_texts()
    assert shown == [b["message"] for b in expected["breaches"]]
    assert any("only 4 minutes" in line for line in shown)
    assert page.locator("tr.has-breach").count() == 2

    # Five minutes keeps the rule: move the second interview back by one minute. (Shift+Tab
    # would land on the last part of the time field, so go back to the row and forwards again.)
    tab_to(page, "#tt-0-2-who", backwards=True)
    tab_to(page, "#tt-0-2-start")
    type_time(page, "09:50")
    page.keyboard.press("Enter")
    wait_for_summary(page, "3 rules broken")
    findings = page.locator(".tools-findings li").all_inner_texts()
    assert [f for f in findings if "only" in f] == []
    assert [f for f in findings if "morning needs a break" in f] != []

    # Removing a row by keyboard moves the focus to a sensible place and renumbers.
    tab_to(page, "#tt-0-1-who")
    tab_to(page, "tr:first-child [data-action=remove-row]")
    page.keyboard.press("Enter")
    assert focused(page, "#tt-0-1-who")
    assert page.input_value("#tt-0-1-who") == "senior-executives"


def test_timetable_saved_and_opened_again(page: Page, site_url: str, tmp_path: Path) -> None:
    open_tool(page, site_url, "timetable")
    enter_interview(page, 0, 1, 5, "09:00", "10:00")  # clients
    tab_to(page, "#tt-date-1")
    type_date(page, "2026-06-02")
    page.keyboard.press("Enter")
    wait_for_summary(page, "4 stakeholder groups not interviewed yet")
    before = summary(page)
    tab_to(page, "[data-action=save]")
    with page.expect_download() as caught:
        page.keyboard.press("Enter")
    saved = tmp_path / "timetable.json"
    caught.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data == {
        "days": [
            {"interviews": [{"who": "clients", "start": "09:00", "end": "10:00"}]},
            {"interviews": [], "date": "2026-06-02"},
        ]
    }
    page.reload()
    page.locator("#tool[data-state=ready]").wait_for(timeout=90_000)
    page.set_input_files("#tt-open", str(saved))
    wait_for_summary(page, before)
    assert page.input_value("#tt-0-1-who") == "clients"
    assert page.input_value("#tt-date-1") == "2026-06-02"


# --- the workforce planner -------------------------------------------------------------------


def test_workforce_by_keyboard(page: Page, site_url: str) -> None:
    open_tool(page, site_url, "workforce")
    for selector, value in (
        ("#wf-people", "220"),
        ("#wf-months", "12"),
        ("#wf-fte", "10"),
        ("#wf-leaders", "1"),
    ):
        tab_to(page, selector)
        page.keyboard.type(value)
    page.keyboard.press("Enter")
    results_focused(page)
    text = wait_for_summary(page, "11 employment specialist posts", "2 team leader posts")
    assert "item 1 would score 4 now" in text
    output = page.inner_text("#tool-output")
    assert "1.25 full-time equivalent of supervision" in output  # 11 specialists need more than 1
    assert "Would score 4." in output
    assert "In place." in output  # 10 specialists for 1 full-time supervisor

    tab_to(page, "#wf-people", backwards=True)
    page.keyboard.press("Control+A")
    page.keyboard.type("200")
    page.keyboard.press("Enter")
    wait_for_summary(page, "10 employment specialist posts", "1 team leader post;")
    assert "= 1 full-time equivalent of supervision" in page.inner_text("#tool-output")

    tab_to(page, "#wf-headcount")
    page.keyboard.type("11")
    page.keyboard.press("Enter")
    # 11 people for one full-time supervisor: the role is not in place.
    page.locator(
        "#tool-output", has_text="11 specialists / at most 10 per full-time supervisor = 1.1"
    ).wait_for(timeout=10_000)
    assert "Not in place." in page.inner_text("#tool-output")
    assert "item 1 would score 5 now" in summary(page)

    # Figures that cannot be used are refused beside their fields.
    tab_to(page, "#wf-people", backwards=True)
    page.keyboard.press("Control+A")
    page.keyboard.type("lots")
    tab_to(page, "#wf-months")
    page.keyboard.press("Control+A")
    page.keyboard.type("0")
    page.keyboard.press("Enter")
    wait_for_summary(page, "2 entries need checking")
    assert page.inner_text("#wf-people-error") == "People to support in a year must be a number"
    assert (
        page.inner_text("#wf-months-error")
        == "Average months each person spends on the caseload must be more than 0"
    )
    assert page.get_attribute("#wf-people", "aria-invalid") == "true"


# --- status and readiness --------------------------------------------------------------------


def test_readiness_by_keyboard(page: Page, site_url: str) -> None:
    open_tool(page, site_url, "readiness")
    assert "only by invitation from Centre for Mental Health" in page.inner_text(".tools-guidance")
    tab_to(page, "#rd-started")
    type_date(page, "2024-02-29")
    tab_to(page, "#rd-total")
    page.keyboard.type("100")
    tab_to(page, "#rd-on")
    type_date(page, "2025-08-28")
    page.keyboard.press("Enter")
    results_focused(page)
    wait_for_summary(page, "probably not ready")
    assert "has run for 17 months" in page.inner_text("#tool-output")

    tab_to(page, "#rd-total", backwards=True)
    tab_to(page, "#rd-on")
    type_date(page, "2025-08-29")
    page.keyboard.press("Enter")
    wait_for_summary(page, "may be ready")
    assert "only by invitation" in page.inner_text("#tool-output .tools-guidance")

    tab_to(page, "[data-action=add-row]")
    page.keyboard.press("Enter")
    assert focused(page, "#rd-reviews-1-date")
    type_date(page, "2024-02-29")
    tab_to(page, "#rd-reviews-1-score")
    page.keyboard.type("104")
    page.keyboard.press("Enter")
    # Without an invitation, a review of 100 or more makes the service eligible, not a Centre:
    # the status comes by invitation only.
    wait_for_summary(page, "makes the service eligible")
    assert "only by invitation" in page.inner_text("#tool-output")
    # Invited on the day of the review: a Centre for three years from the invitation.
    tab_to(page, "#rd-reviews-1-invited")
    type_date(page, "2024-02-29")
    page.keyboard.press("Enter")
    wait_for_summary(page, "is a Centre of Excellence until Sunday 28 February 2027")


def test_readiness_review_score_out_of_range(page: Page, site_url: str) -> None:
    open_tool(page, site_url, "readiness")
    tab_to(page, "[data-action=add-row]")
    page.keyboard.press("Enter")
    type_date(page, "2024-01-10")
    tab_to(page, "#rd-reviews-1-score")
    page.keyboard.type("130")
    page.keyboard.press("Enter")
    wait_for_summary(page, "1 entry needs checking")
    assert page.get_attribute("#rd-reviews-1-score", "aria-invalid") == "true"
    assert "130" in page.inner_text("#rd-reviews-1-score-error")
    assert "130" in page.inner_text("#tool-errors")

    # With no day to judge on, the tool judges on the device's own today.
    page.fill("#rd-reviews-1-score", "98")
    page.fill("#rd-started", "2000-01-01")
    page.click("#tool-form button[type=submit]")
    today = date.today()
    months = (today.year - 2000) * 12 + today.month - 1
    page.locator("#tool-output", has_text=f"has run for {months} months").wait_for(timeout=10_000)
    assert page.locator(".tools-error:not([hidden])").count() == 0


# --- every page: accessibility and offline -----------------------------------------------------


def fill_for_axe(page: Page, name: str) -> None:
    """Some answers and, where a tool has rows, an added row: the state a user reaches."""
    if name == "review-planner":
        page.fill("#rp-start", "2026-06-06")
        page.fill("#rp-report", "2026-07-10")
    elif name == "timetable":
        page.select_option("#tt-0-1-who", "clinicians")
        page.fill("#tt-0-1-start", "09:00")
        page.fill("#tt-0-1-end", "09:45")
        page.click("[data-action=add-row][data-day='0']")
        page.select_option("#tt-0-2-who", "clients")
        page.fill("#tt-0-2-start", "09:30")
        page.fill("#tt-0-2-end", "10:00")
    elif name == "workforce":
        page.fill("#wf-people", "220")
        page.fill("#wf-months", "12")
        page.fill("#wf-fte", "9")
        page.fill("#wf-leaders", "1")
    else:
        page.fill("#rd-started", "2024-01-10")
        page.fill("#rd-total", "104")
        page.click("[data-action=add-row]")
        page.fill("#rd-reviews-1-date", "2024-02-29")
        page.fill("#rd-reviews-1-score", "104")
    page.click("#tool-form button[type=submit]")
    page.locator("#tool-output > *").first.wait_for(timeout=10_000)


BAD_INPUT = {
    "review-planner": ("#rp-start", "2026-06-01", "#rp-report", "2026-05-01"),
    "timetable": ("#tt-0-1-start", "10:00", "#tt-0-1-end", "09:00"),
    "workforce": ("#wf-people", "many", "#wf-months", "6"),
    "readiness": ("#rd-total", "7", "#rd-started", "2024-01-10"),
}


@pytest.mark.parametrize("name", TOOLS)
def test_no_axe_violations(page: Page, site_url: str, axe_source: str, name: str) -> None:
    open_tool(page, site_url, name)
    assert violations(page, axe_source) == [], "as loaded"
    first, first_value, second, second_value = BAD_INPUT[name]
    if name == "timetable":
        page.select_option("#tt-0-1-who", "clinicians")
    page.fill(first, first_value)
    page.fill(second, second_value)
    page.click("#tool-form button[type=submit]")
    page.locator("#tool-errors:not([hidden])").wait_for(timeout=10_000)
    assert page.locator(".tools-error:not([hidden])").count() >= 1
    assert violations(page, axe_source) == [], "with errors"
    fill_for_axe(page, name)
    page.locator("#tool-errors[hidden]").wait_for(state="attached", timeout=10_000)
    assert violations(page, axe_source) == [], "with results"


def test_index_lists_every_tool(page: Page, site_url: str, axe_source: str) -> None:
    page.goto(f"{site_url}tools/")
    links = page.locator("article dl a").evaluate_all("(links) => links.map((a) => a.href)")
    assert [link.rstrip("/").rsplit("/", 1)[1] for link in links] == list(TOOLS)
    assert violations(page, axe_source) == []


def test_a_visited_tool_works_offline(browser: Browser, site_url: str) -> None:
    """First visit online (the service worker keeps the page), then the same page offline."""
    context, recorder = open_context(browser, site_url, service_workers="allow")
    try:
        page = context.new_page()
        open_tool(page, site_url, "workforce")
        page.evaluate("window.ipsTools.offline()")
        context.set_offline(True)
        page.reload()
        page.locator("#tool[data-state=ready]").wait_for(timeout=90_000)
        page.fill("#wf-people", "100")
        page.fill("#wf-months", "6")
        page.click("#tool-form button[type=submit]")
        wait_for_summary(page, "3 employment specialist posts")
    finally:
        context.close()
    check_recorder(recorder)


def test_pages_reflow_at_320_css_pixels(browser: Browser, site_url: str) -> None:
    """At 320 px (400 % zoom of a 1280 px window) nothing needs scrolling sideways."""
    context, recorder = open_context(browser, site_url, viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        for name in TOOLS:
            page.goto(f"{site_url}tools/{name}/")
            if name in ("timetable", "readiness"):
                if name == "readiness":
                    page.click("[data-action=add-row]")
                page.locator("#tool-form tbody tr").first.wait_for()
                assert page.locator("#tool-form tbody tr label").first.is_visible()
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, (name, width)
    finally:
        context.close()
    check_recorder(recorder)
