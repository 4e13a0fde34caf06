"""The self-assessment as a service manager uses it (issue 8): items 1-25 with a list of them,
`#<item id>` links, the running score in view, calm calculators, plain words, early answers,
saving half-filled work, print and CSV; and hostile input (issue 10) never showing a traceback
or losing the draft."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import DRAFT_KEY, draft, open_assessment, settle, wait_until
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

# Screenshots for a person to look at, when IPS_SHOTS names a folder for them.
SHOTS = Path(os.environ["IPS_SHOTS"]) if os.environ.get("IPS_SHOTS") else None
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
NAV = "The 25 items"
BACKUP_KEY = "ips-fidelity:self-assessment:draft-backup"


def data_keys(root: Path) -> set[str]:
    """Every evidence key the page must never show: from scale.json, the SPEC's evidence table,
    and the row fields."""
    keys = {
        "active_clients",
        "specialists_fte",
        "current_jobs",
        "caseload_from_teams_percent",
        "separate_programme",
        "organised_in_teams",
        "average_days",
        "tracks_employer_contacts",
        "contacts_per_week",
        "looking_for_work",
        "people_per_year",
    }
    for path in (root / "scale").glob("*.yaml"):
        keys |= set(re.findall(r"(?:numerator|denominator|field): ([a-z_]+)", path.read_text()))
    return keys


def in_view(page: Page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    assert box is not None and size is not None
    return box["y"] >= 0 and box["y"] + box["height"] <= size["height"] and box["height"] > 0


def nav_state(page: Page, number: int) -> str:
    nav = page.get_by_role("navigation", name=NAV)
    link = nav.get_by_role("link").nth(number - 1)
    return link.locator(".ipsa-itemnav__state").inner_text()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_items_in_order_with_their_list_and_the_score_in_view(
    page: Page, assessment_url: str, root: Path, viewport: str
) -> None:
    page.set_viewport_size(VIEWPORTS[viewport])
    open_assessment(page, assessment_url + "#competitive-jobs")
    # `#<item id>` opens at that item.
    wait_until(
        page, "document.getElementById('competitive-jobs').getBoundingClientRect().top < 400"
    )
    assert in_view(page, "#item-competitive-jobs-title")
    height = page.evaluate("document.body.scrollHeight")
    print(f"{viewport} page height: {height}")
    if SHOTS:
        page.screenshot(path=str(SHOTS / f"{viewport}-item21.png"))

    # Items 1-25 in scale order, each naming its principle.
    numbers = page.eval_on_selector_all(
        "#ipsa-form section.ipsa-item", "s => s.map(e => e.dataset.number)"
    )
    assert numbers == [str(n) for n in range(1, 26)]
    assert page.locator("#caseload-size").get_by_text("Principle:").count() == 1

    # The item list: a navigation landmark with the 25 items, each with its state.
    nav = page.get_by_role("navigation", name=NAV)
    links = nav.get_by_role("link")
    assert links.count() == 25
    assert links.nth(0).inner_text().startswith("1. Caseload size")
    settle(
        page,
        lambda: (
            page.get_by_role("group", name="Your rating for item 7")
            .get_by_role("radio", name=re.compile("^4 "))
            .check()
        ),
    )
    assert nav_state(page, 7).startswith("Rated")
    page.click("#calc-caseload-size-toggle")
    settle(page, lambda: page.get_by_label("Active clients on the employment caseload").fill("72"))
    settle(page, lambda: page.get_by_label("Employment specialists (FTE)").fill("4"))
    assert nav_state(page, 1).startswith("From figures")
    page.click("#calc-employment-services-staff-toggle")
    page.get_by_label("As a count out of a total").first.check()
    settle(page, lambda: page.locator("#ev-employment-services-staff-count").fill("12"))
    settle(page, lambda: page.locator("#ev-employment-services-staff-total").fill("10"))
    assert nav_state(page, 2) == "Has a problem"
    assert nav_state(page, 3) == "Not answered"
    # The error summary at the top links to the field, named by its label.
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    assert (
        "Item 2:" in summary.inner_text() and "How many meet the standard" in summary.inner_text()
    )

    # Jump from the list; the running score stays in view far down the page.
    links.nth(19).click()
    wait_until(
        page, "document.getElementById('employer-diversity').getBoundingClientRect().top < 500"
    )
    assert in_view(page, "#ipsa-summary-text")
    assert "2 of 25 answered" in page.inner_text("#ipsa-summary-text")
    if SHOTS:
        page.screenshot(path=str(SHOTS / f"{viewport}-scrolled.png"))

    # No data key anywhere a person reads, with every calculator open.
    for toggle in page.locator("details.ipsa-calc > summary").all():
        toggle.click()
    shown = page.inner_text("body")
    for key in data_keys(root):
        assert key not in shown, key
    assert not re.search(r"\b[a-z]+\[\d+\]", shown)
    assert not re.search(r"\bevidence\.[a-z]", shown)


def test_answers_before_ready_count_at_once(page: Page, assessment_url: str) -> None:
    held: list[Any] = []
    page.route("**/*.whl*", lambda route: held.append(route))
    page.goto(assessment_url, wait_until="domcontentloaded")
    page.get_by_role("group", name="Your rating for item 7").get_by_role(
        "radio", name=re.compile("^4 ")
    ).check()
    page.get_by_role("group", name="Your rating for item 9").get_by_role(
        "radio", name=re.compile("^2 ")
    ).check()
    wait_until(
        page,
        "document.getElementById('ipsa-summary-text').textContent.includes('2 of 25 answered')",
    )
    assert page.evaluate("document.getElementById('ipsa').dataset.state") != "ready"
    assert nav_state(page, 7) == "Rated"
    wait_until(page, "(n) => n > 0", arg=len(held))
    held[0].continue_()
    wait_until(
        page, "document.getElementById('ipsa-total').textContent === '6 out of 125'", timeout=90
    )
    assert "Total 6 out of 125" in page.inner_text("#ipsa-summary-text")


def test_a_half_filled_calculator_is_calm_and_never_stops_saving(
    page: Page, assessment_url: str, tmp_path: Path
) -> None:
    open_assessment(page, assessment_url)
    page.get_by_label("Service name").fill("Westgate IPS")
    page.get_by_label("Your name or role (optional)").fill("Team leader")
    page.click("#calc-caseload-size-toggle")
    settle(page, lambda: page.get_by_label("Active clients on the employment caseload").fill("72"))
    # Typing the first of two figures says nothing.
    assert page.locator("#caseload-size .ipsa-error:not([hidden])").count() == 0
    assert page.is_hidden("#ipsa-error-summary")
    assert nav_state(page, 1) == "Figures not finished"
    assert draft(page)["items"]["caseload-size"]["evidence"] == {"active_clients": 72}
    # Save as a file: the command line would accept it, and it says what is not counted yet.
    with page.expect_download() as info:
        page.get_by_role("button", name="Save as a file (JSON)").click()
    path = tmp_path / "half.json"
    info.value.save_as(path)
    saved = json.loads(path.read_text())
    assert saved["assessor"] == "Team leader"  # names the rater when a team's files are combined
    assert "errors" not in page.evaluate("(a) => window.ipsFidelity.score(a)", saved)
    wait_until(page, "document.getElementById('ipsa-tools-status').textContent.includes('item 1')")
    assert "Not counted yet: item 1" in page.inner_text("#ipsa-tools-status")
    # The spreadsheet too, with the unfinished figures in words.
    with page.expect_download() as info:
        page.get_by_role("button", name="Export a spreadsheet (CSV)").click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert "Westgate IPS" in text
    assert "Active clients on the employment caseload: 72 (not counted yet)" in text
    # Clear everything, then reopen the file: the unfinished figure comes back.
    page.get_by_role("button", name="Clear all answers").click()
    page.locator("#ipsa-dialog").get_by_role("button", name="Clear all answers").click()
    page.get_by_label("A JSON file saved from this page").set_input_files(str(path))
    page.get_by_role("button", name="Continue from this file").click()
    wait_until(page, "document.getElementById('ev-caseload-size-active_clients').value === '72'")
    assert page.get_by_label("Your name or role (optional)").input_value() == "Team leader"
    assert page.input_value("#note-caseload-size") == ""
    assert page.input_value("#ev-caseload-size-specialists_fte") == ""


def test_huge_numbers_and_missing_operations_give_plain_words(
    page: Page, assessment_url: str
) -> None:
    open_assessment(page, assessment_url)
    page.click("#calc-caseload-size-toggle")
    settle(
        page, lambda: page.get_by_label("Active clients on the employment caseload").fill("1e27")
    )
    settle(page, lambda: page.get_by_label("Employment specialists (FTE)").fill("1e27"))
    settle(page, lambda: page.get_by_label("Your notes on item 1 (optional)", exact=True).focus())
    shown = page.inner_text("body")
    assert "Traceback" not in shown and "Error:" not in shown and "decimal" not in shown
    answers = page.evaluate(
        """async () => [
          await ipsFidelity.score({items: {'caseload-size': {evidence: {active_clients: 1e27, specialists_fte: 1}}}}),
          await ipsFidelity.combine([{items: {}}, {items: {}}]),
          await ipsFidelity.history('not a list'),
          await ipsFidelity.centreStatus({reviews: 'x'}, 'soon'),
        ]"""
    )
    for answer in answers:
        assert isinstance(answer, dict)
        assert "Traceback" not in json.dumps(answer)
    assert "errors" in answers[2]


def backups(page: Page) -> list[str]:
    """The kept copies of unreadable drafts (each under its own key, with its time)."""
    found: list[str] = page.evaluate(
        "(prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix))"
        ".map((k) => localStorage.getItem(k))",
        BACKUP_KEY + ":",
    )
    return found


@pytest.mark.parametrize(
    "stored",
    ['{"items": {"a\\"]": {"score": 3}, "vocational-unit": {"score": 4}}}', "{not json"],
)
def test_a_corrupt_stored_draft_is_reported_and_kept(
    page: Page, assessment_url: str, stored: str
) -> None:
    open_assessment(page, assessment_url)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [DRAFT_KEY, stored])
    page.reload()
    open_assessment(page, assessment_url)
    warning = page.locator("#ipsa-draft-warning")
    assert warning.is_visible() and "could not be read in full" in warning.inner_text()
    assert backups(page) == [stored]
    if "vocational-unit" in stored:
        assert page.is_checked("#score-vocational-unit-4")
    # The next edit may replace the draft; the copy stays.
    settle(page, lambda: page.check("#score-zero-exclusion-5"))
    assert backups(page) == [stored]


def test_refused_imports_keep_the_draft(page: Page, assessment_url: str, tmp_path: Path) -> None:
    open_assessment(page, assessment_url)
    settle(page, lambda: page.check("#score-vocational-unit-4"))
    before = draft(page)
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (10 * 1024 * 1024 + 1))
    cases = [
        (big, "larger than 10 MB"),
        (tmp_path / "twice.json", "cannot be used"),
        (tmp_path / "nan.json", "Nothing has been changed"),
    ]
    (tmp_path / "twice.json").write_text('{"items": {"vocational-unit": {"score": 4, "score": 1}}}')
    (tmp_path / "nan.json").write_text('{"items": {"vocational-unit": {"score": NaN}}}')
    for path, message in cases:
        page.get_by_label("A JSON file saved from this page").set_input_files(str(path))
        page.get_by_role("button", name="Continue from this file").click()
        text = wait_until(
            page,
            "(name) => { const box = document.getElementById('ipsa-import-error'); "
            "return !box.hidden && box.textContent.includes(name) && box.textContent; }",
            arg=path.name,
        )
        assert message in text, text
        assert "Traceback" not in text
        assert draft(page) == before
        assert page.is_checked("#score-vocational-unit-4")


def test_print_and_csv_of_a_complete_assessment(
    page: Page, assessment_url: str, root: Path, tmp_path: Path
) -> None:
    full = json.loads((root / "examples" / "evidence.json").read_text())
    for number, entry in enumerate(full["items"].values(), start=1):
        entry["note"] = (
            f"Checked against caseload records and minutes for item {number}, agreed by the team."
        )
    full["service"] = '=HYPERLINK("x") Eastbrook'
    full["items"]["vocational-unit"]["note"] = " -2+3 and \uff1d1"
    open_assessment(page, assessment_url)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [DRAFT_KEY, json.dumps(full)])
    page.reload()
    open_assessment(page, assessment_url)
    assert page.inner_text("#ipsa-answered") == "25 of 25"
    result = page.evaluate("(a) => window.ipsFidelity.score(a)", full)

    pdf = tmp_path / "report.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4")
    page.emulate_media(media="screen")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    print(f"print page count: {pages}")
    assert pages <= 6
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Eastbrook" in text and "23 November 2026" in text and "2026-11-23" not in text
    assert result["band"]["label"] in text
    assert "72 active clients / 4 FTE specialists" in text  # the rule in words, from the scorer
    assert "Active clients on the employment caseload: 72" in text  # the figures
    assert "agreed by the team" in text  # the notes
    assert "Action plan" in text
    # The scores are printed once, in number order.
    assert text.count("Every item's score, in number order") == 1
    assert "Item scores by principle" not in text
    for row in result["items"]:
        assert f"{row['number']}." in text

    with page.expect_download() as download:
        page.get_by_role("button", name="Export a spreadsheet (CSV)").click()
    raw = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw)))
    assert rows[0] == ["Service", '\'=HYPERLINK("x") Eastbrook']
    assert rows[1] == ["Assessment date", "23 November 2026"]
    assert all(line.startswith('"') or line == "" for line in raw.split("\r\n")), (
        "every cell quoted"
    )
    notes = next(row for row in rows if row and row[0] == "7")
    assert notes[-1] == "' -2+3 and \uff1d1"
    assert "{" not in raw
