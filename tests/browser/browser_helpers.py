"""Helpers for the browser tests: request recording, and waiting on the page without eval."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Locator, Page, Request

PAGE = "self-assessment/"
READY_TIMEOUT_S = 90.0
DRAFT_KEY = "ips-fidelity:self-assessment:draft"


@dataclass
class Recorder:
    """Every request a context made, and every uncaught error on its pages."""

    origin: str
    requests: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    def foreign(self) -> list[tuple[str, str]]:
        """Requests that left the site's origin or were not GETs (a blob: URL has its creator's)."""
        bad = []
        for method, url in self.requests:
            parts = urlsplit(url)
            if parts.scheme == "blob":
                parts = urlsplit(parts.path)
            if method != "GET" or f"{parts.scheme}://{parts.netloc}" != self.origin:
                bad.append((method, url))
        return bad


def record(context: BrowserContext, site_url: str) -> tuple[Recorder, Callable[[], None]]:
    """Record every request `context` makes and every uncaught error on its pages from now on;
    returns the recorder and a function that stops recording."""
    parts = urlsplit(site_url)
    recorder = Recorder(origin=f"{parts.scheme}://{parts.netloc}")

    def on_request(request: Request) -> None:
        recorder.requests.append((request.method, request.url))

    def watch(page: Page) -> None:
        page.on("pageerror", lambda error: recorder.errors.append(str(error)))
        page.on(
            "console",
            lambda message: (
                recorder.csp_violations.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )

    context.on("request", on_request)
    context.on("page", watch)

    def stop() -> None:
        context.remove_listener("request", on_request)
        context.remove_listener("page", watch)

    return recorder, stop


def open_context(
    browser: Browser, site_url: str, **options: Any
) -> tuple[BrowserContext, Recorder]:
    """A new browser profile (service workers off unless asked for), recorded from the start."""
    options.setdefault("service_workers", "block")
    options.setdefault("locale", "en-US")
    context = browser.new_context(**options)
    recorder, _ = record(context, site_url)
    return context, recorder


# A returning visitor's profile, shared by a worker's tests (tests/conftest.py): it has visited
# the self-assessment once, so it keeps the scorer's snapshot, and each test then starts the
# scorer from it, as a person does on a later visit, instead of loading Python from nothing.
SNAPSHOT_SETTLED = (
    "['ips-scorer-snapshot-kept', 'ips-scorer-snapshot-not-kept']"
    ".some((name) => performance.getEntriesByName(name).length)"
)
# Whether the service worker has said the runtime is in its cache (the page marks it: see
# scorer-client.js). Looking in the caches instead is a race: the scorer's worker first copies
# what it downloaded into a cache of its own, and going offline before the service worker has
# taken it loses it.
RUNTIME_KEPT = "performance.getEntriesByName('ips-runtime-kept').length > 0"

# Whether the scorer's memory snapshot is kept (its folder in the site's private file storage).
SNAPSHOT_KEPT = """async () => {
  try {
    const root = await navigator.storage.getDirectory();
    await (await root.getDirectoryHandle("ips-runtime-snapshot")).getFileHandle("about.json");
    return true;
  } catch {
    return false;
  }
}"""
FORGET_ALL_BUT_THE_SNAPSHOT = """async () => {
  localStorage.clear();
  sessionStorage.clear();
  for (const name of await caches.keys()) await caches.delete(name);
  for (const db of (await indexedDB.databases?.()) ?? []) if (db.name) indexedDB.deleteDatabase(db.name);
}"""


def visit_once(context: BrowserContext, site_url: str) -> None:
    """Open the self-assessment until its scorer has kept its snapshot, then forget the visit."""
    page = context.new_page()
    page.goto(site_url + PAGE)
    wait_until(page, SNAPSHOT_SETTLED, timeout=READY_TIMEOUT_S)
    page.close()
    forget_all_but_the_snapshot(context, site_url)


def forget_all_but_the_snapshot(
    context: BrowserContext, site_url: str, keeper: Page | None = None
) -> None:
    """Close the profile's pages and clear what the site keeps (drafts, tools' answers, caches),
    except the scorer's snapshot: the next test starts as a returning visitor with nothing saved.

    `keeper`, a page of the site's origin with no script of its own (the manifest), is left open
    and does the clearing, which saves a new page and its process after every test; without one,
    a page is opened for it and closed."""
    for page in context.pages:
        if page is not keeper:
            page.close()
    page = keeper or context.new_page()
    if page.url != site_url + "manifest.webmanifest":
        page.goto(site_url + "manifest.webmanifest")  # any address of the site's origin
    page.evaluate(FORGET_ALL_BUT_THE_SNAPSHOT)
    if page is not keeper:
        page.close()


def check_recorder(recorder: Recorder) -> None:
    assert recorder.requests, "no requests were recorded"
    assert recorder.foreign() == [], "requests to another origin or not GET"
    assert recorder.errors == [], "uncaught errors on the page"
    assert recorder.csp_violations == [], "the Content-Security-Policy blocked something"


# --- waiting without eval: the page's CSP forbids the eval that wait_for_function uses ---------


def wait_until(
    page: Page, expression: str, timeout: float = READY_TIMEOUT_S, arg: Any = None
) -> Any:
    """Poll a JavaScript expression (run by the test driver, not eval) until it is truthy."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression, arg)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {expression}")
        time.sleep(0.03)


def renders(page: Page) -> int:
    return int(page.evaluate("Number(document.getElementById('ipsa').dataset.renders || 0)"))


def open_assessment(page: Page, url: str) -> None:
    """Load the page and wait until the scorer is ready and has rendered once."""
    page.goto(url)
    state = wait_until(
        page,
        "['ready', 'failed'].includes(document.getElementById('ipsa').dataset.state) && "
        "document.getElementById('ipsa').dataset.state",
    )
    assert state == "ready", page.inner_text("#ipsa-progress-text")
    wait_until(page, "Number(document.getElementById('ipsa').dataset.renders) >= 1")


def settle(page: Page, action: Callable[[], None]) -> None:
    """Run `action` (which changes answers), then wait until the page has re-scored."""
    before = renders(page)
    action()
    wait_until(
        page,
        "(n) => { const root = document.getElementById('ipsa'); "
        "return Number(root.dataset.renders) > n && root.dataset.busy === 'false'; }",
        timeout=20,
        arg=before,
    )


def draft(page: Page) -> Any:
    text = page.evaluate(f"localStorage.getItem('{DRAFT_KEY}')")
    return None if text is None else json.loads(text)


def tab_to(target: Locator, *, limit: int = 150, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until `target` has the focus. The control is found once, by
    its role or label, and then only compared with the focused element after each key press."""
    element = target.element_handle()
    for _ in range(limit):
        target.page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if element.evaluate("(el) => el === document.activeElement"):
            return
    raise AssertionError(f"the keyboard never reached {target}")
