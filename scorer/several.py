"""Reading several assessments at once (a team's ratings, a service's history).

Each one is checked in full as `score` checks it; a problem is reported with the file (or the
assessment's place in the list) it came from, so a person knows which file to fix. The item and
field of each problem stay as `score` gives them; only the message gains the file's name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .assessment import Assessment, parse_assessment
from .errors import AssessmentError, Problem
from .scale import Scale

MAX_ASSESSMENTS = 20


@dataclass(frozen=True)
class Labelled:
    """One parsed assessment, the data it came from, and how messages name it."""

    label: str
    data: object
    parsed: Assessment


def labels(count: int, names: Sequence[str] | None) -> list[str]:
    """The files' names when given (the command line), else "assessment 1".. (the browser)."""
    if names is not None and len(names) == count:
        return list(names)
    return [f"assessment {n}" for n in range(1, count + 1)]


def read_several(
    assessments: object,
    scale: Scale,
    *,
    least: int,
    what: str,
    names: Sequence[str] | None = None,
) -> list[Labelled]:
    """Every assessment parsed, or AssessmentError listing the problems of all of them."""
    if not isinstance(assessments, (list, tuple)):
        raise AssessmentError(
            [Problem(None, None, f"{what} needs a list of assessments, one for each file")]
        )
    count = len(assessments)
    if not least <= count <= MAX_ASSESSMENTS:
        given = {0: "none", 1: "1 assessment"}.get(count, f"{count} assessments")
        raise AssessmentError(
            [
                Problem(
                    None,
                    None,
                    f"{what} needs {least} to {MAX_ASSESSMENTS} assessments; {given} given",
                )
            ]
        )
    problems: list[Problem] = []
    found: list[Labelled] = []
    for label, data in zip(labels(count, names), assessments, strict=True):
        try:
            found.append(Labelled(label, data, parse_assessment(data, scale)))
        except AssessmentError as error:
            problems.extend(
                Problem(p.item, p.field, f"{label}: {p.message}") for p in error.problems
            )
    if problems:
        raise AssessmentError(problems)
    return found


def same_service(name: str) -> str:
    """Service names compared as a person reads them: case and spacing do not matter."""
    return " ".join(name.split()).casefold()
