"""The result object: items, totals, bands, range, next band, threshold and action plan."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from scorer import api
from scorer.result import score
from scorer.scale import Scale
from scorer.scale_files import load_scale_data

ROOT = Path(__file__).resolve().parents[2]
SCALE_YAML = yaml.safe_load((ROOT / "scale" / "scale.yaml").read_text(encoding="utf-8"))
BANDS = {b["id"]: b for b in SCALE_YAML["bands"]}

Run = Callable[[dict[str, Any]], dict[str, Any]]


def with_scores(ids: list[str], scores: dict[int, int], default: int | None = 5) -> dict[str, Any]:
    """An assessment rating item n at scores[n], every other item at `default` (or unanswered)."""
    items: dict[str, Any] = {}
    for number, item_id in enumerate(ids, start=1):
        value = scores.get(number, default)
        if value is not None:
            items[item_id] = {"score": value}
    return {"items": items}


def test_empty_assessment(run: Run, item_ids: list[str], scale: Scale) -> None:
    result = run({})
    assert result["format"] == "ips-fidelity-result"
    assert result["version"] == 1
    assert [i["id"] for i in result["items"]] == item_ids
    assert [i["number"] for i in result["items"]] == list(range(1, 26))
    for entry in result["items"]:
        assert entry["title"] == scale.item(entry["number"]).title
        assert entry["score"] is None
        assert entry["source"] is None
        assert entry["answered"] is False
        assert entry["next_anchor"] is None
        assert entry["warnings"] == []
    assert result["answered"] == 0
    assert result["complete"] is False
    assert result["total"] == 0
    assert result["max_total"] == 125
    assert result["possible_range"] == {"min": 25, "max": 125}
    assert result["band"] is None
    assert result["centre_of_excellence"] == {"threshold": 100, "meets_threshold": False}
    assert result["to_next_band"] is None
    assert result["action_plan"] == []
    assert result["warnings"] == []


def test_full_header_is_accepted(run: Run, item_ids: list[str]) -> None:
    assessment = {
        "format": "ips-fidelity-assessment",
        "version": 1,
        "service": "Riverside IPS team",
        "assessed_on": "2026-11-23",
        "items": {item_ids[6]: {"score": 4, "note": "Seen in the team diary."}},
    }
    result = run(assessment)
    assert result["items"][6]["score"] == 4
    assert result["items"][6]["source"] == "rating"


@pytest.mark.parametrize("value", [1, 2, 3, 4, 5])
def test_every_item_takes_a_direct_rating(value: int, run: Run, item_ids: list[str]) -> None:
    result = run({"items": {i: {"score": value} for i in item_ids}})
    assert [i["score"] for i in result["items"]] == [value] * 25
    assert {i["source"] for i in result["items"]} == {"rating"}
    assert all(i["answered"] for i in result["items"])
    assert result["total"] == 25 * value
    assert result["answered"] == 25
    assert result["complete"] is True


@pytest.mark.parametrize(
    ("total", "band", "next_band"),
    [
        (25, "not-supported-employment", ("fair", 49)),
        (50, "not-supported-employment", ("fair", 24)),
        (73, "not-supported-employment", ("fair", 1)),
        (74, "fair", ("good", 26)),
        (99, "fair", ("good", 1)),
        (100, "good", ("exemplary", 15)),
        (104, "good", ("exemplary", 11)),
        (114, "good", ("exemplary", 1)),
        (115, "exemplary", None),
        (125, "exemplary", None),
    ],
)
def test_bands_at_every_edge(
    total: int,
    band: str,
    next_band: tuple[str, int] | None,
    run: Run,
    complete_with_total: Callable[[int], dict[str, Any]],
) -> None:
    result = run(complete_with_total(total))
    assert result["complete"] is True
    assert result["answered"] == 25
    assert result["total"] == total
    assert result["total"] == sum(i["score"] for i in result["items"])
    assert result["possible_range"] == {"min": total, "max": total}
    expected_band = BANDS[band]
    assert result["band"] == {
        "id": band,
        "label": expected_band["label"],
        "min": expected_band["min"],
        "max": expected_band["max"],
    }
    assert result["centre_of_excellence"] == {"threshold": 100, "meets_threshold": total >= 100}
    if next_band is None:
        assert result["to_next_band"] is None
    else:
        assert result["to_next_band"] == {"id": next_band[0], "points": next_band[1]}


@pytest.mark.parametrize(
    ("scores", "default", "answered", "total", "low", "high"),
    [
        ({1: None}, 5, 24, 120, 121, 125),
        ({1: None, 2: None}, 5, 23, 115, 117, 125),
        ({n: 3 for n in range(1, 11)}, None, 10, 30, 45, 105),
        ({25: 1}, None, 1, 1, 25, 121),
        ({25: None}, 1, 24, 24, 25, 29),
    ],
)
def test_incomplete_assessment(
    scores: dict[int, int | None],
    default: int | None,
    answered: int,
    total: int,
    low: int,
    high: int,
    run: Run,
    item_ids: list[str],
) -> None:
    result = run(with_scores(item_ids, scores, default))  # type: ignore[arg-type]
    assert result["answered"] == answered
    assert result["complete"] is False
    assert result["total"] == total
    assert result["possible_range"] == {"min": low, "max": high}
    assert result["band"] is None
    assert result["to_next_band"] is None
    assert result["centre_of_excellence"] == {"threshold": 100, "meets_threshold": False}
    unanswered = [i for i in result["items"] if not i["answered"]]
    assert len(unanswered) == 25 - answered
    for entry in unanswered:
        assert entry["score"] is None
        assert entry["source"] is None
        assert entry["next_anchor"] is None


def test_threshold_needs_every_item(run: Run, item_ids: list[str]) -> None:
    """A total of 120 from 24 items is still not a Centre-level result."""
    result = run(with_scores(item_ids, {13: None}))
    assert result["total"] == 120
    assert result["centre_of_excellence"]["meets_threshold"] is False
    complete = run(with_scores(item_ids, {13: 1}))
    assert complete["total"] == 121
    assert complete["centre_of_excellence"]["meets_threshold"] is True


def test_next_anchor_is_the_anchor_one_point_higher(
    run: Run, item_ids: list[str], scale: Scale
) -> None:
    scores = {n: (n % 5) + 1 for n in range(1, 26)}
    result = run(with_scores(item_ids, scores))
    for entry in result["items"]:
        value = scores[entry["number"]]
        if value == 5:
            assert entry["next_anchor"] is None
        else:
            assert entry["next_anchor"] == scale.item(entry["number"]).anchors[value + 1]
            assert entry["next_anchor"] == scale.item(entry["id"]).anchors[value + 1]


def plan_of(result: dict[str, Any]) -> list[tuple[int, int]]:
    return [(p["number"], p["score"]) for p in result["action_plan"]]


@pytest.mark.parametrize(
    ("scores", "default", "expected"),
    [
        ({}, 5, []),
        (
            {7: 2, 3: 2, 20: 1, 12: 4, 1: 4, 25: 3, 9: 3},
            5,
            [(20, 1), (3, 2), (7, 2), (9, 3), (25, 3)],
        ),
        ({24: 4, 2: 4}, 5, [(2, 4), (24, 4)]),
        ({}, 4, [(1, 4), (2, 4), (3, 4), (4, 4), (5, 4)]),
        ({25: 1, 24: 1, 23: 1}, 4, [(23, 1), (24, 1), (25, 1), (1, 4), (2, 4)]),
        ({n: 1 for n in range(1, 26)}, 5, [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1)]),
        ({4: 3}, None, [(4, 3)]),
        ({4: 5, 8: 5}, None, []),
        ({10: 2, 11: 5, 12: 1}, None, [(12, 1), (10, 2)]),
    ],
)
def test_action_plan(
    scores: dict[int, int],
    default: int | None,
    expected: list[tuple[int, int]],
    run: Run,
    item_ids: list[str],
    scale: Scale,
) -> None:
    result = run(with_scores(item_ids, scores, default))
    assert plan_of(result) == expected
    for step in result["action_plan"]:
        assert {"id", "number", "score", "target", "next_anchor"} <= set(step)
        assert step["id"] == item_ids[step["number"] - 1]
        assert step["target"] == step["score"] + 1
        assert step["next_anchor"] == scale.item(step["number"]).anchors[step["score"] + 1]


def test_action_plan_uses_evidence_scores(run: Run, item_ids: list[str]) -> None:
    assessment = with_scores(item_ids, {})
    assessment["items"]["caseload-size"] = {
        "evidence": {"active_clients": 41, "specialists_fte": 1}
    }
    result = run(assessment)
    assert plan_of(result) == [(1, 1)]
    assert result["total"] == 121


def test_sources_evidence_rating_and_unanswered(run: Run) -> None:
    result = run(
        {
            "items": {
                "caseload-size": {"evidence": {"active_clients": 30, "specialists_fte": 1}},
                "vocational-unit": {"score": 2},
            }
        }
    )
    by_id = {i["id"]: i for i in result["items"]}
    assert (by_id["caseload-size"]["source"], by_id["caseload-size"]["score"]) == ("evidence", 3)
    assert (by_id["vocational-unit"]["source"], by_id["vocational-unit"]["score"]) == ("rating", 2)
    assert by_id["zero-exclusion"]["source"] is None
    assert by_id["zero-exclusion"]["answered"] is False
    assert result["answered"] == 2
    assert result["total"] == 5
    assert result["possible_range"] == {"min": 28, "max": 120}


def test_measured_item_may_be_rated_directly(run: Run) -> None:
    result = run({"items": {"caseload-size": {"score": 3}, "disclosure": {"score": 1}}})
    assert result["items"][0]["score"] == 3
    assert result["items"][0]["source"] == "rating"
    assert result["items"][12]["score"] == 1


def all_warnings(result: dict[str, Any], item_id: str) -> list[Any]:
    (entry,) = [i for i in result["items"] if i["id"] == item_id]
    return [*entry["warnings"], *result["warnings"]]


@pytest.mark.parametrize(
    ("item", "rating", "evidence", "derived"),
    [
        ("caseload-size", 2, {"active_clients": 20, "specialists_fte": 1}, 5),
        ("employment-services-staff", 5, {"percent": 95.5}, 4),
        ("disclosure", 5, {"count": 0}, 1),
        ("employer-contact-quality", 2, {"specialists": [2, 3]}, 3),
    ],
)
def test_rating_and_evidence_disagree(
    item: str, rating: int, evidence: dict[str, Any], derived: int, run: Run
) -> None:
    result = run({"items": {item: {"score": rating, "evidence": evidence}}})
    (entry,) = [i for i in result["items"] if i["id"] == item]
    assert entry["score"] == derived
    assert entry["source"] == "evidence"
    warnings = all_warnings(result, item)
    assert warnings, "a rating that differs from the evidence must be flagged"
    assert entry["warnings"], "the warning belongs to the item it concerns"
    assert result["total"] == derived


def test_rating_and_evidence_agree_without_warning(run: Run) -> None:
    result = run(
        {
            "items": {
                "caseload-size": {
                    "score": 5,
                    "evidence": {"active_clients": 0, "specialists_fte": 2},
                }
            }
        }
    )
    assert result["items"][0]["score"] == 5
    assert result["items"][0]["source"] == "evidence"
    assert all_warnings(result, "caseload-size") == []


def test_item_addressed_by_number_in_yaml_and_json(run: Run) -> None:
    from_yaml = yaml.safe_load("items:\n  7:\n    score: 4\n  1:\n    score: 2\n")
    assert 7 in from_yaml["items"]
    from_json = json.loads('{"items": {"7": {"score": 4}, "1": {"score": 2}}}')
    by_id = {"items": {"vocational-unit": {"score": 4}, "caseload-size": {"score": 2}}}
    expected = run(by_id)
    assert run(from_yaml) == expected
    assert run(from_json) == expected
    assert expected["items"][6]["score"] == 4
    assert expected["items"][6]["source"] == "rating"


def test_ids_and_numbers_mix(run: Run, item_ids: list[str]) -> None:
    items: dict[Any, Any] = {}
    for number, item_id in enumerate(item_ids, start=1):
        key: Any = item_id if number % 3 == 0 else (str(number) if number % 3 == 1 else number)
        items[key] = {"score": 4}
    result = run({"items": items})
    assert result["complete"] is True
    assert result["total"] == 100


def test_scoring_does_not_touch_the_input(scale: Scale) -> None:
    assessment = {
        "items": {
            "7": {"score": 4, "note": "kept"},
            "rapid-job-search": {"evidence": {"days": [40, 20], "tracks_employer_contacts": True}},
            "supervisor-role": {
                "evidence": {"present": ["supervision-ratio", "supervision-ratio"]}
            },
        }
    }
    before = copy.deepcopy(assessment)
    score(assessment, scale)
    assert assessment == before


def test_result_round_trips_through_json(scale: Scale, item_ids: list[str]) -> None:
    assessment = with_scores(item_ids, {3: 2, 9: 1})
    assessment["items"]["community-based-services"] = {
        "evidence": {"specialists": [{"percent": 45}]}
    }
    result = score(assessment, scale)
    assert json.loads(json.dumps(result)) == result
    assert json.loads(json.dumps(result, sort_keys=True)) == result


def test_api_score_json_matches_python(scale: Scale, item_ids: list[str]) -> None:
    api.configure(json.dumps(load_scale_data(ROOT / "scale")))
    assessment = with_scores(item_ids, {3: 2, 9: 1, 17: None})
    assessment["items"]["rapid-job-search"] = {"evidence": {"average_days": 45}}
    assert json.loads(api.score_json(json.dumps(assessment))) == score(assessment, scale)
    errors = json.loads(api.score_json(json.dumps({"items": {"no-such-item": {"score": 3}}})))
    assert set(errors) == {"errors"}
    assert errors["errors"] and set(errors["errors"][0]) == {"item", "field", "message"}
