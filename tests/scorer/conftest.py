"""Fixtures for the black-box scorer tests: the scale, and small helpers that build
assessments and read one item's score, so each test states only what it checks."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from scorer.errors import AssessmentError
from scorer.result import score
from scorer.scale import Scale
from scorer.scale_files import default_scale

ROOT = Path(__file__).resolve().parents[2]

Assessment = dict[str, Any]


def item_yaml(root: Path) -> dict[str, dict[str, Any]]:
    """The raw item files keyed by id: component ids and anchors straight from the content."""
    items: dict[str, dict[str, Any]] = {}
    for path in sorted((root / "scale" / "items").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        items[data["id"]] = data
    return items


@pytest.fixture(scope="session")
def scale() -> Scale:
    return default_scale()


@pytest.fixture(scope="session")
def raw_items() -> dict[str, dict[str, Any]]:
    return item_yaml(ROOT)


@pytest.fixture(scope="session")
def item_ids(raw_items: dict[str, dict[str, Any]]) -> list[str]:
    """The 25 ids in scale order (by number)."""
    return [i["id"] for i in sorted(raw_items.values(), key=lambda i: i["number"])]


@pytest.fixture(scope="session")
def components(raw_items: dict[str, dict[str, Any]]) -> Callable[[str], list[str]]:
    """Component ids of a components item, in the order the scale lists them."""

    def get(item_id: str) -> list[str]:
        return [c["id"] for c in raw_items[item_id]["measure"]["components"]]

    return get


@pytest.fixture(scope="session")
def run(scale: Scale) -> Callable[[Assessment], dict[str, Any]]:
    """Score an assessment and insist the result is plain JSON data."""

    def go(assessment: Assessment) -> dict[str, Any]:
        result = score(assessment, scale)
        assert json.loads(json.dumps(result)) == result
        return result

    return go


@pytest.fixture(scope="session")
def item_score(run: Callable[[Assessment], dict[str, Any]]) -> Callable[..., Any]:
    """Score one item from its evidence alone and return that item's score."""

    def go(item: str, evidence: dict[str, Any]) -> Any:
        result = run({"items": {item: {"evidence": evidence}}})
        (entry,) = [i for i in result["items"] if i["id"] == item]
        assert entry["source"] == "evidence"
        return entry["score"]

    return go


@pytest.fixture(scope="session")
def problems(scale: Scale) -> Callable[[Assessment], list[Any]]:
    """The problems an invalid assessment raises; fails if scoring returns a result."""

    def go(assessment: Any) -> list[Any]:
        with pytest.raises(AssessmentError) as caught:
            score(assessment, scale)
        found = list(caught.value.problems)
        assert found, "AssessmentError carries no problems"
        return found

    return go


def ratings(total: int, ids: list[str]) -> Assessment:
    """A complete assessment of direct ratings adding up to `total` (25-125)."""
    assert 25 <= total <= 125
    extra = total - 25
    items: dict[str, Any] = {}
    for item_id in ids:
        add = min(4, extra)
        extra -= add
        items[item_id] = {"score": 1 + add}
    return {"format": "ips-fidelity-assessment", "version": 1, "items": items}


@pytest.fixture(scope="session")
def complete_with_total(item_ids: list[str]) -> Callable[[int], Assessment]:
    return lambda total: ratings(total, item_ids)
