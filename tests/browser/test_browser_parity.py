"""Pyodide parity: window.ipsFidelity answers exactly as CPython's scorer does.

The page's scorer is the same package, built into a wheel and run under Pyodide (Python 3.14)
with the scale from scale.json; here every case goes through window.ipsFidelity and through
scorer.result.score / scorer.centres.centre_status on CPython, and the answers must be equal.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from browser_cases import boundary_cases, example_cases, invalid_cases, random_cases
from browser_helpers import open_assessment
from history_cases import random_histories
from playwright.sync_api import Page

from scorer.centres import centre_status
from scorer.errors import AssessmentError, HistoryError
from scorer.result import score
from scorer.scale import Scale
from scorer.scale_files import default_scale

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def scale() -> Scale:
    return default_scale()


def cpython_score(assessment: Any, scale: Scale) -> dict[str, Any]:
    try:
        return score(assessment, scale)
    except AssessmentError as error:
        return {"errors": [problem.to_dict() for problem in error.problems]}


def cpython_status(history: Any, on: str) -> dict[str, Any]:
    try:
        return centre_status(history, datetime.date.fromisoformat(on))
    except HistoryError as error:
        return {"errors": [problem.to_dict() for problem in error.problems]}


def test_case_table_matches_cpython(
    page: Page, assessment_url: str, root: Path, scale: Scale
) -> None:
    cases = [
        *example_cases(root),
        *boundary_cases(),
        *invalid_cases(scale),
        *random_cases(scale),
    ]
    assert len(cases) > 200
    open_assessment(page, assessment_url)
    answers = page.evaluate(
        "(cases) => Promise.all(cases.map((c) => window.ipsFidelity.score(c)))",
        [assessment for _, assessment in cases],
    )
    mismatches = [
        name
        for (name, assessment), answer in zip(cases, answers, strict=True)
        if answer != cpython_score(assessment, scale)
    ]
    assert mismatches == []
    # The table exercises both outcomes, not only one.
    assert sum("errors" in a for a in answers) >= 25
    assert sum(a.get("complete", False) for a in answers) >= 10


STATUSES = {"never", "eligible", "centre", "grace", "lapsed"}


def test_centre_status_matches_cpython(page: Page, assessment_url: str) -> None:
    """Histories written by hand, then 400 seeded random ones, all in one call."""
    histories = [
        ({"reviews": [{"date": "2023-05-01", "score": 108}]}, "2026-05-01"),
        ({"reviews": [{"date": "2023-05-01", "score": 108}]}, "2026-05-02"),
        (
            {"reviews": [{"date": "2023-05-01", "score": 108, "invited": "2023-05-01"}]},
            "2026-05-01",
        ),
        (
            {"reviews": [{"date": "2023-05-01", "score": 108, "invited": "2023-05-01"}]},
            "2026-05-02",
        ),
        ({"reviews": [{"date": "2023-05-01", "score": 99, "invited": "2023-05-01"}]}, "2026-05-02"),
        ({"reviews": [{"date": "2024-02-29", "score": 100}]}, "2027-02-28"),
        ({"reviews": [{"date": "2024-02-29", "score": 100}]}, "2027-03-01"),
        (
            {
                "reviews": [
                    {"date": "2023-01-10", "score": 104},
                    {"date": "2025-11-30", "score": 95},
                ]
            },
            "2026-02-28",
        ),
        (
            {
                "reviews": [
                    {"date": "2023-01-10", "score": 104},
                    {"date": "2025-11-30", "score": 95},
                ]
            },
            "2026-03-01",
        ),
        (
            {
                "reviews": [
                    {"date": "2023-01-10", "score": 104},
                    {"date": "2025-11-30", "score": 95},
                    {"date": "2026-01-15", "score": 101},
                ]
            },
            "2026-06-01",
        ),
        ({"reviews": [{"date": "2024-06-01", "score": 112}], "merged": "2025-01-01"}, "2025-06-01"),
        ({"reviews": [{"date": "2024-06-01", "score": 112}], "closed": "2025-01-01"}, "2025-06-01"),
        ({"reviews": [{"date": "2024-06-01", "score": 90}]}, "2025-06-01"),
        ({"reviews": []}, "2025-06-01"),
        ({"reviews": [{"date": "2024-13-01", "score": 112}]}, "2025-06-01"),
        ({"reviews": [{"date": "2024-06-01", "score": 130}]}, "2025-06-01"),
        ({"reviews": "none"}, "2025-06-01"),
    ]
    by_hand = len(histories)
    histories += random_histories(seed=20261203, count=400)
    open_assessment(page, assessment_url)
    answers = page.evaluate(
        "(cases) => Promise.all(cases.map(([h, on]) => window.ipsFidelity.centreStatus(h, on)))",
        [list(case) for case in histories],
    )
    expected = [cpython_status(history, on) for history, on in histories]
    assert answers[:by_hand] == expected[:by_hand]
    mismatches = [
        (history, on, answer, wanted)
        for (history, on), answer, wanted in zip(histories, answers, expected, strict=True)
        if answer != wanted
    ]
    assert mismatches[:3] == [], f"{len(mismatches)} histories answered differently"
    # The random cases reach every status, refusals, a renewal window and a merger's advice.
    chance = answers[by_hand:]
    statuses = [answer.get("status") for answer in chance]
    assert {status: statuses.count(status) >= 5 for status in STATUSES} == dict.fromkeys(
        STATUSES, True
    )
    assert sum("errors" in answer for answer in chance) >= 15
    assert sum(bool(answer.get("renewal_due")) for answer in chance) >= 10
    assert any(answer.get("review_recommended") for answer in chance)
    # A Date object is read as that calendar day.
    as_date = page.evaluate(
        "() => window.ipsFidelity.centreStatus("
        "{reviews: [{date: '2023-05-01', score: 108}]}, new Date(2026, 4, 2))"
    )
    assert as_date == expected[1]


def test_input_json_cannot_hold_resolves_with_errors(page: Page, assessment_url: str) -> None:
    """score() and centreStatus() always return a Promise that resolves, whatever they are
    given: input JSON cannot hold gives {"errors": [...]} in plain words, never a rejection."""
    open_assessment(page, assessment_url)
    outcome = page.evaluate(
        """async () => {
          const loop = {}; loop.self = loop;
          const settled = [];
          for (const call of [() => ipsFidelity.score(loop), () => ipsFidelity.score({n: 1n}),
                              () => ipsFidelity.centreStatus(loop, "2026-11-23")]) {
            let returned;
            try { returned = call(); } catch (error) { settled.push("threw"); continue; }
            settled.push(await returned.then((r) => r.errors ? "errors" : "result", () => "rejected"));
          }
          return settled;
        }"""
    )
    assert outcome == ["errors", "errors", "errors"]
