"""The rules the planning tools apply, read from scale/ and checked into frozen values.

Nothing the tools compare against is written in code: commitments, deadlines and break rules come
from review.yaml, the order of the review steps, the lunch window, the supervision ratio and the
usual months of operation from planning.yaml, the Centre rules from scale.yaml, and the caseload
limit and supervisor roles from items 1 and 8. The browser receives the same plain dict as
planning.json (written at build time), so both runtimes check it with this same code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import ScaleError
from ..errors import quote as _kind
from ..exact import exact, is_number
from ..scale import Component, Item, Scale
from ..schema import Node

FORMAT = "ips-fidelity-planning"
VERSION = 1
PARTIES = ("reviewer", "service")
POINTS = ("review-start", "review-end", "report-final", "feedback")
UNITS = ("days", "weeks", "months")
KINDS = ("by", "on", "within", "around")
PathT = tuple[str | int, ...]


# --- the rules ------------------------------------------------------------------------------


@dataclass(frozen=True)
class When:
    """When a commitment falls due, measured from a point of the review (see review.yaml)."""

    relative_to: str
    offset: int
    unit: str
    kind: str


@dataclass(frozen=True)
class Step:
    """One commitment of the partnership agreement, placed in its stage."""

    id: str
    party: str
    text: str
    when: When | None
    stage: str


@dataclass(frozen=True)
class Stage:
    id: str
    label: str


@dataclass(frozen=True)
class ReviewRules:
    duration_days: int
    stages: tuple[Stage, ...]
    steps: tuple[Step, ...]
    review_days_step: str
    points: Mapping[str, str]
    parties: Mapping[str, str]
    support_max_items: int
    support_months: int


@dataclass(frozen=True)
class Group:
    """A stakeholder group the review interviews."""

    id: str
    label: str


@dataclass(frozen=True)
class TimetableRules:
    days: int
    min_gap: int
    morning_break: int
    afternoon_break: int
    lunch: int
    lunch_from: int  # minutes after midnight
    lunch_to: int
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class WorkforceRules:
    caseload_item: Item
    max_caseload: Fraction
    supervisor_item: Item
    component: Component
    specialists_per_supervisor: int
    supervision_step: Fraction  # supervisor time is rounded up to a multiple of this (FTE)
    score_by_count: tuple[int, ...]


@dataclass(frozen=True)
class ReadinessRules:
    usual_from_months: int
    usual_to_months: int
    threshold: int
    lowest_total: int
    max_total: int
    years: int
    grace_months: int
    renewal_window_months: int


@dataclass(frozen=True)
class Planning:
    review: ReviewRules
    timetable: TimetableRules
    workforce: WorkforceRules
    readiness: ReadinessRules


# --- reading plain data with paths ----------------------------------------------------------


class _Node(Node):
    """The shared schema reader, plus the few kinds of value only the planning rules have."""

    def choice(self, choices: tuple[str, ...]) -> str:
        if self.value not in choices:
            raise self.fail(f"expected one of {', '.join(choices)}, found {_kind(self.value)}")
        return str(self.value)

    def clock(self) -> int:
        """'HH:MM' as minutes after midnight."""
        minutes = clock_minutes(self.value)
        if minutes is None:
            raise self.fail(f"expected a time written HH:MM, found {_kind(self.value)}")
        return minutes

    def names(self) -> list[str]:
        if not isinstance(self.value, Mapping) or not self.value:
            raise self.fail(f"expected a non-empty mapping, found {_kind(self.value)}")
        return [str(k) for k in self.value]


def clock_minutes(value: object) -> int | None:
    """'09:05' -> 545; None unless it is a 24-hour time written HH:MM."""
    if not isinstance(value, str) or len(value) != 5 or value[2] != ":":
        return None
    hours, minutes = value[:2], value[3:]
    if not (hours.isdigit() and minutes.isdigit() and hours.isascii() and minutes.isascii()):
        return None
    if int(hours) > 23 or int(minutes) > 59:
        return None
    return int(hours) * 60 + int(minutes)


# --- checking ------------------------------------------------------------------------------


def parse_planning(data: Mapping[str, Any], scale: Scale) -> Planning:
    """Every rule the tools rely on, checked; the first problem is raised with its path."""
    root = _Node(data, ())
    if not isinstance(data, Mapping):
        raise root.fail(f"expected a mapping, found {_kind(data)}")
    if data.get("format", FORMAT) != FORMAT:
        raise root["format"].fail(f"expected {FORMAT!r}")
    review = root["review"]
    planning = root["planning"]
    return Planning(
        review=_review(review, planning["review_plan"]),
        timetable=_timetable(review, planning["timetable"]),
        workforce=_workforce(planning["workforce"], scale),
        readiness=_readiness(planning["readiness"], root["centre_of_excellence"], scale),
    )


def _review(review: _Node, plan: _Node) -> ReviewRules:
    by_id: dict[str, tuple[str, _Node]] = {}
    for party in PARTIES:
        for node in review["commitments"][party].entries():
            step_id = node["id"].slug()
            if step_id in by_id:
                raise node["id"].fail(f"duplicate commitment id {step_id!r}")
            by_id[step_id] = (party, node)
    points = plan["points"]
    labels = {key: points[key].text() for key in points.names()}
    for key in labels:
        if key not in POINTS:
            raise points[key].fail(f"unknown point {key!r}; known: {', '.join(POINTS)}")
    stages: list[Stage] = []
    steps: list[Step] = []
    for node in plan["stages"].entries():
        stage = Stage(node["id"].slug(), node["label"].text())
        stages.append(stage)
        for entry in node["steps"].entries():
            step_id = entry.slug()
            if step_id not in by_id:
                raise entry.fail(f"{step_id!r} is not a commitment in review.yaml")
            if any(s.id == step_id for s in steps):
                raise entry.fail(f"{step_id!r} is listed twice")
            party, source = by_id[step_id]
            steps.append(
                Step(step_id, party, source["text"].text(), _when(source, labels), stage.id)
            )
    missing = [step_id for step_id in by_id if all(s.id != step_id for s in steps)]
    if missing:
        raise plan["stages"].fail(f"every commitment needs a stage; missing: {', '.join(missing)}")
    parties = {party: plan["parties"][party].text() for party in PARTIES}
    days_step = plan["review_days_step"].slug()
    if days_step not in by_id:
        raise plan["review_days_step"].fail(f"{days_step!r} is not a commitment in review.yaml")
    support = review["technical_support"]
    return ReviewRules(
        duration_days=review["duration_days"].whole(1),
        stages=tuple(stages),
        steps=tuple(steps),
        review_days_step=days_step,
        points=labels,
        parties=parties,
        support_max_items=support["max_items"].whole(1),
        support_months=support["months"].whole(1),
    )


def _when(commitment: _Node, labels: Mapping[str, str]) -> When | None:
    if not isinstance(commitment.value, Mapping) or commitment.value.get("when") is None:
        return None
    node = commitment["when"]
    when = When(
        relative_to=node["relative_to"].choice(POINTS),
        offset=node["offset"].whole(),
        unit=node["unit"].choice(UNITS),
        kind=node["kind"].choice(KINDS),
    )
    if when.relative_to not in labels:
        raise node["relative_to"].fail(f"planning.yaml names no label for {when.relative_to!r}")
    if when.kind in ("within", "around") and when.offset < 0:
        raise node["offset"].fail(f"a '{when.kind}' period cannot run backwards")
    return when


def _timetable(review: _Node, plan: _Node) -> TimetableRules:
    rules = review["timetable_rules"]
    window = plan["lunch_window"]
    lunch_from, lunch_to = window["from"].clock(), window["to"].clock()
    if lunch_from >= lunch_to:
        raise window["to"].fail("the lunch window must end after it starts")
    groups: list[Group] = []
    for node in review["interviews_with"].entries():
        group = Group(node["id"].slug(), node["label"].text())
        if any(g.id == group.id for g in groups):
            raise node["id"].fail(f"duplicate group id {group.id!r}")
        groups.append(group)
    return TimetableRules(
        days=review["duration_days"].whole(1),
        min_gap=rules["minutes_between_interviews"].whole(0),
        morning_break=rules["morning_break_minutes"].whole(0),
        afternoon_break=rules["afternoon_break_minutes"].whole(0),
        lunch=rules["lunch_minutes"].whole(0),
        lunch_from=lunch_from,
        lunch_to=lunch_to,
        groups=tuple(groups),
    )


def _workforce(plan: _Node, scale: Scale) -> WorkforceRules:
    caseload_item = _item(plan["caseload_item"], scale)
    measure = caseload_item.measure
    if measure is None or measure.type != "ratio" or not measure.thresholds:
        raise plan["caseload_item"].fail(f"{caseload_item.id!r} has no ratio measure")
    top = measure.thresholds[0]
    if top.score != 5 or top.comparison != "at_most":
        raise plan["caseload_item"].fail(
            f"{caseload_item.id!r} must score 5 for a ratio 'at_most' a limit"
        )
    supervision = plan["supervision"]
    supervisor_item = _item(supervision["item"], scale)
    supervisor_measure = supervisor_item.measure
    if supervisor_measure is None or supervisor_measure.type != "components":
        raise supervision["item"].fail(f"{supervisor_item.id!r} is not scored by components")
    component_id = supervision["component"].slug()
    found = [c for c in supervisor_measure.components if c.id == component_id]
    if not found:
        raise supervision["component"].fail(
            f"{supervisor_item.id!r} has no component {component_id!r}"
        )
    return WorkforceRules(
        caseload_item=caseload_item,
        max_caseload=top.value,
        supervisor_item=supervisor_item,
        component=found[0],
        specialists_per_supervisor=supervision["specialists_per_supervisor_fte"].whole(1),
        supervision_step=_step_fte(supervision["rounded_up_to_fte"]),
        score_by_count=supervisor_measure.score_by_count,
    )


def _step_fte(node: _Node) -> Fraction:
    step = node.number()
    if not 0 < step <= 1:
        raise node.fail(f"expected a part of a full-time post above 0 and up to 1, found {step}")
    return step


def _item(node: _Node, scale: Scale) -> Item:
    item = scale.find(node.value)
    if item is None:
        raise node.fail(f"unknown item {node.value!r}")
    return item


def _readiness(plan: _Node, centre: _Node, scale: Scale) -> ReadinessRules:
    months = plan["months_operating"]
    usual_from = months["usual_from"].whole(1)
    usual_to = months["usual_to"].whole(usual_from)
    threshold = centre["threshold"].whole(1)
    if threshold != scale.centre_threshold:
        raise centre["threshold"].fail("differs from the scale's own threshold")
    return ReadinessRules(
        usual_from_months=usual_from,
        usual_to_months=usual_to,
        threshold=threshold,
        lowest_total=len(scale.items),
        max_total=scale.max_total,
        years=centre["years"].whole(1),
        grace_months=centre["grace_months"].whole(1),
        renewal_window_months=centre["renewal_window_months"].whole(1),
    )


def to_fraction(value: object) -> Fraction | None:
    """A JSON number as an exact fraction; None for anything else (booleans included)."""
    return exact(value) if is_number(value) else None  # type: ignore[arg-type]


# --- where the data comes from ---------------------------------------------------------------


def load_planning_data(directory: Path) -> dict[str, Any]:
    """review.yaml, planning.yaml and scale.yaml's Centre rules as one plain dict, checked first.

    CPython only (it reads YAML). A mistake is reported at the file and line where it is.
    """
    from ..scale_files import Locator, load_scale, load_yaml_file

    directory = Path(directory)
    locator = Locator()
    review, _ = load_yaml_file(directory / "review.yaml", ("review",), locator)
    planning, _ = load_yaml_file(directory / "planning.yaml", ("planning",), locator)
    top, top_places = load_yaml_file(directory / "scale.yaml")
    for path, place in top_places.places.items():
        if path[:1] == ("centre_of_excellence",):
            locator.places[path] = place
    data = {
        "format": FORMAT,
        "version": VERSION,
        "review": review,
        "planning": planning,
        "centre_of_excellence": top.get("centre_of_excellence") if isinstance(top, dict) else None,
    }
    try:
        parse_planning(data, load_scale(directory))
    except ScaleError as error:
        raise locator.error(error) from None
    return data


@cache
def default_planning() -> Planning:
    """The repository's planning rules (CPython), loaded once per process."""
    from ..scale_files import default_scale, scale_directory

    return parse_planning(load_planning_data(scale_directory()), default_scale())


def command_planning(scale: Scale) -> Planning:
    """The repository's planning rules for the command line, checked against `scale`.

    A mistake in scale/ ends the program with status 1 and the file and line, as for the scale.
    """
    from ..scale_files import scale_directory

    try:
        return parse_planning(load_planning_data(scale_directory()), scale)
    except ScaleError as error:
        raise SystemExit(f"ips-fidelity: the planning data cannot be loaded: {error}") from None
