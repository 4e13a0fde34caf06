"""Assessments for the browser tests: the examples/ files plus generated ones.

The generated cases walk every measure's cut-offs from the contract (site_src/developers.md) (the values exactly on, just
above and just below each line), random complete and partial assessments, and invalid inputs
of every kind SPEC lists, so that Pyodide and CPython are compared where they could differ:
exact arithmetic, rounding half up, error messages and their fields.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from scorer.scale import Scale

Assessment = dict[str, Any]
FORMAT = {"format": "ips-fidelity-assessment", "version": 1}


def example_cases(root: Path) -> list[tuple[str, Any]]:
    """Every JSON file in examples/ that holds an assessment."""
    cases = []
    for path in sorted((root / "examples").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "items" in data:
            cases.append((f"examples/{path.name}", data))
    return cases


def _one(item: str, entry: dict[str, Any]) -> Assessment:
    return {**FORMAT, "items": {item: entry}}


def boundary_cases() -> list[tuple[str, Assessment]]:
    """One item at a time, on and around every cut-off of SPEC's evidence table."""
    cases: list[tuple[str, Assessment]] = []

    def add(name: str, item: str, evidence: Any, score: int | None = None) -> None:
        entry: dict[str, Any] = {"evidence": evidence}
        if score is not None:
            entry["score"] = score
        cases.append((name, _one(item, entry)))

    for clients, fte in [
        (80, 4),
        (81, 4),
        (100, 4),
        (101, 4),
        (120, 4),
        (121, 4),
        (160, 4),
        (161, 4),
        (0, 1),
        (41, 2.5),
        (72, 3.6),
        (10, 0.5),
    ]:
        add(
            f"ratio {clients}/{fte}",
            "caseload-size",
            {"active_clients": clients, "specialists_fte": fte},
        )
    for item, cuts in [
        ("employment-services-staff", [96, 95.5, 90, 89.9, 75, 74.5, 60, 59.99, 0, 100]),
        ("individualised-job-search", [90, 89.9, 75, 74.5, 50, 49.9, 25, 24.9]),
        ("job-type-diversity", [85, 84.9, 70, 69.5, 60, 59.5, 50, 49.9]),
        ("employer-diversity", [85, 84.9, 70, 60, 50, 49.99]),
    ]:
        for value in cuts:
            add(f"{item} {value}%", item, {"percent": value})
    for count, total in [(24, 25), (2, 3), (1, 3), (0, 7), (7, 7), (19, 20)]:
        add(f"staff {count}/{total}", "employment-services-staff", {"count": count, "total": total})
    for jobs, percent in [
        (9, 100),
        (10, 95),
        (10, 94.9),
        (12, 85),
        (30, 75),
        (30, 65),
        (30, 64.5),
        (0, 0),
    ]:
        add(
            f"competitive {jobs} jobs {percent}%",
            "competitive-jobs",
            {"percent": percent, "current_jobs": jobs},
        )
    add("competitive by count", "competitive-jobs", {"count": 19, "total": 20, "current_jobs": 20})
    for phases in range(1, 7):
        add(f"phases {phases}", "vocational-generalists", {"phases": phases})
    for evidence in [
        {"separate_programme": True},
        {"separate_programme": True, "teams": 1, "caseload_from_teams_percent": 100},
        {"organised_in_teams": False},
        {"teams": 3, "caseload_from_teams_percent": 100},
        {"teams": 2, "caseload_from_teams_percent": 49.9},
        {"teams": 2, "caseload_from_teams_percent": 50},
        {"teams": 1, "caseload_from_teams_percent": 74.5},
        {"teams": 1, "caseload_from_teams_percent": 75},
        {"teams": 1, "caseload_from_teams_percent": 89.9},
        {"teams": 2, "caseload_from_teams_percent": 90},
    ]:
        add(f"teams {json.dumps(evidence)}", "integration-team-assignment", evidence)
    for item, size in [
        ("integration-team-contact", 5),
        ("supervisor-role", 5),
        ("trust-employment-focus", 5),
        ("executive-support", 5),
        ("disclosure", 4),
        ("assertive-engagement", 6),
    ]:
        for count in range(size + 1):
            add(f"{item} count {count}", item, {"count": count})
    for days, tracked in [
        (30, True),
        (30, False),
        (30.5, True),
        (60, False),
        (60.5, False),
        (150, False),
        (150.5, False),
        (270, False),
        (270.5, False),
        (0, True),
    ]:
        add(
            f"days {days} tracked={tracked}",
            "rapid-job-search",
            {"average_days": days, "tracks_employer_contacts": tracked},
        )
    add("days list", "rapid-job-search", {"days": [10, 20, 61], "tracks_employer_contacts": True})
    add(
        "days list mean 30",
        "rapid-job-search",
        {"days": [29, 31], "tracks_employer_contacts": True},
    )
    for specialists, tracking in [
        ([{"contacts_per_week": 6}], "weekly"),
        ([{"contacts_per_week": 6}], "monthly"),
        ([{"contacts_per_week": 6}], "none"),
        ([{"contacts_per_week": 3}, {"contacts_per_week": 5}], "weekly"),
        ([{"contacts_per_week": 4, "looking_for_work": 2}], "weekly"),
        ([{"contacts_per_week": 3, "looking_for_work": 2}], "weekly"),
        (
            [{"contacts_per_week": 1.5}, {"contacts_per_week": 2}, {"contacts_per_week": 6}],
            "weekly",
        ),
        ([{"contacts_per_week": 2, "looking_for_work": 1}, {"contacts_per_week": 0}], "monthly"),
    ]:
        add(
            f"contacts {json.dumps(specialists)} {tracking}",
            "employer-contact-frequency",
            {"specialists": specialists, "tracking": tracking},
        )
    for ratings in [[2, 3, 3], [3, 4], [1], [5, 5, 4, 4], [2, 3], [1, 2, 2, 5]]:
        add(f"ratings {ratings}", "employer-contact-quality", {"specialists": ratings})
    for percents in [[65], [64.9], [50], [40], [30], [30.1], [0, 100], [45, 50, 65]]:
        add(
            f"community {percents}",
            "community-based-services",
            {"specialists": [{"percent": p} for p in percents]},
        )
    add(
        "rating and evidence differ",
        "caseload-size",
        {"active_clients": 20, "specialists_fte": 1},
        score=2,
    )
    return cases


def invalid_cases(scale: Scale) -> list[tuple[str, Any]]:
    """Every kind of bad input the contract (site_src/developers.md) lists; each must give errors only, the same in both."""
    first = scale.items[0].id
    return [
        ("unknown item", _one("no-such-item", {"score": 3})),
        ("score 0", _one(first, {"score": 0})),
        ("score 6", _one(first, {"score": 6})),
        ("score 2.5", _one(first, {"score": 2.5})),
        ("score as text", _one(first, {"score": "3"})),
        ("percent over 100", _one("employment-services-staff", {"evidence": {"percent": 101}})),
        (
            "negative count",
            _one("employment-services-staff", {"evidence": {"count": -1, "total": 4}}),
        ),
        (
            "count over total",
            _one("employment-services-staff", {"evidence": {"count": 5, "total": 4}}),
        ),
        (
            "percent and count",
            _one("employment-services-staff", {"evidence": {"percent": 5, "count": 1, "total": 2}}),
        ),
        ("zero FTE", _one(first, {"evidence": {"active_clients": 10, "specialists_fte": 0}})),
        ("missing FTE", _one(first, {"evidence": {"active_clients": 10}})),
        ("empty specialists", _one("employer-contact-quality", {"evidence": {"specialists": []}})),
        (
            "rating 6 for a specialist",
            _one("employer-contact-quality", {"evidence": {"specialists": [3, 6]}}),
        ),
        ("unknown component", _one("disclosure", {"evidence": {"present": ["not-a-component"]}})),
        (
            "unknown evidence field",
            _one(first, {"evidence": {"active_clients": 1, "specialists_fte": 1, "x": 1}}),
        ),
        ("unknown item field", _one(first, {"score": 3, "comment": "x"})),
        ("evidence for a rated item", _one("vocational-unit", {"evidence": {"percent": 50}})),
        (
            "bad tracking",
            _one(
                "employer-contact-frequency",
                {"evidence": {"specialists": [{"contacts_per_week": 6}], "tracking": "daily"}},
            ),
        ),
        ("phases 7", _one("vocational-generalists", {"evidence": {"phases": 7}})),
        ("days as text", _one("rapid-job-search", {"evidence": {"average_days": "thirty"}})),
        (
            "flag as text",
            _one(
                "rapid-job-search",
                {"evidence": {"average_days": 3, "tracks_employer_contacts": "yes"}},
            ),
        ),
        ("wrong format", {"format": "ips-fidelity-result", "version": 1, "items": {}}),
        ("wrong version", {"format": "ips-fidelity-assessment", "version": 2, "items": {}}),
        ("unknown top field", {"items": {}, "extra": True}),
        ("items a list", {"items": [1, 2]}),
        ("not an object", [1, 2, 3]),
        ("a number", 42),
        ("bad date", {"assessed_on": "23/11/2026", "items": {}}),
        ("item by number and id", {"items": {"1": {"score": 3}, first: {"score": 4}}}),
        (
            "several problems",
            {"items": {"1": {"score": 9}, "2": {"evidence": {"percent": -3}}, "zz": {}}},
        ),
    ]


def _random_evidence(item: Any, rng: random.Random) -> Any:
    kind = item.measure.type
    if kind == "ratio":
        return {
            "active_clients": rng.randint(0, 200),
            "specialists_fte": rng.choice([0.5, 1, 2.5, 3, 4, 6.2]),
        }
    if kind == "percentage":
        evidence: dict[str, Any] = (
            {"percent": rng.choice([rng.randint(0, 100), round(rng.uniform(0, 100), 2)])}
            if rng.random() < 0.6
            else {"count": (c := rng.randint(0, 40)), "total": c + rng.randint(0, 40) or 1}
        )
        if item.measure.floor:
            evidence[item.measure.floor.field] = rng.randint(0, 40)
        return evidence
    if kind == "phases":
        return {"phases": rng.randint(1, 6)}
    if kind == "team_assignment":
        return {
            "teams": rng.randint(1, 4),
            "caseload_from_teams_percent": rng.randint(0, 100),
            "separate_programme": rng.random() < 0.1,
            "organised_in_teams": rng.random() > 0.1,
        }
    if kind == "components":
        ids = [c.id for c in item.measure.components]
        if rng.random() < 0.3:
            return {"count": rng.randint(0, len(ids))}
        return {"present": rng.sample(ids, rng.randint(0, len(ids)))}
    if kind == "days":
        if rng.random() < 0.5:
            return {
                "average_days": rng.choice([rng.randint(0, 400), round(rng.uniform(0, 400), 1)]),
                "tracks_employer_contacts": rng.random() < 0.5,
            }
        return {"days": [rng.randint(0, 300) for _ in range(rng.randint(1, 6))]}
    if kind == "specialist_contacts":
        specialists = []
        for _ in range(rng.randint(1, 5)):
            entry: dict[str, Any] = {
                "contacts_per_week": rng.choice([rng.randint(0, 9), round(rng.uniform(0, 9), 1)])
            }
            if rng.random() < 0.3:
                entry["looking_for_work"] = rng.randint(0, 4)
            specialists.append(entry)
        return {"specialists": specialists, "tracking": rng.choice(["none", "monthly", "weekly"])}
    if kind == "specialist_ratings":
        return {"specialists": [rng.randint(1, 5) for _ in range(rng.randint(1, 6))]}
    if kind == "specialist_percentage":
        return {
            "specialists": [
                {"percent": rng.choice([rng.randint(0, 100), 30, 65])}
                for _ in range(rng.randint(1, 5))
            ]
        }
    raise AssertionError(f"no generator for measure {kind}")


def random_cases(
    scale: Scale, count: int = 40, seed: int = 20261123
) -> list[tuple[str, Assessment]]:
    """Complete and partial assessments mixing ratings, evidence, both, and notes."""
    rng = random.Random(seed)
    cases = []
    for index in range(count):
        items: dict[str, Any] = {}
        answer_share = 1.0 if index % 3 == 0 else rng.random()
        for item in scale.items:
            if rng.random() > answer_share:
                continue
            entry: dict[str, Any] = {}
            if item.measure is None or rng.random() < 0.4:
                entry["score"] = rng.randint(1, 5)
            if item.measure is not None and (not entry or rng.random() < 0.3):
                entry["evidence"] = _random_evidence(item, rng)
            if rng.random() < 0.1:
                entry["note"] = "Checked with the team leader; see the March audit."
            key: Any = str(item.number) if rng.random() < 0.1 else item.id
            items[key] = entry
        cases.append((f"random {index}", {**FORMAT, "assessed_on": "2026-11-23", "items": items}))
    return cases
