"""What the build gives the snapshot start-up and the whole-site offline copy (no browser)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path


def constant(text: str, name: str) -> object:
    found = re.search(rf"^const {name} = (.*?);$", text, re.M | re.S)
    assert found, name
    return json.loads(found.group(1))


def test_worker_carries_the_wheel_and_scale_hashes(built_site: Path) -> None:
    worker = (built_site / "assets/assessment/worker.js").read_text(encoding="utf-8")
    (wheel,) = (built_site / "assets/scorer").glob("*.whl")
    scale = built_site / "assets/scorer/scale.json"
    key = constant(worker, "BUILD_KEY")
    assert key == (
        f"wheel-{hashlib.sha256(wheel.read_bytes()).hexdigest()[:32]}"
        f".scale-{hashlib.sha256(scale.read_bytes()).hexdigest()[:32]}"
    )


def test_service_worker_keeps_every_page_and_the_runtime_only_on_demand(built_site: Path) -> None:
    sw = (built_site / "sw.js").read_text(encoding="utf-8")
    precache = constant(sw, "PRECACHE")
    on_demand = constant(sw, "ON_DEMAND")
    scorer_pages = constant(sw, "SCORER_PAGES")
    assert isinstance(precache, list) and isinstance(on_demand, list)
    pages = {
        "./" if p.parent == built_site else p.parent.relative_to(built_site).as_posix() + "/"
        for p in built_site.rglob("index.html")
    }
    assert pages <= set(precache), pages - set(precache)
    assert "search/search_index.json" in precache
    assert set(on_demand) <= set(precache)
    assert all(path.startswith("assets/pyodide/") for path in on_demand)
    shell = [path for path in precache if path not in on_demand]
    assert not [path for path in shell if path.startswith("assets/pyodide/")]
    assert scorer_pages == sorted(
        [
            "self-assessment/",
            "self-assessment/progress/",
            "self-assessment/team/",
            *(p for p in pages if p.startswith("tools/") and p != "tools/"),
        ]
    )
