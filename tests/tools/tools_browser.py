"""Helpers for the tool pages in Chromium: keyboard-only entry and axe (request recording and
tab_to are in browser_helpers, shared with the self-assessment's tests). Fields and buttons are
found by their role and the name a person reads; the results by the region that holds them."""

from __future__ import annotations

import re
import time
from typing import Any

from playwright.sync_api import Locator, Page

READY_TIMEOUT_MS = 90_000
TOOLS = ("review-planner", "timetable", "workforce", "readiness")
# The heading of each tool's results, which names the region that holds them.
RESULTS = re.compile(
    "^(Your review plan|What the checker found|Staffing needed|Status and readiness)$"
)

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' '))
  }));
}"""


def wait_ready(page: Page) -> None:
    # The page's own signal that the calculator is ready: a data attribute a person never reads.
    page.locator("#tool[data-state=ready]").wait_for(timeout=READY_TIMEOUT_MS)


def open_tool(page: Page, site_url: str, name: str) -> None:
    page.goto(f"{site_url}tools/{name}/")
    wait_ready(page)


def results(page: Page) -> Locator:
    """The region holding the tool's answer."""
    return page.get_by_role("region", name=RESULTS)


def focused(target: Locator) -> bool:
    return bool(target.evaluate("(el) => el === document.activeElement"))


def type_date(page: Page, iso: str) -> None:
    """Type a date into the focused date field, as the en-US field (mm/dd/yyyy) takes it."""
    year, month, day = iso.split("-")
    page.keyboard.type(f"{month}{day}{year}")


def type_time(page: Page, hhmm: str) -> None:
    """Type a 24-hour time into the focused time field, which shows 12 hours and AM/PM."""
    hours, minutes = (int(part) for part in hhmm.split(":"))
    twelve = hours % 12 or 12
    page.keyboard.type(f"{twelve:02d}{minutes:02d}{'P' if hours >= 12 else 'A'}")


def summary(page: Page) -> str:
    """The sentence that sums the answer up: the first status message of the results."""
    return results(page).get_by_role("status").first.inner_text()


def wait_for_summary(page: Page, *parts: str, timeout: float = 10.0) -> str:
    """The summary once it contains every one of `parts`."""
    deadline = time.monotonic() + timeout
    while True:
        text = summary(page)
        if all(part in text for part in parts):
            return text
        if time.monotonic() > deadline:
            raise AssertionError(f"summary {text!r} never showed {parts}")
        time.sleep(0.05)


def violations(page: Page, axe_source: str) -> list[dict[str, Any]]:
    """axe-core run by the test driver (the page's policy allows no injected script).

    The pointer is moved off the page first and colour transitions are left to finish, so
    that a button still fading into its hover colour is not measured halfway.
    """
    page.mouse.move(0, 0)
    page.wait_for_timeout(400)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source + "\n;undefined")
    found: list[dict[str, Any]] = page.evaluate(RUN_AXE)
    return found
