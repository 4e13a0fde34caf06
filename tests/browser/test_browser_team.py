"""The pages beside the self-assessment that read several saved files, used as a person would:
combine three raters' files, agree the disagreements, keep, save, reopen and print the agreed
assessment; open four quarterly files, read the chart's text alternative, export CSV and see a
file of another service refused without losing what is open. axe and Nu on the filled pages."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import (
    DRAFT_KEY,
    RUNTIME_KEPT,
    check_recorder,
    open_assessment,
    open_context,
    wait_until,
)
from playwright.sync_api import Browser, Page, Route, expect
from test_browser_axe import violations

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
TEAM = {p.stem: p for p in (ROOT / "examples" / "team").glob("*.json")}
QUARTERS = sorted((ROOT / "examples" / "history").glob("*.json"))
SERVICE = "Example Riverside IPS service (a made-up service)"
WHY = "Agreed at the team meeting: the work coach now joins us every month."
# How long to wait for the scorer's answer after an action (the machine may be busy); nothing is
# asserted about how long it took.
WAIT = 30_000
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def pdf_text(page: Page, tmp_path: Path) -> str:
    target = tmp_path / "printed.pdf"
    page.pdf(path=str(target), format="A4")
    done = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def nu_errors(pages: dict[str, str], tmp_path: Path) -> list[Any]:
    """The Nu HTML Checker over the pages as they stand after use, not only as built."""
    java = shutil.which("java")
    assert java, "Java is required for the Nu HTML Checker (vnu-jar)"
    jar = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    paths = []
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        paths.append(str(path))
    done = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *paths],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    return [m for m in messages if m.get("type") == "error"]


@pytest.mark.parametrize("view", ["desktop", "phone"])
def test_combine_agree_keep_save_reopen_print(
    page: Page, site_url: str, axe_source: str, tmp_path: Path, view: str
) -> None:
    page.set_viewport_size(VIEWPORTS[view])
    page.goto(site_url + "self-assessment/")
    page.get_by_role("article").get_by_role("link", name="Combine a team's ratings").click()
    expect(page.get_by_role("heading", name="Combine a team's ratings", level=1)).to_be_visible(
        timeout=WAIT
    )
    files = page.get_by_label("Saved self-assessment files (JSON), 2 to 20")
    # Two files at once, then the third: both ways of opening add to what is open.
    files.set_input_files([TEAM["team-leader"], TEAM["employment-specialist"]])
    expect(page.get_by_role("status").filter(has_text="2 files combined")).to_be_visible(
        timeout=90_000
    )
    files.set_input_files([TEAM["clinician"]])
    expect(page.get_by_text("3 files combined: 5 items need agreeing.")).to_be_visible(timeout=WAIT)
    opened = page.get_by_role("list", name="Files opened")
    expect(opened).to_contain_text("Team leader (team-leader.json, 5 October 2026)", timeout=WAIT)
    expect(opened).to_contain_text("Clinician (clinician.json, 7 October 2026)", timeout=WAIT)

    # The disagreements come first, largest spread first, each with every rater's answer.
    # The items shown (the agreed ones wait, closed, below): groups named "n. title", in order.
    differ = page.get_by_role("group", name=re.compile(r"^\d+\. "))
    expect(differ).to_have_count(5, timeout=WAIT)
    expect(differ.nth(0)).to_have_accessible_name(
        "6. Collaboration between employment specialists and key staff members in "
        "Government DWP programmes and their contractors"
    )
    expect(differ.nth(1)).to_have_accessible_name("17. Job development - Frequent employer contact")
    item6 = page.get_by_role("group", name="6. Collaboration between employment specialists")
    expect(item6.get_by_role("row", name="Clinician")).to_contain_text(
        "I have not seen any joint work", timeout=WAIT
    )
    item1 = page.get_by_role("group", name="1. Caseload size")
    expect(item1.get_by_role("row", name="Team leader")).to_contain_text(
        "72 active clients / 4 FTE", timeout=WAIT
    )
    item18 = page.get_by_role("group", name="18. Job development - Quality of employer contact")
    expect(item18.get_by_role("row", name="Clinician")).to_contain_text("No answer", timeout=WAIT)
    expect(item18).to_contain_text("Median 3.5; suggested score 4.", timeout=WAIT)
    choice18 = item18.get_by_role("group", name="Agreed score for item 18")
    expect(choice18.get_by_role("radio", name=re.compile(r"^4 "))).to_be_checked(timeout=WAIT)
    expect(page.get_by_role("status").filter(has_text="Agreed total")).to_have_text(
        "Agreed total 106 of 125: Good IPS fidelity.", timeout=WAIT
    )

    # The lead agrees each disagreement: one changed with a note, one left with no score.
    item6.get_by_role("group", name="Agreed score for item 6").get_by_role(
        "radio", name=re.compile(r"^4 ")
    ).check()
    page.get_by_label("Why the team agreed this score (item 6, optional)").fill(WHY)
    page.get_by_label("Why the team agreed this score (item 6, optional)").blur()
    expect(page.get_by_role("status").filter(has_text="Agreed total")).to_have_text(
        "Agreed total 107 of 125: Good IPS fidelity.", timeout=WAIT
    )
    item18.get_by_role("group", name="Agreed score for item 18").get_by_label("No score").check()
    expect(page.get_by_role("status").filter(has_text="Agreed total")).to_contain_text(
        "Agreed total 103 of 125; 1 items", timeout=WAIT
    )
    item18.get_by_role("group", name="Agreed score for item 18").get_by_role(
        "radio", name=re.compile(r"^3 ")
    ).check()
    expect(page.get_by_role("status").filter(has_text="Agreed total")).to_have_text(
        "Agreed total 106 of 125: Good IPS fidelity.", timeout=WAIT
    )
    assert page.get_by_label("Service name").input_value() == SERVICE
    assert violations(page, axe_source) == [], view
    if view == "desktop":  # the same markup on a phone
        assert nu_errors({"team": page.content()}, tmp_path) == []

    # Save it as a file: an ordinary assessment.
    with page.expect_download() as download:
        page.get_by_role("button", name="Save as a file").click()
    saved = tmp_path / "agreed.json"
    download.value.save_as(saved)
    agreed = json.loads(saved.read_text(encoding="utf-8"))
    assert agreed["format"] == "ips-fidelity-assessment" and agreed["service"] == SERVICE
    assert agreed["assessed_on"] == "2026-10-07" and len(agreed["items"]) == 25
    assert agreed["items"]["dwp-collaboration"] == {"score": 4, "note": WHY}
    assert agreed["items"]["employer-contact-quality"] == {"score": 3}

    # Print: the agreed scores and the note, none of the controls.
    text = pdf_text(page, tmp_path)
    for needed in (
        SERVICE,
        "Agreed total 106 of 125",
        "Agreed score for each item",
        "the work coach",
    ):
        assert needed in " ".join(text.split()), needed
    assert "Open each person's file" not in text and "Keep as my self-assessment draft" not in text

    # Keep it as the draft (asking first when a draft is already kept), then reopen it there.
    page.evaluate("([k]) => localStorage.setItem(k, '{\"items\": {}}')", [DRAFT_KEY])
    page.get_by_role("button", name="Keep as my self-assessment draft").click()
    expect(page.get_by_text("This browser already keeps a self-assessment draft")).to_be_visible(
        timeout=WAIT
    )
    page.get_by_role("button", name="Replace my draft with the agreed assessment").click()
    expect(
        page.get_by_text("The agreed assessment is now your self-assessment draft")
    ).to_be_visible(timeout=WAIT)
    assert json.loads(page.evaluate(f"localStorage.getItem('{DRAFT_KEY}')")) == agreed
    page.get_by_role("link", name="Open the self-assessment").click()
    open_assessment(page, page.url)
    assert page.get_by_label("Service name (optional)").input_value() == SERVICE
    wait_until(page, "document.querySelector('#score-dwp-collaboration-4').checked")


@pytest.mark.parametrize("view", ["desktop", "phone"])
def test_progress_chart_table_csv_and_refusals(
    page: Page, site_url: str, axe_source: str, tmp_path: Path, view: str
) -> None:
    page.set_viewport_size(VIEWPORTS[view])
    page.goto(site_url + "self-assessment/")
    page.get_by_role("article").get_by_role("link", name="progress over time").click()
    files = page.get_by_label("Saved self-assessment files (JSON) of one service")
    files.set_input_files(list(reversed(QUARTERS[:3])))
    # A person chooses again once the page has taken the first choice (each choice replaces
    # what the file box holds, so a second choice before the page's script runs would replace it).
    taken = re.compile(r"^(Reading 3 files|3 files open)")
    expect(page.get_by_role("status").filter(has_text=taken)).to_be_visible(timeout=WAIT)
    files.set_input_files([QUARTERS[3]])
    chart = page.get_by_role("img", name="Chart of the total score over time")
    expect(chart).to_be_visible(timeout=90_000)
    alternative = page.get_by_text(re.compile(r"^Total score by date\."))
    expect(alternative).to_contain_text(
        "14 September 2026: 93 of 125, Fair IPS fidelity", timeout=WAIT
    )
    described = chart.get_attribute("aria-describedby")
    assert described == "progress-chart-text"
    assert alternative.inner_text() == (
        "Total score by date. 15 December 2025: 62 of 125, Not supported employment; "
        "16 March 2026: 74 of 125, Fair IPS fidelity; 15 June 2026: 85 of 125, Fair IPS "
        "fidelity; 14 September 2026: 93 of 125, Fair IPS fidelity. Band lines at 74 (Fair IPS "
        "fidelity), 100 (Good IPS fidelity), 115 (Exemplary IPS fidelity)."
    )
    expect(page.get_by_text("Biggest falls: 24. Community-based services (-2); 17.")).to_be_visible(
        timeout=WAIT
    )
    expect(page.get_by_text("Biggest gains: 1. Caseload size (+2)")).to_be_visible(timeout=WAIT)
    items = page.get_by_role("table", name="Each item's score by date")
    expect(items.get_by_role("row", name="24. Community-based services")).to_have_text(
        "24. Community-based services3331-2", timeout=WAIT
    )
    principles = page.get_by_role("table", name="Average score of each principle's items")
    expect(principles.get_by_role("row", name="Total (of 125)")).to_have_text(
        "Total (of 125)62748593", timeout=WAIT
    )

    # A file of another service is refused; one with no date waits beside its date field.
    undated = tmp_path / "undated.json"
    undated.write_text(json.dumps({"service": SERVICE, "items": {"1": {"score": 3}}}), "utf-8")
    files.set_input_files([ROOT / "examples" / "complete-ratings.json", undated])
    problem = page.get_by_text(re.compile(r"was not added"))
    expect(problem).to_contain_text(
        "complete-ratings.json was not added: this assessment is for the service", timeout=WAIT
    )
    opened = page.get_by_role("list", name="Files opened")
    expect(opened.get_by_role("listitem")).to_have_count(5, timeout=WAIT)
    expect(
        opened.get_by_role("group", name="Date of the assessment in undated.json")
    ).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="assessments shown")).to_contain_text(
        "1 file waits for a date"
    )
    opened.get_by_role("button", name="Remove undated.json").click()
    expect(opened.get_by_role("listitem")).to_have_count(4, timeout=WAIT)
    expect(alternative).to_contain_text("93 of 125", timeout=WAIT)
    assert violations(page, axe_source) == [], view
    if view == "desktop":  # the same markup on a phone
        assert nu_errors({"progress": page.content()}, tmp_path) == []

    with page.expect_download() as download:
        page.get_by_role("button", name="Save as a spreadsheet (CSV)").click()
    text = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["Service", SERVICE]
    assert rows[1] == [
        "Date of the assessment",
        "15 December 2025",
        "16 March 2026",
        "15 June 2026",
        "14 September 2026",
        "Change",
    ]
    assert ["24. Community-based services", "3", "3", "3", "1", "-2"] in rows
    assert all(line.startswith('"') for line in text.strip().split("\r\n"))

    text = pdf_text(page, tmp_path)
    flat = " ".join(text.split())
    assert "Total score by date" in flat and "Each item's score by date" in flat
    assert "Save as a spreadsheet" not in flat


def test_files_chosen_before_the_script_runs_are_opened(page: Page, site_url: str) -> None:
    """On a slow connection a person can choose files before the page's script has arrived:
    the script opens them when it starts, as if they had just been chosen."""
    held: list[Route] = []
    page.route(re.compile(r"/assets/team/team\.js"), lambda route: held.append(route))
    page.goto(site_url + "self-assessment/team/", wait_until="domcontentloaded")  # not "load":
    # the page's load waits for the script held back here
    page.get_by_label("Saved self-assessment files (JSON), 2 to 20").set_input_files(
        sorted(TEAM.values())
    )
    for _ in range(200):  # the route's handler runs as Playwright delivers its events
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the page asked for its script"
    expect(page.get_by_text("files combined")).to_have_count(0)  # nothing has read them yet
    held[0].continue_()
    expect(page.get_by_text("3 files combined: 5 items need agreeing.")).to_be_visible(
        timeout=90_000
    )


def test_csv_cells_cannot_run_as_formulas(page: Page, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + "self-assessment/progress/")
    made = []
    for n, (service, day) in enumerate(
        [('=HYPERLINK("x")', "2026-01-01"), ('=hyperlink("x")', "2026-02-01")]
    ):
        path = tmp_path / f"q{n}.json"
        path.write_text(json.dumps({"service": service, "assessed_on": day, "items": {}}), "utf-8")
        made.append(path)
    page.get_by_label("Saved self-assessment files (JSON) of one service").set_input_files(made)
    expect(page.get_by_text(re.compile(r"^Total score by date\."))).to_contain_text(
        "Total score by date", timeout=90_000
    )
    with page.expect_download() as download:
        page.get_by_role("button", name="Save as a spreadsheet (CSV)").click()
    first = Path(download.value.path()).read_bytes().decode("utf-8-sig").split("\r\n")[0]
    assert first == '"Service","\'=HYPERLINK(""x"")"'


def test_after_one_visit_both_pages_work_offline(browser: Browser, site_url: str) -> None:
    context, recorder = open_context(browser, site_url, service_workers="allow")
    try:
        page = context.new_page()
        page.goto(site_url + "self-assessment/progress/")
        expect(page.get_by_text("The scorer is ready")).to_be_visible(timeout=90_000)
        wait_until(page, "navigator.serviceWorker.controller !== null", timeout=120)
        # The runtime is kept once the page hands over what it fetched and the service worker
        # has put it in its own cache, which a person never sees: the page marks that moment.
        wait_until(page, RUNTIME_KEPT, timeout=120)
        context.set_offline(True)
        page.goto(site_url + "self-assessment/team/")
        page.get_by_label("Saved self-assessment files (JSON), 2 to 20").set_input_files(
            sorted(TEAM.values())
        )
        expect(page.get_by_text("3 files combined: 5 items need agreeing.")).to_be_visible(
            timeout=90_000
        )
    finally:
        context.set_offline(False)
        context.close()
    check_recorder(recorder)
