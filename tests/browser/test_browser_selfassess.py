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
from assessment_roles import rating
from browser_helpers import DRAFT_KEY, SNAPSHOT_KEPT, draft, open_assessment, settle, wait_until
from playwright.sync_api import Locator, Page, expect

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


def in_view(page: Page, locator: Locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    assert box is not None and size is not None
    return box["y"] >= 0 and box["y"] + box["height"] <= size["height"] and box["height"] > 0


def region(page: Page, number: int) -> Locator:
    return page.get_by_role("region", name=re.compile(rf"^Item {number}:"))


def nav_state(page: Page, number: int) -> str:
    """The state the list shows for an item: its link's words after the title."""
    nav = page.get_by_role("navigation", name=NAV)
    text = nav.get_by_role("link").nth(number - 1).inner_text()
    return text.split("\n")[-1].strip()


def results(page: Page) -> Locator:
    return page.get_by_role("region", name="Your results")


def test_items_in_order_with_their_list_and_the_score_in_view(
    page: Page, assessment_url: str, root: Path
) -> None:
    # The whole form with the list beside it, on a desktop; a phone's views are test_phone.py's.
    page.set_viewport_size(VIEWPORTS["desktop"])
    open_assessment(page, assessment_url + "#competitive-jobs")
    # `#<item id>` opens at that item.
    heading = page.get_by_role("heading", name=re.compile("^Item 21:"))
    wait_until(page, "document.activeElement.id === 'item-competitive-jobs-title'")
    assert in_view(page, heading)
    print(f"desktop page height: {page.evaluate('document.body.scrollHeight')}")
    if SHOTS:
        page.screenshot(path=str(SHOTS / "desktop-item21.png"))

    # Items 1-25 in scale order, each naming its principle.
    names = page.get_by_role("region", name=re.compile(r"^Item \d+:")).all()
    headings = [r.get_by_role("heading", level=2).inner_text() for r in names]
    assert [h.split(":")[0] for h in headings] == [f"Item {n}" for n in range(1, 26)]
    assert region(page, 1).get_by_text("Principle:").count() == 1

    # The item list: a navigation landmark with the 25 items, each with its state.
    nav = page.get_by_role("navigation", name=NAV)
    links = nav.get_by_role("link")
    assert links.count() == 25
    assert links.nth(0).inner_text().startswith("1. Caseload size")
    assert nav_state(page, 3) == "Not started"
    settle(
        page,
        lambda: (
            page.get_by_role("group", name="Your rating for item 7")
            .get_by_role("radio", name=re.compile("^4 "))
            .check()
        ),
    )
    assert nav_state(page, 7) == "Rated: 4"
    region(page, 1).get_by_text("Work out item 1 from your figures").click()
    settle(page, lambda: page.get_by_label("Active clients on the employment caseload").fill("72"))
    settle(page, lambda: page.get_by_label("Employment specialists (FTE)").fill("4"))
    assert nav_state(page, 1) == "From figures: 5"
    item2 = region(page, 2)
    item2.get_by_text("Work out item 2 from your figures").click()
    item2.get_by_label("As a count out of a total").check()
    settle(page, lambda: item2.get_by_label("How many meet the standard").fill("12"))
    settle(page, lambda: item2.get_by_label("Out of how many in all").fill("10"))
    assert nav_state(page, 2) == "Has a problem"
    assert nav_state(page, 3) == "Not started"
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
    score = page.get_by_role("region", name="Your score so far")
    assert in_view(page, score)
    assert "2 of 25 answered" in score.inner_text()
    if SHOTS:
        page.screenshot(path=str(SHOTS / "desktop-scrolled.png"))

    # No data key anywhere a person reads, with every calculator open.
    for number in range(1, 26):
        toggle = region(page, number).get_by_text(f"Work out item {number} from your figures")
        if toggle.count() and number not in (1, 2):
            toggle.click()
    # All the words on the page: no one role holds them all, so the whole body is read.
    shown = page.inner_text("body")
    for key in data_keys(root):
        assert key not in shown, key
    assert not re.search(r"\b[a-z]+\[\d+\]", shown)
    assert not re.search(r"\bevidence\.[a-z]", shown)


def test_a_runtime_that_cannot_be_loaded_is_said_in_words_and_keeps_the_snapshot(
    page: Page, assessment_url: str
) -> None:
    """Pyodide only warns when its WebAssembly cannot be made, and its load never ends: a
    download of pyodide.asm.wasm cut off or refused must still end in words a person can act on,
    with their answers kept, and must not cost this device its good memory snapshot."""
    page.route("**/pyodide/pyodide.asm.wasm", lambda route: route.fulfill(status=503, body=""))
    page.goto(assessment_url)
    rating(page, 3, 4).check()
    box = page.get_by_text(re.compile(r"^The scorer could not be loaded\."))
    expect(box).to_be_visible(timeout=60_000)
    expect(box).to_contain_text("Your answers are still saved in this browser.")
    # The box's label says so too, rather than still "Getting the scorer ready".
    expect(page.get_by_text("The scorer did not load", exact=True)).to_be_visible()
    expect(page.get_by_text("Getting the scorer ready", exact=True)).to_have_count(0)
    expect(page.get_by_text("Traceback")).to_have_count(0)
    assert draft(page)["items"]["vocational-generalists"] == {"score": 4}
    assert page.evaluate(SNAPSHOT_KEPT), "the snapshot was dropped although it was not at fault"


# Holds the wheel back to keep the scorer loading: only a first visit fetches it.
@pytest.mark.first_visit
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
    score = page.get_by_role("region", name="Your score so far")
    score.get_by_text(re.compile("2 of 25 answered")).wait_for()
    assert page.evaluate("document.getElementById('ipsa').dataset.state") != "ready"
    assert nav_state(page, 7) == "Rated"
    wait_until(page, "(n) => n > 0", arg=len(held))
    held[0].continue_()
    results(page).get_by_text("6 out of 125").wait_for(timeout=90_000)
    assert "Total 6 out of 125" in score.inner_text()


def test_a_half_filled_calculator_is_calm_and_never_stops_saving(
    page: Page, assessment_url: str, tmp_path: Path
) -> None:
    open_assessment(page, assessment_url)
    page.get_by_label("Service name").fill("Westgate IPS")
    page.get_by_label("Your name or role (optional)").fill("Team leader")
    item = region(page, 1)
    item.get_by_text("Work out item 1 from your figures").click()
    clients = page.get_by_label("Active clients on the employment caseload")
    settle(page, lambda: clients.fill("72"))
    # Typing the first of two figures says nothing.
    assert item.get_by_text("Enter the specialists' time").count() == 0
    assert page.get_by_role("alert").filter(has_text="There is a problem").count() == 0
    assert nav_state(page, 1) == "Figures not finished"
    assert draft(page)["items"]["caseload-size"]["evidence"] == {"active_clients": 72}
    # Save as a file: the command line would accept it, and it says what is not counted yet.
    # (The page asks the scorer twice before the file is made: on a busy machine that can take
    # longer than Playwright's default 30 s wait, seen once in a fresh-clone run.)
    with page.expect_download(timeout=90_000) as info:
        page.get_by_role("button", name="Save as a file (JSON)").click()
    path = tmp_path / "half.json"
    info.value.save_as(path)
    saved = json.loads(path.read_text())
    assert saved["assessor"] == "Team leader"  # names the rater when a team's files are combined
    assert "errors" not in page.evaluate("(a) => window.ipsFidelity.score(a)", saved)
    page.get_by_role("status").filter(has_text="Not counted yet: item 1").wait_for()
    # The spreadsheet too, with the unfinished figures in words.
    with page.expect_download() as info:
        page.get_by_role("button", name="Export a spreadsheet (CSV)").click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert "Westgate IPS" in text
    assert "Active clients on the employment caseload: 72 (not counted yet)" in text
    # Clear everything, then reopen the file: the unfinished figure comes back.
    page.get_by_role("button", name="Clear all answers").click()
    page.get_by_role("dialog", name="Clear all answers?").get_by_role(
        "button", name="Clear all answers"
    ).click()
    page.get_by_label("A JSON file saved from this page").set_input_files(str(path))
    page.get_by_role("button", name="Continue from this file").click()
    expect(clients).to_have_value("72")
    assert page.get_by_label("Your name or role (optional)").input_value() == "Team leader"
    assert page.get_by_label("Your notes on item 1 (optional)").input_value() == ""
    assert page.get_by_label("Employment specialists (FTE)").input_value() == ""


def test_huge_numbers_and_missing_operations_give_plain_words(
    page: Page, assessment_url: str
) -> None:
    open_assessment(page, assessment_url)
    item = region(page, 1)
    item.get_by_text("Work out item 1 from your figures").click()
    settle(
        page, lambda: page.get_by_label("Active clients on the employment caseload").fill("1e27")
    )
    settle(page, lambda: page.get_by_label("Employment specialists (FTE)").fill("1e27"))
    settle(page, lambda: page.get_by_label("Your notes on item 1 (optional)", exact=True).focus())
    # Each figure gets the plain message for its own field, and item 1 counts for nothing.
    for label in ("Active clients on the employment caseload", "Employment specialists (FTE)"):
        assert item.get_by_text(f"{label} must be 1,000,000,000 or less", exact=True).is_visible()
    assert item.get_by_text("Not counted until the problem above is fixed.").is_visible()
    assert nav_state(page, 1) == "Has a problem"
    assert results(page).get_by_text("0 out of 125").is_visible()
    assert (
        "Not counted until fixed: item 1"
        in page.get_by_role("region", name="Your score so far").inner_text()
    )
    # All the words on the page: no one role holds them all, so the whole body is read.
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
    assert "errors" in answers[0] and "errors" in answers[2]


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
    warning = page.get_by_role("alert").filter(has_text="could not be read in full")
    assert warning.is_visible()
    assert backups(page) == [stored]
    if "vocational-unit" in stored:
        assert region(page, 7).get_by_role("radio", name=re.compile("^4 ")).is_checked()
    # The next edit may replace the draft; the copy stays.
    settle(page, lambda: region(page, 9).get_by_role("radio", name=re.compile("^5 ")).check())
    assert backups(page) == [stored]


def test_refused_imports_keep_the_draft(page: Page, assessment_url: str, tmp_path: Path) -> None:
    open_assessment(page, assessment_url)
    four = region(page, 7).get_by_role("radio", name=re.compile("^4 "))
    settle(page, four.check)
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
        box = page.get_by_role("alert").filter(has_text=path.name)
        box.wait_for()
        text = box.inner_text()
        assert message in text, text
        assert "Traceback" not in text
        assert draft(page) == before
        assert four.is_checked()


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
    assert results(page).get_by_text("25 of 25", exact=True).is_visible()
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
