"""Totals, bands, the possible range, the next band and the action plan for an assessment."""

from __future__ import annotations

from typing import Any

from .assessment import Answer, parse_assessment
from .scale import Item, Scale

FORMAT = "ips-fidelity-result"
VERSION = 1
ACTION_PLAN_LENGTH = 5


def score(assessment: object, scale: Scale) -> dict[str, Any]:
    """The result object of the contract (site_src/developers.md); AssessmentError (and nothing else) for invalid input."""
    parsed = parse_assessment(assessment, scale)
    rows = [_item_result(item, parsed.answers.get(item.id)) for item in scale.items]
    answered = [row for row in rows if row["answered"]]
    total = sum(row["score"] for row in answered)
    unanswered = len(rows) - len(answered)
    complete = unanswered == 0
    band = scale.band_for(total) if complete else None
    upper = scale.next_band(band) if band else None
    plan = sorted(
        (row for row in answered if row["score"] < 5), key=lambda r: (r["score"], r["number"])
    )
    warnings = [f"Item {row['number']} ({row['id']}): {w}" for row in rows for w in row["warnings"]]
    return {
        "format": FORMAT,
        "version": VERSION,
        "items": rows,
        "answered": len(answered),
        "complete": complete,
        "total": total,
        "max_total": scale.max_total,
        "possible_range": {"min": total + unanswered, "max": total + 5 * unanswered},
        "band": band.to_dict() if band else None,
        "centre_of_excellence": {
            "threshold": scale.centre_threshold,
            "meets_threshold": complete and total >= scale.centre_threshold,
        },
        "to_next_band": {"id": upper.id, "points": upper.min - total} if upper else None,
        "action_plan": [
            {
                "id": row["id"],
                "number": row["number"],
                "score": row["score"],
                "target": row["score"] + 1,
                "next_anchor": row["next_anchor"],
            }
            for row in plan[:ACTION_PLAN_LENGTH]
        ],
        "warnings": warnings,
    }


def _item_result(item: Item, answer: Answer | None) -> dict[str, Any]:
    value = answer.score if answer else None
    warnings: list[str] = []
    if (
        answer
        and answer.derived
        and answer.rating is not None
        and answer.rating != answer.derived.score
    ):
        warnings.append(
            f"the rating given ({answer.rating}) differs from the evidence, which scores "
            f"{answer.derived.score}; the evidence decides"
        )
    return {
        "id": item.id,
        "number": item.number,
        "title": item.title,
        "score": value,
        "source": answer.source if answer else None,
        "answered": value is not None,
        "next_anchor": item.anchors[value + 1] if value is not None and value < 5 else None,
        "warnings": warnings,
    }
