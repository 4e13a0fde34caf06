"""Reading plain data (parsed YAML or JSON) with typed accessors that fail naming the place.

The scale and the planning rules are both checked this way, so a mistake anywhere in scale/
is reported the same way: a path such as items[0].measure.bands[1].at_most, which the YAML
loader turns into a file and line.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any, Self

from .errors import ScaleError
from .errors import quote as _kind
from .exact import exact, is_number, is_whole

PathT = tuple[str | int, ...]


class Node:
    """A value plus where it sits in the data, with typed accessors that fail with that path."""

    def __init__(self, value: Any, path: PathT = ()) -> None:
        self.value = value
        self.path = path

    def fail(self, message: str, *extra: str | int) -> ScaleError:
        return ScaleError(message, path=(*self.path, *extra))

    def mapping(self, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> Self:
        """This node as a mapping with exactly these keys (the optional ones may be absent)."""
        if not isinstance(self.value, Mapping):
            raise self.fail(f"expected a mapping, found {_kind(self.value)}")
        for key in self.value:
            if key not in required and key not in optional:
                raise self.fail(f"unknown key {key!r}", key)
        for key in required:
            if key not in self.value:
                raise self.fail(f"missing key {key!r}")
        return self

    def has(self, key: str) -> bool:
        return isinstance(self.value, Mapping) and self.value.get(key) is not None

    def __getitem__(self, key: str | int) -> Self:
        if isinstance(key, str):
            if not isinstance(self.value, Mapping):
                raise self.fail(f"expected a mapping, found {_kind(self.value)}")
            if key not in self.value:
                raise self.fail(f"missing key {key!r}")
        return type(self)(self.value[key], (*self.path, key))

    def text(self) -> str:
        if not isinstance(self.value, str) or not self.value.strip():
            raise self.fail(f"expected non-empty text, found {_kind(self.value)}")
        return self.value.strip()

    def slug(self) -> str:
        text = self.text()
        if not all(ch.islower() or ch.isdigit() or ch == "-" for ch in text):
            raise self.fail(f"{text!r} is not a lower-case id (letters, digits and hyphens)")
        return text

    def name(self) -> str:
        """A field name as the evidence uses it, e.g. 'active_clients'."""
        text = self.text()
        if not text.isidentifier() or not text.islower():
            raise self.fail(f"{text!r} is not a field name (lower case, digits and underscores)")
        return text

    def whole(self, low: int | None = None, high: int | None = None) -> int:
        if not is_whole(self.value):
            raise self.fail(f"expected a whole number, found {_kind(self.value)}")
        number = int(self.value)
        if high is None and low is not None and number < low:
            raise self.fail(f"expected at least {low}, found {number}")
        if high is not None and not (low or 0) <= number <= high:
            raise self.fail(f"{number} is outside {low}-{high}")
        return number

    def number(self) -> Fraction:
        if not is_number(self.value):
            raise self.fail(f"expected a number, found {_kind(self.value)}")
        return exact(self.value)

    def entries(self) -> list[Self]:
        """The entries of a non-empty list, each knowing its index."""
        if not isinstance(self.value, list) or not self.value:
            raise self.fail(f"expected a non-empty list, found {_kind(self.value)}")
        return [type(self)(v, (*self.path, i)) for i, v in enumerate(self.value)]
