"""Calendar arithmetic for review cycles: months and years land on the same day or month-end."""

from __future__ import annotations

import calendar
import re
from datetime import date

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# The years a date may fall in. Well beyond any review, and far enough from the calendar's own
# ends (0001, 9999) that adding a review cycle or a grace period can never run off them.
FIRST_YEAR, LAST_YEAR = 1900, 2199


def add_months(day: date, months: int) -> date:
    """Same day of the month, or the month's last day where it does not exist.

    2026-11-30 + 3 months = 2027-02-28; 2024-02-29 + 36 months = 2027-02-28.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    # The calendar ends at 0001-01-01 and 9999-12-31: a cycle that runs past either end is held
    # at it, so a far-fetched date gives an answer rather than a crash.
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_form(day: date) -> str:
    """'1 May 2024': a date as a person reads it in the UK, the same whatever the locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def with_iso(value: str) -> str:
    """'1 May 2024 (2024-05-01)': the long form for a person, the ISO date a file would hold."""
    return f"{long_form(date.fromisoformat(value))} ({value})"


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def parse_iso(value: object) -> date | None:
    """A date given as 'YYYY-MM-DD' (or already a date, as YAML gives it); None if neither,
    or if it falls outside FIRST_YEAR-LAST_YEAR (errors.quote then says so).

    Only that form: date.fromisoformat alone would also take '20240229' and '2024-W09-4'.
    """
    day = _calendar_date(value)
    return day if day is not None and FIRST_YEAR <= day.year <= LAST_YEAR else None


def outside_calendar(value: object) -> bool:
    """True for a real date, written as parse_iso reads it, in a year outside the range."""
    day = _calendar_date(value)
    return day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR


def not_in_calendar(value: object) -> bool:
    """True for text written YYYY-MM-DD that names no day, such as '2026-02-30' or '2026-13-01'."""
    return (
        isinstance(value, str)
        and bool(_ISO_DATE.fullmatch(value))
        and _calendar_date(value) is None
    )


def _calendar_date(value: object) -> date | None:
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str) and len(value) == 10 and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None
