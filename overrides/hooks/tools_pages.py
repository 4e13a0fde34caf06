"""MkDocs hook: what the planning tool pages (site_src/tools/) need to run on the device.

The tools run the same `scorer` package as the self-assessment, under Pyodide, in the same
worker. This hook adds only what is theirs:

- assets/tools/planning.json: review.yaml, planning.yaml and scale.yaml's Centre rules as one
  checked dict (scorer.planning.rules.load_planning_data), which the page hands to
  scorer.planning.api.configure; a mistake in scale/ stops the build with its file and line;
- for each tool page (front matter `template: tools/<name>.html`), the template context: the
  rules as checked values, so the page states the numbers of scale/ rather than typing them,
  and the URLs of the worker, the scorer wheel and scale.json with the version the
  assessment_runtime hook gave them, so the service worker's precached copies serve the tools
  offline too;
- a check that each tool page's Markdown marks where the tool goes with `<!-- tool -->`.

This hook must come after assessment_runtime in mkdocs.yml: it reads that hook's build state.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ips_site import files_digest, runtime_hook, scale_dir
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

TEMPLATE_PREFIX = "tools/"
MARKER = "<!-- tool -->"
TOOLS_ASSETS = Path(__file__).resolve().parent.parent / "assets" / "tools"
PLANNING_URL = "assets/tools/planning.json"


class _Build:
    """What this build has worked out, shared between its events."""

    planning: Any = None
    planning_json: bytes = b""
    version: str = ""


_build = _Build()


def on_pre_build(config: MkDocsConfig) -> None:
    import json

    from scorer.errors import ScaleError
    from scorer.planning.rules import load_planning_data, parse_planning
    from scorer.scale_files import load_scale

    directory = scale_dir(config)
    try:
        data = load_planning_data(directory)
        planning = parse_planning(data, load_scale(directory))
    except ScaleError as error:
        raise PluginError(
            f"tools_pages: the planning data in scale/ is not valid: {error}"
        ) from None
    _build.planning = planning
    _build.planning_json = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    # The version in the tools' URLs covers their rules and their own script and styles, so a
    # change to either reaches browsers and CDNs instead of a cached copy.
    _build.version = files_digest(TOOLS_ASSETS, _build.planning_json)


def _is_tool(page: Page) -> bool:
    template = page.meta.get("template")
    return isinstance(template, str) and template.startswith(TEMPLATE_PREFIX)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _is_tool(page) and html.count(MARKER) != 1:
        raise PluginError(
            f"tools_pages: {page.file.src_uri} must contain {MARKER} exactly once, where the "
            "tool goes"
        )
    return html


def _show(value: object) -> str:
    """A figure for the page: whole numbers as they are, others to at most 2 decimals."""
    from fractions import Fraction

    from scorer.exact import show

    return show(Fraction(str(value)).limit_denominator(10_000))


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    if not _is_tool(page):
        return context
    runtime = runtime_hook("tools_pages")
    state = runtime._state
    version = state.version
    from scorer.planning.review_plan import timed_steps
    from scorer.planning.timetable import clock
    from scorer.planning.workforce import supervision_needed

    def supervision(specialists: int) -> str:
        return _show(supervision_needed(specialists, _build.planning.workforce)[1])

    context["tool"] = {
        "rules": _build.planning,
        "timed_steps": timed_steps(_build.planning.review),
        "marker": MARKER,
        "clock": clock,
        "show": _show,
        "supervision": supervision,
        "version": f"{version}-{_build.version}",
        # The scripts' own version: the service worker precaches them under it.
        "modules_version": version,
        "planning": f"{PLANNING_URL}?v={_build.version}",
        "scale": f"{runtime.SCORER_DIR}/scale.json?v={version}",
        "wheel": f"{runtime.SCORER_DIR}/{state.wheel_name}?v={version}",
        "worker": f"{runtime.ASSESSMENT_DIR}/worker.js?v={version}",
        "start": f"{runtime.START_SCRIPT}?v={version}",
        "service_worker": runtime.SW_OUTPUT,
    }
    return context


def on_post_build(config: MkDocsConfig) -> None:
    target = Path(config.site_dir) / PLANNING_URL
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(_build.planning_json)
