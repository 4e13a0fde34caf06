"""Hostile and huge inputs (the limits on input), shared by the command-line, API and Pyodide
tests so that every side is fed exactly the same texts.

Each case is a name and a text (or bytes, for what is not UTF-8). Small ones are built at import;
the ones near or over 10 MiB only when asked for, and written once to a folder.
"""

from __future__ import annotations

import itertools
import json
import re
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

MiB = 1024 * 1024
LIMIT = 10 * MiB
GOOD = '{"items": {"vocational-unit": {"score": 4}}}'


def laughs(where: str) -> str:
    """The "billion laughs" shape: nine aliases of nine aliases ... 9^9 "lol"s in 500 bytes."""
    lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 9):
        lines.append(f"l{level}: &l{level} [" + ",".join([f"*l{level - 1}"] * 9) + "]")
    if where == "top":
        return "\n".join(lines) + "\n"
    body = "\n".join("  " + line for line in lines)
    return f"format: ips-fidelity-assessment\nparts:\n{body}\n{where}: *l8\n"


def deep_json(levels: int, kind: str = "[") -> str:
    if kind == "[":
        return "[" * levels + "]" * levels
    return '{"items": ' * levels + "{}" + "}" * levels


def deep_yaml_block(levels: int) -> str:
    return "".join(" " * i + "a:\n" for i in range(levels)) + " " * levels + "a: 1\n"


def evidence(item: str, **figures: object) -> str:
    return json.dumps({"items": {item: {"evidence": figures}}})


def _with_number(text: str) -> str:
    head = '{"items": {"caseload-size": {"evidence": {"active_clients": '
    return head + text + ', "specialists_fte": 4}}}}'


# Texts every reading path must refuse or answer cheaply. The name says what each one is.
SMALL: dict[str, str | bytes] = {
    "billion laughs, at the top": laughs("top"),
    "billion laughs in version": laughs("version"),
    "billion laughs in format": laughs("format"),
    "YAML merge key": "base: &b {score: 4}\nitems:\n  vocational-unit:\n    <<: *b\n",
    "JSON 33 deep": deep_json(33),
    "JSON 1,000 deep": deep_json(1000),
    "JSON 5,000 deep": deep_json(5000),
    "objects 1,000 deep": deep_json(1000, "{"),
    "JSON 5,000 deep, unclosed": "[" * 5000,
    "YAML 1,000 deep, flow": "items: " + "[" * 1000 + "]" * 1000 + "\n",
    "YAML 40 deep, block": deep_yaml_block(40),
    "5,001-digit number": _with_number("9" * 5001),
    "5,001-digit negative number": _with_number("-" + "9" * 5001),
    "400-digit decimal": _with_number("9" * 400 + ".5"),
    "active_clients 1e27": _with_number("1e27"),
    "active_clients -1e27": _with_number("-1e27"),
    "active_clients 1e309": _with_number("1e309"),
    "tiny FTE": evidence("caseload-size", active_clients=1e9, specialists_fte=5e-324),
    "score NaN": '{"items": {"vocational-unit": {"score": NaN}}}',
    "score Infinity": '{"items": {"vocational-unit": {"score": Infinity}}}',
    "evidence -Infinity": _with_number("-Infinity"),
    "YAML .nan and .inf": "items:\n  caseload-size:\n    evidence: {active_clients: .nan, specialists_fte: .inf}\n",
    "YAML 1.0e+30": "items:\n  caseload-size:\n    evidence: {active_clients: 1.0e+30, specialists_fte: 4}\n",
    "version 1e27": '{"version": 1e27, "items": {}}',
    "score 1e27": '{"items": {"vocational-unit": {"score": 1e27}}}',
    "repeated key": '{"items": {"vocational-unit": {"score": 4, "score": 1}}}',
    "YAML keys 1.0 twice": "items: {}\n1.0: a\n1.0: b\n",
    "YAML keys true twice": "items: {}\ntrue: a\ntrue: b\n",
    "YAML version true": "version: true\nitems: {}\n",
    "YAML date and time": "assessed_on: 2024-02-03 10:00:00\nitems: {}\n",
    "YAML binary": "service: !!binary aGVsbG8=\nitems: {}\n",
    "YAML set": "service: !!set {a, b}\nitems: {}\n",
    "YAML bad date": "assessed_on: 2024-02-30\nitems: {}\n",
    "YAML huge int": "version: " + "9" * 5001 + "\n",
    "assessed_on 0001-01-01": '{"assessed_on": "0001-01-01", "items": {}}',
    "assessed_on 9999-12-31": '{"assessed_on": "9999-12-31", "items": {}}',
    "YAML assessed_on 0001-01-01": "assessed_on: 0001-01-01\nitems: {}\n",
    "history closed 0001-01-01": '{"reviews": [{"date": "2020-10-12", "score": 102}], "closed": "0001-01-01"}',
    "history merged 9999-12-31": '{"reviews": [{"date": "2020-10-12", "score": 102}], "merged": "9999-12-31"}',
    "review in 9999": '{"reviews": [{"date": "9999-06-01", "score": 110}]}',
    "5,000-character value": '{"format": "' + "x" * 5000 + '"}',
    "5,000-character key": '{"' + "k" * 5000 + '": 1}',
    "5,000-character item id": '{"items": {"' + "i" * 5000 + '": {"score": 4}}}',
    "lone surrogate": '{"service": "a\\ud800b", "\\udc00": 1}',
    "byte order mark": "\ufeff" + GOOD,
    "not UTF-8": b'{"service": "\xff\xfe"}',
    "NUL bytes": '{"service": "a\u0000b"}\u0000',
    "empty": "",
    "only spaces": "   \n\t",
    "plain text": "hello",
    "JSON null": "null",
    "JSON number": "42",
    "10,001 unknown items": json.dumps({"items": {f"u{i}": {} for i in range(10_001)}}),
    "10,001 days": evidence("rapid-job-search", days=list(range(10_001))),
    "10,000 days": evidence("rapid-job-search", days=[i % 300 for i in range(10_000)]),
    "10,000 specialists": evidence(
        "employer-contact-frequency",
        tracking="weekly",
        specialists=[
            {"contacts_per_week": i % 9, "looking_for_work": i % 7} for i in range(10_000)
        ],
    ),
}

# What each hostile text is, for the file name the command line reads it from.
YAML_NAMES = {name for name in SMALL if name.startswith(("YAML", "billion"))}


def _keys(count: int) -> list[str]:
    alphabet = string.digits + string.ascii_lowercase
    return ["".join(p) for p in itertools.islice(itertools.product(alphabet, repeat=4), count)]


def _million_unknown() -> str:
    return '{"items":{' + ",".join(f'"{k}":0' for k in _keys(1_000_000)) + "}}"


def _nested_lists() -> str:
    return "[" + ",".join(["[]"] * (9 * MiB // 3)) + "]"


def _note(size: int) -> str:
    head = '{"items": {"vocational-unit": {"score": 4, "note": "'
    tail = '"}}}'
    return head + "n" * (size - len(head) - len(tail)) + tail


def _non_json(size: int) -> str:
    line = "the quick brown fox, jumps over: [the lazy dog\n"
    return (line * (size // len(line) + 1))[:size]


# Near or over 10 MiB: built only when a test asks for them.
BIG: dict[str, Callable[[], str]] = {
    "1,000,000 unknown items (8.6 MiB)": _million_unknown,
    "1.5 million nested lists (9 MiB)": _nested_lists,
    "a note of exactly 10 MiB": lambda: _note(LIMIT),
    "one byte over 10 MiB": lambda: _note(LIMIT + 1),
    "9 MiB of text that is not JSON": lambda: _non_json(9 * MiB),
    "11 MiB of text that is not JSON": lambda: _non_json(11 * MiB),
}


def suffix(name: str) -> str:
    if name in YAML_NAMES:
        return ".yaml"
    if name.startswith(("9 MiB of text", "11 MiB of text", "plain text")):
        return ".txt"
    return ".json"


def write(folder: Path, name: str, text: str | bytes) -> Path:
    # Numbered, not named: a file name must not put words such as "nan" into a message.
    number = list(SMALL).index(name) if name in SMALL else 100 + list(BIG).index(name)
    path = folder / f"case-{number}{suffix(name)}"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    return path


# --- what every answer must look like -------------------------------------------------------

MAX_MESSAGE = 400
MAX_ERRORS = 51  # the first 50, and one counting the rest
# How Python, not a person, would put it: none of this may reach a message.
PYTHON_WORDING = re.compile(
    r"Traceback|\w+Error\b|\w+Exception\b|InvalidOperation|datetime\.|\bb'|\bTrue\b|\bFalse\b|"
    r"\bNone\b|Decimal\(|\binf\b|\bnan\b|set_int_max_str_digits|<class|object at 0x"
)
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
# A run of one hostile character longer than a message may quote.
LONG_RUN = re.compile(r"(x|k|i|9|n)\1{80}")


def bytes_repr(message: str) -> bool:
    """Python's repr of bytes (b'...') in a message, outside the values it quotes ('b', ':b')."""
    quoted = [match.span() for match in QUOTED.finditer(message)]
    return any(
        not any(start <= found.start() < end for start, end in quoted)
        for found in re.finditer(r"\bb'", message)
    )


def messages_of(answer: dict[str, Any]) -> list[str]:
    return [error["message"] for error in answer.get("errors", [])]


def check_answer(answer: Any, *, context: str) -> dict[str, Any]:
    """A result object or {"errors": [...]}, each error plain and short."""
    assert isinstance(answer, dict), context
    if "errors" in answer:
        assert set(answer) == {"errors"}, context
        errors = answer["errors"]
        assert 1 <= len(errors) <= MAX_ERRORS, context
        for error in errors:
            assert set(error) == {"item", "field", "message"}, context
            message = error["message"]
            assert isinstance(message, str) and message.strip(), context
            assert len(message) <= MAX_MESSAGE, f"{context}: {len(message)} characters"
            own_words = QUOTED.sub("", message)  # what was typed may be quoted as it was
            assert not PYTHON_WORDING.search(own_words), f"{context}: {message}"
            assert not bytes_repr(message), f"{context}: {message}"
            for part in (error["item"], error["field"], message):
                assert part is None or not LONG_RUN.search(part), f"{context}: {part[:120]}"
    return answer
