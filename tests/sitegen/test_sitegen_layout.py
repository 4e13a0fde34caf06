"""The generation's shape: MkDocs is imported only by the hooks, each hook is a thin adapter
over sitegen, and sitegen stays out of the scorer wheel.

Read from the source with ast (not by importing), so an import inside a function counts too.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOOKS = ROOT / "overrides" / "hooks"
# Top-level folders that are not the project's own source: installed packages, caches, output.
NOT_OURS = {".venv", "node_modules", ".cache", ".git", "site", "build", "dist"}
MAX_HOOK_LINES = 80


def top_level_imports(path: Path) -> set[str]:
    """The top-level package of every import in `path`, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
    return found


def project_sources() -> list[Path]:
    return sorted(
        path for path in ROOT.rglob("*.py") if not NOT_OURS & set(path.relative_to(ROOT).parts[:-1])
    )


def listed_hooks() -> list[Path]:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return [
        ROOT / name for name in re.findall(r"^\s*-\s*(overrides/hooks/\S+\.py)\s*$", text, re.M)
    ]


def test_the_sources_are_found() -> None:
    sources = project_sources()
    assert ROOT / "sitegen" / "runtime.py" in sources
    assert HOOKS / "assessment_runtime.py" in sources
    assert len(listed_hooks()) >= 7


def test_only_the_hooks_import_mkdocs() -> None:
    outside = [
        path.relative_to(ROOT).as_posix()
        for path in project_sources()
        if HOOKS not in path.parents and "mkdocs" in top_level_imports(path)
    ]
    assert outside == []


@pytest.mark.parametrize("hook", sorted(HOOKS.glob("*.py")), ids=lambda path: path.name)
def test_every_hook_is_a_thin_adapter(hook: Path) -> None:
    lines = len(hook.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_HOOK_LINES, f"{hook.name} has {lines} lines: move its logic to sitegen/"


def test_every_listed_hook_calls_sitegen() -> None:
    for hook in listed_hooks():
        assert hook.is_file(), hook
        assert "sitegen" in top_level_imports(hook), f"{hook.name} does not use sitegen"


def test_sitegen_is_typed_and_not_in_the_wheel() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert not [p for p in project["tool"]["setuptools"]["packages"] if p.startswith("sitegen")]
    assert "sitegen" in project["tool"]["mypy"]["packages"]


def test_the_import_finder_sees_nested_imports(tmp_path: Path) -> None:
    source = tmp_path / "x.py"
    source.write_text("def f():\n    from mkdocs.plugins import x\n    import os.path\n")
    assert top_level_imports(source) == {"mkdocs", "os"}
