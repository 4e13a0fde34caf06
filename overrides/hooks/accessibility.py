"""Hook: fix Nu HTML Checker errors in Material's markup that no template block can reach.

- base.html writes its drawer and search toggles as
  `<input class="md-toggle" ... type="checkbox" ... autocomplete="off">` outside any block,
  and `autocomplete` is not allowed on checkboxes. The attribute is removed after rendering.
  Material added it so a browser does not restore an open drawer or search box when you go
  back; overrides/assets/site/toggles.js closes both on load instead.
- toc.html labels the table of contents with `<label for="__toc">`, but the `__toc` checkbox
  only exists on pages that are not a section's index page. Where it is missing, the label
  points at nothing, so its `for` is dropped (the label keeps its text).
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

_TOGGLE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')


_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    fixed, count = _TOGGLE.subn(r"\1", output)
    if count:
        log.debug("%s: removed autocomplete from %d checkboxes", page.file.src_uri, count)
    if 'id="__toc"' not in fixed:
        fixed = fixed.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return fixed


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The same fix for static templates such as 404.html, which are not pages."""
    return _TOGGLE.sub(r"\1", output_content)
