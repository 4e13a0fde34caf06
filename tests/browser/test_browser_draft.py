"""Nothing lost: the draft survives a reload, clears on request, exports and imports intact,
and a bad file never touches it. Comparing with a saved file shows the scorer's changes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import DRAFT_KEY, draft, open_assessment, settle, wait_until
from playwright.sync_api import Page

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


def fill(page: Page, assessment: dict[str, Any]) -> None:
    """Give answers through the form, as a person would."""
    if "service" in assessment:
        page.fill("#ipsa-service", assessment["service"])
    if "assessed_on" in assessment:
        page.fill("#ipsa-date", assessment["assessed_on"])
    for item, entry in assessment["items"].items():
        if "score" in entry:
            page.check(f"#score-{item}-{entry['score']}")
        if "note" in entry:
            page.fill(f"#note-{item}", entry["note"])
        evidence = entry.get("evidence")
        if not evidence:
            continue
        page.click(f"#calc-{item}-toggle")
        for name, value in evidence.items():
            if name in ("count", "total") and page.locator(f"#mode-{item}-count").count():
                page.check(f"#mode-{item}-count")
            if name == "present":
                for component in value:
                    page.check(f"#ev-{item}-{component}")
            elif name == "specialists":
                for index, row in enumerate(value):
                    if index:
                        page.click(f"#{item} [data-action=add-row]")
                    if isinstance(row, dict):
                        for field, figure in row.items():
                            page.fill(f"#ev-{item}-specialists-{index}-{field}", str(figure))
                    else:
                        page.select_option(f"#ev-{item}-specialists-{index}-rating", str(row))
            elif name == "tracking":
                page.select_option(f"#ev-{item}-tracking", value)
            elif isinstance(value, bool):
                page.set_checked(f"#ev-{item}-{name}", value)
            else:
                page.fill(f"#ev-{item}-{name}", str(value))


def form_state(page: Page) -> Any:
    """Every control's value, so restoring can be compared with what was there before."""
    return page.evaluate(
        "[...document.querySelectorAll('#ipsa input, #ipsa select, #ipsa textarea')]"
        ".filter(e => e.type !== 'file')"
        ".map(e => [e.id, e.type === 'radio' || e.type === 'checkbox' ? e.checked : e.value])"
    )


def results(page: Page) -> list[str]:
    return [
        page.inner_text(selector)
        for selector in ("#ipsa-total", "#ipsa-answered", "#ipsa-band", "#ipsa-table", "#ipsa-plan")
    ]


def export_json(page: Page, tmp_path: Path) -> dict[str, Any]:
    with page.expect_download() as info:
        page.click("[data-action=export-json]")
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.suffix == ".json"
    return json.loads(path.read_text(encoding="utf-8"))


def choose_file(page: Page, tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    page.set_input_files("#ipsa-import-file", str(path))


def confirm_dialog(page: Page, accept: bool) -> None:
    page.wait_for_selector("#ipsa-dialog[open]")
    page.click("#ipsa-dialog [data-dialog=%s]" % ("confirm" if accept else "cancel"))
    page.wait_for_selector("#ipsa-dialog:not([open])", state="attached")


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
    assert "restored" in page.inner_text("#ipsa-tools-status")


def test_clear_all_asks_first_then_removes_the_draft(page: Page, assessment_url: str) -> None:
    open_assessment(page, assessment_url)
    settle(page, lambda: fill(page, ANSWERS))
    page.click("[data-action=clear-all]")
    confirm_dialog(page, accept=False)
    assert draft(page) == ANSWERS
    settle(page, lambda: (page.click("[data-action=clear-all]"), confirm_dialog(page, accept=True)))
    assert page.evaluate(f"localStorage.getItem('{DRAFT_KEY}')") is None
    assert page.inner_text("#ipsa-answered") == "0 of 25"
    assert page.evaluate(
        "[...document.querySelectorAll('#ipsa-form input:checked')].every(e => e.value === '' || e.dataset.mode || e.dataset.default === 'true')"
    )
    page.reload()
    open_assessment(page, assessment_url)
    assert page.inner_text("#ipsa-answered") == "0 of 25"
    assert page.input_value("#ipsa-service") == ""


def test_export_then_import_round_trips(page: Page, assessment_url: str, tmp_path: Path) -> None:
    open_assessment(page, assessment_url)
    settle(page, lambda: fill(page, ANSWERS))
    exported = export_json(page, tmp_path)
    assert exported == ANSWERS
    before, shown = form_state(page), results(page)

    settle(page, lambda: (page.click("[data-action=clear-all]"), confirm_dialog(page, accept=True)))
    assert draft(page) is None
    choose_file(page, tmp_path, "saved.json", json.dumps(exported))
    settle(page, lambda: page.click("[data-action=import-continue]"))
    assert draft(page) == ANSWERS
    assert form_state(page) == before
    assert results(page) == shown
    assert export_json(page, tmp_path) == exported


def test_csv_export_holds_every_item_and_the_total(
    page: Page, assessment_url: str, tmp_path: Path
) -> None:
    open_assessment(page, assessment_url)
    settle(page, lambda: fill(page, ANSWERS))
    result = page.evaluate("(a) => window.ipsFidelity.score(a)", ANSWERS)
    with page.expect_download() as info:
        page.click("[data-action=export-csv]")
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


@pytest.mark.parametrize("action", ["import-continue", "import-compare"])
def test_bad_import_files_leave_the_draft_alone(
    page: Page, assessment_url: str, tmp_path: Path, action: str
) -> None:
    open_assessment(page, assessment_url)
    settle(page, lambda: fill(page, ANSWERS))
    before, shown = form_state(page), results(page)
    for name, content, message in BAD_FILES:
        choose_file(page, tmp_path, name, content)
        page.click(f"[data-action={action}]")
        text = wait_until(
            page,
            "(name) => { const box = document.getElementById('ipsa-import-error'); "
            "return !box.hidden && box.textContent.includes(name) && box.textContent; }",
            arg=name,
        )
        assert message in text, (name, text)
        assert draft(page) == ANSWERS
        assert form_state(page) == before
        assert results(page) == shown
        assert page.is_hidden("#ipsa-compare")


def test_compare_shows_item_and_total_changes(
    page: Page, assessment_url: str, tmp_path: Path
) -> None:
    open_assessment(page, assessment_url)
    settle(page, lambda: fill(page, ANSWERS))
    saved = export_json(page, tmp_path)
    settle(page, lambda: page.check("#score-vocational-unit-5"))
    settle(page, lambda: page.check("#score-dwp-collaboration-2"))
    current = draft(page)
    choose_file(page, tmp_path, "earlier.json", json.dumps(saved))
    page.click("[data-action=import-compare]")
    page.wait_for_selector("#ipsa-compare:not([hidden])")
    assert page.evaluate("document.activeElement.id") == "ipsa-compare"
    rows = dict(
        page.evaluate(
            "[...document.querySelectorAll('#ipsa-compare-table tbody tr')]"
            ".map(r => [r.dataset.item, [...r.cells].slice(1).map(c => c.textContent)])"
        )
    )
    assert rows["vocational-unit"] == ["4", "5", "+1"]
    assert rows["dwp-collaboration"] == ["Not answered", "2", "-"]
    assert rows["zero-exclusion"] == ["5", "5", "0"]
    total = page.evaluate(
        "[...document.querySelectorAll('#ipsa-compare-table tfoot td')].map(c => c.textContent)"
    )
    old_total = page.evaluate("(a) => window.ipsFidelity.score(a).then(r => r.total)", saved)
    new_total = page.evaluate("(a) => window.ipsFidelity.score(a).then(r => r.total)", current)
    assert total == [str(old_total), str(new_total), f"+{new_total - old_total}"]
    assert "1 item went up" in page.inner_text("#ipsa-compare-summary")
    # Comparing never changes the current answers.
    assert draft(page) == current


def test_answers_given_before_the_script_runs_join_the_saved_draft(
    page: Page, assessment_url: str
) -> None:
    """The form works from first paint: a rating chosen while the page's script is still on its
    way is kept, and the saved draft is restored around it rather than lost or ignored."""
    open_assessment(page, assessment_url)
    settle(page, lambda: fill(page, ANSWERS))
    held: list[Any] = []
    page.route("**/assets/assessment/app.js*", lambda route: held.append(route))
    page.goto(assessment_url, wait_until="domcontentloaded")
    page.check("#score-follow-along-support-4")  # an item the draft does not answer
    page.check("#score-vocational-unit-2")  # and one it does: the newer answer wins
    wait_until(page, "(n) => n > 0", arg=len(held))
    held[0].continue_()
    wait_until(page, "Number(document.getElementById('ipsa').dataset.renders) >= 1")
    expected = json.loads(json.dumps(ANSWERS))
    expected["items"]["follow-along-support"] = {"score": 4}
    expected["items"]["vocational-unit"]["score"] = 2
    assert page.input_value("#ev-caseload-size-active_clients") == "50"
    assert page.input_value("#ipsa-service") == ANSWERS["service"]
    settle(page, lambda: page.fill("#note-zero-exclusion", "Checked at team meeting."))
    expected["items"]["zero-exclusion"]["note"] = "Checked at team meeting."
    assert draft(page) == expected


def test_a_draft_with_problems_is_saved_as_a_file_the_scorer_accepts(
    page: Page, assessment_url: str, tmp_path: Path
) -> None:
    """Figures with a problem never stop "Save as a file": the file is one the scorer (and the
    command line) accepts, it keeps those figures, and opening it puts them back."""
    open_assessment(page, assessment_url)
    settle(page, lambda: fill(page, ANSWERS))
    settle(page, lambda: page.fill("#ev-employment-services-staff-count", "12"))  # 12 of 10
    assert page.is_visible("#ev-employment-services-staff-count[aria-invalid=true]")
    saved = export_json(page, tmp_path)
    assert "evidence" not in saved["items"]["employment-services-staff"]
    assert "errors" not in page.evaluate("(a) => window.ipsFidelity.score(a)", saved)
    wait_until(page, "document.getElementById('ipsa-tools-status').textContent.includes('item 2')")
    assert "Not counted yet: item 2" in page.inner_text("#ipsa-tools-status")
    assert draft(page)["items"]["employment-services-staff"]["evidence"]["count"] == 12
    # Opening the file restores the unfinished figures, not as part of the note.
    settle(page, lambda: page.fill("#ev-employment-services-staff-count", "3"))
    choose_file(page, tmp_path, "saved.json", json.dumps(saved))
    page.click("[data-action=import-continue]")
    confirm_dialog(page, accept=True)
    wait_until(page, "document.getElementById('ev-employment-services-staff-count').value === '12'")
    assert page.input_value("#note-employment-services-staff") == ""
    assert page.input_value("#note-vocational-unit") == ANSWERS["items"]["vocational-unit"]["note"]


def test_a_problem_with_the_assessment_date_is_shown_beside_it(
    page: Page, assessment_url: str
) -> None:
    """A date input allows years the scorer cannot take (it stops at 9999): say so, by the date."""
    open_assessment(page, assessment_url)
    # Chromium's date field takes years up to 275760; set it as its picker would.
    settle(
        page,
        lambda: page.eval_on_selector(
            "#ipsa-date",
            "(el) => { el.value = '275760-01-01';"
            " el.dispatchEvent(new Event('input', {bubbles: true})); }",
        ),
    )
    message = page.inner_text("#ipsa-about-error")
    assert message.startswith("Date of the assessment:"), message
    assert page.get_attribute("#ipsa-date", "aria-invalid") == "true"
    settle(page, lambda: page.fill("#ipsa-date", "2026-11-23"))
    assert page.is_hidden("#ipsa-about-error")
    assert page.get_attribute("#ipsa-date", "aria-invalid") is None
