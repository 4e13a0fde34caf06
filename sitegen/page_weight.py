"""Lighter pages: the indentation the templates leave in every built page is taken out.

sitegen.runtime.publish calls `compact_pages` on
post_build, before the pages' files are versioned and the service worker lists them.

Material's templates indent deeply, and a third of a guidance page's bytes (a sixth of the
self-assessment's) were spaces at the start of lines. On a phone's first visit the page is the
first thing fetched and nothing paints before it has arrived, so those bytes delay the first
paint directly. Only whitespace at the start of a line goes, and blank lines; a line break
stays where there was one, so what a browser renders is the same. Whatever sits inside
<pre>, <textarea>, <script> and <style> is left exactly as it was.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitegen.project import built_pages

# Elements whose content is kept byte for byte: their whitespace can matter.
_KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]+")
_BLANK_LINES = re.compile(r"\n{2,}")


def compact(html: str) -> str:
    """The page without indentation or blank lines outside the elements kept as they are."""
    parts = _KEEP.split(html)
    out = []
    # re.split with two groups gives: text, whole kept element, its tag name, text, ...
    for index in range(0, len(parts), 3):
        text = _BLANK_LINES.sub("\n", _INDENT.sub("\n", parts[index]))
        out.append(text)
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)


def compact_pages(site: Path) -> int:
    """Compact every built HTML page in place; returns the bytes saved."""
    saved = 0
    for path in built_pages(site):
        html = path.read_text(encoding="utf-8")
        smaller = compact(html)
        if smaller != html:
            path.write_text(smaller, encoding="utf-8")
            saved += len(html.encode()) - len(smaller.encode())
    return saved
