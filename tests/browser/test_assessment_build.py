"""What the build ships for the self-assessment: the self-hosted runtime, the scorer wheel made
from the current sources, the scale as JSON, and a service worker versioned by content."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from scorer.scale_files import load_scale_data
from sitegen.runtime import Runtime
from sitegen.service_worker import write_service_worker
from sitegen.wheel import build_wheel

pytestmark = pytest.mark.site

PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
THIRD_PARTY = re.compile(
    r"cdn\.jsdelivr|unpkg\.com|cdnjs|googleapis|gstatic|googletagmanager|google-analytics"
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def service_worker(site: Path) -> tuple[str, list[str]]:
    text = (site / "sw.js").read_text(encoding="utf-8")
    version = re.search(r'^const VERSION = "([0-9a-f]{16})";$', text, re.MULTILINE)
    precache = re.search(r"^const PRECACHE = (\[.*?\]);$", text, re.MULTILINE | re.DOTALL)
    assert version and precache, "sw.js lacks its generated VERSION and PRECACHE"
    return version.group(1), json.loads(precache.group(1))


def test_pyodide_runtime_is_copied_unchanged(built_site: Path, root: Path) -> None:
    for name in PYODIDE_FILES:
        assert digest(built_site / "assets" / "pyodide" / name) == digest(
            root / "node_modules" / "pyodide" / name
        )


def test_wheel_holds_the_current_scorer(built_site: Path, root: Path) -> None:
    wheels = list((built_site / "assets" / "scorer").glob("*.whl"))
    assert len(wheels) == 1 and wheels[0].name.endswith("-py3-none-any.whl")
    with zipfile.ZipFile(wheels[0]) as wheel:
        packaged = {
            name: wheel.read(name) for name in wheel.namelist() if name.startswith("scorer/")
        }
    sources = {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in (root / "scorer").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert packaged == sources


def test_scale_json_is_the_scale_folder(built_site: Path, root: Path) -> None:
    shipped = json.loads(
        (built_site / "assets" / "scorer" / "scale.json").read_text(encoding="utf-8")
    )
    assert shipped == json.loads(json.dumps(load_scale_data(root / "scale")))


def test_page_names_versioned_assets_that_exist(built_site: Path) -> None:
    html = (built_site / "self-assessment" / "index.html").read_text(encoding="utf-8")
    for attribute in ("data-scale", "data-wheel", "data-worker", "data-service-worker"):
        found = re.search(rf'{attribute}="([^"]+)"', html)
        assert found, attribute
        target = (built_site / "self-assessment" / found.group(1).split("?")[0]).resolve()
        assert target.is_file(), (attribute, found.group(1))
    # The form is in the HTML itself: usable before any script runs.
    assert html.count('class="ipsa-item"') == 25
    assert len(re.findall(r'type="radio" name="score-', html)) == 25 * 6


def test_service_worker_precaches_what_the_page_needs(built_site: Path) -> None:
    _, precache = service_worker(built_site)
    for url in precache:
        path = url.split("?")[0]
        assert (
            built_site / path / "index.html" if path.endswith("/") else built_site / path
        ).is_file(), url
    joined = "\n".join(precache)
    for needed in (
        "self-assessment/",
        "assessment/app.js?v=",
        "assessment/worker.js?v=",
        "scorer/scale.json?v=",
        ".whl?v=",
        "assessment/assessment.css?v=",
        *PYODIDE_FILES,
    ):
        assert needed in joined, needed
    # Only site-relative paths: nothing from another origin is ever cached.
    assert not [url for url in precache if "//" in url or url.startswith("/")]


def test_service_worker_precaches_every_module_the_scripts_import(built_site: Path) -> None:
    """Each import carries the build's ?v= (an old cached module never meets a new script) and
    is precached under that URL (a module missing offline would break the page)."""
    _, precache = service_worker(built_site)
    assets = built_site / "assets"
    imported = set()
    scripts = [assets / "assessment" / "app.js", assets / "tools" / "tools.js"]
    scripts += sorted((assets / "team").glob("*.js"))
    for script in scripts:
        for target in re.findall(r'^import .* from "([^"]+)";$', script.read_text(), re.M):
            path, _, query = target.partition("?")
            assert query.startswith("v="), target
            site_path = (script.parent / path).resolve().relative_to(built_site.resolve())
            imported.add(f"{site_path.as_posix()}?{query}")
    assert imported, "the page scripts import the scorer's client module"
    assert imported <= set(precache)


def test_nothing_points_at_a_cdn(built_site: Path) -> None:
    ours = [
        built_site / "sw.js",
        built_site / "self-assessment" / "index.html",
        *sorted((built_site / "assets" / "assessment").iterdir()),
        built_site / "assets" / "scorer" / "scale.json",
    ]
    for path in ours:
        text = path.read_text(encoding="utf-8")
        assert not THIRD_PARTY.search(text), path
    # Resources the page loads (src, and stylesheets/icons/preloads) are all relative.
    html = ours[1].read_text(encoding="utf-8")
    sources = re.findall(r'\ssrc="([^"]+)"', html) + [
        href
        for tag in re.findall(r"<link\b[^>]*>", html)
        for href in re.findall(r'href="([^"]+)"', tag)
        if "canonical" not in tag and "sitemap" not in tag
    ]
    assert sources and not [s for s in sources if re.match(r"^[a-z]+:|^//", s)]
    # Pyodide's loader falls back to its CDN unless told otherwise: the worker always tells it.
    worker = (built_site / "assets" / "assessment" / "worker.js").read_text(encoding="utf-8")
    assert "indexURL," in worker and "packageBaseUrl: indexURL" in worker
    assert 'new URL("../pyodide/", import.meta.url)' in worker


def _project_copy(root: Path, target: Path) -> Path:
    shutil.copytree(
        root / "scorer", target / "scorer", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(root / "pyproject.toml", target / "pyproject.toml")
    if (root / "README.md").exists():
        shutil.copy(root / "README.md", target / "README.md")
    return target


def test_wheel_build_is_reproducible_and_cached(root: Path, tmp_path: Path) -> None:
    project = _project_copy(root, tmp_path / "project")
    name, first = build_wheel(project)
    shutil.rmtree(project / ".cache")
    again_name, again = build_wheel(project)
    assert (name, first) == (again_name, again), "same sources must give the same bytes"
    assert list((project / ".cache" / "assessment-wheel").glob("*/*.whl"))
    (project / "scorer" / "api.py").write_text(
        (project / "scorer" / "api.py").read_text(encoding="utf-8") + "\n# changed\n",
        encoding="utf-8",
    )
    assert build_wheel(project)[1] != first


def test_service_worker_version_follows_the_files(
    root: Path, built_site: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    wheel = next((site / "assets" / "scorer").glob("*.whl"))
    version = re.search(r"\?v=([0-9a-f]+)", (site / "sw.js").read_text(encoding="utf-8"))
    assert version
    runtime = Runtime(
        root=root, wheel_name=wheel.name, wheel=wheel.read_bytes(), version=version.group(1)
    )
    write_service_worker(site, runtime)
    before, _ = service_worker(site)
    assert before == service_worker(built_site)[0], "the same files give the same version"
    scale = site / "assets" / "scorer" / "scale.json"
    scale.write_text(scale.read_text(encoding="utf-8") + " ", encoding="utf-8")
    write_service_worker(site, runtime)
    assert service_worker(site)[0] != before, "a changed file must change the cache version"
