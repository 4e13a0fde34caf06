"""Centre of Excellence status and readiness for a full fidelity review, as guidance only.

The status comes from the review history by the scorer's own rules (scorer.centres), with the
dates that matter added: when the current three years began, when the renewal window opens, and
the last days of the status and of any grace period. Readiness looks at two signs: how long the
service has been running (planning.yaml: usually 18 months to 2 years) and whether a complete
self-assessment reaches the Centre of Excellence threshold (scale.yaml). Neither is a decision:
the status comes only by invitation from Centre for Mental Health, after an independent fidelity
review scoring at the threshold; a review at the threshold alone makes a service eligible.
Each review in the request may carry `invited` (the day of the invitation); without it the
request reads as before, and a review at the threshold counts as eligible, not as a Centre.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import Any

from ..centres import centre_status, term_start
from ..dates import add_months
from ..errors import AssessmentError, HistoryError, Problem
from ..result import score
from ..scale import CentreRules, Scale
from .rules import ReadinessRules
from .tool_inputs import Fields, long_date

FORMAT = "ips-fidelity-readiness"
VERSION = 1
HISTORY_FIELDS = ("reviews", "closed", "merged")
FIELDS = ("on", "started", "self_assessment_total", "self_assessment", *HISTORY_FIELDS)
NOTE = (
    "This is guidance to help you plan, not a decision. Centre of Excellence status comes only "
    "by invitation from Centre for Mental Health, after an independent fidelity review scoring "
    "100 or more; a self-assessment cannot lead to it."
)


def readiness(
    request: object, rules: ReadinessRules, scale: Scale, today: date | None = None
) -> dict[str, Any]:
    """Status and readiness on `on` (from the request, else `today`, else the real today)."""
    fields = Fields(request, FIELDS)
    on = fields.day("on") or today or date.today()
    started = fields.day("started")
    total = fields.number(
        "self_assessment_total",
        required=False,
        whole=True,
        minimum=rules.lowest_total,
        maximum=rules.max_total,
    )
    if fields.given("self_assessment_total") and fields.given("self_assessment"):
        fields.problem("self_assessment", "give self_assessment or self_assessment_total, not both")
    if started is not None and started > on:
        fields.problem(
            "started",
            f"the service cannot start ({started.isoformat()}) after the day judged "
            f"({on.isoformat()})",
        )
    history = {key: fields.data[key] for key in HISTORY_FIELDS if key in fields.data}
    try:
        status = centre_status(history, on, scale.centre_rules)
    except HistoryError as error:
        fields.problems += error.problems
        status = {}
    assessed: dict[str, Any] | None = None
    if fields.given("self_assessment"):
        try:
            assessed = score(fields.data["self_assessment"], scale)
        except AssessmentError as error:
            fields.problems += [
                Problem(
                    p.item,
                    f"self_assessment.{p.field}" if p.field else "self_assessment",
                    p.message,
                )
                for p in error.problems
            ]
    fields.done()

    centre = {**status, **_term(history, status, on, scale.centre_rules)}
    operation = _operation(started, on, rules) if started else None
    self_assessment: dict[str, Any] | None = None
    if total is not None:
        self_assessment = _self_assessment(int(total), len(scale.items), len(scale.items), rules)
    elif assessed is not None:
        self_assessment = _self_assessment(
            assessed["total"], assessed["answered"], len(scale.items), rules
        )
    parts = [part["met"] for part in (operation, self_assessment) if part is not None]
    ready = all(parts) if len(parts) == 2 else None
    return {
        "format": FORMAT,
        "version": VERSION,
        "on": on.isoformat(),
        "centre": centre,
        "operation": operation,
        "self_assessment": self_assessment,
        "ready": ready,
        "key_dates": _key_dates(centre, operation),
        "summary": _summary(centre, operation, self_assessment, ready, rules),
        "note": NOTE,
    }


def _term(
    history: dict[str, Any], status: dict[str, Any], on: date, rules: CentreRules
) -> dict[str, Any]:
    """When the current three years began and when the renewal window opens."""
    out: dict[str, Any] = {"term_started": None, "renewal_from": None}
    if status.get("status") not in ("centre", "grace"):
        return out
    start = term_start(history, on, rules)
    if start is not None:
        out["term_started"] = start.isoformat()
        out["renewal_from"] = add_months(
            start, 12 * rules.years - rules.renewal_window_months
        ).isoformat()
    return out


def months_between(start: date, on: date) -> int:
    """Whole calendar months from `start` up to `on` (month ends as scorer.dates counts them)."""
    months = (on.year - start.year) * 12 + on.month - start.month
    if add_months(start, months) > on:
        months -= 1
    return months


def _operation(started: date, on: date, rules: ReadinessRules) -> dict[str, Any]:
    months = months_between(started, on)
    return {
        "started": started.isoformat(),
        "months": months,
        "usual_from_months": rules.usual_from_months,
        "usual_to_months": rules.usual_to_months,
        "ready_from": add_months(started, rules.usual_from_months).isoformat(),
        "usually_by": add_months(started, rules.usual_to_months).isoformat(),
        "met": months >= rules.usual_from_months,
    }


def _self_assessment(
    total: int, answered: int, items: int, rules: ReadinessRules
) -> dict[str, Any]:
    complete = answered == items
    return {
        "total": total,
        "answered": answered,
        "complete": complete,
        "threshold": rules.threshold,
        "met": complete and total >= rules.threshold,
    }


def _key_dates(centre: dict[str, Any], operation: dict[str, Any] | None) -> list[dict[str, str]]:
    """The dates that matter, in order, each with its label and in words."""
    held = "Status last held" if centre["status"] == "lapsed" else "Status valid until"
    listed = [
        ("term_started", "Current three years began", centre.get("term_started")),
        ("renewal_from", "Renewal window opens (this site's reading)", centre.get("renewal_from")),
        ("valid_until", held, centre.get("valid_until")),
        ("grace_until", "Grace period ends", centre.get("grace_until")),
    ]
    if operation is not None:
        listed += [
            ("started", "Service started", operation["started"]),
            ("ready_from", "Usual readiness begins", operation["ready_from"]),
            ("usually_by", "Usual readiness ends", operation["usually_by"]),
        ]
    return [
        {"id": key, "label": label, "date": value, "text": long_date(date.fromisoformat(value))}
        for key, label, value in listed
        if value
    ]


def _summary(
    centre: dict[str, Any],
    operation: dict[str, Any] | None,
    assessed: dict[str, Any] | None,
    ready: bool | None,
    rules: ReadinessRules,
) -> list[str]:
    lines: list[str] = []
    state = centre["status"]
    if state == "centre":
        lines.append(
            f"The service is a Centre of Excellence until "
            f"{long_date(date.fromisoformat(centre['valid_until']))}."
        )
    elif state == "grace":
        lines.append(
            "The service is in a grace period until "
            f"{long_date(date.fromisoformat(centre['grace_until']))}: a follow-up review "
            f"scoring {rules.threshold} or more keeps the status."
        )
        if centre["grace_until"] == centre["valid_until"]:
            lines.append(
                "A review below the threshold never shortens the three years already granted, "
                "so the grace period runs to their end (this site's reading of the FAQ)."
            )
    elif state == "lapsed":
        lines.append(
            "The service no longer holds the status: it last held it on "
            f"{long_date(date.fromisoformat(centre['valid_until']))}."
        )
    if state == "lapsed":
        lines.append(
            "To hold the status again, the service needs a new invitation after a review "
            f"scoring {rules.threshold} or more."
        )
    elif state == "eligible":
        lines.append(
            f"A review scoring {rules.threshold} or more makes the service eligible. The status "
            "itself comes only by invitation from Centre for Mental Health, and no invitation "
            "is on record here."
        )
    elif state == "never":
        lines.append("The review history shows no Centre of Excellence status.")
    if centre.get("renewal_from") and state in ("centre", "grace"):
        opened = date.fromisoformat(centre["renewal_from"])
        lines.append(
            "On this site's reading of the FAQ (a further review is offered towards the end of "
            "the three years), "
            + ("renewal is due now: " if centre["renewal_due"] else "renewal falls due from ")
            + (
                f"the window opened on {long_date(opened)}."
                if centre["renewal_due"]
                else f"{long_date(opened)}."
            )
        )
    if centre.get("review_recommended"):
        lines.append("After the merger, a new fidelity review is recommended.")
    if operation is not None:
        months = operation["months"]
        usual = f"{operation['usual_from_months']} to {operation['usual_to_months']} months"
        if operation["met"]:
            lines.append(
                f"The service has run for {months} months; services are usually ready for a "
                f"full review after {usual}."
            )
        else:
            lines.append(
                f"The service has run for {months} month{'s' if months != 1 else ''}. Services "
                f"usually need {usual} first: that is from "
                f"{long_date(date.fromisoformat(operation['ready_from']))}."
            )
    if assessed is not None:
        if not assessed["complete"]:
            lines.append(
                f"The self-assessment answers {assessed['answered']} items; the threshold of "
                f"{assessed['threshold']} only counts once every item is answered."
            )
        elif assessed["met"]:
            lines.append(
                f"The self-assessment totals {assessed['total']}, at or above the threshold of "
                f"{assessed['threshold']}."
            )
        else:
            lines.append(
                f"The self-assessment totals {assessed['total']}, "
                f"{assessed['threshold'] - assessed['total']} short of the threshold of "
                f"{assessed['threshold']}."
            )
    held = state in ("centre", "grace")
    if ready is True:
        lines.append(
            "On these two signs, the service looks ready for its next review."
            if held
            else "On these two signs, the service may be ready to ask for a full review."
        )
    elif ready is False:
        lines.append(
            "On these two signs, the service may not be ready for its next review yet."
            if held
            else "On these two signs, the service is probably not ready for a full review yet."
        )
    return lines


def readiness_report(result: dict[str, Any]) -> str:
    """The result in words, for the command line."""
    on = long_date(date.fromisoformat(result["on"]))
    lines = [f"Centre of Excellence status and readiness on {on} ({result['on']})", ""]
    lines += result["summary"]
    # In words, as the summary above gives them, with the ISO date that --json carries.
    shown = [f"{e['label']}: {e['text']} ({e['date']})" for e in result["key_dates"]]
    if shown:
        lines += ["", *shown]
    lines += ["", result["note"]]
    return "\n".join(lines)


# --- the command line -----------------------------------------------------------------------


def register(command: Callable[..., argparse.ArgumentParser]) -> None:
    """`ips-fidelity readiness FILE [--on DATE]`: FILE is JSON or YAML, '-' for standard input."""
    sub = command(
        "readiness",
        _command,
        "Centre of Excellence status with its dates, and readiness for a full review (guidance)",
    )
    sub.add_argument("file", metavar="FILE")
    sub.add_argument(
        "--on", metavar="DATE", help="the day to judge (default: the file's, or today)"
    )


def _command(args: argparse.Namespace, scale: Scale) -> tuple[Any, str]:
    from ..inputs import read_document
    from .rules import command_planning

    request = read_document(args.file)
    if args.on is not None and isinstance(request, dict):
        request = {**request, "on": args.on}
    result = readiness(request, command_planning(scale).readiness, scale)
    return result, readiness_report(result)
