"""Installable (issue 20): the web app manifest, the icons drawn for the site, the links every
page carries, the offline page, and asset URLs that name their content."""

from __future__ import annotations

import json
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from site_helpers import html_pages, page_url

INDIGO = "#4051b5"


def _manifest(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    return data


def _png(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the RGBA rows of one of the site's PNG icons (8-bit RGBA, filter 0)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert (depth, colour) == (8, 6), f"{path}: expected 8-bit RGBA"
    start = data.index(b"IDAT") + 4
    length = struct.unpack(">I", data[start - 8 : start - 4])[0]
    return width, height, zlib.decompress(data[start : start + length])


def _pixel(rows: bytes, width: int, x: int, y: int) -> tuple[int, ...]:
    offset = y * (width * 4 + 1) + 1 + x * 4
    return tuple(rows[offset : offset + 4])


def test_manifest_names_the_site_and_opens_standalone(built_site: Path) -> None:
    manifest = _manifest(built_site)
    assert manifest["name"].startswith("IPS Fidelity")
    assert manifest["short_name"] == "IPS Fidelity" and len(manifest["short_name"]) <= 12
    assert manifest["start_url"] == "./" and manifest["scope"] == "./"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == INDIGO and manifest["background_color"] == INDIGO


def test_manifest_icons_have_their_sizes_and_a_maskable_one(built_site: Path) -> None:
    icons = _manifest(built_site)["icons"]
    seen = set()
    for icon in icons:
        path = built_site / urlsplit(icon["src"]).path
        width, height, rows = _png(path)
        assert icon["sizes"] == f"{width}x{height}" and width == height, icon
        assert icon["type"] == "image/png"
        assert re.search(r"\?v=[0-9a-f]{10}$", icon["src"]), "icons are versioned by content"
        seen.add((width, icon["purpose"]))
        if icon["purpose"] == "maskable":
            # Fills the square (a mask may cut anywhere) and keeps the mark in the safe circle:
            # the corners and the edge of that circle are the plain background.
            assert _pixel(rows, width, 0, 0)[3] == 255
            edge = int(width * 0.5 + width * 0.4 * 0.7071)
            assert _pixel(rows, width, edge, edge) == _pixel(rows, width, 1, 1)
        else:
            assert _pixel(rows, width, 0, 0)[3] == 0, "the 'any' icons have rounded corners"
        # The mark is drawn: white pixels at the centre line of the ring.
        assert (255, 255, 255, 255) in {
            _pixel(rows, width, x, width // 2) for x in range(width // 2)
        }
    assert {(192, "any"), (512, "any"), (512, "maskable")} <= seen


def test_icons_are_the_ones_the_drawing_script_makes(root: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(root / "scripts" / "draw_icons.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout


def test_every_page_links_the_manifest_theme_colour_and_icons(built_site: Path) -> None:
    for page in html_pages(built_site):
        html = page.read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        base = "https://site.invalid/" + page.relative_to(built_site).as_posix()
        for rel in ("manifest", "apple-touch-icon", "icon"):
            found = re.search(rf'<link rel="{rel}"[^>]* href="([^"]+)"', head)
            assert found, f"{page_url(built_site, page)}: no <link rel={rel}>"
            target = urlsplit(urljoin(base, found.group(1)))
            assert (built_site / target.path.lstrip("/")).is_file(), found.group(1)
            assert target.query.startswith("v="), f"{found.group(1)} is not versioned"
        assert f'<meta name="theme-color" content="{INDIGO}">' in head


def test_every_file_a_page_loads_names_its_content(built_site: Path) -> None:
    """assets/site/*.js and *.css were loaded without a version: after a release, the service
    worker gave a new page the old release's copies."""
    loads = re.compile(r'<(?:script|link)\b[^>]*?\s(?:src|href)="([^"]+)"')
    for page in html_pages(built_site):
        for url in loads.findall(page.read_text(encoding="utf-8")):
            if url.startswith("https://") or not re.search(r"\.\w+(\?|$)", url.split("/")[-1]):
                continue  # the canonical link, <link rel=prev/next> to pages
            versioned = "?v=" in url or re.search(r"\.[0-9a-f]{8}\.min\.(js|css)$", url)
            assert versioned, f"{page_url(built_site, page)} loads {url} without a version"


def test_offline_page_links_the_pages_kept_and_is_not_in_the_menu(built_site: Path) -> None:
    html = (built_site / "offline" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in html and "You are offline" in html
    for target in ("self-assessment/", "scale/", "tools/", "privacy/"):
        assert f'href="../{target}"' in html, target
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="offline/"' not in home
    sw = (built_site / "sw.js").read_text(encoding="utf-8")
    assert '"offline/"' in sw
