"""A full self-assessment done with the keyboard alone, checked against the command line.

Every answer is given by key presses only (Tab, arrows, Space, Enter, typing): ratings for all
25 items, and figures in eight evidence calculators, including added specialist rows. Then the
page's total, band, next band, chart table, warnings and action plan must equal what
`python -m scorer score --json` prints for the same answers.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import draft, open_assessment, settle, wait_until
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

RATINGS = {
    "caseload-size": 4,
    "employment-services-staff": 4,
    "vocational-generalists": 5,
    "integration-team-assignment": 5,
    "integration-team-contact": 3,
    "dwp-collaboration": 3,
    "vocational-unit": 5,
    "supervisor-role": 4,
    "zero-exclusion": 5,
    "trust-employment-focus": 4,
    "executive-support": 5,
    "work-incentives-planning": 4,
    "disclosure": 5,
    "vocational-assessment": 4,
    "individualised-job-search": 5,
    "employer-contact-frequency": 4,
    "job-type-diversity": 5,
    "employer-diversity": 4,
    "competitive-jobs": 5,
    "follow-along-support": 2,
    "time-unlimited-support": 5,
    "assertive-engagement": 5,
}
# Keyboard steps per calculator: ("to", element id) tabs forward to it; ("key", name) presses a
# key; ("type", text) types. The evidence each should produce is beside it.
EVIDENCE: dict[str, tuple[list[tuple[str, str]], dict[str, Any]]] = {
    "caseload-size": (
        [
            ("to", "ev-caseload-size-active_clients"),
            ("type", "72"),
            ("to", "ev-caseload-size-specialists_fte"),
            ("type", "4"),
        ],
        {"active_clients": 72, "specialists_fte": 4},
    ),
    "employment-services-staff": (
        [
            ("to", "mode-employment-services-staff-percent"),
            ("key", "ArrowRight"),
            ("to", "ev-employment-services-staff-count"),
            ("type", "19"),
            ("to", "ev-employment-services-staff-total"),
            ("type", "20"),
        ],
        {"count": 19, "total": 20},
    ),
    "integration-team-assignment": (
        [
            ("to", "ev-integration-team-assignment-teams"),
            ("type", "1"),
            ("to", "ev-integration-team-assignment-caseload_from_teams_percent"),
            ("type", "92"),
        ],
        {"teams": 1, "caseload_from_teams_percent": 92},
    ),
    "integration-team-contact": (
        [
            ("to", "ev-integration-team-contact-weekly-team-meetings"),
            ("key", "Space"),
            ("to", "ev-integration-team-contact-shared-decision-making"),
            ("key", "Space"),
            ("to", "ev-integration-team-contact-integrated-record"),
            ("key", "Space"),
            ("to", "ev-integration-team-contact-team-thinks-about-employment"),
            ("key", "Space"),
        ],
        {
            "present": [
                "weekly-team-meetings",
                "shared-decision-making",
                "integrated-record",
                "team-thinks-about-employment",
            ]
        },
    ),
    "rapid-job-search": (
        [
            ("to", "mode-rapid-job-search-average_days"),
            ("key", "ArrowRight"),
            ("to", "ev-rapid-job-search-days"),
            ("type", "10, 20, 40"),
            ("to", "ev-rapid-job-search-tracks_employer_contacts"),
            ("key", "Space"),
        ],
        {"days": [10, 20, 40], "tracks_employer_contacts": True},
    ),
    "employer-contact-frequency": (
        [
            ("to", "ev-employer-contact-frequency-specialists-0-contacts_per_week"),
            ("type", "6"),
            ("to", "add-row"),
            ("key", "Enter"),
            ("type", "4"),
            ("to", "ev-employer-contact-frequency-tracking"),
            ("key", "ArrowDown"),
            ("key", "ArrowDown"),
            ("key", "ArrowDown"),
        ],
        {"specialists": [{"contacts_per_week": 6}, {"contacts_per_week": 4}], "tracking": "weekly"},
    ),
    "employer-contact-quality": (
        [
            ("to", "ev-employer-contact-quality-specialists-0-rating"),
            ("key", "ArrowDown"),
            ("key", "ArrowDown"),
            ("key", "ArrowDown"),
            ("to", "add-row"),
            ("key", "Enter"),
            ("key", "ArrowDown"),
            ("key", "ArrowDown"),
            ("key", "ArrowDown"),
            ("key", "ArrowDown"),
        ],
        {"specialists": [3, 4]},
    ),
    "community-based-services": (
        [
            ("to", "ev-community-based-services-specialists-0-percent"),
            ("type", "70"),
            ("to", "add-row"),
            ("key", "Enter"),
            ("type", "45"),
        ],
        {"specialists": [{"percent": 70}, {"percent": 45}]},
    ),
}

ACTIVE = "() => { const e = document.activeElement; return [e.id, e.dataset.action || ''] }"


def tab_to(page: Page, target: str, within: str, limit: int = 150) -> None:
    """Press Tab until the element with id `target` (or the `target` action button inside
    item `within`) has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        element_id, action = page.evaluate(ACTIVE)
        if element_id == target:
            return
        if action == target and page.evaluate(
            "(item) => document.activeElement.closest('section.ipsa-item')?.dataset.item === item",
            within,
        ):
            return
    raise AssertionError(f"Tab never reached {target} in item {within}")


def answer_by_keyboard(page: Page, item: str) -> None:
    rating = RATINGS.get(item)
    if rating is not None:
        tab_to(page, f"score-{item}-none", item)
        for _ in range(rating):
            page.keyboard.press("ArrowDown")
        assert page.evaluate(f"document.getElementById('score-{item}-{rating}').checked")
    if item in EVIDENCE:
        tab_to(page, f"calc-{item}-toggle", item)
        page.keyboard.press("Enter")
        for step, value in EVIDENCE[item][0]:
            if step == "to":
                tab_to(page, value, item)
            elif step == "key":
                page.keyboard.press(value)
            else:
                page.keyboard.type(value)


def expected_assessment() -> dict[str, Any]:
    items: dict[str, Any] = {}
    for item, rating in RATINGS.items():
        items[item] = {"score": rating}
    for item, (_, evidence) in EVIDENCE.items():
        items.setdefault(item, {})["evidence"] = evidence
    return {"format": "ips-fidelity-assessment", "version": 1, "items": items}


def cli_result(root: Path, assessment: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(assessment), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "scorer", "score", str(path), "--json"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_full_assessment_by_keyboard_matches_cli(
    page: Page, assessment_url: str, root: Path, tmp_path: Path
) -> None:
    open_assessment(page, assessment_url)
    order = page.evaluate(
        "[...document.querySelectorAll('section.ipsa-item')].map(s => s.dataset.item)"
    )
    assert len(order) == 25
    assert set(RATINGS) | set(EVIDENCE) == set(order)

    page.evaluate("document.activeElement.blur()")
    settle(page, lambda: [answer_by_keyboard(page, item) for item in order])

    expected = expected_assessment()
    assert draft(page) == expected
    result = cli_result(root, expected, tmp_path)
    assert result["complete"]

    assert page.inner_text("#ipsa-total") == f"{result['total']} out of {result['max_total']}"
    assert page.inner_text("#ipsa-answered") == "25 of 25"
    assert page.inner_text("#ipsa-band") == result["band"]["label"]
    next_band = page.inner_text("#ipsa-next")
    if result["to_next_band"]:
        assert next_band.startswith(f"{result['to_next_band']['points']} more points")
    table = page.evaluate(
        "[...document.querySelectorAll('#ipsa-table tr[data-item]')]"
        ".map(r => [r.dataset.item, r.querySelector('[data-cell=score]').textContent])"
    )
    assert dict(table) == {row["id"]: str(row["score"]) for row in result["items"]}
    chart = page.evaluate(
        "[...document.querySelectorAll('#ipsa-chart .ipsa-chart__bar')].map(b => b.dataset.score)"
    )
    assert sorted(chart) == sorted(str(row["score"]) for row in result["items"])
    plan = page.evaluate(
        "[...document.querySelectorAll('#ipsa-plan li')].map(li => li.textContent)"
    )
    assert len(plan) == len(result["action_plan"]) > 0
    for text, step in zip(plan, result["action_plan"], strict=True):
        assert f"Item {step['number']}:" in text
        assert step["next_anchor"] in text
    warnings = page.evaluate(
        "[...document.querySelectorAll('#ipsa-warnings li')].map(li => li.textContent)"
    )
    assert warnings == result["warnings"] and warnings
    summary = page.inner_text("#ipsa-summary-text")
    assert f"Total {result['total']} out of {result['max_total']}" in summary
    assert result["band"]["label"] in summary

    # Each calculator shows the rating its figures give, and the rule, from the scorer.
    for row in result["items"]:
        if row["source"] == "evidence":
            text = page.inner_text(f"#calc-{row['id']}-result")
            assert f"Your figures give a rating of {row['score']}." in text
            assert "How: " in text


def test_field_errors_from_the_scorer_show_beside_the_field(
    page: Page, assessment_url: str
) -> None:
    open_assessment(page, assessment_url)
    page.click("#calc-caseload-size-toggle")
    settle(page, lambda: page.fill("#ev-caseload-size-active_clients", "72"))
    error = page.locator("#ev-caseload-size-specialists_fte-error")
    # Calm: nothing is said while the person is still filling in the calculator...
    assert error.is_hidden()
    # ...and once they leave it, the message names the field by its label and says what to do.
    settle(page, lambda: page.focus("#note-caseload-size"))
    assert "Enter a figure for “Employment specialists (FTE)”" in error.inner_text()
    settle(page, lambda: page.fill("#ev-caseload-size-specialists_fte", "0"))
    assert "more than 0" in error.inner_text()
    assert page.get_attribute("#ev-caseload-size-specialists_fte", "aria-invalid") == "true"
    assert "ev-caseload-size-specialists_fte-error" in page.get_attribute(
        "#ev-caseload-size-specialists_fte", "aria-describedby"
    )
    # The other answers still count while one item has a problem.
    settle(page, lambda: page.check("#score-vocational-unit-3"))
    assert page.inner_text("#ipsa-total") == "3 out of 125"
    assert "Not counted until fixed: item 1" in page.inner_text("#ipsa-summary-text")
    settle(page, lambda: page.fill("#ev-caseload-size-specialists_fte", "4"))
    assert error.is_hidden()
    assert page.get_attribute("#ev-caseload-size-specialists_fte", "aria-invalid") is None
    assert page.inner_text("#ipsa-total") == "8 out of 125"
    # A row error lands on that specialist's field.
    page.click("#calc-community-based-services-toggle")
    settle(page, lambda: page.fill("#ev-community-based-services-specialists-0-percent", "120"))
    row_error = page.locator("[data-field='evidence.specialists[0].percent'] .ipsa-error")
    assert "from 0 to 100" in row_error.inner_text()


def test_answers_given_before_the_scorer_is_ready_are_scored(
    page: Page, assessment_url: str
) -> None:
    page.goto(assessment_url, wait_until="domcontentloaded")
    page.wait_for_selector("#score-vocational-unit-4")
    assert page.evaluate("document.getElementById('ipsa').dataset.state") != "ready"
    page.check("#score-vocational-unit-4")
    page.check("#score-zero-exclusion-2")
    wait_until(page, "document.getElementById('ipsa-total').textContent === '6 out of 125'")
    assert page.inner_text("#ipsa-answered") == "2 of 25"
