"""The scoring core's subcommands of `ips-fidelity`: score, compare, Centre status.

Every subcommand reads JSON or YAML (or '-' for standard input), prints a readable report or,
with --json, the same JSON objects the browser gets. Invalid input exits with status 2.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, NoReturn

from . import __version__
from .centres import centre_status
from .combine import combine
from .compare import compare
from .dates import parse_iso
from .errors import (
    HistoryError,
    InputFileError,
    Problem,
    ProblemsError,
    ScaleError,
    display_name,
    quote,
)
from .history import history
from .inputs import file_label, read_document
from .report import compare_report, score_report, status_report
from .result import score
from .scale import Scale
from .scale_files import default_scale
from .team_report import combine_report, history_report

EXIT_INVALID = 2
EXIT_SCALE = 1
UNEXPECTED = (
    "this input could not be worked out: something in it is outside what the scorer can "
    "handle. Check the figures and dates, and try again"
)

Handler = Callable[[argparse.Namespace, Scale], tuple[Any, str]]
# Adds one subcommand, given `command(name, handler, help)`; how further layers (the planning
# tools, in scorer/program.py) join the program without the core importing them.
Registrar = Callable[[Callable[..., argparse.ArgumentParser]], None]


def _score(args: argparse.Namespace, scale: Scale) -> tuple[Any, str]:
    result = score(read_document(args.file), scale)
    return result, score_report(result, scale)


def _compare(args: argparse.Namespace, scale: Scale) -> tuple[Any, str]:
    old, new = read_document(args.old), read_document(args.new)
    comparison = compare(old, new, scale, names=(str(args.old), str(args.new)))
    return comparison, compare_report(comparison)


def _read_all(files: list[str]) -> list[Any]:
    return [read_document(name) for name in files]


def _combine(args: argparse.Namespace, scale: Scale) -> tuple[Any, str]:
    names = [file_label(name) for name in args.files]
    combined = combine(_read_all(args.files), scale, names=names)
    return combined, combine_report(combined, names, scale)


def _history(args: argparse.Namespace, scale: Scale) -> tuple[Any, str]:
    found = history(_read_all(args.files), scale, names=[file_label(n) for n in args.files])
    return found, history_report(found, scale)


def _centre_status(args: argparse.Namespace, scale: Scale) -> tuple[Any, str]:
    # Checked here rather than by argparse, so that with --json a bad date is reported in the
    # same {"errors": [...]} as any other bad input.
    on = parse_iso(args.on) if args.on is not None else date.today()
    if on is None:
        raise HistoryError(
            [Problem(None, "on", f"the date must be written YYYY-MM-DD, got {quote(args.on)}")]
        )
    status = centre_status(read_document(args.file), on, scale.centre_rules)
    return status, status_report(status, on.isoformat())


def _centres(args: argparse.Namespace, scale: Scale) -> tuple[Any, str]:
    """Every record in scale/centres.yaml (or FILE) with its status on --on (default today)."""
    from .centre_files import FILE_NAME, centre_records, centres_report, load_centres_file
    from .scale_files import scale_directory

    on = parse_iso(args.on) if args.on is not None else date.today()
    if on is None:
        raise HistoryError(
            [Problem(None, "on", f"the date must be written YYYY-MM-DD, got {quote(args.on)}")]
        )
    path = args.file if args.file else str(scale_directory() / FILE_NAME)
    data, locator = load_centres_file(path)
    try:
        records = centre_records(data, locator, on, scale.centre_rules)
    except ScaleError as error:
        field = "".join(
            f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.path
        ).lstrip(".")
        shown_path = file_label(path)
        place = (
            f"{error.file or shown_path}:{error.line}" if error.line else (error.file or shown_path)
        )
        raise HistoryError([Problem(None, field or None, f"{place}: {error.message}")]) from None
    result = {
        "format": "ips-fidelity-centres",
        "version": 1,
        "on": on.isoformat(),
        "centres": [record.to_dict() for record in records],
    }
    return result, centres_report(records, on)


class _Parser(argparse.ArgumentParser):
    """argparse, except that with --json a mistake in the arguments is reported as
    {"errors": [...]} on standard output too, like every other input error."""

    json_errors = False

    def error(self, message: str) -> NoReturn:
        # argparse quotes what was typed: a control character in it is shown, not acted on.
        message = display_name(message)
        if _Parser.json_errors:
            problem = Problem(None, None, f"{self.prog}: {message}")
            print(json.dumps({"errors": [problem.to_dict()]}, indent=2, ensure_ascii=False))
            raise SystemExit(EXIT_INVALID)
        super().error(message)


def build_parser(extra: Sequence[Registrar] = ()) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ips-fidelity",
        description="Score a self-assessment against the UK IPS Fidelity Scale, on this machine only.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    sub = command("score", _score, "score an assessment (JSON or YAML; '-' reads standard input)")
    sub.add_argument("file", metavar="FILE")
    sub = command("compare", _compare, "item-by-item and total change between two assessments")
    sub.add_argument("old", metavar="OLD")
    sub.add_argument("new", metavar="NEW")
    sub = command(
        "combine", _combine, "a team's ratings side by side: 2 to 20 people's assessments"
    )
    sub.add_argument("files", metavar="FILE", nargs="+")
    sub = command("history", _history, "one service's assessments over time, in date order")
    sub.add_argument("files", metavar="FILE", nargs="+")
    sub = command(
        "centre-status", _centre_status, "Centre of Excellence status from a review history"
    )
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--on", metavar="DATE", help="the day to judge, YYYY-MM-DD (default: today)")
    sub = command(
        "centres", _centres, "check scale/centres.yaml and show every record's status on a day"
    )
    sub.add_argument("file", metavar="FILE", nargs="?", help="default: scale/centres.yaml")
    sub.add_argument("--on", metavar="DATE", help="the day to judge, YYYY-MM-DD (default: today)")
    for register in extra:
        register(command)
    for sub in commands.choices.values():
        sub.add_argument("--json", action="store_true", help="print the result as JSON")
    return parser


def main(argv: Sequence[str] | None = None, extra: Sequence[Registrar] = ()) -> int:
    """Run the program with the core's subcommands and any `extra` ones."""
    for stream in (sys.stdout, sys.stderr):
        # A name given on the command line in another encoding is written back escaped
        # rather than stopping the program.
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    try:
        status = _run(argv, extra)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`ips-fidelity ... | head`): stop quietly, as Unix tools do,
        # and keep Python from reporting the same broken pipe again when it exits.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return status


def _run(argv: Sequence[str] | None, extra: Sequence[Registrar]) -> int:
    _Parser.json_errors = "--json" in (sys.argv[1:] if argv is None else argv)
    args = build_parser(extra).parse_args(argv)
    try:
        scale = default_scale()
    except ScaleError as error:
        print(f"ips-fidelity: the scale cannot be loaded: {error}", file=sys.stderr)
        return EXIT_SCALE
    try:
        data, text = args.handler(args, scale)
    except ProblemsError as error:
        return _invalid(args, list(error.problems))
    except InputFileError as error:
        return _invalid(args, [Problem(None, None, str(error))])
    except Exception:  # the last resort: a plain sentence, never a traceback
        return _invalid(args, [Problem(None, None, UNEXPECTED)])
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(text)
    return 0


def _invalid(args: argparse.Namespace, problems: list[Problem]) -> int:
    if args.json:
        print(json.dumps({"errors": [p.to_dict() for p in problems]}, indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            where = " ".join(
                part
                for part in (
                    f"item {problem.item}" if problem.item else "",
                    f"field {problem.field}" if problem.field else "",
                )
                if part
            )
            print(
                f"ips-fidelity: error: {where + ': ' if where else ''}{problem.message}",
                file=sys.stderr,
            )
    return EXIT_INVALID
