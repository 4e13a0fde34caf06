"""The review planner: every commitment in order, dated from the review across month ends,
year ends and leap years, and refusing dates that cannot be right."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from scorer.errors import PlanningError
from scorer.planning.review_plan import plan_report, review_plan
from scorer.planning.rules import Planning


def plan(planning: Planning, **request: Any) -> dict[str, Any]:
    return review_plan(request, planning.review)


def steps(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for stage in result["stages"] for s in stage["steps"]}


def test_every_commitment_of_both_parties_appears_once_in_stage_order(
    planning: Planning, root: Any
) -> None:
    data = yaml.safe_load((root / "scale" / "review.yaml").read_text(encoding="utf-8"))
    expected = {c["id"]: party for party, listed in data["commitments"].items() for c in listed}
    result = plan(planning, start="2026-06-01")
    listed = [s for stage in result["stages"] for s in stage["steps"]]
    assert sorted(s["id"] for s in listed) == sorted(expected)
    assert {s["id"]: s["party"] for s in listed} == expected
    assert [stage["id"] for stage in result["stages"]] == ["before", "review", "after"]
    order = [s["id"] for s in listed]
    assert order.index("information-governance") < order.index("share-data")
    assert order.index("two-day-review") < order.index("full-report")
    assert order.index("full-report") < order.index("destroy-shared-data")


def test_a_plan_from_the_start_date_alone(planning: Planning) -> None:
    result = plan(planning, start="2026-06-01")
    assert result["review_days"] == ["2026-06-01", "2026-06-02"]
    found = steps(result)
    governance = found["information-governance"]
    assert (governance["kind"], governance["end"], governance["dated"]) == (
        "by",
        "2026-05-01",
        True,
    )
    assert "1 month before the first review day" in governance["timing"]
    assert found["share-data"]["end"] == "2026-06-01"
    assert found["two-day-review"]["dates"] == ["2026-06-01", "2026-06-02"]
    observations = found["observations"]
    assert (observations["start"], observations["end"]) == ("2026-05-25", "2026-06-08")
    # Measured from the final report, which is not known yet: undated but described.
    destroy = found["destroy-shared-data"]
    assert destroy["dated"] is False and destroy["end"] is None
    assert "2 weeks" in destroy["timing"] and "Enter that date" in destroy["timing"]
    # No timing in the agreement at all.
    assert found["full-report"]["dated"] is False
    assert found["full-report"]["timing"] == "The agreement gives no date for this step."
    assert result["technical_support"] == {"max_items": 5, "months": 5}
    assert result["warnings"] == []


@pytest.mark.parametrize(
    ("start", "governance"),
    [
        ("2024-03-31", "2024-02-29"),  # leap year: back to the last day of February
        ("2025-03-31", "2025-02-28"),
        ("2026-03-30", "2026-02-28"),
        ("2026-01-15", "2025-12-15"),  # across the year end
        ("2026-05-31", "2026-04-30"),
    ],
)
def test_information_governance_a_month_before_across_month_ends(
    planning: Planning, start: str, governance: str
) -> None:
    assert steps(plan(planning, start=start))["information-governance"]["end"] == governance


@pytest.mark.parametrize(
    ("report_final", "destroy_by", "support_to"),
    [
        ("2026-12-25", "2027-01-08", "2027-05-25"),  # across the year end
        ("2025-09-30", "2025-10-14", "2026-02-28"),  # five months on, to a shorter month
        ("2023-09-30", "2023-10-14", "2024-02-29"),  # into a leap February
        ("2024-02-15", "2024-02-29", "2024-07-15"),  # two weeks ending on a leap day
    ],
)
def test_deadlines_after_the_final_report(
    planning: Planning, report_final: str, destroy_by: str, support_to: str
) -> None:
    found = steps(plan(planning, start="2023-01-09", report_final=report_final))
    destroy = found["destroy-shared-data"]
    assert (destroy["start"], destroy["end"], destroy["dated"]) == (report_final, destroy_by, True)
    support = found["technical-support-plan"]
    assert (support["start"], support["end"]) == (report_final, support_to)


def test_the_second_day_defaults_to_the_next_weekday(planning: Planning) -> None:
    assert plan(planning, start="2026-06-05")["review_days"] == ["2026-06-05", "2026-06-08"]
    assert plan(planning, start="2026-12-31")["review_days"] == ["2026-12-31", "2027-01-01"]
    assert plan(planning, start="2028-02-28")["review_days"] == ["2028-02-28", "2028-02-29"]


def test_given_review_days_are_used_and_set_the_last_review_day(planning: Planning) -> None:
    result = plan(planning, start="2026-06-01", later_days=["2026-06-03"])
    assert result["review_days"] == ["2026-06-01", "2026-06-03"]
    assert result["points"]["review-end"] == "2026-06-03"


def test_weekend_review_days_are_warned_about(planning: Planning) -> None:
    result = plan(planning, start="2026-06-06")
    assert result["review_days"] == ["2026-06-06", "2026-06-08"]
    assert result["warnings"] == ["Review day 1, Saturday 6 June 2026, falls at a weekend."]


def test_service_name_and_report_text(planning: Planning) -> None:
    result = plan(planning, start="2026-06-01", service="Anytown IPS", feedback="2026-06-20")
    assert result["service"] == "Anytown IPS"
    assert result["points"]["feedback"] == "2026-06-20"
    text = plan_report(result)
    assert text.startswith("Fidelity review plan: Anytown IPS")
    assert "Monday 1 June 2026, Tuesday 2 June 2026" in text
    assert text.count("[ ]") == len(steps(result))


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        ({}, "start"),
        ({"start": "01/06/2026"}, "start"),
        ({"start": "2026-02-30"}, "start"),
        ({"start": 20260601}, "start"),
        ({"start": "2026-06-01", "later_days": ["2026-06-02", "2026-06-03"]}, "later_days"),
        ({"start": "2026-06-01", "later_days": []}, "later_days"),
        ({"start": "2026-06-01", "later_days": "2026-06-02"}, "later_days"),
        ({"start": "2026-06-01", "later_days": ["tomorrow"]}, "later_days[0]"),
        ({"start": "2026-06-01", "later_days": ["2026-06-01"]}, "later_days[0]"),
        ({"start": "2026-06-01", "report_final": "2026-06-02"}, "report_final"),
        ({"start": "2026-06-01", "feedback": "2026-05-01"}, "feedback"),
        ({"start": "2026-06-01", "service": 7}, "service"),
        ({"start": "2026-06-01", "end": "2026-06-02"}, "end"),
    ],
)
def test_bad_requests_name_the_field(planning: Planning, request_: Any, field: str) -> None:
    with pytest.raises(PlanningError) as caught:
        review_plan(request_, planning.review)
    assert field in {p.field for p in caught.value.problems}


def test_not_an_object_is_refused(planning: Planning) -> None:
    with pytest.raises(PlanningError) as caught:
        review_plan(["2026-06-01"], planning.review)
    assert "must be an object" in caught.value.problems[0].message


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        ({"start": "0001-01-01"}, "start"),
        ({"start": "0001-01-05"}, "start"),
        ({"start": "9999-12-31"}, "start"),
        ({"start": "9999-12-30"}, "start"),
        ({"start": "2027-02-09", "report_final": "9999-12-31"}, "report_final"),
    ],
)
def test_dates_at_the_edge_of_the_calendar_are_refused_not_raised(
    planning: Planning, request_: Any, field: str
) -> None:
    """Dates outside 1900-2199 are input errors (the limits on input), so no deadline can fall
    off the calendar's ends: the entry is named and nothing is raised."""
    with pytest.raises(PlanningError) as caught:
        review_plan(request_, planning.review)
    (problem,) = caught.value.problems
    assert problem.field == field
    assert "1900 to 2199" in problem.message


def test_messages_give_dates_in_the_long_style(planning: Planning) -> None:
    with pytest.raises(PlanningError) as caught:
        review_plan({"start": "2027-02-09", "report_final": "2027-02-01"}, planning.review)
    (problem,) = caught.value.problems
    assert "Wednesday 10 February 2027" in problem.message
    assert "Monday 1 February 2027" in problem.message
    assert "2027-02" not in problem.message
