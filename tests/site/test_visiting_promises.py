"""The visiting page promises no list it does not hold: while no Centre is listed it has no list
of contact routes, so its text never points to one "below"; it says the routes appear while a
Centre is listed."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_helpers import article, text

pytestmark = pytest.mark.site


def test_the_visiting_page_points_to_no_missing_list(built_site: Path) -> None:
    page = article((built_site / "centres" / "visiting" / "index.html").read_text("utf-8"))
    words = text(page)
    assert "list below" not in words
    assert "so does this page for as long as the Centre is listed" in words
