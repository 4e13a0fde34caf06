"""The Centres directory never shows a Centre whose status has ended, however old the build.

A copy of scale/ gets a review and an invitation for one record; the site built from it lists
that record with the last day its status holds (data-listed-until, from the scorer), and the
page shows it on that day and hides it the day after, by the browser's own clock. The same copy
through `ips-fidelity centres`, and a mistake in it stopping both the command and the build.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from site_server import serve

pytestmark = [pytest.mark.site]

BUILT_ON = "2026-11-28"
RECORD = "essex"
REVIEW = "{date: 2024-03-04, score: 106, invited: 2024-04-15}"
LAST_DAY = "2027-04-15"  # three years from the invitation, inclusive
CONTACT = "contact: {website: 'https://ips.example.org/visits', open_days: true}"


def _with_review(scale: Path, review: str) -> Path:
    """The record's empty review list replaced by `review`, plus a public contact route."""
    path = scale / "centres.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"  - id: {RECORD}")
    at = next(i for i in range(start, len(lines)) if lines[i].strip() == "reviews: []")
    lines[at] = f"    reviews: [{review}]"
    lines.insert(at, f"    {CONTACT}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _env(scale: Path) -> dict[str, str]:
    return {
        **os.environ,
        "IPS_FIDELITY_SCALE": str(scale),
        "IPS_SITE_BUILD_DATE": BUILT_ON,
        "NO_MKDOCS_2_WARNING": "1",
    }


def _build(root: Path, scale: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "-d", str(out)],
        cwd=root,
        env=_env(scale),
        capture_output=True,
        text=True,
        timeout=300,
    )


def _centres(scale: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).with_name("ips-fidelity")), "centres", *args],
        env=_env(scale),
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def reviewed_site(root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    scale = tmp_path_factory.mktemp("scale") / "scale"
    shutil.copytree(root / "scale", scale)
    _with_review(scale, REVIEW)
    out = tmp_path_factory.mktemp("site")
    built = _build(root, scale, out)
    assert built.returncode == 0, built.stderr
    html = (out / "centres" / "index.html").read_text(encoding="utf-8")
    assert html.count("data-listed-until=") == 1
    tag = next(t for t in re.findall(r"<section [^>]*>", html) if f'id="record-{RECORD}"' in t)
    assert f'data-listed-until="{LAST_DAY}"' in tag and 'data-list="current"' in tag
    visiting = (out / "centres" / "visiting" / "index.html").read_text(encoding="utf-8")
    assert f'data-listed-until="{LAST_DAY}"' in visiting
    assert 'href="https://ips.example.org/visits"' in visiting

    done = _centres(scale, "--on", BUILT_ON, "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    records = {r["id"]: r for r in answer["centres"]}
    assert len(records) == 9
    assert records[RECORD]["status"] == "centre"
    assert records[RECORD]["valid_until"] == records[RECORD]["listed_until"] == LAST_DAY
    assert {r["status"] for i, r in records.items() if i != RECORD} == {"never"}
    assert all(r["reviews_on_file"] == 0 for i, r in records.items() if i != RECORD)
    with serve(out) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize(("day", "shown"), [(LAST_DAY, True), ("2027-04-16", False)])
def test_a_centre_is_shown_on_its_last_day_and_hidden_the_day_after(
    browser: Any, reviewed_site: str, day: str, shown: bool
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.clock.set_fixed_time(f"{day}T12:00:00")
        page.goto(reviewed_site + "centres/", wait_until="load")
        assert page.evaluate("new Date().toISOString().slice(0, 10)") == day
        record = page.locator(f"#record-{RECORD}")
        assert record.is_visible() is shown
        contents = page.locator(f'.md-nav--secondary a[href="#{RECORD}"]')
        assert contents.is_visible() is shown
        ended = page.locator("#centre-ended")
        assert ended.is_visible() is (not shown)
        if not shown:
            assert "no longer shown" in ended.inner_text()
            assert "0 current Centres" in page.locator("#centre-count").inner_text()
        else:
            assert "1 current Centre " in page.locator("#centre-count").inner_text()
        page.goto(reviewed_site + "centres/visiting/", wait_until="load")
        link = page.get_by_role("link", name="https://ips.example.org/visits")
        assert link.is_visible() is shown
    finally:
        context.close()


@pytest.mark.parametrize(
    ("review", "field"),
    [
        ("{date: 2024-03-04, score: 96, invited: 2024-04-15}", "reviews[0].invited"),
        ("{date: 2024-03-04, score: 106, invited: 2024-03-01}", "reviews[0].invited"),
        ("{date: 2024-03-04, score: 160}", "reviews[0].score"),
    ],
)
def test_a_bad_record_stops_the_command_and_the_build_with_file_and_line(
    root: Path, tmp_path: Path, review: str, field: str
) -> None:
    scale = tmp_path / "scale"
    shutil.copytree(root / "scale", scale)
    path = _with_review(scale, review)
    line = path.read_text(encoding="utf-8").splitlines().index(f"    reviews: [{review}]") + 1
    index = next(
        i for i, r in enumerate(_records(root)) if r["id"] == RECORD
    )  # the record's place in the list
    done = _centres(scale, "--json")
    assert done.returncode == 2
    (error,) = json.loads(done.stdout)["errors"]
    assert error["field"] == f"centres[{index}].{field}"
    assert f"centres.yaml:{line}: " in error["message"]
    plain = _centres(scale)
    assert plain.returncode == 2 and f"centres.yaml:{line}:" in plain.stderr
    assert "Traceback" not in plain.stderr
    if field.endswith("invited"):
        built = _build(root, scale, tmp_path / "site")
        assert built.returncode != 0
        dotted = field.replace("[", ".").replace("]", "")
        assert f"centres.yaml:{line}: centres.{index}.{dotted}" in built.stderr


def _records(root: Path) -> list[dict[str, Any]]:
    import yaml

    data = yaml.safe_load((root / "scale" / "centres.yaml").read_text(encoding="utf-8"))
    records: list[dict[str, Any]] = data["centres"]
    return records


def test_the_publishing_workflow_also_rebuilds_every_day(root: Path) -> None:
    import yaml

    workflow = yaml.safe_load((root / ".github" / "workflows" / "pages.yml").read_text("utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    crons = [entry["cron"] for entry in triggers["schedule"]]
    assert crons and all(
        len(cron.split()) == 5 and cron.split()[2:] == ["*", "*", "*"] for cron in crons
    )
    assert "push" in triggers
