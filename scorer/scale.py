"""The scale as frozen values, and the schema check that builds them from plain data.

The data comes from scale/ (YAML, on CPython) or from scale.json (in the browser); both go
through `parse_scale`, so a scale that loads in one runtime loads identically in the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise
from typing import Any

from .errors import quote as _kind
from .improve_part import parse_improve
from .scale_values import (
    COMPARISONS as COMPARISONS,
)
from .scale_values import (
    MEASURE_TYPES as MEASURE_TYPES,
)
from .scale_values import (
    TRACKING as TRACKING,
)
from .scale_values import (
    Band as Band,
)
from .scale_values import (
    CentreRules as CentreRules,
)
from .scale_values import (
    Component as Component,
)
from .scale_values import (
    Floor as Floor,
)
from .scale_values import (
    Item as Item,
)
from .scale_values import (
    Measure as Measure,
)
from .scale_values import (
    PathT as PathT,
)
from .scale_values import (
    Principle as Principle,
)
from .scale_values import (
    Scale as Scale,
)
from .scale_values import (
    SmallCaseload as SmallCaseload,
)
from .scale_values import (
    Threshold as Threshold,
)
from .schema import Node

# --- the schema check -------------------------------------------------------------------


def parse_scale(data: Mapping[str, Any]) -> Scale:
    """Check every rule the scorer relies on; the first problem found is raised with its path."""
    root = Node(data, ()).mapping(
        ("name", "max_total", "centre_of_excellence", "principles", "bands", "items"),
        ("format", "version", "points_per_item"),
    )
    if root.has("format") and root["format"].value != "ips-fidelity-scale":
        raise root["format"].fail("expected 'ips-fidelity-scale'")
    principles = tuple(_principle(n) for n in root["principles"].entries())
    _unique(root["principles"], [p.id for p in principles], "principle id")
    principle_ids = {p.id for p in principles}
    items = tuple(_item(n, principle_ids) for n in root["items"].entries())
    _unique(root["items"], [i.id for i in items], "item id")
    for index, item in enumerate(items, start=1):
        if item.number != index:
            raise root["items"][index - 1]["number"].fail(
                f"item {item.id!r} is number {item.number} but is item {index} in order "
                "(numbers must run 1, 2, 3, ... in file order)"
            )
    used = {item.principle for item in items}
    for node, principle in zip(root["principles"].entries(), principles, strict=True):
        if principle.id not in used:
            raise node.fail(f"principle {principle.id!r} has no items")
    max_total = root["max_total"].whole()
    if max_total != 5 * len(items):
        raise root["max_total"].fail(f"{max_total} is not 5 x {len(items)} items")
    bands = _bands(root["bands"], len(items), max_total)
    centre = root["centre_of_excellence"].mapping(
        ("threshold", "years", "grace_months", "renewal_window_months")
    )
    threshold = centre["threshold"].whole(len(items), max_total)
    years = centre["years"].whole(1)
    rules = CentreRules(
        threshold=threshold,
        years=years,
        grace_months=centre["grace_months"].whole(1),
        renewal_window_months=centre["renewal_window_months"].whole(1, 12 * years),
    )
    return Scale(
        name=root["name"].text(),
        items=items,
        principles=principles,
        bands=bands,
        max_total=max_total,
        centre_threshold=threshold,
        centre_rules=rules,
    )


def _unique(node: Node, values: list[str], what: str) -> None:
    """Ids must be unique; the error points at the second `id:` line."""
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            raise node[index]["id"].fail(f"duplicate {what} {value!r}")
        seen.add(value)


def _principle(node: Node) -> Principle:
    node.mapping(("id", "title", "summary"))
    return Principle(node["id"].slug(), node["title"].text(), node["summary"].text())


def _bands(node: Node, count: int, max_total: int) -> tuple[Band, ...]:
    bands: list[Band] = []
    for entry in node.entries():
        entry.mapping(("id", "label", "min", "max"))
        band = Band(
            entry["id"].slug(), entry["label"].text(), entry["min"].whole(), entry["max"].whole()
        )
        if band.min > band.max:
            raise entry.fail(f"min {band.min} is above max {band.max}")
        expected_max = max_total if not bands else bands[-1].min - 1
        if band.max != expected_max:
            raise entry["max"].fail(
                f"bands must run highest first without gaps or overlaps: expected max {expected_max}"
            )
        bands.append(band)
    if bands[-1].min != count:
        raise node[len(bands) - 1]["min"].fail(
            f"the lowest band must start at {count}, the lowest total"
        )
    _unique(node, [b.id for b in bands], "band id")
    return tuple(bands)


def _item(node: Node, principles: set[str]) -> Item:
    node.mapping(
        (
            "number",
            "id",
            "title",
            "principle",
            "summary",
            "definition",
            "evidence_to_gather",
            "anchors",
            "improve",
        ),
        ("measure", "reading", "search_terms", "rule_note"),
    )
    anchors_node = node["anchors"]
    if not isinstance(anchors_node.value, Mapping):
        raise anchors_node.fail(
            f"expected a mapping of scores 1-5, found {_kind(anchors_node.value)}"
        )
    # YAML gives the anchor scores as numbers, JSON (the browser's copy) as strings.
    by_score = {int(k) if isinstance(k, str) and k.isdigit() else k: k for k in anchors_node.value}
    for score, key in by_score.items():
        if score not in (1, 2, 3, 4, 5):
            raise anchors_node.fail(f"unknown anchor {key!r}: anchors are 1, 2, 3, 4 and 5", key)
    anchors = {}
    for score in range(1, 6):
        if score not in by_score:
            raise anchors_node.fail(f"missing anchor {score}")
        anchors[score] = anchors_node[by_score[score]].text()
    principle = node["principle"].slug()
    if principle not in principles:
        raise node["principle"].fail(f"unknown principle {principle!r}")
    measure = _measure(node["measure"]) if node.has("measure") else None
    reading = node["reading"].text() if node.has("reading") else None
    if measure is not None and reading is None:
        raise node.fail("a measured item needs a 'reading' that explains its scoring rule")
    return Item(
        number=node["number"].whole(1),
        id=node["id"].slug(),
        title=node["title"].text(),
        principle=principle,
        summary=node["summary"].text(),
        definition=node["definition"].text(),
        evidence_to_gather=tuple(n.text() for n in node["evidence_to_gather"].entries()),
        anchors=anchors,
        measure=measure,
        reading=reading,
        improve=parse_improve(node["improve"], measured=measure is not None),
        search_terms=tuple(n.text() for n in node["search_terms"].entries())
        if node.has("search_terms")
        else (),
        rule_note=node["rule_note"].text() if node.has("rule_note") else None,
    )


_MEASURE_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ratio": (("bands", "otherwise", "numerator", "denominator"), ()),
    "percentage": (("bands", "otherwise"), ("floor",)),
    "phases": (("bands", "phases"), ()),
    "team_assignment": (
        ("bands", "otherwise", "separate_programme_score", "max_teams", "weak_integration_score"),
        (),
    ),
    "components": (("components", "score_by_count"), ()),
    "days": (("bands", "otherwise"), ()),
    "specialist_contacts": (("bands", "otherwise", "small_caseload", "tracking_caps"), ()),
    "specialist_ratings": ((), ()),
    "specialist_percentage": (("bands", "otherwise"), ()),
}


def _measure(node: Node) -> Measure:
    node.mapping(("type",), tuple(k for keys in _MEASURE_KEYS.values() for k in keys[0] + keys[1]))
    kind = node["type"].value
    if kind not in MEASURE_TYPES:
        raise node["type"].fail(f"unknown measure type {kind!r}; known: {', '.join(MEASURE_TYPES)}")
    required, optional = _MEASURE_KEYS[kind]
    node.mapping(("type", *required), optional)
    fields: dict[str, Any] = {"type": kind}
    if "bands" in required:
        fields["thresholds"] = _thresholds(node["bands"], allow_requires=kind == "days")
    if "otherwise" in required:
        fields["otherwise"] = node["otherwise"].whole(1, 5)
        lowest = fields["thresholds"][-1].score
        if fields["otherwise"] >= lowest and kind != "team_assignment":
            raise node["otherwise"].fail(
                f"{fields['otherwise']} must be below the last band's score {lowest}"
            )
    if kind == "ratio":
        fields["numerator"] = node["numerator"].name()
        fields["denominator"] = node["denominator"].name()
    if kind == "percentage" and node.has("floor"):
        floor = node["floor"].mapping(("field", "minimum", "score"))
        fields["floor"] = Floor(
            floor["field"].name(), floor["minimum"].number(), floor["score"].whole(1, 5)
        )
    if kind == "phases":
        fields["phases"] = node["phases"].whole(1)
    if kind == "team_assignment":
        fields["separate_programme_score"] = node["separate_programme_score"].whole(1, 5)
        fields["max_teams"] = node["max_teams"].whole(1)
        fields["weak_integration_score"] = node["weak_integration_score"].whole(1, 5)
    if kind == "components":
        components = []
        for entry in node["components"].entries():
            entry.mapping(("id", "text"))
            components.append(Component(entry["id"].slug(), entry["text"].text()))
        _unique(node["components"], [c.id for c in components], "component id")
        scores = [n.whole(1, 5) for n in node["score_by_count"].entries()]
        if len(scores) != len(components) + 1:
            raise node["score_by_count"].fail(
                f"needs {len(components) + 1} scores (for 0 to {len(components)} components), found {len(scores)}"
            )
        if any(b < a for a, b in pairwise(scores)) or scores[-1] != 5:
            raise node["score_by_count"].fail(
                "scores must never fall as the count rises, and end at 5"
            )
        fields["components"] = tuple(components)
        fields["score_by_count"] = tuple(scores)
    if kind == "specialist_contacts":
        small = node["small_caseload"].mapping(("fewer_than", "contacts_per_person", "score"))
        fields["small_caseload"] = SmallCaseload(
            small["fewer_than"].number(),
            small["contacts_per_person"].number(),
            small["score"].whole(1, 5),
        )
        caps = node["tracking_caps"].mapping(TRACKING)
        fields["tracking_caps"] = tuple((level, caps[level].whole(1, 5)) for level in TRACKING)
    return Measure(**fields)


def _thresholds(node: Node, *, allow_requires: bool) -> tuple[Threshold, ...]:
    out: list[Threshold] = []
    for entry in node.entries():
        optional = ("requires", "without_it") if allow_requires else ()
        entry.mapping(("score",), (*COMPARISONS, *optional))
        given = [c for c in COMPARISONS if c in entry.value]
        if len(given) != 1:
            raise entry.fail("each band needs exactly one of at_least, above, at_most or below")
        threshold = Threshold(
            score=entry["score"].whole(1, 5),
            comparison=given[0],
            value=entry[given[0]].number(),
            requires=entry["requires"].name() if entry.has("requires") else None,
            without_it=entry["without_it"].whole(1, 5) if entry.has("without_it") else None,
        )
        if (threshold.requires is None) != (threshold.without_it is None):
            raise entry.fail("'requires' and 'without_it' go together")
        if out:
            previous = out[-1]
            if threshold.score >= previous.score:
                raise entry["score"].fail(
                    f"scores must fall down the list: {threshold.score} after {previous.score}"
                )
            upward = previous.comparison in ("at_least", "above")
            if upward != (threshold.comparison in ("at_least", "above")):
                raise entry.fail("all bands of one rule must compare in the same direction")
            if (upward and threshold.value > previous.value) or (
                not upward and threshold.value < previous.value
            ):
                raise entry[given[0]].fail(
                    f"threshold out of order: {threshold.value} after {previous.value}"
                )
        out.append(threshold)
    return tuple(out)


# --- where the scale lives on CPython ---------------------------------------------------
