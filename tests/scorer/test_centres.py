"""Centre of Excellence status from a review history, per the contract (site_src/developers.md)'s rules."""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer import api
from scorer.centres import centre_status, listed_until
from scorer.errors import HistoryError
from scorer.scale import CentreRules


def reviews(*entries: tuple[Any, ...], **extra: Any) -> dict[str, Any]:
    """A history from (date, score) or (date, score, invited) tuples."""
    out = []
    for entry in entries:
        review: dict[str, Any] = {"date": entry[0], "score": entry[1]}
        if len(entry) > 2:
            review["invited"] = entry[2]
        out.append(review)
    return {"reviews": out, **extra}


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
ELIGIBLE = status("eligible")
# SPEC's example: invited on 2023-05-01 after a review scoring 108.
REVIEWED_2023 = reviews(("2023-05-01", 108, "2023-05-01"))
LOW_2026 = reviews(("2023-05-01", 108, "2023-05-01"), ("2026-03-01", 95))
# Invited a month after the review: the three years run from the invitation.
INVITED_LATER = reviews(("2023-03-10", 104, "2023-04-10"))

# (name, history, on, expected): the whole output object.
EXACT: list[tuple[str, dict[str, Any], str, dict[str, Any]]] = [
    ("no reviews", reviews(), "2026-01-01", NEVER),
    ("only a low review", reviews(("2023-01-01", 99)), "2023-06-01", NEVER),
    ("99 with no invitation is not eligible", reviews(("2023-01-01", 99)), "2023-01-01", NEVER),
    ("before the first review", REVIEWED_2023, "2023-04-30", NEVER),
    (
        "a review of 100 alone makes a service eligible",
        reviews(("2023-05-01", 100)),
        "2024-01-01",
        ELIGIBLE,
    ),
    ("eligible from the review day", reviews(("2023-05-01", 108)), "2023-05-01", ELIGIBLE),
    ("eligible stays eligible years later", reviews(("2023-05-01", 108)), "2030-01-01", ELIGIBLE),
    (
        "eligible until a later review below 100",
        reviews(("2023-05-01", 108), ("2024-05-01", 90)),
        "2024-05-01",
        NEVER,
    ),
    (
        "still eligible the day before that review",
        reviews(("2023-05-01", 108), ("2024-05-01", 90)),
        "2024-04-30",
        ELIGIBLE,
    ),
    (
        "eligible again after a new review of 100",
        reviews(("2023-05-01", 90), ("2024-05-01", 101)),
        "2024-05-01",
        ELIGIBLE,
    ),
    ("invited on the review day", REVIEWED_2023, "2023-05-01", status("centre", "2026-05-01")),
    ("a year in", REVIEWED_2023, "2024-05-01", status("centre", "2026-05-01")),
    (
        "invited after a score of exactly 100",
        reviews(("2023-05-01", 100, "2023-05-01")),
        "2024-01-01",
        status("centre", "2026-05-01"),
    ),
    ("eligible between the review and the invitation", INVITED_LATER, "2023-04-09", ELIGIBLE),
    (
        "a Centre from the invitation's date",
        INVITED_LATER,
        "2023-04-10",
        status("centre", "2026-04-10"),
    ),
    (
        "three years run from the invitation",
        INVITED_LATER,
        "2026-04-10",
        status("centre", "2026-04-10", renewal_due=True),
    ),
    (
        "an invitation dated after the day asked about does not count yet",
        reviews(("2023-05-01", 108, "2023-06-01")),
        "2023-05-31",
        ELIGIBLE,
    ),
    ("before the renewal window", REVIEWED_2023, "2025-10-31", status("centre", "2026-05-01")),
    (
        "the renewal window opens 30 months in",
        REVIEWED_2023,
        "2025-11-01",
        status("centre", "2026-05-01", renewal_due=True),
    ),
    (
        "inside the renewal window",
        REVIEWED_2023,
        "2025-11-02",
        status("centre", "2026-05-01", renewal_due=True),
    ),
    (
        "renewal window from the invitation",
        INVITED_LATER,
        "2025-10-09",
        status("centre", "2026-04-10"),
    ),
    (
        "renewal window from the invitation, opening day",
        INVITED_LATER,
        "2025-10-10",
        status("centre", "2026-04-10", renewal_due=True),
    ),
    (
        "the last day, inclusive",
        REVIEWED_2023,
        "2026-05-01",
        status("centre", "2026-05-01", renewal_due=True),
    ),
    (
        "renewed by a new review without a new invitation",
        reviews(("2023-05-01", 108, "2023-05-01"), ("2025-06-01", 104)),
        "2026-06-01",
        status("centre", "2028-06-01"),
    ),
    (
        "renewed on the last day of the three years",
        reviews(("2023-05-01", 108, "2023-05-01"), ("2026-05-01", 100)),
        "2027-01-01",
        status("centre", "2029-05-01"),
    ),
    (
        "an invitation on a renewal review changes nothing",
        reviews(("2023-05-01", 108, "2023-05-01"), ("2025-06-01", 104, "2025-09-01")),
        "2025-09-01",
        status("centre", "2028-06-01"),
    ),
    (
        "renewal window restarts from the renewal review",
        reviews(("2023-05-01", 108, "2023-05-01"), ("2025-06-01", 104)),
        "2027-11-30",
        status("centre", "2028-06-01"),
    ),
    (
        "renewal window of the renewed term",
        reviews(("2023-05-01", 108, "2023-05-01"), ("2025-06-01", 104)),
        "2027-12-01",
        status("centre", "2028-06-01", renewal_due=True),
    ),
    (
        "a review of 100 the day after the status ended needs a new invitation",
        reviews(("2023-05-01", 108, "2023-05-01"), ("2026-05-02", 104)),
        "2026-06-01",
        ELIGIBLE,
    ),
    (
        "a new invitation after lapsing starts again",
        reviews(("2023-05-01", 108, "2023-05-01"), ("2026-06-01", 104, "2026-07-01")),
        "2026-07-01",
        status("centre", "2029-07-01"),
    ),
    (
        "eligible after lapsing until invited",
        reviews(("2023-05-01", 108, "2023-05-01"), ("2026-06-01", 104, "2026-07-01")),
        "2026-06-30",
        ELIGIBLE,
    ),
    (
        "low review starts grace",
        LOW_2026,
        "2026-03-01",
        status("grace", "2026-05-01", "2026-06-01", renewal_due=True),
    ),
    (
        "follow-up of 100 or more inside grace renews from the follow-up",
        reviews(("2023-05-01", 108, "2023-05-01"), ("2026-03-01", 95), ("2026-05-10", 102)),
        "2026-05-10",
        status("centre", "2029-05-10"),
    ),
    (
        "follow-up on the last day of grace",
        reviews(("2023-05-01", 108, "2023-05-01"), ("2026-03-01", 95), ("2026-06-01", 100)),
        "2026-07-01",
        status("centre", "2029-06-01"),
    ),
    (
        "a later high review after a failed follow-up needs an invitation",
        reviews(
            ("2023-05-01", 108, "2023-05-01"),
            ("2026-03-01", 95),
            ("2026-04-01", 90),
            ("2026-09-01", 101),
        ),
        "2026-09-01",
        ELIGIBLE,
    ),
    (
        "and with one it starts again",
        reviews(
            ("2023-05-01", 108, "2023-05-01"),
            ("2026-03-01", 95),
            ("2026-04-01", 90),
            ("2026-09-01", 101, "2026-09-15"),
        ),
        "2026-09-15",
        status("centre", "2029-09-15"),
    ),
    (
        "leap day plus three years",
        reviews(("2024-02-29", 100, "2024-02-29")),
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
        "merged on the day asked about",
        {**REVIEWED_2023, "merged": "2024-01-01"},
        "2024-01-01",
        status("centre", "2026-05-01", review_recommended=True),
    ),
    (
        "a review after the merger answers the recommendation",
        {**reviews(("2023-05-01", 108, "2023-05-01"), ("2024-03-01", 110)), "merged": "2024-01-01"},
        "2024-06-01",
        status("centre", "2027-03-01"),
    ),
    (
        "merged while only eligible recommends nothing",
        {**reviews(("2023-05-01", 108)), "merged": "2024-01-01"},
        "2024-06-01",
        ELIGIBLE,
    ),
    (
        "closed in the future has no effect yet",
        {**REVIEWED_2023, "closed": "2024-01-01"},
        "2023-12-31",
        status("centre", "2026-05-01"),
    ),
    (
        "closed while eligible",
        {**reviews(("2023-05-01", 108)), "closed": "2024-01-01"},
        "2024-01-01",
        NEVER,
    ),
    (
        "null closed and merged",
        {**REVIEWED_2023, "closed": None, "merged": None},
        "2024-01-01",
        status("centre", "2026-05-01"),
    ),
    ("null invited is no invitation", reviews(("2023-05-01", 108, None)), "2024-01-01", ELIGIBLE),
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
    (
        "leap day lapses on 1 March",
        reviews(("2024-02-29", 100, "2024-02-29")),
        "2027-03-01",
        "lapsed",
        ...,
        None,
    ),
    ("grace from the low review", LOW_2026, "2026-03-01", "grace", ..., "2026-06-01"),
    ("grace outlasts the three years", LOW_2026, "2026-05-15", "grace", ..., "2026-06-01"),
    ("last day of grace, inclusive", LOW_2026, "2026-06-01", "grace", ..., "2026-06-01"),
    ("grace ends with no follow-up", LOW_2026, "2026-06-02", "lapsed", ..., None),
    ("before the low review", LOW_2026, "2026-02-28", "centre", "2026-05-01", None),
    (
        "follow-up below 100 inside the three years: held to their end",
        reviews(("2023-05-01", 108, "2023-05-01"), ("2026-03-01", 95), ("2026-04-01", 90)),
        "2026-04-01",
        "grace",
        "2026-05-01",
        "2026-05-01",
    ),
    (
        "follow-up below 100: ended the day after the three years",
        reviews(("2023-05-01", 108, "2023-05-01"), ("2026-03-01", 95), ("2026-04-01", 90)),
        "2026-05-02",
        "lapsed",
        "2026-05-01",
        None,
    ),
    (
        "still in grace before the low follow-up",
        reviews(("2023-05-01", 108, "2023-05-01"), ("2026-03-01", 95), ("2026-04-01", 90)),
        "2026-03-31",
        "grace",
        ...,
        "2026-06-01",
    ),
    (
        "a follow-up after grace is too late to renew from grace",
        reviews(("2023-05-01", 108, "2023-05-01"), ("2026-03-01", 95), ("2026-06-02", 90)),
        "2026-06-02",
        "lapsed",
        ...,
        None,
    ),
    (
        "month end: 30 November plus 3 months",
        reviews(("2024-01-01", 110, "2024-01-01"), ("2026-11-30", 90)),
        "2026-12-01",
        "grace",
        ...,
        "2027-02-28",
    ),
    (
        "month end: last grace day",
        reviews(("2024-01-01", 110, "2024-01-01"), ("2026-11-30", 90)),
        "2027-02-28",
        "grace",
        ...,
        "2027-02-28",
    ),
    (
        "month end: grace over on 1 March",
        reviews(("2024-01-01", 110, "2024-01-01"), ("2026-11-30", 90)),
        "2027-03-01",
        "lapsed",
        ...,
        None,
    ),
    (
        "31 August plus 3 months",
        reviews(("2022-09-15", 110, "2022-09-15"), ("2025-08-31", 95)),
        "2025-09-01",
        "grace",
        ...,
        "2025-11-30",
    ),
    (
        "31 December plus 3 months",
        reviews(("2023-01-15", 110, "2023-01-15"), ("2025-12-31", 95)),
        "2026-01-15",
        "grace",
        ...,
        "2026-03-31",
    ),
    (
        "low review after lapsing is not grace",
        reviews(("2019-01-01", 110, "2019-01-01"), ("2023-01-01", 90)),
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
        {**reviews(("2023-05-01", 108, "2023-05-01"), ("2024-06-01", 112)), "closed": "2024-01-01"},
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
        ("2019-03-01", 101, "2019-03-01"),
        ("2021-09-30", 97),
        ("2021-12-01", 104),
        ("2024-11-30", 80),
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
    history = reviews(("2020-01-31", 100, "2020-01-31"), ("2022-11-30", 99), ("2023-02-28", 104))
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
    ("invited not a date", reviews(("2023-05-01", 108, "soon"))),
    ("invited a date that does not exist", reviews(("2023-05-01", 108, "2023-02-30"))),
    ("invited after a review below 100", reviews(("2023-05-01", 99, "2023-05-02"))),
    ("invited before the review", reviews(("2023-05-01", 108, "2023-04-30"))),
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
    earlier = (today - dt.timedelta(days=10)).isoformat()
    history = reviews((earlier, 110, earlier))
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
    last = centre_status(reviews(("2199-12-31", 110, "2199-12-31")), dt.date(2199, 12, 31))
    assert last["valid_until"] == "2202-12-31"


# (name, history, the field the error names): an invitation is only valid on a review of 100
# or more, on or after the review's day.
BAD_INVITATIONS = [
    ("after a review of 99", reviews(("2023-05-01", 99, "2023-05-01")), "reviews[0].invited"),
    (
        "after a low review",
        reviews(("2020-01-01", 104, "2020-01-01"), ("2023-05-01", 60, "2023-06-01")),
        "reviews[1].invited",
    ),
    ("a day before its review", reviews(("2023-05-01", 108, "2023-04-30")), "reviews[0].invited"),
    ("not a date", reviews(("2023-05-01", 108, "next week")), "reviews[0].invited"),
    ("a number", reviews(("2023-05-01", 108, 20230501)), "reviews[0].invited"),
]


@pytest.mark.parametrize(
    ("name", "history", "field"), BAD_INVITATIONS, ids=[c[0] for c in BAD_INVITATIONS]
)
def test_a_bad_invitation_is_an_input_error_naming_the_field(
    name: str, history: Any, field: str
) -> None:
    with pytest.raises(HistoryError) as caught:
        centre_status(history, dt.date(2030, 1, 1))
    assert [p.field for p in caught.value.problems] == [field]
    # Whatever day is asked about: an invitation dated later is still checked.
    with pytest.raises(HistoryError):
        centre_status(history, dt.date(2000, 1, 1))


def test_an_invitation_on_the_review_day_is_valid() -> None:
    assert (
        centre_status(reviews(("2023-05-01", 100, "2023-05-01")), dt.date(2023, 5, 1))["status"]
        == "centre"
    )


def test_api_names_the_invitation_field(centre_json: Any) -> None:
    answer = centre_json(reviews(("2023-05-01", 99, "2023-05-02")), "2024-01-01")
    assert [e["field"] for e in answer["errors"]] == ["reviews[0].invited"]


def test_spec_example_invited_after_108() -> None:
    """SPEC: invited on 2023-05-01 after a review scoring 108: a Centre on 2026-05-01, lapsed the next day."""
    on_last = centre_status(REVIEWED_2023, dt.date(2026, 5, 1))
    assert on_last["status"] == "centre" and on_last["valid_until"] == "2026-05-01"
    after = centre_status(REVIEWED_2023, dt.date(2026, 5, 2))
    assert after["status"] == "lapsed" and after["grace_until"] is None


def test_spec_month_end_examples() -> None:
    from scorer.dates import add_months, add_years

    assert add_years(dt.date(2024, 2, 29), 3) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    # Invited 2024-01-10: the three years end 2027-01-10, before the grace period's 3 months.
    grace = centre_status(
        reviews(("2024-01-10", 110, "2024-01-10"), ("2026-11-30", 90)), dt.date(2027, 2, 28)
    )
    assert grace["status"] == "grace" and grace["grace_until"] == "2027-02-28"
    assert (
        centre_status(
            reviews(("2024-01-10", 110, "2024-01-10"), ("2026-11-30", 90)), dt.date(2027, 3, 1)
        )["status"]
        == "lapsed"
    )


def test_two_reviews_on_one_day_the_higher_is_the_later() -> None:
    """Held, then 95 and 104 on one day: the 104 counts as the later, so the status is renewed."""
    held = ("2023-05-01", 108, "2023-05-01")
    for pair in (
        (("2025-01-01", 95), ("2025-01-01", 104)),
        (("2025-01-01", 104), ("2025-01-01", 95)),
    ):
        got = centre_status(reviews(held, *pair), dt.date(2025, 1, 1))
        assert got == status("centre", "2028-01-01")
    # Not held: a 90 and a 100 on one day leave the service eligible, whichever is listed first.
    for pair in (
        (("2025-01-01", 90), ("2025-01-01", 100)),
        (("2025-01-01", 100), ("2025-01-01", 90)),
    ):
        assert centre_status(reviews(*pair), dt.date(2025, 1, 1)) == ELIGIBLE


def test_invitation_walk_day_by_day() -> None:
    """Review 2020-01-31 (104), invited 2020-03-15: eligible, then a Centre until 2023-03-15,
    renewed by a review on 2023-01-10 to 2026-01-10, then lapsed; a review in 2026 without an
    invitation only makes the service eligible."""
    history = reviews(("2020-01-31", 104, "2020-03-15"), ("2023-01-10", 101), ("2026-02-01", 110))
    day = dt.date(2020, 1, 30)
    seen: dict[str, list[dt.date]] = {}
    while day <= dt.date(2026, 3, 1):
        seen.setdefault(centre_status(history, day)["status"], []).append(day)
        day += dt.timedelta(days=1)
    assert seen["never"] == [dt.date(2020, 1, 30)]
    assert min(seen["eligible"]) == dt.date(2020, 1, 31)
    assert min(seen["centre"]) == dt.date(2020, 3, 15)
    assert max(seen["centre"]) == dt.date(2026, 1, 10)
    assert min(seen["lapsed"]) == dt.date(2026, 1, 11)
    assert max(seen["lapsed"]) == dt.date(2026, 1, 31)
    assert max(seen["eligible"]) == dt.date(2026, 3, 1)
    assert "grace" not in seen


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("2026-04-01", "grace"),  # the low review, status held
        ("2026-06-09", "grace"),
        ("2026-06-10", "lapsed"),  # follow-up below 100 after the three years: ended
        ("2026-07-01", "lapsed"),
    ],
)
def test_a_low_follow_up_ends_the_status(on: str, expected: str) -> None:
    history = reviews(("2023-05-01", 108, "2023-05-01"), ("2026-04-01", 95), ("2026-06-10", 97))
    assert centre_status(history, dt.date.fromisoformat(on))["status"] == expected


def test_closing_day_ends_the_status() -> None:
    history = {**REVIEWED_2023, "closed": "2024-01-01"}
    assert centre_status(history, dt.date(2023, 12, 31))["status"] == "centre"
    closed = centre_status(history, dt.date(2024, 1, 1))
    assert closed["status"] == "lapsed" and closed["valid_until"] == "2023-12-31"
    assert closed["renewal_due"] is False and closed["review_recommended"] is False


def test_centre_rules_come_from_the_scale() -> None:
    rules = CentreRules(threshold=90, years=2, grace_months=1, renewal_window_months=3)
    got = centre_status(reviews(("2023-05-01", 95, "2023-05-02")), dt.date(2025, 2, 2), rules)
    assert got == status("centre", "2025-05-02", renewal_due=True)


# --- properties over random histories ---------------------------------------------------------


START = dt.date(2018, 1, 1)


@st.composite
def histories(draw: Any, invitations: bool = True) -> dict[str, Any]:
    """Reviews from 2018 on; a review of 100 or more may carry an invitation 0-90 days later."""
    day = START
    out = []
    for _ in range(draw(st.integers(0, 5))):
        day += dt.timedelta(days=draw(st.integers(0, 1200)))
        review: dict[str, Any] = {
            "date": day.isoformat(),
            "score": draw(st.sampled_from([60, 95, 99, 100, 101, 118])),
        }
        if invitations and review["score"] >= 100 and draw(st.booleans()):
            invited = day + dt.timedelta(days=draw(st.integers(0, 90)))
            review["invited"] = invited.isoformat()
        out.append(review)
    return {"reviews": out}


def _last_event(history: dict[str, Any]) -> dt.date:
    days = [START]
    for review in history["reviews"]:
        days += [dt.date.fromisoformat(review["date"])]
        if "invited" in review:
            days.append(dt.date.fromisoformat(review["invited"]))
    return max(days)


@settings(max_examples=150, deadline=None)
@given(histories(invitations=False), st.integers(0, 4000))
def test_without_an_invitation_a_service_is_never_a_centre(
    history: dict[str, Any], offset: int
) -> None:
    got = centre_status(history, START + dt.timedelta(days=offset))
    assert got["status"] in ("never", "eligible")
    assert got["valid_until"] is None and got["grace_until"] is None


@settings(max_examples=150, deadline=None)
@given(histories(), st.integers(0, 1500))
def test_listed_until_is_the_last_day_the_status_holds(history: dict[str, Any], after: int) -> None:
    """With every event on or before the day asked about, the status holds through
    listed_until and not the day after (the directory hides a record from that day)."""
    rules = CentreRules()
    on = _last_event(history) + dt.timedelta(days=after)
    held = centre_status(history, on)["status"] in ("centre", "grace")
    last = listed_until(history, on, rules)
    assert (last is not None) == held
    if last is not None:
        assert last >= on
        assert centre_status(history, last)["status"] in ("centre", "grace")
        assert centre_status(history, last + dt.timedelta(days=1))["status"] == "lapsed"


@settings(max_examples=100, deadline=None)
@given(histories(), st.integers(0, 5000), st.randoms(use_true_random=False))
def test_list_order_never_changes_the_status(
    history: dict[str, Any], offset: int, rnd: Any
) -> None:
    on = START + dt.timedelta(days=offset)
    shuffled = list(history["reviews"])
    rnd.shuffle(shuffled)
    assert centre_status({"reviews": shuffled}, on) == centre_status(history, on)
