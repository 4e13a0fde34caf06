"""Shared by the page-generating hooks: templates, YAML checks and adding generated pages.

This module is not a hook itself (mkdocs.yml does not list it). The hooks import it: MkDocs
puts overrides/hooks/ on sys.path while it loads each hook.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import sys
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from scorer.errors import ScaleError
from scorer.scale_files import Locator, load_yaml_file

OVERRIDES = Path(__file__).resolve().parent.parent
TEMPLATES = OVERRIDES / "generated"

# The build date decides which Centres are current. Tests and reproducible builds can pin it.
BUILD_DATE_VARIABLE = "IPS_SITE_BUILD_DATE"


def project_root(config: MkDocsConfig) -> Path:
    """The folder holding mkdocs.yml, so builds work from any working directory."""
    return Path(config.config_file_path).resolve().parent


def scale_dir(config: MkDocsConfig) -> Path:
    """scale/ beside mkdocs.yml, or the folder IPS_FIDELITY_SCALE names (as the scorer does)."""
    override = os.environ.get("IPS_FIDELITY_SCALE")
    return Path(override) if override else project_root(config) / "scale"


def runtime_hook(caller: str) -> ModuleType:
    """The assessment_runtime hook as MkDocs loaded it: its state holds the wheel's version and
    name, which the pages that start the scorer put in their URLs."""
    wanted = Path(__file__).resolve().parent / "assessment_runtime.py"
    for module in list(sys.modules.values()):
        found = getattr(module, "__file__", None)
        if found and Path(found).resolve() == wanted and hasattr(module, "_state"):
            return module
    raise PluginError(
        f"{caller}: the assessment_runtime hook is not loaded; list "
        f"overrides/hooks/assessment_runtime.py before {caller}.py in mkdocs.yml"
    )


def files_digest(folder: Path, first: bytes = b"") -> str:
    """A short version for `first` and every file in `folder` (names and contents), so a change
    to any of them reaches browsers and caches instead of an old copy."""
    digest = hashlib.sha256(first)
    for asset in sorted(folder.glob("*")):
        digest.update(asset.name.encode() + b"\0" + asset.read_bytes())
    return digest.hexdigest()[:12]


def build_date() -> datetime.date:
    """Today, unless IPS_SITE_BUILD_DATE gives a YYYY-MM-DD date."""
    value = os.environ.get(BUILD_DATE_VARIABLE)
    if not value:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise PluginError(f"{BUILD_DATE_VARIABLE}={value!r} is not a YYYY-MM-DD date") from None


def scale_error(error: ScaleError) -> PluginError:
    """A scale/ mistake as the build reports it: file:line: message (ScaleError's own form)."""
    return PluginError(str(error))


# --- templates --------------------------------------------------------------------------


def _autoescape(name: str | None) -> bool:
    """HTML templates escape everything; Markdown templates escape with |e where HTML is written."""
    return bool(name and name.endswith(".html.j2"))


def environment(filters: Mapping[str, Callable[..., Any]] | None = None) -> jinja2.Environment:
    """Our own Jinja environment (not MkDocs'): a missing value fails the build, never blanks."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        autoescape=_autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md_block"] = md_block
    env.filters["md_inline"] = md_inline
    env.filters.update(filters or {})
    return env


def md_block(text: str, indent: int = 0) -> str:
    """Markdown from the data, trimmed, with every line after the first indented by `indent`.

    Indenting lets a multi-paragraph answer sit inside a list item or an admonition.
    """
    lines = text.strip().splitlines()
    pad = " " * indent
    return "\n".join([lines[0], *[pad + line if line.strip() else "" for line in lines[1:]]])


def md_inline(text: str) -> str:
    """A one-paragraph value on one line, for list items and table cells."""
    if "\n\n" in text.strip():
        raise ValueError("md_inline is for single-paragraph text")
    return re.sub(r"\s+", " ", text.strip())


def render(env: jinja2.Environment, template: str, **context: Any) -> str:
    try:
        return env.get_template(template).render(**context)
    except jinja2.TemplateError as error:
        raise PluginError(f"{_template_place(error, template)}: {error}") from None


def _template_place(error: jinja2.TemplateError, template: str) -> str:
    """file:line of the template line that failed (Jinja puts template frames in tracebacks)."""
    line = getattr(error, "lineno", None)
    name = template
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.startswith(str(TEMPLATES)):
            name, line = Path(frame.filename).name, frame.lineno
    return f"overrides/generated/{name}" + (f":{line}" if line else "")


# --- generated pages --------------------------------------------------------------------


def add_page(config: MkDocsConfig, files: Files, src_uri: str, content: str) -> None:
    """Add a generated Markdown page; a hand-written file at the same path is a mistake."""
    existing = files.get_file_from_path(src_uri)
    if existing is not None and existing.generated_by is None:
        raise PluginError(
            f"{config.docs_dir}/{src_uri} exists, but this page is generated from scale/ at "
            "build time: delete the hand-written file"
        )
    if existing is not None:
        files.remove(existing)
    files.append(File.generated(config, src_uri, content=content))


# --- checking content YAML against its schema -------------------------------------------


class Schema:
    """One expected value in a content file; `check` returns the value or raises with a line."""

    def check(self, value: Any, path: tuple[str | int, ...], where: Where) -> Any:
        raise NotImplementedError


@dataclass
class Where:
    """Turns a path inside a file into `file:line: message` build errors."""

    locator: Locator
    file: str

    def fail(self, path: tuple[str | int, ...], message: str) -> PluginError:
        file, line = self.locator.where(path)
        dotted = ".".join(str(p) for p in path)
        return PluginError(
            f"{file or self.file}:{line if line is not None else 1}: "
            f"{dotted + ': ' if dotted else ''}{message}"
        )


class Text(Schema):
    """Non-empty text (Markdown or plain)."""

    def check(self, value: Any, path: tuple[str | int, ...], where: Where) -> Any:
        if not isinstance(value, str) or not value.strip():
            raise where.fail(path, f"expected non-empty text, found {value!r}")
        return value


class Id(Schema):
    """A lower-case slug, used as an HTML id and a link target."""

    def check(self, value: Any, path: tuple[str | int, ...], where: Where) -> Any:
        if not isinstance(value, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
            raise where.fail(
                path, f"expected an id (lower-case letters, digits, hyphens): {value!r}"
            )
        return value


class Whole(Schema):
    """A whole number, optionally within limits."""

    def __init__(self, low: int | None = None, high: int | None = None) -> None:
        self.low, self.high = low, high

    def check(self, value: Any, path: tuple[str | int, ...], where: Where) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            raise where.fail(path, f"expected a whole number, found {value!r}")
        if (self.low is not None and value < self.low) or (
            self.high is not None and value > self.high
        ):
            raise where.fail(path, f"{value} is outside {self.low}-{self.high}")
        return value


class Date(Schema):
    """A YYYY-MM-DD date (YAML reads it as a date; a string is accepted too)."""

    def check(self, value: Any, path: tuple[str | int, ...], where: Where) -> Any:
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

    def check(self, value: Any, path: tuple[str | int, ...], where: Where) -> Any:
        if value not in self.choices:
            raise where.fail(path, f"expected one of {', '.join(self.choices)}, found {value!r}")
        return value


class Nullable(Schema):
    def __init__(self, inner: Schema) -> None:
        self.inner = inner

    def check(self, value: Any, path: tuple[str | int, ...], where: Where) -> Any:
        return None if value is None else self.inner.check(value, path, where)


class ListOf(Schema):
    def __init__(self, inner: Schema, *, allow_empty: bool = False, unique_ids: bool = False):
        self.inner, self.allow_empty, self.unique_ids = inner, allow_empty, unique_ids

    def check(self, value: Any, path: tuple[str | int, ...], where: Where) -> Any:
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
    ):
        self.required, self.optional = dict(required), dict(optional or {})

    def check(self, value: Any, path: tuple[str | int, ...], where: Where) -> Any:
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


def load_content(path: Path, schema: Schema) -> tuple[dict[str, Any], Where]:
    """A content YAML file, checked against `schema`; every problem names its file and line."""
    try:
        data, locator = load_yaml_file(path)
    except ScaleError as error:
        raise scale_error(error) from None
    file = _display(path)
    where = Where(locator, file)
    return schema.check(data, (), where), where


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
