"""MkDocs hook: the pages that read several saved assessments (a team's ratings, progress),
through sitegen.team.

Their templates (front matter `template: team/<name>.html`) get the scorer's asset URLs as
`team`; after the build, the imports between their own scripts get the same version. The
runtime's version comes from the assessment_runtime hook, whose post-build step runs last and
works out the service worker's version from the files as this hook left them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hook_support import runtime
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from sitegen.team import is_team_page, own_version, team_context, version_team_imports

own = ""


def on_pre_build(config: MkDocsConfig) -> None:
    global own
    own = own_version()


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    if is_team_page(page.meta.get("template")):
        context["team"] = team_context(runtime("team_pages"), own)
    return context


def on_post_build(config: MkDocsConfig) -> None:
    version_team_imports(Path(config.site_dir), runtime("team_pages"), own)
