"""The service worker's list: the built site's pages and the files each one uses, and sw.js.

sw.js sits at the site's root. PRECACHE is every page of the site with the files they use, and
the runtime; the runtime (ON_DEMAND, 13 MB) is only fetched once a page that starts the scorer
asks for it, so a visit to a guidance page alone makes every guidance page work offline without
it. VERSION is a hash of every file it precaches, so a new build replaces the old cache.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from sitegen.errors import BuildError
from sitegen.project import OVERRIDES, digest
from sitegen.runtime import (
    ASSESSMENT_DIR,
    PYODIDE_DIR,
    PYODIDE_FILES,
    SCORER_DIR,
    SHARED_MODULES,
    SW_OUTPUT,
    SW_SOURCE,
    TOOLS_DIR,
    Runtime,
    tool_modules,
)

# src and href, and the data-* attributes through which pages give their scripts file URLs.
_REFERENCE = re.compile(r"""\b(?:src|href|data-[\w-]+)\s*=\s*["']([^"'#]+)["']""")


def site_pages(site: Path) -> list[str]:
    """Every page of the built site, as its folder URL ("./" for the home page)."""
    pages = []
    for index in sorted(site.rglob("index.html")):
        folder = index.parent.relative_to(site).as_posix()
        pages.append("./" if folder == "." else folder + "/")
    return pages


def page_assets(site: Path, page_url: str) -> list[str]:
    """Same-origin files a built page refers to (styles, scripts, icons, its data files)."""
    page = site / page_url / "index.html"
    if not page.is_file():
        raise BuildError(f"the service worker: the page {page_url!r} was not built at {page}")
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


def precache_list(site: Path, runtime: Runtime) -> list[str]:
    """Every URL the service worker keeps, sorted: the pages, what they use, and the runtime."""
    version = runtime.version
    return sorted(
        {
            *(url for page in site_pages(site) for url in (page, *page_assets(site, page))),
            *theme_extras(site),
            *manifest_icons(site),
            *(f"{PYODIDE_DIR}/{name}" for name in PYODIDE_FILES),
            f"{SCORER_DIR}/{runtime.wheel_name}?v={version}",
            f"{SCORER_DIR}/scale.json?v={version}",
            f"{ASSESSMENT_DIR}/worker.js?v={version}",
            *(f"{ASSESSMENT_DIR}/{name}?v={version}" for name in SHARED_MODULES),
            *(f"{TOOLS_DIR}/{path.name}?v={version}" for path in tool_modules()),
        }
    )


def write_service_worker(site: Path, runtime: Runtime) -> tuple[str, int]:
    """Write sw.js at the root of the built site; its version and how many files it keeps."""
    source = OVERRIDES / SW_SOURCE
    if not source.is_file():
        raise BuildError(f"assessment_runtime: the service worker source {source} is missing")
    precache = precache_list(site, runtime)
    code = source.read_text(encoding="utf-8")
    parts: list[bytes] = [code.encode()]
    for url in precache:
        path = site / (urlsplit(url).path or ".")
        if url == "" or url.endswith("/"):
            path = site / url / "index.html"
        if not path.is_file():
            raise BuildError(
                f"assessment_runtime: the service worker would cache {url}, which was not built"
            )
        parts += [url.encode(), path.read_bytes()]
    version = digest(*parts)[:16]
    header = (
        "// Generated at build time by sitegen/service_worker.py from "
        f"overrides/{SW_SOURCE}; do not edit.\n"
        f"const VERSION = {json.dumps(version)};\n"
        f"const PRECACHE = {json.dumps(precache, indent=1)};\n"
        f"const ON_DEMAND = {json.dumps([f'{PYODIDE_DIR}/{name}' for name in PYODIDE_FILES])};\n"
        f"const SCORER_PAGES = {json.dumps(scorer_pages(site))};\n"
    )
    (site / SW_OUTPUT).write_text(header + code, encoding="utf-8")
    return version, len(precache)
