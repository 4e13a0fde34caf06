"""Seeded random Centre histories for the parity test: a first review and invitation, then
reviews early and late in the three-year term and after it, high and low scores, the days on
either side of each term and grace end, merged and closed services, and some broken input."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from scorer.dates import add_months


def _day(start: dt.date, rng: random.Random, low: int, high: int) -> dt.date:
    return start + dt.timedelta(days=rng.randint(low, high))


def _score(rng: random.Random, high: bool) -> int:
    # Around the threshold of 100 most of the time, the scale's ends sometimes.
    if rng.random() < 0.15:
        return rng.choice([25, 99, 100, 125])
    return rng.randint(100, 125) if high else rng.randint(80, 99)


def _history(rng: random.Random) -> tuple[dict[str, Any], str]:
    first = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randint(0, 6 * 365))
    if rng.random() < 0.05:
        first = dt.date(rng.choice([2020, 2024]), 2, 29)
    reviews: list[dict[str, Any]] = []
    review: dict[str, Any] = {"date": first.isoformat(), "score": _score(rng, rng.random() < 0.8)}
    if review["score"] >= 100 and rng.random() < 0.8:  # only a review of 100 or more is invited
        review["invited"] = _day(first, rng, 0, 90).isoformat()
    reviews.append(review)
    term_start = dt.date.fromisoformat(review.get("invited", review["date"]))
    key_days = [term_start, add_months(term_start, 36)]
    for _ in range(rng.randint(0, 3)):
        # A later review: early in the term, late in it, or after it ran out.
        when = rng.choice(["early", "late", "after"])
        months = {"early": (1, 8), "late": (28, 35), "after": (37, 44)}[when]
        day = add_months(term_start, rng.randint(*months)) + dt.timedelta(days=rng.randint(0, 27))
        later: dict[str, Any] = {"date": day.isoformat(), "score": _score(rng, rng.random() < 0.5)}
        if later["score"] >= 100 and rng.random() < 0.3:
            later["invited"] = _day(day, rng, 0, 60).isoformat()
        reviews.append(later)
        key_days += [day, add_months(day, 6), add_months(day, 36)]
    rng.shuffle(reviews)  # the order given is not the order of the days
    history: dict[str, Any] = {"reviews": reviews}
    for key in ("merged", "closed"):
        if rng.random() < 0.15:
            history[key] = _day(first, rng, 30, 4 * 365).isoformat()
    # The day to judge on: one of the days where something changes, or the day either side.
    on = rng.choice(key_days) + dt.timedelta(days=rng.choice([-1, 0, 1, rng.randint(2, 400)]))
    return history, on.isoformat()


def _broken(rng: random.Random) -> tuple[Any, str]:
    good, on = _history(rng)
    review = good["reviews"][0]
    damage = rng.choice(["date", "score", "invited", "invited low", "field", "reviews"])
    if damage == "date":
        review["date"] = rng.choice(["2024-13-01", "2023-02-29", "yesterday", 20240101])
    elif damage == "score":
        review["score"] = rng.choice([24, 126, 100.5, "100", None, True])
    elif damage == "invited":
        review["invited"] = rng.choice(["2024-02-30", "", 3])
    elif damage == "invited low":
        review["score"], review["invited"] = 99, review["date"]
    elif damage == "field":
        review["grade"] = "A"
    else:
        good["reviews"] = rng.choice(["none", None, {"date": "2024-01-01"}])
    return good, on


def random_histories(seed: int, count: int) -> list[tuple[Any, str]]:
    """`count` (history, day) pairs; about one in twelve is broken and must be refused."""
    rng = random.Random(seed)
    return [_broken(rng) if rng.random() < 0.08 else _history(rng) for _ in range(count)]
