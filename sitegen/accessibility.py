"""Fix Nu HTML Checker errors in the theme's markup that no template block can reach.

- Material's base.html writes its drawer and search toggles as
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

_TOGGLE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def fix_page(html: str) -> tuple[str, int]:
    """A rendered page with both fixes, and how many checkboxes lost their autocomplete."""
    fixed, count = _TOGGLE.subn(r"\1", html)
    if 'id="__toc"' not in fixed:
        fixed = fixed.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return fixed, count


def fix_template(html: str) -> str:
    """The checkbox fix for static templates such as 404.html, which are not pages."""
    return _TOGGLE.sub(r"\1", html)
