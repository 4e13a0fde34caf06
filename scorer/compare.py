"""Item-by-item and total change between two assessments of the same service."""

from __future__ import annotations

from typing import Any

from .errors import AssessmentError, Problem
from .result import score
from .scale import Scale

FORMAT = "ips-fidelity-comparison"
VERSION = 1


def _scored(assessment: object, which: str, scale: Scale) -> dict[str, Any]:
    try:
        return score(assessment, scale)
    except AssessmentError as error:
        raise AssessmentError(
            Problem(p.item, p.field, f"{which}: {p.message}") for p in error.problems
        ) from None


def _change(old: int | None, new: int | None) -> int | None:
    return None if old is None or new is None else new - old


def compare(
    old: object,
    new: object,
    scale: Scale,
    names: tuple[str, str] = ("old assessment", "new assessment"),
) -> dict[str, Any]:
    """Both assessments are checked in full; problems in either are reported, labelled with
    `names` (the command line gives the files' names, which a person knows them by)."""
    problems: list[Problem] = []
    results: list[dict[str, Any]] = []
    for which, assessment in zip(names, (old, new), strict=True):
        try:
            results.append(_scored(assessment, which, scale))
        except AssessmentError as error:
            problems.extend(error.problems)
    if problems:
        raise AssessmentError(problems)
    before, after = results
    items = []
    for a, b in zip(before["items"], after["items"], strict=True):
        items.append(
            {
                "id": a["id"],
                "number": a["number"],
                "title": a["title"],
                "old": a["score"],
                "new": b["score"],
                "change": _change(a["score"], b["score"]),
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "items": items,
        "total": {
            "old": before["total"],
            "new": after["total"],
            "change": after["total"] - before["total"],
        },
        "answered": {"old": before["answered"], "new": after["answered"]},
        "complete": {"old": before["complete"], "new": after["complete"]},
        "band": {
            "old": before["band"]["id"] if before["band"] else None,
            "new": after["band"]["id"] if after["band"] else None,
        },
        "improved": [i["id"] for i in items if (i["change"] or 0) > 0],
        "declined": [i["id"] for i in items if (i["change"] or 0) < 0],
    }
