"""A full self-assessment done with the keyboard alone, checked against the command line.

Every answer is given by key presses only (Tab, arrows, Space, Enter, typing): ratings for all
25 items, and figures in eight evidence calculators, including added specialist rows. Then the
page's total, band, next band, chart table, warnings and action plan must equal what
`python -m scorer score --json` prints for the same answers.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import draft, open_assessment, settle, tab_to
from playwright.sync_api import Locator, Page

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
# Keyboard steps per calculator: ("to", control) tabs forward to a control named as a person
# reads it (a label, or a role and name); ("key", name) presses a key; ("type", text) types.
# A control is ("label", text), ("radio" | "checkbox", name pattern), ("button", name) or
# ("row", n, label) for the label in specialist n's row. The evidence each should produce is
# beside it.
Control = tuple[str, ...]
EVIDENCE: dict[str, tuple[list[tuple[str, Any]], dict[str, Any]]] = {
    "caseload-size": (
        [
            ("to", ("label", "Active clients on the employment caseload")),
            ("type", "72"),
            ("to", ("label", "Employment specialists (FTE)")),
            ("type", "4"),
        ],
        {"active_clients": 72, "specialists_fte": 4},
    ),
    "employment-services-staff": (
        [
            ("to", ("radio", "^As a percentage$")),
            ("key", "ArrowRight"),
            ("to", ("label", "How many meet the standard")),
            ("type", "19"),
            ("to", ("label", "Out of how many in all")),
            ("type", "20"),
        ],
        {"count": 19, "total": 20},
    ),
    "integration-team-assignment": (
        [
            ("to", ("label", "How many treatment teams each specialist is attached to")),
            ("type", "1"),
            (
                "to",
                ("label", "Percentage of the caseload that comes from those teams (0 to 100)"),
            ),
            ("type", "92"),
        ],
        {"teams": 1, "caseload_from_teams_percent": 92},
    ),
    "integration-team-contact": (
        [
            ("to", ("checkbox", "^The employment specialist goes to")),
            ("key", "Space"),
            ("to", ("checkbox", "^The employment specialist takes an active part")),
            ("key", "Space"),
            ("to", ("checkbox", "^Employment services documentation")),
            ("key", "Space"),
            ("to", ("checkbox", "^The employment specialist helps the team consider")),
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
            ("to", ("radio", "^As an average$")),
            ("key", "ArrowRight"),
            (
                "to",
                (
                    "label",
                    "Days from entering the service to the first face-to-face contact with an employer, for each person",
                ),
            ),
            ("type", "10, 20, 40"),
            ("to", ("label", "The service keeps a record of each person's employer contacts")),
            ("key", "Space"),
        ],
        {"days": [10, 20, 40], "tracks_employer_contacts": True},
    ),
    "employer-contact-frequency": (
        [
            ("to", ("row", "1", "Average face-to-face employer contacts a week")),
            ("type", "6"),
            ("to", ("button", "Add a specialist")),
            ("key", "Enter"),
            ("type", "4"),
            ("to", ("label", "How employer contacts are tracked")),
            ("key", "ArrowDown"),
            ("key", "ArrowDown"),
            ("key", "ArrowDown"),
        ],
        {"specialists": [{"contacts_per_week": 6}, {"contacts_per_week": 4}], "tracking": "weekly"},
    ),
    "employer-contact-quality": (
        [
            ("to", ("row", "1", "Rating for this specialist's employer contacts (1 to 5)")),
            ("key", "ArrowDown"),
            ("key", "ArrowDown"),
            ("key", "ArrowDown"),
            ("to", ("button", "Add a specialist")),
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
            (
                "to",
                (
                    "row",
                    "1",
                    "Percentage of scheduled work hours spent in the community (0 to 100)",
                ),
            ),
            ("type", "70"),
            ("to", ("button", "Add a specialist")),
            ("key", "Enter"),
            ("type", "45"),
        ],
        {"specialists": [{"percent": 70}, {"percent": 45}]},
    ),
}


def region(page: Page, number: int) -> Locator:
    return page.get_by_role("region", name=re.compile(rf"^Item {number}:"))


def find(item: Locator, control: Control) -> Locator:
    kind = control[0]
    if kind == "label":
        return item.get_by_label(control[1], exact=True)
    if kind in ("radio", "checkbox"):
        return item.get_by_role(kind, name=re.compile(control[1]))  # type: ignore[arg-type]
    if kind == "button":
        return item.get_by_role("button", name=control[1])
    row = item.get_by_role("group", name=f"Specialist {control[1]}", exact=True)
    return row.get_by_label(control[2], exact=True)


def answer_by_keyboard(page: Page, item: str, number: int) -> None:
    section = region(page, number)
    rating = RATINGS.get(item)
    if rating is not None:
        group = section.get_by_role("group", name=f"Your rating for item {number}")
        tab_to(group.get_by_role("radio", name="Not rated yet"))
        for _ in range(rating):
            page.keyboard.press("ArrowDown")
        assert group.get_by_role("radio", name=re.compile(f"^{rating} ")).is_checked()
    if item in EVIDENCE:
        tab_to(section.get_by_text(f"Work out item {number} from your figures"))
        page.keyboard.press("Enter")
        for step, value in EVIDENCE[item][0]:
            if step == "to":
                tab_to(find(section, value))
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


def results_row(page: Page, number: int) -> list[str]:
    """An item's row of the results table: its heading cell, score and source, as read."""
    table = page.get_by_role("table", name="Item scores by principle")
    row = table.get_by_role("row", name=re.compile(rf"^{number}\. "))
    return [cell.inner_text() for cell in row.get_by_role("cell").all()]


def test_full_assessment_by_keyboard_matches_cli(
    page: Page, assessment_url: str, root: Path, tmp_path: Path
) -> None:
    open_assessment(page, assessment_url)
    regions = page.get_by_role("region", name=re.compile(r"^Item \d+:"))
    assert regions.count() == 25
    # The item ids, as the addresses of the list's links give them (#caseload-size, ...).
    links = page.get_by_role("navigation", name="The 25 items").get_by_role("link")
    order = [str(link.get_attribute("href")).lstrip("#") for link in links.all()]
    assert set(RATINGS) | set(EVIDENCE) == set(order)

    page.evaluate("document.activeElement.blur()")
    settle(
        page,
        lambda: [answer_by_keyboard(page, item, n) for n, item in enumerate(order, start=1)],
    )

    expected = expected_assessment()
    assert draft(page) == expected
    result = cli_result(root, expected, tmp_path)
    assert result["complete"]

    results = page.get_by_role("region", name="Your results")
    figures = dict(
        zip(
            results.get_by_role("term").all_inner_texts(),
            results.get_by_role("definition").all_inner_texts(),
            strict=True,
        )
    )
    assert figures["Total"] == f"{result['total']} out of {result['max_total']}"
    assert figures["Items answered"] == "25 of 25"
    assert figures["Fidelity band"] == result["band"]["label"]
    if result["to_next_band"]:
        assert figures["To the next band"].startswith(
            f"{result['to_next_band']['points']} more points"
        )
    for row in result["items"]:
        assert results_row(page, row["number"])[:1] == [str(row["score"])], row["id"]
    # The chart's bars are drawn from data-score (never read aloud: the table says the same).
    chart = page.evaluate(
        "[...document.querySelectorAll('#ipsa-chart .ipsa-chart__bar')].map(b => b.dataset.score)"
    )
    assert sorted(chart) == sorted(str(row["score"]) for row in result["items"])
    plan = page.get_by_role("list", name="Your action plan").get_by_role("listitem")
    assert plan.count() == len(result["action_plan"]) > 0
    for text, step in zip(plan.all_inner_texts(), result["action_plan"], strict=True):
        assert f"Item {step['number']}:" in text
        assert step["next_anchor"] in text
    # Each rating that differs from its item's figures is named, in the page's words.
    differ = [row for row in result["items"] if row["warnings"]]
    # The heading's parent element (XPath): the block holding the warnings has no role.
    warnings = page.get_by_role("heading", name="Check these answers").locator("xpath=..")
    shown = warnings.get_by_role("listitem").all_inner_texts()
    assert len(shown) == len(differ) > 0
    for text, row in zip(shown, differ, strict=True):
        own = expected["items"][row["id"]]["score"]
        assert text == (
            f"Item {row['number']}: {row['title']}. Your figures give {row['score']}, not the "
            f"{own} you chose. To choose a level yourself, clear the figures."
        )
    summary = page.get_by_role("region", name="Your score so far").inner_text()
    assert f"Total {result['total']} out of {result['max_total']}" in summary
    assert result["band"]["label"] in summary

    # Each calculator shows the rating its figures give, and the rule, from the scorer; the
    # item's rating shows the same level, marked as from the figures.
    for row in result["items"]:
        if row["source"] == "evidence":
            item = region(page, row["number"])
            assert item.get_by_text(f"Your figures give a rating of {row['score']}.").is_visible()
            assert item.get_by_text(re.compile("^How: ")).is_visible()
            chosen = item.get_by_role(
                "radio", name=re.compile(f"^{row['score']} .*from your figures")
            )
            assert chosen.is_checked()


def test_field_errors_from_the_scorer_show_beside_the_field(
    page: Page, assessment_url: str
) -> None:
    open_assessment(page, assessment_url)
    item = region(page, 1)
    item.get_by_text("Work out item 1 from your figures").click()
    staff = item.get_by_label("Employment specialists (FTE)")
    settle(page, lambda: item.get_by_label("Active clients on the employment caseload").fill("72"))
    # Calm: nothing is said while the person is still filling in the calculator...
    assert item.get_by_text("Enter the specialists'").count() == 0
    # ...and once they leave it, the message says what to do, with an example.
    settle(page, lambda: item.get_by_label("Your notes on item 1 (optional)").focus())
    message = item.get_by_text(
        "Enter the specialists' time as a number of full-time posts, like 2.5", exact=True
    )
    assert message.is_visible()
    settle(page, lambda: staff.fill("0"))
    assert item.get_by_text("Employment specialists (FTE) must be more than 0").is_visible()
    assert staff.get_attribute("aria-invalid") == "true"
    # The message is read with the field (aria-describedby).
    described = staff.evaluate(
        "(e) => e.getAttribute('aria-describedby').split(' ')"
        ".map((id) => document.getElementById(id).textContent).join(' ')"
    )
    assert "must be more than 0" in described
    # The other answers still count while one item has a problem.
    settle(
        page,
        lambda: region(page, 7).get_by_role("radio", name=re.compile("^3 ")).check(),
    )
    results = page.get_by_role("region", name="Your results")
    assert results.get_by_text("3 out of 125").is_visible()
    summary = page.get_by_role("region", name="Your score so far")
    assert "Not counted until fixed: item 1" in summary.inner_text()
    settle(page, lambda: staff.fill("4"))
    assert item.get_by_text("must be more than 0").count() == 0
    assert staff.get_attribute("aria-invalid") is None
    assert results.get_by_text("8 out of 125").is_visible()
    # A row error lands on that specialist's field.
    item24 = region(page, 24)
    item24.get_by_text("Work out item 24 from your figures").click()
    row = item24.get_by_role("group", name="Specialist 1", exact=True)
    settle(
        page,
        lambda: row.get_by_label(
            "Percentage of scheduled work hours spent in the community (0 to 100)"
        ).fill("120"),
    )
    assert row.get_by_text(
        "Percentage of scheduled work hours spent in the community must be from 0 to 100"
    ).is_visible()


# Answers before the scorer is ready: on a first visit, while Python loads from nothing.
@pytest.mark.first_visit
def test_answers_given_before_the_scorer_is_ready_are_scored(
    page: Page, assessment_url: str
) -> None:
    page.goto(assessment_url, wait_until="domcontentloaded")
    region(page, 7).get_by_role("radio", name=re.compile("^4 ")).check()
    assert page.evaluate("document.getElementById('ipsa').dataset.state") != "ready"
    region(page, 9).get_by_role("radio", name=re.compile("^2 ")).check()
    results = page.get_by_role("region", name="Your results")
    results.get_by_text("6 out of 125").wait_for()
    assert results.get_by_text("2 of 25").is_visible()
