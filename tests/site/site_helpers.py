"""Helpers shared by the site tests: the built pages and their text."""

from __future__ import annotations

import html
import re
from pathlib import Path


def html_pages(site: Path) -> list[Path]:
    """Every HTML page of the built site (theme assets are not pages)."""
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)


def page_url(site: Path, page: Path) -> str:
    """A page's address relative to the site root, as a static host serves it."""
    relative = page.relative_to(site).as_posix()
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def text(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed; inline tags leave no gap."""
    inline = re.sub(r"</?(?:a|abbr|b|code|em|i|mark|span|strong)\b[^>]*>", "", fragment)
    without_tags = re.sub(r"<[^>]+>", " ", inline)
    return " ".join(html.unescape(without_tags).split())


def article(page_html: str) -> str:
    """The page's main content (Material's <article>), without navigation and footer."""
    start = page_html.index('<article class="md-content__inner')
    return page_html[start : page_html.index("</article>", start)]
