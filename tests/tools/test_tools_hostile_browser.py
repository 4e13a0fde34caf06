"""Tool pages given files no one would make by hand: a timetable of thousands of interviews is
refused before a row is built (the page stays usable), and fields named __proto__ or
constructor get the ordinary "unknown field" message, never another field's label or
JavaScript's own words. Files are chosen through each page's labelled file field."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from tools_browser import open_tool

from scorer.planning.timetable import MAX_INTERVIEWS_PER_DAY

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


def test_the_page_and_the_command_line_share_one_limit() -> None:
    script = (ROOT / "overrides" / "assets" / "tools" / "timetable.js").read_text(encoding="utf-8")
    found = re.search(r"export const MAX_INTERVIEWS_PER_DAY = (\d+);", script)
    assert found is not None and int(found[1]) == MAX_INTERVIEWS_PER_DAY


def test_a_timetable_of_thousands_of_interviews_is_refused(
    page: Page, site_url: str, tmp_path: Path
) -> None:
    interview = {"who": "clients", "start": "09:00", "end": "09:10"}
    huge = tmp_path / "huge-timetable.json"
    huge.write_text(json.dumps({"days": [{"interviews": [interview] * 10_000}]}), "utf-8")
    fits = tmp_path / "full-day.json"
    fits.write_text(json.dumps({"days": [{"interviews": [interview] * 3}]}), "utf-8")
    open_tool(page, site_url, "timetable")
    chooser = page.get_by_label("Open a timetable saved from this page")
    chooser.set_input_files(str(huge))
    expect(page.get_by_role("alert")).to_contain_text(
        f"huge-timetable.json was not opened: one day in it lists 10,000 interviews; the "
        f"checker takes at most {MAX_INTERVIEWS_PER_DAY} for one day"
    )
    # Nothing was built from it: the first day still has its one empty row.
    expect(page.get_by_label("Interview 2: who")).to_have_count(0)
    # The page still answers: a timetable of a sensible size opens at once after it.
    chooser.set_input_files(str(fits))
    expect(page.get_by_label("Interview 3: who")).to_have_count(1)
    expect(page.get_by_role("alert")).to_be_hidden()


def test_proto_and_constructor_fields_get_the_ordinary_message(
    page: Page, site_url: str, tmp_path: Path
) -> None:
    odd = tmp_path / "odd-assessment.json"
    odd.write_text(
        '{"__proto__": {"x": 1}, "constructor": "y", "items": {"vocational-unit": {"score": 3}}}',
        "utf-8",
    )
    open_tool(page, site_url, "readiness")
    page.get_by_label("A self-assessment saved from this site (optional)").set_input_files(str(odd))
    expect(page.get_by_role("heading", name="Please check these entries")).to_be_visible()
    for field in ("__proto__", "constructor"):
        link = page.get_by_role("link", name=f"Unknown field '{field}'; an assessment takes")
        expect(link).to_have_count(1)
    beside = page.get_by_text("unknown field '__proto__'", exact=False).first
    expect(beside).to_be_visible()
    shown = page.get_by_role("main").inner_text()
    assert "[object Object]" not in shown and "native code" not in shown
    assert "unknown field 'A self-assessment" not in shown  # not the file field's label
