"""Plain-text reports for `combine` and `history`: what a team or a manager reads in a terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .report import _short, _table
from .scale import Scale


def _cell(value: object) -> str:
    return "-" if value is None else str(value)


def _signed(value: int | None) -> str:
    if value is None:
        return "-"
    return f"+{value}" if value > 0 else str(value)


def combine_report(combined: dict[str, Any], files: list[str], scale: Scale) -> str:
    """Each item's scores by rater (R1, R2.. are the files, in the order given)."""
    raters = [f"R{n}" for n in range(1, combined["raters"] + 1)]
    lines = ["UK IPS Fidelity Scale: a team's ratings", ""]
    lines += [f"  {code}: {Path(name).name}" for code, name in zip(raters, files, strict=True)]
    rows = [
        [
            str(row["number"]),
            _short(scale.item(row["id"]).title, 40),
            *(_cell(s) for s in row["scores"]),
            _cell(row["spread"]),
            _cell(row["median"]),
            _cell(row["suggested"]),
        ]
        for row in combined["items"]
    ]
    lines += ["", *_table(rows, ["#", "Item", *raters, "Spread", "Median", "Suggested"])]
    lines.append("")
    if combined["warnings"]:
        lines.append("Check before going on:")
        lines += [f"  - {warning['message']}" for warning in combined["warnings"]]
        lines.append("")
    if combined["disagreements"]:
        lines.append("Items to discuss (largest spread first):")
        by_id = {row["id"]: row for row in combined["items"]}
        for item_id in combined["disagreements"]:
            row = by_id[item_id]
            lines.append(
                f"  {row['number']}. {scale.item(item_id).title}: scores "
                f"{row['min']} to {row['max']}, suggested {row['suggested']}"
            )
    else:
        lines.append("Every rater who answered an item gave it the same score.")
    unanswered = [row["number"] for row in combined["items"] if row["answered"] == 0]
    if unanswered:
        lines.append("No one answered item(s) " + ", ".join(str(n) for n in unanswered) + ".")
    lines += [
        "",
        "The suggested score is the median, rounded half up to the closest scale point.",
        'Save the suggested assessment with --json (its "suggested" part) and edit it into',
        "the team's agreed ratings.",
    ]
    return "\n".join(lines)


def history_report(found: dict[str, Any], scale: Scale) -> str:
    """Totals by date, then each item's first and last score and the change."""
    labels = {band.id: band.label for band in scale.bands}
    lines = ["UK IPS Fidelity Scale: progress over time", ""]
    rows = [
        [
            row["assessed_on"],
            str(row["total"]),
            labels[row["band"]] if row["band"] else "incomplete: no band",
        ]
        for row in found["assessments"]
    ]
    lines += _table(rows, ["Date", "Total", "Band"])
    rows = [
        [
            str(item["number"]),
            _short(scale.item(item["id"]).title, 48),
            _cell(item["first"]),
            _cell(item["last"]),
            _signed(item["change"]),
        ]
        for item in found["items"]
    ]
    lines += ["", *_table(rows, ["#", "Item", "First", "Last", "Change"])]
    return "\n".join(lines)
