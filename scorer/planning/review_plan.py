"""The review planner: both parties' commitments as one checklist, dated from the review days.

Each commitment of the partnership agreement (review.yaml) is placed in its stage (planning.yaml)
and, where the agreement times it, dated from the point it is measured from: the first or last
review day, the day the report is final, or the feedback session. Points the service has not
entered yet leave their steps undated but still in order, with the rule in words.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from typing import Any

from ..dates import add_months
from ..errors import InputFileError, PlanningError, Problem, display_name
from ..scale import Scale
from .rules import ReviewRules, Step, When
from .tool_inputs import Fields, by_options, long_date

FORMAT = "ips-fidelity-review-plan"
VERSION = 1
FIELDS = ("start", "later_days", "report_final", "feedback", "service")
SATURDAY = 5


def review_plan(request: object, rules: ReviewRules) -> dict[str, Any]:
    """The plan for `request` ({start, later_days?, report_final?, feedback?, service?})."""
    fields = Fields(request, FIELDS)
    start = fields.day("start", required=True)
    later = fields.days("later_days")
    report_final = fields.day("report_final")
    feedback = fields.day("feedback")
    service = fields.text("service")
    fields.done()
    assert start is not None
    extra = rules.duration_days - 1
    if later is None:
        later = _next_weekdays(start, extra)
    elif len(later) != extra:
        fields.problem(
            "later_days",
            f"the review lasts {rules.duration_days} days, so give {extra} more "
            f"date{'s' if extra != 1 else ''} after the first, got {len(later)}",
        )
    days = [start, *later]
    for index, (before, after) in enumerate(pairwise(days)):
        if after <= before:
            fields.problem(
                f"later_days[{index}]",
                f"each review day must come after the one before: {long_date(after)} is not "
                f"after {long_date(before)}",
            )
    last = days[-1]
    for name, value in (("report_final", report_final), ("feedback", feedback)):
        if value is not None and value <= last:
            fields.problem(
                name,
                f"{name} must come after the last review day ({long_date(last)}), "
                f"got {long_date(value)}",
            )
    fields.done()

    points: dict[str, date | None] = {
        "review-start": start,
        "review-end": last,
        "report-final": report_final,
        "feedback": feedback,
    }
    stages = [
        {
            "id": stage.id,
            "label": stage.label,
            "steps": [
                _step(step, rules, points, days) for step in rules.steps if step.stage == stage.id
            ],
        }
        for stage in rules.stages
    ]
    warnings = [
        f"Review day {number}, {long_date(day)}, falls at a weekend."
        for number, day in enumerate(days, start=1)
        if day.weekday() >= SATURDAY
    ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "service": service,
        "review_days": [day.isoformat() for day in days],
        "points": {key: value.isoformat() if value else None for key, value in points.items()},
        "stages": stages,
        "technical_support": {
            "max_items": rules.support_max_items,
            "months": rules.support_months,
        },
        "warnings": warnings,
    }


def _next_weekdays(start: date, count: int) -> list[date]:
    """The review's further days when none are given: the next days from Monday to Friday."""
    found: list[date] = []
    day = start
    while len(found) < count:
        day += timedelta(days=1)
        if day.weekday() < SATURDAY:
            found.append(day)
    return found


def shift(point: date, offset: int, unit: str) -> date:
    """`point` moved by a whole number of days, weeks or calendar months."""
    if unit == "months":
        return add_months(point, offset)
    return point + timedelta(days=offset * (7 if unit == "weeks" else 1))


def _amount(offset: int, unit: str) -> str:
    size = abs(offset)
    return f"{size} {unit if size != 1 else unit[:-1]}"


def _step(
    step: Step, rules: ReviewRules, points: dict[str, date | None], days: list[date]
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": step.id,
        "party": step.party,
        "party_label": rules.parties[step.party],
        "text": " ".join(step.text.split()),
        "kind": None,
        "start": None,
        "end": None,
        "dates": [],
        "dated": False,
        "timing": "The agreement gives no date for this step.",
    }
    if step.id == rules.review_days_step:
        listed = [long_date(day) for day in days]
        shown = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
        out.update(
            kind="days",
            start=days[0].isoformat(),
            end=days[-1].isoformat(),
            dates=[day.isoformat() for day in days],
            dated=True,
            timing=f"On {shown}.",
        )
        return out
    if step.when is None:
        return out
    when = step.when
    point = points[when.relative_to]
    label = rules.points[when.relative_to]
    if point is None:
        out["kind"] = when.kind
        relation = _relation(when, label)
        out["timing"] = f"{relation[0].upper()}{relation[1:]}. Enter that date to see this one."
        return out
    moved = shift(point, when.offset, when.unit)
    start: date | None = None
    if when.kind == "within":
        start, end = point, moved
        timing = f"From {long_date(start)} to {long_date(end)}: {_relation(when, label)}."
    elif when.kind == "around":
        start, end = shift(point, -when.offset, when.unit), moved
        timing = f"Between {long_date(start)} and {long_date(end)}: {_relation(when, label)}."
    else:
        end = moved
        lead = "No later than" if when.kind == "by" else "On"
        timing = f"{lead} {long_date(end)} ({_relation(when, label, dated=True)})."
    out.update(
        kind=when.kind,
        start=(start or end).isoformat(),
        end=end.isoformat(),
        dated=True,
        timing=timing,
    )
    return out


def _relation(when: When, label: str, *, dated: bool = False) -> str:
    """The rule in words, e.g. '1 month before the first review day'."""
    amount = _amount(when.offset, when.unit)
    if when.kind == "within":
        return f"within {amount} of {label}"
    if when.kind == "around":
        return f"up to {amount} before or after {label}"
    if when.offset == 0:
        return label if dated or when.kind == "on" else f"by {label}"
    side = "before" if when.offset < 0 else "after"
    lead = "no later than " if when.kind == "by" and not dated else ""
    return f"{lead}{amount} {side} {label}"


def timed_steps(rules: ReviewRules) -> list[dict[str, str]]:
    """The steps the agreement times, with the rule in words, for the planner's page."""
    out: list[dict[str, str]] = []
    for step in rules.steps:
        if step.when is not None:
            relation = _relation(step.when, rules.points[step.when.relative_to])
            out.append(
                {
                    "id": step.id,
                    "party_label": rules.parties[step.party],
                    "text": " ".join(step.text.split()),
                    "rule": f"{relation[0].upper()}{relation[1:]}.",
                }
            )
    return out


def plan_report(plan: dict[str, Any]) -> str:
    """The plan as a printable checklist."""
    title = "Fidelity review plan" + (f": {plan['service']}" if plan["service"] else "")
    days = ", ".join(long_date(date.fromisoformat(d)) for d in plan["review_days"])
    lines = [title, "=" * len(title), f"Review days: {days}", ""]
    for stage in plan["stages"]:
        lines += [stage["label"], "-" * len(stage["label"])]
        for step in stage["steps"]:
            lines.append(f"[ ] {step['party_label']}: {step['text']}")
            lines.append(f"    {step['timing']}")
        lines.append("")
    support = plan["technical_support"]
    lines.append(
        f"Technical support afterwards: a plan of at most {support['max_items']} items of the "
        f"scale, over {support['months']} months."
    )
    lines += [f"Note: {warning}" for warning in plan["warnings"]]
    return "\n".join(lines)


# --- the command line -----------------------------------------------------------------------


def register(command: Callable[..., argparse.ArgumentParser]) -> None:
    """`ips-fidelity review-plan --start DATE [--day DATE] [--report-final DATE] ...`."""
    sub = command(
        "review-plan",
        _command,
        "a dated checklist of both parties' commitments for a fidelity review",
    )
    sub.add_argument("--start", required=True, metavar="DATE", help="the first review day")
    sub.add_argument(
        "--day",
        action="append",
        metavar="DATE",
        help="a further review day (repeat for each; default: the next weekdays)",
    )
    sub.add_argument("--report-final", metavar="DATE", help="the day the report is final")
    sub.add_argument("--feedback", metavar="DATE", help="the day of the feedback session")
    sub.add_argument("--service", metavar="NAME", help="the service's name, for the title")
    sub.add_argument("--ics", metavar="FILE", help="also write the dates as an iCalendar file")


def _command(args: argparse.Namespace, scale: Scale) -> tuple[Any, str]:
    from .calendar_export import plan_to_ics
    from .rules import command_planning

    request: dict[str, Any] = {"start": args.start}
    optional = {
        "later_days": args.day,
        "report_final": args.report_final,
        "feedback": args.feedback,
        "service": args.service,
    }
    request.update({key: value for key, value in optional.items() if value is not None})
    try:
        plan = review_plan(request, command_planning(scale).review)
    except PlanningError as error:
        raise PlanningError([_as_options(p) for p in error.problems]) from None
    text = plan_report(plan)
    if args.ics:
        try:
            with open(args.ics, "w", encoding="utf-8", newline="") as handle:
                handle.write(plan_to_ics(plan, datetime.now(UTC)))
        except OSError as exc:
            raise InputFileError(
                display_name(args.ics), f"cannot be written: {exc.strerror}"
            ) from None
        text += f"\n\nCalendar written to {display_name(args.ics)}."
    return plan, text


OPTIONS = {
    "start": "--start",
    "later_days": "--day",
    "report_final": "--report-final",
    "feedback": "--feedback",
    "service": "--service",
}
_LATER_DAY = re.compile(r"later_days\[(\d+)\]")


def _as_options(problem: Problem) -> Problem:
    """A problem named by the options the command line's user typed: "--day (the 2nd)", not
    the request's "later_days[1]"."""
    found = _LATER_DAY.fullmatch(problem.field or "")
    return by_options(
        problem, OPTIONS, f"--day (the {ordinal(int(found[1]) + 1)})" if found else None
    )


def ordinal(n: int) -> str:
    """'1st', '2nd', '3rd', '4th', '11th', '21st'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
