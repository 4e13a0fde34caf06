"""The `ips-fidelity` program (and `python -m scorer`): the core's subcommands and the planning tools'.

The one module that sits above both layers, so that the scoring core never imports the planning
tools: cli.py runs the program, planning/commands.py lists the tools' subcommands.

It is also the one place where a failure to write the answer is caught, for every command:
standard output closed (`>&-`), a full disk or device (`> /dev/full`) or any other write error
gives one plain line on standard error and exit status 2, never a traceback. A reader that goes
away early (`| head`) is handled in cli.py, quietly, as Unix tools do.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence

from . import cli
from .planning.commands import COMMANDS

CLOSED = (
    "ips-fidelity: error: standard output is closed, so the answer has nowhere to go; "
    "run the command again with its output going to the terminal or a file"
)


def main(argv: Sequence[str] | None = None) -> int:
    if sys.stdout is None:  # started with standard output closed
        _say(CLOSED)
        return cli.EXIT_INVALID
    try:
        try:
            status = cli.main(argv, extra=COMMANDS)
        except SystemExit:  # argparse's --help, --version and usage errors print, then exit
            sys.stdout.flush()
            raise
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return 1
    except (OSError, ValueError) as error:  # ValueError: the stream was closed under us
        _silence_stdout()
        reason = getattr(error, "strerror", None) or "the output was closed"
        _say(
            "ips-fidelity: error: the answer could not be written to standard output "
            f"({reason}); check where the output goes (a full disk, a closed file) and run "
            "the command again"
        )
        return cli.EXIT_INVALID
    return status


def _say(line: str) -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(line, file=sys.stderr)
        sys.stderr.flush()


def _silence_stdout() -> None:
    """Point standard output at the null device, so that Python's own last flush on exit has
    nothing left to fail on (and reports nothing)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
