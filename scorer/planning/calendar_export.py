"""A review plan as an iCalendar file (RFC 5545) that any calendar program can import.

Only dated steps become events, all of them all-day (VALUE=DATE): a deadline or a fixed day is a
one-day event, a period (within, around) spans its first to its last day, and each review day
is an event of its own. Lines end in CRLF and are folded at 75 octets without splitting a UTF-8
character; text is escaped as section 3.3.11 requires. UIDs are derived from the plan, so
importing an updated plan replaces its events instead of adding copies.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from typing import Any

PRODUCT = "-//IPS Fidelity//Review planner 1.0//EN"
UID_DOMAIN = "review-plan.ips-fidelity"
LINE_OCTETS = 75
CRLF = "\r\n"


def escape_text(value: str) -> str:
    """TEXT value escaping: backslash, semicolon, comma and line breaks."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded into lines of at most 75 octets, joined by CRLF and a space."""
    parts: list[str] = []
    current = ""
    size = 0
    limit = LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            parts.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1  # the leading space takes one octet
        current += char
        size += octets
    parts.append(current)
    return (CRLF + " ").join(parts)


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def _stamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _uid(plan: dict[str, Any], key: str) -> str:
    seed = "|".join([plan.get("service") or "", *plan["review_days"], key])
    return f"{hashlib.sha256(seed.encode('utf-8')).hexdigest()[:24]}@{UID_DOMAIN}"


def _summary(step: dict[str, Any]) -> str:
    """The step's first sentence, so the calendar shows a short title."""
    text: str = step["text"]
    first = text.split(". ")[0].rstrip(".")
    return f"IPS fidelity review: {first}"


def plan_events(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """The events of a plan (the review planner's result): key, first day, last day, texts."""
    events: list[dict[str, Any]] = []
    for stage in plan["stages"]:
        for step in stage["steps"]:
            if not step["dated"]:
                continue
            description = f"{step['party_label']}: {step['text']}\n{step['timing']}"
            if step["kind"] == "days":
                count = len(step["dates"])
                for number, when in enumerate(step["dates"], start=1):
                    day = date.fromisoformat(when)
                    events.append(
                        {
                            "key": f"{step['id']}-{number}",
                            "first": day,
                            "last": day,
                            "summary": f"IPS fidelity review: day {number} of {count}",
                            "description": description,
                        }
                    )
                continue
            first = date.fromisoformat(step["start"])
            last = date.fromisoformat(step["end"])
            events.append(
                {
                    "key": step["id"],
                    "first": first if step["kind"] in ("within", "around") else last,
                    "last": last,
                    "summary": _summary(step),
                    "description": description,
                }
            )
    return events


def plan_to_ics(plan: dict[str, Any], stamp: datetime) -> str:
    """The plan's dated steps as an iCalendar object; `stamp` is the DTSTAMP (made now)."""
    title = "IPS fidelity review" + (f": {plan['service']}" if plan.get("service") else "")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(title)}",
    ]
    for event in plan_events(plan):
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_uid(plan, event['key'])}",
            f"DTSTAMP:{_stamp(stamp)}",
            f"DTSTART;VALUE=DATE:{_day(event['first'])}",
            f"DTEND;VALUE=DATE:{_day(event['last'] + timedelta(days=1))}",
            f"SUMMARY:{escape_text(event['summary'])}",
            f"DESCRIPTION:{escape_text(event['description'])}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


def file_name(plan: dict[str, Any]) -> str:
    """A download name such as 'fidelity-review-2026-06-01.ics'."""
    return f"fidelity-review-{plan['review_days'][0]}.ics"
