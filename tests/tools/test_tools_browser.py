"""The four tool pages in Chromium, used by keyboard alone, as a static host serves them.

Every test's browser context records its requests: each test fails if any left the site's own
origin or was not a GET, or if a page threw an uncaught error. What the pages show is compared
with what the same Python code gives on CPython.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from browser_helpers import check_recorder, open_context, tab_to
from playwright.sync_api import Browser, Locator, Page, expect
from tools_browser import (
    TOOLS,
    focused,
    open_tool,
    results,
    summary,
    type_date,
    type_time,
    violations,
    wait_for_summary,
    wait_ready,
)

from scorer.planning.review_plan import review_plan
from scorer.planning.rules import Planning
from scorer.planning.timetable import check_timetable

pytestmark = pytest.mark.browser

ERRORS = "Please check these entries"


def results_focused(page: Page) -> None:
    """After a result, the focus moves to the results' heading."""
    heading = results(page).get_by_role("heading", level=2)
    expect(heading).to_be_focused(timeout=10_000)


def invalid(page: Page) -> Locator:
    # The fields marked invalid for assistive technology: an attribute, not words on the page.
    return page.locator("[aria-invalid=true]")


# --- the review planner --------------------------------------------------------------------


def test_review_planner_by_keyboard(
    page: Page, site_url: str, planning: Planning, tmp_path: Path
) -> None:
    open_tool(page, site_url, "review-planner")
    tab_to(page.get_by_label("First day of the review"))
    type_date(page, "2024-03-31")
    tab_to(page.get_by_label("Day the report is finalised and confirmed (optional)"))
    type_date(page, "2024-05-31")
    page.keyboard.press("Enter")
    results_focused(page)
    wait_for_summary(page, "15 tasks", "6 of them have a date")

    expected = review_plan({"start": "2024-03-31", "report_final": "2024-05-31"}, planning.review)
    timings = [s["timing"] for stage in expected["stages"] for s in stage["steps"]]
    # Each task is a checkbox named by its words and described by when it is due.
    tasks = results(page).get_by_role("checkbox")
    expect(tasks).to_have_count(len(timings))
    for number, timing in enumerate(timings):
        expect(tasks.nth(number)).to_have_accessible_description(timing)
    assert "No later than Thursday 29 February 2024" in timings[0]
    assert expected["review_days"] == ["2024-03-31", "2024-04-01"]  # a Sunday: warned about
    expect(results(page).get_by_text(re.compile("falls at a weekend"))).to_be_visible()

    calendar = page.get_by_role("button", name="Download the dates for your calendar (.ics)")
    tab_to(calendar)
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
    expect(results(page).get_by_role("status").filter(has_text="has been saved")).to_be_visible()

    # Printed: the checklist with its boxes, without the form, the buttons and the loading bar.
    page.emulate_media(media="print")
    expect(tasks.first).to_be_visible()
    expect(page.get_by_role("group", name="Your review")).to_be_hidden()
    expect(calendar).to_be_hidden()
    expect(page.get_by_role("region", name="Calculator status")).to_be_hidden()
    page.emulate_media(media="screen")

    # A feedback session before the review ends is refused beside its field, and the list of
    # problems links to the field.
    feedback = page.get_by_label("Day of the feedback session (optional)")
    tab_to(
        page.get_by_label("Day the report is finalised and confirmed (optional)"), backwards=True
    )
    tab_to(feedback)
    type_date(page, "2024-03-20")
    page.keyboard.press("Enter")
    wait_for_summary(page, "1 entry needs checking")
    expect(feedback).to_have_attribute("aria-invalid", "true")
    expect(feedback).to_have_accessible_description(
        re.compile("Day of the feedback session must come after the last review day")
    )
    expect(page.get_by_role("heading", name=ERRORS)).to_be_visible()
    tab_to(page.get_by_role("link", name=re.compile("must come after the last review day")))
    page.keyboard.press("Enter")
    assert focused(feedback)


# --- the timetable checker -------------------------------------------------------------------


def day(page: Page, number: int) -> Locator:
    return page.get_by_role("group", name=f"Day {number} of the review")


def interview_field(page: Page, day_number: int, number: int, part: str) -> Locator:
    return day(page, day_number).get_by_label(f"Interview {number}: {part}", exact=True)


def enter_interview(
    page: Page, day_number: int, number: int, presses: int, start: str, end: str
) -> None:
    """Fill one row by keyboard: the group is chosen with the arrow keys."""
    tab_to(interview_field(page, day_number, number, "who"))
    for _ in range(presses):
        page.keyboard.press("ArrowDown")
    tab_to(interview_field(page, day_number, number, "starts"))
    type_time(page, start)
    tab_to(interview_field(page, day_number, number, "ends"))
    type_time(page, end)


def test_timetable_by_keyboard(page: Page, site_url: str, planning: Planning) -> None:
    open_tool(page, site_url, "timetable")
    enter_interview(page, 1, 1, 1, "09:00", "09:45")  # clinicians
    tab_to(page.get_by_role("button", name="Add an interview to day 1"))
    page.keyboard.press("Enter")
    assert focused(interview_field(page, 1, 2, "who"))
    enter_interview(page, 1, 2, 2, "09:49", "10:30")  # senior executives
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
    shown = results(page).get_by_role("list").first.get_by_role("listitem")
    expect(shown).to_have_text([b["message"] for b in expected["breaches"]])
    assert any("only 4 minutes" in b["message"] for b in expected["breaches"])
    # Each row that breaks a rule says so in its heading cell.
    expect(day(page, 1).get_by_role("row").filter(has_text="(breaks a rule)")).to_have_count(2)

    # Five minutes keeps the rule: move the second interview back by one minute. (Shift+Tab
    # would land on the last part of the time field, so go back to the row and forwards again.)
    tab_to(interview_field(page, 1, 2, "who"), backwards=True)
    tab_to(interview_field(page, 1, 2, "starts"))
    type_time(page, "09:50")
    page.keyboard.press("Enter")
    wait_for_summary(page, "3 rules broken")
    findings = shown.all_inner_texts()
    assert [f for f in findings if "only" in f] == []
    assert [f for f in findings if "morning needs a break" in f] != []

    # Removing a row by keyboard moves the focus to a sensible place and renumbers.
    tab_to(interview_field(page, 1, 1, "who"))
    tab_to(day(page, 1).get_by_role("button", name="Remove interview 1"))
    page.keyboard.press("Enter")
    first = interview_field(page, 1, 1, "who")
    assert focused(first)
    expect(first).to_have_value("senior-executives")
    # The words the list shows are those of its chosen option.
    expect(first.locator("option:checked")).to_have_text("Senior executives of the Trust")


def test_timetable_saved_and_opened_again(page: Page, site_url: str, tmp_path: Path) -> None:
    open_tool(page, site_url, "timetable")
    enter_interview(page, 1, 1, 5, "09:00", "10:00")  # clients
    tab_to(day(page, 2).get_by_label("Date (optional)"))
    type_date(page, "2026-06-02")
    page.keyboard.press("Enter")
    wait_for_summary(page, "4 stakeholder groups not interviewed yet")
    before = summary(page)
    tab_to(page.get_by_role("button", name="Save the timetable as a file (JSON)"))
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
    wait_ready(page)
    page.get_by_label("Open a timetable saved from this page").set_input_files(str(saved))
    wait_for_summary(page, before)
    expect(interview_field(page, 1, 1, "who")).to_have_value("clients")
    expect(day(page, 2).get_by_label("Date (optional)")).to_have_value("2026-06-02")


# --- the workforce planner -------------------------------------------------------------------

PEOPLE = "People to support in a year"
MONTHS = "Average months each person spends on the caseload"
SPECIALISTS_FTE = "Employment specialists, in full-time equivalents"
HEADCOUNT = "Employment specialists, as a number of people (optional)"
LEADERS_FTE = "Team leader time for supervising specialists, in full-time equivalents"


def test_workforce_by_keyboard(page: Page, site_url: str) -> None:
    open_tool(page, site_url, "workforce")
    for label, value in (
        (PEOPLE, "220"),
        (MONTHS, "12"),
        (SPECIALISTS_FTE, "10"),
        (LEADERS_FTE, "1"),
    ):
        tab_to(page.get_by_label(label, exact=True))
        page.keyboard.type(value)
    page.keyboard.press("Enter")
    results_focused(page)
    text = wait_for_summary(page, "11 employment specialist posts", "2 team leader posts")
    assert "item 1 would score 4 now" in text
    output = results(page)
    expect(output).to_contain_text("1.25 full-time equivalent of supervision")  # 11 need more
    expect(output).to_contain_text("Would score 4.")
    expect(output).to_contain_text("In place.")  # 10 specialists for 1 full-time supervisor

    people = page.get_by_label(PEOPLE, exact=True)
    tab_to(people, backwards=True)
    page.keyboard.press("Control+A")
    page.keyboard.type("200")
    page.keyboard.press("Enter")
    wait_for_summary(page, "10 employment specialist posts", "1 team leader post;")
    expect(output).to_contain_text("= 1 full-time equivalent of supervision")

    tab_to(page.get_by_label(HEADCOUNT, exact=True))
    page.keyboard.type("11")
    page.keyboard.press("Enter")
    # 11 people for one full-time supervisor: the role is not in place.
    expect(output).to_contain_text(
        "11 specialists / at most 10 per full-time supervisor = 1.1", timeout=10_000
    )
    expect(output).to_contain_text("Not in place.")
    assert "item 1 would score 5 now" in summary(page)

    # Figures that cannot be used are refused beside their fields, each message naming what
    # the field wants, and listed with links to the fields.
    tab_to(people, backwards=True)
    page.keyboard.press("Control+A")
    page.keyboard.type("lots")
    months = page.get_by_label(MONTHS, exact=True)
    tab_to(months)
    page.keyboard.press("Control+A")
    page.keyboard.type("0")
    page.keyboard.press("Enter")
    wait_for_summary(page, "2 entries need checking")
    # The people field's message names it and says more (its label alone is not the message).
    named = r"people to support in a year\W+\w|\w\W+people to support in a year"
    for field, words in ((people, named), (months, "more than 0")):
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(re.compile(words, re.IGNORECASE))
        # The message is on screen in the field's own box (its parent), not only in the list.
        box = field.locator("xpath=..")
        expect(box.get_by_text(re.compile(words, re.IGNORECASE))).to_be_visible()
    expect(people).to_have_accessible_description(re.compile(r"number|like \d"))  # what to enter
    expect(
        page.get_by_role("link", name=re.compile("people to support in a year", re.I))
    ).to_be_visible()


# --- status and readiness --------------------------------------------------------------------

STARTED = "Day the service started supporting people"
TOTAL = "Total of your latest complete self-assessment (25 to 125)"
JUDGE_ON = "Day to judge on (optional)"


def test_readiness_by_keyboard(page: Page, site_url: str) -> None:
    open_tool(page, site_url, "readiness")
    expect(
        page.get_by_text(re.compile("only by invitation from Centre for Mental Health")).first
    ).to_be_visible()
    tab_to(page.get_by_label(STARTED))
    type_date(page, "2024-02-29")
    total = page.get_by_label(TOTAL)
    tab_to(total)
    page.keyboard.type("100")
    tab_to(page.get_by_label(JUDGE_ON))
    type_date(page, "2025-08-28")
    page.keyboard.press("Enter")
    results_focused(page)
    wait_for_summary(page, "probably not ready")
    expect(results(page)).to_contain_text("has run for 17 months")

    tab_to(total, backwards=True)
    tab_to(page.get_by_label(JUDGE_ON))
    type_date(page, "2025-08-29")
    page.keyboard.press("Enter")
    wait_for_summary(page, "may be ready")
    expect(results(page)).to_contain_text("only by invitation")

    tab_to(page.get_by_role("button", name="Add a review"))
    page.keyboard.press("Enter")
    assert focused(page.get_by_label("Review 1: date"))
    type_date(page, "2024-02-29")
    tab_to(page.get_by_label("Review 1: score"))
    page.keyboard.type("104")
    page.keyboard.press("Enter")
    # Without an invitation, a review of 100 or more makes the service eligible, not a Centre:
    # the status comes by invitation only.
    wait_for_summary(page, "makes the service eligible")
    expect(results(page)).to_contain_text("only by invitation")
    # Invited on the day of the review: a Centre for three years from the invitation.
    tab_to(page.get_by_label("Review 1: invited on"))
    type_date(page, "2024-02-29")
    page.keyboard.press("Enter")
    wait_for_summary(page, "is a Centre of Excellence until Sunday 28 February 2027")


def test_readiness_review_score_out_of_range(page: Page, site_url: str) -> None:
    open_tool(page, site_url, "readiness")
    tab_to(page.get_by_role("button", name="Add a review"))
    page.keyboard.press("Enter")
    type_date(page, "2024-01-10")
    score = page.get_by_label("Review 1: score")
    tab_to(score)
    page.keyboard.type("130")
    page.keyboard.press("Enter")
    wait_for_summary(page, "1 entry needs checking")
    expect(score).to_have_attribute("aria-invalid", "true")
    expect(score).to_have_accessible_description(re.compile("130"))
    expect(page.get_by_role("link", name=re.compile("130"))).to_be_visible()

    # With no day to judge on, the tool judges on the device's own today.
    score.fill("98")
    page.get_by_label(STARTED).fill("2000-01-01")
    page.get_by_role("button", name="Check status and readiness").click()
    today = date.today()
    months = (today.year - 2000) * 12 + today.month - 1
    expect(results(page)).to_contain_text(f"has run for {months} months", timeout=10_000)
    expect(page.get_by_role("heading", name=ERRORS)).to_be_hidden()
    expect(invalid(page)).to_have_count(0)


# --- every page: accessibility and offline -----------------------------------------------------

SUBMIT = {
    "review-planner": "Show the plan",
    "timetable": "Check the timetable",
    "workforce": "Work out the staffing",
    "readiness": "Check status and readiness",
}


def fill_for_axe(page: Page, name: str) -> None:
    """Some answers and, where a tool has rows, an added row: the state a user reaches."""
    if name == "review-planner":
        page.get_by_label("First day of the review").fill("2026-06-06")
        page.get_by_label("Day the report is finalised and confirmed (optional)").fill("2026-07-10")
    elif name == "timetable":
        interview_field(page, 1, 1, "who").select_option("clinicians")
        interview_field(page, 1, 1, "starts").fill("09:00")
        interview_field(page, 1, 1, "ends").fill("09:45")
        page.get_by_role("button", name="Add an interview to day 1").click()
        interview_field(page, 1, 2, "who").select_option("clients")
        interview_field(page, 1, 2, "starts").fill("09:30")
        interview_field(page, 1, 2, "ends").fill("10:00")
    elif name == "workforce":
        page.get_by_label(PEOPLE, exact=True).fill("220")
        page.get_by_label(MONTHS, exact=True).fill("12")
        page.get_by_label(SPECIALISTS_FTE, exact=True).fill("9")
        page.get_by_label(LEADERS_FTE, exact=True).fill("1")
    else:
        page.get_by_label(STARTED).fill("2024-01-10")
        page.get_by_label(TOTAL).fill("104")
        page.get_by_role("button", name="Add a review").click()
        page.get_by_label("Review 1: date").fill("2024-02-29")
        page.get_by_label("Review 1: score").fill("104")
    page.get_by_role("button", name=SUBMIT[name]).click()


BAD_INPUT = {
    "review-planner": (
        ("First day of the review", "2026-06-01"),
        ("Day the report is finalised and confirmed (optional)", "2026-05-01"),
    ),
    "timetable": (("Interview 1: starts", "10:00"), ("Interview 1: ends", "09:00")),
    "workforce": ((PEOPLE, "many"), (MONTHS, "6")),
    "readiness": ((TOTAL, "7"), (STARTED, "2024-01-10")),
}


@pytest.mark.parametrize("name", TOOLS)
def test_no_axe_violations(page: Page, site_url: str, axe_source: str, name: str) -> None:
    open_tool(page, site_url, name)
    assert violations(page, axe_source) == [], "as loaded"
    prompt = summary(page)
    # The timetable has the same labels on both days: day 1's are meant.
    scope = day(page, 1) if name == "timetable" else page
    if name == "timetable":
        interview_field(page, 1, 1, "who").select_option("clinicians")
    for label, value in BAD_INPUT[name]:
        scope.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name=SUBMIT[name]).click()
    expect(page.get_by_role("heading", name=ERRORS)).to_be_visible(timeout=10_000)
    assert invalid(page).count() >= 1
    assert violations(page, axe_source) == [], "with errors"
    fill_for_axe(page, name)
    expect(page.get_by_role("heading", name=ERRORS)).to_be_hidden(timeout=10_000)
    expect(results(page).get_by_role("status").first).not_to_have_text(prompt)
    assert violations(page, axe_source) == [], "with results"


def test_index_lists_every_tool(page: Page, site_url: str, axe_source: str) -> None:
    page.goto(f"{site_url}tools/")
    links = page.get_by_role("article").get_by_role("link")
    hrefs = links.evaluate_all("(links) => links.map((a) => a.href)")
    tools = [h.rstrip("/").rsplit("/", 1)[1] for h in hrefs if re.search(r"/tools/[a-z-]+/$", h)]
    assert list(dict.fromkeys(tools)) == list(TOOLS)
    for name in ("Review planner", "Timetable checker", "Workforce planner"):
        expect(
            page.get_by_role("article").get_by_role("link", name=name, exact=True)
        ).to_be_visible()
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
        wait_ready(page)
        page.get_by_label(PEOPLE, exact=True).fill("100")
        page.get_by_label(MONTHS, exact=True).fill("6")
        page.get_by_role("button", name="Work out the staffing").click()
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
            if name == "timetable":
                expect(interview_field(page, 1, 1, "who")).to_be_visible()
                expect(day(page, 1).get_by_text("Interview 1: who")).to_be_visible()
            if name == "readiness":
                page.get_by_role("button", name="Add a review").click()
                expect(page.get_by_text("Review 1: date", exact=True)).to_be_visible()
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, (name, width)
    finally:
        context.close()
    check_recorder(recorder)
