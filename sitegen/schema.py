"""Checking a content YAML file against its expected shape, with file and line in every error."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scorer.errors import ScaleError
from scorer.scale_files import Locator, load_yaml_file
from sitegen.errors import BuildError
from sitegen.project import display

Path_ = tuple[str | int, ...]


@dataclass
class Where:
    """Turns a path inside a file into `file:line: message` build errors."""

    locator: Locator
    file: str

    def fail(self, path: Path_, message: str) -> BuildError:
        file, line = self.locator.where(path)
        dotted = ".".join(str(p) for p in path)
        return BuildError(
            f"{file or self.file}:{line if line is not None else 1}: "
            f"{dotted + ': ' if dotted else ''}{message}"
        )


class Schema:
    """One expected value in a content file; `check` returns the value or raises with a line."""

    def check(self, value: Any, path: Path_, where: Where) -> Any:
        raise NotImplementedError


class Text(Schema):
    """Non-empty text (Markdown or plain)."""

    def check(self, value: Any, path: Path_, where: Where) -> Any:
        if not isinstance(value, str) or not value.strip():
            raise where.fail(path, f"expected non-empty text, found {value!r}")
        return value


class Id(Schema):
    """A lower-case slug, used as an HTML id and a link target."""

    def check(self, value: Any, path: Path_, where: Where) -> Any:
        if not isinstance(value, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
            raise where.fail(
                path, f"expected an id (lower-case letters, digits, hyphens): {value!r}"
            )
        return value


class Whole(Schema):
    """A whole number, optionally within limits."""

    def __init__(self, low: int | None = None, high: int | None = None) -> None:
        self.low, self.high = low, high

    def check(self, value: Any, path: Path_, where: Where) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            raise where.fail(path, f"expected a whole number, found {value!r}")
        if (self.low is not None and value < self.low) or (
            self.high is not None and value > self.high
        ):
            raise where.fail(path, f"{value} is outside {self.low}-{self.high}")
        return value


class Date(Schema):
    """A YYYY-MM-DD date (YAML reads it as a date; a string is accepted too)."""

    def check(self, value: Any, path: Path_, where: Where) -> Any:
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        raise where.fail(path, f"expected a date written YYYY-MM-DD, found {value!r}")


class OneOf(Schema):
    def __init__(self, *choices: str) -> None:
        self.choices = choices

    def check(self, value: Any, path: Path_, where: Where) -> Any:
        if value not in self.choices:
            raise where.fail(path, f"expected one of {', '.join(self.choices)}, found {value!r}")
        return value


class Nullable(Schema):
    def __init__(self, inner: Schema) -> None:
        self.inner = inner

    def check(self, value: Any, path: Path_, where: Where) -> Any:
        return None if value is None else self.inner.check(value, path, where)


class ListOf(Schema):
    def __init__(
        self, inner: Schema, *, allow_empty: bool = False, unique_ids: bool = False
    ) -> None:
        self.inner, self.allow_empty, self.unique_ids = inner, allow_empty, unique_ids

    def check(self, value: Any, path: Path_, where: Where) -> Any:
        if not isinstance(value, list):
            raise where.fail(path, f"expected a list, found {value!r}")
        if not value and not self.allow_empty:
            raise where.fail(path, "expected a non-empty list")
        out = [self.inner.check(entry, (*path, i), where) for i, entry in enumerate(value)]
        if self.unique_ids:
            seen: set[str] = set()
            for index, entry in enumerate(out):
                if entry["id"] in seen:
                    raise where.fail((*path, index, "id"), f"duplicate id {entry['id']!r}")
                seen.add(entry["id"])
        return out


class Record(Schema):
    """A mapping with exactly these keys: an unknown key would be content the site never shows."""

    def __init__(
        self, required: Mapping[str, Schema], optional: Mapping[str, Schema] | None = None
    ) -> None:
        self.required, self.optional = dict(required), dict(optional or {})

    def check(self, value: Any, path: Path_, where: Where) -> Any:
        if not isinstance(value, Mapping):
            raise where.fail(path, f"expected a mapping, found {value!r}")
        for key in value:
            if key not in self.required and key not in self.optional:
                known = ", ".join([*self.required, *self.optional])
                raise where.fail((*path, key), f"unknown key {key!r} (known: {known})")
        out: dict[str, Any] = {}
        for key, schema in self.required.items():
            if key not in value:
                raise where.fail(path, f"missing key {key!r}")
            out[key] = schema.check(value[key], (*path, key), where)
        for key, schema in self.optional.items():
            out[key] = schema.check(value[key], (*path, key), where) if key in value else None
        return out


class Checked(Schema):
    """Left as it is, for a check elsewhere that gives its own file and line."""

    def check(self, value: Any, path: Path_, where: Where) -> Any:
        return value


def load_content(path: Path, schema: Schema) -> tuple[dict[str, Any], Where]:
    """A content YAML file, checked against `schema`; every problem names its file and line."""
    try:
        data, locator = load_yaml_file(path)
    except ScaleError as error:
        raise BuildError(str(error)) from None
    where = Where(locator, display(path))
    checked: dict[str, Any] = schema.check(data, (), where)
    return checked, where
