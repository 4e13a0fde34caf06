"""Hook: fix the two Nu HTML Checker errors in Material's base.html that no block can reach.

base.html writes its drawer and search toggles as
`<input class="md-toggle" ... type="checkbox" ... autocomplete="off">` outside any template
block, and `autocomplete` is not allowed on checkboxes. The attribute is removed here, after
rendering. Material added it so Firefox does not restore an open drawer or search box when you
go back; overrides/assets/site/toggles.js unchecks both toggles on load instead.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

_TOGGLE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    fixed, count = _TOGGLE.subn(r"\1", output)
    if count:
        log.debug("%s: removed autocomplete from %d checkboxes", page.file.src_uri, count)
    return fixed


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The same fix for static templates such as 404.html, which are not pages."""
    return _TOGGLE.sub(r"\1", output_content)
