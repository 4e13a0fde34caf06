"""Every kind of bad input the contract (site_src/developers.md) lists: errors only, each naming the item and the field,
and a message that quotes what was wrong so the assessor can find it."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from scorer import api
from scorer.errors import AssessmentError
from scorer.result import score
from scorer.scale import Scale
from scorer.scale_files import load_scale_data

ROOT = Path(__file__).resolve().parents[2]
ANY = object()


@dataclass(frozen=True)
class Expect:
    """What one problem must say. `field` may list the acceptable spellings where SPEC
    leaves the choice open; `prefix` accepts any field under a list (e.g. one specialist)."""

    item: Any
    field: str | tuple[str, ...] | None
    quote: str | None = None
    prefix: bool = False


def item(item_id: str, entry: dict[str, Any]) -> dict[str, Any]:
    return {"items": {item_id: entry}}


def evidence(item_id: str, ev: Any) -> dict[str, Any]:
    return item(item_id, {"evidence": ev})


RATIO_OK = {"active_clients": 20, "specialists_fte": 1}
TEAM_OK = {"separate_programme": False, "teams": 1, "caseload_from_teams_percent": 95}

CASES: list[tuple[str, Any, Expect]] = [
    # Item ids.
    (
        "unknown item id",
        item("caseload", {"score": 3}),
        Expect(("caseload", None), ANY, "caseload"),
    ),
    ("item number 26", item("26", {"score": 3}), Expect(("26", None), ANY, "26")),
    ("item number 0", item("0", {"score": 3}), Expect(("0", None), ANY, "0")),
    (
        "duplicate by id and number",
        {"items": {"caseload-size": {"score": 3}, "1": {"score": 4}}},
        Expect(("caseload-size", None), ANY),
    ),
    (
        "duplicate by number as int and string",
        {"items": {7: {"score": 3}, "7": {"score": 4}}},
        Expect(("vocational-unit", None), ANY),
    ),
    # Direct ratings.
    ("score 0", item("vocational-unit", {"score": 0}), Expect("vocational-unit", "score", "0")),
    ("score 6", item("vocational-unit", {"score": 6}), Expect("vocational-unit", "score", "6")),
    ("score -1", item("vocational-unit", {"score": -1}), Expect("vocational-unit", "score", "-1")),
    (
        "score 3.5",
        item("vocational-unit", {"score": 3.5}),
        Expect("vocational-unit", "score", "3.5"),
    ),
    (
        "score string",
        item("vocational-unit", {"score": "4"}),
        Expect("vocational-unit", "score", "4"),
    ),
    (
        "score true",
        item("vocational-unit", {"score": True}),
        Expect("vocational-unit", "score", "true"),
    ),
    ("score list", item("vocational-unit", {"score": [4]}), Expect("vocational-unit", "score")),
    # Components.
    (
        "unknown component id",
        evidence("disclosure", {"present": ["not-a-component"]}),
        Expect("disclosure", "evidence.present", "not-a-component", prefix=True),
    ),
    (
        "component of another item",
        evidence("disclosure", {"present": ["weekly-team-meetings"]}),
        Expect("disclosure", "evidence.present", "weekly-team-meetings", prefix=True),
    ),
    (
        "component ids not a list",
        evidence("supervisor-role", {"present": "weekly-supervision"}),
        Expect("supervisor-role", "evidence.present"),
    ),
    (
        "component count negative",
        evidence("supervisor-role", {"count": -1}),
        Expect("supervisor-role", "evidence.count", "-1"),
    ),
    (
        "component count above the number of components",
        evidence("supervisor-role", {"count": 6}),
        Expect("supervisor-role", "evidence.count", "6"),
    ),
    (
        "component count of 4-component item above 4",
        evidence("disclosure", {"count": 5}),
        Expect("disclosure", "evidence.count", "5"),
    ),
    # Percentages.
    (
        "percent -1",
        evidence("employment-services-staff", {"percent": -1}),
        Expect("employment-services-staff", "evidence.percent", "-1"),
    ),
    (
        "percent 100.1",
        evidence("employment-services-staff", {"percent": 100.1}),
        Expect("employment-services-staff", "evidence.percent", "100.1"),
    ),
    (
        "percent as text",
        evidence("employment-services-staff", {"percent": "95"}),
        Expect("employment-services-staff", "evidence.percent", "95"),
    ),
    (
        "percent true",
        evidence("employer-diversity", {"percent": True}),
        Expect("employer-diversity", "evidence.percent"),
    ),
    (
        "percent null",
        evidence("employer-diversity", {"percent": None}),
        Expect("employer-diversity", "evidence.percent"),
    ),
    (
        "percent not a number",
        evidence("employer-diversity", {"percent": math.nan}),
        Expect("employer-diversity", "evidence.percent"),
    ),
    (
        "count negative",
        evidence("individualised-job-search", {"count": -1, "total": 10}),
        Expect("individualised-job-search", "evidence.count", "-1"),
    ),
    (
        "total negative",
        evidence("individualised-job-search", {"count": 0, "total": -4}),
        Expect("individualised-job-search", "evidence.total", "-4"),
    ),
    (
        "count above total",
        evidence("individualised-job-search", {"count": 11, "total": 10}),
        Expect("individualised-job-search", ("evidence.count", "evidence.total"), "11"),
    ),
    (
        "count without total",
        evidence("individualised-job-search", {"count": 5}),
        Expect("individualised-job-search", "evidence.total"),
    ),
    (
        "total zero",
        evidence("job-type-diversity", {"count": 0, "total": 0}),
        Expect("job-type-diversity", "evidence.total", "0"),
    ),
    (
        "current_jobs negative",
        evidence("competitive-jobs", {"percent": 90, "current_jobs": -1}),
        Expect("competitive-jobs", "evidence.current_jobs", "-1"),
    ),
    (
        "current_jobs missing",
        evidence("competitive-jobs", {"percent": 90}),
        Expect("competitive-jobs", "evidence.current_jobs"),
    ),
    # Ratio.
    (
        "zero FTE",
        evidence("caseload-size", {"active_clients": 10, "specialists_fte": 0}),
        Expect("caseload-size", "evidence.specialists_fte", "0"),
    ),
    (
        "negative FTE",
        evidence("caseload-size", {"active_clients": 10, "specialists_fte": -2}),
        Expect("caseload-size", "evidence.specialists_fte", "-2"),
    ),
    (
        "negative clients",
        evidence("caseload-size", {"active_clients": -3, "specialists_fte": 1}),
        Expect("caseload-size", "evidence.active_clients", "-3"),
    ),
    (
        "clients as text",
        evidence("caseload-size", {"active_clients": "72", "specialists_fte": 4}),
        Expect("caseload-size", "evidence.active_clients", "72"),
    ),
    (
        "clients true",
        evidence("caseload-size", {"active_clients": True, "specialists_fte": 4}),
        Expect("caseload-size", "evidence.active_clients"),
    ),
    (
        "clients infinite",
        evidence("caseload-size", {"active_clients": math.inf, "specialists_fte": 4}),
        Expect("caseload-size", "evidence.active_clients"),
    ),
    (
        "FTE missing",
        evidence("caseload-size", {"active_clients": 10}),
        Expect("caseload-size", "evidence.specialists_fte"),
    ),
    # Phases.
    (
        "phases 0",
        evidence("vocational-generalists", {"phases": 0}),
        Expect("vocational-generalists", "evidence.phases", "0"),
    ),
    (
        "phases 7",
        evidence("vocational-generalists", {"phases": 7}),
        Expect("vocational-generalists", "evidence.phases", "7"),
    ),
    # Team assignment.
    (
        "teams 0",
        evidence("integration-team-assignment", {**TEAM_OK, "teams": 0}),
        Expect("integration-team-assignment", "evidence.teams", "0"),
    ),
    (
        "team percent 101",
        evidence("integration-team-assignment", {**TEAM_OK, "caseload_from_teams_percent": 101}),
        Expect("integration-team-assignment", "evidence.caseload_from_teams_percent", "101"),
    ),
    (
        "separate_programme as text",
        evidence("integration-team-assignment", {**TEAM_OK, "separate_programme": "no"}),
        Expect("integration-team-assignment", "evidence.separate_programme", "no"),
    ),
    (
        "organised_in_teams as number",
        evidence("integration-team-assignment", {**TEAM_OK, "organised_in_teams": 1}),
        Expect("integration-team-assignment", "evidence.organised_in_teams"),
    ),
    # Days.
    (
        "average_days negative",
        evidence("rapid-job-search", {"average_days": -1}),
        Expect("rapid-job-search", "evidence.average_days", "-1"),
    ),
    (
        "days list empty",
        evidence("rapid-job-search", {"days": []}),
        Expect("rapid-job-search", "evidence.days"),
    ),
    (
        "days entry negative",
        evidence("rapid-job-search", {"days": [10, -5]}),
        Expect("rapid-job-search", "evidence.days", "-5", prefix=True),
    ),
    (
        "days not a list",
        evidence("rapid-job-search", {"days": 30}),
        Expect("rapid-job-search", "evidence.days"),
    ),
    (
        "tracking flag as text",
        evidence("rapid-job-search", {"average_days": 20, "tracks_employer_contacts": "yes"}),
        Expect("rapid-job-search", "evidence.tracks_employer_contacts", "yes"),
    ),
    # Per-specialist measures.
    (
        "contacts: empty specialist list",
        evidence("employer-contact-frequency", {"specialists": [], "tracking": "weekly"}),
        Expect("employer-contact-frequency", "evidence.specialists"),
    ),
    (
        "contacts: negative contacts",
        evidence(
            "employer-contact-frequency",
            {"specialists": [{"contacts_per_week": -1}], "tracking": "weekly"},
        ),
        Expect("employer-contact-frequency", "evidence.specialists", "-1", prefix=True),
    ),
    (
        "contacts: negative looking_for_work",
        evidence(
            "employer-contact-frequency",
            {
                "specialists": [{"contacts_per_week": 4, "looking_for_work": -2}],
                "tracking": "weekly",
            },
        ),
        Expect("employer-contact-frequency", "evidence.specialists", "-2", prefix=True),
    ),
    (
        "contacts: unknown tracking",
        evidence(
            "employer-contact-frequency",
            {"specialists": [{"contacts_per_week": 4}], "tracking": "daily"},
        ),
        Expect("employer-contact-frequency", "evidence.tracking", "daily"),
    ),
    (
        "contacts: specialist not an object",
        evidence("employer-contact-frequency", {"specialists": [6], "tracking": "weekly"}),
        Expect("employer-contact-frequency", "evidence.specialists", prefix=True),
    ),
    (
        "contacts: unknown specialist field",
        evidence(
            "employer-contact-frequency",
            {"specialists": [{"contacts_per_week": 4, "shoe_size": 9}], "tracking": "weekly"},
        ),
        Expect("employer-contact-frequency", "evidence.specialists", "shoe_size", prefix=True),
    ),
    (
        "ratings: empty specialist list",
        evidence("employer-contact-quality", {"specialists": []}),
        Expect("employer-contact-quality", "evidence.specialists"),
    ),
    (
        "ratings: rating 0",
        evidence("employer-contact-quality", {"specialists": [3, 0]}),
        Expect("employer-contact-quality", "evidence.specialists", "0", prefix=True),
    ),
    (
        "ratings: rating 6",
        evidence("employer-contact-quality", {"specialists": [6]}),
        Expect("employer-contact-quality", "evidence.specialists", "6", prefix=True),
    ),
    (
        "ratings: rating 2.5",
        evidence("employer-contact-quality", {"specialists": [2.5]}),
        Expect("employer-contact-quality", "evidence.specialists", "2.5", prefix=True),
    ),
    (
        "ratings: not a list",
        evidence("employer-contact-quality", {"specialists": {"a": 3}}),
        Expect("employer-contact-quality", "evidence.specialists"),
    ),
    (
        "community: empty specialist list",
        evidence("community-based-services", {"specialists": []}),
        Expect("community-based-services", "evidence.specialists"),
    ),
    (
        "community: percent 101",
        evidence("community-based-services", {"specialists": [{"percent": 101}]}),
        Expect("community-based-services", "evidence.specialists", "101", prefix=True),
    ),
    (
        "community: percent -0.5",
        evidence("community-based-services", {"specialists": [{"percent": 50}, {"percent": -0.5}]}),
        Expect("community-based-services", "evidence.specialists", "-0.5", prefix=True),
    ),
    # Unknown fields at every level, and fields from another measure.
    ("unknown top-level field", {"colour": "blue"}, Expect(None, "colour", "colour")),
    (
        "unknown item-level field",
        item("caseload-size", {"score": 3, "colour": "blue"}),
        Expect("caseload-size", "colour", "colour"),
    ),
    (
        "unknown evidence field",
        evidence("caseload-size", {**RATIO_OK, "colour": "blue"}),
        Expect("caseload-size", "evidence.colour", "colour"),
    ),
    (
        "field of another measure",
        evidence("caseload-size", {**RATIO_OK, "percent": 50}),
        Expect("caseload-size", "evidence.percent", "percent"),
    ),
    (
        "evidence for a rating-only item",
        evidence("vocational-unit", {"percent": 50}),
        Expect("vocational-unit", ("evidence", "evidence.percent")),
    ),
    # Wrong types.
    ("assessment is a list", [], Expect(None, ANY)),
    ("assessment is text", "caseload-size", Expect(None, ANY)),
    ("items is a list", {"items": [{"score": 3}]}, Expect(None, "items")),
    ("item entry is a number", item("vocational-unit", 4), Expect("vocational-unit", ANY)),
    ("evidence is a list", evidence("caseload-size", [72, 4]), Expect("caseload-size", "evidence")),
    (
        "note is a number",
        item("vocational-unit", {"score": 3, "note": 7}),
        Expect("vocational-unit", "note"),
    ),
    ("service is a number", {"service": 12, "items": {}}, Expect(None, "service")),
    # Format and version.
    (
        "unknown format",
        {"format": "ips-fidelity-result"},
        Expect(None, "format", "ips-fidelity-result"),
    ),
    (
        "unknown version",
        {"format": "ips-fidelity-assessment", "version": 2},
        Expect(None, "version", "2"),
    ),
    ("version as text", {"version": "1"}, Expect(None, "version")),
]


def _matches(problem: Any, expect: Expect) -> bool:
    items = expect.item if isinstance(expect.item, tuple) else (expect.item,)
    if expect.item is not ANY and problem.item not in items:
        return False
    if expect.field is not ANY:
        fields = expect.field if isinstance(expect.field, tuple) else (expect.field,)
        field = problem.field
        ok = field in fields or (
            expect.prefix and isinstance(field, str) and any(field.startswith(f) for f in fields)
        )
        if not ok:
            return False
    return expect.quote is None or expect.quote.lower() in str(problem.message).lower()


@pytest.mark.parametrize(("name", "assessment", "expect"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_yields_errors_only(
    name: str, assessment: Any, expect: Expect, problems: Callable[[Any], list[Any]]
) -> None:
    found = problems(assessment)
    for problem in found:
        assert isinstance(problem.message, str) and problem.message.strip()
        assert problem.item is None or isinstance(problem.item, str)
        assert problem.field is None or isinstance(problem.field, str)
    described = [(p.item, p.field, p.message) for p in found]
    assert any(_matches(p, expect) for p in found), (
        f"{name}: no problem matches {expect}: {described}"
    )


@pytest.fixture(scope="module")
def configured_api() -> None:
    api.configure(json.dumps(load_scale_data(ROOT / "scale")))


def _plain_json(value: Any) -> bool:
    """True when the value survives a JSON round trip unchanged (no NaN, no integer keys)."""
    try:
        return bool(json.loads(json.dumps(value, allow_nan=False)) == value)
    except ValueError:
        return False


JSON_CASES = [c for c in CASES if _plain_json(c[1])]


@pytest.mark.parametrize(
    ("name", "assessment", "expect"), JSON_CASES, ids=[c[0] for c in JSON_CASES]
)
def test_api_returns_the_same_errors(
    name: str, assessment: Any, expect: Expect, configured_api: None, scale: Scale
) -> None:
    answer = json.loads(api.score_json(json.dumps(assessment)))
    assert set(answer) == {"errors"}
    with pytest.raises(AssessmentError) as caught:
        score(assessment, scale)
    assert answer["errors"] == [
        {"item": p.item, "field": p.field, "message": p.message} for p in caught.value.problems
    ]


@pytest.mark.parametrize("text", ["", "{", "not json at all", "[1, 2", "{'single': 'quotes'}"])
def test_api_rejects_text_that_is_not_json(text: str, configured_api: None) -> None:
    answer = json.loads(api.score_json(text))
    assert set(answer) == {"errors"}
    assert answer["errors"]
    for error in answer["errors"]:
        assert set(error) == {"item", "field", "message"}
        assert error["message"].strip()


def test_every_problem_is_reported_at_once(problems: Callable[[Any], list[Any]]) -> None:
    """Nothing is lost: three independent mistakes give (at least) three problems."""
    found = problems(
        {
            "colour": "blue",
            "items": {
                "vocational-unit": {"score": 6},
                "employment-services-staff": {"evidence": {"percent": 101}},
            },
        }
    )
    assert any(p.field == "colour" for p in found)
    assert any(p.item == "vocational-unit" and p.field == "score" for p in found)
    assert any(
        p.item == "employment-services-staff" and p.field == "evidence.percent" for p in found
    )


def test_one_bad_item_spoils_the_whole_result(scale: Scale) -> None:
    """A partial result could be mistaken for a real one, so none is given."""
    assessment = {"items": {"vocational-unit": {"score": 4}, "zero-exclusion": {"score": 9}}}
    with pytest.raises(AssessmentError) as caught:
        score(assessment, scale)
    assert [p.item for p in caught.value.problems] == ["zero-exclusion"]


@pytest.mark.parametrize(
    ("text", "item_id"),
    [
        ('{"items": {"7": {"score": 3}, "7": {"score": 4}}}', "vocational-unit"),
        ('{"items": {"disclosure": {"score": 3}, "disclosure": {"score": 4}}}', "disclosure"),
        (
            '{"items": {"employment-services-staff": {"evidence": {"percent": 50, "percent": 97}}}}',
            "employment-services-staff",
        ),
        ('{"items": {"7": {"score": 3, "score": 5}}}', "vocational-unit"),
    ],
    ids=["item-number-twice", "item-id-twice", "evidence-field-twice", "score-twice"],
)
def test_api_rejects_a_key_given_twice(text: str, item_id: str, configured_api: None) -> None:
    """JSON parsers keep the last of two equal keys and drop the first without a word; the
    assessor's first answer would be lost, so the scorer must say so instead."""
    answer = json.loads(api.score_json(text))
    assert set(answer) == {"errors"}, f"a repeated key was silently dropped: {text}"
    assert any(e["item"] in (item_id, None) for e in answer["errors"])
