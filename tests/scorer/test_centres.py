"""Centre of Excellence status from a review history, per SPEC.md's rules."""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

import pytest

from scorer import api
from scorer.centres import centre_status
from scorer.errors import HistoryError


def reviews(*pairs: tuple[str, int], **extra: Any) -> dict[str, Any]:
    return {"reviews": [{"date": d, "score": s} for d, s in pairs], **extra}


def status(
    name: str,
    valid_until: str | None = None,
    grace_until: str | None = None,
    renewal_due: bool = False,
    review_recommended: bool = False,
) -> dict[str, Any]:
    return {
        "status": name,
        "valid_until": valid_until,
        "grace_until": grace_until,
        "renewal_due": renewal_due,
        "review_recommended": review_recommended,
    }


NEVER = status("never")
REVIEWED_2023 = reviews(("2023-05-01", 108))
LOW_2026 = reviews(("2023-05-01", 108), ("2026-03-01", 95))

# (name, history, on, expected): the whole output object.
EXACT: list[tuple[str, dict[str, Any], str, dict[str, Any]]] = [
    ("no reviews", reviews(), "2026-01-01", NEVER),
    ("only a low review", reviews(("2023-01-01", 99)), "2023-06-01", NEVER),
    ("before the first review", REVIEWED_2023, "2023-04-30", NEVER),
    ("on the review day", REVIEWED_2023, "2023-05-01", status("centre", "2026-05-01")),
    ("a year in", REVIEWED_2023, "2024-05-01", status("centre", "2026-05-01")),
    (
        "score of exactly 100",
        reviews(("2023-05-01", 100)),
        "2024-01-01",
        status("centre", "2026-05-01"),
    ),
    ("before the renewal window", REVIEWED_2023, "2025-10-31", status("centre", "2026-05-01")),
    (
        "inside the renewal window",
        REVIEWED_2023,
        "2025-11-02",
        status("centre", "2026-05-01", renewal_due=True),
    ),
    (
        "the last day, inclusive",
        REVIEWED_2023,
        "2026-05-01",
        status("centre", "2026-05-01", renewal_due=True),
    ),
    (
        "renewed by a new review",
        reviews(("2023-05-01", 108), ("2025-06-01", 104)),
        "2026-06-01",
        status("centre", "2028-06-01"),
    ),
    (
        "a new review after lapsing starts again",
        reviews(("2023-05-01", 108), ("2026-06-01", 104)),
        "2026-06-01",
        status("centre", "2029-06-01"),
    ),
    ("low review starts grace", LOW_2026, "2026-03-01", None),  # grace_until checked below
    (
        "follow-up of 100 or more inside grace renews from the follow-up",
        reviews(("2023-05-01", 108), ("2026-03-01", 95), ("2026-05-10", 102)),
        "2026-05-10",
        status("centre", "2029-05-10"),
    ),
    (
        "follow-up on the last day of grace",
        reviews(("2023-05-01", 108), ("2026-03-01", 95), ("2026-06-01", 100)),
        "2026-07-01",
        status("centre", "2029-06-01"),
    ),
    (
        "a later high review after a failed follow-up starts again",
        reviews(("2023-05-01", 108), ("2026-03-01", 95), ("2026-04-01", 90), ("2026-09-01", 101)),
        "2026-09-01",
        status("centre", "2029-09-01"),
    ),
    (
        "leap day plus three years",
        reviews(("2024-02-29", 100)),
        "2027-02-28",
        status("centre", "2027-02-28", renewal_due=True),
    ),
    (
        "before merging nothing is recommended",
        {**REVIEWED_2023, "merged": "2024-01-01"},
        "2023-12-31",
        status("centre", "2026-05-01"),
    ),
    (
        "merged keeps the status and recommends a review",
        {**REVIEWED_2023, "merged": "2024-01-01"},
        "2024-06-01",
        status("centre", "2026-05-01", review_recommended=True),
    ),
    (
        "closed in the future has no effect yet",
        {**REVIEWED_2023, "closed": "2024-01-01"},
        "2023-12-31",
        status("centre", "2026-05-01"),
    ),
    (
        "null closed and merged",
        {**REVIEWED_2023, "closed": None, "merged": None},
        "2024-01-01",
        status("centre", "2026-05-01"),
    ),
]


@pytest.mark.parametrize(
    ("name", "history", "on", "expected"),
    [c for c in EXACT if c[3] is not None],
    ids=[c[0] for c in EXACT if c[3] is not None],
)
def test_status_exactly(
    name: str, history: dict[str, Any], on: str, expected: dict[str, Any]
) -> None:
    got = centre_status(history, dt.date.fromisoformat(on))
    assert got == expected
    assert json.loads(json.dumps(got)) == got


# (name, history, on, status, valid_until or ..., grace_until or ...): `...` leaves a field open
# where SPEC does not fix it (for example what valid_until shows once the status has gone).
PARTIAL: list[tuple[str, dict[str, Any], str, str, Any, Any]] = [
    ("lapsed the day after", REVIEWED_2023, "2026-05-02", "lapsed", ..., None),
    ("leap day lapses on 1 March", reviews(("2024-02-29", 100)), "2027-03-01", "lapsed", ..., None),
    ("grace from the low review", LOW_2026, "2026-03-01", "grace", ..., "2026-06-01"),
    ("grace outlasts the three years", LOW_2026, "2026-05-15", "grace", ..., "2026-06-01"),
    ("last day of grace, inclusive", LOW_2026, "2026-06-01", "grace", ..., "2026-06-01"),
    ("grace ends with no follow-up", LOW_2026, "2026-06-02", "lapsed", ..., None),
    ("before the low review", LOW_2026, "2026-02-28", "centre", "2026-05-01", None),
    (
        "follow-up below 100 ends the status",
        reviews(("2023-05-01", 108), ("2026-03-01", 95), ("2026-04-01", 90)),
        "2026-04-01",
        "lapsed",
        ...,
        None,
    ),
    (
        "still in grace before the low follow-up",
        reviews(("2023-05-01", 108), ("2026-03-01", 95), ("2026-04-01", 90)),
        "2026-03-31",
        "grace",
        ...,
        "2026-06-01",
    ),
    (
        "a follow-up after grace is too late to renew from grace",
        reviews(("2023-05-01", 108), ("2026-03-01", 95), ("2026-06-02", 90)),
        "2026-06-02",
        "lapsed",
        ...,
        None,
    ),
    (
        "month end: 30 November plus 3 months",
        reviews(("2024-01-01", 110), ("2026-11-30", 90)),
        "2026-12-01",
        "grace",
        ...,
        "2027-02-28",
    ),
    (
        "month end: last grace day",
        reviews(("2024-01-01", 110), ("2026-11-30", 90)),
        "2027-02-28",
        "grace",
        ...,
        "2027-02-28",
    ),
    (
        "month end: grace over on 1 March",
        reviews(("2024-01-01", 110), ("2026-11-30", 90)),
        "2027-03-01",
        "lapsed",
        ...,
        None,
    ),
    (
        "31 August plus 3 months",
        reviews(("2024-06-01", 110), ("2025-08-31", 95)),
        "2025-09-01",
        "grace",
        ...,
        "2025-11-30",
    ),
    (
        "31 December plus 3 months",
        reviews(("2023-06-01", 110), ("2025-12-31", 95)),
        "2026-01-15",
        "grace",
        ...,
        "2026-03-31",
    ),
    (
        "low review after lapsing is not grace",
        reviews(("2019-01-01", 110), ("2023-01-01", 90)),
        "2023-01-01",
        "lapsed",
        ...,
        None,
    ),
    (
        "closed ends the status",
        {**REVIEWED_2023, "closed": "2024-01-01"},
        "2024-01-02",
        "lapsed",
        ...,
        None,
    ),
    (
        "closed during grace ends it",
        {**LOW_2026, "closed": "2026-04-01"},
        "2026-04-02",
        "lapsed",
        ...,
        None,
    ),
    (
        "a review after closing does not revive a closed service",
        {**reviews(("2023-05-01", 108), ("2024-06-01", 112)), "closed": "2024-01-01"},
        "2024-06-02",
        "lapsed",
        ...,
        None,
    ),
]


@pytest.mark.parametrize(
    ("name", "history", "on", "expected_status", "valid_until", "grace_until"),
    PARTIAL,
    ids=[c[0] for c in PARTIAL],
)
def test_status(
    name: str,
    history: dict[str, Any],
    on: str,
    expected_status: str,
    valid_until: Any,
    grace_until: Any,
) -> None:
    got = centre_status(history, dt.date.fromisoformat(on))
    assert set(got) == {"status", "valid_until", "grace_until", "renewal_due", "review_recommended"}
    assert got["status"] == expected_status
    if valid_until is not ...:
        assert got["valid_until"] == valid_until
    if grace_until is not ...:
        assert got["grace_until"] == grace_until
    for key in ("valid_until", "grace_until"):
        value = got[key]
        assert value is None or dt.date.fromisoformat(value).isoformat() == value
    if expected_status in ("lapsed", "never"):
        assert got["renewal_due"] is False
    assert isinstance(got["review_recommended"], bool)


def test_the_order_of_reviews_does_not_matter() -> None:
    history = reviews(
        ("2019-03-01", 101), ("2021-09-30", 97), ("2021-12-01", 104), ("2024-11-30", 80)
    )
    on = dt.date(2025, 1, 15)
    expected = centre_status(history, on)
    assert expected["status"] == "grace"
    assert expected["grace_until"] == "2025-02-28"
    shuffled = list(history["reviews"])
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        assert centre_status({"reviews": shuffled}, on) == expected


@pytest.mark.parametrize("on", ["2023-05-01", "2023-09-01", "2024-05-01"])
def test_two_reviews_on_one_day_do_not_depend_on_their_order(on: str) -> None:
    """Two results dated the same day must give one answer, whichever is listed first
    (or be refused as ambiguous)."""
    outcomes = []
    for pairs in (
        (("2023-05-01", 95), ("2023-05-01", 108)),
        (("2023-05-01", 108), ("2023-05-01", 95)),
    ):
        try:
            outcomes.append(centre_status(reviews(*pairs), dt.date.fromisoformat(on)))
        except HistoryError as caught:
            outcomes.append({"error": type(caught).__name__})
    assert outcomes[0] == outcomes[1]


def test_status_over_a_whole_timeline() -> None:
    """Walk day by day: exactly the days SPEC says hold the status do."""
    history = reviews(("2020-01-31", 100), ("2022-11-30", 99), ("2023-02-28", 104))
    day = dt.date(2020, 1, 30)
    seen: dict[str, list[dt.date]] = {}
    while day <= dt.date(2026, 3, 31):
        seen.setdefault(centre_status(history, day)["status"], []).append(day)
        day += dt.timedelta(days=1)
    assert seen["never"] == [dt.date(2020, 1, 30)]
    assert min(seen["grace"]) == dt.date(2022, 11, 30)
    assert max(seen["grace"]) == dt.date(2023, 2, 27)
    assert max(seen["centre"]) == dt.date(2026, 2, 28)
    assert min(seen["lapsed"]) == dt.date(2026, 3, 1)
    assert len(seen["grace"]) == (dt.date(2023, 2, 28) - dt.date(2022, 11, 30)).days


BAD_HISTORIES: list[tuple[str, Any]] = [
    ("not an object", [{"date": "2023-05-01", "score": 108}]),
    ("reviews not a list", {"reviews": {"date": "2023-05-01", "score": 108}}),
    ("review not an object", {"reviews": ["2023-05-01"]}),
    ("review without a date", {"reviews": [{"score": 108}]}),
    ("review without a score", {"reviews": [{"date": "2023-05-01"}]}),
    ("date not ISO", reviews(("01/05/2023", 108))),
    ("date that does not exist", reviews(("2023-02-30", 108))),
    ("ISO week date", reviews(("2023-W18-1", 108))),
    ("ISO date without hyphens", reviews(("20230501", 108))),
    ("date with non-ASCII digits", reviews(("٢٠٢٣-05-01", 108))),
    ("score as text", {"reviews": [{"date": "2023-05-01", "score": "108"}]}),
    ("score true", {"reviews": [{"date": "2023-05-01", "score": True}]}),
    ("score negative", reviews(("2023-05-01", -5))),
    ("score above the maximum", reviews(("2023-05-01", 126))),
    ("unknown top-level field", {**REVIEWED_2023, "colour": "blue"}),
    ("unknown review field", {"reviews": [{"date": "2023-05-01", "score": 108, "by": "x"}]}),
    ("closed not a date", {**REVIEWED_2023, "closed": "soon"}),
    ("merged not a date", {**REVIEWED_2023, "merged": 2024}),
]


@pytest.mark.parametrize(("name", "history"), BAD_HISTORIES, ids=[c[0] for c in BAD_HISTORIES])
def test_bad_history_is_an_error(name: str, history: Any) -> None:
    with pytest.raises(HistoryError) as caught:
        centre_status(history, dt.date(2024, 1, 1))
    assert str(caught.value).strip()


@pytest.fixture(scope="module")
def centre_json() -> Any:
    return lambda history, on: json.loads(api.centre_status_json(json.dumps(history), on))


def test_api_matches_python(centre_json: Any) -> None:
    for _name, history, on, _ in EXACT + [(c[0], c[1], c[2], None) for c in PARTIAL]:
        assert centre_json(history, on) == centre_status(history, dt.date.fromisoformat(on))


def test_api_defaults_to_today(centre_json: Any) -> None:
    today = dt.date.today()
    history = reviews(((today - dt.timedelta(days=10)).isoformat(), 110))
    assert centre_json(history, None) == centre_status(history, today)
    assert centre_json(history, None)["status"] == "centre"


@pytest.mark.parametrize(("name", "history"), BAD_HISTORIES, ids=[c[0] for c in BAD_HISTORIES])
def test_api_reports_bad_history_as_errors(name: str, history: Any, centre_json: Any) -> None:
    answer = centre_json(history, "2024-01-01")
    assert set(answer) == {"errors"} and answer["errors"]
    for error in answer["errors"]:
        assert error["message"].strip()


@pytest.mark.parametrize("on", ["2024-13-01", "yesterday", "01/01/2024", "2024-W09-4", "20240229"])
def test_api_reports_a_bad_date(on: str, centre_json: Any) -> None:
    answer = centre_json(REVIEWED_2023, on)
    assert set(answer) == {"errors"} and answer["errors"]


def test_a_date_outside_1900_to_2199_is_an_input_error() -> None:
    """Limits on input: such a date is refused, so no cycle can run off the calendar's end."""
    for day in ("9999-06-01", "0001-01-01", "1899-12-31", "2200-01-01"):
        with pytest.raises(HistoryError) as caught:
            centre_status(reviews((day, 110)), dt.date(2199, 7, 1))
        (problem,) = caught.value.problems
        assert problem.field == "reviews[0].date"
        assert "1900 to 2199" in problem.message
    last = centre_status(reviews(("2199-12-31", 110)), dt.date(2199, 12, 31))
    assert last["valid_until"] == "2202-12-31"
