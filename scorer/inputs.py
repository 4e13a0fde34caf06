"""Reading assessment and history files for the command line: JSON or YAML, or standard input."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .errors import InputFileError


class RepeatedKeyError(ValueError):
    """One object names the same key twice: keeping either answer would silently lose the other."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise RepeatedKeyError(f"the key {key!r} appears twice in one object")
        out[key] = value
    return out


def parse_json(text: str) -> Any:
    """json.loads, except that a repeated key is an error rather than last-one-wins."""
    return json.loads(text, object_pairs_hook=_unique_keys)


def read_document(name: str) -> Any:
    """Parse FILE as JSON, or as YAML when it is not JSON; '-' reads standard input."""
    label = "standard input" if name == "-" else name
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputFileError(label, "no such file") from None
    except IsADirectoryError:
        raise InputFileError(label, "is a folder, not a file") from None
    except UnicodeDecodeError:
        raise InputFileError(label, "is not a text file (JSON or YAML expected)") from None
    except OSError as exc:
        raise InputFileError(label, f"cannot be read: {exc.strerror}") from None
    if not text.strip():
        raise InputFileError(label, "is empty (JSON or YAML expected)")
    try:
        return parse_json(text)
    except RepeatedKeyError as error:
        raise InputFileError(label, f"is not usable: {error}") from None
    except json.JSONDecodeError as json_error:
        if name.lower().endswith(".json"):
            raise InputFileError(
                label,
                f"is not valid JSON: {json_error.msg} at line {json_error.lineno}, "
                f"column {json_error.colno}",
            ) from None
        return _yaml(text, label, json_error)


def _yaml(text: str, label: str, json_error: json.JSONDecodeError) -> Any:
    try:
        import yaml
    except ImportError:
        raise InputFileError(
            label,
            f"is not valid JSON ({json_error.msg} at line {json_error.lineno}); "
            "install PyYAML to read YAML",
        ) from None
    try:
        data = yaml.load(text, Loader=_strict_loader())
    except RepeatedKeyError as error:
        raise InputFileError(label, f"is not usable: {error}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        raise InputFileError(
            label, f"is neither valid JSON nor valid YAML: {problem}{where}"
        ) from None
    if not isinstance(data, (dict, list)):
        raise InputFileError(
            label, "is neither a JSON nor a YAML document of fields (found plain text)"
        )
    return data


def _strict_loader() -> Any:
    """PyYAML's SafeLoader, refusing a mapping that repeats a key."""
    import yaml

    class StrictLoader(yaml.SafeLoader):
        def construct_object(self, node: Any, deep: bool = False) -> Any:
            # A tag or scalar PyYAML cannot turn into a value (2024-02-30, !!int abc) raises
            # ValueError or TypeError while loading: report it at its line like a syntax error.
            try:
                return super().construct_object(node, deep=deep)
            except (ValueError, TypeError, OverflowError) as error:
                if isinstance(error, RepeatedKeyError):
                    raise
                shown = repr(node.value) if isinstance(node, yaml.ScalarNode) else node.tag
                raise yaml.constructor.ConstructorError(
                    None, None, f"the value {shown} cannot be read ({error})", node.start_mark
                ) from None

        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                try:
                    hash(key)
                except TypeError:
                    raise yaml.constructor.ConstructorError(
                        None, None, "a key must be a plain name or number", key_node.start_mark
                    ) from None
                if key in seen:
                    line = key_node.start_mark.line + 1
                    raise RepeatedKeyError(
                        f"the key {key!r} appears twice in one mapping (line {line})"
                    )
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    return StrictLoader
