"""Item pages help a service improve: "How to improve" on all 25, the scoring rule said once,
no data key in text a person reads, and the site search ranks the right item first.

The expectations come from the YAML files (read with PyYAML), the page content from the built
HTML. The search ranking is replayed with Material's own search worker in Node, the same code
the browser runs, on the built search index.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from site_helpers import article, text

pytestmark = pytest.mark.site

# Every name the assessment file uses for a piece of evidence (scorer/measures.py). The names
# with an underscore never belong in visible text; the plain-word ones ("count", "present") are
# ordinary English, so for those the check is that no page shows one as a field: in <code>.
EVIDENCE_KEYS = {
    *("percent", "count", "total", "phases", "present", "days", "teams", "specialists"),
    *("separate_programme", "caseload_from_teams_percent", "organised_in_teams", "tracking"),
    *("average_days", "tracks_employer_contacts", "looking_for_work", "contacts_per_week"),
}

# Pages a person reads about the scale; the developers' page is the one that names the keys.
READER_PAGES = ("scale/index.html", "scale/scoring/index.html")

# The queries the site search must answer with the right item first.
QUERIES = {"benefits counselling": "work-incentives-planning", "caseload": "caseload-size"}


def words(markdown: str) -> str:
    """Markdown from scale/ as the page shows it: links become their text."""
    return " ".join(re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown).split())


def item_page(site: Path, item: dict[str, Any]) -> str:
    return article((site / "scale" / "items" / item["id"] / "index.html").read_text("utf-8"))


def improve_section(page: str) -> str:
    start = page.index('id="improve"')
    return page[start : page.index("<h2", start)]


def data_keys(scale_yaml: dict[str, Any]) -> set[str]:
    """Every evidence field name and component id the scale's rules use."""
    keys = set(EVIDENCE_KEYS)
    for item in scale_yaml["items"]:
        measure = item.get("measure") or {}
        keys.update(measure[k] for k in ("numerator", "denominator") if k in measure)
        if "floor" in measure:
            keys.add(measure["floor"]["field"])
        keys.update(b["requires"] for b in measure.get("bands", []) if "requires" in b)
        keys.update(c["id"] for c in measure.get("components", []))
    return keys


def test_how_to_improve_on_every_item(built_site: Path, scale_yaml: dict[str, Any]) -> None:
    for item in scale_yaml["items"]:
        page = item_page(built_site, item)
        assert page.count(">How to improve") == 1, item["id"]
        section = improve_section(page)
        headings = re.findall(r'<h3 id="improve-from-(\d)"[^>]*>(.*?)</h3>', section, re.S)
        assert [(int(n), text(h).rstrip("¶")) for n, h in headings] == [
            (n, f"From {n} to {n + 1}") for n in (1, 2, 3, 4)
        ], item["id"]
        for n in (2, 3, 4, 5):  # each step links to the score it leads to
            assert f'href="#score-{n}"' in section, (item["id"], n)
        shown = text(section)
        improve = item["improve"]
        for score, step in (improve.get("steps") or {}).items():
            assert words(step) in shown, (item["id"], score)
        assert words(improve["evidence"]) in shown, item["id"]
        for note in improve.get("sources", []):
            assert words(note["text"]) in shown, (item["id"], note["document"])
        if "suggestion" in improve:
            suggestion = words(improve["suggestion"])
            assert f"This site's suggestion¶ {suggestion}" in shown, item["id"]
            assert "the site's own reading" in shown, item["id"]


def test_improve_figures_on_the_pages(built_site: Path, scale_yaml: dict[str, Any]) -> None:
    items = {item["id"]: item for item in scale_yaml["items"]}
    caseload = text(improve_section(item_page(built_site, items["caseload-size"])))
    assert (
        "From 4 to 5¶ At most 20 active clients for each full-time specialist. With 4 full-time "
        "specialists, that is at most 80 active clients in all; 100 active clients need at least "
        "5 full-time specialists."
    ) in caseload
    assert "From 3 to 4¶ At most 25 active clients" in caseload
    assert "that is at most 100 active clients in all" in caseload
    jobs = text(improve_section(item_page(built_site, items["competitive-jobs"])))
    assert "At least 10 current jobs: with fewer, the item scores 1 whatever" in jobs
    assert "At least 95%: for example, 48 or more in every 50." in jobs
    contact = text(improve_section(item_page(built_site, items["integration-team-contact"])))
    assert "From 2 to 3¶ At least 3 of the 5 components in place." in contact
    assert "From 4 to 5¶ All 5 components in place." in contact


def test_after_a_review_matches_the_agreement(
    built_site: Path, scale_yaml: dict[str, Any], content_yaml: dict[str, Any]
) -> None:
    support = content_yaml["review"]["technical_support"]
    for item in scale_yaml["items"]:
        shown = text(improve_section(item_page(built_site, item)))
        assert (
            f"works on at most {support['max_items']} items, agreed between IPS Grow and the "
            f"service, for {support['months']} months"
        ) in shown, item["id"]


def test_the_scoring_rule_is_said_once(built_site: Path, scale_yaml: dict[str, Any]) -> None:
    for item in scale_yaml["items"]:
        shown = text(item_page(built_site, item))
        rules = ("How your figures become a score", "How to score it", "How this site reads")
        assert sum(shown.count(heading) for heading in rules) == 1, item["id"]
        if "rule_note" in item:  # what the page adds to its rule is labelled as the site's
            rule = shown[shown.index(rules[0]) : shown.index("How to improve")]
            assert f"This site's reading. {' '.join(item['rule_note'].split())}" in rule


def test_no_data_key_in_text_a_person_reads(built_site: Path, scale_yaml: dict[str, Any]) -> None:
    keys = data_keys(scale_yaml)
    named = sorted(k for k in keys if "_" in k or "-" in k)
    pages = [f"scale/items/{item['id']}/index.html" for item in scale_yaml["items"]]
    for name in [*pages, *READER_PAGES]:
        page = article((built_site / name).read_text("utf-8"))
        shown = text(page)
        found = [k for k in named if re.search(rf"(?<![\w-]){re.escape(k)}(?![\w-])", shown)]
        assert found == [], (name, found)
        codes = [text(c) for c in re.findall(r"<code>(.*?)</code>", page, re.S)]
        assert [c for c in codes if c in keys] == [], (name, codes)
    # The developers' page is where the keys belong: the check above would see them there.
    developers = text(article((built_site / "developers" / "index.html").read_text("utf-8")))
    assert "active_clients" in developers and "specialists_fte" in developers


def replay(node: str, root: Path, site: Path, query: str) -> list[str]:
    """The pages Material's search worker ranks for `query`, best first, run in Node."""
    (worker,) = (root / ".venv").glob(
        "lib/python3*/site-packages/material/templates/assets/javascripts/workers/search.*.js"
    )
    done = subprocess.run(
        [node, "-e", REPLAY, str(worker), str(site / "search" / "search_index.json"), query],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return [page[0] for page in json.loads(done.stdout)]


# Material's worker answers the page through postMessage; here Node's vm gives it a `self`.
REPLAY = """
const fs = require("fs"), vm = require("vm");
const [worker, index, query] = process.argv.slice(1);
const sent = [];
const context = { postMessage: (m) => sent.push(m), console, setTimeout, Promise };
context.self = context;
context.addEventListener = (type, fn) => { context["on" + type] = fn; };
vm.createContext(context);
vm.runInContext(fs.readFileSync(worker, "utf8"), context);
const data = { ...JSON.parse(fs.readFileSync(index, "utf8")), options: { suggest: false } };
(async () => {
  await context.onmessage({ data: { type: 0, data } });
  await context.onmessage({ data: { type: 2, data: query } });
  const pages = sent.find((m) => m.type === 3).data.items;
  console.log(JSON.stringify(pages.map((page) => page.map((section) => section.location))));
})();
"""


def test_search_terms_are_indexed_not_shown(built_site: Path, scale_yaml: dict[str, Any]) -> None:
    """An item's search_terms go into the search index as Material's tags, not onto the page."""
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    tagged = {doc["location"]: doc["tags"] for doc in index["docs"] if doc.get("tags")}
    expected = {
        f"scale/items/{item['id']}/": item["search_terms"]
        for item in scale_yaml["items"]
        if item.get("search_terms")
    }
    assert expected and {k: v for k, v in tagged.items() if k in expected} == expected
    for location in expected:
        page = (built_site / location / "index.html").read_text("utf-8")
        assert "md-tags" not in page, location


@pytest.mark.parametrize("query", list(QUERIES))
def test_search_ranks_the_item_first(node: str, root: Path, built_site: Path, query: str) -> None:
    ranked = replay(node, root, built_site, query)
    assert ranked, query
    assert ranked[0] == f"scale/items/{QUERIES[query]}/", (query, ranked[:3])
