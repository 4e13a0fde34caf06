"""The four planning subcommands end to end, run as a user would, and the browser's JSON API
giving exactly what `--json` prints."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from tools_helpers import good_day, interview, timetable

from scorer.planning import api as tools_api
from scorer.planning.rules import load_planning_data

CONSOLE = Path(sys.executable).with_name("ips-fidelity")
Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    workdir = tmp_path_factory.mktemp("tools-cli")

    def run(*args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(CONSOLE), *map(str, args)],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=workdir,
            timeout=60,
            check=False,
        )

    return run


def as_json(done: subprocess.CompletedProcess[str]) -> Any:
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_review_plan_text_json_and_calendar(cli: Cli, tmp_path: Path) -> None:
    ics = tmp_path / "review.ics"
    done = cli("review-plan", "--start", "2026-06-01", "--report-final", "2026-07-10", "--ics", ics)
    assert done.returncode == 0, done.stderr
    assert "No later than Friday 1 May 2026" in done.stdout
    assert f"Calendar written to {ics}" in done.stdout
    text = ics.read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 7
    plan = as_json(cli("review-plan", "--start", "2026-06-01", "--day", "2026-06-03", "--json"))
    assert plan["format"] == "ips-fidelity-review-plan"
    assert plan["review_days"] == ["2026-06-01", "2026-06-03"]
    assert plan == json.loads(
        tools_api.review_plan_json(
            json.dumps({"start": "2026-06-01", "later_days": ["2026-06-03"]})
        )
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--start", "1 June"],
        ["--start", "2026-06-01", "--report-final", "2026-05-01"],
        ["--start", "2026-06-01", "--day", "2026-06-02", "--day", "2026-06-03"],
    ],
)
def test_review_plan_refuses_bad_dates_with_status_2(cli: Cli, args: list[str]) -> None:
    done = cli("review-plan", *args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("ips-fidelity: error: field ")
    errors = json.loads(cli("review-plan", *args, "--json").stdout)["errors"]
    assert errors and all(set(e) == {"item", "field", "message"} for e in errors)


def test_review_plan_names_the_options_typed(cli: Cli) -> None:
    """A person who typed --day and --report-final reads those names, not the request's keys."""
    done = cli("review-plan", "--start", "2026-06-01", "--day", "2026-06-02", "--day", "2026-06-02")
    assert "field --day (the 2nd): " in done.stderr and "later_days" not in done.stderr
    done = cli("review-plan", "--start", "2026-06-01", "--report-final", "2026-05-01")
    assert done.stderr.startswith("ips-fidelity: error: field --report-final: --report-final must")
    assert "report_final" not in done.stderr


def test_review_plan_needs_a_start(cli: Cli) -> None:
    assert cli("review-plan").returncode == 2


def test_review_plan_calendar_that_cannot_be_written(cli: Cli, tmp_path: Path) -> None:
    done = cli("review-plan", "--start", "2026-06-01", "--ics", tmp_path / "missing" / "x.ics")
    assert done.returncode == 2
    assert "cannot be written" in done.stderr


def test_timetable_from_a_yaml_file_and_from_standard_input(cli: Cli, tmp_path: Path) -> None:
    day = good_day()
    day[1] = interview("senior-executives", "09:49", "10:30")
    request = timetable(day, good_day())
    path = tmp_path / "timetable.yaml"
    path.write_text(yaml.safe_dump(request), encoding="utf-8")
    done = cli("timetable", path)
    assert done.returncode == 0, done.stderr
    assert "Rules broken (1):" in done.stdout and "only 4 minutes" in done.stdout
    checked = as_json(cli("timetable", "-", "--json", stdin=json.dumps(request)))
    assert [b["rule"] for b in checked["breaches"]] == ["gap"]
    assert checked == json.loads(tools_api.timetable_json(json.dumps(request)))


def test_timetable_with_bad_input(cli: Cli, tmp_path: Path) -> None:
    bad = json.dumps({"days": [{"interviews": [{"who": "nobody", "start": "9", "end": "10"}]}]})
    done = cli("timetable", "-", "--json", stdin=bad)
    assert done.returncode == 2
    fields = {e["field"] for e in json.loads(done.stdout)["errors"]}
    assert fields == {
        "days[0].interviews[0].who",
        "days[0].interviews[0].start",
        "days[0].interviews[0].end",
    }
    missing = cli("timetable", tmp_path / "nothing.json")
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_workforce(cli: Cli) -> None:
    args = ["--people", "440", "--months-on-caseload", "6"]
    done = cli("workforce", *args, "--specialists-fte", "9.5", "--team-leaders-fte", "1")
    assert done.returncode == 0, done.stderr
    assert "11 full-time posts" in done.stdout
    assert "1.25 full-time equivalent of supervision" in done.stdout
    assert "Item 1 (caseload-size) scores 4" in done.stdout
    plan = as_json(cli("workforce", *args, "--json"))
    assert (plan["specialists"]["posts"], plan["team_leaders"]["fte"]) == (11, 1.25)
    assert plan == json.loads(
        tools_api.workforce_json(json.dumps({"people_per_year": 440, "months_on_caseload": 6}))
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--people", "many", "--months-on-caseload", "6"],
        ["--people", "100", "--months-on-caseload", "0"],
        ["--people", "100", "--months-on-caseload", "nan"],
        ["--people", "100", "--months-on-caseload", "6", "--team-leaders-fte", "1"],
    ],
)
def test_workforce_refuses_bad_figures_with_status_2(cli: Cli, args: list[str]) -> None:
    done = cli("workforce", *args, "--json")
    assert done.returncode == 2
    assert json.loads(done.stdout)["errors"]


def test_readiness(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "service.json"
    request = {
        "started": "2024-01-10",
        "self_assessment_total": 104,
        "reviews": [{"date": "2024-02-29", "score": 104, "invited": "2024-02-29"}],
    }
    path.write_text(json.dumps(request), encoding="utf-8")
    done = cli("readiness", path, "--on", "2026-08-29")
    assert done.returncode == 0, done.stderr
    assert "Centre of Excellence until Sunday 28 February 2027" in done.stdout
    assert "Renewal window opens (this site's reading): Saturday 29 August 2026 (2026-08-29)" in (
        done.stdout
    )
    assert "only by invitation" in done.stdout
    result = as_json(cli("readiness", path, "--on", "2026-08-29", "--json"))
    assert result["ready"] is True and result["centre"]["renewal_due"] is True
    assert result == json.loads(
        tools_api.readiness_json(json.dumps({**request, "on": "2026-08-29"}))
    )
    bad = cli("readiness", "-", "--on", "2026-02-30", "--json", stdin=json.dumps(request))
    assert bad.returncode == 2
    assert json.loads(bad.stdout)["errors"][0]["field"] == "on"


def test_the_json_api_configured_from_planning_json(root: Path) -> None:
    """The browser configures the tools from planning.json; the answers do not change."""
    request = json.dumps({"start": "2024-03-31", "report_final": "2024-05-31"})
    before = tools_api.review_plan_json(request)
    tools_api.configure(json.dumps(load_planning_data(root / "scale")))
    try:
        assert tools_api.review_plan_json(request) == before
        assert tools_api.run_tool("review_plan_json", request) == before
    finally:
        tools_api._configured = None


def test_the_json_api_never_raises_on_bad_input() -> None:
    assert json.loads(tools_api.timetable_json("{not json"))["errors"][0]["message"].startswith(
        "the timetable is not valid JSON"
    )
    assert json.loads(tools_api.readiness_json("{}", "yesterday"))["errors"][0]["field"] == "today"
    assert json.loads(tools_api.run_tool("os_system", "rm"))["errors"][0]["message"] == (
        "unknown planning function 'os_system'"
    )
    ics = json.loads(tools_api.review_plan_ics('{"start": "2026-06-01"}', "2026-05-01T10:00:00Z"))
    assert ics["name"] == "fidelity-review-2026-06-01.ics"
    assert "DTSTAMP:20260501T100000Z\r\n" in ics["text"]
    assert json.loads(tools_api.review_plan_ics('{"start": "2026-06-01"}', "noon"))["errors"]


def test_the_shipped_timetable_example_shows_each_kind_of_problem(cli: Cli, root: Path) -> None:
    """examples/timetable.json is what the README points new users at: day 1 keeps every rule,
    day 2 breaks three (a 4-minute gap, a 44-minute lunch, no afternoon break)."""
    result = as_json(cli("timetable", root / "examples" / "timetable.json", "--json"))
    assert [(b["day"], b["rule"]) for b in result["breaches"]] == [
        (2, "gap"),
        (2, "lunch"),
        (2, "afternoon-break"),
    ]
    assert result["not_covered"] == ["senior-executives"]


def test_the_shipped_readiness_example(cli: Cli, root: Path) -> None:
    done = cli("readiness", root / "examples" / "readiness.json", "--on", "2026-11-23")
    assert done.returncode == 0, done.stderr
    assert "Centre of Excellence until Sunday 28 February 2027" in done.stdout
