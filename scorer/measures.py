"""Evidence -> rating: the published reading of every measured item of the scale.

Each measure reads the raw figures a service collects, checks them (collecting every problem,
so a person fixes them all at once), and returns the rating with the rule that produced it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .errors import AssessmentError, Problem, name
from .errors import quote as _kind
from .evidence import EvidenceReader
from .exact import mean, round_half_up, show
from .rule_words import condition_words, opposite_words
from .scale import TRACKING, Item, Measure


@dataclass(frozen=True)
class Derivation:
    """A rating derived from evidence, and the rule that produced it, in words."""

    score: int
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "rule": self.rule}


def explain(item: Item, evidence: object) -> Derivation:
    """The rating `evidence` gives `item`; AssessmentError listing every problem otherwise."""
    if item.measure is None:
        raise AssessmentError(
            [
                Problem(
                    item.id,
                    "evidence",
                    "this item is rated directly (score 1-5); it takes no evidence",
                )
            ]
        )
    reader = EvidenceReader(item, evidence)
    if reader.problems:
        raise AssessmentError(reader.problems)
    derivation = _MEASURES[item.measure.type](reader, item.measure)
    if reader.problems or derivation is None:
        raise AssessmentError(reader.problems)
    return derivation


def _banded(measure: Measure, figure: Fraction, unit: str = "") -> tuple[int, str]:
    """First matching line wins; the `otherwise` score when none does."""
    for threshold in measure.thresholds:
        if threshold.matches(figure):
            return threshold.score, f"{condition_words(threshold, unit)} scores {threshold.score}"
    last = measure.thresholds[-1]
    assert measure.otherwise is not None
    return measure.otherwise, f"{opposite_words(last, unit)} scores {measure.otherwise}"


def _closest(scores: list[int]) -> tuple[int, str]:
    average = mean([Fraction(s) for s in scores])
    point = round_half_up(average)
    listed = ", ".join(str(s) for s in scores)
    if len(scores) == 1:
        return point, f"one specialist: {point}"
    return (
        point,
        f"mean of {listed} is {show(average)}, closest scale point (halves round up) {point}",
    )


# --- the measures -------------------------------------------------------------------------


def _ratio(r: EvidenceReader, m: Measure) -> Derivation | None:
    assert m.numerator and m.denominator
    r.only(m.numerator, m.denominator)
    clients = r.number(m.numerator)
    fte = r.number(m.denominator, positive=True)
    if clients is None or fte is None:
        return None
    ratio = clients / fte
    score, rule = _banded(m, ratio)
    return Derivation(
        score,
        f"{show(clients)} active clients / {show(fte)} FTE specialists = "
        f"{show(ratio)} per specialist; {rule}",
    )


def _percent(r: EvidenceReader, fields: tuple[str, ...]) -> tuple[Fraction, str] | None:
    r.only("percent", "count", "total", *fields)
    form = r.either("percent", ("count", "total"))
    if form == "percent":
        value = r.number("percent", maximum=100)
        return None if value is None else (value, f"{show(value)}%")
    if form == "count":
        count = r.number("count")
        total = r.number("total", positive=True)
        if count is None or total is None:
            return None
        if count > total:
            r.problem(
                "evidence.count", f"count ({show(count)}) cannot be more than total ({show(total)})"
            )
            return None
        value = 100 * count / total
        return value, f"{show(count)} of {show(total)} = {show(value)}%"
    return None


def _percentage(r: EvidenceReader, m: Measure) -> Derivation | None:
    floor = m.floor
    read = _percent(r, (floor.field,) if floor else ())
    jobs = r.number(floor.field) if floor else None
    if read is None or (floor and jobs is None):
        return None
    value, shown = read
    if floor and jobs is not None and jobs < floor.minimum:
        return Derivation(
            floor.score,
            f"{show(jobs)} current jobs, fewer than {show(floor.minimum)}, "
            f"scores {floor.score} whatever the percentage",
        )
    score, rule = _banded(m, value, "%")
    prefix = f"{show(jobs)} current jobs; " if floor and jobs is not None else ""
    return Derivation(score, f"{prefix}{shown}; {rule}")


def _phases(r: EvidenceReader, m: Measure) -> Derivation | None:
    r.only("phases")
    assert m.phases is not None
    phases = r.number("phases", minimum=1, maximum=m.phases, whole=True)
    if phases is None:
        return None
    for threshold in m.thresholds:
        if threshold.matches(phases):
            return Derivation(
                threshold.score,
                f"{show(phases)} of {m.phases} phases; "
                f"{condition_words(threshold)} scores {threshold.score}",
            )
    raise AssertionError("phase bands cover every count from 1")  # checked by parse_scale


def _team_assignment(r: EvidenceReader, m: Measure) -> Derivation | None:
    r.only("separate_programme", "teams", "caseload_from_teams_percent", "organised_in_teams")
    separate = r.flag("separate_programme", False)
    organised = r.flag("organised_in_teams", True)
    teams = r.number("teams", minimum=1, whole=True, required=False)
    percent = r.number("caseload_from_teams_percent", maximum=100, required=False)
    if r.problems:
        return None
    assert m.separate_programme_score and m.weak_integration_score and m.max_teams
    if separate:
        return Derivation(
            m.separate_programme_score,
            "a vocational programme separate from mental health "
            f"treatment scores {m.separate_programme_score}",
        )
    if not organised:
        return Derivation(
            m.weak_integration_score,
            f"mental health practitioners not organised in teams scores {m.weak_integration_score}",
        )
    if teams is None:
        r.problem(
            "evidence.teams",
            "teams is required: how many treatment teams each specialist is attached to",
        )
        return None
    if teams > m.max_teams:
        return Derivation(
            m.weak_integration_score,
            f"attached to {show(teams)} teams, more than "
            f"{m.max_teams}, scores {m.weak_integration_score}",
        )
    if percent is None:
        r.problem(
            "evidence.caseload_from_teams_percent",
            "caseload_from_teams_percent is required: the share of the caseload from those teams",
        )
        return None
    score, rule = _banded(m, percent, "%")
    return Derivation(
        score,
        f"attached to {show(teams)} team(s), {show(percent)}% of the caseload from them; {rule}",
    )


def _components(r: EvidenceReader, m: Measure) -> Derivation | None:
    r.only("present", "count")
    known = m.component_ids()
    form = r.either("present", ("count",))
    if form == "count":
        count = r.number("count", maximum=len(known), whole=True)
        if count is None:
            return None
        number = int(count)
    elif form == "present":
        present = r.data["present"]
        if not isinstance(present, list):
            r.problem(
                "evidence.present", f"present must be a list of component ids, got {_kind(present)}"
            )
            return None
        found: set[str] = set()
        for index, value in enumerate(present):
            if not isinstance(value, str):
                r.problem(
                    f"evidence.present[{index}]", f"a component id must be text, got {_kind(value)}"
                )
            elif value not in known:
                r.problem(
                    f"evidence.present[{index}]",
                    f"unknown component {name(value)}; this item's components are: {', '.join(known)}",
                )
            else:
                found.add(value)
        if r.problems:
            return None
        number = len(found)
    else:
        return None
    score = m.score_by_count[number]
    return Derivation(score, f"{number} of {len(known)} components present scores {score}")


def _days(r: EvidenceReader, m: Measure) -> Derivation | None:
    r.only("average_days", "days", "tracks_employer_contacts")
    tracked = r.flag("tracks_employer_contacts", False)
    form = r.either("average_days", ("days",))
    if form == "average_days":
        days = r.number("average_days")
        shown = "" if days is None else f"average of {show(days)} days"
    elif form == "days":
        values = r.data["days"]
        if not isinstance(values, list) or not values:
            r.problem(
                "evidence.days",
                "days must be a non-empty list of days from programme entry "
                f"to first employer contact, got {_kind(values)}",
            )
            return None
        figures = [r.figure(v, f"evidence.days[{i}]", f"days[{i}]") for i, v in enumerate(values)]
        if any(f is None for f in figures):
            return None
        days = mean([f for f in figures if f is not None])
        shown = f"mean of {len(values)} people's days is {show(days)}"
    else:
        return None
    if days is None or r.problems:
        return None
    for threshold in m.thresholds:
        if threshold.matches(days):
            if threshold.requires and not tracked:
                assert threshold.without_it is not None
                return Derivation(
                    threshold.without_it,
                    f"{shown}; {condition_words(threshold)} scores "
                    f"{threshold.score} only when employer contacts are tracked, so "
                    f"{threshold.without_it}",
                )
            return Derivation(
                threshold.score, f"{shown}; {condition_words(threshold)} scores {threshold.score}"
            )
    assert m.otherwise is not None
    return Derivation(
        m.otherwise, f"{shown}; {opposite_words(m.thresholds[-1])} scores {m.otherwise}"
    )


def _specialist_contacts(r: EvidenceReader, m: Measure) -> Derivation | None:
    r.only("specialists", "tracking")
    tracking = r.data.get("tracking")
    if tracking is None:
        r.problem("evidence.tracking", f"tracking is required: one of {', '.join(TRACKING)}")
    elif tracking not in TRACKING:
        r.problem(
            "evidence.tracking",
            f"tracking must be one of {', '.join(TRACKING)}, got {_kind(tracking)}",
        )
    entries = r.entries("specialists")
    if entries is None:
        return None
    small = m.small_caseload
    assert small is not None
    scores: list[int] = []
    notes: list[str] = []
    for index, entry in enumerate(entries):
        record = r.record("specialists", index, entry, "contacts_per_week", "looking_for_work")
        if record is None:
            continue
        where = f"evidence.specialists[{index}]"
        contacts = r.number("contacts_per_week", data=record, where=where)
        looking = r.number("looking_for_work", data=record, where=where, required=False)
        if contacts is None:
            continue
        if (
            looking is not None
            and looking < small.fewer_than
            and contacts >= small.contacts_per_person * looking
        ):
            score = small.score
            why = (
                f"{show(contacts)} contacts for {show(looking)} people looking for work "
                f"(fewer than {show(small.fewer_than)}, at least {show(small.contacts_per_person)} each)"
            )
        else:
            score, rule = _banded(m, contacts)
            why = f"{show(contacts)} contacts a week, {rule.rsplit(' scores', 1)[0]}"
        scores.append(score)
        notes.append(f"specialist {index + 1}: {why} -> {score}")
    if r.problems or not isinstance(tracking, str):
        return None
    cap = m.cap_for(tracking)
    capped = [min(s, cap) for s in scores]
    if cap < 5 and capped != scores:
        notes.append(f"capped at {cap} because tracking is '{tracking}'")
    point, summary = _closest(capped)
    return Derivation(point, "; ".join([*notes, summary]))


def _specialist_ratings(r: EvidenceReader, m: Measure) -> Derivation | None:
    r.only("specialists")
    entries = r.entries("specialists")
    if entries is None:
        return None
    ratings = [
        r.figure(
            v, f"evidence.specialists[{i}]", f"specialists[{i}]", minimum=1, maximum=5, whole=True
        )
        for i, v in enumerate(entries)
    ]
    if r.problems:
        return None
    point, summary = _closest([int(x) for x in ratings if x is not None])
    return Derivation(point, f"ratings per specialist: {summary}")


def _specialist_percentage(r: EvidenceReader, m: Measure) -> Derivation | None:
    r.only("specialists")
    entries = r.entries("specialists")
    if entries is None:
        return None
    scores: list[int] = []
    notes: list[str] = []
    for index, entry in enumerate(entries):
        record = r.record("specialists", index, entry, "percent")
        if record is None:
            continue
        value = r.number(
            "percent", data=record, where=f"evidence.specialists[{index}]", maximum=100
        )
        if value is None:
            continue
        score, rule = _banded(m, value, "%")
        scores.append(score)
        notes.append(
            f"specialist {index + 1}: {show(value)}%, {rule.rsplit(' scores', 1)[0]} -> {score}"
        )
    if r.problems:
        return None
    point, summary = _closest(scores)
    return Derivation(point, "; ".join([*notes, summary]))


_MEASURES: dict[str, Callable[[EvidenceReader, Measure], Derivation | None]] = {
    "ratio": _ratio,
    "percentage": _percentage,
    "phases": _phases,
    "team_assignment": _team_assignment,
    "components": _components,
    "days": _days,
    "specialist_contacts": _specialist_contacts,
    "specialist_ratings": _specialist_ratings,
    "specialist_percentage": _specialist_percentage,
}
