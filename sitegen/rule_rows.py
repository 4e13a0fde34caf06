"""A measured item's scoring rule as table rows: a condition in words and the score it gives.

The first row that matches wins. The words come from the same measure data the scorer uses, so
the published rule and the scoring cannot disagree.
"""

from __future__ import annotations

from typing import Any

from scorer.exact import show
from scorer.rule_words import condition_words, opposite_words
from scorer.scale import Measure, Threshold
from sitegen.errors import BuildError


def measure_context(measure: Measure) -> dict[str, Any]:
    """The rule of one measured item as rows (condition in words, score), first match wins."""
    context: dict[str, Any] = {"type": measure.type, "rows": []}
    rows: list[dict[str, Any]] = context["rows"]
    kind = measure.type
    if kind == "ratio":
        context["numerator"], context["denominator"] = measure.numerator, measure.denominator
        rows += banded_rows(measure)
    elif kind == "percentage":
        context["floor"] = None
        if measure.floor is not None:
            floor = measure.floor
            context["floor"] = {
                "field": floor.field,
                "minimum": show(floor.minimum),
                "score": floor.score,
            }
            rows.append(
                {
                    "when": f"fewer than {show(floor.minimum)} {floor.field.replace('_', ' ')}, "
                    "whatever the percentage",
                    "score": floor.score,
                    "value": show(floor.minimum),
                }
            )
        rows += banded_rows(measure, "%")
    elif kind == "phases":
        assert measure.phases is not None
        context["phases"] = measure.phases
        rows += phase_rows(measure.thresholds, measure.phases)
        context["rated_directly"] = sorted(set(range(1, 6)) - {r["score"] for r in rows})
    elif kind == "team_assignment":
        context["separate_programme_score"] = measure.separate_programme_score
        context["max_teams"] = measure.max_teams
        context["weak_integration_score"] = measure.weak_integration_score
        rows += banded_rows(measure, "%")
    elif kind == "components":
        context["components"] = [{"id": c.id, "text": c.text} for c in measure.components]
        rows += component_rows(measure.score_by_count)
    elif kind == "days":
        rows += day_rows(measure)
    elif kind == "specialist_contacts":
        small = measure.small_caseload
        assert small is not None
        context["small_caseload"] = {
            "fewer_than": show(small.fewer_than),
            "contacts_per_person": show(small.contacts_per_person),
            "score": small.score,
        }
        rows += banded_rows(measure, unit=" contacts a week")
        context["caps"] = [{"tracking": t, "cap": c} for t, c in measure.tracking_caps]
    elif kind == "specialist_percentage":
        rows += banded_rows(measure, "%")
    elif kind != "specialist_ratings":
        raise BuildError(f"no words for the measure type {kind!r}: extend sitegen/rule_rows.py")
    return context


def _value(threshold: Threshold, unit: str) -> str:
    return f"{show(threshold.value)}{unit}"


def _within(threshold: Threshold, previous: Threshold, unit: str) -> str:
    """Both ends of a band. A word unit (' days') is said once, at the end; '%' goes on both."""
    inner = unit if unit == "%" else ""
    outer = "" if unit == "%" else unit
    if threshold.comparison in ("at_least", "above"):
        return f"{condition_words(threshold, inner)} but {opposite_words(previous, inner)}{outer}"
    upper = {"at_most": "up to", "below": "less than"}[threshold.comparison]
    return f"{opposite_words(previous, inner)} and {upper} {_value(threshold, inner)}{outer}"


def banded_rows(measure: Measure, unit: str = "") -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    previous: Threshold | None = None
    for threshold in measure.thresholds:
        when = (
            condition_words(threshold, unit)
            if previous is None
            else _within(threshold, previous, unit)
        )
        rows.append({"when": when, "score": threshold.score, "value": show(threshold.value)})
        previous = threshold
    assert previous is not None and measure.otherwise is not None
    rows.append(
        {
            "when": opposite_words(previous, unit),
            "score": measure.otherwise,
            "value": show(previous.value),
        }
    )
    return rows


def phase_rows(thresholds: tuple[Threshold, ...], phases: int) -> list[dict[str, Any]]:
    """Phases are whole numbers, so each band is a plain range such as '1 to 4 phases'."""
    rows: list[dict[str, Any]] = []
    upper = phases
    for threshold in thresholds:
        if threshold.comparison != "at_least" or threshold.value.denominator != 1:
            raise BuildError("phase bands must use at_least with whole numbers")
        low = int(threshold.value)
        if low == upper == phases:
            when = f"all {phases} phases"
        elif low == upper:
            when = f"{low} of the {phases} phases"
        else:
            when = f"{low} to {upper} of the {phases} phases"
        rows.append({"when": when, "score": threshold.score, "value": show(threshold.value)})
        upper = low - 1
    return rows


def component_rows(score_by_count: tuple[int, ...]) -> list[dict[str, Any]]:
    """Consecutive counts with the same score share a row: '0 or 1 of the 5', 'all 5'."""
    total = len(score_by_count) - 1
    rows: list[dict[str, Any]] = []
    start = 0
    for count in range(len(score_by_count)):
        last = count == total or score_by_count[count + 1] != score_by_count[count]
        if not last:
            continue
        if start == count:
            when = f"all {total}" if count == total else f"{count} of the {total}"
        elif count == start + 1:
            when = f"{start} or {count} of the {total}"
        else:
            when = f"{start} to {count} of the {total}"
        rows.append({"when": when, "score": score_by_count[count], "value": str(count)})
        start = count + 1
    return list(reversed(rows))


def day_rows(measure: Measure) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    previous: Threshold | None = None
    for threshold in measure.thresholds:
        when = (
            condition_words(threshold, " days")
            if previous is None
            else _within(threshold, previous, " days")
        )
        if threshold.requires:
            rows.append(
                {
                    "when": f"{when}, and employer contacts are tracked",
                    "score": threshold.score,
                    "value": show(threshold.value),
                }
            )
            rows.append(
                {
                    "when": f"{when}, without that tracking",
                    "score": threshold.without_it,
                    "value": show(threshold.value),
                }
            )
        else:
            rows.append({"when": when, "score": threshold.score, "value": show(threshold.value)})
        previous = threshold
    assert previous is not None
    rows.append(
        {
            "when": opposite_words(previous, " days"),
            "score": measure.otherwise,
            "value": show(previous.value),
        }
    )
    return rows
