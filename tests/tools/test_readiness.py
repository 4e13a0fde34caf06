"""Centre status with its dates, and readiness: months of operation across month ends and leap
years, the self-assessment threshold at its boundary, and the plain guidance note."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from scorer.centres import centre_status
from scorer.errors import PlanningError
from scorer.planning.readiness import months_between, readiness, readiness_report
from scorer.planning.rules import Planning
from scorer.result import score
from scorer.scale import Scale


def judge(planning: Planning, scale: Scale, **request: Any) -> dict[str, Any]:
    return readiness(request, planning.readiness, scale)


def test_rules_come_from_the_data(planning: Planning) -> None:
    rules = planning.readiness
    assert (rules.usual_from_months, rules.usual_to_months) == (18, 24)
    assert (rules.threshold, rules.years, rules.grace_months, rules.renewal_window_months) == (
        100,
        3,
        3,
        6,
    )


@pytest.mark.parametrize(
    ("start", "on", "months"),
    [
        ("2024-02-29", "2025-08-28", 17),
        ("2024-02-29", "2025-08-29", 18),  # 18 months after a leap day
        ("2023-08-31", "2025-02-27", 17),
        ("2023-08-31", "2025-02-28", 18),  # the 31st lands on the last day of February
        ("2024-01-31", "2024-02-29", 1),
        ("2024-01-31", "2024-02-28", 0),
        ("2025-12-15", "2026-01-14", 0),
        ("2025-12-15", "2026-01-15", 1),
        ("2026-06-01", "2026-06-01", 0),
    ],
)
def test_months_of_operation(start: str, on: str, months: int) -> None:
    assert months_between(date.fromisoformat(start), date.fromisoformat(on)) == months


@pytest.mark.parametrize(("on", "met"), [("2025-08-28", False), ("2025-08-29", True)])
def test_eighteen_months_of_operation_at_the_boundary(
    planning: Planning, scale: Scale, on: str, met: bool
) -> None:
    result = judge(planning, scale, started="2024-02-29", on=on)
    operation = result["operation"]
    assert operation["met"] is met
    assert (operation["ready_from"], operation["usually_by"]) == ("2025-08-29", "2026-02-28")
    assert result["ready"] is None  # one sign alone is not enough to say


@pytest.mark.parametrize(("total", "met"), [(99, False), (100, True), (125, True), (25, False)])
def test_self_assessment_threshold(planning: Planning, scale: Scale, total: int, met: bool) -> None:
    result = judge(planning, scale, self_assessment_total=total, on="2026-01-01")
    assert result["self_assessment"] == {
        "total": total,
        "answered": 25,
        "complete": True,
        "threshold": 100,
        "met": met,
    }


def test_ready_needs_both_signs(planning: Planning, scale: Scale) -> None:
    both = judge(planning, scale, started="2024-01-10", self_assessment_total=104, on="2026-01-10")
    assert both["ready"] is True
    assert "may be ready" in " ".join(both["summary"])
    young = judge(planning, scale, started="2025-01-10", self_assessment_total=104, on="2026-01-10")
    assert young["ready"] is False
    low = judge(planning, scale, started="2024-01-10", self_assessment_total=96, on="2026-01-10")
    assert low["ready"] is False
    assert "4 short of the threshold of 100" in " ".join(low["summary"])


def test_a_saved_self_assessment_is_scored(planning: Planning, scale: Scale) -> None:
    complete = {"items": {item.id: {"score": 4} for item in scale.items}}
    result = judge(planning, scale, self_assessment=complete, on="2026-01-01")
    assert result["self_assessment"]["total"] == score(complete, scale)["total"] == 100
    assert result["self_assessment"]["met"] is True
    partial = {"items": {item.id: {"score": 5} for item in scale.items[:24]}}
    result = judge(planning, scale, self_assessment=partial, on="2026-01-01")
    assert result["self_assessment"]["complete"] is False
    assert result["self_assessment"]["met"] is False  # 120 points, but one item unanswered
    assert "only counts once every item is answered" in " ".join(result["summary"])


def test_the_guidance_note_is_always_there(planning: Planning, scale: Scale) -> None:
    result = judge(
        planning, scale, started="2020-01-01", self_assessment_total=125, on="2026-01-01"
    )
    assert "only by invitation from Centre for Mental Health" in result["note"]
    assert "cannot" in result["note"]
    assert result["note"] in readiness_report(result)


def test_status_dates_of_a_centre(planning: Planning, scale: Scale) -> None:
    history = {"reviews": [{"date": "2024-02-29", "score": 104, "invited": "2024-02-29"}]}
    before = judge(planning, scale, **history, on="2026-08-28")
    centre = before["centre"]
    assert {k: centre[k] for k in ("status", "valid_until", "renewal_due")} == {
        "status": "centre",
        "valid_until": "2027-02-28",
        "renewal_due": False,
    }
    assert (centre["term_started"], centre["renewal_from"]) == ("2024-02-29", "2026-08-29")
    assert any(
        line.endswith("renewal falls due from Saturday 29 August 2026.")
        and "this site's reading" in line
        for line in before["summary"]
    )
    within = judge(planning, scale, **history, on="2026-08-29")["centre"]
    assert within["renewal_due"] is True
    # The status part is exactly the scorer's Centre status, with the two dates added.
    plain = centre_status(history, date(2026, 8, 29))
    assert {k: within[k] for k in plain} == plain


def test_status_in_grace_and_lapsed(planning: Planning, scale: Scale) -> None:
    history = {
        "reviews": [
            {"date": "2023-05-01", "score": 108, "invited": "2023-05-01"},
            {"date": "2026-03-01", "score": 95},
        ]
    }
    grace = judge(planning, scale, **history, on="2026-04-01")
    assert grace["centre"]["status"] == "grace"
    assert grace["centre"]["grace_until"] == "2026-06-01"
    assert grace["centre"]["term_started"] == "2023-05-01"
    lapsed = judge(planning, scale, **history, on="2026-06-02")
    assert lapsed["centre"]["status"] == "lapsed"
    assert lapsed["centre"]["renewal_from"] is None
    never = judge(planning, scale, on="2026-06-02")
    assert never["centre"]["status"] == "never"
    assert "no Centre of Excellence status" in never["summary"][0]


# SPEC v3's example: invited 2021-05-01, a review of 97 on 2023-11-10.
V3_EXAMPLE = {
    "reviews": [
        {"date": "2021-04-01", "score": 105, "invited": "2021-05-01"},
        {"date": "2023-11-10", "score": 97},
    ]
}


@pytest.mark.parametrize(
    ("on", "state", "grace_until"),
    [
        ("2023-11-09", "centre", None),
        ("2024-02-10", "grace", "2024-05-01"),
        ("2024-02-11", "grace", "2024-05-01"),  # past 3 months: the three years still hold
        ("2024-05-01", "grace", "2024-05-01"),
        ("2024-05-02", "lapsed", None),
    ],
)
def test_a_low_review_never_shortens_the_three_years(
    planning: Planning, scale: Scale, on: str, state: str, grace_until: str | None
) -> None:
    result = judge(planning, scale, **V3_EXAMPLE, on=on)
    centre = result["centre"]
    assert (centre["status"], centre["grace_until"]) == (state, grace_until)
    plain = centre_status(V3_EXAMPLE, date.fromisoformat(on))
    assert {k: centre[k] for k in plain} == plain
    if state == "grace":
        assert centre["term_started"] == "2021-05-01"
        assert "1 May 2024" in result["summary"][0]
        assert any("never shortens the three years" in line for line in result["summary"])


def test_grace_longer_than_the_term_says_nothing_of_the_term(
    planning: Planning, scale: Scale
) -> None:
    history = {
        "reviews": [
            {"date": "2023-05-01", "score": 108, "invited": "2023-05-01"},
            {"date": "2026-03-01", "score": 95},
        ]
    }
    result = judge(planning, scale, **history, on="2026-05-02")
    assert result["centre"]["grace_until"] == "2026-06-01"
    assert not any("never shortens" in line for line in result["summary"])


def test_today_is_used_when_no_day_is_given(planning: Planning, scale: Scale) -> None:
    result = readiness({"started": "2024-01-01"}, planning.readiness, scale, date(2026, 1, 1))
    assert result["on"] == "2026-01-01"
    assert result["operation"]["months"] == 24


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        ({"started": "last year"}, "started"),
        ({"started": "2026-02-01", "on": "2026-01-01"}, "started"),
        ({"on": "2026-13-01"}, "on"),
        ({"self_assessment_total": 126}, "self_assessment_total"),
        ({"self_assessment_total": 24}, "self_assessment_total"),
        ({"self_assessment_total": 100.5}, "self_assessment_total"),
        ({"self_assessment_total": 100, "self_assessment": {"items": {}}}, "self_assessment"),
        ({"self_assessment": {"items": {"caseload-size": {"score": 6}}}}, "self_assessment.score"),
        ({"reviews": [{"date": "2024-01-01", "score": 130}]}, "reviews[0].score"),
        ({"reviews": "none"}, "reviews"),
        ({"closed": "soon"}, "closed"),
        ({"opened": "2024-01-01"}, "opened"),
    ],
)
def test_bad_requests_name_the_field(
    planning: Planning, scale: Scale, request_: Any, field: str
) -> None:
    with pytest.raises(PlanningError) as caught:
        readiness(request_, planning.readiness, scale, date(2026, 1, 1))
    assert field in {p.field for p in caught.value.problems}


def test_problems_in_every_part_are_reported_together(planning: Planning, scale: Scale) -> None:
    request = {"started": "x", "self_assessment_total": 7, "reviews": [{"date": "y", "score": 100}]}
    with pytest.raises(PlanningError) as caught:
        readiness(request, planning.readiness, scale, date(2026, 1, 1))
    assert {p.field for p in caught.value.problems} == {
        "started",
        "self_assessment_total",
        "reviews[0].date",
    }


def test_key_dates_in_order_with_words(planning: Planning, scale: Scale) -> None:
    result = judge(
        planning,
        scale,
        reviews=[{"date": "2024-02-29", "score": 104, "invited": "2024-02-29"}],
        started="2022-08-31",
        on="2026-09-01",
    )
    assert [(d["id"], d["date"], d["text"]) for d in result["key_dates"]] == [
        ("term_started", "2024-02-29", "Thursday 29 February 2024"),
        ("renewal_from", "2026-08-29", "Saturday 29 August 2026"),
        ("valid_until", "2027-02-28", "Sunday 28 February 2027"),
        ("started", "2022-08-31", "Wednesday 31 August 2022"),
        ("ready_from", "2024-02-29", "Thursday 29 February 2024"),  # 18 months from the 31st
        ("usually_by", "2024-08-31", "Saturday 31 August 2024"),
    ]
    lapsed = judge(
        planning,
        scale,
        reviews=[{"date": "2020-01-10", "score": 100, "invited": "2020-01-10"}],
        on="2026-01-01",
    )
    assert [(d["label"], d["date"]) for d in lapsed["key_dates"]] == [
        ("Status last held", "2023-01-10")
    ]


def test_a_centre_is_judged_ready_for_its_next_review(planning: Planning, scale: Scale) -> None:
    history = {"reviews": [{"date": "2024-02-29", "score": 104, "invited": "2024-02-29"}]}
    ready = judge(
        planning, scale, **history, started="2020-01-01", self_assessment_total=110, on="2026-09-01"
    )
    assert ready["ready"] is True
    assert (
        ready["summary"][-1] == "On these two signs, the service looks ready for its next review."
    )
    low = judge(
        planning, scale, **history, started="2020-01-01", self_assessment_total=90, on="2026-09-01"
    )
    assert low["summary"][-1].endswith("may not be ready for its next review yet.")


def test_a_review_of_100_without_an_invitation_makes_a_service_eligible_not_a_centre(
    planning: Planning, scale: Scale
) -> None:
    """The request without `invited` reads as before; the status now needs the invitation."""
    result = judge(planning, scale, reviews=[{"date": "2025-01-10", "score": 104}], on="2026-01-01")
    assert result["centre"]["status"] == "eligible"
    assert result["centre"]["term_started"] is None and result["centre"]["valid_until"] is None
    words = " ".join(result["summary"])
    assert "eligible" in words and "only by invitation" in words
    assert "is a Centre of Excellence" not in words
    invited = judge(
        planning,
        scale,
        reviews=[{"date": "2025-01-10", "score": 104, "invited": "2025-02-03"}],
        on="2026-01-01",
    )
    assert invited["centre"]["status"] == "centre"
    assert invited["centre"]["term_started"] == "2025-02-03"
    assert invited["centre"]["renewal_from"] == "2027-08-03"
    assert invited["centre"]["valid_until"] == "2028-02-03"


def test_a_renewal_restarts_the_three_years_without_a_new_invitation(
    planning: Planning, scale: Scale
) -> None:
    reviews = [{"date": "2022-01-10", "score": 104, "invited": "2022-02-01"}]
    reviews.append({"date": "2024-11-01", "score": 101})
    result = judge(planning, scale, reviews=reviews, on="2025-01-01")
    assert result["centre"]["term_started"] == "2024-11-01"
    lapsed = judge(planning, scale, reviews=reviews[:1], on="2025-02-02")
    assert lapsed["centre"]["status"] == "lapsed"
    assert "needs a new invitation" in " ".join(lapsed["summary"])


def test_an_invitation_after_a_low_review_names_the_field(planning: Planning, scale: Scale) -> None:
    request = {"reviews": [{"date": "2025-01-10", "score": 96, "invited": "2025-02-03"}]}
    with pytest.raises(PlanningError) as caught:
        readiness(request, planning.readiness, scale, date(2026, 1, 1))
    assert [p.field for p in caught.value.problems] == ["reviews[0].invited"]
