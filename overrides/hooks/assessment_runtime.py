"""MkDocs hook: everything the self-assessment page needs to score answers on the device.

The page runs the real `scorer` package under Pyodide, so the build ships, from the site's own
origin and nowhere else:

- the Pyodide runtime, copied from the pinned npm package (node_modules/pyodide);
- the scorer as a pure-Python wheel, built with the project's own PEP 517 backend;
- the scale as JSON, made from scale/ (the single source of truth);
- a service worker at the site root that keeps every page of the site and the files they use,
  and the runtime above once a page that scores is opened, so that after one visit the guidance
  reads, and the assessment and tools score, offline. Its cache name is a hash of the files it
  keeps, so a new build replaces the old cache;
- in the built worker.js, the wheel's and the scale's hashes: what the scorer's memory snapshot
  (assets/assessment/snapshot-store.js) must have been made with to be used.

The page template (overrides/self-assessment.html) gets the scale and the asset versions
through `on_page_context`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from asset_urls import version_pages
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from page_weight import compact_pages
from site_files import manifest_icons, page_assets, scorer_pages, site_pages, theme_extras

log = get_plugin_logger("assessment_runtime")

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
# Scripts the pages and workers load with the build's ?v= (tests check every import is in this
# list): every script beside app.js in assets/assessment/ except the scorer's worker and the
# service worker, which have URLs of their own.
_NOT_IMPORTED = ("app.js", "worker.js", "service-worker.js")
SHARED_MODULES = tuple(
    sorted(
        path.name
        for path in (Path(__file__).resolve().parent.parent / ASSESSMENT_DIR).glob("*.js")
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
SW_OUTPUT = "sw.js"
# The classic script every page with the scorer loads first, so its worker starts before the
# page's own module script has arrived (pages link it with the build's ?v=).
START_SCRIPT = f"{ASSESSMENT_DIR}/scorer-start.js"
# Wheels are zip files: pin their timestamps so the same sources give the same bytes, and so the
# same service worker version, on every build.
SOURCE_DATE_EPOCH = "315532800"
BUILD_WHEEL = (
    "import sys, setuptools.build_meta as backend; print(backend.build_wheel(sys.argv[1]))"
)


@dataclass
class _State:
    """What one build has worked out, shared between the events of that build."""

    root: Path = Path()
    scale: dict[str, Any] = field(default_factory=dict)
    scale_json: bytes = b""
    wheel_name: str = ""
    wheel: bytes = b""
    version: str = ""


_state = _State()


def _digest(*parts: bytes) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(len(part).to_bytes(8, "big"))
        hasher.update(part)
    return hasher.hexdigest()


def _root() -> Path:
    """The repository: this file is overrides/hooks/assessment_runtime.py inside it."""
    return Path(__file__).resolve().parents[2]


# --- the scale ----------------------------------------------------------------------------


def _load_scale(root: Path) -> dict[str, Any]:
    """scale/ as the plain dict the scorer checks; a clear error naming the file and line."""
    sys.path.insert(0, str(root))
    try:
        from scorer.errors import ScaleError
        from scorer.scale_files import load_scale_data
    except ImportError as exc:
        raise PluginError(f"assessment_runtime: cannot import the scorer package: {exc}") from None
    finally:
        sys.path.remove(str(root))
    try:
        return load_scale_data(root / "scale")
    except ScaleError as exc:
        raise PluginError(f"assessment_runtime: the scale in scale/ is not valid: {exc}") from None


# --- the scorer wheel ---------------------------------------------------------------------


def _wheel_sources(root: Path) -> list[Path]:
    """The files the wheel is built from: the project metadata and the scorer package."""
    names = [root / "pyproject.toml", root / "README.md", *sorted(root.glob("LICENSE*"))]
    package = sorted(
        path
        for path in (root / "scorer").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )
    return [path for path in names if path.is_file()] + package


def _build_wheel(root: Path) -> tuple[str, bytes]:
    """Build (or reuse, when the sources have not changed) the scorer's pure-Python wheel."""
    sources = _wheel_sources(root)
    if not (root / "scorer" / "__init__.py").is_file():
        raise PluginError("assessment_runtime: scorer/__init__.py is missing; nothing to build")
    key = _digest(
        *(
            part
            for path in sources
            for part in (str(path.relative_to(root)).encode(), path.read_bytes())
        )
    )[:24]
    cache = root / ".cache" / "assessment-wheel" / key
    cached = sorted(cache.glob("*.whl")) if cache.is_dir() else []
    if cached:
        return cached[0].name, cached[0].read_bytes()

    with tempfile.TemporaryDirectory(prefix="ips-wheel-") as tmp:
        tree = Path(tmp) / "src"
        for path in sources:
            target = tree / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        if not (tree / "README.md").exists():
            # pyproject.toml names README.md as the long description; the browser never reads it.
            log.info("README.md not found; building the scorer wheel without a long description")
            (tree / "README.md").write_text("", encoding="utf-8")
        out = Path(tmp) / "dist"
        out.mkdir()
        env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONDONTWRITEBYTECODE": "1"}
        try:
            done = subprocess.run(
                [sys.executable, "-c", BUILD_WHEEL, str(out)],
                cwd=tree,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PluginError(f"assessment_runtime: could not run the wheel build: {exc}") from None
        if done.returncode != 0:
            tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
            raise PluginError(
                "assessment_runtime: building the scorer wheel with setuptools failed "
                "(is setuptools>=77 installed? run: .venv/bin/pip install -e '.[site]'):\n" + tail
            )
        wheels = sorted(out.glob("*.whl"))
        if len(wheels) != 1 or not wheels[0].name.endswith("-py3-none-any.whl"):
            raise PluginError(
                "assessment_runtime: expected one pure-Python wheel (py3-none-any), got "
                + (", ".join(w.name for w in wheels) or "none")
            )
        cache.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(wheels[0], cache / wheels[0].name)
        log.info("built %s", wheels[0].name)
        return wheels[0].name, wheels[0].read_bytes()


# --- MkDocs events ------------------------------------------------------------------------


def on_pre_build(config: MkDocsConfig) -> None:
    """Load the scale and build the wheel first, so the page can name their versions."""
    global _state
    root = _root()
    scale = _load_scale(root)
    wheel_name, wheel = _build_wheel(root)
    scale_json = json.dumps(scale, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assets = Path(__file__).resolve().parent.parent / ASSESSMENT_DIR
    page_assets = sorted(p for p in assets.rglob("*") if p.is_file()) if assets.is_dir() else []
    if not page_assets:
        raise PluginError(f"assessment_runtime: the page's scripts are missing from {assets}")
    page_assets += _tool_modules()
    version = _digest(
        wheel,
        scale_json,
        *(p.read_bytes() for p in page_assets),
        *(p.name.encode() for p in page_assets),
    )[:12]
    _state = _State(root, scale, scale_json, wheel_name, wheel, version)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """The service worker's source is published at the root by on_post_build, not in assets/."""
    source = files.get_file_from_path(SW_SOURCE)
    if source is not None:
        files.remove(source)
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The template makes the form after Markdown, with one section per item whose id is the item
    id: tell MkDocs's anchor check so guidance pages can link to `self-assessment/#<item id>`."""
    if page.meta.get("template") == TEMPLATE and page.present_anchor_ids is not None:
        page.present_anchor_ids.update(item["id"] for item in _state.scale.get("items", []))
    return html


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """Give the assessment page's template the scale, grouped by principle, and asset URLs."""
    if page.meta.get("template") != TEMPLATE:
        return context
    scale = _state.scale
    groups = [
        {**principle, "items": [i for i in scale["items"] if i["principle"] == principle["id"]]}
        for principle in scale["principles"]
    ]
    titles = {principle["id"]: principle["title"] for principle in scale["principles"]}
    context["assessment"] = {
        "scale": scale,
        "principles": [g for g in groups if g["items"]],
        # The form's order: 1-25, each item naming its principle.
        "items": [{**i, "principle_title": titles.get(i["principle"], "")} for i in scale["items"]],
        "version": _state.version,
        "start": f"{START_SCRIPT}?v={_state.version}",
        "wheel": f"{SCORER_DIR}/{_state.wheel_name}",
        "scale_json": f"{SCORER_DIR}/scale.json",
        "service_worker": SW_OUTPUT,
    }
    return context


@event_priority(-50)  # after the other hooks have written their files: sw.js keeps them too
def on_post_build(config: MkDocsConfig) -> None:
    """Copy the runtime, write the wheel and scale.json, then the versioned service worker."""
    root = _state.root
    site = Path(config.site_dir)
    source = root / "node_modules" / "pyodide"
    if not source.is_dir():
        raise PluginError(
            "assessment_runtime: node_modules/pyodide is missing; run `npm ci` "
            "(./dev serve and ./dev test do it for you)"
        )
    missing = [name for name in PYODIDE_FILES if not (source / name).is_file()]
    if missing:
        raise PluginError(
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
        if stale.name != _state.wheel_name:
            stale.unlink()
    (scorer_dir / _state.wheel_name).write_bytes(_state.wheel)
    (scorer_dir / "scale.json").write_bytes(_state.scale_json)

    _version_imports(site)
    _stamp_worker(site)
    log.debug("pages compacted by %d bytes", compact_pages(site))
    try:
        version_pages(site)
    except (ValueError, OSError) as exc:
        raise PluginError(f"assessment_runtime: versioning the pages' files: {exc}") from None
    _write_service_worker(config, site)


def _version_imports(site: Path) -> None:
    """Give the built scripts' imports of the shared modules the build's ?v=, as their own
    <script> tags have, so a browser or a service worker never links a new page script with
    an old module from its cache."""
    for script in sorted((site / "assets").glob("*/*.js")):
        if script.parent.name in ("pyodide", "javascripts"):
            continue
        text = script.read_text(encoding="utf-8")
        versioned = _SHARED_IMPORT.sub(rf'\1?v={_state.version}"', text)
        if script.parent.name == Path(TOOLS_DIR).name:
            versioned = _TOOL_IMPORT.sub(rf'\1?v={_state.version}"', versioned)
        if versioned != text:
            script.write_text(versioned, encoding="utf-8")


SNAPSHOT_KEY_MARK = '"__SNAPSHOT_KEY__"'


def _stamp_worker(site: Path) -> None:
    """Write into the built worker.js what its memory snapshot is valid for: this wheel and this
    scale (by hash; worker.js adds Pyodide's version), so a start from the snapshot needs to
    fetch and hash nothing before it can trust it."""
    worker = site / ASSESSMENT_DIR / "worker.js"
    text = worker.read_text(encoding="utf-8")
    if SNAPSHOT_KEY_MARK not in text:
        raise PluginError(f"assessment_runtime: {worker} lacks {SNAPSHOT_KEY_MARK}")
    wheel = hashlib.sha256(_state.wheel).hexdigest()[:32]
    scale = hashlib.sha256(_state.scale_json).hexdigest()[:32]
    key = json.dumps(f"wheel-{wheel}.scale-{scale}")
    worker.write_text(text.replace(SNAPSHOT_KEY_MARK, key, 1), encoding="utf-8")


# --- helpers ------------------------------------------------------------------------------


def _tool_modules() -> list[Path]:
    """The planning tools' ES modules, as sources (overrides/assets/tools/*.js)."""
    return sorted((Path(__file__).resolve().parent.parent / TOOLS_DIR).glob("*.js"))


def _copy_if_changed(source: Path, target: Path) -> None:
    """Skip the 10 MB copy on every `mkdocs serve` rebuild when the file is already there."""
    if target.is_file():
        a, b = source.stat(), target.stat()
        if a.st_size == b.st_size and int(a.st_mtime) == int(b.st_mtime):
            return
    shutil.copy2(source, target)


def _write_service_worker(config: MkDocsConfig, site: Path) -> None:
    """sw.js at the root: its version is a hash of every file it precaches.

    PRECACHE is every page of the site with the files they use, and the runtime; the runtime
    (ON_DEMAND, 13 MB) is only fetched once a page that starts the scorer asks for it, so a
    visit to a guidance page alone makes every guidance page work offline without it."""
    source = Path(__file__).resolve().parent.parent / SW_SOURCE
    if not source.is_file():
        raise PluginError(f"assessment_runtime: the service worker source {source} is missing")
    precache = sorted(
        {
            *(url for page in site_pages(site) for url in (page, *page_assets(site, page))),
            *theme_extras(site),
            *manifest_icons(site),
            *(f"{PYODIDE_DIR}/{name}" for name in PYODIDE_FILES),
            f"{SCORER_DIR}/{_state.wheel_name}?v={_state.version}",
            f"{SCORER_DIR}/scale.json?v={_state.version}",
            f"{ASSESSMENT_DIR}/worker.js?v={_state.version}",
            *(f"{ASSESSMENT_DIR}/{name}?v={_state.version}" for name in SHARED_MODULES),
            *(f"{TOOLS_DIR}/{path.name}?v={_state.version}" for path in _tool_modules()),
        }
    )
    code = source.read_text(encoding="utf-8")
    parts: list[bytes] = [code.encode()]
    for url in precache:
        path = site / (urlsplit(url).path or ".")
        if url == "" or url.endswith("/"):
            path = site / url / "index.html"
        if not path.is_file():
            raise PluginError(
                f"assessment_runtime: the service worker would cache {url}, which was not built"
            )
        parts += [url.encode(), path.read_bytes()]
    version = _digest(*parts)[:16]
    header = (
        "// Generated by overrides/hooks/assessment_runtime.py from "
        f"overrides/{SW_SOURCE}; do not edit.\n"
        f"const VERSION = {json.dumps(version)};\n"
        f"const PRECACHE = {json.dumps(precache, indent=1)};\n"
        f"const ON_DEMAND = {json.dumps([f'{PYODIDE_DIR}/{name}' for name in PYODIDE_FILES])};\n"
        f"const SCORER_PAGES = {json.dumps(scorer_pages(site))};\n"
    )
    (site / SW_OUTPUT).write_text(header + code, encoding="utf-8")
    log.debug("service worker %s caches %d files", version, len(precache))
