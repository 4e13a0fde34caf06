"""A threshold in words, shared by the scorer's rules and the guidance pages' wording.

One module for both, so a page never words a boundary differently from the rule the scorer
applies.
"""

from __future__ import annotations

from .exact import show
from .scale import Threshold


def condition_words(threshold: Threshold, unit: str = "") -> str:
    """A threshold in words ("at least 65%"): the scorer's rules and the guidance pages share
    these words, so a page never words a boundary differently from the scorer."""
    value = show(threshold.value) + unit
    return {
        "at_least": f"at least {value}",
        "above": f"more than {value}",
        "at_most": f"at most {value}",
        "below": f"less than {value}",
    }[threshold.comparison]


def opposite_words(threshold: Threshold, unit: str = "") -> str:
    """The words for a figure that misses `threshold` ("less than 65%")."""
    value = show(threshold.value) + unit
    return {
        "at_least": f"less than {value}",
        "above": f"{value} or less",
        "at_most": f"more than {value}",
        "below": f"{value} or more",
    }[threshold.comparison]
