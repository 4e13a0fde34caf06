"""The scale's pages without MkDocs: rule rows in words, the item pages' context, their place in
the navigation, and the pages made from the real scale/."""

from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from scorer.scale import Measure, Threshold
from sitegen.errors import BuildError
from sitegen.rule_rows import banded_rows, component_rows, phase_rows
from sitegen.scale_pages import add_items_to_nav, item_pages, load, scale_pages
from sitegen.templates import environment, md_block, render


def test_rule_rows_close_every_gap() -> None:
    """'above' bands and the otherwise line read as one unbroken range, e.g. 30% exactly."""
    measure = Measure(
        type="specialist_percentage",
        thresholds=(
            Threshold(5, "at_least", Fraction(65)),
            Threshold(4, "at_least", Fraction(50)),
            Threshold(2, "above", Fraction(30)),
        ),
        otherwise=1,
    )
    rows = banded_rows(measure, "%")
    assert [(r["when"], r["score"]) for r in rows] == [
        ("at least 65%", 5),
        ("at least 50% but less than 65%", 4),
        ("more than 30% but less than 50%", 2),
        ("30% or less", 1),
    ]
    downward = Measure(
        type="days",
        thresholds=(Threshold(5, "at_most", Fraction(61, 2)), Threshold(3, "below", Fraction(90))),
        otherwise=1,
    )
    assert [r["when"] for r in banded_rows(downward, " days")] == [
        "at most 30.5 days",
        "more than 30.5 and less than 90 days",
        "90 days or more",
    ]


def test_component_rows_group_equal_scores() -> None:
    rows = component_rows((1, 1, 1, 2, 3, 4, 5))
    assert [(r["when"], r["score"]) for r in rows] == [
        ("all 6", 5),
        ("5 of the 6", 4),
        ("4 of the 6", 3),
        ("3 of the 6", 2),
        ("0 to 2 of the 6", 1),
    ]
    assert [r["when"] for r in component_rows((1, 2, 3, 4, 5))][-1] == "0 of the 4"


def test_phase_rows_are_plain_ranges_and_refuse_fractions() -> None:
    rows = phase_rows(
        (Threshold(5, "at_least", Fraction(5)), Threshold(3, "at_least", Fraction(2))), 5
    )
    assert [r["when"] for r in rows] == ["all 5 phases", "2 to 4 of the 5 phases"]
    with pytest.raises(BuildError, match="whole numbers"):
        phase_rows((Threshold(5, "at_least", Fraction(5, 2)),), 5)


def test_markdown_blocks_keep_their_paragraphs_inside_list_items() -> None:
    assert md_block("First.\n\nSecond\nline.\n", 4) == "First.\n\n    Second\n    line."


def test_a_template_mistake_names_the_template() -> None:
    with pytest.raises(BuildError, match=r"^overrides/generated/item\.md\.j2:\d+: "):
        render(environment(), "item.md.j2", item={}, scale=None)


def test_every_item_page_comes_from_the_scale(root: Path) -> None:
    loaded = load(root / "scale")
    pages = scale_pages(loaded)
    items = [f"scale/items/{item.id}.md" for item in loaded.scale.items]
    assert list(pages) == [*items, "scale/index.md", "scale/scoring.md"]
    first = loaded.scale.items[0]
    assert first.title in pages[items[0]]


def test_item_context_links_each_item_to_its_neighbours(root: Path) -> None:
    scale = load(root / "scale").scale
    items, principles = item_pages(scale)
    assert [i["number"] for i in items] == list(range(1, len(scale.items) + 1))
    assert items[0]["previous"] is None and items[-1]["next"] is None
    assert items[1]["previous"] is items[0] and items[0]["next"] is items[1]
    assert sum(len(p["items"]) for p in principles) == len(items)
    assert all(i in i["principle"]["items"] for i in items)


def _nav() -> list[Any]:
    return [
        {"Home": ["index.md"]},
        {"The scale": ["scale/index.md", "scale/scoring.md"]},
        {"About": ["privacy.md"]},
    ]


def test_items_join_the_section_holding_the_scale_index_once(root: Path) -> None:
    scale = load(root / "scale").scale
    nav = _nav()
    add_items_to_nav(nav, scale)
    section = nav[1]["The scale"]
    added = section[2:]
    assert [next(iter(entry)) for entry in added] == [p.title for p in scale.principles]
    listed = [page for entry in added for pages in entry.values() for page in pages]
    assert listed == [
        f"scale/items/{i.id}.md"
        for p in scale.principles
        for i in scale.items
        if i.principle == p.id
    ]
    add_items_to_nav(nav, scale)
    assert nav[1]["The scale"] == section and len(section) == 2 + len(scale.principles)


def test_a_nav_without_the_scale_index_is_refused(root: Path) -> None:
    with pytest.raises(BuildError, match=r"the nav needs a section containing scale/index\.md"):
        add_items_to_nav([{"Home": ["index.md"]}], load(root / "scale").scale)


def test_a_scale_mistake_names_file_and_line(root: Path, tmp_path: Path) -> None:
    scale = tmp_path / "scale"
    shutil.copytree(root / "scale", scale)
    item = next((scale / "items").glob("07-*.yaml"))
    lines = item.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("principle:"))
    lines[number] = "principle: no-such-principle"
    item.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(BuildError, match=rf"{item.name}:{number + 1}: items\[6\]\.principle"):
        load(scale)
