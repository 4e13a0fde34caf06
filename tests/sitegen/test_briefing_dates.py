"""What the 2010 briefing reports of the services that applied to its initiative is dated as the
briefing dates it: the call for applications went out in May 2009 (the briefing itself was
published in June 2010), so no item page says services named these barriers "in 2010"."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def briefing_notes() -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {}
    for path in sorted((ROOT / "scale" / "items").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for source in (data.get("improve") or {}).get("sources", []):
            if source["document"] == "developing-centres-of-excellence-2010":
                notes.setdefault(path.name, []).append(" ".join(source["text"].split()))
    return notes


def test_barriers_named_by_applicants_are_dated_to_the_2009_call() -> None:
    notes = briefing_notes()
    barriers = {name: texts for name, texts in notes.items() if any("named" in t for t in texts)}
    assert len(barriers) >= 5
    for name, texts in barriers.items():
        for text in texts:
            assert "In 2010" not in text and "2010 initiative" not in text, name
            assert "the 2009 call" in text, name
