"""MkDocs hook: the scale's pages, generated from scale/ at build time and never committed
(sitegen.scale_pages).

Adds scale/index.md (the scale at a glance), scale/scoring.md (how scores are calculated) and
one guidance page per item at scale/items/<id>.md, and puts the item pages into the nav under
"The scale", one section per IPS principle, in the order scale/ gives.
"""

from __future__ import annotations

from hook_support import add_pages, project_root, reported
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from sitegen.project import scale_dir
from sitegen.scale_pages import LoadedScale, add_items_to_nav, load, scale_pages

log = get_plugin_logger(__name__)

loaded: LoadedScale | None = None


@reported
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check scale/ once per build; a mistake stops the build with file and line."""
    global loaded
    loaded = load(scale_dir(project_root(config)))
    # The nav as mkdocs.yml wrote it (plain lists and mappings), before MkDocs reads it.
    add_items_to_nav(config.nav or [], loaded.scale)
    return config


@reported
def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert loaded is not None, "on_config runs first"
    pages = scale_pages(loaded)
    add_pages(config, files, pages)
    log.debug("generated %d scale pages", len(pages))
    return files
