"""Pages label what the sources do not say as the site's own: on the timetable checker, how it
finds lunch, the morning and the afternoon, and the tips; on every item page, what a reviewer
looks for (the scale says only that reviewers examine documented evidence and interview)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

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


def test_what_a_reviewer_looks_for_is_labelled_on_every_item_page(
    built_site: Path, scale_yaml: dict[str, Any]
) -> None:
    for item in scale_yaml["items"]:
        page = article((built_site / "scale" / "items" / item["id"] / "index.html").read_text())
        assert "is this site's reading" in section(page, "What a reviewer looks for"), item["id"]
