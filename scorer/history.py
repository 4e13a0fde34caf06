"""One service's assessments over time: totals, bands and each item's first and last score.

This is what a service reports to its commissioners and its board: where it started, where it
is now, and which items moved. Every assessment needs its date, and all must be of one service.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from .errors import AssessmentError, Problem
from .exact import mean, show
from .result import score
from .scale import Scale
from .several import Labelled, read_several, same_service

FORMAT = "ips-fidelity-history"
VERSION = 1
LEAST = 1


def history(
    assessments: object, scale: Scale, names: Sequence[str] | None = None
) -> dict[str, Any]:
    """The history result of the contract (site_src/developers.md); AssessmentError (naming the file) for invalid input."""
    dated = _ordered(read_several(assessments, scale, least=LEAST, what="A history", names=names))
    rows = []
    for entry in dated:
        result = score(entry.data, scale)
        rows.append(
            {
                "assessed_on": entry.parsed.assessed_on,
                "service": entry.parsed.service,
                "total": result["total"],
                "complete": result["complete"],
                "band": result["band"]["id"] if result["band"] else None,
                "scores": {i["id"]: i["score"] for i in result["items"]},
            }
        )
    items = []
    for item in scale.items:
        given = [row["scores"][item.id] for row in rows if row["scores"][item.id] is not None]
        first = given[0] if given else None
        last = given[-1] if given else None
        items.append(
            {
                "id": item.id,
                "number": item.number,
                "first": first,
                "last": last,
                "change": None if first is None or last is None else last - first,
            }
        )
    return {"format": FORMAT, "version": VERSION, "assessments": rows, "items": items}


def _ordered(found: list[Labelled]) -> list[Labelled]:
    """Date order (a stable sort: two on one day keep the order given); one service only."""
    problems = [
        Problem(
            None,
            "assessed_on",
            f"{entry.label}: this assessment has no date; each one in a history needs the "
            "date it was made",
        )
        for entry in found
        if entry.parsed.assessed_on is None
    ]
    named = [e for e in found if e.parsed.service and e.parsed.service.strip()]
    if named:
        first = named[0]
        for other in named[1:]:
            if same_service(other.parsed.service or "") != same_service(first.parsed.service or ""):
                problems.append(
                    Problem(
                        None,
                        "service",
                        f"{other.label}: this assessment is for the service {_quote(other.parsed.service)}, "
                        f"but {first.label} is for {_quote(first.parsed.service)}; a history "
                        "holds one service's assessments",
                    )
                )
    if problems:
        raise AssessmentError(problems)
    return sorted(found, key=lambda e: e.parsed.assessed_on or "")


def _quote(text: str | None) -> str:
    shown = (text or "").strip()
    return repr(shown if len(shown) <= 80 else shown[:77] + "...")


def progress(history_result: dict[str, Any], scale: Scale) -> dict[str, Any]:
    """What the progress page shows beyond the history: each principle's average score on each
    date (answered items only, to 1 decimal) and the items that moved most, largest first."""
    principles = []
    for principle in scale.principles:
        ids = [i.id for i in scale.items if i.principle == principle.id]
        if not ids:
            continue
        averages: list[str | None] = []
        for row in history_result["assessments"]:
            given = [Fraction(row["scores"][i]) for i in ids if row["scores"][i] is not None]
            averages.append(show(mean(given), 1) if given else None)
        principles.append({"id": principle.id, "items": ids, "averages": averages})
    moved = [i for i in history_result["items"] if i["change"]]
    gains = sorted((i for i in moved if i["change"] > 0), key=lambda i: (-i["change"], i["number"]))
    falls = sorted((i for i in moved if i["change"] < 0), key=lambda i: (i["change"], i["number"]))
    return {
        "principles": principles,
        "gains": [{"id": i["id"], "number": i["number"], "change": i["change"]} for i in gains],
        "falls": [{"id": i["id"], "number": i["number"], "change": i["change"]} for i in falls],
    }
