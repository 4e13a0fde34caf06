"""One exception type per kind of bad input, each carrying messages that quote the input."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


def quote(value: object) -> str:
    """How a message names the value it rejects: the value itself, or what kind of thing it is."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, str):
        return f"the text {value!r}" if value.strip() else "empty text"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, Mapping):
        return "an object"
    return repr(value)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: which item (if any), which field, and what."""

    item: str | None
    field: str | None
    message: str

    def to_dict(self) -> dict[str, str | None]:
        return {"item": self.item, "field": self.field, "message": self.message}


class ScorerError(Exception):
    """Base class: anything the scorer refuses, with a message meant for a person."""


class _ProblemsError(ScorerError):
    """An input with one or more problems, all reported at once so nothing has to be guessed."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(_describe(p) for p in self.problems))

    def to_dict(self) -> dict[str, list[dict[str, str | None]]]:
        return {"errors": [p.to_dict() for p in self.problems]}


def _describe(problem: Problem) -> str:
    where = ".".join(part for part in (problem.item, problem.field) if part)
    return f"{where}: {problem.message}" if where else problem.message


class AssessmentError(_ProblemsError):
    """A self-assessment that cannot be scored as given."""


class HistoryError(_ProblemsError):
    """A Centre of Excellence review history that cannot be read."""


class PlanningError(_ProblemsError):
    """Input to one of the planning tools that cannot be used as given."""


class InputFileError(ScorerError):
    """A file that cannot be read, or is neither JSON nor YAML."""

    def __init__(self, file: str, message: str) -> None:
        self.file = file
        self.message = message
        super().__init__(f"{file}: {message}")


class ScaleError(ScorerError):
    """The scale data in scale/ is malformed: says which file, which line and what is wrong."""

    def __init__(
        self,
        message: str,
        *,
        path: tuple[str | int, ...] = (),
        file: str | None = None,
        line: int | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.file = file
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file or "scale"
        if self.line is not None:
            where += f":{self.line}"
        dotted = _dotted(self.path)
        return f"{where}: {dotted + ': ' if dotted else ''}{self.message}"


def _dotted(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
