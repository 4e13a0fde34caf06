"""The scale's frozen values: items, their measures and thresholds, principles, bands and the
Centre of Excellence rules. `scorer.scale` builds them from plain data and re-exports them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .improve_part import Improve

PathT = tuple[str | int, ...]

COMPARISONS = ("at_least", "above", "at_most", "below")
MEASURE_TYPES = (
    "ratio",
    "percentage",
    "phases",
    "team_assignment",
    "components",
    "days",
    "specialist_contacts",
    "specialist_ratings",
    "specialist_percentage",
)
TRACKING = ("none", "monthly", "weekly")


@dataclass(frozen=True)
class Threshold:
    """One line of a rule: `score` when the figure is (at_least | above | at_most | below) `value`."""

    score: int
    comparison: str
    value: Fraction
    requires: str | None = None
    without_it: int | None = None

    def matches(self, figure: Fraction) -> bool:
        if self.comparison == "at_least":
            return figure >= self.value
        if self.comparison == "above":
            return figure > self.value
        if self.comparison == "at_most":
            return figure <= self.value
        return figure < self.value


@dataclass(frozen=True)
class Component:
    id: str
    text: str


@dataclass(frozen=True)
class Floor:
    """A minimum count below which the item scores `score` whatever else the evidence says."""

    field: str
    minimum: Fraction
    score: int


@dataclass(frozen=True)
class SmallCaseload:
    fewer_than: Fraction
    contacts_per_person: Fraction
    score: int


@dataclass(frozen=True)
class Measure:
    """How evidence becomes a rating for one item. Only the fields its `type` uses are set."""

    type: str
    thresholds: tuple[Threshold, ...] = ()
    otherwise: int | None = None
    components: tuple[Component, ...] = ()
    score_by_count: tuple[int, ...] = ()
    floor: Floor | None = None
    phases: int | None = None
    separate_programme_score: int | None = None
    max_teams: int | None = None
    weak_integration_score: int | None = None
    small_caseload: SmallCaseload | None = None
    tracking_caps: tuple[tuple[str, int], ...] = ()
    numerator: str | None = None
    denominator: str | None = None

    def component_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.components)

    def cap_for(self, tracking: str) -> int:
        return dict(self.tracking_caps)[tracking]


@dataclass(frozen=True)
class Item:
    number: int
    id: str
    title: str
    principle: str
    summary: str
    definition: str
    evidence_to_gather: tuple[str, ...]
    anchors: Mapping[int, str]
    measure: Measure | None
    reading: str | None
    improve: Improve
    search_terms: tuple[str, ...] = ()  # words people search for that the page may not use
    rule_note: str | None = None  # what the item page adds to its rule table: the site's reading


@dataclass(frozen=True)
class Principle:
    id: str
    title: str
    summary: str


@dataclass(frozen=True)
class Band:
    id: str
    label: str
    min: int
    max: int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "min": self.min, "max": self.max}


@dataclass(frozen=True)
class CentreRules:
    """How long Centre of Excellence status lasts, from scale.yaml's centre_of_excellence."""

    threshold: int = 100
    years: int = 3
    grace_months: int = 3
    renewal_window_months: int = 6


@dataclass(frozen=True)
class Scale:
    name: str
    items: tuple[Item, ...]
    principles: tuple[Principle, ...]
    bands: tuple[Band, ...]
    max_total: int
    centre_threshold: int
    centre_rules: CentreRules

    def item(self, key: str | int) -> Item:
        """An item by id or number (1-25, as int or digit string); KeyError if there is none."""
        found = self.find(key)
        if found is None:
            raise KeyError(key)
        return found

    def find(self, key: object) -> Item | None:
        if isinstance(key, bool):
            return None
        if isinstance(key, str) and key.isdigit() and key.isascii():
            key = int(key)
        for item in self.items:
            if key == item.id or key == item.number:
                return item
        return None

    def band_for(self, total: int) -> Band:
        for band in self.bands:
            if band.min <= total <= band.max:
                return band
        raise ValueError(f"total {total} is outside every band")

    def next_band(self, band: Band) -> Band | None:
        index = self.bands.index(band)
        return self.bands[index - 1] if index > 0 else None
