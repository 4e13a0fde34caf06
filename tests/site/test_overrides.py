"""Material partials copied into overrides/ differ from the installed Material only by our fixes,
so an upgrade of Material that changes them fails here instead of drifting silently."""

from __future__ import annotations

import re
from pathlib import Path

import material

MATERIAL = Path(material.__file__).resolve().parent / "templates"

# partial -> the exact replacements our copy makes, as (Material's text, ours)
CHANGES = {
    "partials/search.html": [
        (
            '<div class="md-search" data-md-component="search" role="dialog">',
            '<div class="md-search" data-md-component="search" role="dialog" '
            "aria-label=\"{{ lang.t('search') }}\">",
        ),
        (' autocorrect="off"', ""),
    ],
    "partials/nav-item.html": [
        (
            '{% set checked = "checked" if nav_item.active %}',
            '{% set checked = "checked" if nav_item.active and not '
            '(level == 1 and page and page.file.src_uri == "index.md") %}',
        ),
        (
            '<label class="md-nav__link" for="{{ path }}" id="{{ path }}_label" '
            'tabindex="{{ tabindex }}">',
            '<label class="md-nav__link" for="{{ path }}" id="{{ path }}_label"'
            '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>',
        ),
        (
            '<label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label" '
            'tabindex="{{ tabindex }}">',
            '<label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label"'
            '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>\n'
            + " " * 16
            + '<span class="ips-visually-hidden">{{ nav_item.title | e }}</span>',
        ),
    ],
}


def _without_comments(template: str) -> str:
    """Template text without Jinja comments and blank lines (headers and CHANGED notes)."""
    stripped = re.sub(r"\{#.*?#\}", "", template, flags=re.S)
    return "\n".join(line for line in stripped.splitlines() if line.strip())


def test_copied_partials_match_material_apart_from_our_fixes(root: Path) -> None:
    for name, changes in CHANGES.items():
        expected = (MATERIAL / name).read_text(encoding="utf-8")
        for original, replacement in changes:
            assert expected.count(original) == 1, (name, original)
            expected = expected.replace(original, replacement)
        ours = (root / "overrides" / name).read_text(encoding="utf-8")
        assert _without_comments(ours) == _without_comments(expected), name


def test_base_template_still_has_what_the_hooks_and_scripts_replace() -> None:
    """accessibility.py and md-scope.js rely on these exact pieces of Material's markup."""
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    assert base.count('type="checkbox"') == 2 and base.count('autocomplete="off"') == 2
    scope = (MATERIAL / "partials" / "javascripts" / "base.html").read_text(encoding="utf-8")
    for helper in ("__md_scope", "__md_hash", "__md_get", "__md_set"):
        assert helper in scope
    toc = (MATERIAL / "partials" / "toc.html").read_text(encoding="utf-8")
    assert '<label class="md-nav__title" for="__toc">' in toc
