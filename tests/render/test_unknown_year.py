"""No fake precision: a day of unknown year never reads as a 1901..2026 range, and a one-sided
bound says which side it is, in story.json, story.md and story.html alike."""

from __future__ import annotations

import json
from datetime import date

from storyline.model import PublicationDate, TimeValue
from storyline.render.html import report_data, story_to_html
from storyline.render.json import story_to_json
from storyline.render.markdown import story_to_markdown
from storyline.story.intervals import describe, honest
from tests.story.story_helpers import MARA, TOBIN, Coverage, only, story_of

WIDE = TimeValue("XXXX-08-20", date(1901, 8, 20), date(2026, 8, 20))


def test_describe_unknown_year():
    assert describe(WIDE) == "XXXX-08-20 (year unknown)"
    assert describe(TimeValue("XXXX-08", None, None)) == "XXXX-08 (year unknown)"
    # bounds inside one year are a real window
    one = TimeValue("XXXX-08-20", date(2024, 8, 20), date(2024, 8, 20))
    assert describe(one) == "XXXX-08-20 (2024-08-20..2024-08-20)"


def test_describe_one_sided_bounds():
    assert describe(TimeValue("after 2024-04-01", date(2024, 4, 1), None)) == "after 2024-04-01"
    assert describe(TimeValue("PAST_REF", None, date(2024, 6, 4))) == "before 2024-06-04"
    assert describe(TimeValue("2024-04", date(2024, 4, 10), None)) == (
        "2024-04 (narrowed to after 2024-04-10)")
    assert describe(TimeValue("2024-04", date(2024, 4, 1), date(2024, 4, 30))) == "2024-04"


def test_honest_drops_spans_of_candidate_years():
    assert honest(WIDE) == TimeValue("XXXX-08-20", None, None)
    one = TimeValue("XXXX-08-20", date(2024, 8, 20), date(2024, 8, 20))
    assert honest(one) is one
    plain = TimeValue("2024-08", date(2024, 8, 1), date(2024, 8, 31))
    assert honest(plain) is plain


def _story():
    cov = Coverage()
    cov.article("a1", "2024-01-01", "Daily Lantern")
    cov.articles[0].published = PublicationDate("XXXX", date(1900, 4, 1), date(2026, 12, 1),
                                                "inferred", "test: an article of unknown year")
    c = cov.claim("a1", "married", "Quell and Ashgrove married on August 20.", [MARA, TOBIN])
    c.time = WIDE  # what the tagger gives "August 20" against a 1900..2026 publication window
    return story_of(cov)


def test_a_day_of_unknown_year_in_json_markdown_and_html():
    story = _story()
    ev = only(story.events, "married")
    assert ev.time == TimeValue("XXXX-08-20", None, None)
    body = json.loads(story_to_json(story))
    (married,) = [e for e in body["events"] if e["type"] == "married"]
    assert married["time"] == {"value": "XXXX-08-20", "earliest": None, "latest": None}
    md = story_to_markdown(story)
    assert "XXXX-08-20 (year unknown)" in md and "1901" not in md
    assert report_data(story)["when"][ev.id] == "XXXX-08-20 (year unknown)"
    page = story_to_html(story)
    assert "1901" not in page and "XXXX-08-20 (year unknown)" in page
