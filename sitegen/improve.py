"""What each item's "How to improve" section says a service needs for the next score.

For every score below 5, the figures that reach the next one are worked out from the item's own
rule in scale/ (the same thresholds the scorer applies), with worked examples: the caseload a
team of four specialists may carry, how many in every 50 a percentage means, the total that
specialists' scores must reach. The words written for each step, the evidence a reviewer looks
for and what other documents say come from the item's `improve` part in scale/items/.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from fractions import Fraction
from math import ceil, floor
from typing import Any

from scorer.exact import round_half_up, show
from scorer.improve_part import LEVELS
from scorer.rule_words import condition_words
from scorer.scale import TRACKING, Item, Measure, Threshold

# The worked examples' figures. They illustrate the rule; none of them comes from a source.
EXAMPLE_SPECIALISTS = 4  # a team of four full-time specialists
EXAMPLE_CLIENTS = 100  # the active clients a team might hold
EXAMPLE_OUT_OF = 50  # a percentage as "so many in every 50"
EXAMPLE_CASELOAD = 20  # one specialist's caseload, for the share that comes from their teams

TRACKING_WORDS = {
    "none": "no tracking of employer contacts",
    "monthly": "a tracking form the supervisor reviews monthly",
    "weekly": "a tracking form the supervisor reviews weekly",
}


@dataclass(frozen=True)
class Step:
    """Moving from the score `now` to `now + 1`."""

    now: int
    figures: tuple[str, ...]  # what the rule asks for, with worked figures (Markdown)
    practice: str | None  # the item's own words for this step, from scale/
    missing: tuple[str, ...] = ()  # components not yet in place, when they were given

    @property
    def target(self) -> int:
        return self.now + 1


def improvement_steps(item: Item, present: Collection[str] | None = None) -> tuple[Step, ...]:
    """One step for each score below 5. `present`: the ids of the components a service has in
    place (components items only); the steps then name the ones still missing."""
    measure = item.measure
    if present is not None:
        if measure is None or measure.type != "components":
            raise ValueError(f"item {item.number} has no components to be present")
        unknown = sorted(set(present) - set(measure.component_ids()))
        if unknown:
            raise ValueError(f"item {item.number} has no component {unknown[0]!r}")
    steps = []
    for now in LEVELS:
        figures: tuple[str, ...] = ()
        missing: tuple[str, ...] = ()
        if measure is not None:
            figures = _figures(measure, now + 1)
            if measure.type == "components" and present is not None:
                missing = _missing(measure, now + 1, present)
        practice = item.improve.steps.get(now)
        if not figures and practice is None:
            raise ValueError(
                f"item {item.number}: its rule gives no figure for a {now + 1}, so its "
                f"improve part needs words for the step from {now}"
            )
        steps.append(Step(now, figures, practice, missing))
    return tuple(steps)


def improve_context(item: Item) -> dict[str, Any]:
    """What the item page's template needs for its "How to improve" section."""
    improve = item.improve
    return {
        "steps": [
            {"now": s.now, "target": s.target, "figures": list(s.figures), "practice": s.practice}
            for s in improvement_steps(item)
        ],
        "evidence": improve.evidence,
        "sources": [{"title": n.title, "text": n.text} for n in improve.sources],
        "suggestion": improve.suggestion,
    }


# --- the figures, by kind of rule -----------------------------------------------------------


def _figures(measure: Measure, target: int) -> tuple[str, ...]:
    kind = measure.type
    threshold = _threshold(measure, target)
    if kind == "ratio":
        return _ratio(_needed(threshold, kind, target))
    if kind == "percentage":
        return _percentage(measure, _needed(threshold, kind, target), target)
    if kind == "phases":
        return () if threshold is None else (_phases(threshold, measure),)
    if kind == "team_assignment":
        return _team_assignment(measure, threshold, target)
    if kind == "components":
        return (_components(measure, target),)
    if kind == "days":
        return _days(measure, target)
    if kind == "specialist_contacts":
        return (*_contacts(measure, _needed(threshold, kind, target), target), _mean(target))
    if kind == "specialist_ratings":
        return (_mean(target),)
    if kind == "specialist_percentage":
        needed = _needed(threshold, kind, target)
        return (
            f"A specialist scores {target} when their own percentage is "
            f"{condition_words(needed, '%')}.",
            _mean(target),
        )
    raise ValueError(f"no words for the measure type {kind!r}: extend sitegen/improve.py")


def _threshold(measure: Measure, target: int) -> Threshold | None:
    return next((t for t in measure.thresholds if t.score == target), None)


def _needed(threshold: Threshold | None, kind: str, target: int) -> Threshold:
    if threshold is None:
        raise ValueError(f"a {kind} rule without a band for the score {target}")
    return threshold


def _ratio(threshold: Threshold) -> tuple[str, ...]:
    if threshold.comparison not in ("at_most", "below"):
        raise ValueError("a caseload rule must cap the clients per specialist (at_most, below)")
    most = _largest_whole(threshold, EXAMPLE_SPECIALISTS)
    fte = _fewest_specialists(threshold, EXAMPLE_CLIENTS)
    return (
        f"{_capital(condition_words(threshold))} active clients for each full-time specialist.",
        f"With {EXAMPLE_SPECIALISTS} full-time specialists, that is at most {most} active "
        f"clients in all; {EXAMPLE_CLIENTS} active clients need at least {show(fte)} full-time "
        "specialists.",
    )


def _largest_whole(threshold: Threshold, specialists: int) -> int:
    """The most clients `specialists` full-time specialists can hold within the threshold."""
    clients = floor(threshold.value * specialists) + 1
    while clients > 0 and not threshold.matches(Fraction(clients, specialists)):
        clients -= 1
    return clients


def _fewest_specialists(threshold: Threshold, clients: int) -> Fraction:
    """The fewest full-time equivalents, in hundredths, that keep `clients` within it."""
    hundredths = ceil(Fraction(clients * 100) / threshold.value)
    while not threshold.matches(Fraction(clients * 100, hundredths)):
        hundredths += 1
    return Fraction(hundredths, 100)


def _in_every(threshold: Threshold, out_of: int) -> int | None:
    """The fewest in every `out_of` that meet a percentage threshold."""
    return next(
        (k for k in range(out_of + 1) if threshold.matches(Fraction(100 * k, out_of))), None
    )


def _share(threshold: Threshold, out_of: int, of_what: str) -> str:
    least = _in_every(threshold, out_of)
    if least is None:
        return f"{_capital(condition_words(threshold, '%'))}."
    return f"{_capital(condition_words(threshold, '%'))}: for example, {least} {of_what}."


def _percentage(measure: Measure, threshold: Threshold, target: int) -> tuple[str, ...]:
    figures = []
    floor_ = measure.floor
    if floor_ is not None and target > floor_.score and target - 1 <= floor_.score:
        counted = floor_.field.replace("_", " ")
        figures.append(
            f"At least {show(floor_.minimum)} {counted}: with fewer, the item scores "
            f"{floor_.score} whatever the percentage."
        )
    figures.append(_share(threshold, EXAMPLE_OUT_OF, f"or more in every {EXAMPLE_OUT_OF}"))
    return tuple(figures)


def _phases(threshold: Threshold, measure: Measure) -> str:
    assert measure.phases is not None
    if threshold.value == measure.phases:
        return f"Each specialist carries out all {measure.phases} phases of the service."
    return (
        f"Each specialist carries out {condition_words(threshold)} of the {measure.phases} "
        "phases of the service themselves."
    )


def _team_assignment(measure: Measure, threshold: Threshold | None, target: int) -> tuple[str, ...]:
    weak = measure.weak_integration_score
    assert weak is not None
    if target <= weak:
        return (
            "Employment support stops being a vocational programme run apart from mental health "
            f"treatment: any other arrangement scores at least {weak}.",
        )
    figures = []
    if target == weak + 1:
        figures.append(
            "The mental health practitioners work in treatment teams, and each specialist is "
            f"attached to no more than {measure.max_teams} of them."
        )
    needed = _needed(threshold, "team_assignment", target)
    least = _in_every(needed, EXAMPLE_CASELOAD)
    figures.append(
        f"Those teams supply {condition_words(needed, '%')} of each specialist's caseload: for "
        f"example, at least {least} of a caseload of {EXAMPLE_CASELOAD}."
    )
    return tuple(figures)


def _fewest_components(measure: Measure, target: int) -> int:
    return next(n for n, score in enumerate(measure.score_by_count) if score >= target)


def _components(measure: Measure, target: int) -> str:
    total = len(measure.components)
    least = _fewest_components(measure, target)
    if least == total:
        return f"All {total} components in place."
    return f"At least {least} of the {total} components in place."


def _missing(measure: Measure, target: int, present: Collection[str]) -> tuple[str, ...]:
    have = set(present)
    if len(have) >= _fewest_components(measure, target):
        return ()
    return tuple(c.text for c in measure.components if c.id not in have)


def _days(measure: Measure, target: int) -> tuple[str, ...]:
    threshold = _needed(_threshold(measure, target), "days", target)
    figures = [
        "On average, the first face-to-face contact with an employer comes "
        f"{condition_words(threshold, ' days')} after a person enters the programme."
    ]
    if threshold.requires:
        figures.append(
            "The programme tracks employer contacts: without that, even this average scores "
            f"{threshold.without_it}."
        )
    return tuple(figures)


def _contacts(measure: Measure, threshold: Threshold, target: int) -> tuple[str, ...]:
    figures = [
        f"A specialist scores {target} with {condition_words(threshold)} face-to-face employer "
        "contacts a week."
    ]
    small = measure.small_caseload
    if small is not None and small.score == target:
        figures.append(
            f"A specialist with fewer than {show(small.fewer_than)} people looking for work "
            f"reaches it with at least {show(small.contacts_per_person)} contacts a week for "
            "each of them."
        )
    caps = dict(measure.tracking_caps)
    needed = next(t for t in TRACKING if caps[t] >= target)
    lower = [t for t in TRACKING if caps[t] < target]
    limits = "; ".join(f"{TRACKING_WORDS[t]} allows at most {caps[t]}" for t in lower)
    if needed != "none":  # without any tracking a specialist can still reach the lowest caps
        figures.append(f"The contacts are kept on {TRACKING_WORDS[needed]} ({limits}).")
    return tuple(figures)


def _mean(target: int) -> str:
    """The total the specialists' scores must reach for the item's mean to give `target`."""
    n = EXAMPLE_SPECIALISTS
    total = ceil(n * (target - Fraction(1, 2)))
    assert round_half_up(Fraction(total, n)) >= target > round_half_up(Fraction(total - 1, n))
    base, extra = divmod(total, n)
    example = [base + 1] * extra + [base] * (n - extra)
    listed = ", ".join(str(s) for s in example[:-1]) + f" and {example[-1]}"
    return (
        f"With {n} specialists, the item needs their scores to add up to at least {total} "
        f"(such as {listed}), as it takes their mean."
    )


def _capital(words: str) -> str:
    return words[:1].upper() + words[1:]
