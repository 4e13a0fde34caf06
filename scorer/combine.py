"""A team's ratings: several people's assessments of one service, item by item.

Each person rates on their own first; this puts their scores side by side, finds where they
differ, and suggests a starting point for the agreed rating (the median, to the closest scale
point), so the discussion starts from the items that need it.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from .assessment import FORMAT as ASSESSMENT_FORMAT
from .assessment import VERSION as ASSESSMENT_VERSION
from .errors import clip, display_name
from .exact import round_half_up
from .scale import Scale
from .several import Labelled, read_several, same_service

FORMAT = "ips-fidelity-combined"
VERSION = 1
LEAST = 2


def median(scores: Sequence[int]) -> Fraction:
    """The exact median: the middle score, or halfway between the two middle ones."""
    ordered = sorted(scores)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return Fraction(ordered[middle])
    return Fraction(ordered[middle - 1] + ordered[middle], 2)


def as_number(value: Fraction) -> int | float:
    """A whole number as an int, a half as a float (3.5): exact either way."""
    return value.numerator if value.denominator == 1 else float(value)


def combine(
    assessments: object, scale: Scale, names: Sequence[str] | None = None
) -> dict[str, Any]:
    """The combined result of the contract (site_src/developers.md); AssessmentError (naming the file) for invalid input."""
    raters = read_several(
        assessments, scale, least=LEAST, what="Combining a team's ratings", names=names
    )
    items = []
    for item in scale.items:
        scores = [_score(rater, item.id) for rater in raters]
        answered = [s for s in scores if s is not None]
        row: dict[str, Any] = {
            "id": item.id,
            "number": item.number,
            "scores": scores,
            "answered": len(answered),
            "min": None,
            "max": None,
            "spread": None,
            "median": None,
            "suggested": None,
        }
        if answered:
            middle = median(answered)
            row.update(
                min=min(answered),
                max=max(answered),
                spread=max(answered) - min(answered),
                median=as_number(middle),
                suggested=round_half_up(middle),
            )
        items.append(row)
    disagreements = sorted(
        (row for row in items if row["spread"]), key=lambda r: (-r["spread"], r["number"])
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "raters": len(raters),
        "items": items,
        "disagreements": [row["id"] for row in disagreements],
        "suggested": _suggested(raters, items),
        "warnings": duplicate_warnings(raters),
    }


def duplicate_warnings(raters: Sequence[Labelled]) -> list[dict[str, Any]]:
    """Pairs of files that may count one person twice, in argument order.

    `same-content`: the two assessments are identical once read (whatever their names or
    layout, JSON or YAML); `same-assessor`: both name one assessor, case and spacing aside.
    A pair gets one warning: the same content says more than the same assessor.
    """
    warnings: list[dict[str, Any]] = []
    for first, one in enumerate(raters):
        for second in range(first + 1, len(raters)):
            other = raters[second]
            pair = f"{one.label} and {other.label}"
            if one.parsed == other.parsed:
                kind = "same-content"
                message = (
                    f"{pair} hold the same assessment: the same ratings may be counted twice. "
                    "Leave one out if so."
                )
            elif _assessor(one) and _assessor(one) == _assessor(other):
                kind = "same-assessor"
                who = display_name(clip(" ".join((one.parsed.assessor or "").split())))
                message = (
                    f"{pair} have the same assessor ({who}): the same person may be counted "
                    "twice. Leave one out if so."
                )
            else:
                continue
            warnings.append({"kind": kind, "files": [first, second], "message": message})
    return warnings


def _assessor(rater: Labelled) -> str:
    """The assessor as a person reads the name: case and spacing do not matter; '' if none."""
    return same_service(rater.parsed.assessor or "")


def _score(rater: Labelled, item_id: str) -> int | None:
    answer = rater.parsed.answers.get(item_id)
    return answer.score if answer else None


def _suggested(raters: list[Labelled], items: list[dict[str, Any]]) -> dict[str, Any]:
    """The team's starting point, in the input format so it opens as an ordinary assessment.

    `service`: the name the raters gave, when every rater who gave one gave the same (a rater
    may have typed their own name there); otherwise left out for the team to fill in.
    `assessed_on`: the latest of the raters' dates, the day the last rating was made.
    No `assessor`: the agreed rating is the team's, not one person's.
    """
    suggested: dict[str, Any] = {"format": ASSESSMENT_FORMAT, "version": ASSESSMENT_VERSION}
    services = [
        r.parsed.service.strip() for r in raters if r.parsed.service and r.parsed.service.strip()
    ]
    if services and len({same_service(s) for s in services}) == 1:
        suggested["service"] = services[0]
    dates = [r.parsed.assessed_on for r in raters if r.parsed.assessed_on]
    if dates:
        suggested["assessed_on"] = max(dates)
    suggested["items"] = {
        row["id"]: {"score": row["suggested"]} for row in items if row["suggested"] is not None
    }
    return suggested
