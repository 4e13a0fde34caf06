"""The timetable checker's page labels what the partnership agreement does not say: how the
checker finds lunch, the morning and the afternoon, and the tips, are the site's own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_helpers import article, text

pytestmark = pytest.mark.site


def section(page: str, heading: str) -> str:
    """The text from a heading to the next heading of any level."""
    found = re.search(
        rf">{re.escape(heading)}(?:<a [^>]*>[^<]*</a>)?</h[23]>(.*?)(?:<h[1-3]|$)", page, re.S
    )
    assert found, heading
    return text(found.group(1))


def test_the_checkers_reading_and_the_tips_are_labelled(built_site: Path) -> None:
    page = article((built_site / "tools" / "timetable" / "index.html").read_text("utf-8"))
    assert "this site's reading, not rules from the agreement" in section(
        page, "How the checker reads a day"
    )
    assert "this site's own advice" in section(page, "Tips for a workable timetable")
