"""A first visit fetches each runtime file once, and releases never mix (issue 20).

Both count or swap at the server: the site is served by tests/site_server.py with a log of the
paths it was asked for, or with the folder it serves swapped for a second build (a release that
differs in a page, a script, a stylesheet and the scale) at the same address, in one browser
profile with the service worker on.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import check_recorder, draft, open_context, wait_until
from playwright.sync_api import Browser, BrowserContext, Page, expect
from site_server import serve
from test_browser_snapshot import ABOUT, FOLDER

pytestmark = pytest.mark.browser

# The runtime and the scorer's own files, by the path the server sees (without the query).
RUNTIME = (
    "/assets/pyodide/pyodide.mjs",
    "/assets/pyodide/pyodide.asm.mjs",
    "/assets/pyodide/pyodide.asm.wasm",
    "/assets/pyodide/python_stdlib.zip",
    "/assets/pyodide/pyodide-lock.json",
    "/assets/scorer/scale.json",
    "/assets/assessment/worker.js",
)
CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith('ips-fidelity-')) continue;
    for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
  }
  return urls;
}"""


@pytest.fixture
def counted(browser: Browser, built_site: Path) -> Iterator[tuple[BrowserContext, list[str], str]]:
    requests: list[str] = []
    with serve(built_site, requests=requests) as url:
        context, recorder = open_context(browser, url, service_workers="allow")
        yield context, requests, url
        context.close()
        check_recorder(recorder)


def test_first_visit_fetches_each_runtime_file_once(
    counted: tuple[BrowserContext, list[str], str], built_site: Path
) -> None:
    context, requests, url = counted
    page = context.new_page()
    page.goto(url + "self-assessment/")
    page.evaluate("() => window.ipsFidelity.ready")
    wheel = "/assets/scorer/" + next((built_site / "assets" / "scorer").glob("*.whl")).name
    # Wait until the service worker keeps every runtime file: then nothing more is fetched.
    wait_until(
        page,
        f"({CACHED_URLS})().then(u => {list((*RUNTIME, wheel))}.every(p => u.includes(p)))",
        timeout=180,
    )
    counts = Counter(path.split("?")[0] for path in requests)
    fetched = {path: counts[path] for path in (*RUNTIME, wheel)}
    assert fetched == dict.fromkeys(fetched, 1)


# --- two releases at one address -------------------------------------------------------------

ITEM_FILE = "scale/items/01-caseload-size.yaml"
NEW_TITLE = "Caseload size, second release"
PAGE_MARK = "This sentence is only in the second release."


def _second_release(root: Path, workdir: Path) -> Path:
    """A copy of the project with a page, a script, a stylesheet and the scale changed, built."""
    copy = workdir / "project"
    for name in ("scale", "scorer", "sitegen", "site_src", "overrides"):
        shutil.copytree(root / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "pyproject.toml", "README.md"):
        shutil.copy2(root / name, copy / name)
    (copy / "node_modules").symlink_to((root / "node_modules").resolve())
    if (root / ".cache").is_dir():
        shutil.copytree(root / ".cache", copy / ".cache")
    item = copy / ITEM_FILE
    item.write_text(
        item.read_text(encoding="utf-8").replace("title: Caseload size", f"title: {NEW_TITLE}", 1),
        encoding="utf-8",
    )
    with (copy / "site_src" / "about-ips.md").open("a", encoding="utf-8") as page:
        page.write(f"\n{PAGE_MARK}\n")
    with (copy / "overrides" / "assets" / "site" / "toggles.js").open("a", encoding="utf-8") as js:
        js.write('\ndocument.documentElement.dataset.ipsRelease = "2";\n')
    with (copy / "overrides" / "assets" / "site" / "site.css").open("a", encoding="utf-8") as css:
        css.write('\n:root { --ips-release: "2"; }\n')
    site = workdir / "site"
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = {**os.environ, "PYTHONPATH": str(copy)}
    subprocess.run(
        [str(mkdocs), "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=copy,
        env=env,
        check=True,
    )
    return site


def _releases_seen(page: Page) -> dict[str, str]:
    """Which release each part of the open page comes from: "1" or "2"."""
    seen: dict[str, Any] = page.evaluate(
        """([pageMark, newTitle]) => ({
          script: document.documentElement.dataset.ipsRelease || "1",
          style: getComputedStyle(document.documentElement).getPropertyValue("--ips-release").trim()
            .replaceAll('"', "") || "1",
          page: document.body.textContent.includes(pageMark) || document.body.textContent.includes(newTitle) ? "2" : "1",
        })""",
        [PAGE_MARK, NEW_TITLE],
    )
    return seen


def _scorer_title(page: Page) -> str:
    result = page.evaluate(
        "() => window.ipsFidelity.ready.then(() => window.ipsFidelity.score({}))"
    )
    return str(next(item["title"] for item in result["items"] if item["number"] == 1))


def _ready_from(page: Page) -> str:
    page.evaluate("() => window.ipsFidelity.ready")
    marks = page.evaluate(
        "performance.getEntriesByType('mark').map(m => m.name)"
        ".filter(n => n.startsWith('ips-scorer-ready-from-'))"
    )
    return str(marks[0]).removeprefix("ips-scorer-ready-from-")


@pytest.fixture
def two_releases(
    browser: Browser, built_site: Path, root: Path, tmp_path: Path
) -> Iterator[tuple[BrowserContext, list[Path], str, Path]]:
    second = _second_release(root, tmp_path)
    folder = [built_site]
    with serve(built_site, folder=folder) as url:
        context, recorder = open_context(browser, url, service_workers="allow")
        yield context, folder, url, second
        context.close()
        check_recorder(recorder)


def test_a_new_release_never_mixes_with_the_old_keeps_the_draft_and_replaces_the_snapshot(
    two_releases: tuple[BrowserContext, list[Path], str, Path], built_site: Path
) -> None:
    context, folder, url, second = two_releases
    page = context.new_page()
    # Release 1: a visit that leaves a draft, a snapshot and a full offline copy behind.
    page.goto(url + "self-assessment/")
    assert _ready_from(page) == "load"
    note = page.get_by_label("Your notes on item 1 (optional)")
    note.fill("kept across releases")
    wait_until(
        page,
        "(localStorage.getItem('ips-fidelity:self-assessment:draft') || '').includes('kept across')",
    )
    old_key = wait_until(page, ABOUT, arg=FOLDER)["key"]
    wait_until(page, "navigator.serviceWorker.controller !== null", timeout=120)
    wait_until(
        page,
        f"({CACHED_URLS})().then(u => u.includes('/assets/pyodide/pyodide.asm.wasm'))",
        timeout=180,
    )
    page.goto(url + "about-ips/")
    assert set(_releases_seen(page).values()) == {"1"}

    # Release 2 is published at the same address.
    folder[0] = second
    for path in ("about-ips/", "self-assessment/", "about-ips/", "self-assessment/"):
        page.goto(url + path)
        seen = _releases_seen(page)
        assert len(set(seen.values())) == 1, f"{path} mixes releases: {seen}"
        if path == "self-assessment/":
            expected = NEW_TITLE if seen["page"] == "2" else "Caseload size"
            assert _scorer_title(page) == expected, "the scorer's scale is not the page's"
            expect(page.get_by_label("Your notes on item 1 (optional)")).to_have_value(
                "kept across releases"
            )
    # By now (the second load at the latest) the new release is wholly there, and the old
    # release's snapshot was never restored with the new scale: it has been replaced.
    assert set(_releases_seen(page).values()) == {"2"}
    new = wait_until(page, f"({ABOUT})('{FOLDER}').then(a => a && a.key !== '{old_key}' && a)")
    assert new["key"] != old_key
    page.reload()
    assert _ready_from(page) == "snapshot" and _scorer_title(page) == NEW_TITLE
    assert draft(page)["items"]["caseload-size"]["note"] == "kept across releases"
