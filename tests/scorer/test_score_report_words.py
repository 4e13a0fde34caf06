"""The readable report says what the page says about the Centre of Excellence threshold: it is
checked only once every item has a score, and a total 'reaches' it (the FAQ page quotes that
word); points to the next band are counted in plain English (1 point, 9 points)."""

from __future__ import annotations

import pytest

from scorer.report import score_report
from scorer.result import score
from scorer.scale import Scale
from scorer.scale_files import default_scale


@pytest.fixture(scope="module")
def scale() -> Scale:
    return default_scale()


def report(scale: Scale, ratings: dict[int, int]) -> str:
    result = score({"items": {str(n): {"score": s} for n, s in ratings.items()}}, scale)
    return score_report(result, scale)


def threshold_line(text: str) -> str:
    (line,) = [ln for ln in text.splitlines() if ln.startswith("Centre of Excellence threshold")]
    return line


def test_an_incomplete_assessment_is_not_judged_against_the_threshold(scale: Scale) -> None:
    line = threshold_line(report(scale, {1: 5, 2: 5}))
    assert "not checked until every item is answered" in line
    assert "does not reach" not in line


def test_a_complete_assessment_reaches_the_threshold_or_not(scale: Scale) -> None:
    assert "this self-assessment reaches it" in threshold_line(
        report(scale, {n: 4 for n in range(1, 26)})
    )
    below = threshold_line(report(scale, {n: 3 for n in range(1, 26)}))
    assert "this self-assessment does not reach it" in below


def test_points_to_the_next_band_are_counted_in_words(scale: Scale) -> None:
    # 14 fives and 11 fours make 114, one point short of 115; 6 fives and 19 fours make 106.
    text = report(scale, {n: 5 if n <= 14 else 4 for n in range(1, 26)})
    assert "Next band: Exemplary IPS fidelity, 1 more point" in text.splitlines()
    assert "point(s)" not in text
    assert "9 more points" in report(scale, {n: 5 if n <= 6 else 4 for n in range(1, 26)})
