"""The one reading of input, for every command and every browser call: JSON, or YAML on the
command line, from a file, standard input or a string.

Each limit of scorer/limits.py is checked as early as it can be: the size before more than the
limit is read, nesting before a recursive parser sees the text, repeated keys, NaN, Infinity and
huge numbers while parsing, every other value straight after. Whatever is refused is an
InputFileError (the text as a whole) or an InputError (values, each with its place).
"""

from __future__ import annotations

import json
import os
import stat
import sys
from typing import Any, BinaryIO

from . import browser_values
from .errors import InputError, InputFileError, Problem, clip, display_name, name
from .limits import (
    MAX_BYTES,
    MAX_YAML_BYTES,
    YAML_SIZE_WORDS,
    Unreadable,
    json_shape,
    shape_message,
    size_message,
    too_many_bytes,
    value_problems,
)

_DIGITS_READ = 30  # a whole number with more digits than this is too large anyway


class RepeatedKeyError(ValueError):
    """One object names the same key twice: keeping either answer would silently lose the other."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise RepeatedKeyError(f"the key {name(key)} appears twice in one object")
        out[key] = value
    return out


def _constant(text: str) -> Unreadable:
    return Unreadable(text)  # NaN, Infinity, -Infinity: JavaScript's JSON has none of them


def _whole(text: str) -> int | Unreadable:
    digits = len(text.lstrip("-"))
    if digits > _DIGITS_READ:  # int() would refuse past 4,300 digits, with Python's words
        return Unreadable(f"a number {digits:,} digits long")
    return int(text)


def _decimal(text: str) -> float | Unreadable:
    value = float(text)
    if value in (float("inf"), float("-inf")):  # written out in full, but beyond any float
        return Unreadable(f"the number {clip(text, 30)}")
    return value


def parse_json(text: str, *, marks: bool = False) -> Any:
    """json.loads, except that a repeated key is an error rather than last-one-wins, and NaN,
    Infinity and over-long numbers are kept as Unreadable for value_problems to report.

    `marks`: the text comes from window.ipsFidelity, which marks the JavaScript values JSON
    cannot hold (scorer/browser_values.py); they are read back as the command line would meet
    them. Only for text that json_shape has passed: the parser recurses without a limit.
    """
    marked = marks and browser_values.marked(text)
    data = json.loads(
        text,
        object_pairs_hook=_marked_pairs if marked else _unique_keys,
        parse_constant=_constant,
        parse_int=_whole,
        parse_float=_decimal,
    )
    return browser_values.settle(data) if marked else data


def _marked_pairs(pairs: list[tuple[str, Any]]) -> Any:
    value = browser_values.value_of(pairs)
    return _unique_keys(pairs) if value is None else value


def read_document(name: str) -> Any:
    """Parse FILE as JSON, or as YAML when it is not JSON; '-' reads standard input."""
    label, text = read_text(name)
    return parse_document(text, label, json_only=name.lower().endswith(".json"), source=label)


def file_label(name: str) -> str:
    """How messages name a file given on the command line: 'standard input' for '-', and any
    control character in the name escaped, so that a name can never drive the terminal."""
    return "standard input" if name == "-" else display_name(name)


def read_text(name: str) -> tuple[str, str]:
    """(label, text) of FILE or of standard input ('-'), within the size limit.

    Only regular files are read: a named pipe, a device (/dev/urandom) or a socket is refused
    without waiting on it. The file is opened without blocking (a pipe with no writer would
    otherwise hold the open for ever) and its type checked on the open file itself.
    """
    label = file_label(name)
    try:
        raw = _read_limited(sys.stdin.buffer) if name == "-" else _read_file(name, label)
    except FileNotFoundError:
        raise InputFileError(label, "no such file") from None
    except IsADirectoryError:
        raise InputFileError(label, "is a folder, not a file") from None
    except OSError as exc:
        raise InputFileError(label, f"cannot be read: {exc.strerror or 'not readable'}") from None
    except ValueError:  # a name holding a NUL character, which no file can have
        raise InputFileError(label, "no such file") from None
    if len(raw) > MAX_BYTES:
        raise InputFileError(label, size_message())
    try:
        # utf-8-sig: a byte order mark, as some editors write, is read the same from a file as
        # from standard input, and then ignored.
        return label, raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputFileError(label, "is not a text file (JSON or YAML expected)") from None


def _read_file(name: str, label: str) -> bytes:
    descriptor = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(name)
        if not stat.S_ISREG(mode):
            raise InputFileError(
                label,
                "is not a regular file (it is a pipe, a device or a socket); give a saved "
                "file, or '-' to read standard input",
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb") as handle:
            descriptor = -1
            return _read_limited(handle)
    finally:
        if descriptor >= 0:
            os.close(descriptor)


def _read_limited(stream: BinaryIO) -> bytes:
    """At most one byte more than the limit: enough to know the limit was passed."""
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_BYTES:
        chunk = stream.read(MAX_BYTES + 1 - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def parse_document(
    text: str,
    label: str,
    *,
    json_only: bool = True,
    source: str | None = None,
    prefix: tuple[str | int, ...] = (),
    marks: bool = False,
) -> Any:
    """The data in `text`, checked against every limit.

    `label` names the text in whole-text errors ("the assessment", a file name); `source`, when
    given, starts each value error's message (which of two files); `prefix` is where the text
    sits in a larger document (an item's evidence: items.<id>.evidence); `marks`, that the
    text comes from window.ipsFidelity (see parse_json).
    """
    if not isinstance(text, str):
        raise InputFileError(label, "is missing: text (JSON) was expected")
    if too_many_bytes(text):
        raise InputFileError(label, size_message())
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputFileError(
            label, "is empty (JSON or YAML expected)" if not json_only else "is empty"
        )
    data = _parse(text, label, json_only, marks)
    problems = value_problems(data, prefix)
    if problems:
        if source:
            problems = [Problem(p.item, p.field, f"{source}: {p.message}") for p in problems]
        raise InputError(problems)
    return data


def _parse(text: str, label: str, json_only: bool, marks: bool = False) -> Any:
    refused = shape_message(json_shape(text))
    if refused:
        if json_only or text.lstrip()[:1] in ("{", "["):
            raise InputFileError(label, refused)
        return _yaml(text, label, None)
    try:
        return parse_json(text, marks=marks)
    except RepeatedKeyError as error:
        raise InputFileError(label, f"is not usable: {error}") from None
    except json.JSONDecodeError as json_error:
        where = f"at line {json_error.lineno}, column {json_error.colno}"
        if json_only:
            raise InputFileError(label, f"is not valid JSON: {json_error.msg} {where}") from None
        return _yaml(text, label, f"{json_error.msg} {where}")


def _yaml(text: str, label: str, json_problem: str | None) -> Any:
    not_json = f"is not valid JSON ({json_problem})" if json_problem else "is not JSON"
    if len(text) > MAX_YAML_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_YAML_BYTES:
        raise InputFileError(
            label, f"{not_json}, and YAML is read only up to {YAML_SIZE_WORDS}: save it as JSON"
        )
    try:
        import yaml

        from .yaml_reader import YamlRefused, load_yaml
    except ImportError:
        raise InputFileError(label, f"{not_json}; install PyYAML to read YAML") from None
    try:
        data = load_yaml(text)
    except YamlRefused as refused:
        where = f" (line {refused.line})" if refused.line else ""
        raise InputFileError(label, f"is not usable: {refused.message}{where}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        raise InputFileError(
            label, f"is neither valid JSON nor valid YAML: {problem}{where}"
        ) from None
    if not isinstance(data, dict | list):
        raise InputFileError(
            label, "is neither a JSON nor a YAML document of fields (found plain text)"
        )
    return data
