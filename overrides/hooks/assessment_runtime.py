"""MkDocs hook: everything the self-assessment page needs to score answers on the device.

sitegen.runtime loads the scale, builds the scorer wheel and works out the build's version
before anything else; after the build it copies the Pyodide runtime, writes the wheel and
scale.json, versions the scripts' imports and stamps the worker. sitegen.service_worker then
writes sw.js at the root, keeping every page and file the other hooks wrote too. The page's
template (overrides/self-assessment.html) gets the scale and the asset URLs as `assessment`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hook_support import project_root, reported
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from sitegen.project import scale_dir
from sitegen.runtime import (
    SW_SOURCE,
    TEMPLATE,
    Runtime,
    assessment_context,
    item_anchor_ids,
    prepare,
    publish,
)
from sitegen.service_worker import write_service_worker

log = get_plugin_logger("assessment_runtime")

# This build's runtime; the tools and team hooks read it (hook_support.runtime).
runtime = Runtime()


@reported
def on_pre_build(config: MkDocsConfig) -> None:
    global runtime
    root = project_root(config)
    runtime = prepare(root, scale_dir(root), log.info)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """The service worker's source is published at the root by on_post_build, not in assets/."""
    source = files.get_file_from_path(SW_SOURCE)
    if source is not None:
        files.remove(source)
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The template makes the form after Markdown: tell MkDocs's anchor check its item ids."""
    if page.meta.get("template") == TEMPLATE and page.present_anchor_ids is not None:
        page.present_anchor_ids.update(item_anchor_ids(runtime))
    return html


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    if page.meta.get("template") == TEMPLATE:
        context["assessment"] = assessment_context(runtime)
    return context


@event_priority(-50)  # after the other hooks have written their files: sw.js keeps them too
@reported
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    publish(runtime, site)
    version, count = write_service_worker(site, runtime)
    log.debug("service worker %s caches %d files", version, count)
