"""The planning tools under real Pyodide (the browser's runtime) give CPython's answers exactly.

The cases, written by hand and then seeded random ones for every tool, go through
scorer.planning.api.run_tool from JavaScript in one Node process, as the site's worker calls it,
after configuring the tools from the same planning.json the build publishes.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from tools_helpers import good_day, interview, timetable
from tools_random import PER_TOOL, random_tool_cases

from scorer import api
from scorer.planning import api as tools_api
from scorer.planning.rules import load_planning_data
from scorer.scale_files import load_scale_data

pytestmark = pytest.mark.pyodide
HERE = Path(__file__).resolve().parent


def _cases() -> list[list[str]]:
    def dump(value: Any) -> str:
        return json.dumps(value)

    late = good_day()
    late[1] = interview("senior-executives", "09:49", "10:30")
    short_lunch = good_day()
    short_lunch[4] = interview("clients", "12:59", "14:00")
    cases: list[list[str]] = [
        ["review_plan_json", dump({"start": "2024-03-31", "report_final": "2024-05-31"})],
        [
            "review_plan_json",
            dump({"start": "2026-12-31", "feedback": "2027-01-20", "service": "Ünïcode; IPS"}),
        ],
        ["review_plan_json", dump({"start": "2026-06-06", "later_days": ["2026-06-05"]})],
        [
            "review_plan_ics",
            dump({"start": "2028-02-28", "report_final": "2028-03-31", "service": "A, B; C"}),
            "2026-05-01T09:30:05Z",
        ],
        ["timetable_json", dump(timetable(good_day(), good_day()))],
        ["timetable_json", dump(timetable(late, short_lunch))],
        ["timetable_json", dump({"days": [{"interviews": [{"who": "x", "start": "9:00"}]}]})],
        ["timetable_json", "{broken"],
        [
            "workforce_json",
            dump(
                {
                    "people_per_year": 220,
                    "months_on_caseload": 12,
                    "specialists_fte": 10,
                    "specialists": 11,
                    "team_leaders_fte": 1,
                }
            ),
        ],
        [
            "workforce_json",
            dump(
                {
                    "people_per_year": 100,
                    "months_on_caseload": 5,
                    "specialists_fte": 2.1,
                    "team_leaders_fte": 0.2,
                }
            ),
        ],
        ["workforce_json", dump({"people_per_year": -3, "months_on_caseload": "six"})],
        [
            "readiness_json",
            dump(
                {
                    "on": "2025-08-29",
                    "started": "2024-02-29",
                    "self_assessment_total": 100,
                    "reviews": [{"date": "2024-02-29", "score": 104}],
                }
            ),
        ],
        ["readiness_json", dump({"started": "2025-01-31"}), "2026-02-28"],
        [
            "readiness_json",
            dump(
                {
                    "reviews": [
                        {"date": "2023-05-01", "score": 108},
                        {"date": "2026-03-01", "score": 95},
                    ],
                    "on": "2026-04-01",
                }
            ),
        ],
        ["readiness_json", dump({"self_assessment_total": 24})],
        ["no_such_tool", "{}"],
    ]
    return cases


def test_pyodide_gives_cpythons_answers(wheel: Path, node: str, root: Path, tmp_path: Path) -> None:
    scale_json = json.dumps(load_scale_data(root / "scale"))
    planning_json = json.dumps(load_planning_data(root / "scale"))
    by_hand = _cases()
    cases = by_hand + random_tool_cases(seed=20261203)
    for name, text in (
        ("scale", scale_json),
        ("planning", planning_json),
        ("cases", json.dumps(cases)),
    ):
        (tmp_path / f"{name}.json").write_text(text, encoding="utf-8")
    done = subprocess.run(
        [
            node,
            str(HERE / "run_tools.mjs"),
            str(root / "node_modules" / "pyodide"),
            str(wheel),
            *(str(tmp_path / f"{name}.json") for name in ("scale", "planning", "cases")),
            str(tmp_path / "out.json"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    found = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert json.loads(found["configured"]) == {"configured": True}

    api.configure(scale_json)
    tools_api.configure(planning_json)
    try:
        expected = [tools_api.run_tool(name, *args) for name, *args in cases]
    finally:
        api._configured = None
        tools_api._configured = None
    mismatches = [
        (case, answer)
        for case, answer, wanted in zip(cases, found["answers"], expected, strict=True)
        if answer != wanted
    ]
    assert mismatches[:3] == [], f"{len(mismatches)} cases answered differently"
    kinds = [not json.loads(answer).get("errors") for answer in expected[: len(by_hand)]]
    assert kinds.count(True) >= 10 and kinds.count(False) >= 4  # both results and refusals
    covers_what_it_should(cases[len(by_hand) :], expected[len(by_hand) :])


def covers_what_it_should(cases: list[list[str]], answers: list[str]) -> None:
    """The random cases reach results and refusals in every tool, and the outcomes that matter."""
    seen: dict[str, list[Any]] = {}
    for (name, *_), answer in zip(cases, answers, strict=True):
        seen.setdefault(name, []).append(json.loads(answer))
    for name, outcomes in seen.items():
        refused = sum(bool(outcome.get("errors")) for outcome in outcomes)
        assert refused >= 5 and len(outcomes) - refused >= len(outcomes) // 2, name
    assert len(seen["review_plan_json"]) == PER_TOOL
    timetables = [t for t in seen["timetable_json"] if not t.get("errors")]
    assert sum(t["ok"] for t in timetables) >= 5
    rules = {breach["rule"] for t in timetables for breach in t["breaches"]}
    assert rules >= {"gap", "overlap", "lunch", "morning-break", "afternoon-break", "days"}
    item_1 = {
        w["current"]["item_1"]["score"]
        for w in seen["workforce_json"]
        if not w.get("errors") and (w.get("current") or {}).get("item_1")
    }
    assert item_1 == {1, 2, 3, 4, 5}
    readiness = [r for r in seen["readiness_json"] if not r.get("errors")]
    assert {r["centre"]["status"] for r in readiness} >= {"never", "eligible", "centre", "lapsed"}
    assert {r["ready"] for r in readiness} >= {True, False}
