"""The page "For developers" (site_src/developers.md) is the project's written contract: its
tables, examples and limits must stay what the scorer does."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from scorer import api, limits
from scorer.assessment import TOP_FIELDS
from scorer.errors import MESSAGE_LIMIT, PROBLEM_LIMIT, QUOTE_LIMIT
from scorer.exact import LIMIT
from scorer.scale import Scale

PAGE = Path(__file__).resolve().parents[2] / "site_src" / "developers.md"


@pytest.fixture(scope="module")
def page() -> str:
    return PAGE.read_text(encoding="utf-8")


def json_blocks(page: str) -> list[Any]:
    return [json.loads(block) for block in re.findall(r"```json\n(.*?)```", page, re.DOTALL)]


def test_the_items_table_is_the_scales(page: str, scale: Scale) -> None:
    rows = re.findall(r"^\| (\d+) \| `([a-z-]+)` \|", page, re.MULTILINE)
    assert [(int(number), item_id) for number, item_id in rows] == [
        (item.number, item.id) for item in scale.items
    ]
    for item in scale.items:
        row = re.search(rf"^\| {item.number} \| `{item.id}` \| (.*) \|$", page, re.MULTILINE)
        assert row is not None
        assert ("rated directly" in row.group(1)) == (item.measure is None), item.id


def test_the_limits_on_the_page_are_the_scorers(page: str) -> None:
    section = page.split("## Limits on input", 1)[1]
    assert limits.MAX_BYTES == 10 * 1024 * 1024 and "**10 MiB** (10,485,760 bytes)" in section
    for figure in (limits.MAX_DEPTH, limits.MAX_LENGTH, limits.MAX_ENTRIES, LIMIT):
        assert f"**{figure:,}**" in section, figure
    assert limits.MAX_CONTAINERS == limits.MAX_ENTRIES
    assert limits.MAX_YAML_BYTES == 128 * 1024 and "**128 KiB**" in section
    assert "**1900**" in section and "**2199**" in section
    assert f"at most {QUOTE_LIMIT} characters" in section
    assert f"longer than {MESSAGE_LIMIT}" in section
    assert f"past {PROBLEM_LIMIT}" in page


def test_the_assessment_example_is_scored_as_the_page_says(page: str) -> None:
    example = next(b for b in json_blocks(page) if b.get("format") == "ips-fidelity-assessment")
    if "assessor" not in TOP_FIELDS:  # the field arrives with combine and history
        example.pop("assessor")
    result = json.loads(api.score_json(json.dumps(example)))
    assert "errors" not in result, result
    scores = {i["id"]: i["score"] for i in result["items"] if i["answered"]}
    assert scores == {"caseload-size": 5, "zero-exclusion": 5, "disclosure": 4}


def test_the_script_example_gives_what_its_comment_says(page: str) -> None:
    assert "console.log(answer.total, answer.band); // 5 null" in page
    result = json.loads(
        api.score_json(
            '{"items": {"caseload-size": {"evidence": {"active_clients": 60, "specialists_fte": 3}}}}'
        )
    )
    assert (result["total"], result["band"]) == (5, None)


def test_the_error_example_is_the_scorers_own(page: str) -> None:
    example = next(b for b in json_blocks(page) if "errors" in b)
    answer = json.loads(
        api.score_json(
            '{"items": {"caseload-size": {"evidence": {"active_clients": 9, "specialists_fte": 0}}}}'
        )
    )
    assert answer == example


def test_every_example_is_json_the_scorer_reads(page: str) -> None:
    blocks = re.findall(r"```json\n(.*?)```", page, re.DOTALL)
    assert len(blocks) >= 4
    for block in blocks:
        assert "data" in json.loads(api.read_json(block)), block[:80]
