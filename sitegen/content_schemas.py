"""The shapes of the content YAML files in scale/ (faq, centres, review, growth)."""

from __future__ import annotations

from sitegen.schema import Checked, Id, ListOf, Nullable, OneOf, Record, Text, Whole

LABELLED = Record({"id": Id(), "label": Text()})
SECTION = Record({"id": Id(), "title": Text(), "body": Text()})

FAQ = Record(
    {
        "intro": Text(),
        "sections": ListOf(
            Record(
                {
                    "id": Id(),
                    "title": Text(),
                    "questions": ListOf(
                        Record({"id": Id(), "question": Text(), "answer": Text()}),
                        unique_ids=True,
                    ),
                }
            ),
            unique_ids=True,
        ),
    }
)

CENTRES = Record(
    {
        "intro": Text(),
        "settings": ListOf(
            Record(
                {
                    "id": OneOf("secondary-care", "primary-care", "drug-and-alcohol"),
                    "label": Text(),
                }
            ),
            unique_ids=True,
        ),
        "regions": ListOf(LABELLED, unique_ids=True),
        "cohorts": ListOf(
            Record({"id": OneOf("founding-partner", "emerging-centre"), "label": Text()}),
            unique_ids=True,
        ),
        # Each record is checked by the scorer (scorer/centre_files.py), as `ips-fidelity
        # centres` checks it, so the build and the command agree on every mistake.
        "centres": Checked(),
        "visiting": Record({"intro": Text(), "sections": ListOf(SECTION, unique_ids=True)}),
    },
    {"status_note": Text(), "others_intro": Text()},
)

WHEN = Record(
    {
        "relative_to": OneOf("review-start", "review-end", "report-final", "feedback"),
        "offset": Whole(),
        "unit": OneOf("days", "weeks", "months"),
        "kind": OneOf("by", "on", "within", "around"),
    }
)
COMMITMENTS = ListOf(Record({"id": Id(), "text": Text(), "when": Nullable(WHEN)}), unique_ids=True)
REVIEW = Record(
    {
        "intro": Text(),
        "what_is_a_review": Text(),
        "duration_days": Whole(1),
        "interviews_with": ListOf(
            Record(
                {
                    "id": OneOf(
                        "clinicians",
                        "senior-executives",
                        "employment-specialists",
                        "team-leaders",
                        "clients",
                    ),
                    "label": Text(),
                }
            ),
            unique_ids=True,
        ),
        "timetable_rules": Record(
            {
                "minutes_between_interviews": Whole(0),
                "morning_break_minutes": Whole(0),
                "afternoon_break_minutes": Whole(0),
                "lunch_minutes": Whole(0),
                "text": Text(),
            }
        ),
        "commitments": Record({"reviewer": COMMITMENTS, "service": COMMITMENTS}),
        "technical_support": Record(
            {
                "max_items": Whole(1),
                "months": Whole(1),
                "text": Text(),
                "service_commitments": ListOf(Text()),
                "reviewer_commitments": ListOf(Text()),
            }
        ),
        "data_handling": Text(),
        "who_sees_the_score": Text(),
        "reviewers": Text(),
    }
)

GROWTH = Record(
    {
        "intro": Text(),
        "targets": ListOf(
            Record({"people": Whole(1), "by": Text(), "text": Text()}, {"qualifier": Text()})
        ),
        "stakeholders": ListOf(
            Record({"id": Id(), "label": Text(), "text": Text()}), unique_ids=True
        ),
        "integration_practice": Text(),
        "sections": ListOf(SECTION, unique_ids=True),
    }
)
