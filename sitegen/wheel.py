"""The scorer as a pure-Python wheel, built with the project's own PEP 517 backend.

The browser installs it under Pyodide. Only the scorer package goes in: sitegen is not part of it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from sitegen.errors import BuildError
from sitegen.project import digest

# Wheels are zip files: pin their timestamps so the same sources give the same bytes, and so the
# same service worker version, on every build.
SOURCE_DATE_EPOCH = "315532800"
BUILD_WHEEL = (
    "import sys, setuptools.build_meta as backend; print(backend.build_wheel(sys.argv[1]))"
)


def _quiet(message: str) -> None:
    """The default for `note`: say nothing."""


def wheel_sources(root: Path) -> list[Path]:
    """The files the wheel is built from: the project metadata and the scorer package."""
    names = [root / "pyproject.toml", root / "README.md", *sorted(root.glob("LICENSE*"))]
    package = sorted(
        path
        for path in (root / "scorer").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )
    return [path for path in names if path.is_file()] + package


def build_wheel(root: Path, note: Callable[[str], None] = _quiet) -> tuple[str, bytes]:
    """The wheel's file name and bytes: built, or reused from root/.cache when the sources have
    not changed. `note` hears what was done, for the build's log."""
    sources = wheel_sources(root)
    if not (root / "scorer" / "__init__.py").is_file():
        raise BuildError("assessment_runtime: scorer/__init__.py is missing; nothing to build")
    key = digest(
        *(
            part
            for path in sources
            for part in (str(path.relative_to(root)).encode(), path.read_bytes())
        )
    )[:24]
    cache = root / ".cache" / "assessment-wheel" / key
    cached = sorted(cache.glob("*.whl")) if cache.is_dir() else []
    if cached:
        return cached[0].name, cached[0].read_bytes()

    with tempfile.TemporaryDirectory(prefix="ips-wheel-") as tmp:
        tree = Path(tmp) / "src"
        for path in sources:
            target = tree / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        if not (tree / "README.md").exists():
            # pyproject.toml names README.md as the long description; the browser never reads it.
            note("README.md not found; building the scorer wheel without a long description")
            (tree / "README.md").write_text("", encoding="utf-8")
        out = Path(tmp) / "dist"
        out.mkdir()
        wheel = _run_backend(tree, out)
        cache.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(wheel, cache / wheel.name)
        note(f"built {wheel.name}")
        return wheel.name, wheel.read_bytes()


def _run_backend(tree: Path, out: Path) -> Path:
    """Run setuptools' PEP 517 backend in `tree`, with the venv's own Python; the one wheel."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        done = subprocess.run(
            [sys.executable, "-c", BUILD_WHEEL, str(out)],
            cwd=tree,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError(f"assessment_runtime: could not run the wheel build: {exc}") from None
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        raise BuildError(
            "assessment_runtime: building the scorer wheel with setuptools failed "
            "(is setuptools>=77 installed? run: .venv/bin/pip install -e '.[site]'):\n" + tail
        )
    wheels = sorted(out.glob("*.whl"))
    if len(wheels) != 1 or not wheels[0].name.endswith("-py3-none-any.whl"):
        raise BuildError(
            "assessment_runtime: expected one pure-Python wheel (py3-none-any), got "
            + (", ".join(w.name for w in wheels) or "none")
        )
    return wheels[0]
