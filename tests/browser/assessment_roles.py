"""The self-assessment's controls as a person finds them: by role and the words they read.

Kept in one place so that a change of wording on the page is a change here, not in every test.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page


def rating(page: Page, item: int, score: int) -> Locator:
    """The radio button for `score` in the rating of item number `item`."""
    group = page.get_by_role("group", name=f"Your rating for item {item}", exact=True)
    return group.get_by_role("radio", name=re.compile(rf"^{score}\b"))


def note(page: Page, item: int) -> Locator:
    return page.get_by_label(f"Your notes on item {item} (optional)")


def total(page: Page) -> Locator:
    """The total as the summary shows it ("9 out of 125")."""
    return page.get_by_role("definition").filter(has_text=re.compile(r"out of 125$")).first


def answered(page: Page) -> Locator:
    """How many items are answered, as the summary shows it ("25 of 25")."""
    return page.get_by_role("definition").filter(has_text=re.compile(r"^\d+ of 25$")).first
