"""Fixtures for the planning tools: the repository's rules, and for the pages, the built site
served as a static host serves it (with its _headers policy) and Debian's Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scorer.planning_data import Planning, default_planning
from scorer.scale import Scale, default_scale

# The helper modules beside this file (tools_helpers, tools_browser) import by name whatever
# pytest's import mode, as they would with the default "prepend" mode.
HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def scale() -> Scale:
    return default_scale()


@pytest.fixture(scope="session")
def planning() -> Planning:
    return default_planning()


def header_policy(site: Path) -> str:
    """The Content-Security-Policy the site's _headers file gives every response."""
    found = re.search(
        r"^\s*Content-Security-Policy:\s*(.+?)\s*$",
        (site / "_headers").read_text(encoding="utf-8"),
        re.M,
    )
    assert found, "_headers has no Content-Security-Policy"
    return found.group(1)


class _Handler(http.server.SimpleHTTPRequestHandler):
    csp = ""
    extensions_map = {  # noqa: RUF012 - the standard library's own attribute, extended
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
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()


@pytest.fixture(scope="session")
def hosted_site_url(built_site: Path) -> Iterator[str]:
    """The built site on a loopback port, with the headers a static host would send."""
    handler_class = type("Handler", (_Handler,), {"csp": header_policy(built_site)})
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
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's Chromium is required at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source(root: Path) -> str:
    path = root / "node_modules" / "axe-core" / "axe.min.js"
    if not path.is_file():
        pytest.fail("node_modules/axe-core is missing: run npm ci")
    return path.read_text(encoding="utf-8")
