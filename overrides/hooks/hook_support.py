"""Shared by the hooks; not a hook itself (mkdocs.yml does not list it). MkDocs puts
overrides/hooks/ on sys.path while it loads each hook, so they import this module by name.

The generation lives in `sitegen/` at the repository root, as plain functions that know nothing
of MkDocs; each hook is an adapter that turns MkDocs objects into plain values and calls them.
This module is the one place that puts the root on sys.path. MkDocs restores sys.path after
loading each hook, so `sitegen`, and `scorer` through it, are imported here while the root is
on it; later imports of their modules find them through the packages already loaded. It also
holds what more than one adapter needs.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import ParamSpec, TypeVar

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from sitegen.errors import BuildError  # noqa: E402
from sitegen.runtime import Runtime  # noqa: E402

P = ParamSpec("P")
R = TypeVar("R")


def reported(event: Callable[P, R]) -> Callable[P, R]:
    """A hook event whose mistakes MkDocs shows as one plain line (a PluginError)."""

    @functools.wraps(event)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return event(*args, **kwargs)
        except BuildError as error:
            raise PluginError(str(error)) from None

    return run


def project_root(config: MkDocsConfig) -> Path:
    """The folder holding mkdocs.yml, so builds work from any working directory."""
    return Path(config.config_file_path).resolve().parent


def add_pages(config: MkDocsConfig, files: Files, pages: Mapping[str, str]) -> None:
    """Add generated Markdown pages; a hand-written file at the same path is a mistake."""
    for src_uri, content in pages.items():
        existing = files.get_file_from_path(src_uri)
        if existing is not None and existing.generated_by is None:
            raise PluginError(
                f"{config.docs_dir}/{src_uri} exists, but this page is generated from scale/ at "
                "build time: delete the hand-written file"
            )
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, src_uri, content=content))


def runtime(caller: str) -> Runtime:
    """The self-assessment's runtime as the assessment_runtime hook worked it out this build."""
    wanted = Path(__file__).resolve().parent / "assessment_runtime.py"
    for module in list(sys.modules.values()):
        found = getattr(module, "__file__", None)
        if found and Path(found).resolve() == wanted and hasattr(module, "runtime"):
            value: Runtime = module.runtime
            return value
    raise PluginError(
        f"{caller}: the assessment_runtime hook is not loaded; list "
        f"overrides/hooks/assessment_runtime.py before {caller}.py in mkdocs.yml"
    )
