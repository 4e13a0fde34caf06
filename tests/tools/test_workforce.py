"""The workforce planner: the caseload limit of item 1, the supervision ratio of item 8 at
their boundaries, and item 1 scored by the scorer's own rule for the staffing entered."""

from __future__ import annotations

from typing import Any

import pytest

from scorer.errors import PlanningError
from scorer.measures import explain
from scorer.planning.rules import Planning
from scorer.planning.workforce import plan_workforce, workforce_report


def plan(planning: Planning, **request: Any) -> dict[str, Any]:
    return plan_workforce(request, planning.workforce)


def test_limits_come_from_items_1_and_8(planning: Planning) -> None:
    rules = planning.workforce
    assert rules.max_caseload == 20
    assert rules.specialists_per_supervisor == 10
    assert rules.caseload_item.number == 1 and rules.supervisor_item.number == 8
    assert "10 employment specialists" in rules.component.text


@pytest.mark.parametrize(
    ("people", "months", "exact", "caseload"),
    [
        (240, 12, 240, 240),
        (240, 6, 120, 120),
        (100, 5, 41.67, 42),  # 41.67 people at once rounds up to 42
        (250, 4.5, 93.75, 94),
        (0, 6, 0, 0),
        (10, 30, 25, 25),  # longer than a year on the caseload
    ],
)
def test_active_caseload_is_people_times_months_over_12_rounded_up(
    planning: Planning, people: int, months: float, exact: float, caseload: int
) -> None:
    result = plan(planning, people_per_year=people, months_on_caseload=months)
    assert result["active_caseload"]["exact"] == exact
    assert result["active_caseload"]["people"] == caseload


@pytest.mark.parametrize(
    ("caseload", "fte", "posts"),
    [(200, 10, 10), (201, 10.05, 11), (220, 11, 11), (20, 1, 1), (21, 1.05, 2), (1, 0.05, 1)],
)
def test_specialists_keep_every_caseload_at_20_or_fewer(
    planning: Planning, caseload: int, fte: float, posts: int
) -> None:
    result = plan(planning, people_per_year=caseload, months_on_caseload=12)
    assert result["specialists"] == {**result["specialists"], "fte": fte, "posts": posts}
    assert caseload / posts <= 20
    if posts > 1:
        assert caseload / (posts - 1) > 20


@pytest.mark.parametrize(
    ("specialists", "fte", "posts"),
    [
        (10, 1, 1),
        (11, 1.25, 2),
        (9, 1, 1),
        (20, 2, 2),
        (21, 2.25, 3),
        (4, 0.5, 1),
        (5, 0.5, 1),
        (6, 0.75, 1),
        (2, 0.25, 1),
    ],
)
def test_one_full_time_supervisor_per_10_specialists_pro_rata(
    planning: Planning, specialists: int, fte: float, posts: int
) -> None:
    # 20 people a year for 12 months fill one specialist's caseload exactly.
    result = plan(planning, people_per_year=20 * specialists, months_on_caseload=12)
    assert result["specialists"]["posts"] == specialists
    leaders = result["team_leaders"]
    assert (leaders["fte"], leaders["posts"]) == (fte, posts)
    assert f"{fte:g} full-time equivalent of supervision" in leaders["rule"]


@pytest.mark.parametrize(
    ("fte", "score"), [(10, 5), (9.76, 4), (8, 4), (7.99, 3), (5, 2), (4.99, 1)]
)
def test_item_1_for_the_staffing_entered_is_the_scorers_own(
    planning: Planning, scale: Any, fte: float, score: int
) -> None:
    # 200 people on the caseload: 20 per FTE at 10 FTE, 25 at 8, 40 at 5.
    result = plan(planning, people_per_year=200, months_on_caseload=12, specialists_fte=fte)
    item_1 = result["current"]["item_1"]
    assert item_1["score"] == score
    assert item_1 == {
        "item": "caseload-size",
        "number": 1,
        **explain(scale.item(1), {"active_clients": 200, "specialists_fte": fte}).to_dict(),
    }


@pytest.mark.parametrize(
    ("specialists", "leaders", "met"),
    [
        (10, 1, True),
        (11, 1, False),
        (11, 1.1, False),
        (11, 1.25, True),
        (5, 0.5, True),
        (5, 0.49, False),
        (4, 0.5, True),
        (4, 0.49, False),
        (4, 0.4, False),
        (3, 0, False),
    ],
)
def test_item_8_supervision_role_for_the_staffing_entered(
    planning: Planning, specialists: int, leaders: float, met: bool
) -> None:
    result = plan(
        planning,
        people_per_year=100,
        months_on_caseload=12,
        specialists_fte=specialists,
        team_leaders_fte=leaders,
    )
    supervision = result["current"]["item_8_supervision"]
    assert supervision["met"] is met
    assert supervision["component"] == "supervision-ratio"
    # With the role in place item 8 can reach 5; without it, 4 at most (item 8's score_by_count).
    assert supervision["item_score_range"] == (
        {"min": 1, "max": 5} if met else {"min": 1, "max": 4}
    )


def test_the_scales_own_example_a_supervisor_of_4_specialists_half_time(
    planning: Planning, scale: Any
) -> None:
    """Item 8: a supervisor of 4 employment specialists may give half their time to supervision.
    The rule agrees with the example exactly: 0.5 is enough, 0.4 (4 / 10) is not."""
    component = planning.workforce.component.text
    assert "4 employment specialists" in component and "half" in component
    half = plan(
        planning,
        people_per_year=80,
        months_on_caseload=12,
        specialists_fte=4,
        team_leaders_fte=0.5,
    )
    assert half["team_leaders"]["fte"] == 0.5
    assert half["current"]["item_8_supervision"]["met"] is True
    assert half["current"]["shortfall"]["team_leaders_fte"] == 0
    tenth = plan(
        planning,
        people_per_year=80,
        months_on_caseload=12,
        specialists_fte=4,
        team_leaders_fte=0.4,
    )
    supervision = tenth["current"]["item_8_supervision"]
    assert supervision["met"] is False
    assert "0.5 full-time equivalent of supervision needed" in supervision["rule"]
    assert tenth["current"]["shortfall"]["team_leaders_fte"] == 0.1


def test_part_time_specialists_count_as_people_for_supervision(planning: Planning) -> None:
    counted = plan(
        planning,
        people_per_year=100,
        months_on_caseload=12,
        specialists_fte=8,
        specialists=11,
        team_leaders_fte=1,
    )["current"]
    assert counted["item_8_supervision"]["met"] is False
    assert counted["item_8_supervision"]["specialists_per_supervisor_fte"] == 11
    guessed = plan(
        planning,
        people_per_year=100,
        months_on_caseload=12,
        specialists_fte=9.5,
        team_leaders_fte=1,
    )["current"]
    assert guessed["specialists"] == 10  # 9.5 FTE counted as 10 people
    assert guessed["item_8_supervision"]["met"] is True


def test_supervision_is_not_judged_without_the_team_leaders(planning: Planning) -> None:
    current = plan(planning, people_per_year=100, months_on_caseload=12, specialists_fte=5)[
        "current"
    ]
    assert current["item_8_supervision"]["met"] is None
    assert "item_score_range" not in current["item_8_supervision"]
    assert current["shortfall"]["team_leaders_fte"] is None


def test_shortfall_against_the_plan(planning: Planning) -> None:
    result = plan(
        planning,
        people_per_year=250,
        months_on_caseload=6,
        specialists_fte=5,
        team_leaders_fte=0.5,
    )
    assert result["specialists"]["fte"] == 6.25
    # 7 posts need 0.7, rounded up to 0.75 of supervision: 0.25 short of the 0.5 there.
    assert result["current"]["shortfall"] == {"specialists_fte": 1.25, "team_leaders_fte": 0.25}
    text = workforce_report(result)
    assert "125 people" in text and "7 full-time posts" in text and "Short by 1.25" in text


def test_no_current_staffing_means_no_scores(planning: Planning) -> None:
    assert plan(planning, people_per_year=100, months_on_caseload=6)["current"] is None


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        ({"months_on_caseload": 6}, "people_per_year"),
        ({"people_per_year": 100}, "months_on_caseload"),
        ({"people_per_year": -1, "months_on_caseload": 6}, "people_per_year"),
        ({"people_per_year": 10.5, "months_on_caseload": 6}, "people_per_year"),
        ({"people_per_year": "100", "months_on_caseload": 6}, "people_per_year"),
        ({"people_per_year": True, "months_on_caseload": 6}, "people_per_year"),
        ({"people_per_year": 100, "months_on_caseload": 0}, "months_on_caseload"),
        (
            {"people_per_year": 100, "months_on_caseload": 6, "specialists_fte": 0},
            "specialists_fte",
        ),
        (
            {"people_per_year": 100, "months_on_caseload": 6, "team_leaders_fte": 1},
            "specialists_fte",
        ),
        (
            {
                "people_per_year": 100,
                "months_on_caseload": 6,
                "specialists_fte": 3,
                "specialists": 2,
            },
            "specialists",
        ),
        (
            {
                "people_per_year": 100,
                "months_on_caseload": 6,
                "specialists_fte": 3,
                "team_leaders_fte": -1,
            },
            "team_leaders_fte",
        ),
        ({"people_per_year": 100, "months_on_caseload": 6, "staff": 3}, "staff"),
    ],
)
def test_bad_requests_name_the_field(planning: Planning, request_: Any, field: str) -> None:
    with pytest.raises(PlanningError) as caught:
        plan_workforce(request_, planning.workforce)
    assert field in {p.field for p in caught.value.problems}
