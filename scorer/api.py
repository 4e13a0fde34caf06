"""JSON in, JSON out: the functions the browser calls under Pyodide.

The page's worker hands over strings and gets strings back, so no Python object crosses into
JavaScript and the contract is exactly that of `ips-fidelity ... --json`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any, ParamSpec

from .centres import centre_status
from .combine import combine
from .compare import compare
from .dates import parse_iso
from .errors import (
    AssessmentError,
    HistoryError,
    InputError,
    InputFileError,
    PlanningError,
    Problem,
    ScaleError,
    clip,
    display_name,
    name,
    quote,
)
from .history import history, progress
from .inputs import parse_document
from .measures import explain
from .result import score
from .scale import Scale, parse_scale

P = ParamSpec("P")
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


def load_argument(
    text: str,
    what: str,
    *,
    source: str | None = None,
    prefix: tuple[str, ...] = (),
    marks: bool = True,
) -> tuple[Any, str | None]:
    """The parsed argument, or (None, the errors JSON to answer with) when it is not usable.

    The same reading as the command line's (scorer.inputs), JSON only: the limits on size,
    nesting and numbers, repeated keys, NaN and Infinity are refused alike on both sides.
    """
    try:
        data = parse_document(text, f"the {what}", source=source, prefix=prefix, marks=marks)
        return data, None
    except InputFileError as error:
        return None, errors_json([Problem(None, None, f"{error.file} {error.message}")])
    except InputError as error:
        return None, errors_json(error.problems)


def answers(function: Callable[P, str]) -> Callable[P, str]:
    """The last resort of every function the browser calls: whatever happens, an answer.

    Input is checked before it is used, so this should never be reached; if it is, the person
    gets a plain sentence (the details stay out of sight), never a traceback or a crash.
    """

    @wraps(function)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> str:
        try:
            return function(*args, **kwargs)
        except Exception:  # anything at all: the page must get an answer
            return errors_json([Problem(None, None, UNEXPECTED)])

    return guarded


UNEXPECTED = (
    "the scorer could not work this out: something in the input is outside what it can handle. "
    "Nothing has been changed; check the figures and try again"
)


@answers
def read_json(text: str, what: str = "file") -> str:
    """{"data": ...} for JSON text that passes every check of the command line, or errors.

    For a file the page imports: the page reads it through this, not JSON.parse, so a repeated
    key, NaN or a file too deep or too large is refused exactly as `ips-fidelity` refuses it.
    """
    # A file's text: read exactly as the command line reads it, with no browser marks.
    data, failed = load_argument(text, what if isinstance(what, str) else "file", marks=False)
    return failed if failed else dump({"data": data})


@answers
def score_json(assessment_json: str) -> str:
    data, failed = load_argument(assessment_json, "assessment")
    if failed:
        return failed
    try:
        return dump(score(data, current_scale()))
    except AssessmentError as error:
        return errors_json(error.problems)


@answers
def compare_json(old_json: str, new_json: str) -> str:
    old, failed = load_argument(old_json, "old assessment", source="old assessment")
    if failed:
        return failed
    new, failed = load_argument(new_json, "new assessment", source="new assessment")
    if failed:
        return failed
    try:
        return dump(compare(old, new, current_scale()))
    except AssessmentError as error:
        return errors_json(error.problems)


@answers
def combine_json(assessments_json: str, names_json: str | None = None) -> str:
    """A team's ratings: a JSON array of 2-20 assessment objects, one per rater.

    `names_json`, when given, is a JSON array of the files' names, one per assessment, in the
    same order: problems and duplicate warnings then name the files as the person chose them
    (otherwise "assessment 1", "assessment 2"...).
    """
    data, failed = load_argument(assessments_json, "list of assessments")
    if failed:
        return failed
    names, failed = _names(names_json, data)
    if failed:
        return failed
    try:
        return dump(combine(data, current_scale(), names=names))
    except AssessmentError as error:
        return errors_json(error.problems)


def _names(names_json: str | None, data: object) -> tuple[list[str] | None, str | None]:
    """The files' names for combine_json, or the errors JSON to answer with."""
    if not isinstance(names_json, str) or not isinstance(data, list):  # none given, or
        # no list of assessments (combine() then says what it needs)
        return None, None
    names, failed = load_argument(names_json, "list of file names")
    if failed:
        return None, failed
    if (
        not isinstance(names, list)
        or not all(isinstance(n, str) for n in names)
        or len(names) != len(data)
    ):
        message = "the file names must be a list of texts, one for each assessment"
        return None, errors_json([Problem(None, None, message)])
    return [
        display_name(clip(n.strip() or f"assessment {i}")) for i, n in enumerate(names, 1)
    ], None


@answers
def history_json(assessments_json: str) -> str:
    """One service's assessments over time: a JSON array of dated assessment objects."""
    data, failed = load_argument(assessments_json, "list of assessments")
    if failed:
        return failed
    try:
        return dump(history(data, current_scale()))
    except AssessmentError as error:
        return errors_json(error.problems)


@answers
def progress_json(assessments_json: str) -> str:
    """The progress page's view: the history, each principle's averages, the largest moves."""
    data, failed = load_argument(assessments_json, "list of assessments")
    if failed:
        return failed
    return _progress(data)


def _progress(data: object) -> str:
    """The history of the assessments read, with each principle's averages and largest moves."""
    try:
        found = history(data, current_scale())
    except AssessmentError as error:
        return errors_json(error.problems)
    return dump({"history": found, **progress(found, current_scale())})


@answers
def centre_status_json(history_json: str, on_iso: str | None = None) -> str:
    data, failed = load_argument(history_json, "review history")
    if failed:
        return failed
    on = date.today()
    if on_iso:
        day = parse_iso(on_iso)
        if day is None:
            return errors_json(
                [Problem(None, "on", f"the date must be written YYYY-MM-DD, got {quote(on_iso)}")]
            )
        on = day
    try:
        return dump(centre_status(data, on, current_scale().centre_rules))
    except HistoryError as error:
        return errors_json(error.problems)


@answers
def explain_json(item_id: str, evidence_json: str) -> str:
    """The score one item's evidence gives, with the rule in words, for the evidence calculators."""
    item = current_scale().find(item_id)
    if item is None:
        return errors_json([Problem(clip(str(item_id)), None, f"unknown item {name(item_id)}")])
    evidence, failed = load_argument(
        evidence_json, "evidence", prefix=("items", item.id, "evidence")
    )
    if failed:
        return failed
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
    "read_json",
    "score_json",
]


def load_each(texts: tuple[str, ...]) -> tuple[list[Any], str | None]:
    """Several files' texts, each read as the command line reads one file (so the 10 MiB limit
    applies to each file, not to all of them together); errors name "assessment n"."""
    loaded = []
    for number, text in enumerate(texts, start=1):
        data, failed = load_argument(text, f"assessment {number}", source=f"assessment {number}")
        if failed:
            return [], failed
        loaded.append(data)
    return loaded, None


@answers
def combine_each_json(*assessment_jsons: str) -> str:
    """combine_json for the team page: one JSON text per rater's file."""
    data, failed = load_each(assessment_jsons)
    if failed:
        return failed
    return _combined(data)


def _combined(data: list[Any]) -> str:
    try:
        return dump(combine(data, current_scale()))
    except AssessmentError as error:
        return errors_json(error.problems)


@answers
def progress_each_json(*assessment_jsons: str) -> str:
    """progress_json for the progress page: one JSON text per dated file."""
    data, failed = load_each(assessment_jsons)
    if failed:
        return failed
    return _progress(data)
