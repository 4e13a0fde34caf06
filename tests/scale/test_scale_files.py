"""The scale in scale/ loads, and every kind of mistake in it is reported with file and line."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from scorer.errors import ScaleError
from scorer.scale import MEASURE_TYPES, Scale, parse_scale
from scorer.scale_files import load_scale, load_scale_data


@pytest.fixture(scope="module")
def scale(root: Path) -> Scale:
    return load_scale(root / "scale")


@pytest.fixture
def broken(root: Path, tmp_path: Path) -> Callable[[str, str, str], ScaleError]:
    """Copy scale/, make one textual change to one file, and return the load error."""

    def load_with(file: str, old: str, new: str) -> ScaleError:
        copy = tmp_path / "scale"
        shutil.copytree(root / "scale", copy)
        target = copy / file
        text = target.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {file}"
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
        with pytest.raises(ScaleError) as caught:
            load_scale(copy)
        return caught.value

    return load_with


def test_the_scale_has_25_items_in_order(scale: Scale) -> None:
    assert [item.number for item in scale.items] == list(range(1, 26))
    assert scale.max_total == 125
    assert scale.centre_threshold == 100
    assert [(b.id, b.min, b.max) for b in scale.bands] == [
        ("exemplary", 115, 125),
        ("good", 100, 114),
        ("fair", 74, 99),
        ("not-supported-employment", 25, 73),
    ]


def test_item_ids_match_the_spec(scale: Scale) -> None:
    assert [item.id for item in scale.items] == [
        "caseload-size", "employment-services-staff", "vocational-generalists",
        "integration-team-assignment", "integration-team-contact", "dwp-collaboration",
        "vocational-unit", "supervisor-role", "zero-exclusion", "trust-employment-focus",
        "executive-support", "work-incentives-planning", "disclosure", "vocational-assessment",
        "rapid-job-search", "individualised-job-search", "employer-contact-frequency",
        "employer-contact-quality", "job-type-diversity", "employer-diversity",
        "competitive-jobs", "follow-along-support", "time-unlimited-support",
        "community-based-services", "assertive-engagement",
    ]  # fmt: skip


def test_every_principle_groups_items_and_every_item_has_five_anchors(scale: Scale) -> None:
    assert len(scale.principles) == 8
    for item in scale.items:
        assert sorted(item.anchors) == [1, 2, 3, 4, 5]
        assert item.principle in {p.id for p in scale.principles}


def test_component_counts_match_the_scale(scale: Scale) -> None:
    counts = {
        i.number: len(i.measure.components)
        for i in scale.items
        if i.measure and i.measure.components
    }
    assert counts == {5: 5, 8: 5, 10: 5, 11: 5, 13: 4, 25: 6}


def test_no_placeholder_text_is_left(root: Path) -> None:
    for path in sorted((root / "scale").rglob("*.yaml")):
        assert ": TEXT" not in path.read_text(encoding="utf-8"), path


def test_plain_dict_round_trips_through_json(root: Path) -> None:
    import json

    data = load_scale_data(root / "scale")
    assert parse_scale(json.loads(json.dumps(data))) == parse_scale(data)


@pytest.mark.parametrize(
    ("file", "old", "new", "line", "words"),
    [
        ("items/07-vocational-unit.yaml", "\n  5:", "\n  6:", None, "unknown anchor 6"),
        (
            "items/01-caseload-size.yaml",
            "at_most: 25",
            "at_most: 19",
            None,
            "threshold out of order",
        ),
        (
            "items/01-caseload-size.yaml",
            "type: ratio",
            "type: ratios",
            None,
            "unknown measure type 'ratios'",
        ),
        (
            "items/13-disclosure.yaml",
            "id: disclosure",
            "id: caseload-size",
            2,
            "duplicate item id 'caseload-size'",
        ),
        ("items/09-zero-exclusion.yaml", "number: 9", "number: nine", 1, "expected a whole number"),
        ("scale.yaml", "max: 114", "max: 113", None, "without gaps or overlaps"),
        (
            "items/13-disclosure.yaml",
            "title: Disclosure",
            "title: [Disclosure",
            None,
            "not valid YAML",
        ),
        (
            "items/02-employment-services-staff.yaml",
            "number: 2",
            "number: 2\nnumber: 3",
            2,
            "appears twice",
        ),
        ("items/01-caseload-size.yaml", "score: 4", "score: 5", None, "scores must fall"),
    ],
)
def test_mistakes_name_the_file_and_line(
    broken: Callable[[str, str, str], ScaleError],
    file: str,
    old: str,
    new: str,
    line: int | None,
    words: str,
) -> None:
    error = broken(file, old, new)
    assert words in str(error)
    assert error.file is not None and error.file.endswith(file)
    assert error.line is not None
    if line is not None:
        assert error.line == line
    # the reported line really holds (or starts) the offending value
    text = (Path(error.file)).read_text(encoding="utf-8").splitlines()
    assert 1 <= error.line <= len(text)


def test_missing_anchor_is_reported(
    broken: Callable[[str, str, str], ScaleError], root: Path
) -> None:
    text = (root / "scale/items/06-dwp-collaboration.yaml").read_text(encoding="utf-8")
    anchor_3 = next(line for line in text.splitlines() if line.startswith("  3:"))
    error = broken("items/06-dwp-collaboration.yaml", anchor_3, "  9: x")
    assert "anchor" in str(error)


def test_measure_types_are_the_known_ones(scale: Scale) -> None:
    assert {i.measure.type for i in scale.items if i.measure} == set(MEASURE_TYPES)
