"""The Jinja templates of the generated pages (overrides/generated/*.j2) and their filters.

This is the project's own Jinja environment, not the generator's: a missing value fails the
build instead of printing nothing.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2

from sitegen.errors import BuildError
from sitegen.project import TEMPLATES


def _autoescape(name: str | None) -> bool:
    """HTML templates escape everything; Markdown templates escape with |e where HTML is written."""
    return bool(name and name.endswith(".html.j2"))


def environment(filters: Mapping[str, Callable[..., Any]] | None = None) -> jinja2.Environment:
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
    """One template rendered; a mistake in it names the template file and line."""
    try:
        return env.get_template(template).render(**context)
    except jinja2.TemplateError as error:
        raise BuildError(f"{_template_place(error, template)}: {error}") from None


def _template_place(error: jinja2.TemplateError, template: str) -> str:
    """file:line of the template line that failed (Jinja puts template frames in tracebacks)."""
    line = getattr(error, "lineno", None)
    name = template
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.startswith(str(TEMPLATES)):
            name, line = Path(frame.filename).name, frame.lineno
    return f"overrides/generated/{name}" + (f":{line}" if line else "")
