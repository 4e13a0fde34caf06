"""Fixtures shared by every test folder: the repository, the built site served as a static host
serves it, and one Debian Chromium for the whole session (Playwright allows one sync driver)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

ROOT = Path(__file__).resolve().parent.parent
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
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `mkdocs build --strict` makes it; built once per test session."""
    out = tmp_path_factory.mktemp("site")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        check=True,
    )
    return out


def host_headers(site: Path) -> list[tuple[str, str]]:
    """The headers the site's _headers file gives every path (`/*`), as Netlify-style hosts send.

    The Content-Security-Policy among them is what the Pyodide worker runs under in production:
    a worker follows its own response's policy, not the page's <meta>.
    """
    headers: list[tuple[str, str]] = []
    in_all_paths = False
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace():
            in_all_paths = line.strip() == "/*"
        elif in_all_paths and (found := re.match(r"\s+([\w-]+):\s*(.+?)\s*$", line)):
            headers.append((found.group(1), found.group(2)))
    assert any(name == "Content-Security-Policy" for name, _ in headers), "_headers has no CSP"
    return headers


class _StaticHost(http.server.SimpleHTTPRequestHandler):
    host_headers: ClassVar[list[tuple[str, str]]] = []
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".whl": "application/zip",
        ".json": "application/json",
    }

    def end_headers(self) -> None:
        for name, value in self.host_headers:
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def handle(self) -> None:
        # The browser may cancel a request (a page closed mid-download): not an error.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site on a loopback port, with the headers a static host would send."""
    host = type("Host", (_StaticHost,), {"host_headers": host_headers(built_site)})
    handler = functools.partial(host, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def node() -> str:
    path = shutil.which("node")
    if path is None:
        pytest.fail("Node.js is required for the Pyodide tests (see README)")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session: Debian's, never a downloaded one."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: ./dev test installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def axe_source(root: Path) -> str:
    path = root / "node_modules" / "axe-core" / "axe.min.js"
    if not path.is_file():
        pytest.fail("node_modules/axe-core is missing: run npm ci")
    return path.read_text(encoding="utf-8")
