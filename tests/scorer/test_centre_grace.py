"""SPEC v3's grace rule, case by case: a review below 100 never cuts short the three years
already granted. Hand-made boundaries on both sides of every date, and one property."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer import api
from scorer.centres import centre_status, listed_until, term_start
from scorer.scale_files import default_scale


def history(*entries: tuple[Any, ...], **extra: Any) -> dict[str, Any]:
    out = []
    for entry in entries:
        review: dict[str, Any] = {"date": entry[0], "score": entry[1]}
        if len(entry) > 2:
            review["invited"] = entry[2]
        out.append(review)
    return {"reviews": out, **extra}


def on(history_: dict[str, Any], day: str) -> dict[str, Any]:
    return centre_status(history_, dt.date.fromisoformat(day))


# SPEC's own example: invited 2021-05-01, a review of 97 on 2023-11-10.
EXAMPLE = history(("2021-04-01", 105, "2021-05-01"), ("2023-11-10", 97))
# Invited 2023-05-01: the three years end 2026-05-01.
HELD = ("2023-03-01", 108, "2023-05-01")

# (name, history, day, status, valid_until, grace_until)
CASES: list[tuple[str, dict[str, Any], str, str, str | None, str | None]] = [
    ("example: the day before the low review", EXAMPLE, "2023-11-09", "centre", "2024-05-01", None),
    ("example: the low review's day", EXAMPLE, "2023-11-10", "grace", "2024-05-01", "2024-05-01"),
    ("example: 3 months' last day", EXAMPLE, "2024-02-10", "grace", "2024-05-01", "2024-05-01"),
    ("example: past the 3 months", EXAMPLE, "2024-02-11", "grace", "2024-05-01", "2024-05-01"),
    ("example: the term's last day", EXAMPLE, "2024-05-01", "grace", "2024-05-01", "2024-05-01"),
    ("example: the day after", EXAMPLE, "2024-05-02", "lapsed", "2024-05-01", None),
    # Grace longer than what is left of the term: 3 months from the review.
    (
        "3 months outlast the term",
        history(HELD, ("2026-03-01", 95)),
        "2026-05-02",
        "grace",
        "2026-05-01",
        "2026-06-01",
    ),
    (
        "3 months outlast the term: last day",
        history(HELD, ("2026-03-01", 95)),
        "2026-06-01",
        "grace",
        "2026-05-01",
        "2026-06-01",
    ),
    (
        "3 months outlast the term: over",
        history(HELD, ("2026-03-01", 95)),
        "2026-06-02",
        "lapsed",
        "2026-06-01",
        None,
    ),
    # The 3 months end one day before, on, or one day after the term's last day.
    (
        "3 months end the day before the term",
        history(HELD, ("2026-01-31", 95)),
        "2026-02-01",
        "grace",
        "2026-05-01",
        "2026-05-01",
    ),
    (
        "3 months end with the term",
        history(HELD, ("2026-02-01", 95)),
        "2026-02-01",
        "grace",
        "2026-05-01",
        "2026-05-01",
    ),
    (
        "3 months end the day after the term",
        history(HELD, ("2026-02-02", 95)),
        "2026-02-02",
        "grace",
        "2026-05-01",
        "2026-05-02",
    ),
    (
        "3 months end the day after the term: lapsed after it",
        history(HELD, ("2026-02-02", 95)),
        "2026-05-03",
        "lapsed",
        "2026-05-02",
        None,
    ),
    # A second review below 100 in the grace period, before the term's end: held to the end.
    (
        "second low review inside the term",
        history(HELD, ("2025-06-01", 95), ("2025-08-01", 90)),
        "2025-08-01",
        "grace",
        "2026-05-01",
        "2026-05-01",
    ),
    (
        "second low review inside the term: last day",
        history(HELD, ("2025-06-01", 95), ("2025-08-01", 90)),
        "2026-05-01",
        "grace",
        "2026-05-01",
        "2026-05-01",
    ),
    (
        "second low review inside the term: ended after it",
        history(HELD, ("2025-06-01", 95), ("2025-08-01", 90)),
        "2026-05-02",
        "lapsed",
        "2026-05-01",
        None,
    ),
    (
        "second low review on the term's last day",
        history(HELD, ("2026-04-01", 95), ("2026-05-01", 90)),
        "2026-05-01",
        "grace",
        "2026-05-01",
        "2026-05-01",
    ),
    # A second low review after the term's end: ends the day before that review.
    (
        "second low review the day after the term",
        history(HELD, ("2026-04-01", 95), ("2026-05-02", 90)),
        "2026-05-02",
        "lapsed",
        "2026-05-01",
        None,
    ),
    (
        "second low review later in grace: the day before it",
        history(HELD, ("2026-04-01", 95), ("2026-06-10", 90)),
        "2026-06-09",
        "grace",
        "2026-05-01",
        "2026-07-01",
    ),
    (
        "second low review later in grace: ended on its day",
        history(HELD, ("2026-04-01", 95), ("2026-06-10", 90)),
        "2026-06-10",
        "lapsed",
        "2026-06-09",
        None,
    ),
    (
        "a low review after grace is not a second grace",
        history(HELD, ("2026-04-01", 95), ("2026-07-02", 90)),
        "2026-07-02",
        "lapsed",
        "2026-07-01",
        None,
    ),
    # Follow-up renewals: from the follow-up, wherever it falls while the status is held.
    (
        "follow-up inside the 3 months",
        history(("2021-04-01", 105, "2021-05-01"), ("2023-11-10", 97), ("2024-01-20", 101)),
        "2024-01-20",
        "centre",
        "2027-01-20",
        None,
    ),
    (
        "follow-up after the 3 months but inside the term",
        history(("2021-04-01", 105, "2021-05-01"), ("2023-11-10", 97), ("2024-03-01", 101)),
        "2024-03-01",
        "centre",
        "2027-03-01",
        None,
    ),
    (
        "follow-up on the term's last day",
        history(("2021-04-01", 105, "2021-05-01"), ("2023-11-10", 97), ("2024-05-01", 100)),
        "2024-05-01",
        "centre",
        "2027-05-01",
        None,
    ),
    (
        "follow-up the day after: too late, only eligible",
        history(("2021-04-01", 105, "2021-05-01"), ("2023-11-10", 97), ("2024-05-02", 100)),
        "2024-05-02",
        "eligible",
        None,
        None,
    ),
    (
        # This project's reading: after a second low review the status is still held (in grace)
        # until the term's end, and a review of 100 or more while it is held renews it.
        "a review of 100 after a second low one, still inside the term",
        history(
            ("2021-04-01", 105, "2021-05-01"),
            ("2023-11-10", 97),
            ("2024-01-15", 92),
            ("2024-04-01", 104),
        ),
        "2024-04-01",
        "centre",
        "2027-04-01",
        None,
    ),
]


@pytest.mark.parametrize(
    ("name", "hist", "day", "state", "valid_until", "grace_until"),
    CASES,
    ids=[case[0] for case in CASES],
)
def test_grace_boundaries(
    name: str,
    hist: dict[str, Any],
    day: str,
    state: str,
    valid_until: str | None,
    grace_until: str | None,
) -> None:
    got = on(hist, day)
    assert (got["status"], got["valid_until"], got["grace_until"]) == (
        state,
        valid_until,
        grace_until,
    )


def test_the_browser_call_gives_the_spec_example() -> None:
    got = json.loads(api.centre_status_json(json.dumps(EXAMPLE), "2024-02-11"))
    assert got["status"] == "grace" and got["grace_until"] == "2024-05-01"
    assert (
        json.loads(api.centre_status_json(json.dumps(EXAMPLE), "2024-05-02"))["status"] == "lapsed"
    )


@pytest.mark.parametrize(
    ("extra", "day", "state", "valid_until", "grace_until"),
    [
        ({"closed": "2024-03-01"}, "2024-02-29", "grace", "2024-05-01", "2024-05-01"),
        ({"closed": "2024-03-01"}, "2024-03-01", "lapsed", "2024-02-29", None),
        ({"closed": "2023-11-10"}, "2023-11-10", "lapsed", "2023-11-09", None),
        ({"merged": "2024-01-01"}, "2024-02-11", "grace", "2024-05-01", "2024-05-01"),
    ],
)
def test_closed_and_merged_during_grace(
    extra: dict[str, str], day: str, state: str, valid_until: str, grace_until: str | None
) -> None:
    got = on({**EXAMPLE, **extra}, day)
    assert (got["status"], got["valid_until"], got["grace_until"]) == (
        state,
        valid_until,
        grace_until,
    )
    if "merged" in extra:
        assert got["review_recommended"] is True


def test_listed_until_follows_the_term_and_closure() -> None:
    rules = default_scale().centre_rules
    assert listed_until(EXAMPLE, dt.date(2024, 2, 11), rules) == dt.date(2024, 5, 1)
    closed = {**EXAMPLE, "closed": "2024-03-01"}
    assert listed_until(closed, dt.date(2024, 1, 1), rules) == dt.date(2024, 2, 29)
    assert listed_until(EXAMPLE, dt.date(2024, 5, 2), rules) is None


@pytest.mark.parametrize(
    ("hist", "day", "due"),
    [
        (EXAMPLE, "2023-10-31", False),  # 30 months after 2021-05-01 is 2023-11-01
        (EXAMPLE, "2023-11-01", True),
        (EXAMPLE, "2024-02-11", True),  # in grace, still the last 6 months
        (
            history(("2021-04-01", 105, "2021-05-01"), ("2023-11-10", 97), ("2024-03-01", 101)),
            "2026-08-31",
            False,
        ),
        (
            history(("2021-04-01", 105, "2021-05-01"), ("2023-11-10", 97), ("2024-03-01", 101)),
            "2026-09-01",
            True,
        ),
        (EXAMPLE, "2024-05-02", False),  # lapsed
    ],
)
def test_renewal_due_from_30_months(hist: dict[str, Any], day: str, due: bool) -> None:
    assert on(hist, day)["renewal_due"] is due


def test_term_start_is_unchanged_by_a_low_review() -> None:
    rules = default_scale().centre_rules
    assert term_start(EXAMPLE, dt.date(2024, 2, 11), rules) == dt.date(2021, 5, 1)


DAYS = st.integers(min_value=0, max_value=365 * 4)
START = dt.date(2020, 1, 1)


@settings(max_examples=150, deadline=None)
@given(
    invited=st.integers(min_value=0, max_value=200),
    low=st.lists(st.tuples(DAYS, st.integers(min_value=25, max_value=99)), max_size=3),
)
def test_a_low_review_never_cuts_the_three_years_short(
    invited: int, low: list[tuple[int, int]]
) -> None:
    """Whatever reviews below 100 follow an invitation, the status holds to the end of the
    three years it granted."""
    first = START + dt.timedelta(days=invited)
    reviews = [("2019-12-01", 110, first.isoformat())]
    reviews += [((first + dt.timedelta(days=d)).isoformat(), s) for d, s in low]
    hist = history(*reviews)
    end = centre_status(hist, first)["valid_until"]
    assert end is not None
    last = dt.date.fromisoformat(end)
    for day in (first, last - dt.timedelta(days=1), last):
        assert on(hist, day.isoformat())["status"] in ("centre", "grace")
