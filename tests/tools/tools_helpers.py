"""Builders shared by the planning tool tests, so each test states only what it checks."""

from __future__ import annotations

from typing import Any

GROUPS = ("clinicians", "senior-executives", "employment-specialists", "team-leaders", "clients")


def interview(who: str, start: str, end: str) -> dict[str, Any]:
    return {"who": who, "start": start, "end": end}


def good_day(*, groups: tuple[str, ...] = GROUPS) -> list[dict[str, Any]]:
    """A day that keeps every rule: 5-minute gaps, 15-minute breaks, a 45-minute lunch."""
    who = [groups[i % len(groups)] for i in range(7)]
    return [
        interview(who[0], "09:00", "09:45"),
        interview(who[1], "09:50", "10:30"),
        interview(who[2], "10:45", "11:30"),
        interview(who[3], "11:35", "12:15"),
        interview(who[4], "13:00", "14:00"),
        interview(who[5], "14:05", "15:00"),
        interview(who[6], "15:15", "16:00"),
    ]


def timetable(*days: list[dict[str, Any]]) -> dict[str, Any]:
    return {"days": [{"interviews": list(day)} for day in days]}
