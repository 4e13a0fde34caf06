"""Centre of Excellence status from a service's review history, by the FAQ's rules.

A review at the threshold (100) or more starts (or renews) the status for 3 years from its date.
A review below it while the status is held opens a 3-month grace period from its date; a
follow-up at the threshold inside it renews for 3 years from the follow-up, anything else ends
the status. Closure ends it; a merger keeps it but recommends a new review. All end dates are
inclusive. The numbers come from scale.yaml (`centre_of_excellence`), through CentreRules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .dates import add_months, add_years, parse_iso
from .errors import HistoryError, Problem, key_text, name
from .errors import quote as _kind
from .exact import is_whole
from .scale import CentreRules

LOWEST_TOTAL, HIGHEST_TOTAL = 25, 125
FIELDS = ("reviews", "closed", "merged")


@dataclass(frozen=True)
class Review:
    day: date
    score: int


@dataclass(frozen=True)
class History:
    reviews: tuple[Review, ...]
    closed: date | None
    merged: date | None


def parse_history(data: object) -> History:
    problems: list[Problem] = []

    def problem(field: str | None, message: str) -> None:
        problems.append(Problem(None, field, message))

    if not isinstance(data, Mapping):
        raise HistoryError(
            [Problem(None, None, f"a review history must be an object, got {_kind(data)}")]
        )
    for key in data:
        if key not in FIELDS:
            problem(
                key_text(key),
                f"unknown field {name(key)}; a review history takes: {', '.join(FIELDS)}",
            )
    raw = data.get("reviews", [])
    reviews: list[Review] = []
    if not isinstance(raw, list):
        problem("reviews", f"reviews must be a list of {{date, score}}, got {_kind(raw)}")
        raw = []
    for index, entry in enumerate(raw):
        where = f"reviews[{index}]"
        if not isinstance(entry, Mapping):
            problem(where, f"each review must be an object with date and score, got {_kind(entry)}")
            continue
        for key in entry:
            if key not in ("date", "score"):
                problem(f"{where}.{key}", f"unknown field {name(key)}; a review takes: date, score")
        day = parse_iso(entry.get("date"))
        if day is None:
            problem(
                f"{where}.date", f"date must be written YYYY-MM-DD, got {_kind(entry.get('date'))}"
            )
        value: Any = entry.get("score")
        if not (is_whole(value) and LOWEST_TOTAL <= value <= HIGHEST_TOTAL):
            problem(
                f"{where}.score",
                f"score must be a whole fidelity total from {LOWEST_TOTAL} to "
                f"{HIGHEST_TOTAL}, got {_kind(value)}",
            )
        elif day is not None:
            reviews.append(Review(day, int(value)))
    dates: dict[str, date | None] = {}
    for key in ("closed", "merged"):
        value = data.get(key)
        dates[key] = parse_iso(value) if value is not None else None
        if value is not None and dates[key] is None:
            problem(key, f"{key} must be a date written YYYY-MM-DD, got {_kind(value)}")
    if problems:
        raise HistoryError(problems)
    # Two reviews on one day: the higher is taken as the later, so list order never matters.
    reviews.sort(key=lambda r: (r.day, r.score))
    return History(tuple(reviews), dates["closed"], dates["merged"])


def centre_status(history: object, on: date, rules: CentreRules | None = None) -> dict[str, Any]:
    """The status on day `on`, from the reviews dated up to that day.

    `rules` default to the repository scale's (CPython); the browser passes its own scale's.
    """
    if rules is None:
        from .scale_files import default_scale

        rules = default_scale().centre_rules
    parsed = parse_history(history)
    state = "never"
    term_start: date | None = None
    valid_until: date | None = None
    grace_until: date | None = None
    last_held: date | None = None
    end = on
    if parsed.closed is not None and parsed.closed <= on:
        end = parsed.closed - timedelta(days=1)

    def expire(day: date) -> None:
        nonlocal state, last_held
        if state == "centre" and valid_until is not None and day > valid_until:
            state, last_held = "lapsed", valid_until
        elif state == "grace" and grace_until is not None and day > grace_until:
            state, last_held = "lapsed", grace_until

    for review in parsed.reviews:
        if review.day > end:
            break
        expire(review.day)
        if review.score >= rules.threshold:
            state, term_start, grace_until = "centre", review.day, None
            valid_until = add_years(review.day, rules.years)
        elif state == "centre":
            state, grace_until = "grace", add_months(review.day, rules.grace_months)
        elif state == "grace":
            state, last_held = "lapsed", review.day - timedelta(days=1)
    expire(end)
    if state in ("centre", "grace") and end < on:  # closed
        state, last_held = "lapsed", end

    held = state in ("centre", "grace")
    renewal_due = bool(
        held
        and term_start is not None
        and on >= add_months(term_start, 12 * rules.years - rules.renewal_window_months)
    )
    review_recommended = bool(
        held
        and parsed.merged is not None
        and parsed.merged <= on
        and not any(parsed.merged <= r.day <= on for r in parsed.reviews)
    )
    if state == "lapsed":
        valid_until, grace_until = last_held, None
    elif state == "centre":
        grace_until = None
    return {
        "status": state,
        "valid_until": valid_until.isoformat() if valid_until and state != "never" else None,
        "grace_until": grace_until.isoformat() if grace_until and state == "grace" else None,
        "renewal_due": renewal_due,
        "review_recommended": review_recommended,
    }
