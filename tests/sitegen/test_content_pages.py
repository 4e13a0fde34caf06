"""The Centres, review and growth pages without MkDocs: Centre statuses for the directory,
deadlines in words, and content mistakes named by file and line."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from scorer.scale import CentreRules
from sitegen.content_pages import content_pages, directory_context, search_text, when_words
from sitegen.content_schemas import CENTRES
from sitegen.errors import BuildError
from sitegen.schema import load_content
from sitegen.templates import environment, render

DAY = datetime.date(2026, 6, 1)

CENTRES_YAML = """\
intro: Intro.
settings:
  - {id: secondary-care, label: Secondary care}
  - {id: primary-care, label: Primary care}
  - {id: drug-and-alcohol, label: Drug and alcohol services}
regions:
  - {id: north, label: North}
cohorts:
  - {id: founding-partner, label: Founding partner}
  - {id: emerging-centre, label: Emerging centre}
centres:
  - {id: current, name: Current, region: north, settings: [primary-care], cohort: founding-partner,
     notes: A., reviews: [{date: 2025-01-10, score: 104, invited: 2025-01-10}], closed: null, merged: null}
  - {id: grace, name: Grace, region: north, settings: [secondary-care], cohort: emerging-centre,
     notes: B., reviews: [{date: 2023-09-01, score: 110, invited: 2023-09-01}, {date: 2026-04-15, score: 96}],
     closed: null, merged: null}
  - {id: lapsed, name: Lapsed, region: north, settings: [secondary-care], cohort: founding-partner,
     notes: C., reviews: [{date: 2020-01-01, score: 115, invited: 2020-01-01}], closed: null, merged: null}
  - {id: closed, name: Closed, region: north, settings: [drug-and-alcohol], cohort: founding-partner,
     notes: D., reviews: [{date: 2025-01-10, score: 120, invited: 2025-01-10}], closed: 2026-01-01,
     merged: null}
  - {id: never, name: Never, region: north, settings: [secondary-care], cohort: emerging-centre,
     notes: E., reviews: [], closed: null, merged: null}
  - {id: merged, name: Merged, region: north, settings: [secondary-care], cohort: emerging-centre,
     notes: F., reviews: [{date: 2024-01-10, score: 101, invited: 2024-01-10}], closed: null,
     merged: 2025-05-05}
visiting:
  intro: Visit.
  sections: [{id: one, title: One, body: Body.}]
"""


def load_centres(tmp_path: Path, source: str) -> tuple[dict[str, Any], Any]:
    path = tmp_path / "centres.yaml"
    path.write_text(source, encoding="utf-8")
    return load_content(path, CENTRES)


def test_directory_lists_only_current_centres_as_visitable(tmp_path: Path) -> None:
    data, where = load_centres(tmp_path, CENTRES_YAML)
    context = directory_context(data, where, DAY, CentreRules())
    assert [c["id"] for c in context["current"]] == ["current", "grace", "merged"]
    assert [c["id"] for c in context["others"]] == ["lapsed", "closed", "never"]
    status = {c["id"]: c["status"] for c in context["current"] + context["others"]}
    assert status["current"]["valid_until"] == "2028-01-10"
    assert status["grace"]["status"] == "grace"
    # SPEC v3: the low review on 2026-04-15 does not cut short the term that ends 2026-09-01.
    assert status["grace"]["grace_until"] == "2026-09-01"
    assert status["lapsed"]["valid_until"] == "2023-01-01"
    assert status["closed"]["status"] == "lapsed"
    assert status["never"]["status"] == "never"
    assert status["merged"]["review_recommended"] is True
    closed = next(c for c in context["others"] if c["id"] == "closed")
    assert closed["closed_now"] is True


def test_directory_page_renders_current_centres(tmp_path: Path) -> None:
    data, where = load_centres(tmp_path, CENTRES_YAML)
    context = directory_context(data, where, DAY, CentreRules())
    page = render(environment(), "centres.md.j2", **context)
    current = page[page.index("{ #current }") : page.index("{ #not-current }")]
    assert "Centre of Excellence until 10 January 2028." in current
    assert 'data-listed-until="2028-01-10"' in current
    assert "in a grace period until 1 September 2026, after a review below 100" in current
    assert 'data-listed-until="2026-09-01"' in current
    assert (
        "merged with another organisation, and the FAQ recommends a new review to retain" in current
    )
    others = page[page.index("{ #not-current }") :]
    assert "data-listed-until" not in others
    assert "Not listed: the service closed on 1 January 2026." in others
    assert "Not listed: the status recorded here ended after 1 January 2023." in others
    assert "Not recorded here: this site holds no fidelity review for this service" in others
    assert "Not a Centre" not in page
    assert 'data-settings="drug-and-alcohol"' in others


def test_a_review_of_100_without_an_invitation_is_not_listed(tmp_path: Path) -> None:
    source = CENTRES_YAML.replace("score: 104, invited: 2025-01-10}", "score: 104}")
    data, where = load_centres(tmp_path, source)
    context = directory_context(data, where, DAY, CentreRules())
    assert "current" not in [c["id"] for c in context["current"]]
    page = render(environment(), "centres.md.j2", **context)
    assert "the status comes only by invitation and no invitation is recorded here" in page


def test_a_recorded_closure_ends_the_listing_the_day_before(tmp_path: Path) -> None:
    source = CENTRES_YAML.replace(
        "invited: 2025-01-10}], closed: null", "invited: 2025-01-10}], closed: 2027-03-01"
    )
    data, where = load_centres(tmp_path, source)
    context = directory_context(data, where, DAY, CentreRules())
    first = next(c for c in context["current"] if c["id"] == "current")
    assert first["listed_until"] == "2027-02-28"


def test_filters_offer_only_values_that_exist(tmp_path: Path) -> None:
    source = CENTRES_YAML.replace(
        "  - {id: north, label: North}\n",
        "  - {id: north, label: North}\n  - {id: south, label: South}\n",
    )
    data, where = load_centres(tmp_path, source)
    context = directory_context(data, where, DAY, CentreRules())
    assert [r["id"] for r in context["regions"]] == ["north"]
    assert [s["id"] for s in context["settings"]] == [
        "secondary-care",
        "primary-care",
        "drug-and-alcohol",
    ]
    no_settings = source.replace("settings: [primary-care]", "settings: []")
    for name in ("secondary-care", "drug-and-alcohol"):
        no_settings = no_settings.replace(f"settings: [{name}]", "settings: []")
    data, where = load_centres(tmp_path, no_settings)
    context = directory_context(data, where, DAY, CentreRules())
    assert context["settings"] == []
    page = render(environment(), "centres.md.j2", **context)
    assert 'id="centre-setting"' not in page
    assert '<option value="south">' not in page and '<option value="north">' in page


CONTACT = """
     contact: {website: "https://ips.example.org/visits", email: ips.team@example.org,
               open_days: true}"""


def test_public_contact_fields_on_the_directory_and_the_visiting_page(tmp_path: Path) -> None:
    source = CENTRES_YAML.replace(
        "notes: A., reviews", "notes: A.," + CONTACT + ",\n     reviews", 1
    ).replace("{id: one, title: One", "{id: arranging-a-visit, title: Arranging")
    data, where = load_centres(tmp_path, source)
    context = directory_context(data, where, DAY, CentreRules())
    env = environment()
    page = render(env, "centres.md.j2", **context)
    assert '<a href="https://ips.example.org/visits" rel="noopener">' in page
    assert '<a href="mailto:ips.team@example.org">ips.team@example.org</a>' in page
    assert "Yes, it holds open days" in page
    visiting = render(env, "visiting.md.j2", **context)
    assert "[Current](index.md#current): web page" in visiting
    assert "general e-mail" in visiting and "holds open days" in visiting
    assert "[Grace](index.md#grace): no public contact route recorded here" in visiting
    assert 'data-listed-until="2028-01-10"' in visiting


@pytest.mark.parametrize(
    ("contact", "field"),
    [
        ("{website: 'http://plain.example.org'}", "website"),
        ("{email: 'Jane Smith'}", "email"),
        ("{open_days: sometimes}", "open_days"),
        ("{phone: '020 0000 0000'}", "phone"),
    ],
)
def test_contact_mistakes_name_file_and_line(tmp_path: Path, contact: str, field: str) -> None:
    source = CENTRES_YAML.replace(
        "notes: A., reviews", f"notes: A.,\n     contact: {contact},\n     reviews", 1
    )
    with pytest.raises(BuildError) as caught:
        data, where = load_centres(tmp_path, source)
        directory_context(data, where, DAY, CentreRules())
    assert str(caught.value).startswith(
        f"{tmp_path / 'centres.yaml'}:14: centres.0.contact.{field}"
    )


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        (
            "region: north, settings: [primary",
            "region: south, settings: [primary",
            12,
            "centres.0.region: unknown region 'south'",
        ),
        ("score: 104,", "score: 130,", 13, "centres.0.reviews.0.score: score must be a whole"),
        ("notes: A.,", "note: A.,", 13, "centres.0.note: unknown key 'note'"),
        (
            "score: 104, invited: 2025-01-10",
            "score: 99, invited: 2025-01-10",
            13,
            "centres.0.reviews.0.invited: an invitation can only follow a review scoring 100",
        ),
        (
            "score: 104, invited: 2025-01-10",
            "score: 104, invited: 2025-01-09",
            13,
            "centres.0.reviews.0.invited: the invitation (2025-01-09) is dated before",
        ),
    ],
)
def test_content_mistakes_name_file_and_line(
    tmp_path: Path, old: str, new: str, line: int, message: str
) -> None:
    with pytest.raises(BuildError) as caught:
        data, where = load_centres(tmp_path, CENTRES_YAML.replace(old, new, 1))
        directory_context(data, where, DAY, CentreRules())
    assert str(caught.value).startswith(f"{tmp_path / 'centres.yaml'}:{line}: {message}")


def test_missing_key_names_the_mapping_line(tmp_path: Path) -> None:
    broken = CENTRES_YAML.replace("visiting:\n  intro: Visit.\n", "visiting:\n")
    with pytest.raises(BuildError, match=r"centres\.yaml:\d+: visiting: missing key 'intro'"):
        load_centres(tmp_path, broken)


@pytest.mark.parametrize(
    ("when", "words"),
    [
        (None, "No set deadline"),
        (
            {"relative_to": "review-start", "offset": -1, "unit": "months", "kind": "by"},
            "No later than 1 month before the first review day",
        ),
        (
            {"relative_to": "review-start", "offset": 0, "unit": "days", "kind": "by"},
            "No later than the first review day",
        ),
        (
            {"relative_to": "report-final", "offset": 2, "unit": "weeks", "kind": "within"},
            "Within 2 weeks of the day the report is finalised and confirmed",
        ),
        (
            {"relative_to": "review-start", "offset": 1, "unit": "weeks", "kind": "around"},
            "Within about 1 week either side of the first review day",
        ),
        (
            {"relative_to": "feedback", "offset": 3, "unit": "days", "kind": "on"},
            "3 days after the feedback session",
        ),
    ],
)
def test_deadlines_in_words(when: dict[str, Any] | None, words: str) -> None:
    assert when_words(when) == words


def test_search_text_is_what_people_read() -> None:
    assert search_text("Leeds", "See **the [FAQ](faq.md#x)**.\n  Twice") == (
        "leeds see the faq . twice"
    )


def test_the_five_pages_come_from_the_scale_folder(root: Path) -> None:
    pages = content_pages(root / "scale", DAY)
    assert list(pages) == [
        "centres/faq.md",
        "centres/index.md",
        "centres/visiting.md",
        "reviews/index.md",
        "growth.md",
    ]
    assert all(text.strip() for text in pages.values())


def test_a_missing_content_file_is_named(root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "scale"
    folder.mkdir()
    with pytest.raises(BuildError, match=r"faq\.yaml"):
        content_pages(folder, DAY)
