"""The command line end to end: `ips-fidelity` and `python -m scorer`, run as a user would."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from scorer import api
from scorer.centres import centre_status
from scorer.result import score
from scorer.scale import Scale
from scorer.scale_files import load_scale_data

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CONSOLE = Path(sys.executable).with_name("ips-fidelity")
PROGRAMS = {"console-script": [str(CONSOLE)], "module": [sys.executable, "-m", "scorer"]}

Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    """Run the console script from a neutral directory (`python -m scorer` is checked
    against it in test_both_spellings_are_the_same_program)."""
    program = PROGRAMS["console-script"]
    workdir = tmp_path_factory.mktemp("cli")

    def run(
        *args: str | Path, stdin: str | bytes | None = None
    ) -> subprocess.CompletedProcess[str]:
        data = stdin.decode("latin-1") if isinstance(stdin, bytes) else stdin
        return subprocess.run(
            [*program, *map(str, args)],
            input=data,
            capture_output=True,
            text=True,
            cwd=workdir,
            timeout=60,
            check=False,
        )

    return run


def plain(value: Any) -> Any:
    """YAML's dates as the ISO strings JSON would carry."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def load(path: Path) -> Any:
    return plain(yaml.safe_load(path.read_text(encoding="utf-8")))


def walk(value: Any) -> Iterator[Any]:
    yield value
    if isinstance(value, dict):
        for v in value.values():
            yield from walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from walk(v)


ASSESSMENTS = ["complete-ratings.json", "incomplete.json", "evidence.json", "mixed.yaml"]


def test_examples_are_all_present() -> None:
    names = {p.name for p in EXAMPLES.iterdir()}
    assert {*ASSESSMENTS, "invalid.json", "centre-history.json"} <= names


@pytest.mark.parametrize("name", ASSESSMENTS)
def test_score_json_matches_the_library(name: str, cli: Cli, scale: Scale) -> None:
    done = cli("score", EXAMPLES / name, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == score(load(EXAMPLES / name), scale)


@pytest.mark.parametrize("name", ASSESSMENTS)
def test_score_reads_standard_input(name: str, cli: Cli) -> None:
    from_file = cli("score", EXAMPLES / name, "--json")
    from_stdin = cli("score", "-", "--json", stdin=(EXAMPLES / name).read_text(encoding="utf-8"))
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert from_stdin.stdout == from_file.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["score", "evidence.json"],
        ["score", "mixed.yaml", "--json"],
        ["score", "invalid.json"],
        ["score", "invalid.json", "--json"],
        ["compare", "incomplete.json", "evidence.json"],
        ["centre-status", "centre-history.json", "--on", "2026-11-23", "--json"],
    ],
    ids=lambda a: " ".join(a),
)
def test_both_spellings_are_the_same_program(args: list[str]) -> None:
    runs = [
        subprocess.run([*program, *args], capture_output=True, text=True, cwd=EXAMPLES, check=False)
        for program in PROGRAMS.values()
    ]
    assert {(r.returncode, r.stdout, r.stderr) for r in runs} == {
        (runs[0].returncode, runs[0].stdout, runs[0].stderr)
    }
    assert runs[0].stdout.strip() or runs[0].stderr.strip()


def report_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


@pytest.mark.parametrize("name", ["complete-ratings.json", "evidence.json"])
def test_readable_report_of_a_complete_assessment(name: str, cli: Cli, scale: Scale) -> None:
    result = score(load(EXAMPLES / name), scale)
    done = cli("score", EXAMPLES / name)
    assert done.returncode == 0, done.stderr
    text = done.stdout
    lines = report_lines(text)
    # The item table: one row per item with its number, (the start of) its title and its score.
    for entry in result["items"]:
        rows = [
            line
            for line in lines
            if line.startswith(f"{entry['number']} ") and entry["title"][:25] in line
        ]
        assert rows, f"no table row for item {entry['number']}"
        assert str(entry["score"]) in rows[0].replace(entry["title"][:25], "")
    assert any("total" in line.lower() and str(result["total"]) in line for line in lines)
    assert result["band"]["label"] in text
    low, high = result["possible_range"]["min"], result["possible_range"]["max"]
    assert any("range" in line.lower() and str(low) in line and str(high) in line for line in lines)
    next_band = result["to_next_band"]
    label = next(b.label for b in scale.bands if b.id == next_band["id"])
    assert any(label in line and str(next_band["points"]) in line for line in lines)
    # The action plan comes after the table and names each step with its target.
    plan_start = next(i for i, line in enumerate(lines) if "plan" in line.lower())
    plan_text = "\n".join(lines[plan_start:])
    for step in result["action_plan"]:
        assert step["id"] in plan_text or scale.item(step["number"]).title in plan_text
        assert (
            f"{step['score']} -> {step['target']}" in plan_text or str(step["target"]) in plan_text
        )
    assert "Centre of Excellence" in text


def test_readable_report_of_an_incomplete_assessment(cli: Cli, scale: Scale) -> None:
    result = score(load(EXAMPLES / "incomplete.json"), scale)
    done = cli("score", EXAMPLES / "incomplete.json")
    assert done.returncode == 0, done.stderr
    lines = report_lines(done.stdout)
    low, high = result["possible_range"]["min"], result["possible_range"]["max"]
    assert any("range" in line.lower() and str(low) in line and str(high) in line for line in lines)
    assert any(f"{result['answered']} of 25" in line for line in lines)
    for band in scale.bands:
        assert band.label not in done.stdout, "no band may be shown for an incomplete assessment"


def test_readable_report_shows_the_warning(cli: Cli, scale: Scale) -> None:
    result = score(load(EXAMPLES / "mixed.yaml"), scale)
    (warned,) = [i for i in result["items"] if i["warnings"]]
    done = cli("score", EXAMPLES / "mixed.yaml")
    assert done.returncode == 0, done.stderr
    assert warned["warnings"][0] in done.stdout + done.stderr


def test_invalid_assessment_with_json(cli: Cli) -> None:
    done = cli("score", EXAMPLES / "invalid.json", "--json")
    assert done.returncode == 2
    answer = json.loads(done.stdout)
    assert set(answer) == {"errors"}
    api.configure(json.dumps(load_scale_data(ROOT / "scale")))
    expected = json.loads(api.score_json((EXAMPLES / "invalid.json").read_text(encoding="utf-8")))
    assert answer == expected
    assert len(answer["errors"]) >= 6
    fields = {(e["item"], e["field"]) for e in answer["errors"]}
    assert ("vocational-unit", "score") in fields
    assert ("employment-services-staff", "evidence.percent") in fields
    assert ("caseload-size", "evidence.specialists_fte") in fields


def test_invalid_assessment_without_json(cli: Cli) -> None:
    done = cli("score", EXAMPLES / "invalid.json")
    assert done.returncode == 2
    assert done.stdout.strip() == ""
    api.configure(json.dumps(load_scale_data(ROOT / "scale")))
    expected = json.loads(api.score_json((EXAMPLES / "invalid.json").read_text(encoding="utf-8")))
    for error in expected["errors"]:
        assert error["message"] in done.stderr
        if error["field"]:
            assert error["field"] in done.stderr


@pytest.mark.parametrize(
    "content",
    [
        "{ this is not: [json or yaml",
        '{"items": {"caseload-size": {"score": 3}}',
        "items:\n  - a\n b: c\n",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        "",
        "just a sentence",
        "[1, 2, 3]",
    ],
    ids=["broken-flow", "unclosed-json", "bad-indent", "binary", "empty", "scalar", "list"],
)
def test_not_an_assessment_file(content: str | bytes, cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    done = cli("score", path, "--json")
    assert done.returncode == 2
    answer = json.loads(done.stdout)
    assert set(answer) == {"errors"} and answer["errors"]
    plain_run = cli("score", path)
    assert plain_run.returncode == 2
    assert plain_run.stderr.strip()
    assert "Traceback" not in plain_run.stderr + done.stderr


def test_invalid_input_on_standard_input(cli: Cli) -> None:
    done = cli("score", "-", "--json", stdin='{"items": {"7": {"score": 9}}}')
    assert done.returncode == 2
    (error,) = json.loads(done.stdout)["errors"]
    assert (error["item"], error["field"]) == ("vocational-unit", "score")


def test_missing_file(cli: Cli, tmp_path: Path) -> None:
    done = cli("score", tmp_path / "nowhere.json", "--json")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert json.loads(done.stdout)["errors"]


def test_yaml_with_numbers_as_keys_and_a_bare_date(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "short.yaml"
    path.write_text("assessed_on: 2026-01-31\nitems:\n  7:\n    score: 4\n", encoding="utf-8")
    done = cli("score", path, "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["items"][6]["score"] == 4
    assert result["answered"] == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("twice.json", '{"items": {"7": {"score": 3}, "7": {"score": 4}}}'),
        ("twice.yaml", "items:\n  7: {score: 3}\n  7: {score: 4}\n"),
        ("twice-evidence.yaml", "items:\n  16:\n    evidence: {percent: 40, percent: 95}\n"),
    ],
    ids=["json-item", "yaml-item", "yaml-evidence-field"],
)
def test_a_key_given_twice_in_a_file(name: str, content: str, cli: Cli, tmp_path: Path) -> None:
    """Both JSON and YAML loaders silently keep only the last of two equal keys; the first
    answer would be lost without a word, so the file is rejected instead."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    done = cli("score", path, "--json")
    assert done.returncode == 2, f"a repeated key was silently dropped: {content!r}"
    assert json.loads(done.stdout)["errors"]


def test_compare(cli: Cli, scale: Scale) -> None:
    old = score(load(EXAMPLES / "incomplete.json"), scale)
    new = score(load(EXAMPLES / "complete-ratings.json"), scale)
    done = cli(
        "compare", EXAMPLES / "incomplete.json", EXAMPLES / "complete-ratings.json", "--json"
    )
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert json.loads(json.dumps(answer)) == answer
    nodes = list(walk(answer))
    # Each item that both assessments answer appears with its old and new score and the change.
    for before, after in zip(old["items"], new["items"], strict=True):
        if before["score"] is None:
            continue
        holders = [
            n
            for n in nodes
            if isinstance(n, dict)
            and before["id"] in n.values()
            and before["score"] in n.values()
            and after["score"] in n.values()
        ]
        assert holders, f"item {before['id']} missing from the comparison"
        change = after["score"] - before["score"]
        assert any(change in h.values() for h in holders) or change == 0
    numbers = [n for n in nodes if isinstance(n, int) and not isinstance(n, bool)]
    assert old["total"] in numbers and new["total"] in numbers
    assert new["total"] - old["total"] in numbers
    text = cli("compare", EXAMPLES / "incomplete.json", EXAMPLES / "complete-ratings.json")
    assert text.returncode == 0, text.stderr
    assert str(old["total"]) in text.stdout and str(new["total"]) in text.stdout


def test_compare_with_an_invalid_side(cli: Cli) -> None:
    done = cli("compare", EXAMPLES / "evidence.json", EXAMPLES / "invalid.json", "--json")
    assert done.returncode == 2
    assert json.loads(done.stdout)["errors"]
    errors = json.loads(done.stdout)["errors"]
    # Each problem names the file it is in, as the person gave it.
    assert all(str(EXAMPLES / "invalid.json") + ":" in e["message"] for e in errors)
    done = cli("compare", EXAMPLES / "invalid.json", EXAMPLES / "evidence.json")
    assert done.returncode == 2
    assert done.stderr.strip()
    assert "old assessment" not in done.stderr and str(EXAMPLES / "invalid.json") in done.stderr


@pytest.mark.parametrize(
    "on", ["2023-09-20", "2026-03-01", "2026-09-20", "2026-11-23", "2027-01-01"]
)
def test_centre_status_on_a_date(on: str, cli: Cli) -> None:
    path = EXAMPLES / "centre-history.json"
    done = cli("centre-status", path, "--on", on, "--json")
    assert done.returncode == 0, done.stderr
    expected = centre_status(load(path), dt.date.fromisoformat(on))
    assert json.loads(done.stdout) == expected
    text = cli("centre-status", path, "--on", on)
    assert text.returncode == 0, text.stderr
    for key in ("valid_until", "grace_until"):
        if expected[key] and expected["status"] in ("centre", "grace"):
            assert expected[key] in text.stdout


def test_centre_status_from_yaml_with_bare_dates(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "history.yaml"
    path.write_text(
        "reviews:\n  - {date: 2024-02-29, score: 100, invited: 2024-02-29}\nmerged: 2025-01-01\n",
        encoding="utf-8",
    )
    done = cli("centre-status", path, "--on", "2027-02-28", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "status": "centre",
        "valid_until": "2027-02-28",
        "grace_until": None,
        "renewal_due": True,
        "review_recommended": True,
    }


def test_centre_status_defaults_to_today(cli: Cli) -> None:
    path = EXAMPLES / "centre-history.json"
    done = cli("centre-status", path, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == centre_status(load(path), dt.date.today())


def test_centre_status_from_standard_input(cli: Cli) -> None:
    history = '{"reviews": [{"date": "2023-05-01", "score": 108, "invited": "2023-05-01"}]}'
    done = cli("centre-status", "-", "--on", "2026-05-02", "--json", stdin=history)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "lapsed"


@pytest.mark.parametrize(
    ("history", "on"),
    [
        ('{"reviews": [{"date": "2023-05-01", "score": "high"}]}', "2024-01-01"),
        ('{"reviews": [{"date": "1 May 2023", "score": 108}]}', "2024-01-01"),
        ('{"reviews": "none"}', "2024-01-01"),
        ("{not json", "2024-01-01"),
        ('{"reviews": []}', "2024-02-30"),
        ('{"reviews": []}', "tomorrow"),
        (
            '{"reviews": [{"date": "2023-05-01", "score": 99, "invited": "2023-05-02"}]}',
            "2024-01-01",
        ),
        (
            '{"reviews": [{"date": "2023-05-01", "score": 108, "invited": "2023-04-02"}]}',
            "2024-01-01",
        ),
    ],
)
def test_centre_status_bad_input(history: str, on: str, cli: Cli) -> None:
    done = cli("centre-status", "-", "--on", on, "--json", stdin=history)
    assert done.returncode == 2
    assert json.loads(done.stdout)["errors"]
    assert "Traceback" not in done.stderr
    plain_run = cli("centre-status", "-", "--on", on, stdin=history)
    assert plain_run.returncode == 2
    assert plain_run.stderr.strip()
    assert "Traceback" not in plain_run.stderr


@pytest.mark.parametrize(
    "path", sorted(p for p in EXAMPLES.iterdir() if p.is_file()), ids=lambda p: p.name
)
def test_every_example_file_runs(path: Path, cli: Cli) -> None:
    if path.is_dir():  # examples/team and examples/history: several files of one service
        command = "combine" if path.name == "team" else "history"
        done = cli(command, *sorted(path.glob("*.json")), "--json")
        assert done.returncode == 0, done.stderr
        assert "errors" not in json.loads(done.stdout)
        return
    data = load(path)
    if path.stem in {"timetable", "readiness"}:  # the planning tools' examples
        done = cli(path.stem, path, "--json")
    elif isinstance(data, dict) and "reviews" in data:
        done = cli("centre-status", path, "--on", "2026-11-23", "--json")
    else:
        done = cli("score", path, "--json")
    expected_status = 2 if path.stem.startswith("invalid") else 0
    assert done.returncode == expected_status, done.stderr
    answer = json.loads(done.stdout)
    if expected_status:
        assert set(answer) == {"errors"}
    else:
        assert "errors" not in answer


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    """`ips-fidelity score ... | head -1`: the closed pipe ends the program quietly."""
    program = subprocess.Popen(
        [str(CONSOLE), "score", str(EXAMPLES / "complete-ratings.json")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert program.stdout is not None and program.stderr is not None
    program.stdout.close()  # the reader goes away before the report is written
    error = program.stderr.read().decode()
    assert program.wait(timeout=60) == 1
    assert error == ""


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ("assessed_on: 2024-02-30\nitems: {1: {score: 3}}\n", 1),
        ("items:\n  ? [7]\n  : {score: 3}\n", 2),
        ("items: {}\nservice: !!int abc\n", 2),
        ("items:\n  1: {score: !!float x}\n", 2),
        ("assessed_on: 2024-02-29 25:00:00\nitems: {}\n", 1),
    ],
    ids=["impossible-date", "list-as-key", "bad-int-tag", "bad-float-tag", "bad-hour"],
)
def test_a_yaml_value_that_cannot_be_read(
    content: str, line: int, cli: Cli, tmp_path: Path
) -> None:
    """Well-formed YAML whose value cannot be built: exit 2 with the line, never a traceback."""
    path = tmp_path / "answers.yaml"
    path.write_text(content, encoding="utf-8")
    done = cli("score", path, "--json")
    assert done.returncode == 2, done.stderr
    (error,) = json.loads(done.stdout)["errors"]
    assert f"at line {line}," in error["message"]
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("on", ["2024-W09-4", "20240229", "2024-2-29"])
def test_centre_status_on_takes_only_yyyy_mm_dd(on: str, cli: Cli) -> None:
    done = cli("centre-status", EXAMPLES / "centre-history.json", "--on", on, "--json")
    assert done.returncode == 2
    assert json.loads(done.stdout) == {
        "errors": [
            {
                "item": None,
                "field": "on",
                "message": f"the date must be written YYYY-MM-DD, got the text {on!r}",
            }
        ]
    }
    plain_run = cli("centre-status", EXAMPLES / "centre-history.json", "--on", on)
    assert plain_run.returncode == 2
    assert "YYYY-MM-DD" in plain_run.stderr


def test_centres_prints_every_record_of_the_directory(cli: Cli) -> None:
    records = load(Path(__file__).resolve().parents[2] / "scale" / "centres.yaml")["centres"]
    done = cli("centres", "--on", "2026-11-28", "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["format"] == "ips-fidelity-centres" and answer["on"] == "2026-11-28"
    assert [r["id"] for r in answer["centres"]] == [r["id"] for r in records]
    for record in answer["centres"]:
        assert set(record) == {
            "id",
            "name",
            "reviews_on_file",
            "status",
            "valid_until",
            "grace_until",
            "renewal_due",
            "review_recommended",
            "listed_until",
        }
    text = cli("centres", "--on", "2026-11-28")
    assert text.returncode == 0, text.stderr
    assert text.stdout.count("\n") >= len(records)
    assert "Not a Centre" not in text.stdout


def test_centres_reads_a_given_file_and_names_the_line_of_a_mistake(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "centres.yaml"
    record = "  - {id: one, name: One, region: north, notes: A., reviews: [%s]}\n"
    head = "regions:\n  - {id: north, label: North}\ncentres:\n"
    path.write_text(head + record % "{date: 2025-01-10, score: 104, invited: 2025-02-01}")
    done = cli("centres", path, "--on", "2026-01-01", "--json")
    assert done.returncode == 0, done.stderr
    (one,) = json.loads(done.stdout)["centres"]
    assert (one["status"], one["listed_until"]) == ("centre", "2028-02-01")
    # In words, dates are as a person reads them, with the ISO form the file holds.
    words = cli("centres", path, "--on", "2026-01-01").stdout
    assert words.startswith("Centres directory on 1 January 2026 (2026-01-01): 1 record\n")
    assert "One (one): Centre of Excellence, listed until 1 February 2028 (2028-02-01)" in words
    path.write_text(head + record % "{date: 2025-01-10, score: 104, invited: 2025-01-09}")
    bad = cli("centres", path, "--on", "2026-01-01", "--json")
    assert bad.returncode == 2
    (error,) = json.loads(bad.stdout)["errors"]
    assert error["field"] == "centres[0].reviews[0].invited"
    assert error["message"].startswith(f"{path}:4: the invitation (2025-01-09) is dated before")
    assert "Traceback" not in bad.stderr
    assert cli("centres", "--on", "tomorrow", "--json").returncode == 2


@pytest.mark.parametrize(
    ("history", "words"),
    [
        ('{"reviews": [{"date": "2025-05-01", "score": 104}]}', "is eligible"),
        ('{"reviews": [{"date": "2025-05-01", "score": 104, "invited": "2025-06-01"}]}', "holds"),
        (
            '{"reviews": [{"date": "2020-05-01", "score": 104, "invited": "2020-06-01"}]}',
            "no longer",
        ),
        ('{"reviews": []}', "has never held"),
    ],
)
def test_centre_status_report_in_words_for_every_status(history: str, words: str, cli: Cli) -> None:
    done = cli("centre-status", "-", "--on", "2026-01-01", stdin=history)
    assert done.returncode == 0, done.stderr
    assert words in done.stdout
