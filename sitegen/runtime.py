"""Everything the pages that score need to run the scorer on the device.

They run the real `scorer` package under Pyodide, so the build ships, from the site's own origin
and nowhere else:

- the Pyodide runtime, copied from the pinned npm package (node_modules/pyodide);
- the scorer as a pure-Python wheel (sitegen.wheel);
- the scale as JSON, made from scale/ (the single source of truth);
- in the built worker.js, the wheel's and the scale's hashes: what the scorer's memory snapshot
  (assets/assessment/snapshot-store.js) must have been made with to be used.

The service worker that keeps all of it is written by sitegen.service_worker.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scorer.errors import ScaleError
from scorer.scale_files import load_scale_data
from sitegen.asset_urls import version_pages
from sitegen.errors import BuildError
from sitegen.page_weight import compact_pages
from sitegen.project import OVERRIDES, digest
from sitegen.theme_css import cut_theme_stylesheets
from sitegen.wheel import build_wheel

TEMPLATE = "self-assessment.html"
PAGE_URL = "self-assessment/"
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
PYODIDE_DIR = "assets/pyodide"
SCORER_DIR = "assets/scorer"
ASSESSMENT_DIR = "assets/assessment"
# The service worker's source lives with the page's other assets but is published at the root,
# because a service worker only controls pages at or below its own URL.
SW_SOURCE = f"{ASSESSMENT_DIR}/service-worker.js"
SW_OUTPUT = "sw.js"
# The classic script every page with the scorer loads first, so its worker starts before the
# page's own module script has arrived (pages link it with the build's ?v=).
START_SCRIPT = f"{ASSESSMENT_DIR}/scorer-start.js"
# Scripts the pages and workers load with the build's ?v= (tests check every import is in this
# list): every script beside app.js in assets/assessment/ except the scorer's worker and the
# service worker, which have URLs of their own.
_NOT_IMPORTED = ("app.js", "worker.js", "service-worker.js")
SHARED_MODULES = tuple(
    sorted(
        path.name
        for path in (OVERRIDES / ASSESSMENT_DIR).glob("*.js")
        if path.name not in _NOT_IMPORTED
    )
)
_SHARED_IMPORT = re.compile(
    r'(from "[^"?]*/(?:'
    + "|".join(re.escape(name) for name in SHARED_MODULES)
    + r'))(?:\?v=[^"]*)?"'
)
# The planning tools' page scripts: ES modules (tools.js and the modules it imports), precached
# and imported with the build's ?v= like the shared ones, so the tools work offline.
TOOLS_DIR = "assets/tools"
_TOOL_IMPORT = re.compile(r'(from "\./[^"?]+\.js)(?:\?v=[^"]*)?"')
SNAPSHOT_KEY_MARK = '"__SNAPSHOT_KEY__"'


@dataclass(frozen=True)
class Runtime:
    """What one build has worked out for the pages that score."""

    root: Path = Path()
    scale: dict[str, Any] = field(default_factory=dict)
    scale_json: bytes = b""
    wheel_name: str = ""
    wheel: bytes = b""
    version: str = ""


def _quiet(message: str) -> None:
    """The default for `note`: say nothing."""


def prepare(root: Path, scale_folder: Path, note: Callable[[str], None] = _quiet) -> Runtime:
    """Load the scale and build the wheel, first, so the pages can name their versions."""
    try:
        scale = load_scale_data(scale_folder)
    except ScaleError as exc:
        raise BuildError(f"assessment_runtime: the scale in scale/ is not valid: {exc}") from None
    wheel_name, wheel = build_wheel(root, note)
    scale_json = json.dumps(scale, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assets = OVERRIDES / ASSESSMENT_DIR
    sources = sorted(p for p in assets.rglob("*") if p.is_file()) if assets.is_dir() else []
    if not sources:
        raise BuildError(f"assessment_runtime: the page's scripts are missing from {assets}")
    sources += tool_modules()
    version = digest(
        wheel,
        scale_json,
        *(p.read_bytes() for p in sources),
        *(p.name.encode() for p in sources),
    )[:12]
    return Runtime(root, scale, scale_json, wheel_name, wheel, version)


def tool_modules() -> list[Path]:
    """The planning tools' ES modules, as sources (overrides/assets/tools/*.js)."""
    return sorted((OVERRIDES / TOOLS_DIR).glob("*.js"))


def item_anchor_ids(runtime: Runtime) -> set[str]:
    """The self-assessment form has one section per item whose id is the item id, so guidance
    pages can link to `self-assessment/#<item id>`."""
    return {item["id"] for item in runtime.scale.get("items", [])}


def assessment_context(runtime: Runtime) -> dict[str, Any]:
    """What the self-assessment page's template gets as `assessment`: the scale, grouped by
    principle, and the URLs of its assets."""
    scale = runtime.scale
    groups = [
        {**principle, "items": [i for i in scale["items"] if i["principle"] == principle["id"]]}
        for principle in scale["principles"]
    ]
    titles = {principle["id"]: principle["title"] for principle in scale["principles"]}
    return {
        "scale": scale,
        "principles": [g for g in groups if g["items"]],
        # The form's order: 1-25, each item naming its principle.
        "items": [{**i, "principle_title": titles.get(i["principle"], "")} for i in scale["items"]],
        "version": runtime.version,
        "start": f"{START_SCRIPT}?v={runtime.version}",
        "wheel": f"{SCORER_DIR}/{runtime.wheel_name}",
        "scale_json": f"{SCORER_DIR}/scale.json",
        "service_worker": SW_OUTPUT,
    }


def publish(runtime: Runtime, site: Path) -> None:
    """Copy the runtime into the built site, write the wheel and scale.json, version the
    scripts' imports, stamp the worker with what its snapshot is valid for, and cut the
    theme's stylesheets before every page's references are versioned."""
    source = runtime.root / "node_modules" / "pyodide"
    if not source.is_dir():
        raise BuildError(
            "assessment_runtime: node_modules/pyodide is missing; run `npm ci` "
            "(./dev serve and ./dev test do it for you)"
        )
    missing = [name for name in PYODIDE_FILES if not (source / name).is_file()]
    if missing:
        raise BuildError(
            f"assessment_runtime: node_modules/pyodide lacks {', '.join(missing)}; "
            "run `npm ci` to reinstall the pinned version"
        )
    target = site / PYODIDE_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        _copy_if_changed(source / name, target / name)

    scorer_dir = site / SCORER_DIR
    scorer_dir.mkdir(parents=True, exist_ok=True)
    for stale in scorer_dir.glob("*.whl"):
        if stale.name != runtime.wheel_name:
            stale.unlink()
    (scorer_dir / runtime.wheel_name).write_bytes(runtime.wheel)
    (scorer_dir / "scale.json").write_bytes(runtime.scale_json)

    version_imports(site, runtime.version)
    stamp_worker(site, runtime)
    compact_pages(site)
    try:
        cut_theme_stylesheets(site)
    except (ValueError, OSError) as exc:
        raise BuildError(f"assessment_runtime: cutting the theme's stylesheets: {exc}") from None
    try:
        version_pages(site)
    except (ValueError, OSError) as exc:
        raise BuildError(f"assessment_runtime: versioning the pages' files: {exc}") from None


def version_imports(site: Path, version: str) -> None:
    """Give the built scripts' imports of the shared modules the build's ?v=, as their own
    <script> tags have, so a browser or a service worker never links a new page script with
    an old module from its cache."""
    for script in sorted((site / "assets").glob("*/*.js")):
        if script.parent.name in ("pyodide", "javascripts"):
            continue
        text = script.read_text(encoding="utf-8")
        versioned = _SHARED_IMPORT.sub(rf'\1?v={version}"', text)
        if script.parent.name == Path(TOOLS_DIR).name:
            versioned = _TOOL_IMPORT.sub(rf'\1?v={version}"', versioned)
        if versioned != text:
            script.write_text(versioned, encoding="utf-8")


def stamp_worker(site: Path, runtime: Runtime) -> None:
    """Write into the built worker.js what its memory snapshot is valid for: this wheel and this
    scale (by hash; worker.js adds Pyodide's version), so a start from the snapshot needs to
    fetch and hash nothing before it can trust it."""
    worker = site / ASSESSMENT_DIR / "worker.js"
    text = worker.read_text(encoding="utf-8")
    if SNAPSHOT_KEY_MARK not in text:
        raise BuildError(f"assessment_runtime: {worker} lacks {SNAPSHOT_KEY_MARK}")
    wheel = hashlib.sha256(runtime.wheel).hexdigest()[:32]
    scale = hashlib.sha256(runtime.scale_json).hexdigest()[:32]
    key = json.dumps(f"wheel-{wheel}.scale-{scale}")
    worker.write_text(text.replace(SNAPSHOT_KEY_MARK, key, 1), encoding="utf-8")


def _copy_if_changed(source: Path, target: Path) -> None:
    """Skip the 10 MB copy on every rebuild of a live server when the file is already there."""
    if target.is_file():
        a, b = source.stat(), target.stat()
        if a.st_size == b.st_size and int(a.st_mtime) == int(b.st_mtime):
            return
    shutil.copy2(source, target)
