"""The content corrections of issues 9 and 19, each checked on the built pages where a page can
hold it (issue 19's are the tests named test_19_<point>).

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
    assert "the plan's support lasts 5 months" in commitments["technical-support-plan"]
    assert "leaves the date for the two parties to agree" in commitments["share-data"]
    assert '"a week before or after the review"' in commitments["observations"]
    for step in ("technical-support-plan", "share-data", "observations"):
        assert "this site's reading" in commitments[step], step
        assert commitments[step].replace('"', "") in page.replace('"', "").replace("“", "").replace(
            "”", ""
        ), step
    scoring = shown(built_site, "scale/scoring")
    assert "This site reads that as the last 6 months" in scoring
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
    assert "contact the Centre itself and make the arrangements directly" in visiting


# --- issue 19, part 3: statements the sources do not support ---------------------------------

ONLY_A_REVIEW = re.compile(r"only (?:an? )?(?:independent )?(?:fidelity )?review can", re.I)


def test_19_1_no_page_says_only_a_review_makes_a_centre(
    built_site: Path, pages: list[Path]
) -> None:
    """The status comes by invitation, after a review with Centre for Mental Health."""
    said = [
        p.relative_to(built_site).as_posix()
        for p in pages
        if ONLY_A_REVIEW.search(text(p.read_text("utf-8")))
    ]
    assert said == []
    for path in ("self-assessment", "tools/readiness"):
        page = shown(built_site, path)
        assert "by invitation from Centre for Mental Health" in page, path
        assert "can become IPS Centres" not in page, path
    assert "may be invited to become IPS Centres of Excellence" in shown(
        built_site, "self-assessment"
    )
    home = shown(built_site, "")
    assert "fidelity review with Centre for Mental Health may be invited" in home


def test_19_2_the_sites_readings_of_the_status_rules_are_labelled(
    built_site: Path, root: Path
) -> None:
    scoring = shown(built_site, "scale/scoring")
    faq_part = scoring[scoring.index("What the FAQ says") : scoring.index("This site's reading")]
    reading = scoring[scoring.index("This site's reading") :]
    assert "recommends a new review to retain the status" in faq_part
    for point in ("The start.", "Renewal.", "The grace period's dates.", "Closed.", "Merged."):
        assert point in reading and point not in faq_part, point
    assert "Renewal due." in reading and "towards the end" in reading
    readiness = shown(built_site, "tools/readiness")
    faq_rules = readiness[
        readiness.index("What the Centres of Excellence FAQ says") : readiness.index(
            "This site's reading, where the FAQ gives no date"
        )
    ]
    assert "the FAQ recommends a new review to retain the status" in faq_rules
    assert "from the day of that review" not in faq_rules
    assert "renewal window" not in faq_rules.lower()
    readme = " ".join((root / "README.md").read_text("utf-8").split())
    prose = readme[readme.index("## Keeping the Centres directory up to date") :]
    prose = prose[: prose.index("**To record a review**")]
    assert "recommends a new review to retain the status" in prose
    assert "The rest is this project's reading, which the site labels so" in prose
    assert "The rules are the FAQ's" not in prose
    # The grace rule of SPEC v3, where the grace period is described.
    for page in (reading, readiness, prose):
        assert "never cuts short the" in page and "already granted" in page


def test_19_5_the_first_initiative_is_not_where_ips_was_first_developed(
    built_site: Path,
) -> None:
    directory = shown(built_site, "centres")
    assert "first developed" not in directory
    assert "already had established IPS-based services" in directory
    assert "could see for themselves, study and copy" in directory


def test_19_6_the_principles_names_are_the_sites_summary(built_site: Path) -> None:
    glance = shown(built_site, "scale")
    assert "This site's summary of the principles" in glance
    assert 'The scale refers to "the 8 principles" without naming them' in glance
    assert "principles of IPS. Each item" not in glance
    about = shown(built_site, "about-ips")
    assert 'The scale refers to them only as "the 8 principles"' in about


def test_19_7_suggestions_are_labelled_as_the_sites(built_site: Path) -> None:
    progress = shown(built_site, "self-assessment/progress")
    assert "Many services keep" not in progress
    assert "This site suggests saving a file each time" in progress
    assert "The guidance published with the fidelity scale suggests" in progress
    team = shown(built_site, "self-assessment/team")
    assert "more reliable" not in team
    assert "This site suggests asking several people" in team


def test_19_8_privacy_says_what_is_true_of_the_server(built_site: Path, pages: list[Path]) -> None:
    assert not [p for p in pages if "stores nothing about you" in p.read_text("utf-8")]
    footer = (built_site / "index.html").read_text("utf-8")
    footer = text(footer[footer.index('<div class="md-copyright">') :])
    assert "sends none of your answers anywhere" in footer
    assert "may log requests for its pages" in footer
    privacy = shown(built_site, "privacy")
    assert "It sends none of your answers to any server" in privacy
    assert "may keep a log of the requests for its pages" in privacy


def test_19_9_only_two_dates_are_the_agreements(built_site: Path) -> None:
    planner = shown(built_site, "tools/review-planner")
    assert "wherever the agreement fixes one" not in planner
    assert "The agreement itself fixes two dates" in planner
    assert "those dates are this site's reading" in planner
    tools = shown(built_site, "tools")
    assert "two set by the agreement, and three that are this site's reading" in tools


def test_19_10_the_review_page_keeps_the_agreements_statements_apart(built_site: Path) -> None:
    reviews = shown(built_site, "reviews")
    assert "from the review score" not in reviews
    assert "the plan's support lasts 5 months, and support is provided once" in reviews
    assert "The evidence is clear" not in reviews
    assert "evidence shows that services with higher fidelity scores" in reviews


def test_19_11_opinions_are_labelled_or_gone(built_site: Path) -> None:
    visiting = shown(built_site, "centres/visiting")
    assert "quickest" not in visiting
    assert "this site's own advice on getting the most from it" in visiting
    growth = shown(built_site, "growth")
    assert "matches items of the scale" not in growth
    assert "On this site's own reading, the first of them" in growth


def test_19_12_growth_links_to_items_use_their_titles(
    built_site: Path, scale_yaml: dict[str, Any]
) -> None:
    titles = {item["id"]: " ".join(item["title"].split()) for item in scale_yaml["items"]}
    source = article((built_site / "growth" / "index.html").read_text("utf-8"))
    links = re.findall(r'<a href="\.\./scale/items/([a-z0-9-]+)/[^"]*">(.*?)</a>', source)
    assert {i for i, _ in links} >= {"dwp-collaboration", "integration-team-contact"}
    assert [(i, text(t)) for i, t in links] == [(i, titles[i]) for i, _ in links]
    assert "and their contractors" in titles["dwp-collaboration"]


def test_19_13_the_faq_quotes_the_self_assessment_as_it_speaks(
    built_site: Path, root: Path
) -> None:
    faq = shown(built_site, "centres/faq")
    assert '"reaches the threshold"' in faq and "meets the threshold" not in faq
    results = (root / "overrides/assets/assessment/results.js").read_text("utf-8")
    assert "reaches the threshold of" in results


def test_19_14_what_was_missing_is_there(built_site: Path, root: Path) -> None:
    growth = shown(built_site, "growth")
    phases = growth[growth.index("Three phases of implementation") :]
    for phase in ("adoption in principle", "early implementation", "persistence of implementation"):
        assert phase in phases
    assert "a local third sector organisation provided it in one site and the local authority" in (
        growth
    )
    for path in ("scale", "about-ips"):
        assert "Centre for Mental Health's UK version of the IPS fidelity scale" in shown(
            built_site, path
        )
    privacy = shown(built_site, "privacy")
    kept = privacy[privacy.index("What is kept on your device") : privacy.index("How this is")]
    assert "The review planner's ticks" in kept
    assert "the plan's review days and which of its tasks are ticked" in kept
    planner = (root / "overrides/assets/tools/review-planner.js").read_text("utf-8")
    assert "localStorage.setItem(TICKS_KEY" in planner  # what the privacy page describes


def test_19_15_developers_page_points_to_the_scoring_page_for_the_rules(
    built_site: Path,
) -> None:
    source = article((built_site / "developers" / "index.html").read_text("utf-8"))
    rules = source[source.index('id="centre-of-excellence-status"') :]
    assert 'href="../scale/scoring/#centre-status"' in rules
    assert "set out on the Centres of Excellence pages" not in text(rules)
