"""Reading a planning tool's request field by field, collecting every problem before failing.

A person fixes all the mistakes in one go, so nothing is raised early: each accessor records a
Problem naming the field and quoting what was given, and `done()` raises one PlanningError.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from typing import Any

from ..dates import long_form, parse_iso
from ..errors import PlanningError, Problem, key_text, not_a_number
from ..errors import name as _name
from ..errors import quote as _kind
from ..exact import exact, is_number, is_whole, show


class Fields:
    """One object of a request (or one entry of a list in it), read with named checks."""

    def __init__(
        self,
        data: object,
        allowed: tuple[str, ...],
        *,
        where: str = "",
        problems: list[Problem] | None = None,
        what: str = "the request",
    ) -> None:
        self.where = where
        self.problems: list[Problem] = problems if problems is not None else []
        self.data: Mapping[str, Any] = {}
        if not isinstance(data, Mapping):
            self.problem(None, f"{what} must be an object, got {_kind(data)}")
            return
        self.data = data
        for key in data:
            if key not in allowed:
                self.problem(
                    key_text(key), f"unknown field {_name(key)}; this takes: {', '.join(allowed)}"
                )

    def field(self, name: str | None) -> str | None:
        parts = [p for p in (self.where, name) if p]
        return ".".join(parts) if parts else None

    def problem(self, name: str | None, message: str) -> None:
        self.problems.append(Problem(None, self.field(name), message))

    def child(self, name: str, value: object, allowed: tuple[str, ...], what: str) -> Fields:
        return Fields(
            value, allowed, where=self.field(name) or "", problems=self.problems, what=what
        )

    def given(self, name: str) -> bool:
        return self.data.get(name) is not None

    def day(self, name: str, *, required: bool = False) -> date | None:
        value = self.data.get(name)
        if value is None:
            if required:
                self.problem(name, f"{name} is required: a date written YYYY-MM-DD")
            return None
        found = parse_iso(value)
        if found is None:
            self.problem(name, f"{name} must be a date written YYYY-MM-DD, got {_kind(value)}")
        return found

    def days(self, name: str) -> list[date] | None:
        """A list of dates; None when absent, or when any entry is not a date."""
        value = self.data.get(name)
        if value is None:
            return None
        if not isinstance(value, list):
            self.problem(name, f"{name} must be a list of dates, got {_kind(value)}")
            return None
        out: list[date] = []
        for index, entry in enumerate(value):
            found = parse_iso(entry)
            if found is None:
                self.problem(
                    f"{name}[{index}]", f"each date must be written YYYY-MM-DD, got {_kind(entry)}"
                )
            else:
                out.append(found)
        return out if len(out) == len(value) else None

    def number(
        self,
        name: str,
        *,
        required: bool = True,
        positive: bool = False,
        whole: bool = False,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> Fraction | None:
        value = self.data.get(name)
        if value is None:
            if required:
                self.problem(name, f"{name} is required")
            return None
        if not is_number(value):
            self.problem(name, not_a_number(name, value))
            return None
        if whole and not is_whole(value):
            self.problem(name, f"{name} must be a whole number, got {_kind(value)}")
            return None
        number = exact(value)
        if positive and number <= 0:
            self.problem(name, f"{name} must be more than 0, got {_kind(value)}")
        elif number < 0 and minimum is None:
            self.problem(name, f"{name} cannot be negative, got {_kind(value)}")
        elif minimum is not None and number < minimum:
            self.problem(name, f"{name} must be at least {minimum}, got {_kind(value)}")
        elif maximum is not None and number > maximum:
            self.problem(name, f"{name} must be at most {maximum}, got {_kind(value)}")
        else:
            return number
        return None

    def text(self, name: str) -> str | None:
        value = self.data.get(name)
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(name, f"{name} must be text, got {_kind(value)}")
            return None
        return value.strip() or None

    def done(self) -> None:
        if self.problems:
            raise PlanningError(self.problems)


def figure(value: Fraction) -> int | float:
    """An exact figure as a JSON number: whole numbers stay whole, others to 2 decimals."""
    if value.denominator == 1:
        return int(value)
    return float(show(value))


def ceil_to_hundredths(value: Fraction) -> Fraction:
    """Rounded up to 2 decimals, so a 'needed' figure shown is never below what is needed."""
    return Fraction(-((-value * 100) // 1), 100)


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_date(day: date) -> str:
    """'Monday 1 June 2026': the same words in every runtime, whatever the locale."""
    return f"{_WEEKDAYS[day.weekday()]} {long_form(day)}"


def by_options(problem: Problem, options: Mapping[str, str], field: str | None = None) -> Problem:
    """A problem as the command line's user knows it: the field, and the request's keys in its
    words, named by the options they typed (`options`: request key -> option). `field`, when
    given, names the field instead (one use of a repeated option, say). Only the keys with an
    underscore are replaced in the words: "feedback" or "specialists" is English too."""
    keys = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in options if "_" in k) + r")\b")
    message = keys.sub(lambda found: options[found[0]], problem.message)
    named = field if field is not None else options.get(problem.field or "", problem.field)
    return Problem(problem.item, named, message)
