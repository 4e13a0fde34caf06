"""One exception type per kind of bad input, each carrying messages that quote the input.

Every message is for a person: it quotes at most QUOTE_LIMIT characters of what was given, says
what kind of thing was given rather than how Python spells it (never "True", "b'...'" or
"datetime.datetime(...)"), and is at most MESSAGE_LIMIT characters long.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from .dates import FIRST_YEAR, LAST_YEAR, not_in_calendar, outside_calendar

QUOTE_LIMIT = 80  # characters of a value a message may quote
MESSAGE_LIMIT = 400  # characters in one message, all told
PROBLEM_LIMIT = 50  # problems listed at once; the rest are counted, not listed
_OUTSIDE = f"outside the years {FIRST_YEAR} to {LAST_YEAR} that this reads"
_BIG = 10**15  # whole numbers beyond this are described by their length, not written out


def clip(text: str, limit: int = QUOTE_LIMIT) -> str:
    """At most `limit` characters of `text`, with an ellipsis where some were left out."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def shown(text: str) -> str:
    """A piece of text as a message quotes it: in quotes, cut to QUOTE_LIMIT characters."""
    return repr(clip(text))


def display_name(text: str) -> str:
    """A file name as a message shows it: control and formatting characters (escape sequences,
    line breaks, right-to-left overrides) and undecodable bytes written as escapes such as
    \\x1b, so that a name can never drive a terminal or disguise itself."""
    return "".join(_escaped(ch) for ch in text)


def _escaped(ch: str) -> str:
    if ch.isprintable():  # not control, formatting, separator (but space) or surrogate
        return ch
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def quote(value: object) -> str:
    """How a message names the value it rejects: the value itself, or what kind of thing it is."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the value {str(value).lower()}"
    if isinstance(value, str):
        if not value.strip():
            return "empty text"
        if outside_calendar(value):
            return f"the date {shown(value)}, {_OUTSIDE}"
        if not_in_calendar(value):
            # Written as asked, so saying only "must be written YYYY-MM-DD" would puzzle a person.
            return f"the text {shown(value)}, which is not a day in the calendar"
        return f"the text {shown(value)}"
    if isinstance(value, int):
        return number_text(value)
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, datetime):
        return f"a date and time ({value.isoformat(sep=' ')}); give the date alone, YYYY-MM-DD"
    if isinstance(value, date):
        return f"the date {value.isoformat()}" + (
            f", {_OUTSIDE}" if outside_calendar(value) else ""
        )
    if isinstance(value, list | tuple):
        return "a list" if value else "an empty list"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, bytes | bytearray):
        return "binary data"
    if isinstance(value, set | frozenset):
        return "a set of values"
    return "a value that is neither text, a number, true or false, a list nor an object"


def name(key: object) -> str:
    """A field name or other key as a message names it: quoted text, or the value as written."""
    if isinstance(key, str):
        return shown(key)
    if isinstance(key, bool):
        return str(key).lower()
    if isinstance(key, int | float):
        return number_text(key)
    return quote(key)


def not_a_number(label: str, value: object) -> str:
    """Why `value` is not a figure `label` can take: not a number at all, or not a usable one."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (
            f"{label} cannot be {number_text(value)}: numbers must be finite and at most "
            "1,000,000,000 (10^9) in size"
        )
    return f"{label} must be a number, got {quote(value)}"


def key_text(key: object) -> str:
    """A key as a field or item name: text as it is, anything else as a message writes it."""
    return key if isinstance(key, str) else name(key)


def number_text(value: int | float) -> str:
    """A number as people write it: 12, 0.5, 1e+27, NaN, infinity; a huge one by its length."""
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value in (float("inf"), float("-inf")):
            return "infinity" if value > 0 else "minus infinity"
        return repr(value)
    if -_BIG <= value <= _BIG:
        return str(value)
    digits = int(value.bit_length() * 0.30103) + 1  # str() refuses beyond 4,300 digits
    return f"a number about {digits:,} digits long"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: which item (if any), which field, and what."""

    item: str | None
    field: str | None
    message: str

    def __post_init__(self) -> None:
        # A backstop: however a message was built, it never floods a screen or a terminal.
        object.__setattr__(self, "item", None if self.item is None else clip(str(self.item)))
        object.__setattr__(self, "field", None if self.field is None else clip(str(self.field)))
        object.__setattr__(self, "message", clip(str(self.message), MESSAGE_LIMIT))

    def to_dict(self) -> dict[str, str | None]:
        return {"item": self.item, "field": self.field, "message": self.message}


class ScorerError(Exception):
    """Base class: anything the scorer refuses, with a message meant for a person."""


class ProblemsError(ScorerError):
    """An input with one or more problems, all reported at once so nothing has to be guessed.

    At most PROBLEM_LIMIT are kept, and one more says how many were left out: a file of a
    million mistakes gets a readable answer, not a million lines.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = capped(problems)
        super().__init__("\n".join(_describe(p) for p in self.problems))

    def to_dict(self) -> dict[str, list[dict[str, str | None]]]:
        return {"errors": [p.to_dict() for p in self.problems]}


_ProblemsError = ProblemsError  # the name other modules knew it by


def capped(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """The first PROBLEM_LIMIT problems, then one that counts the rest."""
    listed: list[Problem] = []
    more = 0
    for problem in problems:
        if len(listed) < PROBLEM_LIMIT:
            listed.append(problem)
        else:
            more += 1
    if more:
        listed.append(
            Problem(
                None,
                None,
                f"{more:,} more problem{'s' if more != 1 else ''} not listed here: "
                "fix these first, then check again",
            )
        )
    return tuple(listed)


def _describe(problem: Problem) -> str:
    where = ".".join(part for part in (problem.item, problem.field) if part)
    return f"{where}: {problem.message}" if where else problem.message


class AssessmentError(ProblemsError):
    """A self-assessment that cannot be scored as given."""


class HistoryError(ProblemsError):
    """A Centre of Excellence review history that cannot be read."""


class PlanningError(ProblemsError):
    """Input to one of the planning tools that cannot be used as given."""


class InputError(ProblemsError):
    """Values no command takes, found while reading: too large, not finite, nested too deep."""


class InputFileError(ScorerError):
    """A file that cannot be read, or is neither JSON nor YAML."""

    def __init__(self, file: str, message: str) -> None:
        self.file = file
        self.message = message
        super().__init__(f"{file}: {message}")


class ScaleError(ScorerError):
    """The scale data in scale/ is malformed: says which file, which line and what is wrong."""

    def __init__(
        self,
        message: str,
        *,
        path: tuple[str | int, ...] = (),
        file: str | None = None,
        line: int | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.file = file
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file or "scale"
        if self.line is not None:
            where += f":{self.line}"
        dotted = _dotted(self.path)
        return f"{where}: {dotted + ': ' if dotted else ''}{self.message}"


def _dotted(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
