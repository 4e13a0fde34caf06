"""The content corrections of issue 9, each checked on the built pages where a page can hold it.

The source documents themselves are not in the project, so the facts they give are written
here as the strings the pages must (or must never) show.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from site_helpers import article, text

pytestmark = pytest.mark.site


def shown(site: Path, path: str) -> str:
    return text(article((site / path / "index.html").read_text("utf-8")))


def test_1_the_first_initiative_has_no_2010_start_and_no_invented_settings(
    built_site: Path, content_yaml: dict[str, Any]
) -> None:
    directory = shown(built_site, "centres")
    assert "since 2010" not in directory and "the 2010 initiative" not in directory
    assert "May 2009" in directory and "published in June 2010" in directory
    visiting = shown(built_site, "centres/visiting")
    assert "2010 initiative" not in visiting and "May 2009" in visiting
    for centre in content_yaml["centres"]["centres"]:
        assert not centre.get("settings"), centre["id"]  # the sources give no setting
        assert "since" not in centre
    assert "Secondary mental health care" not in directory
    assert 'id="centre-setting"' not in (built_site / "centres" / "index.html").read_text("utf-8")


def test_3_the_referral_tip_belongs_to_supporting_a_doubted_client(built_site: Path) -> None:
    page = shown(built_site, "growth")
    practice = page[page.index("Integration in everyday practice") :]
    practice = practice[: practice.index("Growing the workforce")]
    assert "most effective" not in practice and "most successful" not in practice
    mindsets = page[page.index("Changing clinical mindsets") : page.index("Lived experience")]
    tip = mindsets.index("offer to support a client whom the clinician does not believe could")
    assert tip < mindsets.index("one of the most successful ways to keep referrals coming")
    assert tip < mindsets.index("this way of supporting clients")


def test_4_dates_the_agreement_leaves_open_are_labelled_as_this_sites_reading(
    built_site: Path, content_yaml: dict[str, Any]
) -> None:
    page = shown(built_site, "reviews")
    commitments = {
        c["id"]: " ".join(c["text"].split())
        for party in ("reviewer", "service")
        for c in content_yaml["review"]["commitments"][party]
    }
    assert "support lasts 5 months from the review score" in commitments["technical-support-plan"]
    assert "leaves the date for the two parties to agree" in commitments["share-data"]
    assert '"a week before or after the review"' in commitments["observations"]
    for step in ("technical-support-plan", "share-data", "observations"):
        assert "this site's reading" in commitments[step], step
        assert commitments[step].replace('"', "") in page.replace('"', "").replace("“", "").replace(
            "”", ""
        ), step
    scoring = shown(built_site, "scale/scoring")
    assert "This site's reading: the renewal window" in scoring
    faq = shown(built_site, "centres/faq")
    assert "This site's own reading is the last six months" in faq


def test_6_item_17_says_once_what_the_calculator_does_and_why(built_site: Path) -> None:
    page = shown(built_site, "scale/items/employer-contact-frequency")
    reading = page[page.index("How your figures become a score") : page.index("How to improve")]
    assert reading.count("What the calculator does, and why") == 1
    assert "rate each week and then average" in reading
    assert "average number of face-to-face employer contacts a week" in reading
    assert "mean of the specialists' scores" in reading


def test_7_item_5_carries_the_scales_own_title(built_site: Path) -> None:
    title = (
        "Integration of supported employment with mental health treatment through frequent"
        " team member contact"
    )
    page = (built_site / "scale/items/integration-team-contact/index.html").read_text("utf-8")
    assert re.search(rf"<h1[^>]*>Item 5: {title}", page)
    assert f"5. {title}" in shown(built_site, "scale")


def test_8_the_reviews_page_ties_the_status_to_centre_for_mental_health(
    built_site: Path,
) -> None:
    page = shown(built_site, "reviews")
    assert "only route" not in page
    assert "ties it to a fidelity review with Centre for Mental Health" in page
    assert "Sharing is then up to you" not in page
    assert "your service commits to passing the report on to" in page


def test_9_figures_as_the_sources_give_them(built_site: Path) -> None:
    assert "More than 55,000 people by the end of 2024." in shown(built_site, "growth")
    visiting = shown(built_site, "centres/visiting")
    assert "most did far more" not in visiting.lower()
    assert "most sites went beyond what had been expected of them" in visiting


def test_10_more_from_the_sources(built_site: Path) -> None:
    reviews = shown(built_site, "reviews")
    assert "the IPS service lead, the host Trust lead and the commissioning lead" in reviews
    assert "the IPS team and clinical teams the review will focus on" in reviews
    growth = shown(built_site, "growth")
    for barrier in (
        "poor integration between mental health teams and employment services teams",
        "a culture of low expectations",
        "too little knowledge of the evidence",
        "staff without the training or skills",
    ):
        assert barrier in growth
    assert "regular contact with Jobcentre Plus among the hallmarks" in growth


def test_status_by_invitation_on_the_faq_and_the_visiting_route(built_site: Path) -> None:
    faq = shown(built_site, "centres/faq")
    assert "A score of 100 or more makes a service eligible" in faq
    assert "with no new invitation needed" in faq
    assert "talk to one of the other Centres of Excellence" in faq
    visiting = shown(built_site, "centres/visiting")
    assert "talking to one of the other Centres of Excellence" in visiting
    assert "contact it directly" in visiting
