"""sitegen.theme_css: the theme's stylesheets keep every rule that can match, and only those."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.theme_css import (
    UsedNames,
    cut_rules,
    cut_theme_stylesheets,
    drop_unused_icons,
    used_names,
)

USED = UsedNames(
    classes=frozenset({"md-typeset", "admonition", "md-nav"}), values=frozenset({"ltr", "indigo"})
)


def test_names_come_from_markup_and_from_anywhere_in_scripts() -> None:
    used = used_names(
        ['<div class="md-typeset  note"><p dir="ltr">x</p></div>'],
        ['x("div",{class:"md-tooltip"}); el.classList.add(`is-${state}`, prefix + "__inner")'],
    )
    assert {"md-typeset", "note", "md-tooltip", "__inner", "classList"} <= used.classes
    assert {"ltr", "md-tooltip"} <= used.values


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        # a class nothing uses, and one that is used
        (".md-source{color:red}.md-nav{color:blue}", ".md-nav{color:blue}"),
        # a selector list keeps the selectors that can match
        (".md-source a,.md-nav a{margin:0}", ".md-nav a{margin:0}"),
        # no class and no attribute value: always kept
        ("body{margin:0}a:hover{color:red}", "body{margin:0}a:hover{color:red}"),
        # an attribute value nothing has, and one a page has
        ("[dir=rtl] .md-nav{left:0}[dir=ltr] .md-nav{right:0}", "[dir=ltr] .md-nav{right:0}"),
        ('[data-md-color-primary="red"]{--x:1}', ""),
        # an attribute's presence alone is never a reason
        ("[hidden].md-nav{display:none}", "[hidden].md-nav{display:none}"),
        # inside :is() and :not() is never a reason either
        (
            ".md-typeset :is(.tabbed-set,.admonition){margin:1em}",
            ".md-typeset :is(.tabbed-set,.admonition){margin:1em}",
        ),
        (".md-nav:not(.md-source){color:red}", ".md-nav:not(.md-source){color:red}"),
        # an at-rule keeps what can match inside it, and goes when nothing is left
        (
            "@media print{.md-source{display:none}.md-nav{display:none}}",
            "@media print{.md-nav{display:none}}",
        ),
        ("@media screen{.md-source{display:none}}", ""),
        (
            "@supports (display:grid){@media print{.md-nav{x:1}}}",
            "@supports (display:grid){@media print{.md-nav{x:1}}}",
        ),
        # keyframes and at-rules without a block of rules are kept as they are
        (
            "@keyframes spin{0%{opacity:0}to{opacity:1}}",
            "@keyframes spin{0%{opacity:0}to{opacity:1}}",
        ),
        ('@charset "utf-8";.md-nav{x:1}', '@charset "utf-8";.md-nav{x:1}'),
    ],
)
def test_rules_that_cannot_match_are_cut(css: str, expected: str) -> None:
    assert cut_rules(css, USED) == expected


def test_an_unclosed_block_is_named() -> None:
    with pytest.raises(ValueError, match="never closed"):
        cut_rules(".md-nav{color:red", USED)


def test_icons_no_rule_uses_go_and_used_ones_stay() -> None:
    css = ':root{--a-icon:url("data:image/svg+xml;charset=utf-8,<svg/>");--b-icon:url("data:x");--c:1}.x{mask-image:var(--b-icon)}'
    assert (
        drop_unused_icons(css) == ':root{--b-icon:url("data:x");--c:1}.x{mask-image:var(--b-icon)}'
    )


def test_a_built_site_gets_cut_renamed_stylesheets_and_pages_that_name_them(tmp_path: Path) -> None:
    sheets = tmp_path / "assets" / "stylesheets"
    sheets.mkdir(parents=True)
    (sheets / "main.0123abcd.min.css").write_text(
        ".md-nav{a:1}.md-source{b:2}\n/*# sourceMappingURL=main.0123abcd.min.css.map*/",
        encoding="utf-8",
    )
    (sheets / "main.0123abcd.min.css.map").write_text("{}", encoding="utf-8")
    (sheets / "palette.89abcdef.min.css").write_text(
        "[data-md-color-primary=red]{c:3}", encoding="utf-8"
    )
    scripts = tmp_path / "assets" / "javascripts"
    scripts.mkdir()
    (scripts / "bundle.js").write_text('h("div",{class:"md-tooltip"})', encoding="utf-8")
    page = tmp_path / "scale" / "index.html"
    page.parent.mkdir()
    page.write_text(
        '<link rel="stylesheet" href="../assets/stylesheets/main.0123abcd.min.css">'
        '<link rel="stylesheet" href="../assets/stylesheets/palette.89abcdef.min.css">'
        '<nav class="md-nav"></nav>',
        encoding="utf-8",
    )

    renamed = cut_theme_stylesheets(tmp_path)

    assert renamed == {
        "main.0123abcd.min.css": "main.min.css",
        "palette.89abcdef.min.css": "palette.min.css",
    }
    assert sorted(path.name for path in sheets.iterdir()) == ["main.min.css", "palette.min.css"]
    assert (sheets / "main.min.css").read_text(encoding="utf-8") == ".md-nav{a:1}"
    assert (sheets / "palette.min.css").read_text(encoding="utf-8") == ""
    html = page.read_text(encoding="utf-8")
    assert "stylesheets/main.min.css" in html and "stylesheets/palette.min.css" in html
    assert "0123abcd" not in html
    # A second run finds nothing of the theme's left to cut.
    assert cut_theme_stylesheets(tmp_path) == {}
