"""Every page in Chromium: no request to another origin, no Content-Security-Policy violation,
no failed request, no error in the console or on the page, no axe-core violation, and each page
settled by its own signals (the service worker in control, the scorer or tool ready, the network
idle) before it is judged; the menu and search at phone width; the Centres directory without
JavaScript; the site search answers from the site's own files."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from site_helpers import html_pages, page_url

pytestmark = [pytest.mark.site, pytest.mark.browser]

# The pages are checked in this many tests, so that the workers can share them out.
CHUNKS = 4

RECORD_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""

# axe-core's default rule set: WCAG 2.0, 2.1 and 2.2 A and AA, plus its best practices.
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map((v) => v.id + ': ' + v.help + ' [' +
    v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ') + ']');
}"""

# Every page registers the service worker, which claims the pages it did not load: wait until
# one controls this page (false after a minute without).
SERVICE_WORKER_IN_CONTROL = """() => new Promise((resolve) => {
  if (navigator.serviceWorker.controller) { resolve(true); return; }
  navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true));
  setTimeout(() => resolve(Boolean(navigator.serviceWorker.controller)), 60000);
})"""

# The pages that start the Python runtime show their progress in a data-state attribute of their
# root element (state a person never reads, so it is found by id): "ready" once usable.
RUNTIME_ROOTS = ("#ipsa", "#tool", "#team-tool")


@dataclass
class Log:
    """What one browser context did, for the whole test: each event is kept with the address
    being checked when it arrived, so an error that comes late still fails the test."""

    origin: str
    at: str = "(before the first page)"
    requests: list[tuple[str, str]] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    in_flight: set[Any] = field(default_factory=set)

    def note(self, problem: str) -> None:
        self.problems.append((self.at, problem))

    def report(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for at, url in self.requests:
            if not url.startswith(("data:", "blob:")) and _origin(url) != self.origin:
                found.setdefault(at, []).append(f"request to another origin: {url}")
        for at, problem in self.problems:
            found.setdefault(at, []).append(problem)
        return found


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture(scope="module")
def axe_source(root: Path) -> str:
    path = root / "node_modules" / "axe-core" / "axe.min.js"
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `npm ci` (./dev test does)")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def browse(browser: Any, site_url: str, axe_source: str) -> Iterator[Any]:
    """Opens browser contexts that record every request, failure, error and policy violation
    from the moment they open until the test ends.

    axe-core is added by the test driver to every page before the page's own scripts run
    (never through a <script> element, which the page's policy would rightly block).
    """
    contexts = []

    def open_context(**options: Any) -> tuple[Any, Log]:
        context = browser.new_context(**options)
        contexts.append(context)
        log = Log(_origin(site_url))
        context.add_init_script(RECORD_CSP)
        context.add_init_script(axe_source)

        def started(request: Any) -> None:
            log.requests.append((log.at, request.url))
            log.in_flight.add(request)

        def failed(request: Any) -> None:
            log.in_flight.discard(request)
            log.note(f"request failed: {request.url} {request.failure}")

        context.on("request", started)
        context.on("requestfinished", lambda request: log.in_flight.discard(request))
        context.on("requestfailed", failed)
        context.on(
            "response",
            lambda r: log.note(f"failed request: {r.status} {r.url}") if r.status >= 400 else None,
        )
        # Workers' messages and policy violations reach the console, not the page's listeners.
        context.on(
            "console",
            lambda m: (
                log.note(f"console {m.type}: {m.text}")
                if m.type == "error" or "Content Security Policy" in m.text
                else None
            ),
        )
        context.on("weberror", lambda error: log.note(f"uncaught error: {error.error}"))
        return context, log

    yield open_context
    for context in contexts:
        context.close()


def settle(page: Any, log: Log, address: str, site_url: str) -> None:
    """Open a page as a person would and wait for its own signals that it is done."""
    log.at = address or "/"
    page.goto(site_url + address, wait_until="load")
    if not page.evaluate(SERVICE_WORKER_IN_CONTROL):
        log.note("the service worker never took control of the page")
    for root in RUNTIME_ROOTS:
        if page.locator(root).count():
            # The state attribute is the page's own signal, never read by a person.
            settled = page.locator(f"{root}[data-state=ready], {root}[data-state=failed]")
            settled.wait_for(state="attached", timeout=120_000)
            if settled.get_attribute("data-state") != "ready":
                log.note(f"{root} did not become ready")
    # The network is quiet: every request the page or its workers started has finished.
    deadline = time.monotonic() + 60
    while log.in_flight and time.monotonic() < deadline:
        page.wait_for_timeout(20)  # lets Playwright deliver the requests' events
    if log.in_flight:
        log.note(f"requests still open after a minute: {[r.url for r in log.in_flight]}")


def check(page: Any, log: Log) -> None:
    """Everything wrong with the page as it stands (the listeners above keep recording)."""
    for violation in page.evaluate("window.__cspViolations"):
        log.note(f"CSP violation: {violation}")
    for violation in page.evaluate(RUN_AXE):
        log.note(f"axe {violation}")


def chunk_of_pages(site: Path, chunk: int) -> list[Path]:
    """Chunk 0 holds the pages that start the Python runtime, so that one browser profile
    downloads and compiles it; the other pages are dealt out among the other chunks. Together
    the chunks hold every page once."""
    pages = html_pages(site)
    assert len(pages) >= 40, "the build lost pages"
    starts = [f'id="{root[1:]}"' for root in RUNTIME_ROOTS]
    runtime = [p for p in pages if any(s in p.read_text(encoding="utf-8") for s in starts)]
    assert len(runtime) >= 7, "the self-assessment, team, progress and four tool pages"
    if chunk == 0:
        return runtime
    return [p for p in pages if p not in runtime][chunk - 1 :: CHUNKS - 1]


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_every_page_in_chromium(browse: Any, built_site: Path, site_url: str, chunk: int) -> None:
    context, log = browse(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    for path in chunk_of_pages(built_site, chunk):
        settle(page, log, page_url(built_site, path), site_url)
        check(page, log)
    page.close()
    assert log.requests, "no requests were recorded"
    report = log.report()
    assert report == {}, json.dumps(report, indent=1)


MOBILE_PAGES = ("", "scale/", "scale/items/caseload-size/", "scale/scoring/", "centres/")


def test_small_screens_menu_and_search(browse: Any, site_url: str) -> None:
    """At phone width the navigation moves into a drawer: closed at first, opened by the menu
    button, its links reachable and followed; the search opens from the keyboard."""
    context, log = browse(viewport={"width": 375, "height": 800})
    page = context.new_page()
    for address in MOBILE_PAGES:
        settle(page, log, address, site_url)
        check(page, log)

    settle(page, log, "scale/", site_url)
    log.at = "menu"
    navigation = page.get_by_role("navigation", name="Navigation")
    scoring = navigation.get_by_role("link", name="How scores are calculated")
    expect(scoring).not_to_be_in_viewport()
    # The menu button is reached and used from the keyboard, by its name (Material's own is an
    # icon-only <label> no key reaches: assets/site/toggles.js makes it a button).
    menu = page.get_by_role("banner").get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    page.get_by_role("link", name="Skip to content").focus()
    page.keyboard.press("Tab")
    expect(menu).to_be_focused()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(scoring).to_be_in_viewport()
    # The open menu covers its own button: the focus moves to the first link in view in it ...
    expect(scoring).to_be_focused()
    # ... and Escape closes the menu and goes back to the button.
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    expect(scoring).not_to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(scoring).to_be_focused()
    check(page, log)
    page.keyboard.press("Enter")
    expect(page).to_have_url(site_url + "scale/scoring/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("How scores are calculated")

    log.at = "search"
    # Material listens for the key from its own script, which runs once the page has loaded.
    page.wait_for_load_state("load")
    page.keyboard.press("/")
    search = page.get_by_role("dialog", name="Search")
    expect(search.get_by_role("textbox", name="Search")).to_be_focused()
    button = page.get_by_role("banner").get_by_role("button", name="Search")
    # Material opens the search once its box has the focus, a moment later: the button says
    # so, and only then does Escape close it (before, Escape reaches a page with no search open).
    expect(button).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    # ... and from its button in the header, which puts the cursor in the search box.
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(search.get_by_role("textbox", name="Search")).to_be_focused()
    page.keyboard.type("caseload", delay=20)
    # Material's result links hold a whole article and get no accessible name: found by text.
    result = search.get_by_role("link").filter(has_text="Caseload size")
    expect(result.first).to_be_in_viewport()
    check(page, log)
    result.first.click()
    expect(page).to_have_url(re.compile(re.escape(site_url + "scale/items/caseload-size/")))
    page.close()
    report = log.report()
    assert report == {}, json.dumps(report, indent=1)


def test_search_answers_from_the_site_itself(browse: Any, site_url: str) -> None:
    context, log = browse(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    settle(page, log, "", site_url)
    page.keyboard.press("/")
    page.keyboard.type("caseload", delay=20)
    results = page.get_by_role("dialog", name="Search").get_by_role("link")
    result = results.filter(has_text="Caseload size").first  # result links have no name
    expect(result).to_be_visible()
    assert (result.get_attribute("href") or "").startswith(site_url + "scale/items/caseload-size/")
    check(page, log)
    assert log.report() == {}


def test_the_policy_check_sees_inline_scripts(browse: Any, site_url: str) -> None:
    """Control for the tests above: an injected inline script is blocked and reported."""
    context, log = browse()
    page = context.new_page()
    settle(page, log, "", site_url)
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__ran = true'; document.body.append(s); }"
    )
    assert page.evaluate("window.__ran") is None
    # The served header and the page's meta tag each enforce the policy, so each reports it.
    violations = page.evaluate("window.__cspViolations")
    assert violations and set(violations) == {"script-src-elem inline"}
    check(page, log)
    assert any("CSP violation" in problem for _, problem in log.problems)


def _visible(page: Any, ids: set[str]) -> list[str]:
    """The directory's entries a person can see, by the ids of their headings (a role query
    leaves out the hidden ones)."""
    headings = page.get_by_role("main").get_by_role("heading", level=3)
    found = headings.evaluate_all("els => els.map(e => e.id)")
    return [i for i in found if i in ids]


# The directory's filters are tested where a Centre is listed (tests/site/test_directory_listing.py):
# the site as built from scale/ lists none, and then has no search or filters at all.


def test_directory_without_javascript(
    browse: Any, site_url: str, content_yaml: dict[str, Any]
) -> None:
    centres = content_yaml["centres"]["centres"]
    context, _ = browse(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "centres/", wait_until="load")
    expect(page.get_by_role("search", name="Filter the directory")).to_be_hidden()
    assert _visible(page, {c["id"] for c in centres}) == [c["id"] for c in centres]
