"""MkDocs hook: the Centres, review and growth pages, generated from scale/*.yaml at build
time (sitegen.content_pages).

Adds centres/index.md (the directory), centres/visiting.md, centres/faq.md, reviews/index.md
and growth.md. A Centre's status is worked out for the build date (IPS_SITE_BUILD_DATE pins it).
"""

from __future__ import annotations

from hook_support import add_pages, project_root, reported
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from sitegen.content_pages import content_pages
from sitegen.project import build_date, scale_dir

log = get_plugin_logger(__name__)


@reported
def on_files(files: Files, config: MkDocsConfig) -> Files:
    today = build_date()
    add_pages(config, files, content_pages(scale_dir(project_root(config)), today))
    log.debug("Centres status worked out for %s", today.isoformat())
    return files
