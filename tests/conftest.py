"""Fixtures shared by every test folder: the repository, the built site served as a static host
serves it, and one Debian Chromium for the whole session (Playwright allows one sync driver)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from site_server import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `mkdocs build --strict` makes it; built once per test session."""
    out = tmp_path_factory.mktemp("site")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        check=True,
        # No Material end-of-life notice in the test log (the README's maintenance section),
        # and no public address: the site as built without a deployer's IPS_SITE_URL.
        env={k: v for k, v in os.environ.items() if k != "IPS_SITE_URL"}
        | {"NO_MKDOCS_2_WARNING": "1"},
    )
    return out


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site on a loopback port, with the headers a static host would send."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scorer as the pure-Python wheel the browser loads, built from a copy of the sources
    so that nothing is written into the checkout."""
    source = tmp_path_factory.mktemp("wheel-source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "scorer", source / "scorer", ignore=shutil.ignore_patterns("__pycache__")
    )
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("ips_fidelity-*.whl")
    return built


@pytest.fixture(scope="session")
def node() -> str:
    path = shutil.which("node")
    if path is None:
        pytest.fail("Node.js is required for the Pyodide tests (see README)")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session: Debian's, never a downloaded one."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: ./dev test installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def context(browser: Any, site_url: str) -> Iterator[Any]:
    """A fresh browser profile (empty storage, service workers off) whose every request is
    recorded: the test fails if one went to another origin or was not a GET."""
    from browser_helpers import check_recorder, open_context

    context, recorder = open_context(browser, site_url)
    yield context
    context.close()
    check_recorder(recorder)


@pytest.fixture
def page(context: Any) -> Any:
    return context.new_page()


@pytest.fixture(scope="session")
def axe_source(root: Path) -> str:
    path = root / "node_modules" / "axe-core" / "axe.min.js"
    if not path.is_file():
        pytest.fail("node_modules/axe-core is missing: run npm ci")
    return path.read_text(encoding="utf-8")
