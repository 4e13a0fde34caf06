"""Fixtures for the site tests: the built pages, the scale YAML read directly, one Chromium.

The YAML is read with PyYAML here, not through the scorer, so the tests compare the built
HTML with what scale/ holds rather than with what the build code believes it holds.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


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


@pytest.fixture(scope="session")
def pages(built_site: Path) -> list[Path]:
    found = html_pages(built_site)
    assert found, "the build produced no pages"
    return found


@pytest.fixture(scope="session")
def scale_yaml(root: Path) -> dict[str, Any]:
    """scale.yaml plus the item files, as plain data."""
    top = yaml.safe_load((root / "scale" / "scale.yaml").read_text(encoding="utf-8"))
    top["items"] = [
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((root / "scale" / "items").glob("*.yaml"))
    ]
    return top


@pytest.fixture(scope="session")
def content_yaml(root: Path) -> dict[str, Any]:
    """faq, centres, review and growth YAML, by file stem."""
    return {
        name: yaml.safe_load((root / "scale" / f"{name}.yaml").read_text(encoding="utf-8"))
        for name in ("faq", "centres", "review", "growth")
    }


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium for the whole session (Debian's, never a downloaded one)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: ./dev test installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def java() -> str:
    path = shutil.which("java")
    if path is None:
        pytest.fail("Java is required for the Nu HTML Checker: ./dev test installs it")
    return path
