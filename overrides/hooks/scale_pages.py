"""Hook: the scale's pages, generated from scale/ at build time and never committed.

Adds scale/index.md (the scale at a glance), scale/scoring.md (how scores are calculated) and
one guidance page per item at scale/items/<id>.md, and puts the item pages into the nav under
"The scale", one section per IPS principle, in the order scale/ gives. Every number on these
pages (anchors, thresholds, components, bands, the Centre rules) is read from scale/, and the
scoring rules in words are built from the same measure data the scorer uses.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ips_site import add_page, environment, render, scale_dir, scale_error
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from scorer.centres import centre_status
from scorer.dates import add_months, add_years
from scorer.errors import ScaleError
from scorer.exact import mean, round_half_up, show
from scorer.result import ACTION_PLAN_LENGTH
from scorer.rule_words import condition_words, opposite_words
from scorer.scale import Item, Measure, Scale, Threshold, parse_scale
from scorer.scale_files import load_scale_data
from sitegen.improve import improve_context

log = get_plugin_logger(__name__)

SCALE_SECTION_INDEX = "scale/index.md"


@dataclass
class _Loaded:
    scale: Scale
    data: dict[str, Any]


_loaded: _Loaded | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check scale/ once per build; a mistake stops the build with file and line."""
    global _loaded
    try:
        data = load_scale_data(scale_dir(config))
        scale = parse_scale(data)
    except ScaleError as error:
        raise scale_error(error) from None
    _loaded = _Loaded(scale, data)
    _add_items_to_nav(config, scale)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _loaded is not None, "on_config runs first"
    scale, data = _loaded.scale, _loaded.data
    env = environment()
    env.globals["rounding"] = {"examples": [_rounding_example(s) for s in ((2, 3, 3), (3, 4))]}
    items = [_item_context(item) for item in scale.items]
    principles = [
        {
            "id": p.id,
            "title": p.title,
            "summary": p.summary,
            "items": [i for i in items if i["principle_id"] == p.id],
        }
        for p in scale.principles
    ]
    by_id = {p["id"]: p for p in principles}
    for index, item in enumerate(items):
        item["principle"] = by_id[item["principle_id"]]
        item["previous"] = items[index - 1] if index > 0 else None
        item["next"] = items[index + 1] if index + 1 < len(items) else None
        add_page(
            config,
            files,
            f"scale/items/{item['id']}.md",
            render(env, "item.md.j2", item=item, scale=scale),
        )
    common = {
        "scale": scale,
        "principles": principles,
        "items": items,
        "centre": _centre_rules(data, scale),
        "action_plan_length": ACTION_PLAN_LENGTH,
    }
    add_page(config, files, "scale/index.md", render(env, "scale-index.md.j2", **common))
    add_page(config, files, "scale/scoring.md", render(env, "scoring.md.j2", **common))
    log.debug("generated %d item pages", len(items))
    return files


# --- nav ------------------------------------------------------------------------------


def _add_items_to_nav(config: MkDocsConfig, scale: Scale) -> None:
    """Append one nav section per principle to the section that holds scale/index.md."""
    section = _find_section(config.nav or [])
    if section is None:
        raise PluginError(
            f"mkdocs.yml: the nav needs a section containing {SCALE_SECTION_INDEX}; "
            "the item pages are added to it"
        )
    if any(isinstance(entry, dict) and _is_items_section(entry) for entry in section):
        return  # already added (mkdocs serve reuses the config on rebuilds)
    for principle in scale.principles:
        section.append(
            {
                # No nav title: each page's own heading, "Item N: Title", names it everywhere.
                principle.title: [
                    f"scale/items/{item.id}.md"
                    for item in scale.items
                    if item.principle == principle.id
                ]
            }
        )


def _find_section(nav: list[Any]) -> list[Any] | None:
    for entry in nav:
        if isinstance(entry, dict):
            for value in entry.values():
                if isinstance(value, list):
                    if SCALE_SECTION_INDEX in value or any(
                        isinstance(v, dict) and SCALE_SECTION_INDEX in v.values() for v in value
                    ):
                        return value
                    found = _find_section(value)
                    if found is not None:
                        return found
    return None


def _is_items_section(entry: dict[str, Any]) -> bool:
    return any(
        isinstance(value, list)
        and any(isinstance(v, str) and v.startswith("scale/items/") for v in value)
        for value in entry.values()
    )


# --- items ----------------------------------------------------------------------------


def _item_context(item: Item) -> dict[str, Any]:
    return {
        "number": item.number,
        "id": item.id,
        "title": item.title,
        "principle_id": item.principle,
        "summary": item.summary,
        "definition": item.definition,
        "evidence_to_gather": list(item.evidence_to_gather),
        "anchors": [(score, item.anchors[score]) for score in range(1, 6)],
        "top_anchor": item.anchors[5],
        "reading": item.reading,
        "measure": _measure_context(item.measure) if item.measure else None,
        "improve": improve_context(item),
        "search_terms": list(item.search_terms),
        "rule_note": item.rule_note,
    }


def _measure_context(measure: Measure) -> dict[str, Any]:
    """The rule of one measured item as rows (condition in words, score), first match wins."""
    context: dict[str, Any] = {"type": measure.type, "rows": []}
    rows: list[dict[str, Any]] = context["rows"]
    kind = measure.type
    if kind == "ratio":
        context["numerator"], context["denominator"] = measure.numerator, measure.denominator
        rows += _banded_rows(measure)
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
        rows += _banded_rows(measure, "%")
    elif kind == "phases":
        assert measure.phases is not None
        context["phases"] = measure.phases
        rows += _phase_rows(measure.thresholds, measure.phases)
        context["rated_directly"] = sorted(set(range(1, 6)) - {r["score"] for r in rows})
    elif kind == "team_assignment":
        context["separate_programme_score"] = measure.separate_programme_score
        context["max_teams"] = measure.max_teams
        context["weak_integration_score"] = measure.weak_integration_score
        rows += _banded_rows(measure, "%")
    elif kind == "components":
        context["components"] = [{"id": c.id, "text": c.text} for c in measure.components]
        rows += _component_rows(measure.score_by_count)
    elif kind == "days":
        rows += _day_rows(measure)
    elif kind == "specialist_contacts":
        small = measure.small_caseload
        assert small is not None
        context["small_caseload"] = {
            "fewer_than": show(small.fewer_than),
            "contacts_per_person": show(small.contacts_per_person),
            "score": small.score,
        }
        rows += _banded_rows(measure, unit=" contacts a week")
        context["caps"] = [{"tracking": t, "cap": c} for t, c in measure.tracking_caps]
    elif kind == "specialist_percentage":
        rows += _banded_rows(measure, "%")
    elif kind != "specialist_ratings":
        raise PluginError(f"no words for the measure type {kind!r}: extend scale_pages.py")
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


def _banded_rows(measure: Measure, unit: str = "") -> list[dict[str, Any]]:
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


def _phase_rows(thresholds: tuple[Threshold, ...], phases: int) -> list[dict[str, Any]]:
    """Phases are whole numbers, so each band is a plain range such as '1 to 4 phases'."""
    rows: list[dict[str, Any]] = []
    upper = phases
    for threshold in thresholds:
        if threshold.comparison != "at_least" or threshold.value.denominator != 1:
            raise PluginError("phase bands must use at_least with whole numbers")
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


def _component_rows(score_by_count: tuple[int, ...]) -> list[dict[str, Any]]:
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


def _day_rows(measure: Measure) -> list[dict[str, Any]]:
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


def _rounding_example(scores: tuple[int, ...]) -> str:
    """'the mean of 2, 3 and 3 is 2.67, which gives 3', worked out by the scorer's own code."""
    average = mean([Fraction(s) for s in scores])
    listed = ", ".join(str(s) for s in scores[:-1]) + f" and {scores[-1]}"
    return f"the mean of {listed} is {show(average)}, which gives {round_half_up(average)}"


# --- the Centre of Excellence rules, with worked dates -----------------------------------


def _centre_rules(data: dict[str, Any], scale: Scale) -> dict[str, Any]:
    """The Centre rules from scale.yaml, with the examples worked out by the scorer itself."""
    rules = scale.centre_rules
    years, grace, window = rules.years, rules.grace_months, rules.renewal_window_months
    threshold = rules.threshold
    reviewed = datetime.date(2023, 5, 1)
    review = {"date": reviewed.isoformat(), "score": threshold + 8}
    history = {"reviews": [{**review, "invited": reviewed.isoformat()}]}
    last_day = add_years(reviewed, years)
    on_last = centre_status(history, last_day, rules)
    after = centre_status(history, last_day + datetime.timedelta(days=1), rules)
    uninvited = centre_status({"reviews": [review]}, reviewed, rules)
    if (on_last["status"], after["status"], uninvited["status"]) != (
        "centre",
        "lapsed",
        "eligible",
    ):
        raise PluginError("the scorer's Centre status disagrees with the published example")
    leap = datetime.date(2024, 2, 29)
    month_end = datetime.date(2026, 11, 30)
    return {
        "threshold": threshold,
        "years": years,
        "grace_months": grace,
        "renewal_window_months": window,
        "window_starts_months": 12 * years - window,
        "example": {
            "reviewed": reviewed.isoformat(),
            "score": threshold + 8,
            "last_day": on_last["valid_until"],
            "lapsed_on": (last_day + datetime.timedelta(days=1)).isoformat(),
            "renewal_from": add_months(reviewed, 12 * years - window).isoformat(),
        },
        "leap": {"from": leap.isoformat(), "to": add_years(leap, years).isoformat()},
        "month_end": {
            "from": month_end.isoformat(),
            "to": add_months(month_end, grace).isoformat(),
        },
    }
