"""The whole site offline (issue 8 item 6) and the privacy page's "clear everything".

After one visit to a guidance page every page opens offline, without the 13 MB runtime having
been fetched; after one visit to the self-assessment the tools open and score offline too, and
its links to guidance pages work. "Clear everything this site keeps" removes the draft, the
snapshot and the offline copy, and says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from assessment_roles import note
from browser_helpers import SNAPSHOT_KEPT, Recorder, check_recorder, open_context, wait_until
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser

CACHED_PATHS = """async () => {
  const paths = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith('ips-fidelity-')) continue;
    for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
  }
  return paths;
}"""


@pytest.fixture
def online(browser: Browser, site_url: str) -> Iterator[tuple[BrowserContext, Recorder]]:
    context, recorder = open_context(browser, site_url, service_workers="allow")
    yield context, recorder
    context.set_offline(False)
    context.close()
    check_recorder(recorder)


def pages(site: Path) -> list[str]:
    return sorted(
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
    )


def kept_offline(page: Page, count: int) -> list[str]:
    """Wait until the service worker controls the page and has kept `count` pages."""
    wait_until(page, "navigator.serviceWorker.controller !== null", timeout=120)
    return wait_until(  # type: ignore[no-any-return]
        page,
        f"({CACHED_PATHS})().then(p => p.filter(x => x.endsWith('/')).length >= {count} && p)",
        timeout=120,
    )


def test_one_guidance_page_keeps_every_page_for_offline_but_not_the_runtime(
    online: tuple[BrowserContext, Recorder], site_url: str, built_site: Path
) -> None:
    context, recorder = online
    page = context.new_page()
    page.goto(site_url + "about-ips/")
    every = pages(built_site)
    cached = kept_offline(page, len(every))
    assert not [p for p in cached if p.startswith("/assets/pyodide/")], "runtime fetched too early"
    assert not [url for _, url in recorder.requests if "/assets/pyodide/" in url]

    context.set_offline(True)
    # Every page comes from the service worker while offline: each is asked for from the page
    # (so through the worker, as a link would be), and must be whole, with its heading.
    served = page.evaluate(
        """async (paths) => Promise.all(paths.map(async (path) => {
          try {
            const response = await fetch(new URL(path, location.origin + "/"));
            const text = await response.text();
            return response.ok && text.includes("<h1") && text.includes("</html>") ? "" : path;
          } catch {
            return path;
          }
        }))""",
        [urlsplit(site_url).path + path for path in every],
    )
    assert [path for path in served if path] == []
    # And a person following links offline sees them: a few kinds of page, opened in the tab.
    for path in ("", "scale/items/caseload-size/", "centres/", "self-assessment/team/"):
        response = page.goto(site_url + path)
        assert response is not None and response.ok, path
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    # The site's search works offline too (its index is kept).
    assert "/search/search_index.json" in cached
    # The self-assessment and the tools open, but cannot start the scorer: its runtime was
    # never fetched. They say so on the page; that is the one expected failure here.
    recorder.errors[:] = [e for e in recorder.errors if "could not be loaded" not in e]


def test_after_the_self_assessment_the_tools_score_offline(
    online: tuple[BrowserContext, Recorder], site_url: str, built_site: Path
) -> None:
    context, _ = online
    page = context.new_page()
    page.goto(site_url + "self-assessment/")
    page.evaluate("() => window.ipsFidelity.ready")
    wait_until(
        page,
        f"({CACHED_PATHS})().then(p => p.includes('/assets/pyodide/pyodide.asm.wasm'))",
        timeout=180,
    )
    kept_offline(page, len(pages(built_site)))

    context.set_offline(True)
    page.reload()
    result = page.evaluate(
        "() => window.ipsFidelity.ready.then(() => window.ipsFidelity.score({items: {'1': {score: 3}}}))"
    )
    assert result["total"] == 3
    # A link from the self-assessment to guidance, followed offline.
    guidance = page.get_by_role("article").get_by_role("link", name="how scores are calculated")
    guidance.first.click()
    expect(page).to_have_url(re.compile(r"/scale/scoring/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("How scores are calculated")
    for tool in sorted(p for p in pages(built_site) if p.startswith("tools/") and p != "tools/"):
        page.goto(site_url + tool)
        wait_until(
            page,
            "performance.getEntriesByType('mark').some(m => m.name.startsWith('ips-scorer-ready-from-'))",
            timeout=180,
        )
        expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_clear_everything_removes_the_draft_the_snapshot_and_the_offline_copy(
    online: tuple[BrowserContext, Recorder], site_url: str
) -> None:
    context, _ = online
    page = context.new_page()
    page.goto(site_url + "self-assessment/")
    note(page, 7).fill("zq-note-to-clear")
    page.evaluate("() => window.ipsFidelity.ready")
    wait_until(page, SNAPSHOT_KEPT, timeout=120)
    wait_until(page, "localStorage.length > 0")

    page.goto(site_url + "privacy/")
    kept = page.get_by_text(re.compile(r"the saved state of the scoring program \("))
    expect(kept.first).to_be_visible()
    page.get_by_role("button", name="Clear everything this site keeps").click()
    page.get_by_role("button", name="Yes, clear everything").click()
    status = page.get_by_role("status")
    expect(status).to_contain_text("Done. Removed from this browser: your draft answers")
    expect(status).to_contain_text("the saved state of the scoring program")
    expect(status).to_contain_text("the offline copy of the site")
    assert page.evaluate("localStorage.length") == 0
    assert page.evaluate(SNAPSHOT_KEPT) is False
    assert page.evaluate("caches.keys()") == []
