"""Nothing lost: the draft survives a reload, clears on request, exports and imports intact,
and a bad file never touches it. Comparing with a saved file shows the scorer's changes."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import DRAFT_KEY, draft, open_assessment, settle, wait_until
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

ANSWERS = {
    "format": "ips-fidelity-assessment",
    "version": 1,
    "service": "North Riverside IPS",
    "assessed_on": "2026-11-23",
    "items": {
        "caseload-size": {"score": 3, "evidence": {"active_clients": 50, "specialists_fte": 2}},
        "employment-services-staff": {"evidence": {"count": 9, "total": 10}},
        "vocational-unit": {"score": 4, "note": "Weekly unit meeting since May, minutes kept."},
        "disclosure": {
            "evidence": {"present": ["disclosure-not-required", "what-to-say-discussed"]}
        },
        "rapid-job-search": {"evidence": {"average_days": 45}},
        "employer-contact-frequency": {
            "evidence": {
                "specialists": [
                    {"contacts_per_week": 5, "looking_for_work": 2},
                    {"contacts_per_week": 7},
                ],
                "tracking": "monthly",
            }
        },
        "employer-contact-quality": {"evidence": {"specialists": [2, 3, 3]}},
        "integration-team-assignment": {"evidence": {"separate_programme": True}},
        "assertive-engagement": {"evidence": {"count": 0}},
        "zero-exclusion": {"score": 5},
    },
}


# The labels a person reads beside each figure the answers below give.
FIGURES: dict[str, str | re.Pattern[str]] = {
    "active_clients": "Active clients on the employment caseload",
    "specialists_fte": "Employment specialists (FTE)",
    "total": "Out of how many in all",
    "average_days": re.compile(r"^Average days from entering the service"),
    "percent": "Percentage (0 to 100)",
}
FLAGS = {
    "separate_programme": "The employment service is a separate vocational programme, apart from "
    "mental health treatment",
    "tracks_employer_contacts": "The service keeps a record of each person's employer contacts",
}
ROW_FIGURES = {
    "contacts_per_week": "Average face-to-face employer contacts a week",
    "looking_for_work": "People looking for work on this specialist's caseload (optional)",
}
NUMBERS = {
    "caseload-size": 1,
    "employment-services-staff": 2,
    "integration-team-assignment": 4,
    "dwp-collaboration": 6,
    "vocational-unit": 7,
    "zero-exclusion": 9,
    "disclosure": 13,
    "rapid-job-search": 15,
    "employer-contact-frequency": 17,
    "employer-contact-quality": 18,
    "follow-along-support": 22,
    "assertive-engagement": 25,
}


def item(page: Page, key: str) -> Locator:
    """An item's part of the form: the region named by its heading, "Item n: title"."""
    return page.get_by_role("region", name=re.compile(rf"^Item {NUMBERS[key]}: "))


def rating(page: Page, key: str, score: int | str) -> Locator:
    group = item(page, key).get_by_role("group", name=f"Your rating for item {NUMBERS[key]}")
    return group.get_by_role("radio", name=re.compile(rf"^{score} "))


def note(page: Page, key: str) -> Locator:
    return item(page, key).get_by_label(f"Your notes on item {NUMBERS[key]} (optional)")


def components(page: Page) -> dict[str, str]:
    """Each component's words by its id, from the scale the site was built with."""
    url = page.url.split("self-assessment/")[0] + "assets/scorer/scale.json"
    found = {}
    for entry in page.request.get(url).json()["items"]:
        for component in (entry.get("measure") or {}).get("components", []):
            found[component["id"]] = component["text"]
    return found


def fill(page: Page, assessment: dict[str, Any]) -> None:
    """Give answers through the form, as a person would: by the labels they read."""
    if "service" in assessment:
        page.get_by_label("Service name").fill(assessment["service"])
    if "assessed_on" in assessment:
        page.get_by_label("Date of the assessment").fill(assessment["assessed_on"])
    words = components(page)
    for key, entry in assessment["items"].items():
        section = item(page, key)
        if "score" in entry:
            rating(page, key, entry["score"]).check()
        if "note" in entry:
            note(page, key).fill(entry["note"])
        evidence = entry.get("evidence")
        if not evidence:
            continue
        section.get_by_text(f"Work out item {NUMBERS[key]} from your figures").click()
        for name, value in evidence.items():
            if name == "count":
                by_count = section.get_by_role("radio", name="As a count out of a total")
                if by_count.count():
                    by_count.check()
                    section.get_by_label("How many meet the standard").fill(str(value))
                else:
                    section.get_by_role("radio", name="Give how many are in place").check()
                    section.get_by_label(re.compile(r"^How many of the \d+ are in place")).fill(
                        str(value)
                    )
            elif name == "total":
                section.get_by_label(FIGURES[name]).fill(str(value))
            elif name == "present":
                for component in value:
                    section.get_by_label(words[component]).check()
            elif name == "specialists":
                for index, row in enumerate(value):
                    if index:
                        section.get_by_role("button", name="Add a specialist").click()
                    specialist = section.get_by_role("group", name=f"Specialist {index + 1}")
                    if isinstance(row, dict):
                        for field, figure in row.items():
                            specialist.get_by_label(ROW_FIGURES[field]).fill(str(figure))
                    else:
                        specialist.get_by_label(
                            "Rating for this specialist's employer contacts (1 to 5)"
                        ).select_option(str(row))
            elif name == "tracking":
                section.get_by_label("How employer contacts are tracked").select_option(value)
            elif isinstance(value, bool):
                section.get_by_label(FLAGS[name]).set_checked(value)
            else:
                section.get_by_label(FIGURES[name]).fill(str(value))


def form_state(page: Page) -> Any:
    """Every control's value, so restoring can be compared with what was there before. CSS here
    reads the whole form's state at once (ids only name the entries); nothing is acted on."""
    return page.evaluate(
        "[...document.querySelectorAll('#ipsa input, #ipsa select, #ipsa textarea')]"
        ".filter(e => e.type !== 'file')"
        ".map(e => [e.id, e.type === 'radio' || e.type === 'checkbox' ? e.checked : e.value])"
    )


def results(page: Page) -> str:
    """The results as a person reads them: totals, band, the table and the action plan."""
    return page.get_by_role("region", name="Your results").inner_text()


def export_json(page: Page, tmp_path: Path) -> dict[str, Any]:
    with page.expect_download() as info:
        page.get_by_role("button", name="Save as a file (JSON)").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.suffix == ".json"
    return json.loads(path.read_text(encoding="utf-8"))


def choose_file(page: Page, tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    page.get_by_label("A JSON file saved from this page").set_input_files(str(path))


def start_from_file(page: Page, url: str, tmp_path: Path) -> None:
    """Open the page and continue from a file holding ANSWERS, as a person picks up saved work:
    the tests that are not about typing answers start here (test_reload_restores_the_draft and
    test_export_then_import_round_trips give the same answers through the form)."""
    open_assessment(page, url)
    choose_file(page, tmp_path, "answers.json", json.dumps(ANSWERS))
    settle(page, lambda: page.get_by_role("button", name="Continue from this file").click())
    assert draft(page) == ANSWERS


def confirm_dialog(page: Page, accept: str | None) -> None:
    """Answer the confirmation dialog: press `accept` (its confirm button's words), or Cancel."""
    dialog = page.get_by_role("dialog", name=re.compile(r"\?$"))  # the page's question, not Search
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name=accept or "Cancel", exact=True).click()
    expect(dialog).to_be_hidden()


def clear_all(page: Page, accept: bool) -> None:
    page.get_by_role("button", name="Clear all answers").click()
    confirm_dialog(page, "Clear all answers" if accept else None)


def test_reload_restores_the_draft(page: Page, assessment_url: str) -> None:
    open_assessment(page, assessment_url)
    settle(page, lambda: fill(page, ANSWERS))
    assert draft(page) == ANSWERS
    before, shown = form_state(page), results(page)
    page.reload()
    open_assessment(page, assessment_url)
    assert form_state(page) == before
    assert results(page) == shown
    assert draft(page) == ANSWERS
    expect(page.get_by_role("status").filter(has_text="restored")).to_be_visible()


def test_clear_all_asks_first_then_removes_the_draft(
    page: Page, assessment_url: str, tmp_path: Path
) -> None:
    start_from_file(page, assessment_url, tmp_path)
    clear_all(page, accept=False)
    assert draft(page) == ANSWERS
    settle(page, lambda: clear_all(page, accept=True))
    assert page.evaluate(f"localStorage.getItem('{DRAFT_KEY}')") is None
    answered = page.get_by_role("region", name="Your results").get_by_text("0 of 25", exact=True)
    expect(answered).to_be_visible()
    expect(page.get_by_role("radio", name="Not rated yet", checked=True)).to_have_count(25)
    expect(page.get_by_role("checkbox", checked=True)).to_have_count(0)
    page.reload()
    open_assessment(page, assessment_url)
    expect(answered).to_be_visible()
    expect(page.get_by_label("Service name")).to_have_value("")


def test_export_then_import_round_trips(page: Page, assessment_url: str, tmp_path: Path) -> None:
    open_assessment(page, assessment_url)
    settle(page, lambda: fill(page, ANSWERS))
    exported = export_json(page, tmp_path)
    assert exported == ANSWERS
    before, shown = form_state(page), results(page)

    settle(page, lambda: clear_all(page, accept=True))
    assert draft(page) is None
    choose_file(page, tmp_path, "saved.json", json.dumps(exported))
    settle(page, lambda: page.get_by_role("button", name="Continue from this file").click())
    assert draft(page) == ANSWERS
    assert form_state(page) == before
    assert results(page) == shown
    assert export_json(page, tmp_path) == exported


def test_csv_export_holds_every_item_and_the_total(
    page: Page, assessment_url: str, tmp_path: Path
) -> None:
    start_from_file(page, assessment_url, tmp_path)
    result = page.evaluate("(a) => window.ipsFidelity.score(a)", ANSWERS)
    with page.expect_download() as info:
        page.get_by_role("button", name="Export a spreadsheet (CSV)").click()
    path = tmp_path / "export.csv"
    info.value.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a UTF-8 byte order mark, for spreadsheet programs"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    head = {row[0]: row[1] for row in rows[:6] if row}
    assert head["Service"] == ANSWERS["service"]
    assert head["Assessment date"] == "23 November 2026"  # as people read it; files keep ISO
    assert head["Total"] == f"{result['total']} out of {result['max_total']}"
    header = rows.index(
        [
            "Item number",
            "Item",
            "Principle",
            "Score",
            "Based on",
            "Your rating",
            "Figures",
            "How the figures gave the score",
            "Notes",
        ]
    )
    by_number = {
        row[0]: dict(zip(rows[header], row, strict=True)) for row in rows[header + 1 : header + 26]
    }
    for item in result["items"]:
        line = by_number[str(item["number"])]
        assert line["Item"] == item["title"]
        assert line["Score"] == ("Not answered" if item["score"] is None else str(item["score"]))
        assert (
            line["Based on"]
            == {"evidence": "Your figures", "rating": "Your rating", None: ""}[item["source"]]
        )
    assert by_number["7"]["Notes"] == ANSWERS["items"]["vocational-unit"]["note"]
    # Figures as words a person reads, with the rule that gave the score; never JSON.
    figures = by_number["1"]["Figures"]
    assert "Active clients on the employment caseload: 50" in figures
    assert "Employment specialists (FTE): 2" in figures
    assert "scores" in by_number["1"]["How the figures gave the score"]
    assert "{" not in raw.decode("utf-8-sig")


BAD_FILES = [
    ("notes.json", "this is not JSON at all", "not a JSON file"),
    ("list.json", "[1, 2, 3]", "does not hold an assessment"),
    (
        "result.json",
        json.dumps({"format": "ips-fidelity-result", "version": 1, "items": {}}),
        "Unknown format",
    ),
    (
        "future.json",
        json.dumps({"format": "ips-fidelity-assessment", "version": 9, "items": {}}),
        "version",
    ),
    (
        "values.json",
        json.dumps(
            {
                "items": {
                    "caseload-size": {"score": 7},
                    "disclosure": {"evidence": {"present": ["x"]}},
                }
            }
        ),
        "Item 1: Score must be a whole number",
    ),
    ("unknown.json", json.dumps({"items": {"not-an-item": {"score": 3}}}), "Unknown item"),
]


@pytest.mark.parametrize(
    "action", ["Continue from this file", "Compare it with my current answers"]
)
def test_bad_import_files_leave_the_draft_alone(
    page: Page, assessment_url: str, tmp_path: Path, action: str
) -> None:
    start_from_file(page, assessment_url, tmp_path)
    before, shown = form_state(page), results(page)
    for name, content, message in BAD_FILES:
        choose_file(page, tmp_path, name, content)
        page.get_by_role("button", name=action).click()
        problem = page.get_by_role("alert").filter(has_text=name)
        expect(problem).to_contain_text(message)
        assert draft(page) == ANSWERS
        assert form_state(page) == before
        assert results(page) == shown
        expect(page.get_by_role("region", name="Compared with the saved file")).to_have_count(0)


def test_compare_shows_item_and_total_changes(
    page: Page, assessment_url: str, tmp_path: Path
) -> None:
    start_from_file(page, assessment_url, tmp_path)
    saved = export_json(page, tmp_path)
    settle(page, lambda: rating(page, "vocational-unit", 5).check())
    settle(page, lambda: rating(page, "dwp-collaboration", 2).check())
    current = draft(page)
    choose_file(page, tmp_path, "earlier.json", json.dumps(saved))
    page.get_by_role("button", name="Compare it with my current answers").click()
    panel = page.get_by_role("region", name="Compared with the saved file")
    expect(panel).to_be_focused()
    table = panel.get_by_role("table", name="Item scores in the saved file and now")

    def cells(row_name: str) -> list[str]:
        row = table.get_by_role("row", name=re.compile(rf"^{re.escape(row_name)}"))
        return row.get_by_role("cell").all_inner_texts()

    assert cells("7. ") == ["4", "5", "+1"]
    assert cells("6. ") == ["Not answered", "2", "-"]
    assert cells("9. ") == ["5", "5", "0"]
    total = cells("Total")
    old_total = page.evaluate("(a) => window.ipsFidelity.score(a).then(r => r.total)", saved)
    new_total = page.evaluate("(a) => window.ipsFidelity.score(a).then(r => r.total)", current)
    assert total == [str(old_total), str(new_total), f"+{new_total - old_total}"]
    expect(panel.get_by_text(re.compile(r"1 item went up"))).to_be_visible()
    # Comparing never changes the current answers.
    assert draft(page) == current


def test_answers_given_before_the_script_runs_join_the_saved_draft(
    page: Page, assessment_url: str, tmp_path: Path
) -> None:
    """The form works from first paint: a rating chosen while the page's script is still on its
    way is kept, and the saved draft is restored around it rather than lost or ignored."""
    start_from_file(page, assessment_url, tmp_path)
    held: list[Any] = []
    page.route("**/assets/assessment/app.js*", lambda route: held.append(route))
    page.goto(assessment_url, wait_until="domcontentloaded")
    rating(page, "follow-along-support", 4).check()  # an item the draft does not answer
    rating(page, "vocational-unit", 2).check()  # and one it does: the newer answer wins
    wait_until(page, "(n) => n > 0", arg=len(held))
    held[0].continue_()
    wait_until(page, "Number(document.getElementById('ipsa').dataset.renders) >= 1")
    expected = json.loads(json.dumps(ANSWERS))
    expected["items"]["follow-along-support"] = {"score": 4}
    expected["items"]["vocational-unit"]["score"] = 2
    clients = item(page, "caseload-size").get_by_label(FIGURES["active_clients"])
    expect(clients).to_have_value("50")
    expect(page.get_by_label("Service name")).to_have_value(ANSWERS["service"])
    settle(page, lambda: note(page, "zero-exclusion").fill("Checked at team meeting."))
    expected["items"]["zero-exclusion"]["note"] = "Checked at team meeting."
    assert draft(page) == expected


def test_a_draft_with_problems_is_saved_as_a_file_the_scorer_accepts(
    page: Page, assessment_url: str, tmp_path: Path
) -> None:
    """Figures with a problem never stop "Save as a file": the file is one the scorer (and the
    command line) accepts, it keeps those figures, and opening it puts them back."""
    start_from_file(page, assessment_url, tmp_path)
    count = item(page, "employment-services-staff").get_by_label("How many meet the standard")
    settle(page, lambda: count.fill("12"))  # 12 of 10
    expect(count).to_have_attribute("aria-invalid", "true")
    saved = export_json(page, tmp_path)
    assert "evidence" not in saved["items"]["employment-services-staff"]
    assert "errors" not in page.evaluate("(a) => window.ipsFidelity.score(a)", saved)
    expect(page.get_by_role("status").filter(has_text="Not counted yet: item 2")).to_be_visible()
    assert draft(page)["items"]["employment-services-staff"]["evidence"]["count"] == 12
    # Opening the file restores the unfinished figures, not as part of the note.
    settle(page, lambda: count.fill("3"))
    choose_file(page, tmp_path, "saved.json", json.dumps(saved))
    page.get_by_role("button", name="Continue from this file").click()
    confirm_dialog(page, "Replace my answers")
    expect(count).to_have_value("12")
    expect(note(page, "employment-services-staff")).to_have_value("")
    expect(note(page, "vocational-unit")).to_have_value(ANSWERS["items"]["vocational-unit"]["note"])


def test_a_problem_with_the_assessment_date_is_shown_beside_it(
    page: Page, assessment_url: str
) -> None:
    """A date input allows years the scorer cannot take (it stops at 9999): say so, by the date."""
    open_assessment(page, assessment_url)
    # Chromium's date field takes years up to 275760; set it as its picker would.
    date = page.get_by_label("Date of the assessment")
    settle(
        page,
        lambda: date.evaluate(
            "(el) => { el.value = '275760-01-01';"
            " el.dispatchEvent(new Event('input', {bubbles: true})); }",
        ),
    )
    # Beside the field, in the draft panel (the error summary at the top says it too).
    message = page.get_by_role("region", name="Your draft").get_by_text(
        re.compile(r"^Date of the assessment: ")
    )
    expect(message).to_be_visible()
    expect(date).to_have_attribute("aria-invalid", "true")
    settle(page, lambda: date.fill("2026-11-23"))
    expect(message).to_be_hidden()
    expect(date).not_to_have_attribute("aria-invalid", re.compile(".*"))
