"""Read scale/ YAML on CPython, remembering where every value came from.

The scoring path never imports this module: in the browser the scale arrives as JSON.
Here every value keeps its file and line, so a mistake in scale/ is reported where it is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .errors import ScaleError
from .scale import Scale, parse_scale

Path_ = tuple[str | int, ...]


@dataclass
class Locator:
    """Maps a path inside loaded data, e.g. ("items", 3, "anchors", 2), to (file, line)."""

    places: dict[Path_, tuple[str, int]] = field(default_factory=dict)

    def where(self, path: Path_) -> tuple[str | None, int | None]:
        """The closest recorded place for `path`, walking up to its parents if needed."""
        for end in range(len(path), -1, -1):
            place = self.places.get(path[:end])
            if place is not None:
                return place
        return None, None

    def line(self, path: Path_) -> int | None:
        return self.where(path)[1]

    def error(self, error: ScaleError) -> ScaleError:
        """The same error, with the file and line of the value it is about."""
        file, line = self.where(error.path)
        return ScaleError(error.message, path=error.path, file=file, line=line)


def load_yaml_file(
    path: Path, prefix: Path_ = (), locator: Locator | None = None
) -> tuple[Any, Locator]:
    """Parse one YAML file and record the line of every mapping value and list entry."""
    import yaml

    locator = locator if locator is not None else Locator()
    name = _display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScaleError(f"cannot read the file: {exc.strerror}", file=name) from None
    try:
        # libyaml's parser when PyYAML has it: every command starts by loading the scale, and
        # this makes start-up several times faster. The data and the lines are the same.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        node = yaml.compose(text, Loader=loader)
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScaleError(
            f"not valid YAML: {problem}", file=name, line=mark.line + 1 if mark else None
        ) from None
    if node is not None:
        _record(node, prefix, name, locator)
    return data, locator


def locate(text: str, name: str) -> Locator:
    """Where each value in YAML `text` sits (file `name`, line): for text already read and
    checked against every input limit (no anchors or aliases, not too deep)."""
    import yaml

    locator = Locator()
    node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if node is not None:
        _record(node, (), name, locator)
    return locator


def _record(node: Any, path: Path_, name: str, locator: Locator) -> None:
    import yaml

    locator.places[path] = (name, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[object] = set()
        for key_node, value_node in node.value:
            key = _key(key_node)
            if key in seen:
                raise ScaleError(
                    f"the key {key!r} appears twice",
                    path=(*path, key),
                    file=name,
                    line=key_node.start_mark.line + 1,
                )
            seen.add(key)
            _record(value_node, (*path, key), name, locator)
            # A value is reported at its key's line: that is where a person looks for it.
            locator.places[(*path, key)] = (name, key_node.start_mark.line + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            _record(child, (*path, index), name, locator)


def _key(node: Any) -> str | int:
    if node.tag.endswith(":int"):
        try:
            return int(node.value)
        except ValueError:
            return str(node.value)
    return str(node.value)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_scale_files(directory: Path) -> tuple[dict[str, Any], Locator]:
    """scale.yaml plus items/*.yaml, merged into the one plain dict the scorer validates."""
    directory = Path(directory)
    top, locator = load_yaml_file(directory / "scale.yaml")
    if not isinstance(top, dict):
        raise ScaleError(
            "expected a mapping at the top of the file",
            file=_display(directory / "scale.yaml"),
            line=1,
        )
    if "items" in top:
        raise locator.error(ScaleError("items belong in items/, one file each", path=("items",)))
    files = sorted((directory / "items").glob("*.yaml"))
    if not files:
        raise ScaleError("no item files found", file=_display(directory / "items"))
    items: list[Any] = []
    for index, file in enumerate(files):
        data, _ = load_yaml_file(file, prefix=("items", index), locator=locator)
        items.append(data)
    return {**top, "items": items}, locator


def load_scale_data(directory: Path) -> dict[str, Any]:
    """The scale as a plain dict (what the browser receives as JSON), checked first."""
    data, locator = load_scale_files(directory)
    try:
        parse_scale(data)
    except ScaleError as error:
        raise locator.error(error) from None
    return data


def load_scale(directory: Path) -> Scale:
    """The checked Scale object for the files in `directory`."""
    data, locator = load_scale_files(directory)
    try:
        return parse_scale(data)
    except ScaleError as error:
        raise locator.error(error) from None


def scale_directory() -> Path:
    """scale/ of this checkout, or the folder named by IPS_FIDELITY_SCALE."""
    override = os.environ.get("IPS_FIDELITY_SCALE")
    if override:
        return Path(override)
    here = Path(__file__).resolve().parent
    for parent in (here, *here.parents):
        if (parent / "scale" / "scale.yaml").is_file():
            return parent / "scale"
    raise ScaleError(
        "cannot find the scale: set IPS_FIDELITY_SCALE to the scale/ folder of the project"
    )


@cache
def default_scale() -> Scale:
    """The repository's scale, loaded once per process."""
    loaded: Scale = load_scale(scale_directory())
    return loaded
