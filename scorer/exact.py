"""Exact arithmetic for evidence: no binary floating-point surprises at a threshold.

A JSON number such as 95.5 arrives as a float; it is read through its shortest decimal
representation, so 95.5 is exactly 191/2 and 0.1 + 0.2 problems cannot move a score.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from math import floor, isfinite

Number = int | float


def is_number(value: object) -> bool:
    """JSON numbers only: booleans are not numbers here, whatever Python thinks."""
    if isinstance(value, bool):
        return False
    if isinstance(value, float):
        return isfinite(value)
    return isinstance(value, int)


def exact(value: Number) -> Fraction:
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def is_whole(value: object) -> bool:
    return is_number(value) and exact(value).denominator == 1  # type: ignore[arg-type]


def round_half_up(value: Fraction) -> int:
    """The closest scale point: 2.5 -> 3, 3.49 -> 3, 4.5 -> 5."""
    return floor(value + Fraction(1, 2))


def mean(values: list[Fraction]) -> Fraction:
    return sum(values, Fraction(0)) / len(values)


def show(value: Fraction, places: int = 2) -> str:
    """A figure for people: whole numbers as they are, others to at most `places` decimals."""
    if value.denominator == 1:
        return str(value.numerator)
    quantum = Decimal(1).scaleb(-places)
    text = str(
        (Decimal(value.numerator) / Decimal(value.denominator)).quantize(quantum, ROUND_HALF_UP)
    )
    return text.rstrip("0").rstrip(".")
