"""The hooks as MkDocs runs them: a mistake in scale/ or in a content file stops the build with
the file and the line, in one plain line and no traceback. The generation itself is tested
without MkDocs in tests/sitegen/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _build(root: Path, scale: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "IPS_FIDELITY_SCALE": str(scale), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "-d", str(out)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.site
def test_a_scale_mistake_stops_the_build_with_file_and_line(root: Path, tmp_path: Path) -> None:
    scale = tmp_path / "scale"
    shutil.copytree(root / "scale", scale)
    item = next((scale / "items").glob("07-*.yaml"))
    lines = item.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("principle:"))
    lines[number] = "principle: no-such-principle"
    item.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _build(root, scale, tmp_path / "site")
    assert result.returncode != 0
    assert f"{item.name}:{number + 1}: items[6].principle: unknown principle" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.site
def test_a_content_mistake_stops_the_build_with_file_and_line(root: Path, tmp_path: Path) -> None:
    scale = tmp_path / "scale"
    shutil.copytree(root / "scale", scale)
    faq = scale / "faq.yaml"
    lines = faq.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.strip().startswith("answer:"))
    lines[number] = lines[number].replace("answer:", "reply:")
    faq.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _build(root, scale, tmp_path / "site")
    assert result.returncode != 0
    assert f"faq.yaml:{number + 1}: sections.0.questions.0.reply: unknown key 'reply'" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_dev_switches_off_the_material_notice(root: Path) -> None:
    """./dev exports NO_MKDOCS_2_WARNING before any command runs (its lines before the first
    function are run here, not ./dev itself, which would install packages)."""
    prelude = (root / "dev").read_text(encoding="utf-8").split("\nneed_apt()", 1)[0]
    result = subprocess.run(
        ["bash", "-c", prelude + '\nprintf %s "${NO_MKDOCS_2_WARNING:-}"'],
        cwd=root,
        env={k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "1"
