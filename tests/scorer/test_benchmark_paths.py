"""The benchmark is run on other machines: it names no folder of this one (it prints its
figures, and writes a file only where --out says)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MACHINE_PATH = re.compile(r"""["'`](?:/work|/home|/root|/tmp|/Users|/mnt|/srv)(?:/|["'`])""")


def test_no_machine_path_in_the_benchmarks() -> None:
    scripts = sorted((ROOT / "benchmarks").glob("*.py"))
    assert scripts
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        assert not MACHINE_PATH.search(text), script.name
        assert "/work/notes" not in text, script.name
