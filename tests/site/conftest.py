"""Fixtures for the site tests: the built pages and the scale YAML read directly.

The YAML is read with PyYAML here, not through the scorer, so the tests compare the built
HTML with what scale/ holds rather than with what the build code believes it holds.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from site_helpers import html_pages


@pytest.fixture(scope="session")
def pages(built_site: Path) -> list[Path]:
    found = html_pages(built_site)
    assert found, "the build produced no pages"
    return found


@pytest.fixture(scope="session")
def scale_yaml(root: Path) -> dict[str, Any]:
    """scale.yaml plus the item files, as plain data."""
    top = yaml.safe_load((root / "scale" / "scale.yaml").read_text(encoding="utf-8"))
    top["items"] = [
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((root / "scale" / "items").glob("*.yaml"))
    ]
    return top


@pytest.fixture(scope="session")
def content_yaml(root: Path) -> dict[str, Any]:
    """faq, centres, review and growth YAML, by file stem."""
    return {
        name: yaml.safe_load((root / "scale" / f"{name}.yaml").read_text(encoding="utf-8"))
        for name in ("faq", "centres", "review", "growth")
    }


@pytest.fixture(scope="session")
def java() -> str:
    path = shutil.which("java")
    if path is None:
        pytest.fail("Java is required for the Nu HTML Checker: ./dev test installs it")
    return path
