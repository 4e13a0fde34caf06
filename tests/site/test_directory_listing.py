"""The Centres directory never shows a Centre whose status has ended, however old the build,
and while it lists none it says how to find one, with nothing to search.

A copy of scale/ gets a review and an invitation for one record; the site built from it lists
that record with the last day its status holds (data-listed-until, from the scorer), and the
page shows it on that day and hides it the day after, by the browser's own clock, when the
directory turns into the empty one. The site as built from scale/ lists no Centre. The same
copy through `ips-fidelity centres`, and a mistake in it stopping both the command and the build.
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


SEARCH = "Search by name, place or words in the description"
NONE_LISTED = "No Centre of Excellence is listed on this site at the moment."
WAYS_TO_FIND = {
    "Centre for Mental Health website": "https://www.centreformentalhealth.org.uk/",
    "IPS Grow website": "https://ipsgrow.org.uk/",
}


def _open(browser: Any, url: str, day: str) -> tuple[Any, Any, list[str]]:
    """A page at `url` whose clock reads noon on `day`, and the requests its context makes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.clock.set_fixed_time(f"{day}T12:00:00")
    page.goto(url, wait_until="load")
    assert page.evaluate("new Date().toISOString().slice(0, 10)") == day
    return context, page, requests


def _ways_to_find_a_centre(page: Any, shown: bool) -> None:
    """The note on finding a Centre, with its two links out, is shown or hidden as a whole."""
    assert page.get_by_text(NONE_LISTED).is_visible() is shown
    for name, href in WAYS_TO_FIND.items():
        link = page.get_by_role("link", name=name, include_hidden=True)
        assert link.get_attribute("href") == href
        assert link.is_visible() is shown


@pytest.mark.browser
@pytest.mark.parametrize(("day", "shown"), [(LAST_DAY, True), ("2027-04-16", False)])
def test_a_centre_is_shown_on_its_last_day_and_hidden_the_day_after(
    browser: Any, reviewed_site: str, day: str, shown: bool
) -> None:
    """The day after the last listed Centre's last day, the directory is an empty one: the note
    on finding a Centre comes back and the search and filters go, however old the build."""
    context, page, requests = _open(browser, reviewed_site + "centres/", day)
    try:
        record = page.get_by_role("heading", name="Essex")
        assert record.is_visible() is shown
        contents = page.get_by_role("navigation", name="Table of contents")
        assert contents.get_by_role("link", name="Essex").is_visible() is shown
        assert page.get_by_role("search", name="Filter the directory").is_visible() is shown
        assert page.get_by_label(SEARCH).is_visible() is shown
        assert page.get_by_label("Region").is_visible() is shown
        _ways_to_find_a_centre(page, not shown)
        ended = page.get_by_text("no longer shown: its status has ended since")
        assert ended.is_visible() is (not shown)
        if shown:
            assert page.get_by_text("Showing 1 current Centre and 8 other services").is_visible()
        page.goto(reviewed_site + "centres/visiting/", wait_until="load")
        link = page.get_by_role("link", name="https://ips.example.org/visits")
        assert link.is_visible() is shown
        _ways_to_find_a_centre(page, not shown)
        # Links out cause no request until followed.
        assert all(url.startswith(reviewed_site) for url in requests)
    finally:
        context.close()


@pytest.mark.browser
def test_the_empty_directory_says_how_to_find_a_centre(browser: Any, site_url: str) -> None:
    """As built with no Centre listed: the note first, its links, and nothing to search."""
    context, page, requests = _open(browser, site_url + "centres/", BUILT_ON)
    try:
        _ways_to_find_a_centre(page, True)
        assert page.get_by_role("search", name="Filter the directory").count() == 0
        assert page.get_by_label(SEARCH).count() == 0
        assert page.get_by_role("heading", name="Centres you can visit").count() == 0
        first = page.get_by_role("article").get_by_role("paragraph").first
        assert first.inner_text().startswith(NONE_LISTED)
        page.get_by_role("link", name="visiting a Centre").first.click()
        page.wait_for_url("**/centres/visiting/")
        _ways_to_find_a_centre(page, True)
        assert all(url.startswith(site_url) for url in requests)
    finally:
        context.close()


def _shown_records(page: Any) -> list[str]:
    # The records on view, in page order: each record is a section carrying its id (a reader
    # sees its heading; the ids name the records in the test's expectations).
    return page.eval_on_selector_all(".ips-centre:not([hidden]) h3", "els => els.map(e => e.id)")


@pytest.mark.browser
def test_directory_filters_while_a_centre_is_listed(
    browser: Any, reviewed_site: str, root: Path
) -> None:
    centres = _records(root)
    others = [c["id"] for c in centres if c["id"] != RECORD]
    context, page, requests = _open(browser, reviewed_site + "centres/", BUILT_ON)
    try:
        assert page.get_by_role("search", name="Filter the directory").is_visible()
        _ways_to_find_a_centre(page, False)
        assert _shown_records(page) == [RECORD, *others]
        assert page.get_by_text(f"(of {len(centres)} in the directory)").is_visible()

        # Only the regions some record has are offered; no setting is recorded, so no filter.
        region = page.get_by_label("Region")
        offered = region.locator("option").evaluate_all("os => os.map(o => o.value)")
        assert set(offered) == {c["region"] for c in centres} | {""}
        assert page.get_by_label("Setting").count() == 0

        london = [c["id"] for c in centres if c["region"] == "london"]
        region.select_option("london")
        assert _shown_records(page) == london
        assert page.get_by_text(f"and {len(london)} other services").is_visible()
        # The contents list follows the filter, and the filter is in the address.
        contents = page.get_by_role("navigation", name="Table of contents")
        for c in centres:
            link = contents.get_by_role("link", name=c["name"], exact=True)
            assert link.is_visible() is (c["id"] in london), c["id"]
        assert page.url.endswith("centres/?region=london")
        shared = context.new_page()
        shared.clock.set_fixed_time(f"{BUILT_ON}T12:00:00")
        shared.goto(page.url, wait_until="load")
        assert shared.get_by_label("Region").input_value() == "london"
        assert _shown_records(shared) == london
        wanted = centres[3]
        shared.goto(reviewed_site + "centres/?region=nowhere&q=" + wanted["name"].lower())
        assert shared.get_by_label("Region").input_value() == ""
        assert _shown_records(shared) == [wanted["id"]]
        shared.close()

        region.select_option("")
        search = page.get_by_label(SEARCH)
        search.click()
        page.keyboard.type(wanted["name"].lower())
        assert _shown_records(page) == [wanted["id"]]
        search.fill("no such words")
        assert _shown_records(page) == []
        assert page.get_by_text("No current Centre matches your search.").is_visible()
        assert page.get_by_text("No service in this list matches your search.").is_visible()
        search.fill("")
        assert page.url.endswith("centres/")
        assert all(url.startswith(reviewed_site) for url in requests)
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
