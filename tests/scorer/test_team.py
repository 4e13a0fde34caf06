"""combine and history: a team's ratings and a service's progress, in the scorer, the API and
the command line, checked on hand-worked cases, the examples, and random sets of assessments."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer import api
from scorer.combine import combine, median
from scorer.errors import AssessmentError
from scorer.history import history
from scorer.result import score
from scorer.scale import Scale

ROOT = Path(__file__).resolve().parents[2]
TEAM = sorted((ROOT / "examples" / "team").glob("*.json"))
QUARTERS = sorted((ROOT / "examples" / "history").glob("*.json"))
IDS = [
    "caseload-size", "employment-services-staff", "vocational-generalists",
    "integration-team-assignment", "integration-team-contact", "dwp-collaboration",
    "vocational-unit", "supervisor-role", "zero-exclusion", "trust-employment-focus",
    "executive-support", "work-incentives-planning", "disclosure", "vocational-assessment",
    "rapid-job-search", "individualised-job-search", "employer-contact-frequency",
    "employer-contact-quality", "job-type-diversity", "employer-diversity", "competitive-jobs",
    "follow-along-support", "time-unlimited-support", "community-based-services",
    "assertive-engagement",
]  # fmt: skip


def rated(scores: dict[str, int], **top: Any) -> dict[str, Any]:
    return {"items": {k: {"score": v} for k, v in scores.items()}, **top}


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def row(result: dict[str, Any], item_id: str) -> dict[str, Any]:
    return next(r for r in result["items"] if r["id"] == item_id)


# --- combine --------------------------------------------------------------------------------


def test_median_half_goes_up(scale: Scale) -> None:
    result = combine([rated({"vocational-unit": 3}), rated({"vocational-unit": 4})], scale)
    entry = row(result, "vocational-unit")
    assert entry == {
        "id": "vocational-unit", "number": 7, "scores": [3, 4], "answered": 2, "min": 3,
        "max": 4, "spread": 1, "median": 3.5, "suggested": 4,
    }  # fmt: skip
    assert json.dumps(entry["median"]) == "3.5"
    assert result["suggested"]["items"] == {"vocational-unit": {"score": 4}}


def test_median_of_odd_count_and_unanswered_raters(scale: Scale) -> None:
    result = combine(
        [rated({"1": 2}), rated({}), rated({"caseload-size": 5}), rated({"1": 3})], scale
    )
    entry = row(result, "caseload-size")
    assert entry["scores"] == [2, None, 5, 3]
    assert (entry["answered"], entry["median"], entry["suggested"], entry["spread"]) == (3, 3, 3, 3)
    assert isinstance(entry["median"], int)
    nobody = row(result, "zero-exclusion")
    assert nobody["answered"] == 0
    assert all(nobody[k] is None for k in ("min", "max", "spread", "median", "suggested"))
    assert nobody["scores"] == [None] * 4
    assert "zero-exclusion" not in result["suggested"]["items"]


def test_evidence_counts_as_the_score_it_gives(scale: Scale) -> None:
    a = {"items": {"caseload-size": {"evidence": {"active_clients": 72, "specialists_fte": 4}}}}
    b = rated({"caseload-size": 2})
    entry = row(combine([a, b], scale), "caseload-size")
    assert entry["scores"] == [5, 2] and entry["median"] == 3.5 and entry["suggested"] == 4


def test_disagreements_by_spread_then_number(scale: Scale) -> None:
    one = rated({"disclosure": 1, "caseload-size": 4, "zero-exclusion": 2, "vocational-unit": 3})
    two = rated({"disclosure": 3, "caseload-size": 5, "zero-exclusion": 4, "vocational-unit": 3})
    result = combine([one, two], scale)
    assert result["disagreements"] == ["zero-exclusion", "disclosure", "caseload-size"]
    assert result["raters"] == 2 and result["format"] == "ips-fidelity-combined"
    assert [r["id"] for r in result["items"]] == IDS


def test_the_three_example_raters(scale: Scale) -> None:
    result = combine([load(p) for p in TEAM], scale, names=[p.name for p in TEAM])
    assert result["raters"] == 3
    assert result["disagreements"][:2] == ["dwp-collaboration", "employer-contact-frequency"]
    quality = row(result, "employer-contact-quality")
    assert quality["answered"] == 2 and quality["median"] == 3.5 and quality["suggested"] == 4
    suggested = result["suggested"]
    assert suggested["service"] == "Example Riverside IPS service (a made-up service)"
    assert suggested["assessed_on"] == "2026-10-07"
    assert "assessor" not in suggested
    assert score(suggested, scale)["complete"]


def test_suggested_service_only_when_the_raters_agree(scale: Scale) -> None:
    both = combine([rated({}, service="North  IPS"), rated({}, service="north ips")], scale)
    assert both["suggested"]["service"] == "North  IPS"
    named = combine([rated({}, service="Ann"), rated({}, service="Bob")], scale)
    assert "service" not in named["suggested"]
    assert combine([rated({}), rated({})], scale)["suggested"] == {
        "format": "ips-fidelity-assessment", "version": 1, "items": {}
    }  # fmt: skip


@pytest.mark.parametrize("count", [0, 1, 21])
def test_combine_takes_2_to_20(scale: Scale, count: int) -> None:
    with pytest.raises(AssessmentError) as caught:
        combine([rated({})] * count, scale)
    assert "needs 2 to 20 assessments" in caught.value.problems[0].message
    assert len(combine([rated({})] * 20, scale)["items"][0]["scores"]) == 20


def test_an_invalid_file_is_named(scale: Scale) -> None:
    with pytest.raises(AssessmentError) as caught:
        combine([rated({"1": 3}), rated({"1": 6}), {"colour": 1}], scale, names=["a", "b", "c"])
    problems = [p.to_dict() for p in caught.value.problems]
    assert problems[0]["item"] == "caseload-size" and problems[0]["field"] == "score"
    assert problems[0]["message"].startswith("b: ")
    assert problems[1]["field"] == "colour" and problems[1]["message"].startswith("c: ")
    answer = json.loads(api.combine_json(json.dumps([rated({}), rated({"1": 0})])))
    assert answer["errors"][0]["message"].startswith("assessment 2: ")


def test_assessor_is_optional_text(scale: Scale) -> None:
    assert score({"assessor": "Team leader", "items": {}}, scale)["total"] == 0
    with pytest.raises(AssessmentError) as caught:
        score({"assessor": 3, "items": {}}, scale)
    assert caught.value.problems[0].field == "assessor"


# --- history --------------------------------------------------------------------------------


def test_history_in_date_order_ties_keep_order(scale: Scale) -> None:
    a = rated({"1": 2}, assessed_on="2026-06-01", service="S")
    b = rated({"1": 4, "2": 3}, assessed_on="2026-01-01", service="S")
    c = rated({"1": 5}, assessed_on="2026-06-01")
    result = history([a, b, c], scale)
    assert [r["assessed_on"] for r in result["assessments"]] == [
        "2026-01-01", "2026-06-01", "2026-06-01"
    ]  # fmt: skip
    assert [r["total"] for r in result["assessments"]] == [7, 2, 5]
    assert result["assessments"][2]["service"] is None
    assert row(result, "caseload-size") == {
        "id": "caseload-size", "number": 1, "first": 4, "last": 5, "change": 1
    }  # fmt: skip
    assert row(result, "employment-services-staff")["change"] == 0
    never = row(result, "zero-exclusion")
    assert (never["first"], never["last"], never["change"]) == (None, None, None)
    assert set(result["assessments"][0]["scores"]) == set(IDS)


def test_the_four_quarters(scale: Scale) -> None:
    result = history([load(p) for p in reversed(QUARTERS)], scale)
    assert [r["total"] for r in result["assessments"]] == [62, 74, 85, 93]
    assert [r["band"] for r in result["assessments"]] == [
        "not-supported-employment", "fair", "fair", "fair"
    ]  # fmt: skip
    assert row(result, "community-based-services")["change"] == -2


def test_history_needs_dates_and_one_service(scale: Scale) -> None:
    with pytest.raises(AssessmentError) as caught:
        history([rated({}, assessed_on="2026-01-01"), rated({})], scale, names=["q1", "q2"])
    (problem,) = caught.value.problems
    assert problem.field == "assessed_on" and problem.message.startswith("q2: ")
    with pytest.raises(AssessmentError) as caught:
        history(
            [
                rated({}, assessed_on="2026-01-01", service="A"),
                rated({}, assessed_on="2026-02-01", service="B"),
            ],
            scale,
        )
    assert caught.value.problems[0].field == "service"
    with pytest.raises(AssessmentError):
        history([rated({}, assessed_on="2026-01-01")] * 21, scale)
    with pytest.raises(AssessmentError):
        history([], scale)


# --- properties -----------------------------------------------------------------------------

answers = st.dictionaries(st.sampled_from(IDS), st.integers(1, 5), max_size=25)


@settings(max_examples=80, deadline=None)
@given(st.lists(answers, min_size=2, max_size=20))
def test_combine_properties(scale: Scale, raters: list[dict[str, int]]) -> None:
    result = combine([rated(r) for r in raters], scale)
    for entry in result["items"]:
        given_scores = [r[entry["id"]] for r in raters if entry["id"] in r]
        assert entry["scores"] == [r.get(entry["id"]) for r in raters]
        if given_scores:
            middle = median(given_scores)
            assert entry["min"] <= entry["median"] <= entry["max"]
            assert Fraction(entry["median"]) == middle
            assert abs(entry["suggested"] - middle) <= Fraction(1, 2)
            assert entry["suggested"] - middle != Fraction(-1, 2)  # half goes up
    spreads = [row(result, i)["spread"] for i in result["disagreements"]]
    assert spreads == sorted(spreads, reverse=True) and all(s > 0 for s in spreads)
    assert set(result["disagreements"]) == {e["id"] for e in result["items"] if e["spread"]}
    assert score(result["suggested"], scale)["answered"] == sum(
        1 for e in result["items"] if e["answered"]
    )


days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2199, 12, 31)).map(
    lambda d: d.isoformat()
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(days, answers), min_size=1, max_size=20))
def test_history_properties(scale: Scale, dated: list[tuple[str, dict[str, int]]]) -> None:
    result = history([rated(s, assessed_on=d) for d, s in dated], scale)
    order = sorted(range(len(dated)), key=lambda n: dated[n][0])
    assert [r["assessed_on"] for r in result["assessments"]] == [dated[n][0] for n in order]
    assert [r["total"] for r in result["assessments"]] == [sum(dated[n][1].values()) for n in order]
    for entry in result["items"]:
        seen = [dated[n][1][entry["id"]] for n in order if entry["id"] in dated[n][1]]
        assert entry["first"] == (seen[0] if seen else None)
        assert entry["last"] == (seen[-1] if seen else None)
        assert entry["change"] == (seen[-1] - seen[0] if seen else None)


# --- the command line -----------------------------------------------------------------------


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scorer", *map(str, args)],
        capture_output=True, text=True, timeout=60, check=False, cwd=ROOT,
    )  # fmt: skip


def test_cli_combine_and_history_match_the_api(scale: Scale) -> None:
    done = run("combine", *TEAM, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == json.loads(
        api.combine_json(json.dumps([load(p) for p in TEAM]))
    )
    text = run("combine", *TEAM)
    assert text.returncode == 0 and "Items to discuss" in text.stdout
    assert "R1: clinician.json" in text.stdout and "3.5" in text.stdout
    done = run("history", *QUARTERS, "--json")
    assert json.loads(done.stdout) == json.loads(
        api.history_json(json.dumps([load(p) for p in QUARTERS]))
    )
    text = run("history", *QUARTERS).stdout
    assert "2026-09-14  93" in text and "-2" in text


def test_cli_errors_name_the_file(tmp_path: Path) -> None:
    one = run("combine", TEAM[0], "--json")
    message = json.loads(one.stdout)["errors"][0]["message"]
    assert one.returncode == 2 and message == (
        "Combining a team's ratings needs 2 to 20 assessments; 1 assessment given"
    )
    many = run("combine", *([TEAM[0]] * 21))
    assert many.returncode == 2 and "2 to 20" in many.stderr and not many.stdout
    undated = tmp_path / "undated.json"
    undated.write_text(json.dumps(rated({"1": 3})), encoding="utf-8")
    done = run("history", QUARTERS[0], undated, "--json")
    assert done.returncode == 2
    (error,) = json.loads(done.stdout)["errors"]
    assert error["field"] == "assessed_on" and str(undated) in error["message"]
    bad = run("combine", TEAM[0], ROOT / "examples" / "invalid.json")
    assert bad.returncode == 2 and "invalid.json: " in bad.stderr and "Traceback" not in bad.stderr
    missing = run("history", tmp_path / "nope.json")
    assert missing.returncode == 2 and "nope.json" in missing.stderr
