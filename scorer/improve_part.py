"""The `improve` part of an item in scale/: the guidance the item's page gives on moving up.

It is checked with the rest of the scale, so a mistake in it is reported with its file and
line. The scorer never uses it to score; the guidance pages do (sitegen/improve.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .errors import quote as _kind
from .schema import Node

# The source documents an item's guidance may draw on, by the id the YAML uses, with the
# title the page shows. The scale is listed for its notes that speak to another item.
DOCUMENTS: Mapping[str, str] = {
    "uk-ips-fidelity-scale": "The UK IPS Fidelity Scale",
    "delivering-high-fidelity-ips": "Delivering a high fidelity IPS service (IPS Grow)",
    "fidelity-review-partnership-agreement": (
        "The fidelity review and technical support partnership agreement (IPS Grow)"
    ),
    "developing-centres-of-excellence-2010": (
        "Developing Centres of Excellence in IPS (Sainsbury Centre, 2010)"
    ),
    "centres-of-excellence-faq": "The IPS Centres of Excellence FAQ",
}

LEVELS = (1, 2, 3, 4)  # the scores a service can move up from


@dataclass(frozen=True)
class SourceNote:
    """What one source document says about the item, in the site's own words."""

    document: str
    title: str
    text: str


@dataclass(frozen=True)
class Improve:
    """How to move up on one item: steps by the score a service has now, and what backs them."""

    steps: Mapping[int, str]
    evidence: str
    sources: tuple[SourceNote, ...]
    suggestion: str | None


def parse_improve(node: Node, *, measured: bool) -> Improve:
    """Check one item's `improve` part. An item without a measure needs a step for 1 to 4."""
    node.mapping(("evidence",), ("steps", "sources", "suggestion"))
    steps: dict[int, str] = {}
    if node.has("steps"):
        steps_node = node["steps"]
        if not isinstance(steps_node.value, Mapping):
            raise steps_node.fail(
                f"expected a mapping of scores 1-4, found {_kind(steps_node.value)}"
            )
        for key in steps_node.value:
            score = int(key) if isinstance(key, str) and key.isdigit() else key
            if score not in LEVELS:
                raise steps_node.fail(
                    f"unknown step {key!r}: steps are for the scores 1, 2, 3 and 4 "
                    "(a service at 5 has no next level)",
                    key,
                )
            steps[int(score)] = steps_node[key].text()
    if not measured:
        missing = [score for score in LEVELS if score not in steps]
        if missing:
            where = node["steps"] if node.has("steps") else node
            raise where.fail(
                "an item without a measure needs a step for each of the scores 1, 2, 3 and 4; "
                f"missing {', '.join(str(s) for s in missing)}"
            )
    sources: list[SourceNote] = []
    if node.has("sources"):
        for entry in node["sources"].entries():
            entry.mapping(("document", "text"))
            document = entry["document"].slug()
            if document not in DOCUMENTS:
                raise entry["document"].fail(
                    f"unknown document {document!r}: use one of {', '.join(DOCUMENTS)}"
                )
            sources.append(SourceNote(document, DOCUMENTS[document], entry["text"].text()))
    return Improve(
        steps=dict(sorted(steps.items())),
        evidence=node["evidence"].text(),
        sources=tuple(sources),
        suggestion=node["suggestion"].text() if node.has("suggestion") else None,
    )
