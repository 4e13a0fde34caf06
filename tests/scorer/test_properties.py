"""Properties that hold for every assessment, checked on generated input (hypothesis)."""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer import api
from scorer.errors import AssessmentError
from scorer.result import score
from scorer.scale import Scale
from scorer.scale_files import default_scale, load_scale_data

ROOT = Path(__file__).resolve().parents[2]
SCALE = default_scale()
ITEMS = sorted(
    (
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in (ROOT / "scale" / "items").glob("*.yaml")
    ),
    key=lambda data: data["number"],
)
IDS = [data["id"] for data in ITEMS]
MEASURED = {data["id"]: data["measure"] for data in ITEMS if data.get("measure")}

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# Figures as an assessor types them: whole numbers or up to two decimal places.
def amount(low: float, high: float) -> st.SearchStrategy[float | int]:
    whole = st.integers(math.ceil(low), math.floor(high))
    cents = st.integers(math.ceil(low * 100), math.floor(high * 100))
    return st.one_of(whole, cents.map(lambda c: c / 100))


def percent_evidence() -> st.SearchStrategy[dict[str, Any]]:
    by_percent = amount(0, 100).map(lambda p: {"percent": p})
    by_count = st.integers(1, 300).flatmap(
        lambda total: st.integers(0, total).map(lambda count: {"count": count, "total": total})
    )
    return st.one_of(by_percent, by_count)


def _maybe(key: str, values: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of(st.just({}), values.map(lambda v: {key: v}))


@functools.cache
def evidence_for(item_id: str) -> st.SearchStrategy[dict[str, Any]]:
    """Valid evidence for one measured item, covering every form SPEC allows."""
    measure = MEASURED[item_id]
    kind = measure["type"]
    if kind == "ratio":
        return st.fixed_dictionaries(
            {"active_clients": amount(0, 200), "specialists_fte": amount(0.01, 12)}
        )
    if kind == "percentage":
        base = percent_evidence()
        if "floor" in measure:
            return st.tuples(base, st.integers(0, 60)).map(lambda t: {**t[0], "current_jobs": t[1]})
        return base
    if kind == "phases":
        return st.integers(1, 6).map(lambda n: {"phases": n})
    if kind == "team_assignment":
        return st.tuples(
            st.fixed_dictionaries(
                {
                    "separate_programme": st.booleans(),
                    "teams": st.integers(1, 6),
                    "caseload_from_teams_percent": amount(0, 100),
                }
            ),
            _maybe("organised_in_teams", st.booleans()),
        ).map(lambda t: {**t[0], **t[1]})
    if kind == "components":
        ids = [c["id"] for c in measure["components"]]
        return st.one_of(
            st.lists(st.sampled_from(ids), max_size=len(ids) + 2).map(lambda p: {"present": p}),
            st.integers(0, len(ids)).map(lambda n: {"count": n}),
        )
    if kind == "days":
        return st.tuples(
            st.one_of(
                amount(0, 400).map(lambda d: {"average_days": d}),
                st.lists(amount(0, 400), min_size=1, max_size=6).map(lambda d: {"days": d}),
            ),
            _maybe("tracks_employer_contacts", st.booleans()),
        ).map(lambda t: {**t[0], **t[1]})
    if kind == "specialist_contacts":
        person = st.tuples(
            st.fixed_dictionaries({"contacts_per_week": amount(0, 12)}),
            _maybe("looking_for_work", st.integers(0, 12)),
        ).map(lambda t: {**t[0], **t[1]})
        return st.fixed_dictionaries(
            {
                "specialists": st.lists(person, min_size=1, max_size=5),
                "tracking": st.sampled_from(["none", "monthly", "weekly"]),
            }
        )
    if kind == "specialist_ratings":
        return st.lists(st.integers(1, 5), min_size=1, max_size=8).map(lambda r: {"specialists": r})
    if kind == "specialist_percentage":
        person = amount(0, 100).map(lambda p: {"percent": p})
        return st.lists(person, min_size=1, max_size=6).map(lambda s: {"specialists": s})
    raise AssertionError(f"no strategy for measure {kind!r}")


@functools.cache
def entry_for(item_id: str, answered: bool) -> st.SearchStrategy[dict[str, Any] | None]:
    rating = st.integers(1, 5).map(lambda s: {"score": s})
    if item_id not in MEASURED:
        options = [rating]
    else:
        ev = evidence_for(item_id).map(lambda e: {"evidence": e})
        both = st.tuples(rating, ev).map(lambda t: {**t[0], **t[1]})
        options = [rating, ev, both]
    chosen = st.one_of(*options)
    return chosen if answered else st.one_of(st.none(), chosen)


@st.composite
def assessments(draw: st.DrawFn, complete: bool = False) -> dict[str, Any]:
    items: dict[Any, Any] = {}
    for number, item_id in enumerate(IDS, start=1):
        entry = draw(entry_for(item_id, complete))
        if entry is not None:
            key = draw(st.sampled_from([item_id, str(number), number]))
            items[key] = entry
    return {"format": "ips-fidelity-assessment", "version": 1, "items": items}


@FAST
@given(assessments(complete=True))
def test_complete_total_is_the_sum_and_within_range(assessment: dict[str, Any]) -> None:
    result = score(assessment, SCALE)
    scores = [i["score"] for i in result["items"]]
    assert all(isinstance(s, int) and 1 <= s <= 5 for s in scores)
    assert result["total"] == sum(scores)
    assert 25 <= result["total"] <= 125
    assert result["complete"] is True
    assert result["possible_range"] == {"min": result["total"], "max": result["total"]}
    assert result["band"]["min"] <= result["total"] <= result["band"]["max"]
    assert result["centre_of_excellence"]["meets_threshold"] is (result["total"] >= 100)


@FAST
@given(assessments())
def test_any_valid_assessment_is_consistent(assessment: dict[str, Any]) -> None:
    result = score(assessment, SCALE)
    assert json.loads(json.dumps(result)) == result
    assert [i["id"] for i in result["items"]] == IDS
    answered = [i for i in result["items"] if i["answered"]]
    missing = 25 - len(answered)
    assert result["answered"] == len(answered) == len(assessment["items"])
    assert result["total"] == sum(i["score"] for i in answered)
    assert result["possible_range"] == {
        "min": result["total"] + missing,
        "max": result["total"] + 5 * missing,
    }
    assert 25 <= result["possible_range"]["min"] <= result["possible_range"]["max"] <= 125
    if missing:
        assert result["band"] is None
        assert result["to_next_band"] is None
        assert result["centre_of_excellence"]["meets_threshold"] is False
    plan = result["action_plan"]
    assert len(plan) <= 5
    assert [(p["score"], p["number"]) for p in plan] == sorted(
        (p["score"], p["number"]) for p in plan
    )
    below = sorted((i["score"], i["number"]) for i in answered if i["score"] < 5)
    assert [(p["score"], p["number"]) for p in plan] == below[:5]
    for entry in result["items"]:
        if entry["answered"] and entry["score"] < 5:
            assert entry["next_anchor"] == SCALE.item(entry["number"]).anchors[entry["score"] + 1]
        else:
            assert entry["next_anchor"] is None


def item_score(item_id: str, evidence: dict[str, Any]) -> int:
    result = score({"items": {item_id: {"evidence": evidence}}}, SCALE)
    value = result["items"][IDS.index(item_id)]["score"]
    assert isinstance(value, int)
    return value


def _improve(item_id: str, evidence: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    """The same evidence with one figure moved in its better direction."""
    kind = MEASURED[item_id]["type"]
    better = json.loads(json.dumps(evidence))
    if kind == "ratio":
        if data.draw(st.booleans(), label="fewer clients"):
            better["active_clients"] = max(0, better["active_clients"] - data.draw(amount(0, 50)))
        else:
            better["specialists_fte"] = better["specialists_fte"] + data.draw(amount(0, 5))
    elif kind == "percentage":
        choice = data.draw(st.sampled_from(["figure", "jobs"]), label="what improves")
        if choice == "jobs" and "current_jobs" in better:
            better["current_jobs"] += data.draw(st.integers(0, 20))
        elif "percent" in better:
            better["percent"] = min(100, better["percent"] + data.draw(amount(0, 40)))
        else:
            better["count"] = data.draw(st.integers(better["count"], better["total"]))
    elif kind == "phases":
        better["phases"] = data.draw(st.integers(better["phases"], 6))
    elif kind == "team_assignment":
        choice = data.draw(st.sampled_from(["separate", "teams", "percent", "organised"]))
        if choice == "separate":
            better["separate_programme"] = False
        elif choice == "teams":
            better["teams"] = data.draw(st.integers(1, better["teams"]))
        elif choice == "percent":
            raised = better["caseload_from_teams_percent"] + data.draw(amount(0, 60))
            better["caseload_from_teams_percent"] = min(100, raised)
        else:
            better["organised_in_teams"] = True
    elif kind == "components":
        ids = [c["id"] for c in MEASURED[item_id]["components"]]
        if "present" in better:
            better["present"] = [*better["present"], data.draw(st.sampled_from(ids))]
        else:
            better["count"] = data.draw(st.integers(better["count"], len(ids)))
    elif kind == "days":
        if data.draw(st.booleans(), label="add tracking"):
            better["tracks_employer_contacts"] = True
        elif "average_days" in better:
            better["average_days"] = max(0, better["average_days"] - data.draw(amount(0, 200)))
        else:
            i = data.draw(st.integers(0, len(better["days"]) - 1))
            better["days"][i] = max(0, better["days"][i] - data.draw(amount(0, 200)))
    elif kind == "specialist_contacts":
        choice = data.draw(st.sampled_from(["contacts", "looking", "tracking"]))
        i = data.draw(st.integers(0, len(better["specialists"]) - 1))
        person = better["specialists"][i]
        if choice == "contacts":
            person["contacts_per_week"] += data.draw(amount(0, 6))
        elif choice == "looking" and "looking_for_work" in person:
            person["looking_for_work"] = data.draw(st.integers(0, person["looking_for_work"]))
        else:
            order = ["none", "monthly", "weekly"]
            better["tracking"] = data.draw(
                st.sampled_from(order[order.index(better["tracking"]) :])
            )
    elif kind == "specialist_ratings":
        i = data.draw(st.integers(0, len(better["specialists"]) - 1))
        better["specialists"][i] = data.draw(st.integers(better["specialists"][i], 5))
    elif kind == "specialist_percentage":
        i = data.draw(st.integers(0, len(better["specialists"]) - 1))
        person = better["specialists"][i]
        person["percent"] = min(100, person["percent"] + data.draw(amount(0, 50)))
    return better


@pytest.mark.parametrize("item_id", sorted(MEASURED, key=IDS.index))
@settings(max_examples=120, deadline=None)
@given(data=st.data())
def test_better_evidence_never_lowers_the_score(item_id: str, data: st.DataObject) -> None:
    evidence = data.draw(evidence_for(item_id), label="evidence")
    better = _improve(item_id, evidence, data)
    data.draw(st.just(better), label="better")
    assert item_score(item_id, better) >= item_score(item_id, evidence)


json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
)
json_like = st.recursive(
    json_leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)

FIELD_NAMES = sorted(
    {
        "score", "note", "evidence", "percent", "count", "total", "current_jobs", "present",
        "active_clients", "specialists_fte", "phases", "separate_programme", "teams",
        "caseload_from_teams_percent", "organised_in_teams", "average_days", "days",
        "tracks_employer_contacts", "specialists", "tracking", "contacts_per_week",
        "looking_for_work",
    }
)  # fmt: skip
near_valid = st.recursive(
    json_leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(FIELD_NAMES), inner, max_size=5),
    ),
    max_leaves=25,
)


def _never_crashes(assessment: Any) -> None:
    try:
        result = score(assessment, SCALE)
    except AssessmentError as caught:
        assert caught.problems
        for p in caught.problems:
            assert isinstance(p.message, str)
        return
    assert json.loads(json.dumps(result)) == result


@FAST
@given(json_like)
def test_arbitrary_input_gives_a_result_or_assessment_error(value: Any) -> None:
    _never_crashes(value)


@FAST
@given(
    st.dictionaries(
        st.one_of(st.sampled_from(IDS), st.integers(-2, 27), st.integers(-2, 27).map(str)),
        st.one_of(near_valid, st.fixed_dictionaries({"evidence": near_valid})),
        max_size=6,
    ),
    st.dictionaries(st.sampled_from(["format", "version", "service", "assessed_on"]), json_leaf),
)
def test_near_valid_input_gives_a_result_or_assessment_error(
    items: dict[Any, Any], header: dict[str, Any]
) -> None:
    _never_crashes({**header, "items": items})


@FAST
@given(assessments(), st.data())
def test_one_wrong_figure_never_crashes(assessment: dict[str, Any], data: st.DataObject) -> None:
    """Swap one evidence figure for anything at all: a result or an AssessmentError."""
    with_evidence = [k for k, v in assessment["items"].items() if "evidence" in v]
    if with_evidence:
        key = data.draw(st.sampled_from(with_evidence))
        evidence = assessment["items"][key]["evidence"]
        field = data.draw(st.sampled_from(sorted(evidence)))
        evidence[field] = data.draw(json_like)
    _never_crashes(assessment)


@pytest.fixture(scope="module")
def configured_api() -> Callable[[str], dict[str, Any]]:
    api.configure(json.dumps(load_scale_data(ROOT / "scale")))
    return lambda text: json.loads(api.score_json(text))


@FAST
@given(st.one_of(st.text(max_size=40), json_like.map(lambda v: json.dumps(v))))
def test_api_answers_any_text_with_json(
    configured_api: Callable[[str], dict[str, Any]], text: str
) -> None:
    answer = configured_api(text)
    assert isinstance(answer, dict)
    if "errors" in answer:
        assert set(answer) == {"errors"} and answer["errors"]
    else:
        assert answer["format"] == "ips-fidelity-result"


def test_strategies_cover_every_measured_item(scale: Scale) -> None:
    assert set(MEASURED) == {i.id for i in scale.items if i.measure is not None}
