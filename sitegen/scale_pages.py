"""The scale's pages, made from scale/: the scale at a glance, how scores are calculated, and
one guidance page per item, with the item pages' place in the navigation.

Every number on these pages (anchors, thresholds, components, bands, the Centre rules) is read
from scale/, and the scoring rules in words are built from the same measure data the scorer uses.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from scorer.centres import centre_status
from scorer.dates import add_months, add_years
from scorer.errors import ScaleError
from scorer.exact import mean, round_half_up, show
from scorer.result import ACTION_PLAN_LENGTH
from scorer.scale import Item, Scale, parse_scale
from scorer.scale_files import load_scale_data
from sitegen.errors import BuildError
from sitegen.improve import improve_context
from sitegen.rule_rows import measure_context
from sitegen.templates import environment, render

SCALE_SECTION_INDEX = "scale/index.md"


@dataclass(frozen=True)
class LoadedScale:
    """scale/ checked once per build: the scale as values, and as the plain data it came from."""

    scale: Scale
    data: dict[str, Any]


def load(folder: Path) -> LoadedScale:
    """Load and check scale/; a mistake stops the build with file and line."""
    try:
        data = load_scale_data(folder)
        return LoadedScale(parse_scale(data), data)
    except ScaleError as error:
        raise BuildError(str(error)) from None


# --- the item page ----------------------------------------------------------------------------


def item_context(item: Item) -> dict[str, Any]:
    """What item.md.j2 gets as `item`, apart from its links to the pages around it (item_pages).

    Anything new an item page shows about its item is one more entry here.
    """
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
        "measure": measure_context(item.measure) if item.measure else None,
        "improve": improve_context(item),
        "search_terms": list(item.search_terms),
        "rule_note": item.rule_note,
    }


def item_pages(scale: Scale) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every item's context, linked to its principle and the items before and after it, and the
    principles with their items (for the scale at a glance)."""
    items = [item_context(item) for item in scale.items]
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
    return items, principles


def scale_pages(loaded: LoadedScale) -> dict[str, str]:
    """Each page's path in the site's sources and its Markdown: the 25 item pages, then the
    scale at a glance and how scores are calculated."""
    scale = loaded.scale
    env = environment()
    env.globals["rounding"] = {"examples": [rounding_example(s) for s in ((2, 3, 3), (3, 4))]}
    items, principles = item_pages(scale)
    pages = {
        f"scale/items/{item['id']}.md": render(env, "item.md.j2", item=item, scale=scale)
        for item in items
    }
    common = {
        "scale": scale,
        "principles": principles,
        "items": items,
        "centre": centre_rules(scale),
        "action_plan_length": ACTION_PLAN_LENGTH,
    }
    pages["scale/index.md"] = render(env, "scale-index.md.j2", **common)
    pages["scale/scoring.md"] = render(env, "scoring.md.j2", **common)
    return pages


def rounding_example(scores: tuple[int, ...]) -> str:
    """'the mean of 2, 3 and 3 is 2.67, which gives 3', worked out by the scorer's own code."""
    average = mean([Fraction(s) for s in scores])
    listed = ", ".join(str(s) for s in scores[:-1]) + f" and {scores[-1]}"
    return f"the mean of {listed} is {show(average)}, which gives {round_half_up(average)}"


# --- the navigation ---------------------------------------------------------------------------


def add_items_to_nav(nav: list[Any], scale: Scale) -> None:
    """Append one section per principle to the nav section that holds scale/index.md.

    `nav` is the navigation as written in the configuration: lists of page paths and
    one-key {title: entries} mappings. Adding twice changes nothing (a live-reloading server
    may keep the configuration between builds)."""
    section = _find_section(nav)
    if section is None:
        raise BuildError(
            f"mkdocs.yml: the nav needs a section containing {SCALE_SECTION_INDEX}; "
            "the item pages are added to it"
        )
    if any(isinstance(entry, dict) and _is_items_section(entry) for entry in section):
        return
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


# --- the Centre of Excellence rules, with worked dates -----------------------------------


def centre_rules(scale: Scale) -> dict[str, Any]:
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
        raise BuildError("the scorer's Centre status disagrees with the published example")
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
