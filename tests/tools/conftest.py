"""Fixtures for the planning tools: the repository's rules, and for the pages, the built site
served as a static host serves it (with its _headers policy) and Debian's Chromium."""

from __future__ import annotations

import pytest

from scorer.planning.rules import Planning, default_planning
from scorer.scale import Scale
from scorer.scale_files import default_scale


@pytest.fixture(scope="session")
def scale() -> Scale:
    return default_scale()


@pytest.fixture(scope="session")
def planning() -> Planning:
    return default_planning()
