"""The built site served the way a static host serves it, and the browser that visits it.

Shared by the test suite's fixtures and benchmarks/self_assessment.py, so that both measure
the site under the same headers (the _headers file's Content-Security-Policy, which is what the
Pyodide worker runs under: a worker follows its own response's policy, not the page's <meta>).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def host_headers(site: Path) -> list[tuple[str, str]]:
    """The headers the site's _headers file gives every path (`/*`), as Netlify-style hosts send."""
    headers: list[tuple[str, str]] = []
    in_all_paths = False
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace():
            in_all_paths = line.strip() == "/*"
        elif in_all_paths and (found := re.match(r"\s+([\w-]+):\s*(.+?)\s*$", line)):
            headers.append((found.group(1), found.group(2)))
    if not any(name == "Content-Security-Policy" for name, _ in headers):
        raise ValueError(f"{site / '_headers'} gives no Content-Security-Policy for /*")
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
        ".webmanifest": "application/manifest+json",
    }
    # Paths asked for (with their query), when a test wants to count what reached the server.
    requests: ClassVar[list[str] | None] = None
    # Where the files are served from, when a test swaps one release for another on one origin.
    folder: ClassVar[list[Path] | None] = None

    def translate_path(self, path: str) -> str:
        if self.folder is not None:
            self.directory = str(self.folder[0])
        return super().translate_path(path)

    def send_head(self):  # type: ignore[no-untyped-def]
        if self.requests is not None:
            self.requests.append(self.path)
        return super().send_head()

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


@contextlib.contextmanager
def serve(
    site: Path, requests: list[str] | None = None, folder: list[Path] | None = None
) -> Iterator[str]:
    """The site on a loopback port with its _headers; yields the base URL.

    requests: a list that receives the path (and query) of every GET and HEAD the server gets.
    folder: a one-element list holding the folder to serve; put another build in it to publish
    a new release at the same address (its _headers must be the same)."""
    attributes = {"host_headers": host_headers(site), "requests": requests, "folder": folder}
    host = type("Host", (_StaticHost,), attributes)
    handler = functools.partial(host, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
