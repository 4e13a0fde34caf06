"""Plain English: the scale's shorthand "SE" (supported employment) is spelled out in every page
a person reads; only the developers' page may use shorthand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_helpers import article, text

pytestmark = pytest.mark.site


def test_no_page_for_people_says_se_for_supported_employment(
    built_site: Path, pages: list[Path]
) -> None:
    checked = 0
    for page in pages:
        if page.relative_to(built_site).parts[0] == "developers":
            continue
        words = text(article(page.read_text("utf-8")))
        assert not re.search(r"\bSE\b", words), page.relative_to(built_site)
        checked += 1
    assert checked > 40
