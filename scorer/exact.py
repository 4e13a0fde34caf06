"""Exact arithmetic for evidence: no binary floating-point surprises at a threshold.

A JSON number such as 95.5 arrives as a float; it is read through its shortest decimal
representation, so 95.5 is exactly 191/2 and 0.1 + 0.2 problems cannot move a score.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from math import floor, isfinite

Number = int | float
# The largest size of number any input may hold (the reading of files and arguments refuses
# larger ones first, saying so): nothing a service counts comes near it, and it keeps every
# sum and ratio small enough to show.
LIMIT = 10**9


def is_number(value: object) -> bool:
    """JSON numbers only, finite and at most LIMIT in size: booleans are not numbers here,
    whatever Python thinks."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, float) and not isfinite(value):
        return False
    return -LIMIT <= value <= LIMIT


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
    """A figure for people: whole numbers as they are, others to at most `places` decimals.

    Exact at any size (a ratio of a tiny FTE can be enormous): beyond 10^15 in size it is
    written in powers of ten, 1.2e+20, rather than digit by digit.
    """
    numerator, denominator = value.numerator, value.denominator
    if abs(numerator) >= _HUGE * denominator:
        return f"{Decimal(numerator) / Decimal(denominator):.2e}"
    if denominator == 1:
        return str(numerator)
    # Rounded half up, away from zero, in whole numbers: far quicker than Fraction arithmetic.
    steps, rest = divmod(abs(numerator) * 10**places, denominator)
    steps += 2 * rest >= denominator
    whole, part = divmod(steps, 10**places)
    sign = "-" if numerator < 0 and steps else ""
    decimals = str(part).rjust(places, "0").rstrip("0") if places else ""
    return f"{sign}{whole}.{decimals}" if decimals else f"{sign}{whole}"


_HUGE = 10**15
