"""The review timetable checker: every break rule a draft timetable breaks, and who is missing.

The rules come from review.yaml (`timetable_rules`, `interviews_with`, `duration_days`) and the
lunch window from planning.yaml. How the checker reads a day, as the timetable page explains:

- interviews on a day are taken in order of start time; two that share any minute overlap;
- the gap after an interview runs from its end to the next one's start, and must be at least
  the minimum gap (5 minutes: a 4-minute gap fails, 5 passes);
- a gap of 0 minutes (one interview ending as the next starts) is never a break;
- every day with interviews needs all three breaks the partnership agreement asks for, with
  no exemption for a short day or a part of the day with one interview: a lunch break of at
  least the lunch length (45 minutes: 44 fails, 45 passes), taken as the longest gap that lies
  at least partly inside the lunch window (earliest if two tie), and a break of at least the
  break length (15 minutes) between two interviews in the morning and in the afternoon;
- the morning is the part of the day before lunch and the afternoon the part after it (with no
  lunch, the middle of the window divides them).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import quote as _kind
from ..scale import Scale
from .rules import TimetableRules, clock_minutes
from .tool_inputs import Fields, long_date

FORMAT = "ips-fidelity-timetable-check"
VERSION = 1
DAY_FIELDS = ("date", "interviews")
# The most interviews one day may list. A review day (09:00 to 17:00 or so, with three breaks)
# has room for a few dozen at most; a longer list is a mistake, and refusing it before any row
# is read keeps a file of thousands from freezing the page (overrides/assets/tools/timetable.js
# holds the same figure, and a test keeps the two equal).
MAX_INTERVIEWS_PER_DAY = 60
INTERVIEW_FIELDS = ("who", "start", "end", "note")
# Written like a time (two digits, a colon, two digits) but not one of the day: "25:00".
_SHAPED = re.compile(r"[0-9]{2}:[0-9]{2}")


@dataclass(frozen=True)
class Interview:
    number: int  # 1-based position in the day as entered
    who: str
    start: int  # minutes after midnight
    end: int


@dataclass(frozen=True)
class Gap:
    start: int
    end: int

    @property
    def minutes(self) -> int:
        return self.end - self.start

    def to_dict(self) -> dict[str, Any]:
        return {"start": clock(self.start), "end": clock(self.end), "minutes": self.minutes}


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def check_timetable(request: object, rules: TimetableRules) -> dict[str, Any]:
    """The findings for `request` ({days: [{date?, interviews: [{who, start, end, note?}]}]})."""
    days = _read(request, rules)
    labels = {group.id: group.label for group in rules.groups}
    breaches: list[dict[str, Any]] = []
    summaries: list[dict[str, Any]] = []
    for number, (when, interviews) in enumerate(days, start=1):
        summary, found = _check_day(number, when, interviews, rules, labels)
        summaries.append(summary)
        breaches += found
    if len(days) < rules.days:
        breaches.append(
            {
                "rule": "days",
                "day": None,
                "interviews": [],
                "message": f"The review lasts {rules.days} days; this timetable has {len(days)}.",
            }
        )
    counts = {group.id: 0 for group in rules.groups}
    for _, interviews in days:
        for interview in interviews:
            counts[interview.who] += 1
    not_covered = [group.id for group in rules.groups if counts[group.id] == 0]
    return {
        "format": FORMAT,
        "version": VERSION,
        "ok": not breaches and not not_covered,
        "breaches": breaches,
        "days": summaries,
        "groups": [
            {"id": group.id, "label": group.label, "interviews": counts[group.id]}
            for group in rules.groups
        ],
        "not_covered": not_covered,
        "rules": {
            "minutes_between_interviews": rules.min_gap,
            "morning_break_minutes": rules.morning_break,
            "afternoon_break_minutes": rules.afternoon_break,
            "lunch_minutes": rules.lunch,
            "lunch_window": {"from": clock(rules.lunch_from), "to": clock(rules.lunch_to)},
            "days": rules.days,
        },
    }


def _read(request: object, rules: TimetableRules) -> list[tuple[str | None, list[Interview]]]:
    fields = Fields(request, ("days",), what="the timetable")
    raw = fields.data.get("days")
    if not fields.problems and raw is None:
        fields.problem("days", f"days is required: a list of up to {rules.days} review days")
    elif raw is not None and (not isinstance(raw, list) or not raw):
        fields.problem("days", f"days must be a non-empty list of review days, got {_kind(raw)}")
    elif isinstance(raw, list) and len(raw) > rules.days:
        fields.problem(
            "days", f"the review lasts {rules.days} days, but {len(raw)} days were given"
        )
    fields.done()
    assert isinstance(raw, list)
    known = [group.id for group in rules.groups]
    out: list[tuple[str | None, list[Interview]]] = []
    for index, entry in enumerate(raw):
        day = fields.child(f"days[{index}]", entry, DAY_FIELDS, "each day")
        when = day.day("date")
        listed = day.data.get("interviews", [])
        interviews: list[Interview] = []
        if not isinstance(listed, list):
            day.problem("interviews", f"interviews must be a list, got {_kind(listed)}")
            listed = []
        elif len(listed) > MAX_INTERVIEWS_PER_DAY:
            day.problem("interviews", too_many_interviews(len(listed)))
            listed = []
        for position, item in enumerate(listed):
            row = day.child(f"interviews[{position}]", item, INTERVIEW_FIELDS, "each interview")
            who = row.data.get("who")
            if who is None:
                row.problem(
                    "who",
                    "who is required: choose the group interviewed "
                    f"({'; '.join(group.label for group in rules.groups)})",
                )
            elif who not in known:
                row.problem("who", f"who must be one of {', '.join(known)}, got {_kind(who)}")
            row.text("note")
            times = [clock_minutes(row.data.get(name)) for name in ("start", "end")]
            for name, minutes in zip(("start", "end"), times, strict=True):
                if minutes is None:
                    value = row.data.get(name)
                    if value is None:
                        message = f"{name} is required: a time written HH:MM, like 09:30"
                    elif isinstance(value, str) and _SHAPED.fullmatch(value):
                        message = (
                            f"{name} must be a time of day from 00:00 to 23:59, got {_kind(value)}"
                        )
                    else:
                        message = (
                            f"{name} must be a time written HH:MM (24-hour), like 09:30, "
                            f"got {_kind(value)}"
                        )
                    if isinstance(value, int) and not isinstance(value, bool):
                        # YAML reads an unquoted 10:15 as the number 615 (minutes).
                        message += '; in a YAML file, put times in quotes, such as "10:15"'
                    row.problem(name, message)
            start, end = times
            if start is not None and end is not None and end <= start:
                row.problem(
                    "end",
                    f"the interview must end after it starts ({clock(start)}), got {clock(end)}",
                )
            elif start is not None and end is not None and isinstance(who, str) and who in known:
                interviews.append(Interview(position + 1, who, start, end))
        out.append((when.isoformat() if when else None, interviews))
    fields.done()
    return out


def too_many_interviews(count: int) -> str:
    """Why a day of `count` interviews is refused (the page says the same)."""
    return (
        f"this day lists {count:,} interviews; the checker takes at most "
        f"{MAX_INTERVIEWS_PER_DAY} for one day, more than a review day has room for. "
        "Check that the file is the review's timetable"
    )


def _check_day(
    number: int,
    when: str | None,
    interviews: list[Interview],
    rules: TimetableRules,
    labels: dict[str, str],
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    name = f"Day {number}"

    def called(interview: Interview) -> str:
        return (
            f"interview {interview.number} ({labels[interview.who]}, "
            f"{clock(interview.start)}-{clock(interview.end)})"
        )

    breaches: list[dict[str, Any]] = []

    def breach(rule: str, message: str, *involved: Interview) -> None:
        breaches.append(
            {
                "rule": rule,
                "day": number,
                "interviews": [i.number for i in involved],
                "message": f"{name}: {message}",
            }
        )

    ordered = sorted(interviews, key=lambda i: (i.start, i.end, i.number))
    gaps: list[Gap] = []
    latest: Interview | None = None
    for interview in ordered:
        if latest is not None:
            if interview.start < latest.end:
                breach(
                    "overlap",
                    f"{called(latest)} and {called(interview)} overlap.",
                    latest,
                    interview,
                )
            else:
                gap = Gap(latest.end, interview.start)
                gaps.append(gap)
                if gap.minutes < rules.min_gap:
                    breach(
                        "gap",
                        f"only {gap.minutes} minute{'s' if gap.minutes != 1 else ''} between "
                        f"{called(latest)} and {called(interview)}; leave at least "
                        f"{rules.min_gap}.",
                        latest,
                        interview,
                    )
        if latest is None or interview.end > latest.end:
            latest = interview

    breaks = [gap for gap in gaps if gap.minutes > 0]
    lunch = _lunch(breaks, rules)
    summary: dict[str, Any] = {
        "day": number,
        "date": when,
        "date_text": long_date(date.fromisoformat(when)) if when else None,
        "interviews": len(interviews),
        "starts": clock(ordered[0].start) if ordered else None,
        "ends": clock(max(i.end for i in ordered)) if ordered else None,
        "lunch": lunch.to_dict() if lunch else None,
        "lunch_needed": False,
        "morning_break": None,
        "afternoon_break": None,
    }
    if not ordered:
        return summary, breaches
    window = f"{clock(rules.lunch_from)} and {clock(rules.lunch_to)}"
    # The agreement asks for lunch on every review day, however short: no exemption.
    summary["lunch_needed"] = True
    if lunch is None:
        breach(
            "lunch",
            f"there is no lunch break: leave at least {rules.lunch} minutes between "
            f"interviews at some time between {window}.",
        )
    elif lunch.minutes < rules.lunch:
        breach(
            "lunch",
            f"the lunch break ({clock(lunch.start)}-{clock(lunch.end)}) is {lunch.minutes} "
            f"minutes; it needs at least {rules.lunch}.",
        )
    middle = (rules.lunch_from + rules.lunch_to) // 2
    split_start, split_end = (lunch.start, lunch.end) if lunch else (middle, middle)
    for part, minimum, gap_inside in (
        ("morning", rules.morning_break, [g for g in breaks if g.end <= split_start]),
        ("afternoon", rules.afternoon_break, [g for g in breaks if g.start >= split_end]),
    ):
        longest = max(gap_inside, key=lambda g: (g.minutes, -g.start), default=None)
        summary[f"{part}_break"] = longest.to_dict() if longest else None
        # Also with one interview, or none, in this part of the day: the agreement has no
        # exemption.
        if longest is None or longest.minutes < minimum:
            have = (
                f"the longest gap is {longest.minutes} minutes ({clock(longest.start)}-"
                f"{clock(longest.end)})"
                if longest
                else f"there is no gap between interviews in the {part}"
            )
            breach(
                f"{part}-break",
                f"the {part} needs a break of at least {minimum} minutes between interviews; "
                f"{have}.",
            )
    return summary, breaches


def _lunch(gaps: list[Gap], rules: TimetableRules) -> Gap | None:
    """The longest gap at least partly inside the lunch window; the earliest of equals."""
    inside = [g for g in gaps if g.start < rules.lunch_to and g.end > rules.lunch_from]
    return max(inside, key=lambda g: (g.minutes, -g.start), default=None)


def timetable_report(check: dict[str, Any]) -> str:
    """The findings in words, for the command line."""
    rules = check["rules"]
    lines = [
        "Review timetable check",
        "======================",
        f"Rules: {rules['minutes_between_interviews']} minutes between interviews; a "
        f"{rules['morning_break_minutes']}-minute break in the morning and a "
        f"{rules['afternoon_break_minutes']}-minute break in the afternoon; at least "
        f"{rules['lunch_minutes']} minutes for lunch (taken between "
        f"{rules['lunch_window']['from']} and {rules['lunch_window']['to']}).",
        "",
    ]
    for day in check["days"]:
        heading = f"Day {day['day']}" + (f" ({day['date_text']})" if day["date"] else "")
        if not day["interviews"]:
            lines.append(f"{heading}: no interviews yet.")
            continue
        lunch = day["lunch"]
        count = day["interviews"]
        lines.append(
            f"{heading}: {count} interview{'s' if count != 1 else ''}, {day['starts']} to "
            f"{day['ends']}; "
            + (
                f"lunch {lunch['start']}-{lunch['end']} ({lunch['minutes']} minutes)."
                if lunch
                else "no lunch break."
            )
        )
    lines.append("")
    if check["breaches"]:
        lines.append(f"Rules broken ({len(check['breaches'])}):")
        lines += [f"- {b['message']}" for b in check["breaches"]]
    else:
        lines.append("Every break rule is kept.")
    missing = [g["label"] for g in check["groups"] if g["id"] in check["not_covered"]]
    if missing:
        lines.append("Not yet interviewed: " + "; ".join(missing) + ".")
    else:
        lines.append("Every stakeholder group is interviewed.")
    return "\n".join(lines)


# --- the command line -----------------------------------------------------------------------


def register(command: Callable[..., argparse.ArgumentParser]) -> None:
    """`ips-fidelity timetable FILE`: FILE is JSON or YAML, '-' for standard input."""
    sub = command(
        "timetable",
        _command,
        "check a review timetable's breaks and stakeholder groups (JSON or YAML)",
    )
    sub.add_argument("file", metavar="FILE")


def _command(args: argparse.Namespace, scale: Scale) -> tuple[Any, str]:
    from ..inputs import read_document
    from .rules import command_planning

    check = check_timetable(read_document(args.file), command_planning(scale).timetable)
    return check, timetable_report(check)
