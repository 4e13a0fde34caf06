"""What a first visit to the self-assessment downloads: uncompressed, with gzip and with Brotli.

Usage: .venv/bin/python benchmarks/transfer_sizes.py [--site DIR]

It builds the site (unless --site names a built one), serves it, opens the self-assessment in
a new Chromium profile (service worker allowed) and records every file asked for: by the page
and its workers until the scorer is ready (what the page itself needs), then by the service
worker too, until it has finished keeping the rest of the site for offline use. Each file is then measured
on disk as a host would send it: as it is, with `gzip -9`, and with Brotli at its highest
quality (Node's zlib, which the project already installs). Printed as the README's table.
This is a measurement script, not a test.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from site_server import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402 - after the path above

PAGE = "self-assessment/"
BROTLI = """
const { readFileSync } = require("node:fs");
const { brotliCompressSync, constants } = require("node:zlib");
const params = { [constants.BROTLI_PARAM_QUALITY]: 11 };
const paths = JSON.parse(readFileSync(0, "utf8"));
console.log(JSON.stringify(paths.map((p) => brotliCompressSync(readFileSync(p), { params }).length)));
"""
# The rows of the README's table, in order: a name and a test on the file's site path.
GROUPS: list[tuple[str, Callable[[str], bool]]] = [
    ("`pyodide.asm.wasm`", lambda p: p.endswith("pyodide.asm.wasm")),
    ("`python_stdlib.zip` (already compressed)", lambda p: p.endswith("python_stdlib.zip")),
    ("`pyodide.asm.mjs`, `pyodide.mjs`", lambda p: p.endswith(".mjs")),
    ("JSON (`pyodide-lock.json`, `scale.json`, search index)", lambda p: p.endswith(".json")),
    ("the scorer wheel (a zip)", lambda p: p.endswith(".whl")),
    ("scripts", lambda p: p.endswith(".js")),
    ("pages (HTML)", lambda p: p.endswith(".html")),
    ("stylesheets", lambda p: p.endswith(".css")),
    ("icons and the manifest", lambda p: p.endswith((".png", ".webmanifest", ".svg", ".ico"))),
]


def on_disk(site: Path, requested: str) -> Path | None:
    """The built file a request's path names (a folder means its index.html)."""
    path = unquote(urlsplit(requested).path).lstrip("/")
    target = site / path
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def record_first_visit(site: Path) -> tuple[list[str], list[str]]:
    """The paths the page itself (with its workers) asked for until its scorer was ready, and
    the paths the service worker asked for, until no new request came for three seconds."""
    own: list[str] = []
    kept: list[str] = []
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(service_workers="allow")
        context.on(
            "request",
            lambda request: (kept if request.service_worker else own).append(request.url),
        )
        page = context.new_page()
        page.goto(url + PAGE)
        deadline = time.monotonic() + 120
        while page.evaluate("document.getElementById('ipsa').dataset.state") != "ready":
            if time.monotonic() > deadline:
                raise SystemExit("the scorer did not become ready in two minutes")
            time.sleep(0.05)
        ready = list(own)
        seen, quiet_since = len(own) + len(kept), time.monotonic()
        while time.monotonic() - quiet_since < 3 and time.monotonic() < deadline:
            time.sleep(0.2)
            if len(own) + len(kept) != seen:
                seen, quiet_since = len(own) + len(kept), time.monotonic()
        browser.close()
    return ready, own + kept


def sizes(files: list[Path]) -> dict[Path, tuple[int, int, int]]:
    """Each file's size as it is, with gzip -9 and with Brotli 11, in bytes."""
    brotli = json.loads(
        subprocess.run(
            ["node", "-e", BROTLI],
            input=json.dumps([str(f) for f in files]),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    return {
        file: (len(data), len(gzip.compress(data, 9)), size)
        for file, size in zip(files, brotli, strict=True)
        for data in [file.read_bytes()]
    }


def measure(
    site: Path, requested: list[str], known: dict[Path, tuple[int, int, int]]
) -> dict[str, list[int]]:
    """Per table row: [files, uncompressed, gzip -9, Brotli] in bytes, each file once."""
    files = sorted({f for f in (on_disk(site, r) for r in requested) if f is not None})
    rows: dict[str, list[int]] = {name: [0, 0, 0, 0] for name, _ in GROUPS}
    for file in files:
        name = next((n for n, test in GROUPS if test(file.name)), "other files")
        row = rows.setdefault(name, [0, 0, 0, 0])
        for i, size in enumerate((1, *known[file])):
            row[i] += size
    return {name: row for name, row in rows.items() if row[0]}


def table(title: str, rows: dict[str, list[int]]) -> str:
    kib = lambda n: f"{n / 1024:,.0f} KiB"  # noqa: E731 - a one-line formatter
    lines = [f"{title}", "", "| files | count | uncompressed | gzip -9 | Brotli 11 |"]
    lines.append("| --- | ---: | ---: | ---: | ---: |")
    for name, (count, raw, gz, br) in rows.items():
        lines.append(f"| {name} | {count} | {kib(raw)} | {kib(gz)} | {kib(br)} |")
    total = [sum(row[i] for row in rows.values()) for i in range(4)]
    lines.append(
        f"| **in all** | **{total[0]}** | **{kib(total[1])}** | **{kib(total[2])}** "
        f"| **{kib(total[3])}** |"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        site = args.site
        if site is None:
            site = Path(scratch) / "site"
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                cwd=ROOT,
                check=True,
            )
        ready, everything = record_first_visit(site)
        known = sizes(sorted({f for f in (on_disk(site, r) for r in everything) if f}))
        print(table("The self-assessment, until its scorer is ready:", measure(site, ready, known)))
        print()
        print(
            table(
                "With what the service worker then keeps for offline use:",
                measure(site, everything, known),
            )
        )


if __name__ == "__main__":
    main()
