"""What every command does with files that are not ordinary files, with output it cannot write,
and with file names a terminal would act on: exit 2 and one plain line, never a hang or a
traceback. Each case runs the real program in its own process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CONSOLE = Path(sys.executable).with_name("ips-fidelity")
GOOD = str(EXAMPLES / "complete-ratings.json")
# Not a timing check: a hang (a pipe with no writer) fails here instead of stopping the suite.
HANG = 60


def commands(path: str) -> dict[str, list[str]]:
    """Every command that reads files, with `path` as the file it reads."""
    return {
        "score": ["score", path],
        "compare": ["compare", GOOD, path],
        "combine": ["combine", GOOD, path],
        "history": ["history", path, GOOD],
        "centre-status": ["centre-status", path, "--on", "2026-11-23"],
        "centres": ["centres", path, "--on", "2026-11-23"],
        "timetable": ["timetable", path],
        "readiness": ["readiness", path, "--on", "2026-11-23"],
    }


# Each command with input it answers, so that it has something to print.
WORKING = {
    "score": ["score", GOOD],
    "compare": ["compare", str(EXAMPLES / "incomplete.json"), GOOD],
    "combine": ["combine", *sorted(str(p) for p in (EXAMPLES / "team").glob("*.json"))],
    "history": ["history", *sorted(str(p) for p in (EXAMPLES / "history").glob("*.json"))],
    "centre-status": ["centre-status", str(EXAMPLES / "centre-history.json"), "--on", "2026-11-23"],
    "centres": ["centres", "--on", "2026-11-23"],
    "timetable": ["timetable", str(EXAMPLES / "timetable.json")],
    "readiness": ["readiness", str(EXAMPLES / "readiness.json"), "--on", "2026-11-23"],
    "review-plan": ["review-plan", "--start", "2027-03-02"],
}


def run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [str(CONSOLE), *args],
        capture_output=kwargs.pop("capture_output", True),
        text=True,
        timeout=HANG,
        cwd=EXAMPLES,
        check=False,
        **kwargs,
    )


def one_plain_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("ips-fidelity: error: ")
    return lines[0]


@pytest.fixture(scope="module")
def odd_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("odd")
    fifo = folder / "pipe.json"
    os.mkfifo(fifo)  # nobody ever writes to it: opening it to read would wait for ever
    return {"a named pipe with no writer": str(fifo), "an endless device": "/dev/urandom"}


@pytest.mark.parametrize("kind", ["a named pipe with no writer", "an endless device"])
@pytest.mark.parametrize("command", list(commands("x")))
def test_a_file_that_is_not_a_regular_file_is_refused_at_once(
    command: str, kind: str, odd_files: dict[str, str]
) -> None:
    path = odd_files[kind]
    line = one_plain_line(run(commands(path)[command]))
    assert path in line and "not a regular file" in line
    answer = json.loads(run([*commands(path)[command], "--json"]).stdout)
    assert [e["message"] for e in answer["errors"]] == [line.removeprefix("ips-fidelity: error: ")]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("regions: &r []\ncentres: *r\n", "anchor (&name)"),
        ("centres: []\n" + "# padding\n" * 20_000, "YAML is read only up to 128 KiB"),
        ('{"centres": [], "notes": "' + "a" * 11 * 1024 * 1024 + '"}', "10 MiB"),
    ],
    ids=["aliases", "large YAML", "over 10 MiB"],
)
def test_centres_reads_its_file_within_the_limits(content: str, words: str, tmp_path: Path) -> None:
    path = tmp_path / "centres.yaml"
    path.write_text(content, encoding="utf-8")
    line = one_plain_line(run(["centres", str(path)]))
    assert words in line, line


def test_centres_still_names_the_line_of_a_mistake(tmp_path: Path) -> None:
    text = (ROOT / "scale" / "centres.yaml").read_text(encoding="utf-8")
    text = text.replace("region: london", "region: atlantis", 1)
    path = tmp_path / "centres.yaml"
    path.write_text(text, encoding="utf-8")
    line = one_plain_line(run(["centres", str(path)]))
    number = text.splitlines().index("    region: atlantis") + 1
    assert f"centres.yaml:{number}:" in line and "unknown region 'atlantis'" in line


@pytest.mark.parametrize("command", list(WORKING))
def test_output_that_cannot_be_written_gets_one_plain_line(command: str) -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        for args in (WORKING[command], [*WORKING[command], "--json"]):
            done = run(args, stdout=full, capture_output=False, stderr=subprocess.PIPE)
            line = one_plain_line(done)
            assert "could not be written to standard output" in line
            assert "No space left on device" in line
    closed = run(
        WORKING[command],
        capture_output=False,
        stderr=subprocess.PIPE,
        stdout=None,
        preexec_fn=lambda: os.close(1),
    )
    assert "standard output is closed" in one_plain_line(closed)


def test_the_same_commands_print_when_they_can() -> None:
    """The cases above would pass for a command that never prints: check that each one does."""
    for args in WORKING.values():
        done = run([*args, "--json"])
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)


ODD_NAME = "team\x1b[2J\x07\r\nleader\u202e.json"
SHOWN = "team\\x1b[2J\\x07\\x0d\\x0aleader\\u202e.json"


@pytest.mark.parametrize(
    "args",
    [
        ["score", ODD_NAME],
        ["compare", GOOD, ODD_NAME],
        ["centres", ODD_NAME],
        ["timetable", ODD_NAME],
    ],
    ids=lambda args: args[0],
)
def test_a_file_name_with_control_characters_is_shown_escaped(args: list[str]) -> None:
    line = one_plain_line(run(args))  # a missing file
    assert SHOWN in line and "no such file" in line
    assert not any(ch in line for ch in "\x1b\x07\r\u202e")


def test_names_in_combine_and_history_messages_are_escaped(tmp_path: Path) -> None:
    bad = tmp_path / ODD_NAME.replace("/", "")
    bad.write_text('{"items": {"vocational-unit": {"score": 9}}}', encoding="utf-8")
    for command in ("combine", "history"):
        done = run([command, GOOD, str(bad), "--json"])
        assert done.returncode == 2
        messages = [e["message"] for e in json.loads(done.stdout)["errors"]]
        assert messages and all(SHOWN in m for m in messages), messages
        assert not any(ch in m for m in messages for ch in "\x1b\x07\r\u202e")


# --- wording: what a person reads for YAML they may well have written --------------------------


@pytest.mark.parametrize(
    ("content", "words", "line"),
    [
        ("items:\n  vocational-unit:\n    <<: {score: 4}\n", "merge keys (<<) are not accepted", 3),
        ("service: x\nx:\n  - <<: [{a: 1}]\n", "merge keys (<<) are not accepted", 3),
        ("service: x\nassessed_on: !!timestamp 'not a date'\n", "'not a date' cannot be read", 2),
        ("items: {}\nassessed_on: !!timestamp '2024-13-45'\n", "cannot be read as a date", 2),
    ],
    ids=["merge key", "merge key in a list", "timestamp not a date", "timestamp month 13"],
)
def test_yaml_that_is_refused_says_what_and_where(
    content: str, words: str, line: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from scorer.program import main

    path = tmp_path / "answers.yaml"
    path.write_text(content, encoding="utf-8")
    assert main(["score", str(path), "--json"]) == 2
    (error,) = json.loads(capsys.readouterr().out)["errors"]
    assert words in error["message"], error
    assert f"line {line}" in error["message"], error
    assert (
        "constructor" not in error["message"] and "could not be worked out" not in error["message"]
    )


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--people", "1000000000", "--months-on-caseload", "100"], "--months-on-caseload"),
        (["--people", "400", "--months-on-caseload", "1e12"], "--months-on-caseload"),
        (
            ["--people", "400", "--months-on-caseload", "9", "--specialists-fte", "1e12"],
            "--specialists-fte",
        ),
    ],
)
def test_workforce_names_the_options_given(
    args: list[str], option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from scorer.program import main

    assert main(["workforce", *args, "--json"]) == 2
    (error,) = json.loads(capsys.readouterr().out)["errors"]
    assert error["field"] == option and error["item"] is None
    assert "active_clients" not in error["message"] and "_" not in error["message"]
    assert main(["workforce", *args]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert option in line and "active_clients" not in line


def test_the_workforce_api_names_its_own_fields() -> None:
    from scorer.planning import api as tools_api

    answer = json.loads(
        tools_api.workforce_json(json.dumps({"people_per_year": 10**9, "months_on_caseload": 100}))
    )
    (error,) = answer["errors"]
    assert error["field"] == "months_on_caseload" and "active_clients" not in error["message"]


def test_an_argument_with_control_characters_is_shown_escaped() -> None:
    done = run(["score", GOOD, ODD_NAME])
    assert done.returncode == 2
    assert SHOWN in done.stderr and "unrecognized arguments" in done.stderr
    assert not any(ch in done.stderr for ch in "\x1b\x07\r\u202e")
