"""combine's warnings: two files from the same assessor, or the same assessment twice, are
flagged (never refused), by the command line and by the browser's call alike. Also the reading
of the values window.ipsFidelity marks (NaN, Infinity, undefined)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer import api
from scorer.combine import combine
from scorer.program import main
from scorer.scale_files import default_scale

SCALE = default_scale()
IDS = [item.id for item in SCALE.items]


def rated(scores: dict[int, int], **top: Any) -> dict[str, Any]:
    return {**top, "items": {IDS[n - 1]: {"score": s} for n, s in scores.items()}}


def warnings(assessments: list[Any], names: list[str] | None = None) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = combine(assessments, SCALE, names=names)["warnings"]
    return result


def test_the_same_assessor_case_and_spacing_aside() -> None:
    got = warnings(
        [rated({1: 3}, assessor="Ann Smith"), rated({1: 4}, assessor="  ann   SMITH ")],
        ["team-leader.json", "copy.json"],
    )
    assert got == [
        {
            "kind": "same-assessor",
            "files": [0, 1],
            "message": "team-leader.json and copy.json have the same assessor (Ann Smith): the "
            "same person may be counted twice. Leave one out if so.",
        }
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"assessor": "Ann Smith"}, {}),
        ({}, {}),
        ({"assessor": "  "}, {"assessor": ""}),
        ({"assessor": "Ann Smith"}, {"assessor": "Ann Smyth"}),
    ],
    ids=["one gives none", "neither gives one", "blank", "different"],
)
def test_no_assessor_warning_unless_both_give_the_same(
    first: dict[str, Any], second: dict[str, Any]
) -> None:
    assert warnings([rated({1: 3}, **first), rated({1: 4}, **second)]) == []


def test_the_same_content_whatever_the_layout() -> None:
    plain = rated({1: 3, 5: 2}, service="Example Riverside IPS service")
    spelled_out = {"format": "ips-fidelity-assessment", "version": 1, **plain}
    spelled_out["items"] = {IDS[4]: {"score": 2}, IDS[0]: {"score": 3}}  # another key order
    got = warnings([plain, rated({1: 4}), spelled_out], ["a.json", "b.json", "c.yaml"])
    assert [(w["kind"], w["files"]) for w in got] == [("same-content", [0, 2])]
    assert got[0]["message"] == (
        "a.json and c.yaml hold the same assessment: the same ratings may be counted twice. "
        "Leave one out if so."
    )


def test_the_same_content_with_an_assessor_is_one_warning() -> None:
    one = rated({1: 3}, assessor="Ann Smith")
    assert [w["kind"] for w in warnings([one, dict(one)])] == ["same-content"]


def test_a_different_note_is_different_content() -> None:
    first = rated({1: 3})
    second = rated({1: 3})
    second["items"][IDS[0]]["note"] = "checked with the team"
    assert warnings([first, second]) == []


def test_evidence_giving_the_same_score_is_not_the_same_content() -> None:
    by_rating = rated({1: 5})
    by_evidence = {"items": {IDS[0]: {"evidence": {"active_clients": 40, "specialists_fte": 2}}}}
    assert warnings([by_rating, by_evidence]) == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["Ann", "ann ", "Bo", None]), st.sampled_from([1, 2])),
        min_size=2,
        max_size=6,
    )
)
def test_every_pair_is_judged_in_order(people: list[tuple[str | None, int]]) -> None:
    files = [
        rated({1: score}, **({"assessor": who} if who is not None else {})) for who, score in people
    ]
    got = warnings(files)
    expected = []
    for i in range(len(files)):
        for j in range(i + 1, len(files)):
            who_i, who_j = (people[k][0] for k in (i, j))
            same_person = (
                who_i is not None
                and who_j is not None
                and who_i.strip().lower() == who_j.strip().lower()
            )
            if files[i] == files[j]:
                expected.append(("same-content", [i, j]))
            elif same_person:
                expected.append(("same-assessor", [i, j]))
    assert [(w["kind"], w["files"]) for w in got] == expected


def test_the_command_line_shows_them_in_both_forms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team = sorted((Path(__file__).resolve().parents[2] / "examples" / "team").glob("*.json"))
    copy = tmp_path / "copy.json"
    copy.write_text(team[0].read_text(encoding="utf-8"), encoding="utf-8")
    names = [str(p) for p in team] + [str(copy)]
    assert main(["combine", *names, "--json"]) == 0
    found = json.loads(capsys.readouterr().out)["warnings"]
    assert [(w["kind"], w["files"]) for w in found] == [("same-content", [0, 3])]
    assert found[0]["message"].startswith(f"{team[0]} and {copy} hold the same assessment")
    assert main(["combine", *names]) == 0
    report = capsys.readouterr().out
    assert "Check before going on:" in report and found[0]["message"] in report
    assert main(["combine", *names[:3]]) == 0
    assert "Check before going on" not in capsys.readouterr().out


def test_the_browser_call_takes_the_files_names() -> None:
    files = json.dumps([rated({1: 3}, assessor="Ann"), rated({1: 2}, assessor="ANN")])
    named = json.loads(api.combine_json(files, json.dumps(["one.json", "two.json"])))
    assert named["warnings"][0]["message"].startswith("one.json and two.json have the same")
    unnamed = json.loads(api.combine_json(files))
    assert unnamed["warnings"][0]["message"].startswith("assessment 1 and assessment 2 have")
    assert {k: v for k, v in named.items() if k != "warnings"} == {
        k: v for k, v in unnamed.items() if k != "warnings"
    }
    for bad in ('["one.json"]', '"one.json"', "[1, 2]", "not json"):
        answer = json.loads(api.combine_json(files, bad))
        assert set(answer) == {"errors"}, bad


def test_a_file_name_with_control_characters_is_escaped_in_warnings() -> None:
    files = json.dumps([rated({1: 3}), rated({1: 3})])
    answer = json.loads(api.combine_json(files, json.dumps(["a\x1b[2J.json", "b.json"])))
    assert answer["warnings"][0]["message"].startswith("a\\x1b[2J.json and b.json")


# --- values window.ipsFidelity marks --------------------------------------------------------


def mark(value: str) -> str:
    return '{"\\u0000ipsFidelity": "' + value + '"}'


def rated_text(value: str, extra: str = "") -> str:
    return '{"items": {"vocational-unit": {"score": ' + value + extra + "}}}"


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_a_marked_number_reads_as_the_same_number_in_a_file(value: str) -> None:
    as_file = rated_text(value)
    assert json.loads(api.score_json(rated_text(mark(value)))) == json.loads(
        api.score_json(as_file)
    )


def test_undefined_is_refused_only_where_a_number_belongs() -> None:
    undefined = mark("undefined")
    refused = json.loads(api.score_json(rated_text(undefined)))
    assert refused["errors"][0]["field"] == "score"
    assert "missing value" in refused["errors"][0]["message"]
    left_out = json.loads(api.score_json(rated_text("3", ', "note": ' + undefined)))
    assert left_out == json.loads(api.score_json(rated_text("3")))


def test_marks_are_not_read_from_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "marked.json"
    path.write_text(rated_text(mark("NaN")), encoding="utf-8")
    assert main(["score", str(path), "--json"]) == 2
    (error,) = json.loads(capsys.readouterr().out)["errors"]
    assert "NaN cannot be used" not in error["message"]  # an ordinary object where a score belongs
