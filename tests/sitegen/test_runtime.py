"""What the pages that score ship, without MkDocs: the wheel, the page's context, versioned
imports, the worker's snapshot key, and the service worker's list on a small built site."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from sitegen.errors import BuildError
from sitegen.runtime import (
    SHARED_MODULES,
    SNAPSHOT_KEY_MARK,
    Runtime,
    assessment_context,
    item_anchor_ids,
    publish,
    stamp_worker,
    version_imports,
)
from sitegen.service_worker import (
    page_assets,
    precache_list,
    scorer_pages,
    site_pages,
    write_service_worker,
)
from sitegen.team import team_context, version_team_imports
from sitegen.wheel import build_wheel

SCALE = {
    "principles": [{"id": "p1", "title": "First"}, {"id": "p2", "title": "Empty"}],
    "items": [{"id": "caseload-size", "principle": "p1"}, {"id": "supervision", "principle": "p1"}],
}
RUNTIME = Runtime(
    root=Path("/nowhere"),
    scale=SCALE,
    scale_json=json.dumps(SCALE).encode(),
    wheel_name="ips_fidelity-1.0.0-py3-none-any.whl",
    wheel=b"wheel bytes",
    version="abc123",
)


def test_the_page_gets_the_scale_by_principle_and_versioned_urls() -> None:
    context = assessment_context(RUNTIME)
    assert [p["id"] for p in context["principles"]] == ["p1"]  # no principle without items
    assert [i["principle_title"] for i in context["items"]] == ["First", "First"]
    assert context["start"] == "assets/assessment/scorer-start.js?v=abc123"
    assert context["wheel"] == "assets/scorer/ips_fidelity-1.0.0-py3-none-any.whl"
    assert item_anchor_ids(RUNTIME) == {"caseload-size", "supervision"}


def test_team_pages_get_both_versions() -> None:
    context = team_context(RUNTIME, "own1")
    assert context["version"] == "abc123-own1"
    assert context["worker"] == "assets/assessment/worker.js?v=abc123"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_imports_of_shared_modules_get_the_build_version(tmp_path: Path) -> None:
    shared = SHARED_MODULES[0]
    _write(tmp_path / "assets/assessment/app.js", f'import {{ a }} from "./{shared}?v=old";\n')
    _write(tmp_path / "assets/tools/tools.js", 'import { b } from "./common.js";\n')
    _write(tmp_path / "assets/pyodide/pyodide.mjs", f'import {{ c }} from "./{shared}";\n')
    _write(tmp_path / "assets/team/team.js", 'import { d } from "./opening.js";\n')
    version_imports(tmp_path, "v9")
    version_team_imports(tmp_path, RUNTIME, "own1")
    read = {
        p: (tmp_path / p).read_text(encoding="utf-8")
        for p in (
            "assets/assessment/app.js",
            "assets/tools/tools.js",
            "assets/pyodide/pyodide.mjs",
            "assets/team/team.js",
        )
    }
    assert f'from "./{shared}?v=v9"' in read["assets/assessment/app.js"]
    assert 'from "./common.js?v=v9"' in read["assets/tools/tools.js"]
    assert "?v=" not in read["assets/pyodide/pyodide.mjs"]  # the runtime's own files are left
    assert 'from "./opening.js?v=abc123-own1"' in read["assets/team/team.js"]


def test_the_worker_is_stamped_with_the_wheel_and_scale(tmp_path: Path) -> None:
    worker = tmp_path / "assets/assessment/worker.js"
    _write(worker, f"const BUILD_KEY = {SNAPSHOT_KEY_MARK};\n")
    stamp_worker(tmp_path, RUNTIME)
    wheel = hashlib.sha256(RUNTIME.wheel).hexdigest()[:32]
    assert f'"wheel-{wheel}.scale-' in worker.read_text(encoding="utf-8")
    with pytest.raises(BuildError, match="lacks"):
        stamp_worker(tmp_path, RUNTIME)  # the mark is gone: a second stamp is a mistake


def test_missing_node_modules_is_a_clear_error(tmp_path: Path) -> None:
    runtime = Runtime(root=tmp_path, wheel_name="x-py3-none-any.whl", version="v")
    with pytest.raises(BuildError, match="npm ci"):
        publish(runtime, tmp_path / "site")


def _tiny_site(site: Path, runtime: Runtime) -> None:
    """Two pages, one of which starts the scorer, and every file the runtime list names."""
    _write(site / "index.html", '<link href="assets/site/site.css"><a href="tools/">x</a>')
    _write(
        site / "tools/index.html",
        '<script src="../assets/assessment/scorer-start.js?v=abc123"></script>'
        '<div data-worker="../assets/assessment/worker.js?v=abc123" data-note="two words">'
        '<img src="https://elsewhere.example/x.png">',
    )
    _write(site / "assets/site/site.css", "body {}")
    for name in ("worker.js", *SHARED_MODULES):
        _write(site / "assets/assessment" / name, name)
    for path in sorted(
        (Path(__file__).resolve().parents[2] / "overrides/assets/tools").glob("*.js")
    ):
        _write(site / "assets/tools" / path.name, path.name)
    for name in (
        "pyodide.mjs",
        "pyodide.asm.mjs",
        "pyodide.asm.wasm",
        "python_stdlib.zip",
        "pyodide-lock.json",
    ):
        _write(site / "assets/pyodide" / name, name)
    (site / "assets/scorer").mkdir(parents=True)
    (site / "assets/scorer" / runtime.wheel_name).write_bytes(runtime.wheel)
    (site / "assets/scorer/scale.json").write_bytes(runtime.scale_json)


def test_the_service_worker_keeps_every_page_and_what_it_uses(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _tiny_site(site, RUNTIME)
    assert site_pages(site) == ["./", "tools/"]
    assert page_assets(site, "tools/") == [
        "assets/assessment/scorer-start.js?v=abc123",
        "assets/assessment/worker.js?v=abc123",
    ]
    assert scorer_pages(site) == ["tools/"]
    precache = precache_list(site, RUNTIME)
    assert {"./", "tools/", "assets/site/site.css", "assets/pyodide/pyodide.asm.wasm"} <= set(
        precache
    )
    assert f"assets/scorer/{RUNTIME.wheel_name}?v=abc123" in precache
    assert not [url for url in precache if "//" in url]

    version, count = write_service_worker(site, RUNTIME)
    text = (site / "sw.js").read_text(encoding="utf-8")
    assert f'const VERSION = "{version}";' in text and count == len(precache)
    assert 'const SCORER_PAGES = ["tools/"];' in text
    again, _ = write_service_worker(site, RUNTIME)
    assert again == version, "the same files give the same version"
    _write(site / "assets/site/site.css", "body { color: black }")
    assert write_service_worker(site, RUNTIME)[0] != version, "a changed file changes it"


def test_the_service_worker_refuses_a_file_that_was_not_built(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _tiny_site(site, RUNTIME)
    (site / "assets/scorer/scale.json").unlink()
    with pytest.raises(BuildError, match=r"would cache assets/scorer/scale\.json\?v=abc123"):
        write_service_worker(site, RUNTIME)


def _project_copy(root: Path, target: Path) -> Path:
    shutil.copytree(
        root / "scorer", target / "scorer", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(root / "pyproject.toml", target / "pyproject.toml")
    return target


@pytest.mark.site
def test_the_wheel_holds_only_the_scorer_and_a_missing_readme_is_noted(
    root: Path, tmp_path: Path
) -> None:
    project = _project_copy(root, tmp_path / "project")
    notes: list[str] = []
    name, wheel = build_wheel(project, notes.append)
    assert re.fullmatch(r"ips_fidelity-[\d.]+-py3-none-any\.whl", name)
    assert any("README.md not found" in note for note in notes)
    assert notes[-1] == f"built {name}"
    with zipfile.ZipFile(io.BytesIO(wheel)) as archive:
        packages = {n.split("/")[0] for n in archive.namelist() if not n.startswith("ips_")}
    assert packages == {"scorer"}, "sitegen is not part of the scorer wheel"
    notes.clear()
    assert build_wheel(project, notes.append) == (name, wheel) and not notes  # from the cache
