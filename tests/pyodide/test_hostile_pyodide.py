"""Limits on input under real Pyodide (the browser's runtime): the hostile and huge texts of
tests/hostile_inputs.py, through the functions the page's worker calls, give CPython's answers
exactly, and none of them crashes the runtime (JSON nested 5,000 deep used to be fatal there).
Each call's time is printed, not asserted."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hostile_inputs import BIG, SMALL, check_answer, messages_of

from scorer import api
from scorer.planning import api as tools_api
from scorer.planning.rules import load_planning_data
from scorer.scale_files import load_scale_data

pytestmark = pytest.mark.pyodide

HERE = Path(__file__).resolve().parent
BIG_ONES = ["a note of exactly 10 MiB", "one byte over 10 MiB", "1,000,000 unknown items (8.6 MiB)"]


def _calls() -> list[list[Any]]:
    calls: list[list[Any]] = []
    texts = {name: t.decode("latin-1") if isinstance(t, bytes) else t for name, t in SMALL.items()}
    for text in texts.values():
        calls += [
            ["scorer.api", "score_json", text],
            ["scorer.api", "explain_json", "caseload-size", text],
            ["scorer.api", "read_json", text],
            ["scorer.api", "centre_status_json", text, "2026-11-23"],
            ["scorer.planning.api", "run_tool", "timetable_json", text],
            ["scorer.planning.api", "run_tool", "readiness_json", text, "2026-11-23"],
        ]
    calls += [["scorer.api", "score_json", BIG[name]()] for name in BIG_ONES]
    calls += [
        ["scorer.api", "score_json", "[" * 100_000 + "]" * 100_000],
        ["scorer.api", "compare_json", "{" * 5000, "[" * 5000],
        ["scorer.planning.api", "run_tool", "workforce_json", '{"people_per_year": 1e30}'],
        ["scorer.planning.api", "run_tool", "review_plan_json", '{"start": "9999-12-31"}'],
    ]
    return calls


def _cpython(calls: list[list[Any]], scale_json: str, planning_json: str) -> list[str]:
    modules = {"scorer.api": api, "scorer.planning.api": tools_api}
    api.configure(scale_json)
    tools_api.configure(planning_json)
    try:
        return [getattr(modules[module], name)(*args) for module, name, *args in calls]
    finally:
        api._configured = None
        tools_api._configured = None


def test_pyodide_answers_hostile_input_as_cpython_does(
    wheel: Path, node: str, root: Path, tmp_path: Path
) -> None:
    scale_json = json.dumps(load_scale_data(root / "scale"))
    planning_json = json.dumps(load_planning_data(root / "scale"))
    calls = _calls()
    for name, text in (("scale", scale_json), ("planning", planning_json)):
        (tmp_path / f"{name}.json").write_text(text, encoding="utf-8")
    (tmp_path / "calls.json").write_text(json.dumps(calls), encoding="utf-8")
    done = subprocess.run(
        [
            node,
            str(HERE / "run_calls.mjs"),
            str(root / "node_modules" / "pyodide"),
            str(wheel),
            *(str(tmp_path / f"{name}.json") for name in ("scale", "planning", "calls")),
            str(tmp_path / "out.json"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    found = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    slowest = sorted(zip(found["ms"], calls, strict=True), key=lambda pair: -pair[0])[:8]
    print(f"\nPyodide {found['pyodide']}: {len(calls)} calls, {sum(found['ms'])} ms in all")
    for ms, (_module, name, *args) in slowest:
        print(f"{ms:7d} ms  {name}({str(args)[:70]})")

    expected = _cpython(calls, scale_json, planning_json)
    for answer, call in zip(found["answers"], calls, strict=True):
        check_answer(json.loads(answer), context=f"{call[1]}({str(call[2:])[:100]})")
    differ = [
        f"{call[1]}({str(call[2:])[:100]})\n  CPython: {a[:300]}\n  Pyodide: {b[:300]}"
        for a, b, call in zip(expected, found["answers"], calls, strict=True)
        if a != b
    ]
    assert not differ, f"{len(differ)} answers differ:\n" + "\n".join(differ[:5])
    deep = calls.index(["scorer.api", "score_json", SMALL["JSON 5,000 deep"]])
    assert "32 levels" in messages_of(json.loads(found["answers"][deep]))[0]
