"""Make the built site ready for a static host, and keep it free of build-only files.

- Jinja templates for generated pages (overrides/generated/*.j2) sit in the theme folder, so a
  generator would copy them into the site as static files: they are left out.
- site_src/_headers (security headers for Netlify / Cloudflare Pages style hosts) must carry the
  Content-Security-Policy of the <meta> tag every page has (mkdocs.yml `extra.csp`) with one
  header-only addition, `frame-ancestors 'none'` (browsers ignore it in a <meta> tag). Any other
  difference stops the build, so the two can never drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from sitegen.errors import BuildError

HEADERS = "_headers"
# Only works as a real header: browsers ignore frame-ancestors in a <meta> policy.
HEADER_ONLY = "frame-ancestors 'none'"


def normalise(policy: str) -> str:
    """One line, single spaces: how the policy is written in both places."""
    return " ".join(policy.split())


def header_policy(page_policy: str) -> str:
    """The policy a static host should send, derived from the pages' <meta> policy."""
    directives = [d.strip() for d in normalise(page_policy).split(";") if d.strip()]
    return "; ".join([*directives, HEADER_ONLY])


def check_headers(csp: object, docs_dir: Path) -> None:
    """The pages' policy exists, and docs_dir/_headers sends it with the header-only addition."""
    if not isinstance(csp, str) or not csp.strip():
        raise BuildError("mkdocs.yml: extra.csp (the Content-Security-Policy) is missing")
    headers = docs_dir / HEADERS
    if not headers.is_file():
        raise BuildError(f"{headers}: missing (the security headers for static hosts)")
    found = re.findall(r"^\s*Content-Security-Policy:\s*(.+?)\s*$", headers.read_text(), re.M)
    expected = header_policy(csp)
    if found != [expected]:
        raise BuildError(
            f"{headers}: its Content-Security-Policy must be mkdocs.yml extra.csp with "
            f"{HEADER_ONLY} added:\n  {expected}"
        )


def is_build_only(src_uri: str) -> bool:
    """A file the site must not publish: a generated page's Jinja template."""
    return src_uri.endswith(".j2")


def check_published(src_uris: Iterable[str]) -> None:
    """_headers is among the files the site publishes."""
    if HEADERS not in src_uris:
        raise BuildError(f"{HEADERS} is not among the site's files, so hosts would not see it")
