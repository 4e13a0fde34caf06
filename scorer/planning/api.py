"""JSON in, JSON out: the planning tools as the browser calls them under Pyodide.

Like scorer.api, every function takes and returns strings, so nothing but JSON crosses into
JavaScript, and each answer is exactly what the matching `ips-fidelity ... --json` prints:
the result object, or {"errors": [...]} for input that cannot be used. The page's worker reaches
these functions through one generic operation, by name, via `run_tool`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from ..api import answers, current_scale, dump, errors_json, load_argument
from ..dates import parse_iso
from ..errors import PlanningError, Problem, name, quote
from .calendar_export import file_name, plan_to_ics
from .readiness import readiness
from .review_plan import review_plan
from .rules import Planning, default_planning, parse_planning
from .timetable import check_timetable
from .workforce import plan_workforce

_configured: Planning | None = None


def configure(planning_json: str) -> None:
    """Use the planning data the page loaded (planning.json, made from scale/ at build time)."""
    global _configured
    _configured = parse_planning(json.loads(planning_json), current_scale())


def current_planning() -> Planning:
    return _configured if _configured is not None else default_planning()


def _answer(text: str, what: str, work: Callable[[Any], Any]) -> str:
    data, failed = load_argument(text, what)
    if failed:
        return failed
    try:
        return dump(work(data))
    except PlanningError as error:
        return errors_json(error.problems)


@answers
def review_plan_json(request_json: str) -> str:
    return _answer(request_json, "review plan", lambda d: review_plan(d, current_planning().review))


@answers
def review_plan_ics(request_json: str, stamp_iso: str | None = None) -> str:
    """{"name": file name, "text": iCalendar text} for the plan; DTSTAMP is `stamp_iso` or now."""
    try:
        stamp = datetime.fromisoformat(stamp_iso.replace("Z", "+00:00")) if stamp_iso else None
    except ValueError:
        return errors_json(
            [Problem(None, "stamp", f"not an ISO date and time: {quote(stamp_iso)}")]
        )

    def work(data: Any) -> dict[str, str]:
        plan = review_plan(data, current_planning().review)
        return {"name": file_name(plan), "text": plan_to_ics(plan, stamp or datetime.now(UTC))}

    return _answer(request_json, "review plan", work)


@answers
def timetable_json(request_json: str) -> str:
    return _answer(
        request_json, "timetable", lambda d: check_timetable(d, current_planning().timetable)
    )


@answers
def workforce_json(request_json: str) -> str:
    return _answer(
        request_json, "workforce plan", lambda d: plan_workforce(d, current_planning().workforce)
    )


@answers
def readiness_json(request_json: str, today_iso: str | None = None) -> str:
    """Status and readiness; `today_iso` is the device's own date when the request has no `on`."""
    today = None
    if today_iso:
        today = parse_iso(today_iso)
        if today is None:
            return errors_json(
                [Problem(None, "today", f"not a date written YYYY-MM-DD: {quote(today_iso)}")]
            )
    return _answer(
        request_json,
        "readiness request",
        lambda d: readiness(d, current_planning().readiness, current_scale(), today),
    )


FUNCTIONS: dict[str, Callable[..., str]] = {
    "review_plan_json": review_plan_json,
    "review_plan_ics": review_plan_ics,
    "timetable_json": timetable_json,
    "workforce_json": workforce_json,
    "readiness_json": readiness_json,
}


@answers
def run_tool(function_name: str, *args: str | None) -> str:
    """The one entry point the worker uses: configure, or any function of FUNCTIONS by name."""
    if function_name == "configure" and len(args) == 1 and isinstance(args[0], str):
        configure(args[0])
        return dump({"configured": True})
    function = FUNCTIONS.get(function_name) if isinstance(function_name, str) else None
    if function is None:
        return errors_json(
            [Problem(None, None, f"unknown planning function {name(function_name)}")]
        )
    return function(*args)
