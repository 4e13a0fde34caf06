"""MkDocs hook: the pages that read several saved assessments (a team's ratings, progress).

They run the same scorer as the self-assessment, in the same worker, so this hook only gives
their templates (front matter `template: team/<name>.html`) the URLs of the worker, the scorer
wheel and scale.json with the versions the assessment_runtime hook gave them, and a version
for their own scripts; and it gives the imports between those scripts the same version, so a
browser or the service worker never pairs a new script with an old module from its cache.

The service worker precaches these pages and everything they refer to (as it does every page
of the site: assessment_runtime), so after one visit they work offline like the self-assessment. List this hook
before assessment_runtime in mkdocs.yml: its imports must be versioned before the service
worker's version is worked out from the files.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ips_site import files_digest, runtime_hook
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

TEMPLATE_PREFIX = "team/"
ASSETS = Path(__file__).resolve().parent.parent / "assets" / "team"
_OWN_IMPORT = re.compile(r'(from "\./[a-z-]+\.js)(?:\?v=[^"]*)?"')


class _Build:
    version: str = ""


_build = _Build()


def on_pre_build(config: MkDocsConfig) -> None:
    _build.version = files_digest(ASSETS)


def _is_team(page: Page) -> bool:
    template = page.meta.get("template")
    return isinstance(template, str) and template.startswith(TEMPLATE_PREFIX)


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    if not _is_team(page):
        return context
    runtime = runtime_hook("team_pages")
    version = runtime._state.version
    context["team"] = {
        "version": f"{version}-{_build.version}",
        "scale": f"{runtime.SCORER_DIR}/scale.json?v={version}",
        "wheel": f"{runtime.SCORER_DIR}/{runtime._state.wheel_name}?v={version}",
        "worker": f"{runtime.ASSESSMENT_DIR}/worker.js?v={version}",
        "start": f"{runtime.START_SCRIPT}?v={version}",
        "service_worker": runtime.SW_OUTPUT,
        "self_assessment": runtime.PAGE_URL,
    }
    return context


def on_post_build(config: MkDocsConfig) -> None:
    """Version the imports between the pages' own modules, as their <script> tags are."""
    version = f"{runtime_hook('team_pages')._state.version}-{_build.version}"
    for script in sorted((Path(config.site_dir) / "assets" / "team").glob("*.js")):
        text = script.read_text(encoding="utf-8")
        versioned = _OWN_IMPORT.sub(rf'\1?v={version}"', text)
        if versioned != text:
            script.write_text(versioned, encoding="utf-8")
