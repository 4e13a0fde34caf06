"""MkDocs hook: fix Nu HTML Checker errors in Material's markup that no template block can
reach (sitegen.accessibility says which and why), in every page and static template."""

from __future__ import annotations

import hook_support  # noqa: F401  (puts the repository root on sys.path, for sitegen)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from sitegen.accessibility import fix_page, fix_template

log = get_plugin_logger(__name__)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    fixed, count = fix_page(output)
    if count:
        log.debug("%s: removed autocomplete from %d checkboxes", page.file.src_uri, count)
    return fixed


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The same fix for static templates such as 404.html, which are not pages."""
    return fix_template(output_content)
