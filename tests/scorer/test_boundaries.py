"""Every cut-off of every evidence measure in the contract (site_src/developers.md), checked on both sides.

The tables are plain data (item id, evidence, expected score) so that the Pyodide parity
test can replay exactly the same cases in the browser runtime.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from scorer import api
from scorer.scale_files import load_scale_data

ROOT = Path(__file__).resolve().parents[2]

Case = tuple[str, dict[str, Any], int]


def _component_ids() -> dict[str, list[str]]:
    """Component ids as the scale files list them (the content decides, not this test)."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "scale" / "items").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        measure = data.get("measure") or {}
        if measure.get("type") == "components":
            found[data["id"]] = [c["id"] for c in measure["components"]]
    return found


COMPONENTS = _component_ids()


def ratio(clients: float, fte: float, expected: int) -> Case:
    return ("caseload-size", {"active_clients": clients, "specialists_fte": fte}, expected)


RATIO: list[Case] = [
    ratio(0, 1, 5),
    ratio(0, 0.5, 5),
    ratio(20, 1, 5),
    ratio(20.01, 1, 4),
    ratio(72, 4, 5),
    ratio(25, 1, 4),
    ratio(100, 4, 4),
    ratio(25.5, 1, 3),
    ratio(101, 4, 3),
    ratio(30, 1, 3),
    ratio(30.01, 1, 2),
    ratio(40, 1, 2),
    ratio(80, 2, 2),
    ratio(40.1, 1, 1),
    ratio(81, 2, 1),
    ratio(1000, 1, 1),
    ratio(10, 0.5, 5),
    ratio(10.5, 0.5, 4),
    # Exact arithmetic: the binary value of 0.3 is a hair below 0.3, which would tip 20 over.
    ratio(6, 0.3, 5),
    # 57.5 / 2.3 and 21 / 0.7 come out just above 25 and 30 in floating point.
    ratio(57.5, 2.3, 4),
    ratio(21, 0.7, 3),
    ratio(1, 0.05, 5),
]


def pct(item: str, percent: float, expected: int, **extra: Any) -> Case:
    return (item, {"percent": percent, **extra}, expected)


def frac(item: str, count: float, total: float, expected: int, **extra: Any) -> Case:
    return (item, {"count": count, "total": total, **extra}, expected)


STAFF = "employment-services-staff"
PERCENT_ITEM_2: list[Case] = [
    pct(STAFF, 100, 5),
    pct(STAFF, 96, 5),
    pct(STAFF, 95.99, 4),
    pct(STAFF, 95.5, 4),
    pct(STAFF, 90, 4),
    pct(STAFF, 89.99, 3),
    pct(STAFF, 75, 3),
    pct(STAFF, 74.9, 2),
    pct(STAFF, 60, 2),
    pct(STAFF, 59.9, 1),
    pct(STAFF, 0, 1),
    frac(STAFF, 24, 25, 5),
    frac(STAFF, 48, 50, 5),
    frac(STAFF, 29, 30, 5),
    frac(STAFF, 19, 20, 4),
    frac(STAFF, 143, 149, 4),
    frac(STAFF, 9, 10, 4),
    frac(STAFF, 3, 4, 3),
    frac(STAFF, 3, 5, 2),
    frac(STAFF, 59, 100, 1),
    frac(STAFF, 0, 5, 1),
    frac(STAFF, 5, 5, 5),
    # 18.9 / 21 x 100 is 89.99999999999999 in floating point; exactly it is 90.
    frac(STAFF, 18.9, 21, 4),
]

JOB_SEARCH = "individualised-job-search"
PERCENT_ITEM_16: list[Case] = [
    pct(JOB_SEARCH, 100, 5),
    pct(JOB_SEARCH, 90, 5),
    pct(JOB_SEARCH, 89.99, 4),
    pct(JOB_SEARCH, 75, 4),
    pct(JOB_SEARCH, 74.99, 3),
    pct(JOB_SEARCH, 50, 3),
    pct(JOB_SEARCH, 49.99, 2),
    pct(JOB_SEARCH, 25, 2),
    pct(JOB_SEARCH, 24.99, 1),
    pct(JOB_SEARCH, 0, 1),
    frac(JOB_SEARCH, 9, 10, 5),
    frac(JOB_SEARCH, 3, 4, 4),
    frac(JOB_SEARCH, 1, 2, 3),
    frac(JOB_SEARCH, 1, 4, 2),
    frac(JOB_SEARCH, 24, 100, 1),
]

PERCENT_ITEMS_19_20: list[Case] = [
    case
    for item in ("job-type-diversity", "employer-diversity")
    for case in [
        pct(item, 100, 5),
        pct(item, 85, 5),
        pct(item, 84.99, 4),
        pct(item, 70, 4),
        pct(item, 69.99, 3),
        pct(item, 60, 3),
        pct(item, 59.99, 2),
        pct(item, 50, 2),
        pct(item, 49.99, 1),
        pct(item, 0, 1),
        frac(item, 17, 20, 5),
        frac(item, 7, 10, 4),
        frac(item, 3, 5, 3),
        frac(item, 1, 2, 2),
        frac(item, 49, 100, 1),
    ]
]

JOBS = "competitive-jobs"
PERCENT_ITEM_21: list[Case] = [
    pct(JOBS, 100, 1, current_jobs=9),
    pct(JOBS, 100, 1, current_jobs=0),
    pct(JOBS, 100, 5, current_jobs=10),
    pct(JOBS, 95, 5, current_jobs=10),
    pct(JOBS, 94.99, 4, current_jobs=10),
    pct(JOBS, 85, 4, current_jobs=40),
    pct(JOBS, 84.9, 3, current_jobs=40),
    pct(JOBS, 75, 3, current_jobs=40),
    pct(JOBS, 74.9, 2, current_jobs=40),
    pct(JOBS, 65, 2, current_jobs=40),
    pct(JOBS, 64.99, 1, current_jobs=40),
    pct(JOBS, 64.5, 1, current_jobs=40),
    pct(JOBS, 0, 1, current_jobs=40),
    frac(JOBS, 19, 20, 5, current_jobs=19),
    frac(JOBS, 17, 20, 4, current_jobs=17),
    frac(JOBS, 13, 20, 2, current_jobs=13),
    frac(JOBS, 9, 9, 1, current_jobs=9),
    # 16.9 / 26 x 100 is 64.99999999999999 in floating point; exactly it is 65.
    frac(JOBS, 16.9, 26, 2, current_jobs=16),
]

PHASES: list[Case] = [
    ("vocational-generalists", {"phases": 6}, 5),
    ("vocational-generalists", {"phases": 5}, 4),
    ("vocational-generalists", {"phases": 4}, 3),
    ("vocational-generalists", {"phases": 3}, 3),
    ("vocational-generalists", {"phases": 2}, 3),
    ("vocational-generalists", {"phases": 1}, 3),
]


def team(
    expected: int,
    percent: float = 100,
    teams: int = 1,
    separate: bool = False,
    organised: bool | None = True,
) -> Case:
    evidence: dict[str, Any] = {
        "separate_programme": separate,
        "teams": teams,
        "caseload_from_teams_percent": percent,
    }
    if organised is not None:
        evidence["organised_in_teams"] = organised
    return ("integration-team-assignment", evidence, expected)


TEAM_ASSIGNMENT: list[Case] = [
    team(1, separate=True),
    team(1, separate=True, organised=False, teams=5, percent=10),
    team(5),
    team(5, organised=None),
    team(5, teams=2),
    team(2, teams=3),
    team(2, teams=10),
    team(2, organised=False),
    team(2, organised=False, teams=1, percent=100),
    team(2, percent=49.9),
    team(2, percent=0),
    team(3, percent=50),
    team(3, percent=74.9),
    team(4, percent=75),
    team(4, percent=89.9),
    team(5, percent=90),
    team(4, teams=2, percent=80),
]


def _component_cases() -> list[Case]:
    cases: list[Case] = []
    by_count = {5: [1, 1, 2, 3, 4, 5], 4: [1, 2, 3, 4, 5], 6: [1, 1, 1, 2, 3, 4, 5]}
    for item, ids in COMPONENTS.items():
        scores = by_count[len(ids)]
        for n, expected in enumerate(scores):
            cases.append((item, {"present": ids[:n]}, expected))
            cases.append((item, {"present": list(reversed(ids))[:n]}, expected))
            cases.append((item, {"count": n}, expected))
        # A repeated id counts once.
        cases.append((item, {"present": [ids[0]] * 3}, scores[1]))
        cases.append((item, {"present": [ids[0], ids[1], ids[1], ids[0]]}, scores[2]))
        cases.append((item, {"present": ids + ids}, scores[len(ids)]))
    return cases


COMPONENT_CASES = _component_cases()


def days(expected: int, tracks: bool | None = None, **evidence: Any) -> Case:
    if tracks is not None:
        evidence["tracks_employer_contacts"] = tracks
    return ("rapid-job-search", evidence, expected)


DAYS: list[Case] = [
    days(5, tracks=True, average_days=0),
    days(5, tracks=True, average_days=30),
    days(4, tracks=False, average_days=30),
    days(4, average_days=30),
    days(4, average_days=0),
    days(4, tracks=True, average_days=30.01),
    days(4, tracks=True, average_days=31),
    days(4, tracks=True, average_days=60),
    days(4, average_days=60),
    days(3, tracks=True, average_days=60.5),
    days(3, average_days=61),
    days(3, average_days=150),
    days(2, average_days=151),
    days(2, average_days=270),
    days(1, average_days=270.01),
    days(1, average_days=271),
    days(1, tracks=True, average_days=1000),
    days(5, tracks=True, days=[29, 31]),
    days(4, tracks=False, days=[29, 31]),
    days(4, tracks=True, days=[29, 32]),
    days(5, tracks=True, days=[30]),
    days(5, tracks=True, days=[0, 0, 90]),
    days(3, days=[60, 61]),
    days(3, days=[100, 200]),
    days(2, days=[150, 152]),
    days(2, days=[270, 270, 270]),
    days(1, days=[271, 271, 270]),
    # Decimal days whose floating-point mean lands just above a cut-off, or whose binary
    # values add up to a hair more than the exact sum.
    days(5, tracks=True, days=[34.2, 48.1, 7.7]),
    days(5, tracks=True, days=[15.3, 44.7]),
    days(4, days=[62.2, 67.4, 50.4]),
    days(4, days=[114.0, 57.7, 8.3]),
    days(3, days=[67.0, 194.6, 118.5, 172.8, 197.1]),
    days(3, days=[197.9, 127.9, 124.2]),
    days(2, days=[41.4, 297.1, 305.6, 514.2, 191.7]),
    days(2, days=[481.0, 304.8, 24.2]),
]


def contacts(tracking: str, expected: int, *specialists: tuple[float, int | None]) -> Case:
    people = []
    for per_week, looking in specialists:
        person: dict[str, Any] = {"contacts_per_week": per_week}
        if looking is not None:
            person["looking_for_work"] = looking
        people.append(person)
    return ("employer-contact-frequency", {"specialists": people, "tracking": tracking}, expected)


CONTACTS: list[Case] = [
    # One specialist, weekly review (no cap): the plain bands.
    contacts("weekly", 5, (10, None)),
    contacts("weekly", 5, (6, None)),
    contacts("weekly", 4, (5.99, None)),
    contacts("weekly", 4, (5, None)),
    contacts("weekly", 3, (4.99, None)),
    contacts("weekly", 3, (4, None)),
    contacts("weekly", 2, (3, None)),
    contacts("weekly", 2, (2, None)),
    contacts("weekly", 1, (1.9, None)),
    contacts("weekly", 1, (0, None)),
    # Small caseload: fewer than 3 looking for work and contacts >= 2 x looking.
    contacts("weekly", 5, (4, 2)),
    contacts("weekly", 2, (3, 2)),
    contacts("weekly", 5, (2, 1)),
    contacts("weekly", 1, (1.9, 1)),
    contacts("weekly", 5, (6, 3)),
    contacts("weekly", 4, (5, 3)),
    contacts("weekly", 3, (4, 3)),
    contacts("weekly", 4, (5, 10)),
    # Caps: none -> at most 2, monthly -> at most 3; a cap never raises a score.
    contacts("none", 2, (6, None)),
    contacts("none", 2, (4, 2)),
    contacts("none", 2, (2, None)),
    contacts("none", 1, (1, None)),
    contacts("monthly", 3, (6, None)),
    contacts("monthly", 3, (5, None)),
    contacts("monthly", 3, (4, None)),
    contacts("monthly", 3, (4, 2)),
    contacts("monthly", 2, (3, None)),
    contacts("monthly", 1, (1, None)),
    # Several specialists: the mean, rounded half up to the closest scale point.
    contacts("weekly", 4, (6, None), (2, None)),  # 3.5
    contacts("weekly", 5, (6, None), (5, None)),  # 4.5
    contacts("weekly", 4, (5, None), (4, None)),  # 3.5
    contacts("weekly", 3, (4, None), (2, None)),  # 2.5
    contacts("weekly", 2, (1, None), (2, None)),  # 1.5
    contacts("weekly", 4, (6, None), (4, None), (4, None)),  # 3.67
    contacts("weekly", 3, (2, None), (4, None), (4, None)),  # 2.67
    contacts("weekly", 2, (6, None), (1, None), (1, None)),  # 2.33
    contacts("weekly", 4, (4, 2), (4, None)),  # 5 and 3
    # Caps apply to each specialist before the mean.
    contacts("monthly", 3, (6, None), (5, None)),  # 3 and 3
    contacts("monthly", 2, (6, None), (1, None)),  # 3 and 1
    contacts("none", 2, (6, None), (1, None)),  # 2 and 1 -> 1.5
    contacts("none", 1, (1, None), (1, None), (6, None)),  # 1.33
]


def quality(expected: int, *ratings: int) -> Case:
    return ("employer-contact-quality", {"specialists": list(ratings)}, expected)


QUALITY: list[Case] = [
    quality(1, 1),
    quality(3, 3),
    quality(5, 5),
    quality(3, 2, 3),  # 2.5
    quality(4, 3, 4),  # 3.5
    quality(3, 2, 3, 3),  # 2.67
    quality(5, 4, 5),  # 4.5
    quality(2, 1, 2),  # 1.5
    quality(3, 1, 5),
    quality(3, 3, 3, 4),  # 3.33
    quality(4, 4, 4, 5),  # 4.33
    quality(5, 4, 5, 5),  # 4.67
    quality(4, 3, 4, 4, 4),  # 3.75
    quality(1, 1, 1, 1, 2),  # 1.25
    quality(3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4),  # 3.05
]


def community(expected: int, *percents: float) -> Case:
    people = [{"percent": p} for p in percents]
    return ("community-based-services", {"specialists": people}, expected)


COMMUNITY: list[Case] = [
    community(5, 100),
    community(5, 65),
    community(4, 64.9),
    community(4, 50),
    community(3, 49.9),
    community(3, 40),
    community(2, 39.9),
    community(2, 30.01),
    community(1, 30),
    community(1, 0),
    community(4, 65, 49),  # 5 and 3
    community(4, 65, 39),  # 5 and 2 -> 3.5
    community(2, 30, 40),  # 1 and 3
    community(2, 30, 31),  # 1 and 2 -> 1.5
    community(4, 65, 65, 30),  # 11/3
    community(3, 50, 50, 30),  # 9/3
    community(4, 64, 50, 40),  # 11/3
    community(3, 65, 30),  # 5 and 1 -> 3
]

ALL_CASES: list[Case] = [
    *RATIO,
    *PERCENT_ITEM_2,
    *PERCENT_ITEM_16,
    *PERCENT_ITEMS_19_20,
    *PERCENT_ITEM_21,
    *PHASES,
    *TEAM_ASSIGNMENT,
    *COMPONENT_CASES,
    *DAYS,
    *CONTACTS,
    *QUALITY,
    *COMMUNITY,
]


def _case_id(case: Case) -> str:
    item, evidence, expected = case
    return f"{item}:{json.dumps(evidence, separators=(',', ':'))}->{expected}"


@pytest.mark.parametrize("case", ALL_CASES, ids=[_case_id(c) for c in ALL_CASES])
def test_evidence_scores_per_spec(case: Case, item_score: Callable[..., Any]) -> None:
    item, evidence, expected = case
    assert item_score(item, evidence) == expected


@pytest.mark.parametrize("case", ALL_CASES, ids=[_case_id(c) for c in ALL_CASES])
def test_the_item_number_addresses_the_same_item(
    case: Case, run: Callable[[dict[str, Any]], dict[str, Any]], item_ids: list[str]
) -> None:
    item, evidence, expected = case
    number = item_ids.index(item) + 1
    result = run({"items": {str(number): {"evidence": evidence}}})
    assert result["items"][number - 1]["id"] == item
    assert result["items"][number - 1]["score"] == expected


@pytest.fixture(scope="module")
def configured_api() -> None:
    api.configure(json.dumps(load_scale_data(ROOT / "scale")))


@pytest.mark.parametrize("case", ALL_CASES, ids=[_case_id(c) for c in ALL_CASES])
def test_calculator_explanation_agrees(case: Case, configured_api: None) -> None:
    """The page's evidence calculators show the same score, with a reason."""
    item, evidence, expected = case
    answer = json.loads(api.explain_json(item, json.dumps(evidence)))
    assert answer["score"] == expected
    assert isinstance(answer["rule"], str) and answer["rule"].strip()


def test_every_measured_item_has_boundary_cases() -> None:
    covered = {item for item, _, _ in ALL_CASES}
    measured = set()
    for path in (ROOT / "scale" / "items").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("measure"):
            measured.add(data["id"])
    assert covered == measured


@pytest.mark.parametrize(
    ("item", "expected_count"),
    [
        ("integration-team-contact", 5),
        ("supervisor-role", 5),
        ("trust-employment-focus", 5),
        ("executive-support", 5),
        ("disclosure", 4),
        ("assertive-engagement", 6),
    ],
)
def test_component_items_have_the_spec_number_of_components(item: str, expected_count: int) -> None:
    assert len(COMPONENTS[item]) == expected_count
    assert len(set(COMPONENTS[item])) == expected_count
