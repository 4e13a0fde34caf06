"""A self-assessment as given: checked in full before anything is scored.

Every problem is collected and reported together, each naming its item and field, so a
person can fix a file in one pass. An invalid assessment never produces a partial result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .dates import parse_iso
from .errors import AssessmentError, Problem, key_text, name
from .errors import quote as _kind
from .exact import is_whole
from .measures import Derivation, explain
from .scale import Item, Scale

FORMAT = "ips-fidelity-assessment"
VERSION = 1
TOP_FIELDS = ("format", "version", "service", "assessor", "assessed_on", "items")
ITEM_FIELDS = ("score", "evidence", "note")


@dataclass(frozen=True)
class Answer:
    """What the assessor gave for one item: a rating, evidence (already derived), or both."""

    item: Item
    rating: int | None
    derived: Derivation | None
    note: str | None

    @property
    def score(self) -> int | None:
        """Evidence decides when both are given."""
        if self.derived is not None:
            return self.derived.score
        return self.rating

    @property
    def source(self) -> str | None:
        if self.derived is not None:
            return "evidence"
        return "rating" if self.rating is not None else None


@dataclass(frozen=True)
class Assessment:
    service: str | None
    assessor: str | None  # who rated (free text), so a team's files can be told apart
    assessed_on: str | None
    answers: Mapping[str, Answer]  # by item id; unanswered items are absent or have no score


def parse_assessment(data: object, scale: Scale) -> Assessment:
    problems: list[Problem] = []

    def problem(item: str | None, field: str | None, message: str) -> None:
        problems.append(Problem(item, field, message))

    if not isinstance(data, Mapping):
        raise AssessmentError(
            [Problem(None, None, f"an assessment must be an object, got {_kind(data)}")]
        )
    for key in data:
        if key not in TOP_FIELDS:
            problem(
                None,
                key_text(key),
                f"unknown field {name(key)}; an assessment takes: {', '.join(TOP_FIELDS)}",
            )
    if "format" in data and data["format"] != FORMAT:
        problem(None, "format", f"unknown format: got {_kind(data['format'])}; expected {FORMAT!r}")
    if "version" in data and not (is_whole(data["version"]) and data["version"] == VERSION):
        problem(
            None,
            "version",
            f"unknown version: got {_kind(data['version'])}; this scorer reads version {VERSION}",
        )
    service = data.get("service")
    if service is not None and not isinstance(service, str):
        problem(None, "service", f"service must be text, got {_kind(service)}")
    assessor = data.get("assessor")
    if assessor is not None and not isinstance(assessor, str):
        problem(None, "assessor", f"assessor must be text, got {_kind(assessor)}")
    assessed = data.get("assessed_on")
    day = parse_iso(assessed) if assessed is not None else None
    if assessed is not None and day is None:
        problem(
            None,
            "assessed_on",
            f"assessed_on must be a date written YYYY-MM-DD, got {_kind(assessed)}",
        )

    answers: dict[str, Answer] = {}
    entries = data.get("items")
    if entries is not None and not isinstance(entries, Mapping):
        problem(
            None,
            "items",
            f"items must be an object keyed by item id or number, got {_kind(entries)}",
        )
        entries = None
    for key, entry in (entries or {}).items():
        item = scale.find(key)
        if item is None:
            problem(
                key_text(key),
                None,
                f"unknown item {name(key)}; items are the ids {scale.items[0].id!r} to "
                f"{scale.items[-1].id!r} or the numbers 1 to {len(scale.items)}",
            )
            continue
        if item.id in answers:
            problem(
                item.id,
                None,
                f"item {item.number} ({item.id!r}) is given twice, as {name(key)} and by its other name",
            )
            continue
        answer = _answer(item, entry, problems)
        if answer is not None:
            answers[item.id] = answer
    if problems:
        raise AssessmentError(problems)
    return Assessment(
        service=service if isinstance(service, str) else None,
        assessor=assessor if isinstance(assessor, str) else None,
        assessed_on=day.isoformat() if day else None,
        answers=answers,
    )


def _answer(item: Item, entry: object, problems: list[Problem]) -> Answer | None:
    if entry is None:
        entry = {}
    if not isinstance(entry, Mapping):
        problems.append(
            Problem(
                item.id,
                None,
                f"expected an object with score, evidence or note, got {_kind(entry)}",
            )
        )
        return None
    before = len(problems)
    for key in entry:
        if key not in ITEM_FIELDS:
            problems.append(
                Problem(
                    item.id,
                    key_text(key),
                    f"unknown field {name(key)}; an item takes: {', '.join(ITEM_FIELDS)}",
                )
            )
    rating = entry.get("score")
    if rating is not None and not (is_whole(rating) and 1 <= rating <= 5):
        problems.append(
            Problem(
                item.id, "score", f"score must be a whole number from 1 to 5, got {_kind(rating)}"
            )
        )
    note = entry.get("note")
    if note is not None and not isinstance(note, str):
        problems.append(Problem(item.id, "note", f"note must be text, got {_kind(note)}"))
    derived = None
    if entry.get("evidence") is not None:
        try:
            derived = explain(item, entry["evidence"])
        except AssessmentError as error:
            problems.extend(error.problems)
    if len(problems) > before:
        return None
    return Answer(item, int(rating) if rating is not None else None, derived, note)
