"""What the planning tool pages (site_src/tools/) need to run on the device.

The tools run the same `scorer` package as the self-assessment, under Pyodide, in the same
worker. What is theirs alone:

- assets/tools/planning.json: review.yaml, planning.yaml and scale.yaml's Centre rules as one
  checked dict (scorer.planning.rules.load_planning_data), which the page hands to
  scorer.planning.api.configure; a mistake in scale/ stops the build with its file and line;
- each tool page's template context: the rules as checked values, so the page states the
  numbers of scale/ rather than typing them, and the URLs of the worker, the scorer wheel and
  scale.json with the runtime's version, so the service worker's precached copies serve the
  tools offline too;
- a check that each tool page's Markdown marks where the tool goes with `<!-- tool -->`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from scorer.errors import ScaleError
from scorer.exact import show
from scorer.planning.review_plan import timed_steps
from scorer.planning.rules import Planning as PlanningRules
from scorer.planning.rules import load_planning_data, parse_planning
from scorer.planning.timetable import clock
from scorer.planning.workforce import supervision_needed
from scorer.scale_files import load_scale
from sitegen.errors import BuildError
from sitegen.project import OVERRIDES, files_digest
from sitegen.runtime import ASSESSMENT_DIR, SCORER_DIR, START_SCRIPT, SW_OUTPUT, Runtime

TEMPLATE_PREFIX = "tools/"
MARKER = "<!-- tool -->"
TOOLS_ASSETS = OVERRIDES / "assets" / "tools"
PLANNING_URL = "assets/tools/planning.json"


@dataclass(frozen=True)
class Planning:
    """The tools' rules for one build, as values and as the JSON the pages read."""

    rules: PlanningRules
    json: bytes
    version: str


def load_planning(folder: Path) -> Planning:
    try:
        data = load_planning_data(folder)
        rules = parse_planning(data, load_scale(folder))
    except ScaleError as error:
        raise BuildError(
            f"tools_pages: the planning data in scale/ is not valid: {error}"
        ) from None
    planning_json = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    # The version in the tools' URLs covers their rules and their own script and styles, so a
    # change to either reaches browsers and CDNs instead of a cached copy.
    return Planning(rules, planning_json, files_digest(TOOLS_ASSETS, planning_json))


def is_tool_page(template: object) -> bool:
    """Whether a page's template (its front matter `template`) is a tool's."""
    return isinstance(template, str) and template.startswith(TEMPLATE_PREFIX)


def check_marker(src_uri: str, html: str) -> None:
    if html.count(MARKER) != 1:
        raise BuildError(
            f"tools_pages: {src_uri} must contain {MARKER} exactly once, where the tool goes"
        )


def show_figure(value: object) -> str:
    """A figure for the page: whole numbers as they are, others to at most 2 decimals."""
    return show(Fraction(str(value)).limit_denominator(10_000))


def tool_context(planning: Planning, runtime: Runtime) -> dict[str, Any]:
    """What a tool page's template gets as `tool`."""
    version = runtime.version

    def supervision(specialists: int) -> str:
        return show_figure(supervision_needed(specialists, planning.rules.workforce)[1])

    return {
        "rules": planning.rules,
        "timed_steps": timed_steps(planning.rules.review),
        "marker": MARKER,
        "clock": clock,
        "show": show_figure,
        "supervision": supervision,
        "version": f"{version}-{planning.version}",
        # The scripts' own version: the service worker precaches them under it.
        "modules_version": version,
        "planning": f"{PLANNING_URL}?v={planning.version}",
        "scale": f"{SCORER_DIR}/scale.json?v={version}",
        "wheel": f"{SCORER_DIR}/{runtime.wheel_name}?v={version}",
        "worker": f"{ASSESSMENT_DIR}/worker.js?v={version}",
        "start": f"{START_SCRIPT}?v={version}",
        "service_worker": SW_OUTPUT,
    }


def write_planning(planning: Planning, site: Path) -> None:
    target = site / PLANNING_URL
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(planning.json)
