"""Nothing typed is lost (issue 18, point 4), tried as a person would: an import too big for the
browser's storage is refused with the draft intact, and every failed write stays reported until
one succeeds; "Clear everything this site keeps" in one tab empties the self-assessment open in
another, so typing there brings nothing old back; two unreadable drafts are both kept, each
offered as a file; the privacy page says what the browser decided about keeping storage."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import DRAFT_KEY, draft, open_assessment, settle
from playwright.sync_api import BrowserContext, Page, expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
BACKUP_PREFIX = "ips-fidelity:self-assessment:draft-backup:"
WAIT = 30_000
# Fills localStorage until the browser refuses, leaving `room` characters free; returns the
# number of filler entries. Test set-up, not something a person does.
FILL = """(room) => {
  let size = 1 << 20, n = 0;
  while (size >= room) {
    try { localStorage.setItem(`filler-${n}`, "x".repeat(size)); n += 1; }
    catch { size = Math.floor(size / 2); }
  }
  return n;
}"""


def note_field(page: Page, number: int) -> Any:
    return page.get_by_label(f"Your notes on item {number} (optional)", exact=True)


def test_too_big_import_is_refused_and_failed_writes_stay_reported(
    page: Page, assessment_url: str, tmp_path: Path
) -> None:
    open_assessment(page, assessment_url)
    settle(page, lambda: note_field(page, 1).fill("Kept before the storage filled up."))
    before = draft(page)
    assert before["items"]["caseload-size"]["note"] == "Kept before the storage filled up."
    page.evaluate(FILL, 20_000)
    # A file of about 200 kB: valid, well under the 10 MiB limit, too big for what is left.
    big = json.loads((ROOT / "examples" / "complete-ratings.json").read_text(encoding="utf-8"))
    big["items"]["caseload-size"]["note"] = "Long minutes. " * 15_000
    path = tmp_path / "big-minutes.json"
    path.write_text(json.dumps(big), encoding="utf-8")
    page.get_by_label("A JSON file saved from this page").set_input_files(str(path))
    page.get_by_role("button", name="Continue from this file").click()
    page.get_by_role("dialog").get_by_role("button", name="Replace my answers").click()
    refusal = page.get_by_role("alert").filter(has_text="too big for this browser's storage")
    expect(refusal).to_be_visible(timeout=WAIT)
    expect(refusal).to_contain_text("Nothing has been changed")
    assert draft(page) == before
    expect(note_field(page, 1)).to_have_value("Kept before the storage filled up.")
    expect(page.get_by_role("status").filter(has_text="Opened")).to_have_count(0)

    # Typing now cannot be kept: said at once, and still said after the next change.
    page.evaluate(FILL, 1)
    problem = page.get_by_role("alert").filter(has_text="could not be kept in this browser")
    settle(page, lambda: note_field(page, 2).fill("x" * 30_000))
    expect(problem).to_be_visible()
    expect(problem).to_contain_text("Save your answers as a file")
    settle(page, lambda: note_field(page, 3).fill("Another change that cannot be kept."))
    expect(problem).to_be_visible()
    # Once there is room again, the next write succeeds and the message goes.
    page.evaluate(
        "Object.keys(localStorage).filter((k) => k.startsWith('filler-')).forEach((k) => localStorage.removeItem(k))"
    )
    settle(page, lambda: note_field(page, 4).fill("Room again."))
    expect(problem).to_be_hidden()
    assert draft(page)["items"]["caseload-size"]["note"] == "Kept before the storage filled up."
    assert "Room again." in [entry.get("note") for entry in draft(page)["items"].values()]


def test_comparing_ends_its_status_line(page: Page, assessment_url: str) -> None:
    open_assessment(page, assessment_url)
    settle(page, lambda: note_field(page, 1).fill("Now."))
    page.get_by_label("A JSON file saved from this page").set_input_files(
        str(ROOT / "examples" / "complete-ratings.json")
    )
    page.get_by_role("button", name="Compare it with my current answers").click()
    status = page.get_by_role("status").filter(has_text="complete-ratings.json")
    expect(status).to_have_text(
        re.compile(r"^Compared complete-ratings\.json with your current answers"), timeout=WAIT
    )
    expect(page.get_by_role("status").filter(has_text="Checking the file")).to_have_count(0)
    expect(page.get_by_role("table", name="Item scores in the saved file and now")).to_be_visible()


def test_clearing_in_another_tab_brings_nothing_old_back(
    context: BrowserContext, site_url: str, assessment_url: str
) -> None:
    form = context.new_page()
    open_assessment(form, assessment_url)
    settle(form, lambda: form.get_by_label("Service name").fill("Old service name"))
    settle(form, lambda: note_field(form, 1).fill("An old note that was cleared."))
    assert draft(form)["service"] == "Old service name"
    privacy = context.new_page()
    privacy.goto(site_url + "privacy/")
    privacy.get_by_role("button", name="Clear everything this site keeps").click()
    privacy.get_by_role("button", name="Yes, clear everything").click()
    expect(privacy.get_by_role("status").filter(has_text="Done.")).to_contain_text("other open tab")
    told = form.get_by_role("alert").filter(has_text="cleared from another tab")
    expect(told).to_be_visible(timeout=WAIT)
    expect(note_field(form, 1)).to_have_value("")
    expect(form.get_by_label("Service name")).to_have_value("")
    settle(form, lambda: note_field(form, 2).fill("Typed after the clear."))
    kept = draft(form)
    assert "service" not in kept
    assert [entry.get("note") for entry in kept["items"].values()] == ["Typed after the clear."]
    assert form.evaluate("Object.keys(localStorage)") == [DRAFT_KEY]


def test_two_unreadable_drafts_are_both_kept_and_offered_as_files(
    page: Page, assessment_url: str
) -> None:
    page.goto(assessment_url)
    first, second = '{"items": {"caseload-size": {"score": 3}', '{"items": ["second broken draft"]}'
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [DRAFT_KEY, first])
    open_assessment(page, assessment_url)
    warning = page.get_by_role("alert").filter(has_text="could not be read in full")
    expect(warning).to_contain_text("the last five are kept")
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [DRAFT_KEY, second])
    open_assessment(page, assessment_url)
    kept = page.evaluate(
        "(prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix)).sort()"
        ".map((k) => localStorage.getItem(k))",
        BACKUP_PREFIX,
    )
    assert kept == [first, second]
    buttons = warning.get_by_role(
        "button", name=re.compile(r"^Save the copy kept on \d+ \w+ \d{4} at \d\d:\d\d as a file$")
    )
    expect(buttons).to_have_count(2)
    with page.expect_download() as info:
        buttons.first.click()  # the newest first
    assert Path(info.value.path()).read_text(encoding="utf-8") == second
    expect(warning).to_contain_text("open that file")


def test_privacy_page_says_what_the_browser_decided(page: Page, site_url: str) -> None:
    page.goto(site_url + "privacy/")
    expect(
        page.get_by_text(re.compile(r"^This browser (has agreed|has not agreed|does not say)"))
    ).to_be_visible()
    expect(page.get_by_text("Before a long break")).to_be_visible()


def test_storage_is_asked_to_persist_when_the_first_answer_is_given(
    page: Page, assessment_url: str
) -> None:
    # Test set-up: count the page's requests to keep storage (the browser's own answer is kept).
    page.add_init_script(
        "const ask = navigator.storage.persist.bind(navigator.storage);"
        "window.persistAsked = 0;"
        "navigator.storage.persist = () => { window.persistAsked += 1; return ask(); };"
    )
    open_assessment(page, assessment_url)
    assert page.evaluate("window.persistAsked") == 0  # nothing typed yet: nothing to keep
    settle(page, lambda: note_field(page, 1).fill("The first answer."))
    assert page.evaluate("window.persistAsked") == 1
    settle(page, lambda: note_field(page, 2).fill("The second answer."))
    assert page.evaluate("window.persistAsked") == 1  # asked once
