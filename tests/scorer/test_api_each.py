"""The team and progress pages send each file as its own text (combine_each_json,
progress_each_json), so the 10 MiB limit applies to each file, as `ips-fidelity combine` and
`history` apply it, and not to all the files together."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scorer import api

ROOT = Path(__file__).resolve().parents[2]
MIB = 1024 * 1024


def texts(folder: str, padding: int = 0) -> list[str]:
    found = []
    for path in sorted((ROOT / "examples" / folder).glob("*.json"))[:2]:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if padding:
            data["items"]["caseload-size"]["note"] = "x" * padding
        found.append(json.dumps(data))
    return found


@pytest.mark.parametrize(("each", "whole", "folder"), [
    (api.combine_each_json, api.combine_json, "team"),
    (api.progress_each_json, api.progress_json, "history"),
])  # fmt: skip
def test_each_file_has_its_own_limit(each: Any, whole: Any, folder: str) -> None:
    six = texts(folder, padding=6 * MIB)
    assert all(6 * MIB < len(text) < 10 * MIB for text in six)
    assert "errors" not in json.loads(each(*six))
    together = json.loads(whole("[" + ",".join(six) + "]"))
    assert "larger than 10 MiB" in together["errors"][0]["message"]
    assert json.loads(each(*texts(folder))) == json.loads(
        whole("[" + ",".join(texts(folder)) + "]")
    )


def test_a_file_over_the_limit_is_named() -> None:
    small, _ = texts("team")
    big = texts("team", padding=11 * MIB)[1]
    message = json.loads(api.combine_each_json(small, big))["errors"][0]["message"]
    assert message.startswith("the assessment 2 is larger than 10 MiB"), message
