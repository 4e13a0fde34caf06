"""Browser fixtures: Debian's Chromium through Playwright, against the built site.

The site is served as a static host would serve it: with the Content-Security-Policy of its
_headers file as an HTTP header, on top of each page's <meta> policy. A <meta> policy does not
reach a Web Worker, so this is what puts the Pyodide worker under the policy it gets in
production.

Every request each browser context makes is recorded, and each test fails if any went to
another origin or used a method other than GET.
"""

from __future__ import annotations

import contextlib
import functools
import html
import http.server
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

# pytest runs with --import-mode=importlib, which puts no test folder on sys.path: the helper
# modules beside this file are importable only once this folder is on it.
HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from browser_helpers import PAGE, check_recorder, open_context  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The policy of the brief; used only if the built site declares none.
FALLBACK_CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; "
    "worker-src 'self'; style-src 'self'"
)


def site_csp(site: Path) -> str | None:
    """The Content-Security-Policy a static host sends: the site's _headers file for `/*`,
    else the policy the assessment page declares in its <meta> element."""
    headers = site / "_headers"
    if headers.is_file():
        found = re.findall(r"^\s+Content-Security-Policy:\s*(.+?)\s*$", headers.read_text(), re.M)
        if found:
            return found[0]
    page = (site / PAGE / "index.html").read_text(encoding="utf-8")
    for tag in re.findall(r"<meta\b[^>]*>", page, flags=re.IGNORECASE):
        if re.search(r"http-equiv\s*=\s*[\"']?content-security-policy", tag, re.IGNORECASE):
            found_meta = re.search(r'content\s*=\s*"([^"]*)"', tag)
            if found_meta:
                return html.unescape(found_meta.group(1))
    return None


class _Handler(http.server.SimpleHTTPRequestHandler):
    csp = FALLBACK_CSP
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".whl": "application/zip",
        ".json": "application/json",
    }

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.csp)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def handle(self) -> None:
        # The browser may cancel a request (a page closed mid-download): not an error.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()


@pytest.fixture(scope="session")
def csp_site_url(built_site: Path) -> Iterator[str]:
    """The built site on a loopback port, sending the page's own CSP as a header."""
    handler_class = type("Handler", (_Handler,), {"csp": site_csp(built_site) or FALLBACK_CSP})
    handler = functools.partial(handler_class, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def assessment_url(csp_site_url: str) -> str:
    return csp_site_url + PAGE


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's Chromium is required at {CHROMIUM} (apt-get install chromium)")
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def context(browser: Browser, csp_site_url: str) -> Iterator[BrowserContext]:
    """A fresh browser profile (empty storage, service workers off) checked for requests."""
    context, recorder = open_context(browser, csp_site_url)
    yield context
    context.close()
    check_recorder(recorder)


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture(scope="session")
def axe_source(root: Path) -> str:
    path = root / "node_modules" / "axe-core" / "axe.min.js"
    if not path.is_file():
        pytest.fail("node_modules/axe-core is missing: run npm ci")
    return path.read_text(encoding="utf-8")
