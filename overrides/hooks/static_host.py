"""Hook: make the built site ready for a static host, and keep it free of build-only files.

- Jinja templates for generated pages (overrides/generated/*.j2) sit in the theme folder, so
  MkDocs would copy them into the site as static files: they are dropped here.
- site_src/_headers (security headers for Netlify / Cloudflare Pages style hosts) must carry the
  Content-Security-Policy of the <meta> tag every page has (mkdocs.yml `extra.csp`) with one
  header-only addition, `frame-ancestors 'none'` (browsers ignore it in a <meta> tag). Any other
  difference stops the build, so the two can never drift apart.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

log = get_plugin_logger(__name__)

HEADERS = "_headers"
# Only works as a real header: browsers ignore frame-ancestors in a <meta> policy.
HEADER_ONLY = "frame-ancestors 'none'"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    csp = config.extra.get("csp")
    if not isinstance(csp, str) or not csp.strip():
        raise PluginError("mkdocs.yml: extra.csp (the Content-Security-Policy) is missing")
    headers = Path(config.docs_dir) / HEADERS
    if not headers.is_file():
        raise PluginError(f"{headers}: missing (the security headers for static hosts)")
    found = re.findall(r"^\s*Content-Security-Policy:\s*(.+?)\s*$", headers.read_text(), re.M)
    expected = header_policy(csp)
    if found != [expected]:
        raise PluginError(
            f"{headers}: its Content-Security-Policy must be mkdocs.yml extra.csp with "
            f"{HEADER_ONLY} added:\n  {expected}"
        )
    return config


def normalise(policy: str) -> str:
    """One line, single spaces: how the policy is written in both places."""
    return " ".join(policy.split())


def header_policy(page_policy: str) -> str:
    """The policy a static host should send, derived from the pages' <meta> policy."""
    directives = [d.strip() for d in normalise(page_policy).split(";") if d.strip()]
    return "; ".join([*directives, HEADER_ONLY])


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in list(files):
        if file.src_uri.endswith(".j2"):
            files.remove(file)
    if files.get_file_from_path(HEADERS) is None:
        raise PluginError(f"{HEADERS} is not among the site's files, so hosts would not see it")
    log.debug("kept %s, dropped template sources", HEADERS)
    return files
