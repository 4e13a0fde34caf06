"""Limits on input, as the browser meets them: every function of scorer.api and
scorer.planning.api answers hostile and huge text with a result or {"errors": [...]}, in plain
words, and never raises. Generated text (hypothesis) checks the same for any string at all.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import pytest
from hostile_inputs import BIG, GOOD, SMALL, check_answer, messages_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer import api
from scorer.errors import InputError, InputFileError
from scorer.inputs import parse_document
from scorer.planning import api as tools_api


def api_calls(text: str) -> dict[str, Callable[[], str]]:
    return {
        "score_json": lambda: api.score_json(text),
        "compare_json (old)": lambda: api.compare_json(text, GOOD),
        "compare_json (new)": lambda: api.compare_json(GOOD, text),
        "centre_status_json": lambda: api.centre_status_json(text, "2026-11-23"),
        "explain_json": lambda: api.explain_json("caseload-size", text),
        "read_json": lambda: api.read_json(text),
        "combine_each_json": lambda: api.combine_each_json(GOOD, text),
        "progress_each_json": lambda: api.progress_each_json(text, GOOD),
        "review_plan_json": lambda: tools_api.run_tool("review_plan_json", text),
        "review_plan_ics": lambda: tools_api.run_tool("review_plan_ics", text, "2026-01-01T00:00Z"),
        "timetable_json": lambda: tools_api.run_tool("timetable_json", text),
        "workforce_json": lambda: tools_api.run_tool("workforce_json", text),
        "readiness_json": lambda: tools_api.run_tool("readiness_json", text, "2026-11-23"),
    }


def as_text(value: str | bytes) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else value


@pytest.mark.parametrize("name", list(SMALL))
def test_every_browser_call_answers_every_hostile_text(name: str) -> None:
    text = as_text(SMALL[name])
    for function, call in api_calls(text).items():
        started = time.perf_counter()
        answer = json.loads(call())
        seconds = time.perf_counter() - started
        check_answer(answer, context=f"{function}({name})")
        if seconds > 0.5:
            print(f"{seconds:6.2f} s  {function}({name})")


@pytest.mark.parametrize("name", list(BIG))
def test_every_browser_call_answers_huge_text(name: str) -> None:
    text = BIG[name]()
    for function, call in api_calls(text).items():
        started = time.perf_counter()
        answer = check_answer(json.loads(call()), context=f"{function}({name})")
        print(f"{time.perf_counter() - started:6.2f} s  {function}({name})")
        if name == "one byte over 10 MiB":
            assert "10 MiB" in messages_of(answer)[0]


def test_browser_calls_given_no_text_answer_with_errors() -> None:
    for call in (
        lambda: api.score_json(None),  # type: ignore[arg-type]
        lambda: api.compare_json(GOOD, 42),  # type: ignore[arg-type]
        lambda: api.explain_json(None, None),  # type: ignore[arg-type]
        lambda: api.centre_status_json("{}", "x" * 5000),
        lambda: tools_api.run_tool("timetable_json"),
        lambda: tools_api.run_tool(None),  # type: ignore[arg-type]
        lambda: tools_api.run_tool("nope" * 1000, "{}"),
        lambda: tools_api.run_tool("readiness_json", "{}", "0001-01-01"),
        lambda: tools_api.run_tool("review_plan_ics", '{"start": "2027-03-02"}', "x" * 5000),
    ):
        answer = check_answer(json.loads(call()), context="no text")
        assert "errors" in answer


# --- what each refusal says -------------------------------------------------------------------


def refusal(name: str) -> str:
    answer = json.loads(api.score_json(as_text(SMALL[name])))
    assert "errors" in answer, name
    return " | ".join(messages_of(answer))


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("JSON 33 deep", "32 levels"),
        ("JSON 5,000 deep", "32 levels"),
        ("JSON 5,000 deep, unclosed", "32 levels"),
        ("objects 1,000 deep", "32 levels"),
        ("5,001-digit number", "10^9"),
        ("5,001-digit negative number", "10^9"),
        ("400-digit decimal", "10^9"),
        ("active_clients 1e27", "10^9"),
        ("active_clients 1e309", "10^9"),
        ("score NaN", "NaN"),
        ("score Infinity", "Infinity"),
        ("score 1e27", "10^9"),
        ("version 1e27", "10^9"),
        ("repeated key", "appears twice"),
        ("assessed_on 0001-01-01", "1900 to 2199"),
        ("assessed_on 9999-12-31", "1900 to 2199"),
        ("10,001 unknown items", "10,000"),
        ("10,001 days", "10,000"),
        ("lone surrogate", "broken character"),
    ],
)
def test_each_refusal_says_which_limit(name: str, words: str) -> None:
    assert words in refusal(name)


def test_a_value_over_the_limit_is_placed_at_its_item_and_field() -> None:
    answer = json.loads(api.score_json(as_text(SMALL["active_clients 1e27"])))
    assert answer == {
        "errors": [
            {
                "item": "caseload-size",
                "field": "evidence.active_clients",
                "message": "1e+27 is too large: numbers must be finite and at most "
                "1,000,000,000 (10^9) in size",
            }
        ]
    }
    calculator = json.loads(api.explain_json("caseload-size", '{"active_clients": NaN}'))
    assert calculator["errors"][0]["item"] == "caseload-size"
    assert calculator["errors"][0]["field"] == "evidence.active_clients"


def test_nesting_up_to_the_limit_is_read() -> None:
    within = json.loads(api.read_json("[" * 32 + "]" * 32))
    assert "data" in within
    assert "32 levels" in messages_of(json.loads(api.read_json("[" * 33 + "]" * 33)))[0]
    # Brackets inside text are not nesting.
    assert "data" in json.loads(api.read_json(json.dumps({"note": "[" * 5000})))


def test_read_json_refuses_what_the_command_line_refuses() -> None:
    assert json.loads(api.read_json(GOOD)) == {"data": json.loads(GOOD)}
    for name in ("repeated key", "score NaN", "score Infinity", "JSON 5,000 deep"):
        assert "errors" in json.loads(api.read_json(as_text(SMALL[name]))), name


def test_problems_beyond_the_first_fifty_are_counted_not_listed() -> None:
    many = json.dumps({"items": {f"unknown-{i}": {} for i in range(5000)}})
    errors = json.loads(api.score_json(many))["errors"]
    assert len(errors) == 51
    assert errors[-1]["message"].startswith("4,950 more problems not listed")


# --- any text at all (hypothesis) ------------------------------------------------------------

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


@st.composite
def hostile_texts(draw: st.DrawFn) -> str:
    """Text near what the browser is handed: JSON, JSON spoilt, or any characters at all."""
    kind = draw(st.sampled_from(["any", "json", "spoilt", "assessment"]))
    if kind == "any":
        return draw(st.text(max_size=200))
    value = draw(json_values)
    if kind == "assessment":
        item = draw(st.sampled_from(["caseload-size", "1", "rapid-job-search", "nope"]))
        value = {"items": {item: {"evidence": value, "score": draw(json_values)}}}
    text = json.dumps(value)  # NaN and Infinity come out as JavaScript's JSON never writes them
    if kind == "spoilt" and text:
        at = draw(st.integers(0, len(text)))
        insert = draw(
            st.sampled_from(["[" * 40, "]", "NaN", "1e999", "9" * 5000, '"\\ud800"', ",", "\ufeff"])
        )
        text = text[:at] + insert + text[at:]
    return text


@FAST
@given(hostile_texts())
def test_any_text_gets_a_result_or_errors_from_every_call(text: str) -> None:
    for function, call in api_calls(text).items():
        check_answer(json.loads(call()), context=f"{function}({text[:200]!r})")


@FAST
@given(st.text(max_size=300))
def test_any_text_is_read_as_data_or_refused_in_words(text: str) -> None:
    """The command line's reading (JSON, else YAML): data, or one of its own two refusals."""
    try:
        parse_document(text, "the file", json_only=False)
    except InputFileError as error:
        assert len(error.message) <= 400
    except InputError as error:
        assert all(len(p.message) <= 400 for p in error.problems)
