"""The timetable checker: each break rule at its boundary, overlaps, coverage and bad input."""

from __future__ import annotations

from typing import Any

import pytest
from tools_helpers import GROUPS, good_day, interview, timetable

from scorer.errors import PlanningError
from scorer.planning.rules import Planning
from scorer.planning.timetable import MAX_INTERVIEWS_PER_DAY, check_timetable


def check(planning: Planning, *days: list[dict[str, Any]]) -> dict[str, Any]:
    return check_timetable(timetable(*days), planning.timetable)


def rules_broken(result: dict[str, Any]) -> list[str]:
    return [b["rule"] for b in result["breaches"]]


def test_rules_come_from_review_yaml(planning: Planning) -> None:
    rules = planning.timetable
    assert (rules.min_gap, rules.morning_break, rules.afternoon_break, rules.lunch) == (
        5,
        15,
        15,
        45,
    )
    assert rules.days == 2
    assert [g.id for g in rules.groups] == list(GROUPS)


def test_a_good_timetable_passes(planning: Planning) -> None:
    result = check(planning, good_day(), good_day())
    assert result["ok"] is True
    assert result["breaches"] == []
    assert result["not_covered"] == []
    day = result["days"][0]
    assert day["lunch"] == {"start": "12:15", "end": "13:00", "minutes": 45}
    assert day["morning_break"] == {"start": "10:30", "end": "10:45", "minutes": 15}
    assert day["afternoon_break"] == {"start": "15:00", "end": "15:15", "minutes": 15}


@pytest.mark.parametrize(("start", "broken"), [("09:49", True), ("09:50", False)])
def test_four_minutes_between_interviews_fails_and_five_passes(
    planning: Planning, start: str, broken: bool
) -> None:
    day = good_day()
    day[1] = interview("senior-executives", start, "10:30")
    result = check(planning, day, good_day())
    assert rules_broken(result) == (["gap"] if broken else [])
    if broken:
        breach = result["breaches"][0]
        assert breach["day"] == 1 and breach["interviews"] == [1, 2]
        assert "4 minutes" in breach["message"] and "at least 5" in breach["message"]


def test_back_to_back_interviews_break_the_gap_rule(planning: Planning) -> None:
    day = good_day()
    day[1] = interview("senior-executives", "09:45", "10:30")
    assert rules_broken(check(planning, day, good_day())) == ["gap"]


@pytest.mark.parametrize(("lunch_end", "broken"), [("12:59", True), ("13:00", False)])
def test_a_44_minute_lunch_fails_and_45_passes(
    planning: Planning, lunch_end: str, broken: bool
) -> None:
    day = good_day()
    day[4] = interview("clients", lunch_end, "14:00")
    result = check(planning, good_day(), day)
    assert rules_broken(result) == (["lunch"] if broken else [])
    assert result["days"][1]["lunch"]["minutes"] == (44 if broken else 45)
    if broken:
        assert result["breaches"][0]["day"] == 2
        assert "44 minutes" in result["breaches"][0]["message"]


@pytest.mark.parametrize(("second_start", "broken"), [("10:44", True), ("10:45", False)])
def test_a_14_minute_morning_break_fails_and_15_passes(
    planning: Planning, second_start: str, broken: bool
) -> None:
    day = good_day()
    day[2] = interview("employment-specialists", second_start, "11:30")
    assert rules_broken(check(planning, day, good_day())) == (["morning-break"] if broken else [])


@pytest.mark.parametrize(("last_start", "broken"), [("15:14", True), ("15:15", False)])
def test_a_14_minute_afternoon_break_fails_and_15_passes(
    planning: Planning, last_start: str, broken: bool
) -> None:
    day = good_day()
    day[6] = interview("clinicians", last_start, "16:00")
    assert rules_broken(check(planning, day, good_day())) == (["afternoon-break"] if broken else [])


def test_lunch_does_not_count_as_the_morning_or_afternoon_break(planning: Planning) -> None:
    day = [
        interview("clinicians", "09:00", "10:00"),
        interview("clients", "10:05", "12:00"),
        interview("team-leaders", "13:00", "14:00"),
        interview("clients", "14:05", "16:00"),
    ]
    result = check(planning, day, good_day())
    assert sorted(rules_broken(result)) == ["afternoon-break", "morning-break"]
    assert result["days"][0]["lunch"]["minutes"] == 60


def test_no_gap_in_the_lunch_window_is_reported(planning: Planning) -> None:
    day = [
        interview("clinicians", "09:00", "10:00"),
        interview("clients", "10:15", "11:00"),
        interview("team-leaders", "11:05", "13:00"),
        interview("clients", "13:05", "15:00"),
        interview("clinicians", "15:15", "16:00"),
    ]
    result = check(planning, day, good_day())
    assert result["days"][0]["lunch"] is not None  # the 5-minute gap at 13:00 is the longest
    assert rules_broken(result) == ["lunch"]
    assert "5 minutes" in result["breaches"][0]["message"]


def test_a_day_running_through_the_window_without_any_gap_has_no_lunch(
    planning: Planning,
) -> None:
    day = [
        interview("clinicians", "09:00", "10:00"),
        interview("clients", "10:15", "11:00"),
        interview("team-leaders", "11:05", "15:00"),
        interview("clients", "15:05", "15:30"),
        interview("clinicians", "15:45", "16:30"),
    ]
    result = check(planning, day, good_day())
    assert result["days"][0]["lunch"] is None
    assert rules_broken(result) == ["lunch"]
    assert "no lunch break" in result["breaches"][0]["message"]


def test_lunch_is_the_longest_gap_in_the_window(planning: Planning) -> None:
    day = [
        interview("clinicians", "09:00", "10:00"),
        interview("clients", "10:15", "11:40"),
        interview("team-leaders", "12:00", "12:30"),  # 20-minute gap before, 45 after
        interview("clients", "13:15", "14:30"),
        interview("clinicians", "14:45", "16:00"),
    ]
    result = check(planning, day, good_day())
    assert result["days"][0]["lunch"] == {"start": "12:30", "end": "13:15", "minutes": 45}
    # The 20-minute gap at 11:40 falls before lunch, so it is the morning's break.
    assert result["days"][0]["morning_break"]["minutes"] == 20
    assert result["ok"] is True


def test_a_half_day_still_needs_every_break(planning: Planning) -> None:
    """The agreement asks for lunch and both breaks on each review day, with no exemption."""
    morning = [
        interview("clinicians", "09:00", "10:00"),
        interview("clients", "10:15", "11:00"),
        interview("team-leaders", "11:05", "12:30"),
    ]
    result = check(planning, morning, good_day())
    assert sorted(rules_broken(result)) == ["afternoon-break", "lunch"]
    assert result["days"][0]["lunch_needed"] is True


@pytest.mark.parametrize(
    ("lunch_end", "broken"), [("12:15", True), ("12:44", True), ("12:45", False)]
)
def test_a_day_from_9_to_half_past_2_needs_a_45_minute_lunch(
    planning: Planning, lunch_end: str, broken: bool
) -> None:
    """09:00 to 14:30 does not run past the lunch window, yet still needs lunch: with a
    15-minute lunch (12:00-12:15) it is flagged; 44 minutes fails and 45 passes."""
    day = [
        interview("clinicians", "09:00", "10:00"),
        interview("clients", "10:15", "12:00"),
        interview("team-leaders", lunch_end, "13:30"),
        interview("clients", "13:45", "14:30"),
    ]
    result = check(planning, day, good_day())
    assert result["days"][0]["ends"] == "14:30"
    assert rules_broken(result) == (["lunch"] if broken else [])
    if broken:
        assert "it needs at least 45" in result["breaches"][0]["message"]


def test_a_part_of_the_day_with_one_interview_still_needs_a_break(planning: Planning) -> None:
    day = [
        interview("clinicians", "09:00", "11:45"),
        interview("clients", "12:30", "13:30"),
        interview("team-leaders", "13:45", "15:00"),
    ]
    result = check(planning, day, good_day())
    assert rules_broken(result) == ["morning-break"]
    assert "no gap between interviews in the morning" in result["breaches"][0]["message"]


def test_a_zero_minute_gap_is_never_a_break(planning: Planning) -> None:
    """Back-to-back interviews break the gap rule; their 0-minute 'gap' is never shown as
    lunch or as the longest break (no "13:00 to 13:00 (0 minutes)")."""
    day = [
        interview("clinicians", "09:00", "10:00"),
        interview("clients", "10:15", "13:00"),
        interview("team-leaders", "13:00", "14:00"),
        interview("clients", "14:15", "16:00"),
    ]
    result = check(planning, day, good_day())
    summary = result["days"][0]
    for part in ("lunch", "morning_break", "afternoon_break"):
        assert summary[part] is None or summary[part]["minutes"] > 0, part
    assert summary["lunch"] == {"start": "14:00", "end": "14:15", "minutes": 15}
    assert sorted(rules_broken(result)) == ["afternoon-break", "gap", "lunch"]
    assert "13:00 to 13:00" not in str(result) and "13:00-13:00" not in str(result)


def test_overlapping_interviews_are_reported_in_either_order(planning: Planning) -> None:
    day = good_day()
    day[1] = interview("senior-executives", "09:30", "10:30")
    day[0], day[1] = day[1], day[0]
    result = check(planning, day, good_day())
    assert rules_broken(result) == ["overlap"]
    assert sorted(result["breaches"][0]["interviews"]) == [1, 2]


def test_an_interview_inside_a_longer_one_overlaps(planning: Planning) -> None:
    day = [
        interview("clinicians", "09:00", "12:00"),
        interview("clients", "10:00", "10:30"),
        interview("team-leaders", "11:00", "11:30"),
    ]
    result = check(planning, day, good_day())
    assert rules_broken(result).count("overlap") == 2


def test_groups_not_yet_interviewed_are_listed(planning: Planning) -> None:
    only = ("clinicians", "team-leaders")
    result = check(planning, good_day(groups=only), good_day(groups=only))
    assert result["breaches"] == []
    assert result["not_covered"] == ["senior-executives", "employment-specialists", "clients"]
    assert result["ok"] is False
    counts = {g["id"]: g["interviews"] for g in result["groups"]}
    assert counts["clinicians"] == 8 and counts["clients"] == 0


def test_a_timetable_of_one_day_is_short_of_the_review(planning: Planning) -> None:
    result = check(planning, good_day())
    assert rules_broken(result) == ["days"]
    assert "2 days" in result["breaches"][0]["message"]


def test_an_empty_day_breaks_no_break_rule(planning: Planning) -> None:
    result = check(planning, good_day(), [])
    assert result["breaches"] == []
    assert result["days"][1]["interviews"] == 0


def test_every_problem_in_the_input_is_reported_at_once(planning: Planning) -> None:
    request = {
        "days": [
            {
                "interviews": [
                    {"who": "commissioners", "start": "9:00", "end": "10:00"},
                    {"who": "clients", "start": "10:00", "end": "09:30"},
                    {"who": "clients", "start": "24:00", "end": "12:60", "room": "B"},
                ],
                "colour": "blue",
            }
        ]
    }
    with pytest.raises(PlanningError) as caught:
        check_timetable(request, planning.timetable)
    fields = {p.field for p in caught.value.problems}
    assert fields == {
        "days[0].colour",
        "days[0].interviews[0].who",
        "days[0].interviews[0].start",
        "days[0].interviews[1].end",
        "days[0].interviews[2].room",
        "days[0].interviews[2].start",
        "days[0].interviews[2].end",
    }
    messages = " ".join(p.message for p in caught.value.problems)
    assert "'commissioners'" in messages and "'9:00'" in messages and "'24:00'" in messages
    # What to do, with an example: the form of a time, or the range of one written like a time.
    assert "time written HH:MM (24-hour), like 09:30, got the text '9:00'" in messages
    assert "a time of day from 00:00 to 23:59, got the text '24:00'" in messages


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (None, None),
        ({}, "days"),
        ({"days": []}, "days"),
        ({"days": "monday"}, "days"),
        ({"days": [{}, {}, {}]}, "days"),
        ({"days": [{"interviews": "all day"}]}, "days[0].interviews"),
        ({"days": [{"date": "1 June", "interviews": []}]}, "days[0].date"),
        ({"days": [{"interviews": [["clients", "09:00", "10:00"]]}]}, "days[0].interviews[0]"),
    ],
)
def test_malformed_timetables_are_refused(
    planning: Planning, request_: Any, field: str | None
) -> None:
    with pytest.raises(PlanningError) as caught:
        check_timetable(request_, planning.timetable)
    assert field in {p.field for p in caught.value.problems}


def test_dates_of_days_are_kept(planning: Planning) -> None:
    request = {
        "days": [
            {"date": "2026-06-01", "interviews": good_day()},
            {"date": "2026-06-02", "interviews": good_day()},
        ]
    }
    result = check_timetable(request, planning.timetable)
    assert [d["date"] for d in result["days"]] == ["2026-06-01", "2026-06-02"]
    # The same long UK style as every other tool: words from Python, not from the page.
    assert [d["date_text"] for d in result["days"]] == ["Monday 1 June 2026", "Tuesday 2 June 2026"]


def test_an_unquoted_yaml_time_gets_a_hint(planning: Planning) -> None:
    request = {"days": [{"interviews": [{"who": "clients", "start": "09:00", "end": 615}]}]}
    with pytest.raises(PlanningError) as caught:
        check_timetable(request, planning.timetable)
    (problem,) = caught.value.problems
    assert problem.field == "days[0].interviews[0].end"
    assert "got 615" in problem.message and 'quotes, such as "10:15"' in problem.message


def test_every_day_with_interviews_needs_lunch(planning: Planning) -> None:
    short = [interview("clients", "09:30", "10:15")]
    result = check(planning, good_day(), short)
    assert [d["lunch_needed"] for d in result["days"]] == [True, True]
    assert sorted(rules_broken(result)) == ["afternoon-break", "lunch", "morning-break"]


@pytest.mark.parametrize("count", [MAX_INTERVIEWS_PER_DAY + 1, 1_000, 10_000])
def test_a_day_of_too_many_interviews_is_refused_before_reading_them(
    planning: Planning, count: int
) -> None:
    day = [{"who": "nobody", "start": "x"}] * count  # not one of them is read
    with pytest.raises(PlanningError) as caught:
        check_timetable(timetable(good_day(), day), planning.timetable)
    (problem,) = caught.value.problems
    assert problem.field == "days[1].interviews"
    assert f"lists {count:,} interviews" in problem.message
    assert f"at most {MAX_INTERVIEWS_PER_DAY} for one day" in problem.message


def test_a_day_at_the_limit_is_checked(planning: Planning) -> None:
    day = [
        interview(
            "clients",
            f"{9 + n // 6:02d}:{(n % 6) * 10:02d}",
            f"{9 + n // 6:02d}:{(n % 6) * 10 + 5:02d}",
        )
        for n in range(MAX_INTERVIEWS_PER_DAY)
    ]
    found = check_timetable(timetable(day), planning.timetable)
    assert found["days"][0]["interviews"] == MAX_INTERVIEWS_PER_DAY
