"""window.ipsFidelity given JavaScript values JSON cannot hold: NaN, Infinity, -Infinity and
undefined where a number or score belongs get the command line's errors (item, field, message),
never a silent null; elsewhere undefined is left out, as JSON would. One page load, many calls.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from browser_helpers import open_assessment
from playwright.sync_api import Page

from scorer import api

pytestmark = pytest.mark.browser

# Each case is built in the page: NaN, Infinity and undefined must reach the API as JavaScript
# values, not as anything a test harness serialised first.
CALLS = """async () => {
  const f = window.ipsFidelity;
  await f.ready;
  const rated = (score) => ({ items: { "vocational-unit": { score } } });
  const caseload = (clients) => ({
    items: { "caseload-size": { evidence: { active_clients: clients, specialists_fte: 2 } } },
  });
  const dated = (day, score) => ({ assessed_on: day, ...rated(score) });
  return {
    score_nan: await f.score(rated(NaN)),
    score_infinity: await f.score(rated(Infinity)),
    score_minus_infinity: await f.score(rated(-Infinity)),
    score_undefined: await f.score(rated(undefined)),
    evidence_nan: await f.score(caseload(NaN)),
    evidence_undefined: await f.score(caseload(undefined)),
    evidence_list: await f.score({
      items: { "caseload-size": { evidence: { active_clients: 10, specialists_fte: [1, Infinity] } } },
    }),
    service_undefined: await f.score({ service: undefined, note: undefined, ...rated(3) }),
    plain: await f.score(rated(3)),
    centre_nan: await f.centreStatus({ reviews: [{ date: "2023-05-01", score: NaN }] }, "2024-01-01"),
    centre_undefined: await f.centreStatus(
      { reviews: [{ date: "2023-05-01", score: undefined }], closed: undefined },
      "2024-01-01",
    ),
    combine_infinity: await f.combine([rated(3), rated(Infinity)]),
    history_nan: await f.history([dated("2024-01-01", NaN), dated("2024-06-01", 3)]),
    combine_named: await f.combine(
      [
        { assessor: "Ann Smith", ...rated(3) },
        { assessor: " ann  SMITH ", ...rated(4) },
        { assessor: "Bo", ...rated(2) },
        { assessor: "Bo", ...rated(2) },
      ],
      ["team-leader.json", "copy.json", "bo.json", "bo-again.json"],
    ),
    combine_unnamed: await f.combine([rated(2), rated(2)]),
  };
}"""


def cli(function: Any, *texts: str) -> Any:
    """What the scorer answers for JSON text, read as the command line reads a file."""
    return json.loads(function(*texts))


MISSING = "a missing value (undefined) cannot be used: give a number, or leave the field out"


def test_values_json_cannot_hold_get_the_command_lines_errors(
    page: Page, assessment_url: str
) -> None:
    open_assessment(page, assessment_url)
    got = page.evaluate(CALLS)

    def rated(value: str) -> str:
        return json.dumps({"items": {"vocational-unit": {"score": "VALUE"}}}).replace(
            '"VALUE"', value
        )

    for key, value in [
        ("score_nan", "NaN"),
        ("score_infinity", "Infinity"),
        ("score_minus_infinity", "-Infinity"),
    ]:
        expected = cli(api.score_json, rated(value))
        assert got[key] == expected, key
        (error,) = expected["errors"]
        assert (error["item"], error["field"]) == ("vocational-unit", "score")
    assert got["score_undefined"] == {
        "errors": [{"item": "vocational-unit", "field": "score", "message": MISSING}]
    }
    evidence = (
        '{"items": {"caseload-size": {"evidence": {"active_clients": %s, "specialists_fte": 2}}}}'
    )
    assert got["evidence_nan"] == cli(api.score_json, evidence % "NaN")
    assert got["evidence_nan"]["errors"][0]["field"] == "evidence.active_clients"
    assert got["evidence_undefined"] == {
        "errors": [
            {"item": "caseload-size", "field": "evidence.active_clients", "message": MISSING}
        ]
    }
    listed = '{"items": {"caseload-size": {"evidence": {"active_clients": 10, "specialists_fte": [1, Infinity]}}}}'
    assert got["evidence_list"] == cli(api.score_json, listed)
    assert "errors" in got["evidence_list"]
    # undefined where no number belongs is left out, as JSON.stringify does.
    assert got["service_undefined"] == got["plain"] == cli(api.score_json, rated("3"))
    assert "errors" not in got["plain"]

    history = '{"reviews": [{"date": "2023-05-01", "score": NaN}]}'
    assert got["centre_nan"] == cli(api.centre_status_json, history, "2024-01-01")
    assert got["centre_nan"]["errors"][0]["field"] == "reviews[0].score"
    assert got["centre_undefined"] == {
        "errors": [{"item": None, "field": "reviews[0].score", "message": MISSING}]
    }
    assert got["combine_infinity"] == cli(api.combine_json, f"[{rated('3')}, {rated('Infinity')}]")
    assert "errors" in got["combine_infinity"]
    two = '[{"assessed_on": "2024-01-01", "items": {"vocational-unit": {"score": NaN}}}, {"assessed_on": "2024-06-01", "items": {"vocational-unit": {"score": 3}}}]'
    assert got["history_nan"] == cli(api.history_json, two)
    assert "errors" in got["history_nan"]

    # combine's duplicate warnings name the files as given, or "assessment 1".. without names.
    assert got["combine_named"]["warnings"] == [
        {
            "kind": "same-assessor",
            "files": [0, 1],
            "message": "team-leader.json and copy.json have the same assessor (Ann Smith): "
            "the same person may be counted twice. Leave one out if so.",
        },
        {
            "kind": "same-content",
            "files": [2, 3],
            "message": "bo.json and bo-again.json hold the same assessment: the same ratings "
            "may be counted twice. Leave one out if so.",
        },
    ]
    assert [w["message"].split(" hold")[0] for w in got["combine_unnamed"]["warnings"]] == [
        "assessment 1 and assessment 2"
    ]
