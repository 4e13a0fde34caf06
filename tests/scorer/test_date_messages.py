"""Dates in messages and reports: a date written in the asked-for form but naming no day
(2026-02-30) is told apart from a date written some other way, so the message does not send a
person to fix the form; and the readable Centre status gives its dates in words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scorer import api
from scorer.program import main
from scorer.scale_files import load_scale_data

ROOT = Path(__file__).resolve().parents[2]


def history(folder: Path, text: str) -> Path:
    path = folder / "history.json"
    path.write_text(text, encoding="utf-8")
    return path


HISTORY = '{"reviews": [{"date": "2023-05-01", "score": 108, "invited": "2023-05-01"}]}'


@pytest.mark.parametrize(
    "args",
    [
        ["centre-status", "-", "--on", "2026-13-01"],
        ["review-plan", "--start", "2027-02-30"],
    ],
)
def test_a_day_that_does_not_exist_is_named_as_such(
    args: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main([str(history(tmp_path, HISTORY)) if a == "-" else a for a in args]) == 2
    err = capsys.readouterr().err
    assert "which is not a day in the calendar" in err
    assert "Traceback" not in err


def test_a_date_in_another_form_keeps_the_form_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["centre-status", str(history(tmp_path, HISTORY)), "--on", "3/12/2026"]) == 2
    err = capsys.readouterr().err
    assert "must be written YYYY-MM-DD, got the text '3/12/2026'" in err
    assert "calendar" not in err


def test_an_assessment_date_that_does_not_exist() -> None:
    api.configure(json.dumps(load_scale_data(ROOT / "scale")))
    answer = json.loads(api.score_json(json.dumps({"assessed_on": "2026-02-30", "items": {}})))
    [error] = answer["errors"]
    assert error["field"] == "assessed_on"
    assert "'2026-02-30', which is not a day in the calendar" in error["message"]


def test_centre_status_reads_its_dates_in_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A person reads '1 May 2024'; the ISO date stays beside it for anyone matching files."""
    text = '{"reviews": [{"date": "2021-05-01", "score": 104, "invited": "2021-05-01"},'
    text += ' {"date": "2024-02-20", "score": 97}]}'
    assert main(["centre-status", str(history(tmp_path, text)), "--on", "2024-03-01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("On 1 March 2024 (2024-03-01) the service is in a grace period")
    assert "Status valid until: 1 May 2024 (2024-05-01)" in lines
    assert "Grace period ends: 20 May 2024 (2024-05-20)" in lines
