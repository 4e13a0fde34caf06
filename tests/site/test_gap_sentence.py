"""The sentence saying that a figure falling between two descriptions gets the lower score is
said only on item pages whose figures can fall between two: a count of components or phases,
or a specialist's rating, always lands on one score, so there it would promise a rule that
never applies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from site_helpers import article, text

pytestmark = pytest.mark.site

GAP = "leave a figure between two scores"
NO_GAP_TYPES = ("components", "phases", "specialist_ratings")


def test_the_gap_sentence_only_where_a_gap_can_exist(
    built_site: Path, scale_yaml: dict[str, Any]
) -> None:
    said, unsaid = [], []
    for item in scale_yaml["items"]:
        page = article((built_site / "scale" / "items" / item["id"] / "index.html").read_text())
        if not item.get("measure"):
            assert GAP not in text(page), item["id"]
        elif item["measure"]["type"] in NO_GAP_TYPES:
            unsaid.append(item["id"])
            assert GAP not in text(page), item["id"]
        else:
            said.append(item["id"])
            assert GAP in text(page), item["id"]
    assert "caseload-size" in said and "competitive-jobs" in said
    assert "integration-team-contact" in unsaid and "vocational-generalists" in unsaid
