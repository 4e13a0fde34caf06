"""Cross-engine smoke test: Firefox ESR (puppeteer-core over WebDriver BiDi) and WebKitGTK
(Selenium with WebKitWebDriver under Xvfb) open the self-assessment, wait for
window.ipsFidelity.ready and score a few golden cases exactly as CPython does.

These engines take the normal start-up path whenever they cannot use a memory snapshot; the
page must work there exactly as in Chromium. ./dev test installs firefox-esr,
webkit2gtk-driver and xvfb, so an engine that is missing or does not start fails its test,
saying why: a skip here would hide a broken engine behind a green run.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_cases import boundary_cases, example_cases

from scorer.errors import AssessmentError
from scorer.result import score
from scorer.scale_files import default_scale

pytestmark = pytest.mark.browser

FIREFOX = "/usr/bin/firefox-esr"
WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"


@pytest.fixture(scope="module")
def cases(root: Path) -> list[Any]:
    chosen = [*example_cases(root)[:2], *boundary_cases()[:6]]
    return [assessment for _, assessment in chosen]


def cpython(assessment: Any) -> Any:
    try:
        return score(assessment, default_scale())
    except AssessmentError as error:
        return {"errors": [problem.to_dict() for problem in error.problems]}


def test_firefox_scores_as_cpython(
    site_url: str, root: Path, cases: list[Any], tmp_path: Path
) -> None:
    node = shutil.which("node")
    script = root / "tests" / "engines" / "firefox_smoke.mjs"
    if node is None or not Path(FIREFOX).exists():
        pytest.fail("Firefox ESR or Node.js is not installed (./dev test installs them)")
    if not (root / "node_modules" / "puppeteer-core").is_dir():
        pytest.fail("node_modules/puppeteer-core is missing: run npm ci")
    cases_file = tmp_path / "cases.json"
    cases_file.write_text(json.dumps(cases), encoding="utf-8")
    done = subprocess.run(
        [node, str(script), site_url, str(cases_file), FIREFOX],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "MOZ_HEADLESS": "1"},
    )
    if done.returncode == 3:
        pytest.fail(done.stderr.strip()[-300:])
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout)
    assert "Firefox" in out["userAgent"]
    assert out["answers"] == [cpython(case) for case in cases]


def free_display() -> int:
    for number in range(90, 200):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            return number
    raise RuntimeError("no free X display number")


@pytest.fixture
def xvfb() -> Iterator[str]:
    """An Xvfb display for WebKitGTK, which needs one even when nothing is looked at."""
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is not installed (./dev test installs xvfb)")
    number = free_display()
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail("Xvfb could not start a display")
            time.sleep(0.1)
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_webkit_scores_as_cpython(site_url: str, cases: list[Any], xvfb: str) -> None:
    if not Path(WEBKIT_DRIVER).exists():
        pytest.fail("WebKitWebDriver is not installed (./dev test installs webkit2gtk-driver)")
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.webkitgtk.service import Service

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    service = Service(executable_path=WEBKIT_DRIVER, port=port, env={**os.environ, "DISPLAY": xvfb})
    try:
        driver = webdriver.WebKitGTK(service=service, options=webdriver.WebKitGTKOptions())
    except WebDriverException as error:
        pytest.fail(f"WebKitGTK could not start: {str(error)[:300]}")
    try:
        driver.set_script_timeout(180)
        driver.get(site_url + "self-assessment/")
        answers = driver.execute_async_script(
            """const [cases, done] = arguments;
            const wait = () => window.ipsFidelity ? window.ipsFidelity.ready : new Promise((r) => setTimeout(r, 50)).then(wait);
            wait().then(() => Promise.all(cases.map((c) => window.ipsFidelity.score(c))))
              .then((answers) => done(JSON.stringify({ answers, agent: navigator.userAgent })),
                    (error) => done(JSON.stringify({ error: String(error) })));""",
            cases,
        )
    finally:
        driver.quit()
    out = json.loads(answers)
    assert "error" not in out, out
    assert "AppleWebKit" in out["agent"] and "Chrome" not in out["agent"]
    assert out["answers"] == [cpython(case) for case in cases]
