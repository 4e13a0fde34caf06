"""The Centres, review and growth pages, made from scale/*.yaml.

centres/index.md (the directory), centres/visiting.md, centres/faq.md, reviews/index.md and
growth.md. Each YAML file is checked against its shape (content_schemas) first, and a mistake
stops the build with its file and line. A Centre's status is never written in the data: it is
worked out here, with the scorer's Centre status rules, for the build date.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from scorer.centre_files import centre_records
from scorer.errors import ScaleError
from scorer.scale import CentreRules
from scorer.scale_files import load_scale
from sitegen.content_schemas import CENTRES, FAQ, GROWTH, REVIEW
from sitegen.errors import BuildError
from sitegen.schema import Where, load_content
from sitegen.templates import environment, render


def content_pages(folder: Path, today: datetime.date) -> dict[str, str]:
    """Each page's path in the site's sources and its Markdown, from the YAML in `folder`."""
    env = environment(
        {"thousands": lambda n: f"{n:,}", "when": when_words, "item_links": item_links}
    )
    pages: dict[str, str] = {}

    faq, _ = load_content(folder / "faq.yaml", FAQ)
    pages["centres/faq.md"] = render(env, "faq.md.j2", faq=faq)

    centres, where = load_content(folder / "centres.yaml", CENTRES)
    try:
        scale = load_scale(folder)
    except ScaleError as error:
        raise BuildError(str(error)) from None
    rules = scale.centre_rules
    directory = directory_context(centres, where, today, rules)
    pages["centres/index.md"] = render(env, "centres.md.j2", **directory)
    pages["centres/visiting.md"] = render(env, "visiting.md.j2", **directory)

    review, _ = load_content(folder / "review.yaml", REVIEW)
    pages["reviews/index.md"] = render(env, "review.md.j2", review=review)

    growth, _ = load_content(folder / "growth.yaml", GROWTH)
    titles = {item.id: item.title for item in scale.items}
    pages["growth.md"] = render(env, "growth.md.j2", growth=growth, titles=titles)
    return pages


# --- the directory ------------------------------------------------------------------------


def directory_context(
    data: dict[str, Any], where: Where, today: datetime.date, rules: CentreRules
) -> dict[str, Any]:
    """Every Centre record with its status on `today`, split into listed Centres and the rest.

    Only the regions and settings some record has are offered as filters.
    """
    try:
        checked = centre_records(data, where.locator, today, rules)
    except ScaleError as error:
        if error.path:
            raise where.fail(error.path, error.message) from None
        raise BuildError(str(error)) from None
    regions = {r["id"]: r["label"] for r in data["regions"]}
    settings = {s["id"]: s["label"] for s in data["settings"]}
    cohorts = {c["id"]: c["label"] for c in data["cohorts"]}
    records = []
    for record in checked:
        centre = record.data
        closed, merged = centre["closed"], centre["merged"]
        cohort = cohorts.get(centre["cohort"] or "")
        setting_labels = [settings[s] for s in centre["settings"]]
        records.append(
            {
                **centre,
                "region_label": regions[centre["region"]],
                "setting_labels": setting_labels,
                "cohort_label": cohort,
                "status": record.status,
                "listed_until": record.listed_until.isoformat() if record.listed_until else None,
                "current": record.listed_until is not None,
                "search_text": search_text(
                    centre["name"],
                    regions[centre["region"]],
                    *setting_labels,
                    cohort or "",
                    centre["notes"],
                ),
                "closed_now": closed is not None and closed <= today,
                "merged_now": merged is not None and merged <= today,
            }
        )
    used_regions = {r["region"] for r in records}
    used_settings = {s for r in records for s in r["settings"]}
    return {
        "data": data,
        "visiting": data["visiting"],
        "today": today.isoformat(),
        "current": [r for r in records if r["current"]],
        "others": [r for r in records if not r["current"]],
        "regions": [r for r in data["regions"] if r["id"] in used_regions],
        "settings": [s for s in data["settings"] if s["id"] in used_settings],
        "threshold": rules.threshold,
    }


def search_text(*parts: str) -> str:
    """What the directory's text search matches: the words people see, lower case.

    Markdown punctuation and link targets are dropped, so a search never matches a file name.
    """
    joined = " ".join(parts)
    joined = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", joined)
    joined = re.sub(r"[*_`#>]", " ", joined)
    return " ".join(joined.lower().split())


_ITEM_LINK = re.compile(r"\[\]\((scale/items/([a-z0-9-]+)\.md(?:#[a-z0-9-]+)?)\)")


def item_links(text: str, titles: dict[str, str]) -> str:
    """Links to an item page written with empty text, [](scale/items/<id>.md), get the item's
    own title as their text, so the two never differ. An unknown id is left as written."""
    return _ITEM_LINK.sub(lambda m: f"[{titles[m[2]]}]({m[1]})" if m[2] in titles else m[0], text)


# --- commitments: when they fall due ------------------------------------------------------

_POINTS = {
    "review-start": "the first review day",
    "review-end": "the last review day",
    "report-final": "the day the report is finalised and confirmed",
    "feedback": "the feedback session",
}


def when_words(when: dict[str, Any] | None) -> str:
    """A commitment's deadline in words, e.g. 'no later than 1 month before the first review day'."""
    if when is None:
        return "No set deadline"
    point = _POINTS[when["relative_to"]]
    offset = when["offset"]
    unit = when["unit"] if abs(offset) != 1 else when["unit"][:-1]
    amount = f"{abs(offset)} {unit}"
    side = "before" if offset < 0 else "after"
    kind = when["kind"]
    if kind == "by":
        return f"No later than {point}" if offset == 0 else f"No later than {amount} {side} {point}"
    if kind == "on":
        return f"On {point}" if offset == 0 else f"{amount[0].upper()}{amount[1:]} {side} {point}"
    if kind == "within":
        if offset < 0:
            return f"In the {amount} before {point}"
        return f"Within {amount} of {point}"
    return f"Within about {amount} either side of {point}"
