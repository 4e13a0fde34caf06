"""Seeded random requests for the planning tools, as the pages send them (JSON text), for the
CPython-Pyodide parity test: mostly sensible entries near the rules' edges, some broken ones."""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

from tools_helpers import GROUPS, good_day, interview

PER_TOOL = 200


def _date(rng: random.Random, near: dt.date | None = None, spread: int = 120) -> str:
    if near is None:
        near = dt.date(2024, 2, 29) if rng.random() < 0.05 else dt.date(2020, 1, 1)
        return (near + dt.timedelta(days=rng.randint(0, 10 * 365))).isoformat()
    return (near + dt.timedelta(days=rng.randint(-spread // 4, spread))).isoformat()


def _broken(rng: random.Random, request: dict[str, Any]) -> str:
    """The request with one thing wrong, or text that is not a request at all."""
    choice = rng.random()
    if choice < 0.2:
        return rng.choice(["{broken", "[]", "null", '"text"', "", "{}"])
    key = rng.choice(sorted(request)) if request else "start"
    request[key] = rng.choice(["2024-02-30", "lots", -1, None, [], 1e309, "13:99", True])
    return json.dumps(request)


def _review_plan(rng: random.Random) -> dict[str, Any]:
    start = _date(rng)
    request: dict[str, Any] = {"start": start}
    first = dt.date.fromisoformat(start)
    if rng.random() < 0.6:
        request["report_final"] = _date(rng, first, 90)
    if rng.random() < 0.4:
        request["feedback"] = _date(rng, first, 60)
    if rng.random() < 0.3:  # the second day of two, now and then none or two
        count = 1 if rng.random() < 0.85 else rng.choice([0, 2])
        request["later_days"] = [_date(rng, first, 10) for _ in range(count)]
    if rng.random() < 0.3:
        request["service"] = rng.choice(["Leeds IPS", "Ünïcode; IPS", "A, B; C", " ", "x" * 200])
    return request


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _good_day(rng: random.Random) -> list[dict[str, Any]]:
    """A day that keeps every rule, its groups shuffled, perhaps with one interview moved."""
    groups = list(GROUPS)
    rng.shuffle(groups)
    day = good_day(groups=tuple(groups))
    if rng.random() < 0.5:
        at = rng.randrange(len(day))
        start = int(day[at]["start"][:2]) * 60 + int(day[at]["start"][3:])
        end = int(day[at]["end"][:2]) * 60 + int(day[at]["end"][3:])
        shift = rng.choice([-6, -5, -1, 1, 5, 15])
        day[at] = interview(day[at]["who"], _clock(start + shift), _clock(end + shift))
    return day


def _day(rng: random.Random) -> dict[str, Any]:
    if rng.random() < 0.4:
        return {"interviews": _good_day(rng)}
    interviews = []
    now = rng.randint(8 * 60, 10 * 60)
    for _ in range(rng.randint(0, 9)):
        length = rng.choice([30, 40, 45, 60, rng.randint(10, 90)])
        who = rng.choice(GROUPS) if rng.random() > 0.005 else "visitors"
        interviews.append({"who": who, "start": _clock(now), "end": _clock(now + length)})
        now += length + rng.choice([0, 4, 5, 10, 15, 20, 45, 50, rng.randint(0, 70)])
        if now + 10 > 23 * 60:
            break
    day: dict[str, Any] = {"interviews": interviews}
    if rng.random() < 0.3:
        day["date"] = _date(rng)
    return day


def _timetable(rng: random.Random) -> dict[str, Any]:
    return {"days": [_day(rng) for _ in range(rng.choice([1, 2, 2, 2, 2, 2, 2, 3]))]}


def _number(rng: random.Random, low: float, high: float) -> float | int:
    value = rng.uniform(low, high)
    return round(value) if rng.random() < 0.6 else round(value, rng.choice([1, 2, 3]))


def _workforce(rng: random.Random) -> dict[str, Any]:
    request: dict[str, Any] = {
        # People are whole; a fraction now and then is refused.
        "people_per_year": rng.randint(1, 1500) if rng.random() < 0.95 else 12.5,
        "months_on_caseload": _number(rng, 1, 36),
    }
    if rng.random() < 0.8:
        request["specialists_fte"] = _number(rng, 0.5, 40)
        if rng.random() < 0.6:
            request["specialists"] = rng.randint(1, 45)
    if rng.random() < 0.6:
        request["team_leaders_fte"] = rng.choice([0.25, 0.5, 1, 1.5, 2, _number(rng, 0.1, 5)])
    return request


def _readiness(rng: random.Random) -> dict[str, Any]:
    on = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randint(0, 6 * 365))
    request: dict[str, Any] = {"on": on.isoformat()}
    if rng.random() < 0.8:
        request["started"] = (on - dt.timedelta(days=rng.randint(-30, 40 * 31))).isoformat()
    if rng.random() < 0.7:
        request["self_assessment_total"] = rng.choice([25, 99, 100, 125, rng.randint(60, 125)])
    reviews = []
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
        day = on - dt.timedelta(days=rng.randint(0, 5 * 365))
        review: dict[str, Any] = {"date": day.isoformat(), "score": rng.randint(85, 125)}
        if review["score"] >= 100 and rng.random() < 0.5:
            review["invited"] = _date(rng, day, 60)
        reviews.append(review)
    if reviews:
        request["reviews"] = reviews
    return request


MAKERS = {
    "review_plan_json": _review_plan,
    "timetable_json": _timetable,
    "workforce_json": _workforce,
    "readiness_json": _readiness,
}


def random_tool_cases(seed: int) -> list[list[str]]:
    """PER_TOOL cases for each tool (and for the calendar file), one in ten broken."""
    rng = random.Random(seed)
    cases: list[list[str]] = []
    for name, make in MAKERS.items():
        for _ in range(PER_TOOL):
            request = make(rng)
            text = _broken(rng, request) if rng.random() < 0.1 else json.dumps(request)
            cases.append([name, text])
    for _ in range(PER_TOOL // 4):
        stamp = f"{_date(rng)}T{_clock(rng.randint(0, 1439))}:{rng.randint(0, 59):02d}Z"
        cases.append(["review_plan_ics", json.dumps(_review_plan(rng)), stamp])
    return cases
