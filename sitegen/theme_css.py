"""The theme's stylesheets, cut down to the rules this site can ever use.

Material's main.css (138 KB) and palette.css are render-blocking on every page, and on a phone's
first visit their download is most of the wait before the first paint. They style every feature
the theme has (admonition kinds, code annotations, versions, a repository link, a dark scheme,
twenty colours); this site uses a few. A rule is dropped only when it cannot match: a class or
an attribute value it requires appears in no built page and nowhere in the site's scripts
(which is where the theme's own script names the classes it adds). Anything inside :is(), :not()
and the like is never a reason to drop, nor is any rule without a class or an attribute value.

The cut files lose the hash in their names, which was the theme's and no longer names their
content: sitegen.asset_urls then gives them this build's `?v=`, as it does every other file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sitegen.project import built_pages

STYLESHEETS = Path("assets") / "stylesheets"
# main.57a0d79d.min.css -> main.min.css; the map describes the uncut file, so it goes.
_THEME_NAME = re.compile(r"^(?P<stem>main|palette)\.[0-9a-f]{8}\.min\.css$")
_CLASS_ATTRIBUTE = re.compile(r"""\sclass=(["'])([^"']*)\1""")
_ATTRIBUTE_VALUE = re.compile(r"""\s[\w:-]+=(["'])([^"']{1,80})\1""")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*$")
_TOP_COMMA = re.compile(r",(?![^()]*\))")
_IN_PARENS = re.compile(r"\([^()]*\)")
_REQUIRED_CLASS = re.compile(r"\.(-?[A-Za-z_][A-Za-z0-9_-]*)")
_REQUIRED_VALUE = re.compile(r"""\[\s*[\w-]+\s*=\s*["']?([^"'\]]+)["']?\s*\]""")
_DATA_URL_PROPERTY = re.compile(r"""(--[A-Za-z0-9_-]+):url\("data:[^"]*"\);?""")
_VAR = re.compile(r"var\((--[A-Za-z0-9_-]+)")


@dataclass(frozen=True)
class UsedNames:
    """Every class and attribute value a page or a script of the site can put in the DOM."""

    classes: frozenset[str]
    values: frozenset[str]


def used_names(pages: Iterable[str], scripts: Iterable[str]) -> UsedNames:
    """The names in the built pages' markup, and every name in the scripts."""
    classes: set[str] = set()
    values: set[str] = set()
    for html in pages:
        for found in _CLASS_ATTRIBUTE.finditer(html):
            classes.update(found.group(2).split())
        values.update(found.group(2) for found in _ATTRIBUTE_VALUE.finditer(html))
    for script in scripts:
        # Every name in the script, not only its string literals: a class can be put together
        # from parts, and telling strings from regular expressions needs a parser.
        names = _NAME.findall(script)
        classes.update(names)
        values.update(names)
    return UsedNames(frozenset(classes), frozenset(values | classes))


def _can_match(selector: str, used: UsedNames) -> bool:
    """False only when the selector needs a class or attribute value nothing can give it."""
    outside = selector
    while _IN_PARENS.search(outside):
        outside = _IN_PARENS.sub("", outside)
    values = _REQUIRED_VALUE.findall(outside)
    outside = re.sub(r"\[[^\]]*\]", "", outside)
    classes = _REQUIRED_CLASS.findall(outside)
    return all(name in used.classes for name in classes) and all(v in used.values for v in values)


def _block_end(css: str, start: int) -> int:
    """The index just after the brace that closes the block opened at `start`."""
    depth = 0
    for index in range(start, len(css)):
        if css[index] == "{":
            depth += 1
        elif css[index] == "}":
            depth -= 1
            if depth == 0:
                return index + 1
    raise ValueError(f"a block opened at character {start} is never closed")


def cut_rules(css: str, used: UsedNames) -> str:
    """The stylesheet (minified, as the theme ships it) without the rules that cannot match."""
    out: list[str] = []
    position = 0
    while (opening := css.find("{", position)) >= 0:
        prelude = css[position:opening]
        end = _block_end(css, opening)
        body = css[opening + 1 : end - 1]
        head = prelude.strip()
        if (
            head.startswith("@")
            and "{" in body
            and not head.startswith(("@keyframes", "@font-face"))
        ):
            inner = cut_rules(body, used)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif head.startswith("@"):
            out.append(css[position:end])
        else:
            kept = [part for part in _TOP_COMMA.split(prelude) if _can_match(part, used)]
            if kept:
                out.append(f"{','.join(kept)}{{{body}}}")
        position = end
    return "".join(out)


def drop_unused_icons(css: str) -> str:
    """Remove custom properties holding a data: URL (the theme's icons) that no rule uses."""
    used = set(_VAR.findall(css))
    return _DATA_URL_PROPERTY.sub(
        lambda found: found.group(0) if found.group(1) in used else "", css
    )


def cut_theme_stylesheets(site: Path) -> dict[str, str]:
    """Cut the theme's stylesheets in a built site, rename them and point every page at the new
    names. Returns {old name: new name}; run before the pages' references are versioned."""
    folder = site / STYLESHEETS
    targets = sorted(path for path in folder.glob("*.min.css") if _THEME_NAME.match(path.name))
    if not targets:
        return {}
    pages = {path: path.read_text(encoding="utf-8") for path in built_pages(site)}
    scripts = [
        path.read_text(encoding="utf-8", errors="replace")
        for path in sorted((site / "assets").rglob("*.js"))
        if "pyodide" not in path.relative_to(site).parts
    ]
    used = used_names(pages.values(), scripts)
    renamed: dict[str, str] = {}
    for path in targets:
        match = _THEME_NAME.match(path.name)
        assert match is not None
        new_name = f"{match.group('stem')}.min.css"
        css = _SOURCE_MAP.sub("", path.read_text(encoding="utf-8"))
        (folder / new_name).write_text(drop_unused_icons(cut_rules(css, used)), encoding="utf-8")
        path.unlink()
        path.with_name(path.name + ".map").unlink(missing_ok=True)
        renamed[path.name] = new_name
    for page, html in pages.items():
        new = html
        for old_name, new_name in renamed.items():
            new = new.replace(f"stylesheets/{old_name}", f"stylesheets/{new_name}")
        if new != html:
            page.write_text(new, encoding="utf-8")
    return renamed
