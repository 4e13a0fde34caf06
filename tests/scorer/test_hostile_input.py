"""Limits on input: every command and every browser call answers hostile and huge input with a
result or errors (exit 0 or 2, `{"errors": [...]}` under --json), in plain words, quickly and in
little memory, and never with a traceback.

The command line is run as a separate process under a 600 MB address-space limit; its peak memory
is asserted (the limit is 300 MB) and its time is printed, never asserted (`pytest -s` shows it).
The texts come from tests/hostile_inputs.py, shared with the Pyodide check.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hostile_inputs import BIG, GOOD, MAX_MESSAGE, SMALL, check_answer, messages_of, write

from scorer import api, program
from scorer.planning import api as tools_api

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CONSOLE = Path(sys.executable).with_name("ips-fidelity")
ADDRESS_SPACE = 600 * 1024 * 1024  # the child runs under this; it must still answer
PEAK_LIMIT_MB = 300


@dataclass
class Run:
    args: list[str]
    code: int
    out: str
    err: str
    seconds: float
    peak_mb: float | None  # None when run in this process


# The child: the address-space limit, then the program itself in the same process, then its own
# peak memory (VmHWM: the high-water mark of this process's memory alone; ru_maxrss would also
# count the memory of the test process it was forked from).
CHILD = """
import os, resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))

def peak():
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            kb = [line.split()[1] for line in status if line.startswith("VmHWM:")][0]
    except (OSError, IndexError):
        kb = "-1"
    with open(os.environ["HOSTILE_PEAK"], "w", encoding="ascii") as out:
        out.write(kb)

import atexit
atexit.register(peak)
from scorer.program import main
sys.argv[0] = "ips-fidelity"
sys.exit(main(sys.argv[1:]))
"""


def run_cli(args: list[str], stdin: Path | None = None, cwd: Path = EXAMPLES) -> Run:
    """`ips-fidelity ARGS` in its own process, under the address-space limit, with its peak
    memory and its wall-clock time measured."""
    with (
        open(stdin or os.devnull, "rb") as given,
        tempfile.TemporaryDirectory() as scratch,
    ):
        peak_file = Path(scratch) / "peak"
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", CHILD.format(limit=ADDRESS_SPACE), *args],
            stdin=given,
            capture_output=True,
            cwd=cwd,
            env={**os.environ, "HOSTILE_PEAK": str(peak_file)},
            timeout=300,  # a hang fails the test rather than stopping the suite
            check=False,
        )
        seconds = time.perf_counter() - started
        kb = int(peak_file.read_text(encoding="ascii")) if peak_file.exists() else -1
    run = Run(
        args,
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
        seconds,
        kb / 1024,
    )
    print(f"{seconds:6.2f} s {run.peak_mb:6.0f} MB exit {run.code}  {' '.join(args)[:100]}")
    return run


def check_run(run: Run, *, json_mode: bool = True) -> dict[str, Any] | None:
    context = " ".join(run.args)[:200]
    assert run.code in (0, 2), f"{context}: exit {run.code}\n{run.err[-2000:]}"
    assert "Traceback" not in run.out + run.err, f"{context}\n{run.err[-2000:]}"
    if run.peak_mb is not None:
        assert 0 < run.peak_mb <= PEAK_LIMIT_MB, f"{context}: {run.peak_mb:.0f} MB"
    if not json_mode:
        lines = [line for line in run.err.splitlines() if line.strip()]
        if run.code == 2:
            assert lines and all(len(line) <= MAX_MESSAGE + 100 for line in lines), context
        return None
    answer = check_answer(json.loads(run.out), context=context)
    assert ("errors" in answer) == (run.code == 2), context
    return answer


# --- the command line: every hostile text through `score`, in this process ---------------------


def run_main(args: list[str], capsys: pytest.CaptureFixture[str], stdin: bytes = b"") -> Run:
    """`ips-fidelity ARGS` in this process (fast; the subprocess runs measure memory)."""
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    started = time.perf_counter()
    try:
        code = program.main(args)
    except SystemExit as stop:
        code = int(stop.code or 0)
    finally:
        sys.stdin = saved
    captured = capsys.readouterr()
    return Run(args, code, captured.out, captured.err, time.perf_counter() - started, None)


@pytest.fixture(scope="module")
def small_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    return {name: write(folder, name, text) for name, text in SMALL.items()}


@pytest.mark.parametrize("name", list(SMALL))
def test_score_answers_every_hostile_text(
    name: str, small_files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    check_run(run_main(["score", str(small_files[name]), "--json"], capsys))
    check_run(run_main(["score", str(small_files[name])], capsys), json_mode=False)
    raw = small_files[name].read_bytes()
    from_stdin = run_main(["score", "-", "--json"], capsys, stdin=raw)
    check_run(from_stdin)


# --- the command line: the worst texts through every command, as separate processes ----------

CORE = [
    "billion laughs in version",
    "YAML merge key",
    "JSON 5,000 deep",
    "YAML 1,000 deep, flow",
    "YAML 40 deep, block",
    "5,001-digit number",
    "active_clients 1e27",
    "score NaN",
    "repeated key",
    "5,000-character key",
    "lone surrogate",
    "history closed 0001-01-01",
    "10,001 unknown items",
]


def commands_for(path: Path) -> dict[str, list[str]]:
    """Each command that reads a file, with the hostile file in every position it can take."""
    good = str(EXAMPLES / "complete-ratings.json")
    found = {
        "score": ["score", str(path)],
        "compare (old)": ["compare", str(path), good],
        "compare (new)": ["compare", good, str(path)],
        "centre-status": ["centre-status", str(path), "--on", "2026-11-23"],
        "centres": ["centres", str(path), "--on", "2026-11-23"],
        "timetable": ["timetable", str(path)],
        "readiness": ["readiness", str(path), "--on", "2026-11-23"],
    }
    available = _subcommands()
    if "combine" in available:
        found["combine"] = ["combine", good, str(path)]
    if "history" in available:
        found["history"] = ["history", good, str(path)]
    return {key: [*args, "--json"] for key, args in found.items()}


def _subcommands() -> set[str]:
    from scorer.cli import build_parser
    from scorer.planning.commands import COMMANDS

    parser = build_parser(COMMANDS)
    for action in parser._actions:
        if isinstance(action.choices, dict):
            return set(action.choices)
    return set()


COMMAND_NAMES = list(commands_for(Path("x")))


@pytest.mark.parametrize("name", CORE)
@pytest.mark.parametrize("command", COMMAND_NAMES)
def test_every_command_refuses_the_worst_texts(
    command: str, name: str, small_files: dict[str, Path]
) -> None:
    answer = check_run(run_cli(commands_for(small_files[name])[command]))
    assert answer is not None and "errors" in answer


@pytest.fixture(scope="module")
def big_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile-big")
    return {name: write(folder, name, make()) for name, make in BIG.items()}


@pytest.mark.parametrize("name", list(BIG))
def test_huge_input_is_answered_in_bounded_memory(name: str, big_files: dict[str, Path]) -> None:
    path = big_files[name]
    answers = [
        check_run(run_cli(["score", str(path), "--json"])),
        check_run(run_cli(["score", "-", "--json"], stdin=path)),
        check_run(run_cli(["timetable", str(path), "--json"])),
    ]
    for answer in answers:
        assert answer is not None
        if name == "a note of exactly 10 MiB":
            assert "errors" not in answers[0] and answers[0]["total"] == 4
        else:
            assert "errors" in answer
    if "over 10 MiB" in name or name.startswith("11 MiB"):
        assert "10 MiB" in messages_of(answers[0])[0]


def test_an_endless_stream_is_refused_after_the_limit() -> None:
    """Standard input that never ends is read only up to the limit; an endless device named as
    the file is not read at all (only regular files are)."""
    answer = check_run(run_cli(["score", "-", "--json"], stdin=Path("/dev/zero")))
    assert answer is not None
    (message,) = messages_of(answer)
    assert "10 MiB" in message
    answer = check_run(run_cli(["score", "/dev/zero", "--json"]))
    assert answer is not None
    (message,) = messages_of(answer)
    assert "not a regular file" in message


# --- the command line: dates and figures given as arguments -----------------------------------

HISTORY = str(EXAMPLES / "centre-history.json")
READINESS = str(EXAMPLES / "readiness.json")
BAD_DATES = ["0001-01-01", "9999-12-31", "1899-12-31", "2200-01-01", "2024-02-30", "x" * 5000]
BAD_FIGURES = ["1e30", "-1e30", "1e27", "nan", "inf", "-inf", "9" * 5001, "x" * 5000, ""]


def _argument_cases() -> list[list[str]]:
    cases: list[list[str]] = []
    for day in BAD_DATES:
        cases += [
            ["centre-status", HISTORY, "--on", day],
            ["readiness", READINESS, "--on", day],
            ["review-plan", "--start", day],
            ["review-plan", "--start", "2027-03-02", "--day", day],
            ["review-plan", "--start", "2027-03-02", "--report-final", day],
        ]
    for figure in BAD_FIGURES:
        cases += [
            ["workforce", "--people", figure, "--months-on-caseload", "9"],
            ["workforce", "--people", "400", "--months-on-caseload", figure],
            [
                "workforce",
                "--people",
                "400",
                "--months-on-caseload",
                "9",
                "--specialists-fte",
                figure,
            ],
        ]
    return [[*case, "--json"] for case in cases]


@pytest.mark.parametrize("args", _argument_cases(), ids=lambda a: " ".join(a)[:60])
def test_arguments_outside_the_limits_are_input_errors(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    answer = check_run(run_main(args, capsys))
    assert answer is not None and "errors" in answer
    if any(day in args for day in BAD_DATES[:4]):
        assert any("1900 to 2199" in m for m in messages_of(answer)), messages_of(answer)


@pytest.mark.parametrize(
    "args",
    [
        ["review-plan", "--start", "9999-12-31", "--json"],
        ["workforce", "--people", "1e30", "--months-on-caseload", "9", "--json"],
        ["centre-status", HISTORY, "--on", "0001-01-01", "--json"],
        ["review-plan", "--json"],
    ],
    ids=lambda a: " ".join(a)[:60],
)
def test_arguments_outside_the_limits_in_a_separate_process(args: list[str]) -> None:
    answer = check_run(run_cli(args))
    assert answer is not None and "errors" in answer


def test_python_wording_never_reaches_a_message(
    small_files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    said = {
        name: " | ".join(
            messages_of(
                json.loads(run_main(["score", str(small_files[name]), "--json"], capsys).out)
            )
        )
        for name in (
            "YAML version true",
            "YAML date and time",
            "YAML binary",
            "YAML keys 1.0 twice",
            "YAML keys true twice",
            "YAML set",
            "YAML bad date",
        )
    }
    assert "got the value true" in said["YAML version true"]
    assert "a date and time" in said["YAML date and time"]
    assert "binary data" in said["YAML binary"]
    assert "the key 1.0 appears twice" in said["YAML keys 1.0 twice"]
    assert "the key true appears twice" in said["YAML keys true twice"]
    assert "a set of values" in said["YAML set"]
    assert "cannot be read as a date" in said["YAML bad date"]


def test_yaml_anchors_are_refused_before_anything_is_expanded(
    small_files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("billion laughs in version", "billion laughs, at the top", "YAML merge key"):
        run = run_main(["score", str(small_files[name]), "--json"], capsys)
        (message,) = messages_of(json.loads(run.out))
        assert "anchor" in message or "alias" in message
        assert "lol" not in message


def test_a_byte_order_mark_is_read_alike_from_a_file_and_standard_input(
    small_files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = small_files["byte order mark"]
    from_file = run_main(["score", str(path), "--json"], capsys)
    from_stdin = run_main(["score", "-", "--json"], capsys, stdin=path.read_bytes())
    assert from_file.code == from_stdin.code == 0
    assert from_file.out == from_stdin.out
    assert json.loads(from_file.out) == json.loads(api.score_json(GOOD))
    assert json.loads(api.score_json("\ufeff" + GOOD)) == json.loads(api.score_json(GOOD))


# --- the last resort ---------------------------------------------------------------------------


def test_an_unexpected_failure_still_gets_a_plain_answer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("internal detail that must not be shown")

    monkeypatch.setattr(api, "score", broken)
    answer = check_answer(json.loads(api.score_json(GOOD)), context="guard")
    assert "internal detail" not in json.dumps(answer)
    monkeypatch.setattr(tools_api, "check_timetable", broken)
    assert "errors" in json.loads(tools_api.run_tool("timetable_json", "{}"))
    monkeypatch.setattr("scorer.cli.score", broken)
    run = run_main(["score", str(EXAMPLES / "complete-ratings.json"), "--json"], capsys)
    assert run.code == 2
    check_run(run)
    assert "internal detail" not in run.out + run.err
