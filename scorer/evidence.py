"""Reading one item's evidence: each figure checked against its limits, field by field.

Problems are collected rather than raised at the first one, so a person sees everything to fix
at once; the measures (measures.py) turn what was read into a rating.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from .errors import Problem, name, not_a_number
from .errors import quote as _kind
from .exact import exact, is_number, is_whole, show
from .scale import Item


class EvidenceReader:
    """One item's evidence, read field by field; problems are collected, never raised early."""

    def __init__(self, item: Item, evidence: object) -> None:
        self.item = item
        self.problems: list[Problem] = []
        self.data: Mapping[str, Any] = {}
        if not isinstance(evidence, Mapping):
            self.problem("evidence", f"expected an object of figures, got {_kind(evidence)}")
        else:
            self.data = evidence

    def problem(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.item.id, field, message))

    def only(
        self, *allowed: str, data: Mapping[str, Any] | None = None, where: str = "evidence"
    ) -> None:
        for key in data if data is not None else self.data:
            if key not in allowed:
                self.problem(
                    f"{where}.{key}",
                    f"unknown field {name(key)}; this evidence takes: {', '.join(allowed)}",
                )

    def number(
        self,
        name: str,
        *,
        data: Mapping[str, Any] | None = None,
        where: str = "evidence",
        required: bool = True,
        **limits: Any,
    ) -> Fraction | None:
        """A named figure of the evidence (or of one entry of a list, with `data` and `where`)."""
        source = self.data if data is None else data
        if source.get(name) is None:
            if required:
                self.problem(f"{where}.{name}", f"{name} is required")
            return None
        return self.figure(source[name], f"{where}.{name}", name, **limits)

    def figure(
        self,
        value: object,
        field: str,
        label: str,
        *,
        minimum: Fraction | int = 0,
        positive: bool = False,
        maximum: Fraction | int | None = None,
        whole: bool = False,
    ) -> Fraction | None:
        """One number, checked against its limits; None (and a problem) if it fails any."""
        if not is_number(value):
            self.problem(field, not_a_number(label, value))
            return None
        if whole and not is_whole(value):
            self.problem(field, f"{label} must be a whole number, got {_kind(value)}")
            return None
        number = exact(value)  # type: ignore[arg-type]
        if positive and number <= 0:
            self.problem(field, f"{label} must be more than 0, got {_kind(value)}")
        elif maximum is not None and not minimum <= number <= maximum:
            self.problem(
                field,
                f"{label} must be from {show(Fraction(minimum))} to "
                f"{show(Fraction(maximum))}, got {_kind(value)}",
            )
        elif number < minimum:
            self.problem(
                field,
                f"{label} cannot be negative, got {_kind(value)}"
                if minimum == 0
                else f"{label} must be at least {show(Fraction(minimum))}, got {_kind(value)}",
            )
        else:
            return number
        return None

    def flag(self, name: str, default: bool | None, *, where: str = "evidence") -> bool | None:
        value = self.data.get(name)
        if value is None:
            if default is None:
                self.problem(f"{where}.{name}", f"{name} is required (true or false)")
            return default
        if not isinstance(value, bool):
            self.problem(f"{where}.{name}", f"{name} must be true or false, got {_kind(value)}")
            return default
        return value

    def entries(self, name: str) -> list[Any] | None:
        value = self.data.get(name)
        field = f"evidence.{name}"
        if value is None:
            self.problem(
                field, f"{name} is required: a list with one entry per employment specialist"
            )
            return None
        if not isinstance(value, list):
            self.problem(field, f"{name} must be a list, got {_kind(value)}")
            return None
        if not value:
            self.problem(field, f"{name} is empty: give at least one employment specialist")
            return None
        return value

    def record(
        self, name: str, index: int, entry: object, *fields: str
    ) -> Mapping[str, Any] | None:
        where = f"evidence.{name}[{index}]"
        if not isinstance(entry, Mapping):
            self.problem(
                where, f"each entry must be an object with {', '.join(fields)}, got {_kind(entry)}"
            )
            return None
        self.only(*fields, data=entry, where=where)
        return entry

    def either(self, first: str, second: tuple[str, ...]) -> str | None:
        """Which of two alternative ways of giving a figure was used; a problem if both or neither."""
        has_first = self.data.get(first) is not None
        has_second = any(self.data.get(k) is not None for k in second)
        if has_first and has_second:
            self.problem(f"evidence.{first}", f"give {first} or {' and '.join(second)}, not both")
            return None
        if not has_first and not has_second:
            self.problem(
                f"evidence.{first}", f"{first} is required, or else {' and '.join(second)}"
            )
            return None
        return first if has_first else second[0]
