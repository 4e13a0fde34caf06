"""The iCalendar export: RFC 5545 line endings, folding, escaping and required properties."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from scorer.planning.calendar_export import escape_text, fold, plan_to_ics
from scorer.planning.review_plan import review_plan
from scorer.planning.rules import Planning

STAMP = datetime(2026, 5, 1, 9, 30, 5, tzinfo=UTC)


def ics_for(planning: Planning, **request: Any) -> str:
    return plan_to_ics(review_plan(request, planning.review), STAMP)


def unfold(text: str) -> list[str]:
    """Content lines as RFC 5545 section 3.1 defines them: CRLF followed by a space continues."""
    assert text.endswith("\r\n")
    return text[:-2].replace("\r\n ", "").split("\r\n")


def events(text: str) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in unfold(text):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            found.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            assert name not in current, f"{name} twice in one event"
            current[name] = value
    return found


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_every_line_ends_in_crlf_and_fits_75_octets(planning: Planning) -> None:
    text = ics_for(planning, start="2026-06-01", report_final="2026-07-10", service="Anytown IPS")
    assert "\n" not in text.replace("\r\n", "")
    assert "\r" not in text.replace("\r\n", "")
    for line in text.split("\r\n")[:-1]:
        assert len(line.encode("utf-8")) <= 75, line
    assert any(line.startswith(" ") for line in text.split("\r\n")), "long lines are folded"


def test_calendar_and_event_properties(planning: Planning) -> None:
    text = ics_for(planning, start="2026-06-01", report_final="2026-07-10")
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    assert any(line.startswith("PRODID:") for line in lines)
    found = events(text)
    # Dated steps: governance, data, observations, 2 review days, destroy data, support plan.
    assert len(found) == 7
    uids = [e["UID"] for e in found]
    assert len(set(uids)) == len(uids)
    for event in found:
        assert event["DTSTAMP"] == "20260501T093005Z"
        first = datetime.strptime(event["DTSTART;VALUE=DATE"], "%Y%m%d").date()
        after = datetime.strptime(event["DTEND;VALUE=DATE"], "%Y%m%d").date()
        assert after > first
        assert event["SUMMARY"] and event["DESCRIPTION"]
        assert "@" in event["UID"]


def test_event_dates_follow_the_plan(planning: Planning) -> None:
    found = events(ics_for(planning, start="2024-03-29", report_final="2024-04-30"))
    by_summary = {unescape(e["SUMMARY"]): e for e in found}
    day_2 = by_summary["IPS fidelity review: day 2 of 2"]
    assert (day_2["DTSTART;VALUE=DATE"], day_2["DTEND;VALUE=DATE"]) == ("20240401", "20240402")
    governance = next(e for e in found if "information governance" in unescape(e["SUMMARY"]))
    # A deadline is a one-day event on the deadline: a month before 29 March 2024 is 29 February.
    assert (governance["DTSTART;VALUE=DATE"], governance["DTEND;VALUE=DATE"]) == (
        "20240229",
        "20240301",
    )
    destroy = next(e for e in found if "Destroy" in unescape(e["SUMMARY"]))
    # A period spans from its first to its last day; DTEND is the day after (exclusive).
    assert (destroy["DTSTART;VALUE=DATE"], destroy["DTEND;VALUE=DATE"]) == (
        "20240430",
        "20240515",
    )


def test_undated_steps_are_not_events(planning: Planning) -> None:
    found = events(ics_for(planning, start="2026-06-01"))
    assert len(found) == 5
    assert not any("Destroy" in e["SUMMARY"] for e in found)


def test_uids_are_stable_for_the_same_plan_and_differ_between_plans(planning: Planning) -> None:
    first = [e["UID"] for e in events(ics_for(planning, start="2026-06-01"))]
    again = [e["UID"] for e in events(ics_for(planning, start="2026-06-01"))]
    other = [e["UID"] for e in events(ics_for(planning, start="2026-06-08"))]
    assert first == again
    assert not set(first) & set(other)


def test_text_is_escaped_and_survives_the_round_trip(planning: Planning) -> None:
    name = "Anytown; North, and \\South\nIPS"
    text = ics_for(planning, start="2026-06-01", service=name)
    calendar_name = next(line for line in unfold(text) if line.startswith("X-WR-CALNAME:"))
    assert (
        calendar_name == "X-WR-CALNAME:IPS fidelity review: Anytown\\; North\\, and \\\\South\\nIPS"
    )
    assert unescape(calendar_name.split(":", 1)[1]) == f"IPS fidelity review: {name}"


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a,b", "a\\,b"),
        ("a;b", "a\\;b"),
        ("a\\b", "a\\\\b"),
        ("a\r\nb", "a\\nb"),
        ("a\rb", "a\\nb"),
        ("plain", "plain"),
    ],
)
def test_escape_text(raw: str, escaped: str) -> None:
    assert escape_text(raw) == escaped


@pytest.mark.parametrize("filler", [0, 1, 2, 3, 70, 73, 74, 75, 76, 150])
def test_folding_never_splits_a_character(filler: int) -> None:
    line = "SUMMARY:" + "x" * filler + "é€😀" * 30
    folded = fold(line)
    parts = folded.split("\r\n")
    for index, part in enumerate(parts):
        assert len(part.encode("utf-8")) <= 75
        if index:
            assert part.startswith(" ") and len(part) > 1
    assert folded.replace("\r\n ", "") == line


def test_a_short_line_is_not_folded() -> None:
    assert fold("VERSION:2.0") == "VERSION:2.0"
    assert fold("X" * 75) == "X" * 75
    assert fold("X" * 76) == "X" * 75 + "\r\n X"


def test_a_naive_stamp_is_read_as_utc(planning: Planning) -> None:
    plan = review_plan({"start": "2026-06-01"}, planning.review)
    naive = plan_to_ics(plan, datetime(2026, 5, 1, 9, 30, 5))
    assert "DTSTAMP:20260501T093005Z" in naive
    shifted = plan_to_ics(plan, datetime(2026, 5, 1, 10, 30, 5, tzinfo=UTC) - timedelta(hours=1))
    assert "DTSTAMP:20260501T093005Z" in shifted
    assert date(2026, 6, 1).strftime("%Y%m%d") in naive
