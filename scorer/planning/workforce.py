"""The workforce planner: specialists and team leaders a service needs to grow at high fidelity.

The active caseload is the number of people on the caseload at any one time. With a steady flow
of people, that is the people supported in a year times the average months each spends on the
caseload, divided by 12, rounded up to whole people. Item 1's score-5 band gives the largest
caseload per full-time specialist; item 8's supervision role gives the number of specialists one
full-time supervisor may lead (10), pro rata. The scale's own example of pro rata is a supervisor
of 4 specialists spending half their time on supervision, where 4 / 10 would give 0.4; so this
site reads the rule as a tenth of a full-time post per specialist, rounded up to the next
multiple of planning.yaml's step (a quarter): 4 specialists need 0.5, 10 need 1, 11 need 1.25.
With current staffing, item 1 is scored by the scorer's own rule (scorer.measures.explain) and
item 8's supervision role is checked against the same figure.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from fractions import Fraction
from math import ceil, isfinite
from typing import Any

from ..errors import PlanningError
from ..exact import LIMIT as NUMBER_LIMIT
from ..exact import show
from ..measures import explain
from ..scale import Scale
from .rules import WorkforceRules
from .tool_inputs import Fields, by_options, ceil_to_hundredths, figure

FORMAT = "ips-fidelity-workforce"
VERSION = 1
FIELDS = (
    "people_per_year",
    "months_on_caseload",
    "specialists_fte",
    "specialists",
    "team_leaders_fte",
)
MONTHS_IN_YEAR = 12


def supervision_needed(specialists: int, rules: WorkforceRules) -> tuple[Fraction, Fraction]:
    """(specialists / ratio, that rounded up to the next step): the supervisor time needed."""
    exact_share = Fraction(specialists, rules.specialists_per_supervisor)
    step = rules.supervision_step
    return exact_share, ceil(exact_share / step) * step


def _supervision_words(specialists: str, count: int, rules: WorkforceRules) -> str:
    """'4 specialists / at most 10 per full-time supervisor = 0.4, rounded up to 0.5'."""
    exact_share, needed = supervision_needed(count, rules)
    words = (
        f"{specialists} / at most {rules.specialists_per_supervisor} per full-time supervisor "
        f"= {show(exact_share)}"
    )
    if needed != exact_share:
        words += f", rounded up to the next {show(rules.supervision_step)}: {show(needed)}"
    return words + " full-time equivalent of supervision"


def plan_workforce(request: object, rules: WorkforceRules) -> dict[str, Any]:
    """Staff needed for `request` and, with current staffing, what items 1 and 8 would score."""
    fields = Fields(request, FIELDS)
    people = fields.number("people_per_year", whole=True)
    months = fields.number("months_on_caseload", positive=True)
    current_fte = fields.number("specialists_fte", required=False, positive=True)
    headcount = fields.number("specialists", required=False, whole=True, minimum=1)
    leaders_fte = fields.number("team_leaders_fte", required=False)
    if (headcount is not None or leaders_fte is not None) and not fields.given("specialists_fte"):
        fields.problem(
            "specialists_fte",
            "give the current specialists' full-time equivalent too, to check current staffing",
        )
    if current_fte is not None and headcount is not None and current_fte > headcount:
        fields.problem(
            "specialists",
            f"{show(headcount)} people cannot make up {show(current_fte)} full-time equivalents",
        )
    fields.done()
    assert people is not None and months is not None
    exact_caseload = people * months / MONTHS_IN_YEAR
    caseload = ceil(exact_caseload)
    if caseload > NUMBER_LIMIT:
        # Checked here, in the words of the figures given: item 1's own check would name its
        # field for the caseload, which the person never typed.
        fields.problem(
            "months_on_caseload",
            f"{show(people)} people a year for {show(months)} months each make an active "
            f"caseload of about {caseload:,} people, more than the 1,000,000,000 this planner "
            "works with: check the people a year and the months on the caseload",
        )
        fields.done()
    limit = rules.max_caseload
    specialists_fte = Fraction(caseload) / limit
    posts = ceil(specialists_fte)
    ratio = rules.specialists_per_supervisor
    leaders = supervision_needed(posts, rules)[1]
    result: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "people_per_year": int(people),
        "months_on_caseload": figure(months),
        "active_caseload": {
            "exact": figure(exact_caseload),
            "people": caseload,
            "rule": f"{show(people)} people a year x {show(months)} months on the caseload / "
            f"{MONTHS_IN_YEAR} = {show(exact_caseload)}"
            + (f", rounded up to {caseload} people" if caseload != exact_caseload else " people")
            + " on the caseload at any one time",
        },
        "max_caseload": figure(limit),
        "specialists": {
            "fte": figure(ceil_to_hundredths(specialists_fte)),
            "posts": posts,
            "rule": f"{caseload} people / at most {show(limit)} per full-time specialist = "
            f"{show(ceil_to_hundredths(specialists_fte))} full-time equivalent, so {posts} "
            f"full-time post{'s' if posts != 1 else ''}",
        },
        "team_leaders": {
            "specialists_per_supervisor": ratio,
            "fte": figure(ceil_to_hundredths(leaders)),
            "posts": ceil(leaders),
            "rule": _supervision_words(
                f"{posts} specialist{'s' if posts != 1 else ''}", posts, rules
            )
            + f", so {ceil(leaders)} full-time team leader post{'s' if ceil(leaders) != 1 else ''}",
        },
        "current": None,
    }
    if current_fte is not None:
        assert isinstance(request, dict)
        result["current"] = _current(
            request, caseload, current_fte, headcount, leaders_fte, specialists_fte, leaders, rules
        )
    return result


def _current(
    request: dict[str, Any],
    caseload: int,
    fte: Fraction,
    headcount: Fraction | None,
    leaders_fte: Fraction | None,
    needed_fte: Fraction,
    needed_leaders: Fraction,
    rules: WorkforceRules,
) -> dict[str, Any]:
    """Items 1 and 8 for the staffing entered, and any shortfall against what is needed."""
    item_1 = explain(
        rules.caseload_item,
        {"active_clients": caseload, "specialists_fte": request["specialists_fte"]},
    )
    people = int(headcount) if headcount is not None else ceil(fte)
    counted = (
        f"{people} specialist{'s' if people != 1 else ''}"
        if headcount is not None
        else f"{show(fte)} full-time equivalent counted as {people} "
        f"specialist{'s' if people != 1 else ''}"
    )
    supervision: dict[str, Any] = {
        "item": rules.supervisor_item.id,
        "number": rules.supervisor_item.number,
        "component": rules.component.id,
        "specialists": people,
        "team_leaders_fte": figure(leaders_fte) if leaders_fte is not None else None,
        "met": None,
        "specialists_per_supervisor_fte": None,
        "rule": "give the team leaders' full-time equivalent to check this role",
    }
    scores = rules.score_by_count
    roles = len(scores) - 1
    if leaders_fte is not None:
        if leaders_fte == 0:
            met = False
            rule = f"{counted} and no supervisor time: the role is not in place"
        else:
            per = Fraction(people) / leaders_fte
            needed = supervision_needed(people, rules)[1]
            met = leaders_fte >= needed
            supervision["specialists_per_supervisor_fte"] = figure(per)
            rule = (
                f"{_supervision_words(counted, people, rules)} needed; "
                f"{show(leaders_fte)} full-time equivalent "
                + ("meets the role" if met else "is not enough for the role")
            )
        supervision["met"] = met
        supervision["rule"] = rule
        low, high = (scores[1], scores[roles]) if met else (scores[0], scores[roles - 1])
        supervision["item_score_range"] = {"min": low, "max": high}
    return {
        "specialists_fte": figure(fte),
        "specialists": people,
        "team_leaders_fte": figure(leaders_fte) if leaders_fte is not None else None,
        "item_1": {
            "item": rules.caseload_item.id,
            "number": rules.caseload_item.number,
            "score": item_1.score,
            "rule": item_1.rule,
        },
        "item_8_supervision": supervision,
        "shortfall": {
            "specialists_fte": figure(ceil_to_hundredths(max(needed_fte - fte, Fraction(0)))),
            "team_leaders_fte": figure(
                ceil_to_hundredths(max(needed_leaders - leaders_fte, Fraction(0)))
            )
            if leaders_fte is not None
            else None,
        },
    }


def workforce_report(plan: dict[str, Any]) -> str:
    """The plan in words, for the command line."""
    lines = [
        "Workforce plan",
        "==============",
        f"Active caseload: {plan['active_caseload']['rule']}.",
        f"Employment specialists: {plan['specialists']['rule']}.",
        f"Team leaders: {plan['team_leaders']['rule']}.",
    ]
    current = plan["current"]
    if current:
        item_1 = current["item_1"]
        supervision = current["item_8_supervision"]
        lines += [
            "",
            "With the staffing entered:",
            f"- Item {item_1['number']} ({item_1['item']}) scores {item_1['score']}: "
            f"{item_1['rule']}.",
            f"- Item {supervision['number']} ({supervision['item']}), role "
            f"'{supervision['component']}': {supervision['rule']}.",
        ]
        if "item_score_range" in supervision:
            span = supervision["item_score_range"]
            lines.append(
                f"  Item {supervision['number']} can then score {span['min']} to "
                f"{span['max']}, depending on its other roles."
            )
        shortfall = current["shortfall"]
        if shortfall["specialists_fte"]:
            lines.append(
                f"- Short by {shortfall['specialists_fte']} full-time equivalent of specialists."
            )
        if shortfall["team_leaders_fte"]:
            lines.append(
                f"- Short by {shortfall['team_leaders_fte']} full-time equivalent of supervision."
            )
    return "\n".join(lines)


# --- the command line -----------------------------------------------------------------------


def _number(text: str) -> int | float | str:
    """A flag's value as the JSON number it spells; anything else is passed on to be refused."""
    try:
        return int(text)
    except ValueError:
        pass
    try:
        value = float(text)
    except ValueError:
        return text
    return value if isfinite(value) else text


def register(command: Callable[..., argparse.ArgumentParser]) -> None:
    """`ips-fidelity workforce --people N --months-on-caseload M [current staffing]`."""
    sub = command(
        "workforce",
        _command,
        "employment specialists and team leaders needed, and items 1 and 8 for current staff",
    )
    sub.add_argument(
        "--people", required=True, type=_number, metavar="N", help="people to support a year"
    )
    sub.add_argument(
        "--months-on-caseload",
        required=True,
        type=_number,
        metavar="M",
        help="average months each person spends on the caseload",
    )
    sub.add_argument(
        "--specialists-fte",
        type=_number,
        metavar="X",
        help="current specialists, full-time equivalent",
    )
    sub.add_argument(
        "--specialists", type=_number, metavar="N", help="current specialists, as people"
    )
    sub.add_argument(
        "--team-leaders-fte",
        type=_number,
        metavar="Y",
        help="current supervision, full-time equivalent",
    )


def _command(args: argparse.Namespace, scale: Scale) -> tuple[Any, str]:
    from .rules import command_planning

    given = {
        "people_per_year": args.people,
        "months_on_caseload": args.months_on_caseload,
        "specialists_fte": args.specialists_fte,
        "specialists": args.specialists,
        "team_leaders_fte": args.team_leaders_fte,
    }
    request = {key: value for key, value in given.items() if value is not None}
    try:
        plan = plan_workforce(request, command_planning(scale).workforce)
    except PlanningError as error:
        raise PlanningError([by_options(p, OPTIONS) for p in error.problems]) from None
    return plan, workforce_report(plan)


OPTIONS = {
    "people_per_year": "--people",
    "months_on_caseload": "--months-on-caseload",
    "specialists_fte": "--specialists-fte",
    "specialists": "--specialists",
    "team_leaders_fte": "--team-leaders-fte",
}
