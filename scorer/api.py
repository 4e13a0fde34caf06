"""JSON in, JSON out: the functions the browser calls under Pyodide.

The page's worker hands over strings and gets strings back, so no Python object crosses into
JavaScript and the contract is exactly that of `ips-fidelity ... --json`.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from .centres import centre_status
from .combine import combine
from .compare import compare
from .dates import parse_iso
from .errors import AssessmentError, HistoryError, PlanningError, Problem, ScaleError
from .history import history, progress
from .inputs import RepeatedKeyError, parse_json
from .measures import explain
from .result import score
from .scale import Scale, parse_scale

_configured: Scale | None = None


def configure(scale_json: str) -> None:
    """Use the scale the page loaded (scale.json, made from scale/ at build time)."""
    global _configured
    _configured = parse_scale(json.loads(scale_json))


def current_scale() -> Scale:
    if _configured is not None:
        return _configured
    from .scale_files import default_scale

    return default_scale()


def dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def errors_json(problems: list[Problem] | tuple[Problem, ...]) -> str:
    return dump({"errors": [p.to_dict() for p in problems]})


def load_argument(text: str, what: str) -> tuple[Any, str | None]:
    """The parsed argument, or (None, the errors JSON to answer with) when it is not usable."""
    try:
        return parse_json(text), None
    except RepeatedKeyError as exc:
        return None, errors_json([Problem(None, None, f"the {what} cannot be used: {exc}")])
    except (json.JSONDecodeError, TypeError) as exc:
        message = f"the {what} is not valid JSON: {getattr(exc, 'msg', exc)}"
        return None, errors_json([Problem(None, None, message)])


def score_json(assessment_json: str) -> str:
    data, failed = load_argument(assessment_json, "assessment")
    if failed:
        return failed
    try:
        return dump(score(data, current_scale()))
    except AssessmentError as error:
        return errors_json(error.problems)


def compare_json(old_json: str, new_json: str) -> str:
    old, failed = load_argument(old_json, "old assessment")
    if failed:
        return failed
    new, failed = load_argument(new_json, "new assessment")
    if failed:
        return failed
    try:
        return dump(compare(old, new, current_scale()))
    except AssessmentError as error:
        return errors_json(error.problems)


def combine_json(assessments_json: str) -> str:
    """A team's ratings: a JSON array of 2-20 assessment objects, one per rater."""
    data, failed = load_argument(assessments_json, "list of assessments")
    if failed:
        return failed
    try:
        return dump(combine(data, current_scale()))
    except AssessmentError as error:
        return errors_json(error.problems)


def history_json(assessments_json: str) -> str:
    """One service's assessments over time: a JSON array of dated assessment objects."""
    data, failed = load_argument(assessments_json, "list of assessments")
    if failed:
        return failed
    try:
        return dump(history(data, current_scale()))
    except AssessmentError as error:
        return errors_json(error.problems)


def progress_json(assessments_json: str) -> str:
    """The progress page's view: the history, each principle's averages, the largest moves."""
    data, failed = load_argument(assessments_json, "list of assessments")
    if failed:
        return failed
    try:
        found = history(data, current_scale())
    except AssessmentError as error:
        return errors_json(error.problems)
    return dump({"history": found, **progress(found, current_scale())})


def centre_status_json(history_json: str, on_iso: str | None = None) -> str:
    data, failed = load_argument(history_json, "review history")
    if failed:
        return failed
    on = date.today()
    if on_iso:
        day = parse_iso(on_iso)
        if day is None:
            return errors_json(
                [Problem(None, "on", f"the date must be written YYYY-MM-DD, got {on_iso!r}")]
            )
        on = day
    try:
        return dump(centre_status(data, on, current_scale().centre_rules))
    except HistoryError as error:
        return errors_json(error.problems)


def explain_json(item_id: str, evidence_json: str) -> str:
    """The score one item's evidence gives, with the rule in words, for the evidence calculators."""
    evidence, failed = load_argument(evidence_json, "evidence")
    if failed:
        return failed
    item = current_scale().find(item_id)
    if item is None:
        return errors_json([Problem(str(item_id), None, f"unknown item {item_id!r}")])
    try:
        return dump(explain(item, evidence).to_dict())
    except AssessmentError as error:
        return errors_json(error.problems)


__all__ = [
    "PlanningError",
    "ScaleError",
    "centre_status_json",
    "combine_json",
    "compare_json",
    "configure",
    "explain_json",
    "history_json",
    "progress_json",
    "score_json",
]
