"""The tool pages as a person meets them: real checklist boxes kept with the plan, one date
style, the invitation date, and hostile input answered in plain words next to the field.

Fields are found by their labels and roles, as a person finds them. Each test loads its page
once and checks several things on it, so the file stays quick.
"""

from __future__ import annotations

import re

import pytest
from browser_helpers import check_recorder, open_context
from playwright.sync_api import Browser, Page, expect
from tools_browser import open_tool, results, wait_for_summary, wait_ready

pytestmark = pytest.mark.browser

# Data keys of the tools' JSON: never in the words a person reads.
DATA_KEYS = (
    "people_per_year",
    "months_on_caseload",
    "specialists_fte",
    "team_leaders_fte",
    "report_final",
    "later_days",
    "self_assessment",
    "interviews[",
    "days[",
)
PROGRAM_WORDS = ("Traceback", "Error:", 'File "', "PythonError", "decimal.", "OverflowError")


def plain(page: Page) -> str:
    """The page's visible text, checked for program wording and data keys."""
    # All the words on the page: no one role holds them all, so the whole body is read.
    text = page.locator("body").inner_text()
    for words in (*PROGRAM_WORDS, *DATA_KEYS):
        assert words not in text, words
    return text


def field_error(page: Page, label: str) -> str:
    """The message beside the field with this label, once it shows."""
    field = page.get_by_label(label, exact=True)
    described = field.get_attribute("aria-describedby") or ""
    error = next(part for part in described.split() if part.endswith("-error"))
    # The message the field's aria-describedby names (its id, never shown to a person).
    message = page.locator(f"#{error}")
    message.wait_for(state="visible", timeout=10_000)
    assert field.get_attribute("aria-invalid") == "true"
    return message.inner_text()


def test_review_planner_checklist_dates_and_hostile_dates(browser: Browser, site_url: str) -> None:
    context, recorder = open_context(browser, site_url, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        open_tool(page, site_url, "review-planner")
        start = page.get_by_label("First day of the review", exact=True)
        assert start.get_attribute("lang") == "en-GB"
        # The lang attribute of every date field: markup a person never reads.
        assert page.locator("input[type=date]:not([lang=en-GB])").count() == 0
        start.fill("2027-02-09")
        start.press("Enter")
        wait_for_summary(page, "The plan lists")
        output = results(page)
        # One date style: the long UK words, never the ISO form, in the plan.
        assert "Tuesday 9 February 2027" in output.inner_text()
        assert not re.search(r"\d{4}-\d{2}-\d{2}", output.inner_text())

        # Real checkboxes, named by their task, kept with this plan in the browser.
        boxes = page.get_by_role("checkbox")
        total = boxes.count()
        tasks = results(page).get_by_role("listitem").filter(has=page.get_by_role("checkbox"))
        assert total == tasks.count() > 5
        # The first task's words, as its checkbox is named.
        name = re.sub(r'^- checkbox "(.*)".*$', r"\1", boxes.first.aria_snapshot().splitlines()[0])
        box = page.get_by_role("checkbox", name=re.compile(re.escape(name[:40])))
        box.check()
        assert box.is_checked()
        expect(
            results(page).get_by_role("status").filter(has_text=f"1 of {total} tasks ticked")
        ).to_have_count(1)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, width

        page.reload()
        wait_ready(page)
        page.get_by_label("First day of the review", exact=True).fill("2027-02-09")
        page.get_by_label("First day of the review", exact=True).press("Enter")
        wait_for_summary(page, "The plan lists")
        again = page.get_by_role("checkbox", name=re.compile(re.escape(name[:40])))
        assert again.is_checked(), "the tick came back with the same plan"
        assert page.get_by_role("checkbox", checked=True).count() == 1

        # Another plan (other review days) starts with no ticks.
        page.get_by_label("First day of the review", exact=True).fill("2027-03-09")
        page.get_by_label("First day of the review", exact=True).press("Enter")
        wait_for_summary(page, "The plan lists")
        page.get_by_text("Tuesday 9 March 2027").first.wait_for()
        assert page.get_by_role("checkbox", checked=True).count() == 0

        # Dates at the very edge of the calendar: a plain message beside the field.
        for hostile in ("0001-01-01", "9999-12-31"):
            page.get_by_label("First day of the review", exact=True).fill(hostile)
            page.get_by_label("First day of the review", exact=True).press("Enter")
            wait_for_summary(page, "checking")
            message = field_error(page, "First day of the review")
            assert message and not message.startswith("start ")
            plain(page)
    finally:
        context.close()
    check_recorder(recorder)


def test_timetable_long_dates_and_no_empty_break(page: Page, site_url: str) -> None:
    open_tool(page, site_url, "timetable")
    date = page.get_by_role("group", name="Day 1 of the review").get_by_label("Date (optional)")
    assert date.get_attribute("lang") == "en-GB"
    date.fill("2027-02-09")
    rows = (("clinicians", "09:00", "10:00"), ("clients", "10:15", "13:00"))
    for number, (who, begins, ends) in enumerate(rows, start=1):
        if number > 1:
            page.get_by_role("button", name="Add an interview to day 1").click()
        page.get_by_label(f"Interview {number}: who").first.select_option(who)
        page.get_by_label(f"Interview {number}: starts").first.fill(begins)
        page.get_by_label(f"Interview {number}: ends").first.fill(ends)
    page.get_by_role("button", name="Add an interview to day 1").click()
    page.get_by_label("Interview 3: who").first.select_option("team-leaders")
    page.get_by_label("Interview 3: starts").first.fill("13:00")  # straight after interview 2
    page.get_by_label("Interview 3: ends").first.fill("14:30")
    page.get_by_role("button", name="Check the timetable").click()
    wait_for_summary(page, "broken")
    output = results(page).inner_text()
    assert "Day 1 (Tuesday 9 February 2027)" in output
    assert "2027-02-09" not in output
    assert "13:00 to 13:00" not in output and "(0 minutes)" not in output
    # A short day still needs lunch and an afternoon break: the agreement has no exemption.
    assert "there is no lunch break" in output
    plain(page)
    # A file over the limit is refused before it is read, and the timetable stays as it was.
    page.get_by_label("Open a timetable saved from this page").set_input_files(
        {"name": "huge.json", "mimeType": "application/json", "buffer": b" " * (10 * 2**20 + 1)}
    )
    refused = page.get_by_role("alert").filter(has_text="larger than 10 MB")
    refused.wait_for(state="visible", timeout=10_000)
    assert "larger than 10 MB" in refused.inner_text()
    assert page.get_by_label("Interview 3: starts").first.input_value() == "13:00"
    plain(page)
    # A row without its group: the message names the field as the page does, and the groups
    # by their names, not by their ids.
    page.get_by_role("button", name="Add an interview to day 1").click()
    page.get_by_label("Interview 4: starts").fill("15:00")
    page.get_by_label("Interview 4: ends").fill("16:00")
    page.get_by_role("button", name="Check the timetable").click()
    message = field_error(page, "Interview 4: who")
    assert message.startswith("Interview 4: who is required")
    assert "IPS team leaders" in message
    assert "team-leaders" not in plain(page)


def test_workforce_hostile_figures_and_the_supervision_example(page: Page, site_url: str) -> None:
    open_tool(page, site_url, "workforce")
    people = page.get_by_label("People to support in a year")
    months = page.get_by_label("Average months each person spends on the caseload")
    months.fill("12")
    for hostile in ("1e27", "1e30", "9" * 5000):
        people.fill(hostile)
        people.press("Enter")
        expect(results(page).get_by_role("heading", level=2)).to_be_focused(timeout=10_000)
        wait_for_summary(page, "")
        plain(page)
    # The 5,000-digit number is named by its label, next to the field.
    assert field_error(page, "People to support in a year").startswith(
        "People to support in a year"
    )
    # Item 8's own example: 4 specialists, half-time supervision is enough and 0.4 is not.
    people.fill("80")
    page.get_by_label("Employment specialists, in full-time equivalents").fill("4")
    leaders = page.get_by_label("Team leader time for supervising specialists", exact=False)
    leaders.fill("0.4")
    leaders.press("Enter")
    wait_for_summary(page, "4 employment specialist posts")
    # Waited for, not read once: an earlier run (80 people, 4 specialists, no supervision yet)
    # gives the same summary, and may still be the one on screen.
    expect(results(page)).to_contain_text("Not in place.", timeout=10_000)
    leaders.fill("0.5")
    leaders.press("Enter")
    page.get_by_text("In place.", exact=True).wait_for(timeout=10_000)
    plain(page)


def test_readiness_invitation_date(page: Page, site_url: str) -> None:
    open_tool(page, site_url, "readiness")
    text = page.get_by_role(
        "group", name="Independent fidelity reviews (if you have had any)"
    ).inner_text()
    assert "makes a service eligible" in text and "only by invitation" in text
    page.get_by_role("button", name="Add a review").click()
    invited = page.get_by_label("Review 1: invited on")
    assert invited.get_attribute("type") == "date" and invited.get_attribute("lang") == "en-GB"
    page.get_by_label("Day to judge on").fill("2025-01-01")
    page.get_by_label("Review 1: date").fill("2024-03-01")
    page.get_by_label("Review 1: score").fill("108")
    page.get_by_role("button", name="Check status and readiness").click()
    wait_for_summary(page, "eligible")
    invited.fill("2024-04-01")
    invited.press("Enter")
    wait_for_summary(page, "Centre of Excellence until Thursday 1 April 2027")
    plain(page)
