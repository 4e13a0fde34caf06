"""What the service worker keeps: the built site's pages and the files each one uses.

Not a hook itself (mkdocs.yml does not list it): assessment_runtime imports it to write sw.js.
MkDocs puts overrides/hooks/ on sys.path while it loads each hook.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.exceptions import PluginError

# src and href, and the data-* attributes through which pages give their scripts file URLs.
_REFERENCE = re.compile(r"""\b(?:src|href|data-[\w-]+)\s*=\s*["']([^"'#]+)["']""")


def site_pages(site: Path) -> list[str]:
    """Every page of the built site, as its folder URL ("" for the home page)."""
    pages = []
    for index in sorted(site.rglob("index.html")):
        folder = index.parent.relative_to(site).as_posix()
        pages.append("./" if folder == "." else folder + "/")
    return pages


def page_assets(site: Path, page_url: str) -> list[str]:
    """Same-origin files a built page refers to (styles, scripts, icons, its data files)."""
    page = site / page_url / "index.html"
    if not page.is_file():
        raise PluginError(f"the service worker: the page {page_url!r} was not built at {page}")
    base = f"https://site.invalid/{page_url}"
    found: list[str] = []
    for reference in _REFERENCE.findall(page.read_text(encoding="utf-8")):
        if len(reference) > 300 or any(c.isspace() for c in reference):
            continue  # a data-* attribute holding words, not a file
        url = urlsplit(urljoin(base, reference))
        if url.netloc != "site.invalid" or not url.path.startswith("/"):
            continue
        path = url.path.lstrip("/")
        if not path or path.endswith("/") or path == "sw.js":
            continue  # links to other pages: each is in the list as a page of its own
        if (site / path).is_file():
            found.append(path + (f"?{url.query}" if url.query else ""))
    return found


def theme_extras(site: Path) -> list[str]:
    """What the theme fetches by script rather than by tag: the search worker and its index,
    so the site's search box does not fail when the assessment is used offline."""
    found = sorted(site.glob("assets/javascripts/workers/*.js"))
    index = site / "search" / "search_index.json"
    if index.is_file():
        found.append(index)
    return [path.relative_to(site).as_posix() for path in found]


def manifest_icons(site: Path) -> list[str]:
    """The icons the web app manifest names (with their ?v=), which no page links to itself."""
    manifest = site / "manifest.webmanifest"
    if not manifest.is_file():
        return []
    icons = json.loads(manifest.read_text(encoding="utf-8")).get("icons", [])
    return [str(icon["src"]) for icon in icons]


def scorer_pages(site: Path) -> list[str]:
    """The pages that start the scorer (they give their script the worker's URL)."""
    worker = "assets/assessment/worker.js"
    return [
        page
        for page in site_pages(site)
        if any(url.split("?")[0] == worker for url in page_assets(site, page))
    ]
