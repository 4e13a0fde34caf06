"""MkDocs hook: what the planning tool pages (site_src/tools/) need (sitegen.tools).

Writes assets/tools/planning.json, checks that each tool page (front matter
`template: tools/<name>.html`) marks where its tool goes, and gives its template the rules and
the asset URLs as `tool`. The runtime's version comes from the assessment_runtime hook.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hook_support import project_root, reported, runtime
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from sitegen.project import scale_dir
from sitegen.tools import (
    Planning,
    check_marker,
    is_tool_page,
    load_planning,
    tool_context,
    write_planning,
)

planning: Planning | None = None


@reported
def on_pre_build(config: MkDocsConfig) -> None:
    global planning
    planning = load_planning(scale_dir(project_root(config)))


@reported
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if is_tool_page(page.meta.get("template")):
        check_marker(page.file.src_uri, html)
    return html


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    if is_tool_page(page.meta.get("template")):
        assert planning is not None, "on_pre_build runs first"
        context["tool"] = tool_context(planning, runtime("tools_pages"))
    return context


def on_post_build(config: MkDocsConfig) -> None:
    assert planning is not None, "on_pre_build runs first"
    write_planning(planning, Path(config.site_dir))
