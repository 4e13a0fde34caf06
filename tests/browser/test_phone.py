"""The self-assessment on a phone (390x844) and a desktop (1280x900), as a person uses it (issue
17): the task list, one item at a time with Previous, Next, "Back to all items" and "Results"
that nothing covers, the results as their own view, figures shown in the rating, messages that
say what to do, plain loading words, and the home page's way in."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import open_assessment, settle, wait_until
from playwright.sync_api import Locator, Page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SCREENS = 4  # an item's view is at most this many phone screens tall
SHOTS = Path(os.environ["IPS_SHOTS"]) if os.environ.get("IPS_SHOTS") else None

# What is at the centre of a control: itself (or something inside it), or whatever covers it.
HIT = """(element) => {
  const box = element.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return Boolean(hit) && (hit === element || element.contains(hit));
}"""


def shot(page: Page, name: str, full: bool = False) -> None:
    if SHOTS:
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def tappable(link: Locator) -> bool:
    link.scroll_into_view_if_needed()
    return bool(link.evaluate(HIT))


def items_shown(page: Page) -> Locator:
    """The item regions a person can see (hidden ones are not in the accessibility tree)."""
    return page.get_by_role("region", name=re.compile(r"^Item \d+:"))


def focused_text(page: Page) -> str:
    return str(page.evaluate("document.activeElement.textContent.replace(/\\s+/g, ' ').trim()"))


def height(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollHeight"))


def test_phone_task_list_one_item_at_a_time_and_results(page: Page, assessment_url: str) -> None:
    page.set_viewport_size(PHONE)
    open_assessment(page, assessment_url)
    nav = page.get_by_role("navigation", name="The 25 items")
    entries = nav.get_by_role("listitem")
    assert entries.count() == 25
    assert items_shown(page).count() == 0
    first = nav.get_by_role("link").first
    assert first.inner_text().startswith("1. Caseload size") and "Not started" in first.inner_text()
    assert nav.get_by_role("link").nth(24).inner_text().startswith("25. ")
    # The list starts in the first screen; the running total is above it, the files after it.
    assert first.bounding_box()["y"] + first.bounding_box()["height"] <= PHONE["height"]
    score = page.get_by_role("region", name="Your score so far")
    assert score.get_by_text(re.compile("^Total 0 out of 125")).is_visible()
    assert score.bounding_box()["y"] < nav.bounding_box()["y"]
    save = page.get_by_role("button", name="Save as a file (JSON)")
    assert save.is_visible() and save.bounding_box()["y"] > nav.bounding_box()["y"]
    print(f"phone task list height: {height(page)}")
    shot(page, "phone-task-list")

    first.click()
    page.get_by_role("heading", name=re.compile("^Item 1:")).wait_for()
    tallest = 0
    for number in range(1, 26):
        shown = items_shown(page)
        assert shown.count() == 1, number
        heading = shown.get_by_role("heading", level=2)
        assert heading.inner_text().startswith(f"Item {number}:")
        assert focused_text(page) == heading.inner_text(), number  # focus moved to the heading
        assert nav.count() == 0 or not nav.is_visible()
        calculator = shown.get_by_text(f"Work out item {number} from your figures")
        if calculator.count():
            calculator.click()
        tallest = max(tallest, height(page))
        assert height(page) <= SCREENS * PHONE["height"], number
        assert tappable(page.get_by_role("link", name="Results", exact=True)), number
        assert page.get_by_role("link", name="Back to all items").is_visible()
        if number == 1:
            assert page.get_by_role("link", name=re.compile("^Previous")).count() == 0
            shot(page, "phone-item-1", full=True)
        if number < 25:
            following = page.get_by_role("link", name=re.compile("^Next"))
            assert tappable(following), number
            following.click()
            page.get_by_role("heading", name=re.compile(f"^Item {number + 1}:")).wait_for()
        else:
            assert page.get_by_role("link", name=re.compile("^Next")).count() == 0
    print(f"phone item view, tallest with its calculator open: {tallest}")

    # Previous and the browser's Back are real moves between the items.
    page.get_by_role("link", name=re.compile("^Previous")).click()
    page.get_by_role("heading", name=re.compile("^Item 24:")).wait_for()
    assert items_shown(page).get_by_role("heading", level=2).inner_text().startswith("Item 24:")
    page.go_back()
    page.get_by_role("heading", name=re.compile("^Item 25:")).wait_for()
    assert items_shown(page).get_by_role("heading", level=2).inner_text().startswith("Item 25:")

    # Back to all items: the list again, at the item just left.
    page.get_by_role("link", name="Back to all items").click()
    nav.wait_for()
    assert nav.is_visible() and items_shown(page).count() == 0
    assert focused_text(page).startswith("25. ")

    # The results are a view of their own: total, band, chart, action plan.
    page.get_by_role("link", name="Results", exact=True).click()
    results = page.get_by_role("region", name="Your results")
    results.wait_for()
    assert results.is_visible() and items_shown(page).count() == 0
    for part in (
        "Total",
        "Possible total when complete",
        "Item scores by principle",
        "Your action plan",
    ):
        assert results.get_by_text(part, exact=True).first.is_visible(), part
    assert not nav.is_visible()
    print(f"phone results height: {height(page)}")
    shot(page, "phone-results")


@pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_an_item_link_opens_that_item_with_focus_on_its_heading(
    page: Page, assessment_url: str, screen: dict[str, int]
) -> None:
    page.set_viewport_size(screen)
    open_assessment(page, assessment_url + "#competitive-jobs")
    heading = page.get_by_role("heading", name=re.compile("^Item 21:"))
    wait_until(page, "document.activeElement.id === 'item-competitive-jobs-title'")
    box = heading.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= screen["height"]
    assert tappable(page.get_by_role("link", name="Results", exact=True))
    # A phone shows the item alone; a desktop keeps the whole form with the list beside it.
    assert items_shown(page).count() == (1 if screen is PHONE else 25)
    nav = page.get_by_role("navigation", name="The 25 items")
    assert nav.is_visible() == (screen is DESKTOP)
    shot(page, f"{'phone' if screen is PHONE else 'desktop'}-item-21")


@pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_figures_show_in_the_rating_and_messages_say_what_to_do(
    page: Page, assessment_url: str, screen: dict[str, int]
) -> None:
    page.set_viewport_size(screen)
    open_assessment(page, assessment_url + "#caseload-size")
    item = page.get_by_role("region", name=re.compile("^Item 1:"))
    rating = item.get_by_role("group", name="Your rating for item 1")
    item.get_by_text("Work out item 1 from your figures").click()
    clients = item.get_by_label("Active clients on the employment caseload")
    staff = item.get_by_label("Employment specialists (FTE)")
    settle(page, lambda: clients.fill("46"))
    settle(page, lambda: staff.fill("2"))
    # 46 clients for 2 specialists is 23 each: level 4, selected and marked as from the figures.
    four = rating.get_by_role("radio", name=re.compile(r"^4 .*from your figures$"))
    assert four.is_checked()
    assert rating.get_by_role("radio", name=re.compile("from your figures")).count() == 1
    assert item.get_by_text("Counted: 4 (from your figures).").is_visible()

    # Choosing another level: the figures still count, and the page says so and what to do.
    settle(page, lambda: rating.get_by_role("radio", name=re.compile("^5 ")).click())
    assert four.is_checked()
    note = (
        "Your figures give 4, not the 5 you chose. To choose a level yourself, clear the figures."
    )
    assert rating.get_by_text(note).is_visible()
    if screen is DESKTOP:  # the results beside the form say the same, with a link to the item
        warnings = page.get_by_role("heading", name="Check these answers").locator("xpath=..")
        assert warnings.get_by_text(note[:-1]).is_visible()
    body = page.inner_text("body")
    assert "differs from the evidence" not in body and "the evidence decides" not in body
    shot(page, f"{'phone' if screen is PHONE else 'desktop'}-item-1-figures", full=screen is PHONE)

    # Bad figures get what to do, in the page's words.
    for typed, field, message in (
        ("2,5", staff, "Use a full stop for decimals, like 2.5"),
        ("two", staff, "Enter the specialists' time as a number of full-time posts, like 2.5"),
        ("0", staff, "Employment specialists (FTE) must be more than 0"),
        ("46 clients", clients, "Enter the number of active clients, like 46"),
    ):
        settle(page, lambda field=field, typed=typed: field.fill(typed))
        shown = item.get_by_text(message, exact=True)
        wait_until(page, "(n) => n", arg=shown.count())
        assert shown.is_visible(), message
        assert (
            page.get_by_role("alert")
            .filter(has_text="There is a problem")
            .get_by_role("link", name=f"Item 1: {message}")
            .count()
            == 1
        )
        assert field.get_attribute("aria-invalid") == "true"
    text = page.inner_text("body")
    assert (
        "got the text" not in text
        and "specialists_fte" not in text
        and "active_clients" not in text
    )
    # While the figures give nothing, the person's own level is shown; clearing them keeps it.
    assert rating.get_by_role("radio", name=re.compile("^5 ")).is_checked()
    settle(page, lambda: item.get_by_role("button", name="Clear the figures for item 1").click())
    assert rating.get_by_role("radio", name=re.compile("^5 ")).is_checked()
    assert rating.get_by_role("radio", name=re.compile("from your figures")).count() == 0
    assert not rating.get_by_text(note).is_visible()


def test_huge_figures_give_the_field_a_message_and_count_nothing(
    page: Page, assessment_url: str
) -> None:
    open_assessment(page, assessment_url + "#caseload-size")
    item = page.get_by_role("region", name=re.compile("^Item 1:"))
    item.get_by_text("Work out item 1 from your figures").click()
    settle(
        page, lambda: item.get_by_label("Active clients on the employment caseload").fill("1e27")
    )
    settle(page, lambda: item.get_by_label("Employment specialists (FTE)").fill("2"))
    message = "Active clients on the employment caseload must be 1,000,000,000 or less"
    assert item.get_by_text(message, exact=True).is_visible()
    assert item.get_by_text("Not counted until the problem above is fixed.").is_visible()
    assert (
        page.get_by_role("navigation", name="The 25 items")
        .get_by_role("link")
        .first.inner_text()
        .endswith("Has a problem")
    )
    assert page.get_by_text("0 out of 125").first.is_visible()


# Holds the wheel back to keep the scorer loading: only a first visit fetches it.
@pytest.mark.first_visit
def test_loading_words_and_answers_meanwhile(page: Page, assessment_url: str) -> None:
    page.set_viewport_size(PHONE)
    held: list[Any] = []
    page.route("**/*.whl*", lambda route: held.append(route))
    page.goto(assessment_url + "#vocational-unit", wait_until="domcontentloaded")
    progress = page.get_by_role("progressbar", name="Getting the scorer ready")
    assert progress.is_visible()
    status = page.get_by_role("status").filter(has_text="answer the questions")
    assert status.count() == 1 and "Python" not in status.inner_text()
    page.get_by_role("group", name="Your rating for item 7").get_by_role(
        "radio", name=re.compile("^4 ")
    ).check()
    wait_until(page, "document.getElementById('ipsa-summary-text').textContent.includes('1 of 25')")
    wait_until(page, "(n) => n > 0", arg=len(held))
    held[0].continue_()
    wait_until(page, "document.getElementById('ipsa').dataset.state === 'ready'", timeout=90)
    wait_until(page, "document.getElementById('ipsa-summary-text').textContent.includes('Total 4')")


def test_an_opened_file_with_a_proto_field_gets_the_ordinary_message(
    page: Page, assessment_url: str, tmp_path: Path
) -> None:
    open_assessment(page, assessment_url)
    path = tmp_path / "proto.json"
    path.write_text(json.dumps({"items": {}, "__proto__": 1, "constructor": 2}))
    page.get_by_label("A JSON file saved from this page").set_input_files(str(path))
    page.get_by_role("button", name="Continue from this file").click()
    text = wait_until(
        page,
        "() => { const box = document.getElementById('ipsa-import-error'); "
        "return !box.hidden && box.textContent; }",
    )
    assert "unknown field" in text.lower() and "__proto__" in text, text
    assert "[object Object]" not in text and "function Object" not in text


@pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_home_page_start_button_in_the_first_screen(
    page: Page, site_url: str, screen: dict[str, int]
) -> None:
    page.set_viewport_size(screen)
    page.goto(site_url)
    start = page.get_by_role("link", name="Start the self-assessment")
    box = start.bounding_box()
    assert box is not None and box["y"] + box["height"] <= screen["height"]
    assert start.evaluate(HIT)
    shot(page, f"{'phone' if screen is PHONE else 'desktop'}-home")
    start.click()
    page.wait_for_url("**/self-assessment/")
    assert page.get_by_role("navigation", name="The 25 items").is_visible()


def test_phone_menu_opens_at_the_top_level(page: Page, site_url: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(site_url)
    menu = page.get_by_role("navigation", name="Navigation")
    link = menu.get_by_role("link", name="Self-assessment", exact=True)
    assert not link.evaluate(HIT)  # the menu is closed: the link is off the screen
    page.get_by_role("banner").get_by_role("button", name="Menu").click()
    link.wait_for(state="visible")
    wait_until(page, "document.getAnimations().every((a) => a.playState !== 'running')", timeout=10)
    assert tappable(link)
    link.click()
    page.wait_for_url("**/self-assessment/")


# Every layout shift the page makes by itself (not within half a second of a person's input),
# summed as the browser reports them: the Cumulative Layout Shift of the load.
LAYOUT_SHIFTS = """
window.__layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_nothing_moves_while_the_scorer_loads(
    page: Page, assessment_url: str, screen: dict[str, int]
) -> None:
    """The page as first painted is the page once the scorer is ready: the task list is there
    before the script decides the view, and the loading box keeps its size when it is done
    (it was hidden once ready, which moved the whole form up on a phone: a shift of 0.12)."""
    page.set_viewport_size(screen)
    page.add_init_script(LAYOUT_SHIFTS)
    open_assessment(page, assessment_url)
    page.wait_for_timeout(500)  # lets the browser report the last frames' shifts
    shift = page.evaluate("window.__layoutShift")
    # 0.1 is the web's own line for "good"; a page that moves nothing by itself scores 0.
    assert shift < 0.02, shift
    assert page.get_by_role("progressbar", name="The scorer is ready").is_visible()
