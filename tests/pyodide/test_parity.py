"""The scorer under real Pyodide (Python 3.14 in WebAssembly, run by Node) gives exactly the
answers CPython gives: every boundary case, every error case, and over a thousand seeded random
assessments. The browser runs this same wheel, so any difference here would reach users."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import math
import random
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from scorer import api
from scorer.scale_files import load_scale_data

pytestmark = pytest.mark.pyodide

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SEED = 20261123
RANDOM_ASSESSMENTS = 1200
RANDOM_SETS = 520  # sets of assessments for combine and for history each


def _load_tests(name: str) -> ModuleType:
    """Import a sibling test module by path, so its tables are the single copy of the cases."""
    path = ROOT / "tests" / "scorer" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_parity_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _items() -> list[dict[str, Any]]:
    files = sorted((ROOT / "scale" / "items").glob("*.yaml"))
    items = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in files]
    return sorted(items, key=lambda i: i["number"])


def _near(rng: random.Random, cuts: list[float], low: float, high: float) -> float | int:
    """A figure on, just around, or anywhere between the cut-offs, as an assessor might type it."""
    roll = rng.random()
    if roll < 0.35:
        value: float = rng.choice(cuts)
    elif roll < 0.75:
        value = rng.choice(cuts) + rng.choice([-1, 1]) * rng.choice([0.01, 0.1, 0.5, 1, 0.05])
    else:
        value = rng.uniform(low, high)
    value = min(high, max(low, value))
    shape = rng.random()
    if shape < 0.4:
        return round(value)
    return round(value, rng.choice([1, 2]))


def _evidence(rng: random.Random, item: dict[str, Any]) -> dict[str, Any]:
    measure = item["measure"]
    kind = measure["type"]
    if kind == "ratio":
        fte = rng.choice([1, 2, 2.5, 3, 0.3, 0.7, 2.3, 4, 0.5, round(rng.uniform(0.1, 8), 2)])
        ratio = _near(rng, [20, 25, 30, 40], 0, 60)
        return {"active_clients": round(ratio * fte, 2), "specialists_fte": fte}
    if kind == "percentage":
        cuts = [b["at_least"] for b in measure["bands"]]
        if rng.random() < 0.5:
            evidence: dict[str, Any] = {"percent": _near(rng, cuts, 0, 100)}
        else:
            total = rng.choice([4, 10, 20, 21, 25, 26, 30, 149, rng.randint(1, 300)])
            evidence = {"total": total, "count": rng.randint(0, total)}
        if "floor" in measure:
            evidence["current_jobs"] = rng.choice([0, 9, 10, 11, rng.randint(0, 80)])
        return evidence
    if kind == "phases":
        return {"phases": rng.randint(1, 6)}
    if kind == "team_assignment":
        evidence = {
            "separate_programme": rng.random() < 0.1,
            "teams": rng.choice([1, 2, 2, 3, rng.randint(1, 8)]),
            "caseload_from_teams_percent": _near(rng, [50, 75, 90], 0, 100),
        }
        if rng.random() < 0.6:
            evidence["organised_in_teams"] = rng.random() < 0.85
        return evidence
    if kind == "components":
        ids = [c["id"] for c in measure["components"]]
        if rng.random() < 0.3:
            return {"count": rng.randint(0, len(ids))}
        chosen = rng.sample(ids, rng.randint(0, len(ids)))
        if chosen and rng.random() < 0.2:
            chosen.append(rng.choice(chosen))
        return {"present": chosen}
    if kind == "days":
        cuts = [30, 60, 150, 270]
        if rng.random() < 0.5:
            evidence = {"average_days": _near(rng, cuts, 0, 400)}
        else:
            evidence = {"days": [_near(rng, cuts, 0, 400) for _ in range(rng.randint(1, 6))]}
        if rng.random() < 0.7:
            evidence["tracks_employer_contacts"] = rng.random() < 0.6
        return evidence
    if kind == "specialist_contacts":
        people = []
        for _ in range(rng.randint(1, 5)):
            person: dict[str, Any] = {"contacts_per_week": _near(rng, [2, 4, 5, 6], 0, 10)}
            if rng.random() < 0.4:
                person["looking_for_work"] = rng.randint(0, 8)
            people.append(person)
        return {"specialists": people, "tracking": rng.choice(["none", "monthly", "weekly"])}
    if kind == "specialist_ratings":
        return {"specialists": [rng.randint(1, 5) for _ in range(rng.randint(1, 9))]}
    if kind == "specialist_percentage":
        n = rng.randint(1, 6)
        return {
            "specialists": [{"percent": _near(rng, [30, 40, 50, 65], 0, 100)} for _ in range(n)]
        }
    raise AssertionError(f"no generator for measure {kind!r}")


def random_assessments(rng: random.Random, count: int) -> list[dict[str, Any]]:
    items = _items()
    made = []
    for n in range(count):
        answered_share = 1.0 if n % 3 == 0 else rng.random()
        entries: dict[str, Any] = {}
        for item in items:
            if rng.random() > answered_share:
                continue
            entry: dict[str, Any] = {}
            use_evidence = item.get("measure") is not None and rng.random() < 0.75
            if use_evidence:
                entry["evidence"] = _evidence(rng, item)
            if not use_evidence or rng.random() < 0.2:
                entry["score"] = rng.randint(1, 5)
            if rng.random() < 0.1:
                entry["note"] = rng.choice(["checked with the team", "estimate", "Ünïcode ✓ note"])
            key = rng.choice([item["id"], item["id"], str(item["number"])])
            entries[key] = entry
        assessment: dict[str, Any] = {"items": entries}
        if rng.random() < 0.7:
            assessment = {"format": "ips-fidelity-assessment", "version": 1, **assessment}
        if rng.random() < 0.3:
            assessment["assessed_on"] = "2026-11-23"
        made.append(assessment)
    return made


def _spoil(rng: random.Random, assessment: dict[str, Any]) -> dict[str, Any]:
    """The same assessment with one thing wrong in it."""
    spoiled = json.loads(json.dumps(assessment))
    bad_values: list[Any] = [-1, 0, 101, 6, 3.5, "4", True, None, [], {}, "", 1e9]
    entries = spoiled["items"]
    if not entries or rng.random() < 0.15:
        spoiled[rng.choice(["colour", "format", "version", "items"])] = rng.choice(bad_values)
        return spoiled
    key = rng.choice(sorted(entries))
    entry = entries[key]
    if "evidence" in entry and rng.random() < 0.8:
        fields = sorted(entry["evidence"])
        target = rng.choice(fields) if fields else "unknown"
        entry["evidence"][target] = rng.choice(bad_values)
    else:
        entry[rng.choice(["score", "score", "colour"])] = rng.choice(bad_values)
    return spoiled


def random_histories(rng: random.Random, count: int) -> list[tuple[dict[str, Any], str]]:
    made = []
    for _ in range(count):
        day = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randint(0, 900))
        reviews = []
        for _ in range(rng.randint(0, 5)):
            review: dict[str, Any] = {
                "date": day.isoformat(),
                "score": rng.choice([85, 97, 99, 100, 104, 118]),
            }
            if review["score"] >= 100 and rng.random() < 0.6:  # invited, 0-60 days later
                review["invited"] = (day + dt.timedelta(days=rng.randint(0, 60))).isoformat()
            reviews.append(review)
            day += dt.timedelta(days=rng.choice([28, 59, 89, 92, 365, 700, 1095, 1096]))
        history: dict[str, Any] = {"reviews": reviews}
        if rng.random() < 0.15:
            history["closed"] = (day - dt.timedelta(days=rng.randint(0, 800))).isoformat()
        if rng.random() < 0.15:
            history["merged"] = (day - dt.timedelta(days=rng.randint(0, 800))).isoformat()
        on = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randint(0, 4500))
        made.append((history, on.isoformat()))
    return made


def random_sets(
    rng: random.Random, pool: list[dict[str, Any]], count: int, dated: bool
) -> list[str]:
    """Sets of 1-21 assessments drawn from the random pool, some spoiled, some undated (for
    history), some of another service, as JSON arrays the browser would send."""
    made = []
    for _ in range(count):
        size = rng.choice([1, 2, 2, 3, 3, 4, 5, rng.randint(2, 20), 21])
        chosen = [json.loads(json.dumps(rng.choice(pool))) for _ in range(size)]
        for n, one in enumerate(chosen):
            if dated and rng.random() < 0.97:
                day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 2500))
                one["assessed_on"] = day.isoformat()
            if rng.random() < 0.5:
                one["service"] = rng.choice(["Moorside IPS", "moorside  ips", "Moorside IPS"])
            if rng.random() < 0.05:
                one["service"] = "Another service"
            if rng.random() < 0.4:
                one["assessor"] = f"Rater {n + 1}"
        if rng.random() < 0.05:
            chosen[rng.randrange(size)] = _spoil(rng, chosen[0])
        made.append(json.dumps(chosen))
    return [*made, "[]", "{}", "[1, 2]", "not json", "null"]


def build_cases() -> dict[str, Any]:
    rng = random.Random(SEED)
    boundaries = _load_tests("test_boundaries")
    errors = _load_tests("test_errors")
    centres = _load_tests("test_centres")
    score_texts: list[str] = []
    explain: list[tuple[str, str]] = []
    for item_id, evidence, _expected in boundaries.ALL_CASES:
        score_texts.append(json.dumps({"items": {item_id: {"evidence": evidence}}}))
        explain.append((item_id, json.dumps(evidence)))
    for _name, assessment, _expect in errors.CASES:
        if errors._plain_json(assessment):
            score_texts.append(json.dumps(assessment))
    score_texts += ["", "{", "not json", "[1, 2", "null", "42", '{"items": {"1": {"score": NaN}}}']
    for path in sorted((ROOT / "examples").glob("*.json")):
        score_texts.append(path.read_text(encoding="utf-8"))
    valid = random_assessments(rng, RANDOM_ASSESSMENTS)
    score_texts += [json.dumps(a) for a in valid]
    score_texts += [json.dumps(_spoil(rng, a)) for a in rng.sample(valid, 300)]
    explain += [
        ("caseload-size", '{"active_clients": 5}'),
        ("vocational-unit", "{}"),
        ("nope", "{}"),
    ]
    centre: list[tuple[str, str | None]] = []
    for _name, history, on, *_rest in [*centres.EXACT, *centres.PARTIAL]:
        centre.append((json.dumps(history), on))
    for _name, history, on, *_rest in _load_tests("test_centre_grace").CASES:
        centre.append((json.dumps(history), on))
    for _name, history in centres.BAD_HISTORIES:
        centre.append((json.dumps(history), "2024-01-01"))
    centre += [(json.dumps(h), on) for h, on in random_histories(rng, 300)]
    combine = [
        json.dumps(
            [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
        )
        for folder in (ROOT / "examples" / "team", ROOT / "examples" / "history")
    ]
    history = list(combine)
    combine += random_sets(rng, valid, RANDOM_SETS, dated=False)
    history += random_sets(rng, valid, RANDOM_SETS, dated=True)
    return {
        "score": score_texts,
        "explain": explain,
        "centre": centre,
        "combine": combine,
        "history": history,
        "valid": len(valid),
    }


def cpython_answers(cases: dict[str, Any], scale_json: str) -> dict[str, list[str]]:
    api.configure(scale_json)
    return {
        "score": [api.score_json(t) for t in cases["score"]],
        "explain": [api.explain_json(i, t) for i, t in cases["explain"]],
        "centre": [api.centre_status_json(t, on) for t, on in cases["centre"]],
        "combine": [api.combine_json(t) for t in cases["combine"]],
        "history": [api.history_json(t) for t in cases["history"]],
    }


@pytest.fixture(scope="module")
def parity(wheel: Path, node: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Run every case under Pyodide once; the tests below compare the answers."""
    work = tmp_path_factory.mktemp("parity")
    scale_json = json.dumps(load_scale_data(ROOT / "scale"))
    cases = build_cases()
    (work / "scale.json").write_text(scale_json, encoding="utf-8")
    (work / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
    started = time.perf_counter()
    done = subprocess.run(
        [
            node,
            str(HERE / "run_cases.mjs"),
            str(ROOT / "node_modules" / "pyodide"),
            str(wheel),
            str(work / "scale.json"),
            str(work / "cases.json"),
            str(work / "answers.json"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stderr[-4000:]
    timing = json.loads(done.stdout.strip().splitlines()[-1])
    print(
        f"\nPyodide {timing['pyodide']}: Node run {seconds:.1f} s "
        f"(runtime load {timing['load_ms']} ms, {len(cases['score'])} assessments, "
        f"{len(cases['explain'])} explanations, {len(cases['centre'])} histories "
        f"in {timing['run_ms']} ms)"
    )
    return {
        "cases": cases,
        "pyodide": json.loads((work / "answers.json").read_text(encoding="utf-8")),
        "cpython": cpython_answers(cases, scale_json),
    }


def test_runs_real_pyodide_python(parity: dict[str, Any]) -> None:
    answers = parity["pyodide"]
    assert answers["platform"] == "emscripten"
    assert answers["python"].startswith("3.14")


def _differences(kind: str, parity: dict[str, Any]) -> list[str]:
    cases = parity["cases"][kind]
    ours, theirs = parity["cpython"][kind], parity["pyodide"][kind]
    assert len(ours) == len(theirs) == len(cases)
    return [
        f"case {i}: {str(cases[i])[:300]}\n  CPython: {a[:400]}\n  Pyodide: {b[:400]}"
        for i, (a, b) in enumerate(zip(ours, theirs, strict=True))
        if a != b
    ]


@pytest.mark.parametrize("kind", ["score", "explain", "centre", "combine", "history"])
def test_identical_answers(kind: str, parity: dict[str, Any]) -> None:
    diffs = _differences(kind, parity)
    assert not diffs, f"{len(diffs)} {kind} cases differ:\n" + "\n".join(diffs[:10])


def test_the_case_file_covers_what_it_should(parity: dict[str, Any]) -> None:
    cases = parity["cases"]
    assert cases["valid"] >= 1000
    results = [json.loads(a) for a in parity["cpython"]["score"]]
    scored = [r for r in results if "errors" not in r]
    failed = [r for r in results if "errors" in r]
    assert len(scored) >= 1000
    assert len(failed) >= 100
    assert sum(1 for r in scored if r["complete"]) >= 300
    bands = {r["band"]["id"] for r in scored if r["band"]}
    assert len(bands) >= 3
    sources = {i["source"] for r in scored for i in r["items"]}
    assert sources == {"evidence", "rating", None}
    boundaries = _load_tests("test_boundaries")
    by_case = dict(zip(cases["score"], results, strict=False))
    for item_id, evidence, expected in boundaries.ALL_CASES:
        result = by_case[json.dumps({"items": {item_id: {"evidence": evidence}}})]
        (entry,) = [i for i in result["items"] if i["id"] == item_id]
        assert entry["score"] == expected
    assert not any(math.isnan(r["total"]) for r in scored)


def test_the_sets_of_assessments_cover_what_they_should(parity: dict[str, Any]) -> None:
    """At least 500 answered sets for each of combine and history, and errors of each kind."""
    for kind in ("combine", "history"):
        answers = [json.loads(a) for a in parity["cpython"][kind]]
        assert len([a for a in answers if "errors" not in a]) >= 300, kind
        assert len(answers) >= 500, kind
        messages = " ".join(e["message"] for a in answers for e in a.get("errors", []))
        assert "assessments; 21 assessments given" in messages, kind
    combined = [json.loads(a) for a in parity["cpython"]["combine"]]
    assert any(isinstance(i["median"], float) for c in combined if "items" in c for i in c["items"])
    messages = " ".join(
        e["message"]
        for a in map(json.loads, parity["cpython"]["history"])
        for e in a.get("errors", [])
    )
    assert "this assessment has no date" in messages and "one service's assessments" in messages
