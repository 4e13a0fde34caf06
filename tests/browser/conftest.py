"""Browser fixtures: Debian's Chromium through Playwright, against the built site.

The site is served as a static host would serve it: with the Content-Security-Policy of its
_headers file as an HTTP header, on top of each page's <meta> policy. A <meta> policy does not
reach a Web Worker, so this is what puts the Pyodide worker under the policy it gets in
production.

The `context` and `page` fixtures (tests/conftest.py, shared with the tools' tests) record
every request, and each test fails if any went to another origin or used a method other
than GET.
"""

from __future__ import annotations

import pytest
from browser_helpers import PAGE


@pytest.fixture(scope="session")
def assessment_url(site_url: str) -> str:
    return site_url + PAGE
