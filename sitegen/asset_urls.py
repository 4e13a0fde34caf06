"""Every file a built page loads is asked for by a URL that names its content.

sitegen.runtime.publish calls `version_pages` on
post_build, after every script is final and before the service worker lists what it keeps.

A page's own <link>/<script>/<img> references to files of this site that carry no query yet
(assets/site/site.css, assets/site/offline.js, the icons, the manifest ...) get `?v=` and the
first characters of their SHA-256, so a new release's page can only ever load the new release's
files, from the network, the browser's cache or the service worker alike. Files whose names
already hold a hash (Material's bundle.a5f9d56c.min.js) and URLs with a query (the scorer's
?v= build version) are left as they are.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from sitegen.project import built_pages

# src= and href= in tags; the value stops at a quote, and a query or fragment is left alone.
_ATTRIBUTE = re.compile(r"""(\s(?:src|href)=)(["'])([^"'?#\s]+)\2""")
# What a page loads as a file (a link to a page or a download is not among these).
VERSIONED_SUFFIXES = frozenset(
    {".css", ".js", ".mjs", ".png", ".svg", ".ico", ".webmanifest", ".json", ".webp", ".jpg"}
)
# Material names its bundles by their hash already: bundle.a5f9d56c.min.js.
_HASHED_NAME = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$")
_BASE = "https://site.invalid/"


def content_version(data: bytes) -> str:
    """The ?v= value of a file: the start of its SHA-256."""
    return hashlib.sha256(data).hexdigest()[:10]


def _site_file(site: Path, page: str, reference: str) -> Path | None:
    """The built file a page's reference names, or None (another site, a page, a folder)."""
    url = urlsplit(urljoin(_BASE + page, reference))
    if f"{url.scheme}://{url.netloc}/" != _BASE:
        return None
    relative = PurePosixPath(url.path.lstrip("/"))
    if relative.suffix not in VERSIONED_SUFFIXES or _HASHED_NAME.search(relative.name):
        return None
    target = site.joinpath(*relative.parts)
    return target if target.is_file() else None


def version_page(html: str, site: Path, page: str, versions: dict[Path, str]) -> str:
    """The page's HTML with `?v=` on every unversioned reference to one of the site's files.

    page: the page's own path in the site ("scale/index.html"), to resolve relative links.
    versions: a cache of file -> version shared between the pages of one build."""

    def versioned(found: re.Match[str]) -> str:
        attribute, quote, reference = found.groups()
        target = _site_file(site, page, reference)
        if target is None:
            return found.group(0)
        if target not in versions:
            versions[target] = content_version(target.read_bytes())
        return f"{attribute}{quote}{reference}?v={versions[target]}{quote}"

    return _ATTRIBUTE.sub(versioned, html)


MANIFEST = "manifest.webmanifest"


def version_manifest(site: Path) -> list[str]:
    """Give the web app manifest's icons `?v=` too; returns their URLs, relative to the site."""
    path = site / MANIFEST
    if not path.is_file():
        return []
    manifest = json.loads(path.read_text(encoding="utf-8"))
    urls = []
    for icon in manifest.get("icons", []):
        source = str(icon["src"]).split("?")[0]
        target = _site_file(site, MANIFEST, source)
        if target is None:
            raise ValueError(f"{MANIFEST}: the icon {source} is not among the site's files")
        icon["src"] = f"{source}?v={content_version(target.read_bytes())}"
        urls.append(icon["src"])
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return urls


def version_pages(site: Path) -> int:
    """Version the references of every built HTML page in place; returns how many changed.

    The manifest's icons are versioned first, so the manifest's own version covers them."""
    version_manifest(site)
    versions: dict[Path, str] = {}
    changed = 0
    for path in built_pages(site):
        html = path.read_text(encoding="utf-8")
        new = version_page(html, site, path.relative_to(site).as_posix(), versions)
        if new != html:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed
