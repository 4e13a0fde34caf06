"""Fixtures shared by every test folder: the repository, the built site served as a static host
serves it, and one Debian Chromium for the whole session (Playwright allows one sync driver).

Under pytest-xdist (`./dev test` runs one worker more than there are cores, `--dist loadgroup`)
the site and the wheel are made once per run, by whichever worker asks first, and reused by the
others. Cheap tests run before those that drive a browser or Pyodide; each test goes to the next
free worker, except the files whose tests share an expensive module fixture, which go whole to
one worker.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from site_server import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parent.parent

# Files whose tests share a module fixture that costs seconds to make (a Pyodide run, a site
# built from changed content, megabytes of hostile files): each file stays on one worker.
ONE_WORKER = (
    "tests/pyodide/test_parity.py",
    "tests/site/test_directory_listing.py",
    "tests/scorer/test_hostile_input.py",
)
# The order in which kinds of test start: plain Python first, browsers last.
COST = {"site": 1, "pyodide": 2, "browser": 3}
# The browser tests that take longest (10-30 s each on 2 busy cores) start before the other
# browser tests, so that the run does not end with one worker busy on a long test while the
# others have nothing left to do.
LONG_POLES = (
    "test_every_page_in_chromium",
    "test_webkit_scores_as_cpython",
    "test_firefox_scores_as_cpython",
    "test_a_new_release_never_mixes_with_the_old",
    "test_no_violations_in_any_state",
    "test_phone_task_list_one_item_at_a_time_and_results",
    "test_combine_agree_keep_save_reopen_print",
    "test_full_assessment_by_keyboard_matches_cli",
    "test_second_visit_starts_from_the_snapshot",
    "test_after_the_self_assessment_the_tools_score_offline",
    "test_a_visited_tool_works_offline",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def cost(item: pytest.Item) -> float:
        kind = max((COST.get(mark.name, 0) for mark in item.iter_markers()), default=0)
        return kind - 0.5 if item.name.startswith(LONG_POLES) else kind

    items.sort(key=cost)  # stable: within a kind, the files' own order


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """`--dist loadgroup`, with the groups named here: each test goes to whichever worker is
    free, except that the ONE_WORKER files go whole to one worker. (xdist's own loadgroup reads
    `xdist_group` marks into node ids, which pytest 9 no longer lets it change.)"""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class OneWorkerFiles(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if path in ONE_WORKER else nodeid

    return OneWorkerFiles(config, log)


def once_per_run(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder `name`, filled by `make` once per test run: under xdist the first worker to
    ask makes it while holding a lock, and the others wait for it and reuse it."""
    base = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # every worker's base folder sits in the run's own folder
    folder = base / name
    done = base / f"{name}.done"
    with (base / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def _build_site(out: Path) -> None:
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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `mkdocs build --strict` makes it; built once per test run."""
    return once_per_run(tmp_path_factory, "site", _build_site)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site on a loopback port, with the headers a static host would send."""
    with serve(built_site) as url:
        yield url


def _build_wheel(out: Path) -> None:
    source = out / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "scorer", source / "scorer", ignore=shutil.ignore_patterns("__pycache__")
    )
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


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scorer as the pure-Python wheel the browser loads, built once per test run from a
    copy of the sources so that nothing is written into the checkout."""
    (built,) = once_per_run(tmp_path_factory, "wheel", _build_wheel).glob("ips_fidelity-*.whl")
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


@pytest.fixture(scope="session")
def returning_profile(browser: Any, site_url: str) -> Iterator[Any]:
    """One browser profile per worker that has visited the self-assessment once and keeps the
    scorer's snapshot (nothing else): the profile of a returning visitor."""
    from browser_helpers import open_context, visit_once

    context, _ = open_context(browser, site_url)
    visit_once(context, site_url)
    # The page that clears the profile after each test (see forget_all_but_the_snapshot).
    context.keeper = context.new_page()  # type: ignore[attr-defined]
    yield context
    context.close()


@pytest.fixture
def context(request: pytest.FixtureRequest, browser: Any, site_url: str) -> Iterator[Any]:
    """A browser profile with nothing saved (service workers off) whose every request is
    recorded: the test fails if one went to another origin or was not a GET.

    It is a returning visitor's profile (the scorer starts from its snapshot, saving each test
    the few seconds of a first load), cleared of everything else after each test; tests marked
    `first_visit` get a new profile, as on a person's very first visit."""
    from browser_helpers import (
        check_recorder,
        forget_all_but_the_snapshot,
        open_context,
        record,
    )

    if request.node.get_closest_marker("first_visit"):
        context, recorder = open_context(browser, site_url)
        yield context
        context.close()
        check_recorder(recorder)
        return
    shared = request.getfixturevalue("returning_profile")
    recorder, stop = record(shared, site_url)
    try:
        yield shared
    finally:
        stop()
        forget_all_but_the_snapshot(shared, site_url, shared.keeper)
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
