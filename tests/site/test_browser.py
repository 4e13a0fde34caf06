"""Every page in Chromium: no request to another origin, no Content-Security-Policy violation,
no failed request, no axe-core violation; the Centres directory without JavaScript; the site
search answers from the site's own files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from site_helpers import html_pages, page_url

pytestmark = [pytest.mark.site, pytest.mark.browser]

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


@dataclass
class Log:
    """What one browser context did, for the checks after each page."""

    origin: str
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    console_csp: list[str] = field(default_factory=list)

    def foreign(self) -> list[str]:
        return [
            url
            for url in self.requests
            if not url.startswith(("data:", "blob:")) and _origin(url) != self.origin
        ]

    def clear(self) -> None:
        self.requests.clear()
        self.failures.clear()
        self.console_csp.clear()


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
    """Opens browser contexts that record every request, failure and policy violation.

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
        context.on("request", lambda request: log.requests.append(request.url))
        context.on(
            "response",
            lambda r: log.failures.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
        return context, log

    yield open_context
    for context in contexts:
        context.close()


def watch_console(page: Any, log: Log) -> None:
    """Violations inside workers reach the console, not the page's event listeners."""
    page.on(
        "console",
        lambda m: log.console_csp.append(m.text) if "Content Security Policy" in m.text else None,
    )


def problems(page: Any, log: Log) -> list[str]:
    """Everything wrong with the page as it stands."""
    found = [f"request to another origin: {u}" for u in log.foreign()]
    found += [f"failed request: {f}" for f in log.failures]
    found += [f"CSP violation: {v}" for v in page.evaluate("window.__cspViolations")]
    found += [f"CSP (console): {m}" for m in log.console_csp]
    found += [f"axe {v}" for v in page.evaluate(RUN_AXE)]
    return found


def test_every_page_in_chromium(browse: Any, built_site: Path, site_url: str) -> None:
    context, log = browse(viewport={"width": 1280, "height": 900})
    report: dict[str, list[str]] = {}
    for path in html_pages(built_site):
        address = page_url(built_site, path)
        log.clear()
        page = context.new_page()
        watch_console(page, log)
        page.goto(site_url + address, wait_until="load")
        page.wait_for_timeout(100)
        found = problems(page, log)
        if found:
            report[address or "/"] = found
        page.close()
    assert report == {}, json.dumps(report, indent=1)


MOBILE_PAGES = ("", "scale/", "scale/items/caseload-size/", "scale/scoring/", "centres/")


def test_small_screens_menu_and_search(browse: Any, site_url: str) -> None:
    """At phone width the navigation moves into a drawer: check it closed and open."""
    context, log = browse(viewport={"width": 375, "height": 800})
    report: dict[str, list[str]] = {}
    for address in MOBILE_PAGES:
        log.clear()
        page = context.new_page()
        page.goto(site_url + address, wait_until="load")
        page.wait_for_timeout(200)
        report[address] = problems(page, log)
        page.close()
    page = context.new_page()
    page.goto(site_url + "scale/", wait_until="load")
    page.click("label.md-header__button[for='__drawer']")
    page.wait_for_timeout(400)
    report["drawer open"] = problems(page, log)
    page.close()
    page = context.new_page()
    page.goto(site_url + "scale/", wait_until="load")
    page.keyboard.press("/")
    page.keyboard.type("caseload", delay=20)
    page.wait_for_selector(".md-search-result__item")
    report["search open"] = problems(page, log)
    assert {k: v for k, v in report.items() if v} == {}, json.dumps(report, indent=1)


def test_search_answers_from_the_site_itself(browse: Any, site_url: str) -> None:
    context, log = browse(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url, wait_until="load")
    page.keyboard.press("/")
    page.keyboard.type("caseload", delay=20)
    page.wait_for_selector(".md-search-result__item")
    links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    assert any(link.startswith(site_url + "scale/items/caseload-size/") for link in links)
    assert problems(page, log) == []


def test_the_policy_check_sees_inline_scripts(browse: Any, site_url: str) -> None:
    """Control for the test above: an injected inline script is blocked and reported."""
    context, _ = browse()
    page = context.new_page()
    page.goto(site_url, wait_until="load")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__ran = true'; document.body.append(s); }"
    )
    page.wait_for_timeout(100)
    assert page.evaluate("window.__ran") is None
    # The served header and the page's meta tag each enforce the policy, so each reports it.
    violations = page.evaluate("window.__cspViolations")
    assert violations and set(violations) == {"script-src-elem inline"}


def _visible(page: Any) -> list[str]:
    return page.eval_on_selector_all(".ips-centre:not([hidden]) h3", "els => els.map(e => e.id)")


# The directory's filters are tested where a Centre is listed (tests/site/test_directory_listing.py):
# the site as built from scale/ lists none, and then has no search or filters at all.


def test_directory_without_javascript(
    browse: Any, site_url: str, content_yaml: dict[str, Any]
) -> None:
    context, _ = browse(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "centres/", wait_until="load")
    assert not page.is_visible("#centre-filters")
    assert _visible(page) == [c["id"] for c in content_yaml["centres"]["centres"]]
