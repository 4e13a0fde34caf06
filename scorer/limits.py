"""The limits on input, and the cheap checks that keep a hostile file from costing much.

Any input up to MAX_BYTES is answered quickly and in little memory, whether it is read by the
command line or handed over by the browser: these checks run before (json_shape) and after
(value_problems) parsing, and each refusal says which limit was met.
"""

from __future__ import annotations

import re
from array import array
from itertools import accumulate
from math import isfinite
from typing import Any, NamedTuple

from .errors import Problem, key_text, number_text
from .exact import LIMIT as NUMBER_LIMIT

MAX_BYTES = 10 * 1024 * 1024  # the most any file, standard input or argument may hold
MAX_DEPTH = 32  # lists and objects inside each other
MAX_CONTAINERS = 100_000  # lists and objects in one document, all told
MAX_ENTRIES = 100_000  # entries of all lists and objects in one document, all told
MAX_LENGTH = 10_000  # entries in one list, or fields in one object
MAX_YAML_BYTES = 128 * 1024  # YAML is read in (partly) pure Python: slower, so only this much

SIZE_WORDS = "10 MiB (10,485,760 bytes)"
YAML_SIZE_WORDS = "128 KiB"

# '[' and '{' step one level in, ']' and '}' one level out (255 is -1 as a signed byte).
_STEP = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
_NOT_BRACKET = bytes(set(range(256)) - set(b"[]{}"))
_SURROGATE = re.compile("[\ud800-\udfff]")


class Unreadable:
    """A JSON or YAML number no command can take (NaN, Infinity, thousands of digits), kept in
    place while parsing so that value_problems can say where it was."""

    def __init__(self, what: str, reason: str | None = None) -> None:
        self.what = what
        self.reason = reason  # what to do instead, when it is not a number's limits


def too_many_bytes(text: str) -> bool:
    """Is `text` over MAX_BYTES once written as UTF-8? (Encoding only when it could be.)"""
    if len(text) > MAX_BYTES:
        return True
    if len(text) * 4 <= MAX_BYTES:
        return False
    return len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES


class Shape(NamedTuple):
    """What json_shape finds: enough to refuse a text before parsing it."""

    depth: int  # the deepest nesting of lists and objects
    containers: int  # lists and objects, all told
    entries: int  # commas: one fewer than the entries of all lists and objects together


def json_shape(text: str) -> Shape:
    """The shape of JSON text, without parsing it, in a few passes of C code over its bytes.

    Brackets and commas inside strings do not count. For text that is not JSON the figures are
    only a guess, but never below what the JSON parser would meet before it failed, which is
    what matters: a text too deep for the limit never reaches a recursive parser (deep recursion
    is a RecursionError in CPython and a fatal crash under Pyodide). A text with more strings
    than MAX_ENTRIES allows is reported as that many entries without looking further.
    """
    opening = text.count("[") + text.count("{")
    commas = text.count(",")
    if opening <= MAX_DEPTH and commas <= MAX_ENTRIES:
        return Shape(opening, opening, commas)
    raw = text.encode("utf-8", "surrogatepass").replace(b"\\\\", b"").replace(b'\\"', b"")
    quotes = raw.count(b'"')
    if quotes > 2 * MAX_ENTRIES + 1:  # that many strings: too many entries, whatever else
        return Shape(0, 0, quotes // 2)
    outside = b"".join(raw.split(b'"')[::2])
    brackets = outside.translate(None, _NOT_BRACKET)
    steps = array("b")
    # Past the first MAX_CONTAINERS openings the text is refused anyway: look no further.
    steps.frombytes(brackets[: 2 * MAX_CONTAINERS + 2].translate(_STEP))
    depth = max(accumulate(steps), default=0)
    return Shape(depth, brackets.count(b"[") + brackets.count(b"{"), outside.count(b","))


def value_problems(data: object, prefix: tuple[str | int, ...] = ()) -> list[Problem]:
    """Every value in parsed data that no command takes, naming where it is.

    Numbers must be finite and at most 10^9 in size; a list or object may hold at most
    MAX_LENGTH entries and sit at most MAX_DEPTH deep; text must be whole characters. A list or
    object over the limit is reported once and not looked into, so the walk stays short.
    """
    problems: list[Problem] = []
    # The walk keeps document order; each entry is (where, value), plain loops for speed.
    stack: list[tuple[tuple[Any, ...], Any]] = [(prefix, data)]
    deepest = len(prefix) + MAX_DEPTH
    while stack:
        path, value = stack.pop()
        kind = type(value)
        if kind is str:
            message = None if _plain_text(value) else BROKEN_TEXT
        elif kind is dict or kind is list or kind is tuple:
            message = _container(value)
            if message is None and len(path) < deepest:
                if kind is dict:
                    pairs = [((*path, key_text(k)), v) for k, v in value.items()]
                else:
                    pairs = [((*path, i), v) for i, v in enumerate(value)]
                stack.extend(reversed(pairs))
        else:
            message = _refusal(value)
        if message is not None:
            problems.append(_placed(path, message))
    return problems


def _container(value: Any) -> str | None:
    """Why a list or object is refused as a whole (too long, or a bad key); None if it is not."""
    if len(value) > MAX_LENGTH:
        what = ("fields", "object") if isinstance(value, dict) else ("entries", "list")
        return f"holds {len(value):,} {what[0]}; at most {MAX_LENGTH:,} are read from one {what[1]}"
    if isinstance(value, dict):
        for key in value:
            if not _plain_text(key):
                refused = _refusal(key, key=True)
                if refused:
                    return refused
    return None


_NUMBERS = (int, float)


def _plain_text(value: object) -> bool:
    return isinstance(value, str) and (value.isascii() or not _SURROGATE.search(value))


def _refusal(value: object, *, key: bool = False) -> str | None:
    """Why `value` cannot be taken, in words; None when it can."""
    the = "the key " if key else ""
    if isinstance(value, str):
        return None if _plain_text(value) else f"{'a key ' if key else ''}{BROKEN_TEXT}"
    if isinstance(value, Unreadable):
        return f"{the}{value.what} cannot be used: {value.reason or NUMBERS_ARE}"
    if isinstance(value, bool) or not isinstance(value, _NUMBERS):
        return None
    if isinstance(value, float) and not isfinite(value):
        return f"{the}{number_text(value)} cannot be used: {NUMBERS_ARE}"
    if -NUMBER_LIMIT <= value <= NUMBER_LIMIT:
        return None
    return f"{the}{number_text(value)} is too large: {NUMBERS_ARE}"


BROKEN_TEXT = "holds a broken character: half of a pair, such as \\ud800, written alone"
NUMBERS_ARE = "numbers must be finite and at most 1,000,000,000 (10^9) in size"


def _placed(path: tuple[Any, ...], message: str) -> Problem:
    """A problem at `path`: assessments' items.<id>.<field> name the item, as the scorer does."""
    if len(path) >= 2 and path[0] == "items":
        return Problem(str(path[1]), _dotted(path[2:]), message)
    return Problem(None, _dotted(path), message)


def _dotted(path: tuple[Any, ...]) -> str | None:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or None


def nesting_message() -> str:
    return shape_message(Shape(MAX_DEPTH + 1, 0, 0)) or ""


def shape_message(shape: Shape) -> str | None:
    """Why a text of this shape is refused before parsing; None if it is not."""
    if shape.depth > MAX_DEPTH:
        return (
            f"is nested more than {MAX_DEPTH} levels deep (lists and objects inside each "
            f"other); at most {MAX_DEPTH} levels are read"
        )
    if shape.containers > MAX_CONTAINERS:
        return (
            f"holds {shape.containers:,} lists and objects; at most {MAX_CONTAINERS:,} are read "
            "from one file"
        )
    if shape.entries > MAX_ENTRIES:
        return (
            f"holds more than {MAX_ENTRIES:,} entries (values in lists and objects); at most "
            f"{MAX_ENTRIES:,} are read from one file"
        )
    return None


def size_message() -> str:
    return f"is larger than {SIZE_WORDS}, the most that is read"


__all__ = [
    "MAX_BYTES",
    "MAX_CONTAINERS",
    "MAX_DEPTH",
    "MAX_ENTRIES",
    "MAX_LENGTH",
    "MAX_YAML_BYTES",
    "Unreadable",
    "json_shape",
    "number_text",
    "too_many_bytes",
    "value_problems",
]
