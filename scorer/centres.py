"""Centre of Excellence status from a service's review history, by the FAQ's rules.

The status comes by invitation only. A review at the threshold (100) or more makes a service
eligible; the status starts on the day Centre for Mental Health invites it (`invited` on that
review) and lasts 3 years from then. While it is held, a further review at the threshold renews
it for 3 years from that review (no new invitation); a review below it opens a grace period that
lasts 3 months from its date or to the end of the three years already granted, whichever is later
(SPEC v3: a low review never cuts a term short). A follow-up at the threshold while the status is
held renews from the follow-up; a second low review ends the status on the later of the day before
it and the end of the three years. Closure ends it; a merger keeps it but recommends a new review.
Once the status has ended, only a new invitation brings it back. All end dates are inclusive.
The numbers come from scale.yaml (`centre_of_excellence`), through CentreRules.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .dates import add_months, add_years, parse_iso
from .errors import HistoryError, Problem, key_text, name
from .errors import quote as _kind
from .exact import is_whole
from .scale import CentreRules

LOWEST_TOTAL, HIGHEST_TOTAL = 25, 125
FIELDS = ("reviews", "closed", "merged")
REVIEW_FIELDS = ("date", "score", "invited")
HELD = ("centre", "grace")


@dataclass(frozen=True)
class Review:
    day: date
    score: int
    invited: date | None = None


@dataclass(frozen=True)
class History:
    reviews: tuple[Review, ...]
    closed: date | None
    merged: date | None


def parse_history(data: object, threshold: int = 100) -> History:
    """The checked history; a HistoryError naming every field that is wrong.

    `threshold` is needed here because an invitation is only valid after a review that reached it.
    """
    problems: list[Problem] = []

    def problem(field: str | None, message: str) -> None:
        problems.append(Problem(None, field, message))

    if not isinstance(data, Mapping):
        raise HistoryError(
            [Problem(None, None, f"a review history must be an object, got {_kind(data)}")]
        )
    for key in data:
        if key not in FIELDS:
            problem(
                key_text(key),
                f"unknown field {name(key)}; a review history takes: {', '.join(FIELDS)}",
            )
    raw = data.get("reviews", [])
    reviews: list[Review] = []
    if not isinstance(raw, list):
        problem("reviews", f"reviews must be a list of {{date, score}}, got {_kind(raw)}")
        raw = []
    for index, entry in enumerate(raw):
        review = _review(entry, f"reviews[{index}]", threshold, problem)
        if review is not None:
            reviews.append(review)
    dates: dict[str, date | None] = {}
    for key in ("closed", "merged"):
        value = data.get(key)
        dates[key] = parse_iso(value) if value is not None else None
        if value is not None and dates[key] is None:
            problem(key, f"{key} must be a date written YYYY-MM-DD, got {_kind(value)}")
    if problems:
        raise HistoryError(problems)
    # Two reviews on one day: the higher is taken as the later, so list order never matters.
    reviews.sort(key=lambda r: (r.day, r.score))
    return History(tuple(reviews), dates["closed"], dates["merged"])


def _review(
    entry: object, where: str, threshold: int, problem: Callable[[str | None, str], None]
) -> Review | None:
    if not isinstance(entry, Mapping):
        problem(where, f"each review must be an object with date and score, got {_kind(entry)}")
        return None
    for key in entry:
        if key not in REVIEW_FIELDS:
            problem(
                f"{where}.{key}",
                f"unknown field {name(key)}; a review takes: {', '.join(REVIEW_FIELDS)}",
            )
    day = parse_iso(entry.get("date"))
    if day is None:
        problem(f"{where}.date", f"date must be written YYYY-MM-DD, got {_kind(entry.get('date'))}")
    value: Any = entry.get("score")
    score: int | None = None
    if is_whole(value) and LOWEST_TOTAL <= value <= HIGHEST_TOTAL:
        score = int(value)
    else:
        problem(
            f"{where}.score",
            f"score must be a whole fidelity total from {LOWEST_TOTAL} to "
            f"{HIGHEST_TOTAL}, got {_kind(value)}",
        )
    raw_invited = entry.get("invited")
    invited = parse_iso(raw_invited) if raw_invited is not None else None
    field = f"{where}.invited"
    if raw_invited is not None and invited is None:
        problem(field, f"invited must be a date written YYYY-MM-DD, got {_kind(raw_invited)}")
    elif invited is not None and score is not None and score < threshold:
        problem(
            field,
            f"an invitation can only follow a review scoring {threshold} or more; "
            f"this review scored {score}",
        )
    elif invited is not None and day is not None and invited < day:
        problem(
            field,
            f"the invitation ({invited.isoformat()}) is dated before its review "
            f"({day.isoformat()})",
        )
    if day is None or score is None:
        return None
    return Review(day, score, invited)


@dataclass
class _Walk:
    """The state while walking through the history day by day (only the days something happens)."""

    state: str = "never"  # never, eligible, centre, grace, lapsed
    ever_held: bool = False
    term_start: date | None = None
    valid_until: date | None = None
    grace_until: date | None = None
    last_held: date | None = None

    def expire(self, day: date) -> None:
        """End a term or grace period whose last day came before `day`."""
        if self.state == "centre" and self.valid_until is not None and day > self.valid_until:
            self.end(self.valid_until)
        elif self.state == "grace" and self.grace_until is not None and day > self.grace_until:
            self.end(self.grace_until)

    def end(self, last_day: date) -> None:
        self.state, self.last_held, self.grace_until = "lapsed", last_day, None

    def not_eligible(self) -> None:
        self.state = "lapsed" if self.ever_held else "never"

    def start(self, day: date, years: int) -> None:
        self.state, self.ever_held, self.grace_until = "centre", True, None
        self.term_start, self.valid_until = day, add_years(day, years)


def _later(day: date, other: date | None) -> date:
    return day if other is None or day >= other else other


def centre_status(history: object, on: date, rules: CentreRules | None = None) -> dict[str, Any]:
    """The status on day `on`, from the reviews and invitations dated up to that day.

    `rules` default to the repository scale's (CPython); the browser passes its own scale's.
    """
    if rules is None:
        from .scale_files import default_scale

        rules = default_scale().centre_rules
    parsed = parse_history(history, rules.threshold)
    walk = _walk(parsed, on, rules)
    held = walk.state in HELD
    renewal_due = bool(
        held
        and walk.term_start is not None
        and on >= add_months(walk.term_start, 12 * rules.years - rules.renewal_window_months)
    )
    review_recommended = bool(
        held
        and parsed.merged is not None
        and parsed.merged <= on
        and not any(parsed.merged <= r.day <= on for r in parsed.reviews)
    )
    valid_until = walk.valid_until if held else None
    if walk.state == "lapsed":
        valid_until = walk.last_held
    grace_until = walk.grace_until if walk.state == "grace" else None
    return {
        "status": walk.state,
        "valid_until": valid_until.isoformat() if valid_until else None,
        "grace_until": grace_until.isoformat() if grace_until else None,
        "renewal_due": renewal_due,
        "review_recommended": review_recommended,
    }


def listed_until(history: object, on: date, rules: CentreRules) -> date | None:
    """The last day the status held on `on` lasts, if nothing is added to the history: the end
    of the three years or of the grace period, or the day before a recorded closure. None when
    the status is not held on `on`. The directory hides a record after this day."""
    parsed = parse_history(history, rules.threshold)
    walk = _walk(parsed, on, rules)
    if walk.state not in HELD:
        return None
    last = walk.grace_until if walk.state == "grace" else walk.valid_until
    if last is not None and parsed.closed is not None:
        last = min(last, parsed.closed - timedelta(days=1))
    return last


def term_start(history: object, on: date, rules: CentreRules) -> date | None:
    """The first day of the current three years (the invitation or the latest renewal review),
    or None when the status is not held on `on`: for tools that show when renewal falls due."""
    walk = _walk(parse_history(history, rules.threshold), on, rules)
    return walk.term_start if walk.state in HELD else None


def _walk(parsed: History, on: date, rules: CentreRules) -> _Walk:
    """Replay the reviews and invitations dated up to `on` (or up to the day before closing).

    On one day, reviews come before invitations: an invitation follows the review it answers.
    """
    end = on
    if parsed.closed is not None and parsed.closed <= on:
        end = parsed.closed - timedelta(days=1)
    # (day, order, review): order 0 is the review itself, 1 the invitation that followed it.
    events: list[tuple[date, int, int, Review]] = []
    for index, review in enumerate(parsed.reviews):
        events.append((review.day, 0, index, review))
    walk = _Walk()
    invitable: set[int] = set()  # reviews that reached the threshold while the status was not held
    for index, review in enumerate(parsed.reviews):
        if review.invited is not None:
            events.append((review.invited, 1, index, review))
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    for day, kind, index, review in events:
        if day > end:
            break
        walk.expire(day)
        if kind == 1:
            if index in invitable and walk.state not in HELD:
                walk.start(day, rules.years)
            continue
        if review.score >= rules.threshold:
            if walk.state in HELD:
                walk.start(review.day, rules.years)  # renewal: no new invitation needed
            else:
                walk.state = "eligible"
                invitable.add(index)
        elif walk.state == "centre":
            # v3: a low review never cuts short the three years already granted.
            walk.state = "grace"
            walk.grace_until = _later(add_months(review.day, rules.grace_months), walk.valid_until)
        elif walk.state == "grace":
            # A second low review ends the status, but not before the three years are over;
            # the status is held (in grace) until its last day.
            walk.grace_until = _later(review.day - timedelta(days=1), walk.valid_until)
        else:
            walk.not_eligible()
    walk.expire(end)
    if end < on:  # closed: a held status ends the day before; a closed service is not eligible
        if walk.state in HELD:
            walk.end(end)
        elif walk.state == "eligible":
            walk.not_eligible()
    return walk
