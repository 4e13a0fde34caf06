"""The figures of "How to improve", worked out by sitegen/improve.py without MkDocs.

Each worked figure is checked against the scorer itself: the figure a step names reaches the
next score, and one less (or one more, for a cap) does not.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from scorer.errors import ScaleError
from scorer.improve_part import parse_improve
from scorer.measures import explain
from scorer.scale import Item, Scale
from scorer.scale_files import load_scale
from scorer.schema import Node
from sitegen.improve import (
    EXAMPLE_CLIENTS,
    EXAMPLE_OUT_OF,
    EXAMPLE_SPECIALISTS,
    improve_context,
    improvement_steps,
)


@pytest.fixture(scope="module")
def scale(root: Path) -> Scale:
    return load_scale(root / "scale")


def figures(item: Item, now: int) -> str:
    (step,) = [s for s in improvement_steps(item) if s.now == now]
    return " ".join(step.figures)


def test_every_item_has_a_step_for_each_score_below_5(scale: Scale) -> None:
    for item in scale.items:
        steps = improvement_steps(item)
        assert [(s.now, s.target) for s in steps] == [(1, 2), (2, 3), (3, 4), (4, 5)]
        for step in steps:
            assert step.figures or step.practice, (item.number, step.now)
        if item.measure is None:
            assert all(s.practice and not s.figures for s in steps), item.number
        context = improve_context(item)
        assert context["evidence"] == item.improve.evidence
        assert [s["target"] for s in context["steps"]] == [2, 3, 4, 5]


def test_caseload_figures_for_a_team_of_four(scale: Scale) -> None:
    item = scale.item("caseload-size")
    assert (EXAMPLE_SPECIALISTS, EXAMPLE_CLIENTS) == (4, 100)
    assert figures(item, 4) == (
        "At most 20 active clients for each full-time specialist. With 4 full-time "
        "specialists, that is at most 80 active clients in all; 100 active clients need at "
        "least 5 full-time specialists."
    )
    assert "at most 25 active clients for each" in figures(item, 3).lower()
    assert "that is at most 100 active clients in all" in figures(item, 3)
    assert "at most 120 active clients in all" in figures(item, 2)
    # 100 / 3.33 is just over 30, so the hundredth above it is the fewest that keeps within 30.
    assert "need at least 3.34 full-time specialists" in figures(item, 2)
    assert "at most 160 active clients in all" in figures(item, 1)
    assert "need at least 2.5 full-time specialists" in figures(item, 1)


def test_caseload_figures_agree_with_the_scorer(scale: Scale) -> None:
    item = scale.item("caseload-size")
    for step in improvement_steps(item):
        text = " ".join(step.figures)
        most = int(re.search(r"at most (\d+) active clients in all", text)[1])  # type: ignore[index]
        fte = re.search(r"need at least ([\d.]+) full-time", text)[1]  # type: ignore[index]

        def score(clients: int | str, specialists: int | str) -> int:
            evidence = {"active_clients": clients, "specialists_fte": specialists}
            return explain(item, evidence).score

        assert score(most, EXAMPLE_SPECIALISTS) >= step.target
        assert score(most + 1, EXAMPLE_SPECIALISTS) < step.target
        assert score(EXAMPLE_CLIENTS, float(fte)) >= step.target
        assert score(EXAMPLE_CLIENTS, float(fte) - 0.01) < step.target


def test_percentage_figures_agree_with_the_scorer(scale: Scale) -> None:
    """Competitive jobs: the floor of current jobs at the first step, then 'k in every 50'."""
    item = scale.item("competitive-jobs")
    assert figures(item, 1) == (
        "At least 10 current jobs: with fewer, the item scores 1 whatever the percentage. "
        "At least 65%: for example, 33 or more in every 50."
    )
    assert figures(item, 4) == "At least 95%: for example, 48 or more in every 50."
    for step in improvement_steps(item):
        least = int(re.search(r"(\d+) or more in every", " ".join(step.figures))[1])  # type: ignore[index]

        def score(count: int, jobs: int = 20) -> int:
            evidence = {"count": count, "total": EXAMPLE_OUT_OF, "current_jobs": jobs}
            return explain(item, evidence).score

        assert score(least) >= step.target
        assert score(least - 1) < step.target
    assert explain(item, {"percent": 100, "current_jobs": 9}).score == 1


def test_components_name_what_is_missing(scale: Scale) -> None:
    item = scale.item("integration-team-contact")
    assert figures(item, 2) == "At least 3 of the 5 components in place."
    assert figures(item, 4) == "All 5 components in place."
    present = {"weekly-team-meetings", "shared-office"}
    steps = {s.now: s for s in improvement_steps(item, present)}
    assert steps[1].missing == ()  # two in place already give a 2
    assert item.measure is not None
    absent = [c.text for c in item.measure.components if c.id not in present]
    assert len(absent) == 3
    assert steps[2].missing == tuple(absent)
    assert "close to the mental health team members" not in " ".join(steps[2].missing)
    everything = set(item.measure.component_ids())
    assert all(s.missing == () for s in improvement_steps(item, everything))
    with pytest.raises(ValueError, match="no component 'weekly-meetings'"):
        improvement_steps(item, {"weekly-meetings"})
    with pytest.raises(ValueError, match="has no components"):
        improvement_steps(scale.item("caseload-size"), set())


def test_specialists_scores_add_up_to_the_mean(scale: Scale) -> None:
    item = scale.item("employer-contact-quality")
    assert "their scores to add up to at least 14 (such as 4, 4, 3 and 3)" in figures(item, 3)
    for step in improvement_steps(item):
        listed = re.search(r"\(such as ([\d, and]+)\)", " ".join(step.figures))[1]  # type: ignore[index]
        ratings = [int(n) for n in re.findall(r"\d", listed)]
        assert explain(item, {"specialists": ratings}).score == step.target
        lowered = sorted(ratings)
        lowered[0] -= 1
        if lowered[0] >= 1:
            assert explain(item, {"specialists": lowered}).score < step.target


def test_contacts_need_weekly_tracking_above_3(scale: Scale) -> None:
    item = scale.item("employer-contact-frequency")
    assert "reviews monthly" in figures(item, 2)
    assert "reviews weekly" in figures(item, 3)
    assert "tracking" not in figures(item, 1)
    assert "fewer than 3 people looking for work" in figures(item, 4)


@pytest.fixture
def broken(root: Path, tmp_path: Path) -> Callable[[str, str, str], ScaleError]:
    """Copy scale/, change one item file, and return the loader's error."""

    def load_with(file: str, old: str, new: str) -> ScaleError:
        copy = tmp_path / f"scale-{len(list(tmp_path.iterdir()))}"
        shutil.copytree(root / "scale", copy)
        target = copy / "items" / file
        text = target.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {file}"
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
        with pytest.raises(ScaleError) as caught:
            load_scale(copy)
        return caught.value

    return load_with


def test_mistakes_in_the_improve_part_name_file_and_line(
    broken: Callable[[str, str, str], ScaleError],
) -> None:
    file = "06-dwp-collaboration.yaml"
    error = broken(file, "    4: >-\n      Do both", "    6: >-\n      Do both")
    assert error.file is not None and error.file.endswith(file) and error.line is not None
    assert "unknown step 6" in error.message
    with pytest.raises(ScaleError, match="missing 2, 3, 4") as caught:
        parse_improve(Node({"evidence": "x", "steps": {1: "y"}}, ("improve",)), measured=False)
    assert caught.value.path == ("improve", "steps")
    assert parse_improve(Node({"evidence": "x"}), measured=True).steps == {}
    error = broken("12-work-incentives-planning.yaml", "document: uk-ips", "document: uk-ips-x")
    assert "unknown document 'uk-ips-x-fidelity-scale'" in error.message
    assert error.line is not None
    error = broken("01-caseload-size.yaml", "\nimprove:\n  evidence:", "\nimprove:\n  proof:")
    assert "unknown key 'proof'" in error.message
    error = broken("01-caseload-size.yaml", "\nimprove:", "\nimproving:")
    assert "improv" in error.message
