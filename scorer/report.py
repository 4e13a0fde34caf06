"""Plain-text reports for the command line: what a person reads in a terminal."""

from __future__ import annotations

from typing import Any

from .dates import with_iso
from .scale import Scale


def _table(rows: list[list[str]], headers: list[str]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out = [line.rstrip(), "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return out


def _short(text: str, width: int = 58) -> str:
    return text if len(text) <= width else text[: width - 3].rstrip() + "..."


def score_report(result: dict[str, Any], scale: Scale) -> str:
    rows = [
        [
            str(i["number"]),
            _short(i["title"], 52),
            "-" if i["score"] is None else str(i["score"]),
            i["source"] or "unanswered",
        ]
        for i in result["items"]
    ]
    lines = ["UK IPS Fidelity Scale: self-assessment", ""]
    lines += _table(rows, ["#", "Item", "Score", "From"])
    lines.append("")
    lines.append(f"Answered: {result['answered']} of {len(result['items'])}")
    lines.append(f"Total: {result['total']} of {result['max_total']}")
    if result["band"]:
        band = result["band"]
        lines.append(f"Band: {band['label']} ({band['min']}-{band['max']})")
    else:
        rng = result["possible_range"]
        lines.append(
            f"Band: not given until all items are answered; the total could end up "
            f"between {rng['min']} and {rng['max']}"
        )
    lines.append(
        f"Possible range: {result['possible_range']['min']}-{result['possible_range']['max']}"
    )
    nxt = result["to_next_band"]
    if nxt:
        label = next(b.label for b in scale.bands if b.id == nxt["id"])
        points = nxt["points"]
        lines.append(f"Next band: {label}, {points} more point{'' if points == 1 else 's'}")
    coe = result["centre_of_excellence"]
    # As on the page: the threshold is checked only once every item has a score.
    if not result["band"]:
        verdict = "not checked until every item is answered"
    elif coe["meets_threshold"]:
        verdict = "this self-assessment reaches it"
    else:
        verdict = "this self-assessment does not reach it"
    lines.append(
        f"Centre of Excellence threshold: {coe['threshold']} points; {verdict}. The status comes "
        "only by invitation from Centre for Mental Health, after an independent fidelity review."
    )
    if result["action_plan"]:
        lines += ["", "Action plan (lowest scores first):"]
        for step in result["action_plan"]:
            title = scale.item(step["id"]).title
            lines.append(f"  {step['number']}. {title}: {step['score']} -> {step['target']}")
            lines.append(f"     Aim for: {step['next_anchor']}")
    if result["warnings"]:
        lines += ["", "Warnings:"] + [f"  - {w}" for w in result["warnings"]]
    return "\n".join(lines)


def compare_report(comparison: dict[str, Any]) -> str:
    def cell(value: int | None) -> str:
        return "-" if value is None else str(value)

    def delta(value: int | None) -> str:
        return "" if value is None else (f"+{value}" if value > 0 else str(value))

    rows = [
        [
            str(i["number"]),
            _short(i["title"], 52),
            cell(i["old"]),
            cell(i["new"]),
            delta(i["change"]),
        ]
        for i in comparison["items"]
    ]
    lines = [
        "UK IPS Fidelity Scale: comparison",
        "",
        *_table(rows, ["#", "Item", "Old", "New", "Change"]),
    ]
    total = comparison["total"]
    lines += [
        "",
        f"Total: {total['old']} -> {total['new']} ({delta(total['change']) or '0'})",
        f"Answered: {comparison['answered']['old']} -> {comparison['answered']['new']}",
        f"Band: {comparison['band']['old'] or 'incomplete'} -> {comparison['band']['new'] or 'incomplete'}",
    ]
    return "\n".join(lines)


def status_report(status: dict[str, Any], on: str) -> str:
    words = {
        "centre": "holds Centre of Excellence status",
        "grace": "is in a grace period: a follow-up review scoring 100 or more keeps the status",
        "eligible": (
            "is eligible after a review scoring 100 or more, but holds no Centre of Excellence "
            "status: the status comes only by invitation, and no invitation is recorded"
        ),
        "lapsed": "no longer holds Centre of Excellence status",
        "never": "has never held Centre of Excellence status on this history",
    }
    # Dates in words for a person, each with the ISO date that files and --json carry.
    lines = [f"On {with_iso(on)} the service {words[status['status']]}."]
    if status["valid_until"]:
        held = "last held" if status["status"] == "lapsed" else "valid until"
        lines.append(f"Status {held}: {with_iso(status['valid_until'])}")
    if status["grace_until"]:
        lines.append(f"Grace period ends: {with_iso(status['grace_until'])}")
    if status["renewal_due"]:
        lines.append("Renewal is due: book the next fidelity review.")
    if status["review_recommended"]:
        lines.append("A new fidelity review is recommended after the merger.")
    return "\n".join(lines)
