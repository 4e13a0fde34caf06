"""JavaScript values JSON cannot hold, as window.ipsFidelity marks them for the scorer.

`JSON.stringify` turns NaN and Infinity into null and leaves out undefined, so a score of NaN
would quietly read as no answer. The page's browser API (overrides/assets/assessment/
browser-api.js) writes each such value as a one-key object instead, {MARK: "NaN"}, and the
reading here turns it back into what the command line meets in a file:

- NaN, Infinity, -Infinity: an Unreadable number, refused with the command line's own message
  (a JSON file holding NaN gets the same words, item and field);
- undefined where a number or score belongs (a `score`, or anything under `evidence`): refused
  as a missing value; anywhere else it is left out (or null in a list), as JSON would have it.

Only the logic lives here: the JavaScript only marks.
"""

from __future__ import annotations

from typing import Any

from .limits import Unreadable

MARK = "\u0000ipsFidelity"
MARK_IN_JSON = '"\\u0000ipsFidelity"'  # how JSON.stringify writes the key
NUMBERS = ("NaN", "Infinity", "-Infinity")
MISSING = "a missing value (undefined)"
MISSING_REASON = "give a number, or leave the field out"


class _Undefined:
    """undefined, until its place is known."""


UNDEFINED = _Undefined()


def marked(text: str) -> bool:
    """Could `text` hold a mark? (Only then is the slower reading needed.)"""
    return MARK_IN_JSON in text


def value_of(pairs: list[tuple[str, Any]]) -> Any:
    """The marked value for a one-key marked object, else None (an ordinary object)."""
    if len(pairs) == 1 and pairs[0][0] == MARK:
        kind = pairs[0][1]
        if kind in NUMBERS:
            return Unreadable(kind)
        if kind == "undefined":
            return UNDEFINED
    return None


def settle(data: Any) -> Any:
    """`data` with each undefined replaced: refused where a number belongs, else as JSON does."""
    return _settle(data, numbers=False, top=True)


def _settle(value: Any, *, numbers: bool, top: bool = False) -> Any:
    if value is UNDEFINED:
        return Unreadable(MISSING, MISSING_REASON) if numbers or top else None
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, inner in value.items():
            number_here = numbers or key in ("score", "evidence")
            if inner is UNDEFINED and not number_here:
                continue  # JSON.stringify would have left the field out
            out[key] = _settle(inner, numbers=number_here)
        return out
    if isinstance(value, list):
        return [_settle(inner, numbers=numbers) for inner in value]
    return value
