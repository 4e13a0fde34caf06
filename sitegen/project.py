"""Where the project's files are, the build date, and content hashes used as versions."""

from __future__ import annotations

import datetime
import hashlib
import os
from pathlib import Path

from sitegen.errors import BuildError

ROOT = Path(__file__).resolve().parents[1]
OVERRIDES = ROOT / "overrides"
TEMPLATES = OVERRIDES / "generated"

# The folder of the scale's YAML, when not scale/ (the scorer reads the same variable).
SCALE_VARIABLE = "IPS_FIDELITY_SCALE"
# The build date decides which Centres are current. Tests and reproducible builds can pin it.
BUILD_DATE_VARIABLE = "IPS_SITE_BUILD_DATE"


def scale_dir(root: Path) -> Path:
    """scale/ in `root`, or the folder IPS_FIDELITY_SCALE names (as the scorer does)."""
    override = os.environ.get(SCALE_VARIABLE)
    return Path(override) if override else root / "scale"


def build_date() -> datetime.date:
    """Today, unless IPS_SITE_BUILD_DATE gives a YYYY-MM-DD date."""
    value = os.environ.get(BUILD_DATE_VARIABLE)
    if not value:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise BuildError(f"{BUILD_DATE_VARIABLE}={value!r} is not a YYYY-MM-DD date") from None


def digest(*parts: bytes) -> str:
    """A SHA-256 of `parts` in order, each with its length, so no two lists of parts collide."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(len(part).to_bytes(8, "big"))
        hasher.update(part)
    return hasher.hexdigest()


def files_digest(folder: Path, first: bytes = b"") -> str:
    """A short version for `first` and every file in `folder` (names and contents), so a change
    to any of them reaches browsers and caches instead of an old copy."""
    hasher = hashlib.sha256(first)
    for asset in sorted(folder.glob("*")):
        hasher.update(asset.name.encode() + b"\0" + asset.read_bytes())
    return hasher.hexdigest()[:12]


def built_pages(site: Path) -> list[Path]:
    """The built site's HTML pages, in order: not the templates or fragments shipped as files
    under assets/."""
    return sorted(
        path for path in site.rglob("*.html") if "assets" not in path.relative_to(site).parts
    )


def display(path: Path) -> str:
    """A path as build messages show it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
