"""The built tool pages: valid HTML (Nu), no inline script or style, rules stated from scale/,
and the runtime they load is the one the service worker keeps for offline use."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from tools_browser import TOOLS

from scorer.planning.rules import load_planning_data

pytestmark = pytest.mark.site

PAGES = ("tools/index.html", *(f"tools/{name}/index.html" for name in TOOLS))


def page_html(site: Path, name: str) -> str:
    return (site / "tools" / name / "index.html").read_text(encoding="utf-8")


def test_nu_finds_no_errors(built_site: Path, root: Path) -> None:
    java = shutil.which("java")
    assert java, "Java is required for the Nu HTML Checker (vnu-jar)"
    jar = root / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    assert jar.is_file(), "node_modules/vnu-jar is missing: run npm ci"
    done = subprocess.run(
        [
            java,
            "-jar",
            str(jar),
            "--errors-only",
            "--format",
            "json",
            *(str(built_site / p) for p in PAGES),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    assert [m for m in messages if m.get("type") == "error"] == []


@pytest.mark.parametrize("page", PAGES)
def test_no_inline_script_or_style(built_site: Path, page: str) -> None:
    html = (built_site / page).read_text(encoding="utf-8")
    for tag in re.findall(r"<script\b[^>]*>", html):
        # Material's configuration is a JSON data block: never run, so not an inline script.
        assert "src=" in tag or 'type="application/json"' in tag, tag
    tags = re.findall(r"<[a-zA-Z][^>]*>", html)
    assert [t for t in tags if re.search(r"\sstyle\s*=", t)] == []
    assert [t for t in tags if re.search(r"\son[a-z]+\s*=", t)] == []  # nor event handlers
    assert "http://" not in re.sub(r'<a\b[^>]*href="[^"]*"', "", html).replace(
        "http://www.w3.org/", ""
    )


def test_planning_json_is_made_from_scale(built_site: Path, root: Path) -> None:
    published = json.loads((built_site / "assets" / "tools" / "planning.json").read_text())
    assert published == json.loads(json.dumps(load_planning_data(root / "scale")))


def test_each_page_loads_the_runtime_the_service_worker_keeps(built_site: Path) -> None:
    service_worker = (built_site / "sw.js").read_text(encoding="utf-8")
    found = re.search(r"const PRECACHE = (\[.*?\]);", service_worker, re.S)
    assert found, "sw.js has no PRECACHE list"
    precache = json.loads(found[1])
    for name in TOOLS:
        meta = re.search(r'<meta name="ips-tools"[^>]*>', page_html(built_site, name))
        assert meta, name
        urls = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', meta[0]))
        assert urls["tool"] == name
        for key in ("worker", "wheel", "scale"):
            relative = urls[key].replace("../../", "", 1)
            assert relative in precache, (name, key, relative)
            assert (built_site / relative.split("?")[0]).is_file()
        assert (built_site / urls["planning"].replace("../../", "", 1).split("?")[0]).is_file()


def test_the_pages_state_the_rules_of_scale(built_site: Path, root: Path) -> None:
    review = yaml.safe_load((root / "scale" / "review.yaml").read_text(encoding="utf-8"))
    rules = review["timetable_rules"]
    timetable = re.sub(r"<[^>]+>", "", page_html(built_site, "timetable"))
    assert f"At least {rules['minutes_between_interviews']} minutes" in timetable
    assert f"at least {rules['lunch_minutes']} minutes" in timetable
    assert "between 11:30 and 14:30" in timetable  # planning.yaml's lunch window
    for group in review["interviews_with"]:
        assert f'<option value="{group["id"]}">' in page_html(built_site, "timetable")
    readiness = re.sub(r"<[^>]+>", "", page_html(built_site, "readiness"))
    assert "18 to 24 months" in readiness
    invitation = "status comes only by invitation from Centre for Mental Health, after an"
    assert invitation in readiness
    assert "Only an independent fidelity review can make" not in readiness
    workforce = re.sub(r"<[^>]+>", "", page_html(built_site, "workforce"))
    assert "20 or fewer" in workforce
    assert (
        "4 specialists need 0.5 full-time equivalent of supervision, 10 need one full-time team leader, and 11 need 1.25"
        in workforce
    )


def test_every_tool_module_is_versioned_precached_and_small(built_site: Path) -> None:
    """Each tool page's script and every module it reaches, however nested and however the
    import is written (one line or several), carries the build's ?v=, is precached under that
    URL, and stays under about 400 lines."""
    service_worker = (built_site / "sw.js").read_text(encoding="utf-8")
    found = re.search(r"const PRECACHE = (\[.*?\]);", service_worker, re.S)
    assert found
    precache = set(json.loads(found[1]))
    meta = re.search(
        r'src="([^"]*assets/tools/tools\.js\?v=[^"]*)"', page_html(built_site, "workforce")
    )
    assert meta, "the tool page loads no assets/tools/tools.js?v="
    entry = meta[1].replace("../../", "", 1)
    assert entry in precache
    seen: set[str] = set()
    todo = [entry]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        path = built_site / url.split("?")[0]
        text = path.read_text(encoding="utf-8")
        assert text.count("\n") <= 400, url
        for target in re.findall(r'^import\b[^;]*?\bfrom "([^"]+)";', text, re.M | re.S):
            relative, _, query = target.partition("?")
            assert query.startswith("v="), (url, target)
            site_path = (path.parent / relative).resolve().relative_to(built_site.resolve())
            imported = f"{site_path.as_posix()}?{query}"
            assert imported in precache, imported
            todo.append(imported)
    tools = {url.split("?")[0] for url in seen if url.startswith("assets/tools/")}
    assert {f"assets/tools/{name}.js" for name in TOOLS} <= tools
