"""The one error the generation raises: a mistake that stops the build."""

from __future__ import annotations


class BuildError(Exception):
    """Stops the build. The message says where (file:line where there is one) and what is wrong;
    the generator's adapter shows it as one plain line, never a traceback."""
