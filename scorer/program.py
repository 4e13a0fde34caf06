"""The `ips-fidelity` program (and `python -m scorer`): the core's subcommands and the planning tools'.

The one module that sits above both layers, so that the scoring core never imports the planning
tools: cli.py runs the program, planning/commands.py lists the tools' subcommands.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import cli
from .planning.commands import COMMANDS


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, extra=COMMANDS)
