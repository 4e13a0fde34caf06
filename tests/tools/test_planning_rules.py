"""The planning rules come from scale/ and agree with what the content says in words."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from scorer.errors import ScaleError
from scorer.planning.rules import clock_minutes, load_planning_data, parse_planning
from scorer.scale import Scale


def test_loads_as_plain_json_data(root: Path, scale: Scale) -> None:
    data = load_planning_data(root / "scale")
    again = json.loads(json.dumps(data))
    assert parse_planning(again, scale) == parse_planning(data, scale)


def test_numbers_match_the_words_of_the_content(root: Path, scale: Scale) -> None:
    """The figures kept as data say what the prose of the same content says."""
    planning = parse_planning(load_planning_data(root / "scale"), scale)
    faq = (root / "scale" / "faq.yaml").read_text(encoding="utf-8")
    assert "18 months to 2 years" in faq
    assert (planning.readiness.usual_from_months, planning.readiness.usual_to_months) == (18, 24)
    ratio = planning.workforce.specialists_per_supervisor
    assert f"No more than {ratio} employment specialists" in planning.workforce.component.text
    review = yaml.safe_load((root / "scale" / "review.yaml").read_text(encoding="utf-8"))
    rules = review["timetable_rules"]
    assert f"{rules['minutes_between_interviews']}-minute gap" in rules["text"]
    assert f"at least {rules['lunch_minutes']} minutes" in rules["text"]
    support = review["technical_support"]
    words = " ".join(review["commitments"]["reviewer"][-1]["text"].split())
    assert f"no more than {support['max_items']} items" in words
    assert f"support lasts {support['months']} months" in words


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("00:00", 0),
        ("09:05", 545),
        ("23:59", 1439),
        ("24:00", None),
        ("9:05", None),
        ("12:60", None),
        ("12.30", None),
        (" 9:05", None),
        (930, None),
        ("\uff11\uff12:\uff13\uff10", None),
    ],
)
def test_clock_minutes(text: object, minutes: int | None) -> None:
    assert clock_minutes(text) == minutes


@pytest.fixture()
def scale_copy(root: Path, tmp_path: Path) -> Path:
    target = tmp_path / "scale"
    shutil.copytree(root / "scale", target)
    return target


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("planning.yaml", "        - share-data\n", "", "every commitment needs a stage"),
        (
            "planning.yaml",
            "        - timetable\n",
            "        - timetable\n        - timetable\n",
            "listed twice",
        ),
        ("planning.yaml", "- information-governance", "- governance", "not a commitment"),
        ("planning.yaml", 'from: "11:30"', "from: 11:30", "HH:MM"),
        ("planning.yaml", 'to: "14:30"', 'to: "11:00"', "must end after it starts"),
        (
            "planning.yaml",
            "specialists_per_supervisor_fte: 10",
            "specialists_per_supervisor_fte: ten",
            "whole number",
        ),
        ("planning.yaml", "component: supervision-ratio", "component: ratio", "no component"),
        (
            "planning.yaml",
            "caseload_item: caseload-size",
            "caseload_item: disclosure",
            "no ratio measure",
        ),
        ("planning.yaml", "usual_to: 24", "usual_to: 12", "at least 18"),
        ("review.yaml", "unit: months, kind: by}", "unit: fortnights, kind: by}", "fortnights"),
        ("review.yaml", "lunch_minutes: 45", "lunch_minutes: -45", "at least 0"),
        ("scale.yaml", "grace_months: 3", "grace_months: three", "whole number"),
    ],
)
def test_mistakes_in_the_data_name_file_and_line(
    scale_copy: Path, scale: Scale, file: str, old: str, new: str, message: str
) -> None:
    path = scale_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ScaleError) as caught:
        load_planning_data(scale_copy)
    assert message in str(caught.value)
    assert caught.value.file is not None and caught.value.file.endswith(file)
    assert caught.value.line is not None
