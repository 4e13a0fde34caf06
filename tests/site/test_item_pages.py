"""Every item page shows its five anchors and its scoring thresholds exactly as scale/ holds them.

The expectations come from the YAML files (read with PyYAML), the page content from the built
HTML, so a template or hook that drops, reorders or rewrites a figure fails here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from site_helpers import article, text

pytestmark = pytest.mark.site

PERCENT_TYPES = ("percentage", "team_assignment", "specialist_percentage")


def item_page(site: Path, item: dict[str, Any]) -> str:
    return article((site / "scale" / "items" / item["id"] / "index.html").read_text("utf-8"))


def rule_tables(page: str) -> list[list[tuple[str, int]]]:
    """Each scoring-rule table as (condition text, score) rows."""
    tables = []
    for block in re.findall(r'<div class="ips-rule">(.*?)</div>', page, flags=re.S):
        rows = re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*</tr>", block, flags=re.S)
        tables.append([(text(cond), int(text(score))) for cond, score in rows])
    return tables


def number(value: float | int) -> str:
    """A threshold as the YAML writes it: 20, 95.5."""
    return f"{value:g}"


def scoring_items(scale_yaml: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for item in scale_yaml["items"] if item.get("measure")]


def test_title_principle_and_texts(built_site: Path, scale_yaml: dict[str, Any]) -> None:
    principles = {p["id"]: p for p in scale_yaml["principles"]}
    for item in scale_yaml["items"]:
        page = item_page(built_site, item)
        shown = text(page)
        assert re.search(rf"<h1[^>]*>Item {item['number']}: {re.escape(item['title'])}", page)
        principle = principles[item["principle"]]
        assert f'href="../../#{principle["id"]}"' in page, item["id"]
        assert f"Principle: {principle['title']} (this site's summary of the principle)" in shown, (
            item["id"]
        )
        for field in ("summary", "definition"):
            assert " ".join(item[field].split()) in shown, (item["id"], field)
        for entry in item["evidence_to_gather"]:
            assert " ".join(entry.split()) in shown, (item["id"], entry)
        # The scoring rule is said once, in "How your figures become a score"; the reading
        # (the same rule in a sentence) is the self-assessment's hint, not repeated here.
        assert "How this site reads the scale" not in shown, item["id"]
        if item.get("reading"):
            assert " ".join(item["reading"].split()) not in shown, item["id"]
        assert f'href="../../../self-assessment/#{item["id"]}"' in page, item["id"]


def test_five_anchors_exactly(built_site: Path, scale_yaml: dict[str, Any]) -> None:
    for item in scale_yaml["items"]:
        page = item_page(built_site, item)
        rows = re.findall(
            r'<tr id="score-(\d)" data-score="\d"><th scope="row">(.*?)</th><td>(.*?)</td></tr>',
            page,
        )
        assert [int(score) for score, _, _ in rows] == [1, 2, 3, 4, 5], item["id"]
        for score, label, anchor in rows:
            assert text(label) == f"Score {score}"
            assert text(anchor) == " ".join(item["anchors"][int(score)].split()), (
                item["id"],
                score,
            )


def _phrase(band: dict[str, Any], unit: str) -> str:
    for comparison, words in (
        ("at_least", "at least {}"),
        ("above", "more than {}"),
        ("at_most", "{}"),
        ("below", "less than {}"),
    ):
        if comparison in band:
            return words.format(number(band[comparison]) + unit)
    raise AssertionError(f"band without a comparison: {band}")


def _opposite(band: dict[str, Any], unit: str) -> str:
    for comparison, words in (
        ("at_least", "less than {}"),
        ("above", "{} or less"),
        ("at_most", "more than {}"),
        ("below", "{} or more"),
    ):
        if comparison in band:
            return words.format(number(band[comparison]) + unit)
    raise AssertionError(f"band without a comparison: {band}")


def test_thresholds_exactly(built_site: Path, scale_yaml: dict[str, Any]) -> None:
    """Each band of each measured item has a row with its score and its own figure."""
    for item in scoring_items(scale_yaml):
        measure = item["measure"]
        if "bands" not in measure or measure["type"] == "phases":
            continue  # phases are whole numbers, shown as ranges: test_special_measures
        tables = rule_tables(item_page(built_site, item))
        rows = [row for table in tables for row in table]
        unit = "%" if measure["type"] in PERCENT_TYPES else ""
        for band in measure["bands"]:
            phrase = _phrase(band, unit)
            assert any(score == band["score"] and phrase in cond for cond, score in rows), (
                item["id"],
                band,
                rows,
            )
            if "requires" in band:
                assert any(
                    score == band["without_it"] and phrase in cond and "without" in cond
                    for cond, score in rows
                ), (item["id"], band)
                assert any(
                    score == band["score"]
                    and phrase in cond
                    and "employer contacts are tracked" in cond
                    for cond, score in rows
                ), (item["id"], band)
        if "otherwise" in measure:
            last = measure["bands"][-1]
            opposite = _opposite(last, unit)
            assert any(
                score == measure["otherwise"] and opposite in cond for cond, score in rows
            ), (item["id"], opposite, rows)
        floor = measure.get("floor")
        if floor:
            assert rows[0][1] == floor["score"], item["id"]
            assert f"fewer than {number(floor['minimum'])}" in rows[0][0]
            assert floor["field"].replace("_", " ") in rows[0][0]


def _counts(condition: str) -> range:
    """'all 5', '3 of the 5', '0 or 1 of the 5', '0 to 2 of the 6' as a range of counts."""
    if found := re.fullmatch(r"all (\d+)", condition):
        return range(int(found[1]), int(found[1]) + 1)
    if found := re.fullmatch(r"(\d+) of the \d+", condition):
        return range(int(found[1]), int(found[1]) + 1)
    if found := re.fullmatch(r"(\d+) (?:or|to) (\d+) of the \d+", condition):
        return range(int(found[1]), int(found[2]) + 1)
    raise AssertionError(f"unexpected component row {condition!r}")


def test_component_items(built_site: Path, scale_yaml: dict[str, Any]) -> None:
    """The count table gives the YAML's score for every count; every component has its id."""
    component_items = [i for i in scoring_items(scale_yaml) if i["measure"]["type"] == "components"]
    assert [i["number"] for i in component_items] == [5, 8, 10, 11, 13, 25]
    for item in component_items:
        measure = item["measure"]
        page = item_page(built_site, item)
        (table,) = rule_tables(page)
        by_count = {count: score for cond, score in table for count in _counts(cond)}
        assert by_count == dict(enumerate(measure["score_by_count"])), item["id"]
        section = page[page.index('id="components"') :]
        section = section[: section.index("<h2")]
        listed = re.findall(r"<li>(.*?)</li>", section, re.S)
        assert [text(t) for t in listed] == [
            " ".join(c["text"].split()) for c in measure["components"]
        ], item["id"]


def test_special_measures(built_site: Path, scale_yaml: dict[str, Any]) -> None:
    items = {i["measure"]["type"]: i for i in scoring_items(scale_yaml)}

    contacts = items["specialist_contacts"]
    tables = rule_tables(item_page(built_site, contacts))
    words = {
        "No tracking of employer contacts": "none",
        "A tracking form the supervisor reviews monthly": "monthly",
        "A tracking form the supervisor reviews weekly": "weekly",
    }
    caps = {words[cond]: score for cond, score in tables[1]}
    assert caps == contacts["measure"]["tracking_caps"]
    small = contacts["measure"]["small_caseload"]
    shown = text(item_page(built_site, contacts))
    assert (
        f"fewer than {number(small['fewer_than'])} people looking for work "
        f"who makes at least {number(small['contacts_per_person'])} employer contacts"
    ) in shown
    assert f"each of them scores {small['score']}" in shown

    teams = items["team_assignment"]
    (rows,) = rule_tables(item_page(built_site, teams))
    measure = teams["measure"]
    assert rows[0][1] == measure["separate_programme_score"]
    assert "separate from mental health treatment" in rows[0][0]
    assert rows[1][1] == measure["weak_integration_score"]
    assert "not organised in teams" in rows[1][0]
    assert rows[2][1] == measure["weak_integration_score"]
    assert f"more than {measure['max_teams']} treatment teams" in rows[2][0]

    phases = items["phases"]
    (rows,) = rule_tables(item_page(built_site, phases))
    assert [score for _, score in rows] == [b["score"] for b in phases["measure"]["bands"]]
    assert rows[0][0] == f"all {phases['measure']['phases']} phases"
    for (cond, _), band in zip(rows[1:], phases["measure"]["bands"][1:], strict=True):
        assert cond.startswith(f"{band['at_least']} "), cond


def test_neighbours_and_unmeasured_items(built_site: Path, scale_yaml: dict[str, Any]) -> None:
    items = scale_yaml["items"]
    for index, item in enumerate(items):
        page = item_page(built_site, item)
        if index > 0:
            before = items[index - 1]
            assert f'href="../{before["id"]}/">Item {before["number"]}:' in page
        if index + 1 < len(items):
            after = items[index + 1]
            assert f'href="../{after["id"]}/">Item {after["number"]}:' in page
        if not item.get("measure"):
            assert "How to score it" in text(page)
            assert rule_tables(page) == []


def test_nav_groups_items_by_principle(built_site: Path, scale_yaml: dict[str, Any]) -> None:
    """In the navigation, each principle's section lists its items in scale order."""
    source = (built_site / "scale" / "index.html").read_text("utf-8")
    nav = source[source.index('<nav class="md-nav md-nav--primary') :]
    nav = nav[: nav.index('<nav class="md-nav md-nav--secondary')]
    expected = []
    for principle in scale_yaml["principles"]:
        expected.append(principle["title"])
        expected += [
            f"Item {i['number']}: {i['title']}"
            for i in scale_yaml["items"]
            if i["principle"] == principle["id"]
        ]
    wanted = set(expected)
    found = [
        t
        for t in (text(m) for m in re.findall(r'<span class="md-ellipsis">(.*?)</span>', nav, re.S))
        if t in wanted
    ]
    # Section titles appear twice in Material's nav (the toggle and the panel heading).
    deduplicated = [t for n, t in enumerate(found) if n == 0 or t != found[n - 1]]
    assert deduplicated == expected
