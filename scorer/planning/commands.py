"""The planning tools' subcommands of `ips-fidelity`, in the order `--help` lists them."""

from __future__ import annotations

from ..cli import Registrar
from . import readiness, review_plan, timetable, workforce

COMMANDS: tuple[Registrar, ...] = (
    review_plan.register,
    timetable.register,
    workforce.register,
    readiness.register,
)
