"""What the pages that read several saved assessments (a team's ratings, progress) need.

They run the same scorer as the self-assessment, in the same worker, so their templates (front
matter `template: team/<name>.html`) only get the URLs of the worker, the scorer wheel and
scale.json with the runtime's version, and a version for their own scripts; the imports between
those scripts get the same version, so a browser or the service worker never pairs a new script
with an old module from its cache. Version the imports before the service worker's list is
written: its version is worked out from the files.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sitegen.project import OVERRIDES, files_digest
from sitegen.runtime import (
    ASSESSMENT_DIR,
    PAGE_URL,
    SCORER_DIR,
    START_SCRIPT,
    SW_OUTPUT,
    Runtime,
)

TEMPLATE_PREFIX = "team/"
ASSETS = OVERRIDES / "assets" / "team"
_OWN_IMPORT = re.compile(r'(from "\./[a-z-]+\.js)(?:\?v=[^"]*)?"')


def own_version() -> str:
    """A version for the pages' own scripts (overrides/assets/team/)."""
    return files_digest(ASSETS)


def is_team_page(template: object) -> bool:
    """Whether a page's template (its front matter `template`) is a team page's."""
    return isinstance(template, str) and template.startswith(TEMPLATE_PREFIX)


def team_context(runtime: Runtime, own: str) -> dict[str, Any]:
    """What a team page's template gets as `team`."""
    version = runtime.version
    return {
        "version": f"{version}-{own}",
        "scale": f"{SCORER_DIR}/scale.json?v={version}",
        "wheel": f"{SCORER_DIR}/{runtime.wheel_name}?v={version}",
        "worker": f"{ASSESSMENT_DIR}/worker.js?v={version}",
        "start": f"{START_SCRIPT}?v={version}",
        "service_worker": SW_OUTPUT,
        "self_assessment": PAGE_URL,
    }


def version_team_imports(site: Path, runtime: Runtime, own: str) -> None:
    """Version the imports between the pages' own modules, as their <script> tags are."""
    version = f"{runtime.version}-{own}"
    for script in sorted((site / "assets" / "team").glob("*.js")):
        text = script.read_text(encoding="utf-8")
        versioned = _OWN_IMPORT.sub(rf'\1?v={version}"', text)
        if versioned != text:
            script.write_text(versioned, encoding="utf-8")
