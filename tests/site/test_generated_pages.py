"""The other generated pages render every field of their YAML, and the rules with their figures.

Markdown fields are rendered here on their own with Python-Markdown and compared as text, so a
field the template forgets, or text that changes on the way, fails the test.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import markdown
import pytest
from site_helpers import article, text

from scorer.centres import centre_status

pytestmark = pytest.mark.site

EXTENSIONS = ["admonition", "attr_list", "def_list", "md_in_html", "tables", "pymdownx.details"]


def md(source: str) -> str:
    """A Markdown field as the text a reader sees."""
    return text(markdown.markdown(source, extensions=EXTENSIONS))


def page_text(site: Path, path: str) -> str:
    return text(article((site / path / "index.html").read_text("utf-8")))


def page_html(site: Path, path: str) -> str:
    return article((site / path / "index.html").read_text("utf-8"))


def test_scale_at_a_glance(built_site: Path, scale_yaml: dict[str, Any]) -> None:
    shown = page_text(built_site, "scale")
    source = page_html(built_site, "scale")
    for band in scale_yaml["bands"]:
        assert f"{band['min']} to {band['max']} {band['label']}" in shown
    assert f"highest possible total is {scale_yaml['max_total']}" in shown
    threshold = scale_yaml["centre_of_excellence"]["threshold"]
    assert f"totals {threshold} or more" in shown
    for principle in scale_yaml["principles"]:
        assert re.search(rf'<h2 id="{principle["id"]}">{re.escape(principle["title"])}', source)
        assert md(principle["summary"]) in shown
    for item in scale_yaml["items"]:
        link = f'<a href="items/{item["id"]}/">{item["number"]}. {item["title"]}</a>'
        assert link in source, item["id"]
        assert " ".join(item["summary"].split()) in shown
        assert " ".join(item["anchors"][5].split()) in shown


def test_scoring_rules(built_site: Path, scale_yaml: dict[str, Any]) -> None:
    shown = page_text(built_site, "scale/scoring")
    centre = scale_yaml["centre_of_excellence"]
    for band in scale_yaml["bands"]:
        assert f"{band['min']} to {band['max']} {band['label']}" in shown
    assert "the figures decide" in shown
    assert "up to 5 items to work on first" in shown
    assert "lowest score first. Items with the same score are listed in item number order" in shown
    assert "the mean of 2, 3 and 3 is 2.67, which gives 3" in shown
    assert "the mean of 3 and 4 is 3.5, which gives 4" in shown
    assert "The status comes by invitation only" in shown
    assert "makes a service eligible; it does not make it a Centre" in shown
    assert f"its {centre['years']} years are counted from that day" in shown
    assert f"for {centre['years']} years from the date of that review, with no new invitation" in (
        shown
    )
    assert "the service needs a new invitation to hold it again" in shown
    assert "This site's reading, not a rule from the FAQ" in shown
    assert "The FAQ says only that Centre for Mental Health gets in touch" in shown
    assert f"the last {centre['renewal_window_months']} months" in shown
    assert "gives the status" not in shown
    assert f"grace period of {centre['grace_months']} months" in shown
    assert "20 answered items adding up to 80 give a possible range of 85 to 105" in shown
    assert 'a total of 104 is in the "Good IPS fidelity" band, and 11 more points' in shown
    # The worked dates of the contract (site_src/developers.md).
    assert "29 February 2024 plus 3 years is 28 February 2027" in shown
    assert "30 November 2026 plus 3 months is 28 February 2027" in shown
    assert "invited on 1 May 2023 after a review scoring 108 is still a Centre on 1 May 2026" in (
        shown
    )
    assert "has lapsed on 2 May 2026" in shown
    for item in scale_yaml["items"]:
        link = f'href="../items/{item["id"]}/#rule"'
        assert (link in page_html(built_site, "scale/scoring")) == bool(item.get("measure"))


def test_faq(built_site: Path, content_yaml: dict[str, Any]) -> None:
    faq = content_yaml["faq"]
    shown = page_text(built_site, "centres/faq")
    source = page_html(built_site, "centres/faq")
    assert md(faq["intro"]) in shown
    for section in faq["sections"]:
        assert f'<h2 id="{section["id"]}">' in source
        for question in section["questions"]:
            assert re.search(
                rf'<h3 id="{question["id"]}">{re.escape(question["question"])}', source
            )
            assert md(question["answer"]) in shown, question["id"]


def test_centres_directory(built_site: Path, content_yaml: dict[str, Any]) -> None:
    """Every record is shown with its facts; only a current status is listed as visitable."""
    data = content_yaml["centres"]
    source = page_html(built_site, "centres")
    shown = text(source)
    assert md(data["intro"]) in shown
    built_on = re.search(r"worked out on (\d{1,2} [A-Z][a-z]+ \d{4}),", shown)
    assert built_on is not None
    day = datetime.datetime.strptime(built_on[1], "%d %B %Y").date()
    regions = {r["id"]: r["label"] for r in data["regions"]}
    settings = {s["id"]: s["label"] for s in data["settings"]}
    cohorts = {c["id"]: c["label"] for c in data["cohorts"]}
    listed = 'id="current"' in source
    current_section = (
        source[source.index('id="current"') : source.index('id="not-current"')] if listed else ""
    )
    for centre in data["centres"]:
        history = {
            "reviews": [
                {k: str(v) if k != "score" else v for k, v in r.items()} for r in centre["reviews"]
            ],
            "closed": str(centre["closed"]) if centre.get("closed") else None,
            "merged": str(centre["merged"]) if centre.get("merged") else None,
        }
        status = centre_status(history, day)
        block = re.search(
            rf'<section class="ips-centre" data-list="(\w+)"(?: data-listed-until="([0-9-]+)")?'
            rf' data-region="{centre["region"]}"[^>]*>\s*<h3 id="{centre["id"]}">(.*?)</section>',
            source,
            re.S,
        )
        assert block is not None, centre["id"]
        visitable = status["status"] in ("centre", "grace")
        assert block[1] == ("current" if visitable else "other"), centre["id"]
        assert bool(block[2]) == visitable, centre["id"]
        assert (f'id="{centre["id"]}"' in current_section) == visitable
        facts = text(block[3])
        assert facts.startswith(centre["name"])
        assert f"Region {regions[centre['region']]}" in facts
        labels = ", ".join(settings[s] for s in centre.get("settings") or [])
        assert ("Setting" in facts) == bool(labels)
        if labels:
            assert f"Setting {labels}" in facts
        if centre.get("cohort"):
            assert f"Background {cohorts[centre['cohort']]}" in facts
        assert "since 2010" not in facts and "2010 initiative" not in facts
        assert md(centre["notes"]) in facts
        if not centre["reviews"]:
            assert "Reviews on record here None recorded here" in facts
            assert "Status Not recorded here: this site holds no fidelity review" in facts
        for review in centre["reviews"]:
            written = f"{review['date'].day} {review['date']:%B %Y}"
            assert f"{written}: {review['score']} points" in facts
        assert "Not a Centre" not in facts
    if not any(True for _ in re.finditer(r'data-list="current"', source)):
        assert md(data.get("status_note") or "No service holds") in shown


def test_directory_works_without_javascript(built_site: Path) -> None:
    """The filter form, when there is one, is hidden until the script runs; while no Centre is
    listed there is none, and the note on finding a Centre is shown; every record is in the HTML."""
    source = page_html(built_site, "centres")
    form = re.search(r"<form [^>]*>", source)
    note = re.search(r"<div [^>]*data-none-listed[^>]*>", source)
    assert note is not None
    if 'data-list="current"' in source:
        assert form is not None and " hidden" in form[0] and 'role="search"' in form[0]
        assert " hidden" in note[0]
    else:
        assert form is None and " hidden" not in note[0]
    assert not re.search(r'<section class="ips-centre"[^>]* hidden', source)
    full = (built_site / "centres" / "index.html").read_text("utf-8")
    assert re.search(r'<script src="[./]*assets/site/directory\.js(?:\?v=[0-9a-f]+)?" defer>', full)


def test_visiting(built_site: Path, content_yaml: dict[str, Any]) -> None:
    visiting = content_yaml["centres"]["visiting"]
    shown = page_text(built_site, "centres/visiting")
    source = page_html(built_site, "centres/visiting")
    assert md(visiting["intro"]) in shown
    for section in visiting["sections"]:
        assert f'<h2 id="{section["id"]}">{section["title"]}' in source
        assert md(section["body"]) in shown, section["id"]


def test_review_process(built_site: Path, content_yaml: dict[str, Any]) -> None:
    review = content_yaml["review"]
    shown = page_text(built_site, "reviews")
    for field in ("intro", "what_is_a_review", "data_handling", "who_sees_the_score", "reviewers"):
        assert md(review[field]) in shown, field
    assert f"The review takes {review['duration_days']} days" in shown
    for group in review["interviews_with"]:
        assert group["label"] in shown
    rules = review["timetable_rules"]
    assert f"Gap after each interview {rules['minutes_between_interviews']} minutes" in shown
    assert f"Morning break {rules['morning_break_minutes']} minutes" in shown
    assert f"Afternoon break {rules['afternoon_break_minutes']} minutes" in shown
    assert f"Lunch at least {rules['lunch_minutes']} minutes" in shown
    assert md(rules["text"]) in shown
    source = page_html(built_site, "reviews")
    rows = {
        text(what): text(when)
        for block in re.findall(r'<div class="ips-commitments">(.*?)</div>', source, re.S)
        for what, when in re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", block, re.S)
    }
    points = {
        "review-start": "first review day",
        "review-end": "last review day",
        "report-final": "report is finalised",
        "feedback": "feedback session",
    }
    for party in ("reviewer", "service"):
        for commitment in review["commitments"][party]:
            when = rows[md(commitment["text"])]
            deadline = commitment["when"]
            if deadline is None:
                assert when == "No set deadline", commitment["id"]
                continue
            assert points[deadline["relative_to"]] in when, commitment["id"]
            if deadline["offset"]:
                amount = abs(deadline["offset"])
                unit = deadline["unit"] if amount != 1 else deadline["unit"][:-1]
                assert f"{amount} {unit}" in when, commitment["id"]
                side = "before" if deadline["offset"] < 0 else None
                if side or deadline["kind"] == "by":
                    assert ("before" in when) == (deadline["offset"] < 0), commitment["id"]
    support = review["technical_support"]
    assert f"at most {support['max_items']} items of the scale over {support['months']} months" in (
        shown
    )
    assert md(support["text"]) in shown
    for line in support["service_commitments"] + support["reviewer_commitments"]:
        assert " ".join(line.split()) in shown


def _titled(source: str, scale_yaml: dict[str, Any]) -> str:
    """Item links written with empty text, as the page shows them: with the item's title."""
    titles = {item["id"]: " ".join(item["title"].split()) for item in scale_yaml["items"]}
    return re.sub(
        r"\[\]\(scale/items/([a-z0-9-]+)\.md\)",
        lambda m: f"[{titles[m[1]]}](scale/items/{m[1]}.md)",
        source,
    )


def test_growth(built_site: Path, content_yaml: dict[str, Any], scale_yaml: dict[str, Any]) -> None:
    growth = {
        key: _titled(value, scale_yaml) if isinstance(value, str) else value
        for key, value in content_yaml["growth"].items()
    }
    for key in ("stakeholders", "sections"):
        growth[key] = [
            {k: _titled(v, scale_yaml) if isinstance(v, str) else v for k, v in entry.items()}
            for entry in growth[key]
        ]
    shown = page_text(built_site, "growth")
    source = page_html(built_site, "growth")
    assert md(growth["intro"]) in shown
    for target in growth["targets"]:
        qualifier = f"{target['qualifier']} " if target.get("qualifier") else ""
        assert f"{qualifier}{target['people']:,} people by {target['by']}." in shown
        assert md(target["text"]) in shown
    for stakeholder in growth["stakeholders"]:
        assert f'<h3 id="{stakeholder["id"]}">{stakeholder["label"]}' in source
        assert md(stakeholder["text"]) in shown
    assert md(growth["integration_practice"]) in shown
    for section in growth["sections"]:
        assert f'<h2 id="{section["id"]}">{section["title"]}' in source
        assert md(section["body"]) in shown
