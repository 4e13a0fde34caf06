"""scale/centres.yaml on CPython: every directory record checked, with its status on a day.

Shared by `ips-fidelity centres` and the site build (overrides/hooks/content_pages.py), so the
command and the directory page agree and a mistake in the file is reported the same way by
both: file, line and field. The status itself comes from scorer.centres; nothing here decides it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from .centres import centre_status, listed_until
from .dates import with_iso
from .errors import HistoryError, ScaleError
from .inputs import parse_document, read_text
from .scale import CentreRules
from .scale_files import Locator, locate
from .schema import Node

FILE_NAME = "centres.yaml"
REQUIRED = ("id", "name", "region", "notes", "reviews")
OPTIONAL = ("settings", "cohort", "closed", "merged", "contact")
CONTACT = ("website", "email", "open_days")
_EMAIL = re.compile(r"[^@\s<>()\[\]]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
_WEBSITE = re.compile(r"https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/[^\s<>\"']*)?")
_FIELD = re.compile(r"reviews\[([0-9]+)\](?:\.([a-z_]+))?")


@dataclass(frozen=True)
class CentreRecord:
    """One record as the directory shows it: the data, its status and its last listed day."""

    data: dict[str, Any]
    status: dict[str, Any]
    listed_until: date | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.data["id"],
            "name": self.data["name"],
            "reviews_on_file": len(self.data["reviews"]),
            **self.status,
            "listed_until": self.listed_until.isoformat() if self.listed_until else None,
        }


def load_centres_file(name: str) -> tuple[Any, Locator]:
    """The file's data and where each value came from.

    Read as every command reads its input (scorer/inputs.py): the same size and shape limits,
    anchors and aliases refused, only regular files. What is refused is an InputFileError or an
    InputError, as for any other command.
    """
    label, text = read_text(name)
    data = parse_document(text, label, json_only=False, source=label)
    return data, locate(text.removeprefix("\ufeff"), label)


def centre_records(data: Any, locator: Locator, on: date, rules: CentreRules) -> list[CentreRecord]:
    """Every record under `centres` in the file's data, checked, with its status on `on`.

    A mistake raises ScaleError with the file and line of the value it is about.
    """
    try:
        return _records(Node(data), on, rules)
    except ScaleError as error:
        raise locator.error(error) from None


def _labels(root: Node, key: str) -> set[str]:
    if not root.has(key):
        return set()
    return {entry.mapping(("id", "label"))["id"].slug() for entry in root[key].entries()}


def _records(root: Node, on: date, rules: CentreRules) -> list[CentreRecord]:
    if not isinstance(root.value, dict):
        raise root.fail("expected a mapping at the top of the file")
    regions, settings, cohorts = (_labels(root, k) for k in ("regions", "settings", "cohorts"))
    if not isinstance(root["centres"].value, list):
        raise root["centres"].fail("expected a list of records (it may be empty: [])")
    out: list[CentreRecord] = []
    seen: set[str] = set()
    for record in (Node(v, ("centres", i)) for i, v in enumerate(root["centres"].value)):
        record.mapping(REQUIRED, OPTIONAL)
        ident = record["id"].slug()
        if ident in seen:
            raise record["id"].fail(f"a second record with the id {ident!r}")
        seen.add(ident)
        record["name"].text()
        record["notes"].text()
        _member(record["region"], regions, "region")
        if record.has("cohort"):
            _member(record["cohort"], cohorts, "cohort")
        if record.has("settings"):
            if not isinstance(record["settings"].value, list):
                raise record["settings"].fail("expected a list (it may be empty: [])")
            for index in range(len(record["settings"].value)):
                _member(record["settings"][index], settings, "setting")
        if record.has("contact"):
            _contact(record["contact"])
        out.append(_status(record, on, rules))
    return out


def _member(node: Node, known: set[str], kind: str) -> None:
    value = node.slug()
    if value not in known:
        raise node.fail(f"unknown {kind} {value!r}; the file lists: {', '.join(sorted(known))}")


def _contact(node: Node) -> None:
    """Public contact routes only: a web page, a general e-mail address, open days yes/no."""
    node.mapping((), CONTACT)
    if node.has("website") and not _WEBSITE.fullmatch(str(node["website"].value)):
        raise node["website"].fail("expected a web address starting https://")
    if node.has("email") and not _EMAIL.fullmatch(str(node["email"].value)):
        raise node["email"].fail("expected an e-mail address such as ips@example.org")
    if node.has("open_days") and not isinstance(node["open_days"].value, bool):
        raise node["open_days"].fail("expected yes or no (true or false)")


def _status(record: Node, on: date, rules: CentreRules) -> CentreRecord:
    value = record.value
    if not isinstance(value["reviews"], list):
        raise record["reviews"].fail("expected a list of reviews (it may be empty: [])")
    history = {key: value[key] for key in ("reviews", "closed", "merged") if key in value}
    try:
        status = centre_status(history, on, rules)
        last = listed_until(history, on, rules)
    except HistoryError as error:
        problem = error.problems[0]
        raise ScaleError(problem.message, path=(*record.path, *_path(problem.field))) from None
    data = {key: value.get(key) for key in (*REQUIRED, *OPTIONAL)}
    data["settings"] = list(value.get("settings") or [])
    data["contact"] = {key: (value.get("contact") or {}).get(key) for key in CONTACT}
    return CentreRecord(data, status, last)


def _path(field: str | None) -> tuple[str | int, ...]:
    """'reviews[2].invited' as the path ('reviews', 2, 'invited'), which the locator knows."""
    if not field:
        return ()
    match = _FIELD.fullmatch(field)
    if match is None:
        return (field,)
    index, key = match.groups()
    return ("reviews", int(index), key) if key else ("reviews", int(index))


def centres_report(records: list[CentreRecord], on: date) -> str:
    """Every record's status in words, one line each, for the command line."""
    count = f"{len(records)} record" + ("" if len(records) == 1 else "s")
    lines = [f"Centres directory on {_day(on)}: {count}", ""]
    for record in records:
        lines.append(f"{record.data['name']} ({record.data['id']}): {status_words(record)}")
    return "\n".join(lines)


def _day(value: date | str | None) -> str:
    """'1 May 2024 (2024-05-01)': a date as a person reads it, with the ISO form files hold."""
    if value is None:
        return "no date on file"
    return with_iso(value if isinstance(value, str) else value.isoformat())


def status_words(record: CentreRecord) -> str:
    status = record.status
    state = status["status"]
    if not record.data["reviews"]:
        return "status not recorded here (no fidelity review on file)"
    if state == "centre":
        return f"Centre of Excellence, listed until {_day(record.listed_until)}"
    if state == "grace":
        return f"Centre of Excellence in a grace period, listed until {_day(record.listed_until)}"
    if state == "eligible":
        return "eligible (a review reached the threshold) but no invitation on file, not listed"
    if state == "lapsed":
        return f"status ended (last held {_day(status['valid_until'])}), not listed"
    return "no Centre of Excellence status on the reviews on file, not listed"
