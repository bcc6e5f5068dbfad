"""Event-time bounds (issue 13): an event no time expression dates takes the one-sided bound its
article's date gives it from the tense ("pleaded guilty" in an article of 2024-06-04: on or
before that day; "will be sentenced": after it), and never overrides or joins a real date.

The fixture in tests/nlp/fixtures/time_bounds is a short made-up article read through the real
ingest and analysis stages.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from story_helpers import MARA, TOBIN, Coverage, d, only, people

from storyline.ingest.read import read_articles
from storyline.model import TimeValue
from storyline.nlp.pipeline import analyze
from storyline.render.markdown import story_to_markdown
from storyline.settings import Settings
from storyline.story.build import build_story
from storyline.story.intervals import describe, only_bound
from storyline.story.merge import merge_claims

FIXTURES = Path(__file__).resolve().parents[1] / "nlp" / "fixtures" / "time_bounds"
PUB = date(2024, 6, 4)


@pytest.fixture(scope="module")
def built():
    settings = Settings()
    articles = read_articles(sorted(str(p) for p in FIXTURES.glob("*.txt")), settings)
    analyses = analyze(articles, settings)
    claims = {c.type: c for a in analyses for c in a.claims}
    return claims, build_story(articles, analyses, settings)


def test_an_undated_plea_is_bounded_before_its_article_date_with_its_reason(built):
    claims, story = built
    plea = claims["plea"]
    assert plea.time is None
    assert plea.time_bound is not None
    assert (plea.time_bound.earliest, plea.time_bound.latest) == (None, PUB)
    assert plea.time_reason and "past tense" in plea.time_reason
    ev = only(story.events, "plea")
    assert describe(ev.time) == "before 2024-06-04"
    assert only_bound(ev.time)


def test_a_future_sentencing_is_bounded_after_its_article_date(built):
    claims, story = built
    sentencing = claims["sentencing"]
    assert sentencing.time is None
    assert sentencing.time_bound is not None
    assert (sentencing.time_bound.earliest, sentencing.time_bound.latest) == (PUB, None)
    assert sentencing.time_reason and "future" in sentencing.time_reason
    assert describe(only(story.events, "sentencing").time) == "after 2024-06-04"


def test_a_claim_with_its_own_date_keeps_it_and_takes_no_bound(built):
    claims, story = built
    arrest = claims["arrest"]
    assert arrest.time is not None and arrest.time.value == "2023-03-02"
    assert arrest.time_bound is None
    assert describe(only(story.events, "arrest").time) == "2023-03-02"


def test_bounded_events_stay_in_the_undated_list_with_their_bound(built):
    _, story = built
    md = story_to_markdown(story)
    timeline = md.split("## Timeline", 1)[1].split("\n## ", 1)[0]
    table = [line for line in timeline.splitlines() if line.startswith("| 2")]
    assert len(table) == 1 and "2023-03-02" in table[0]
    undated = next(line for line in timeline.splitlines() if line.startswith("Undated"))
    assert "before 2024-06-04" in undated and "after 2024-06-04" in undated


def _bounded(c, latest: date | None = None, earliest: date | None = None):
    c.time_bound = TimeValue("PAST_REF" if latest else "FUTURE_REF", earliest, latest)
    c.time_reason = "told in the past tense"
    return c


def test_a_bound_never_overrides_a_real_date():
    cov = Coverage()
    a = cov.article("a1", "2020-05-01", "Daily Lantern")
    b = cov.article("a2", "2021-03-02", "Evening Crier")
    cov.claim(a, "married", "Quell and Ashgrove wed on August 4, 2012.", [MARA, TOBIN],
              "2012-08-04")
    _bounded(cov.claim(b, "married", "Quell married Ashgrove.", [MARA, TOBIN]),
             latest=d("2021-03-02"))
    ev = only(merge_claims(cov.articles, cov.analyses, people()), "married")
    assert ev.time.value == "2012-08-04"
    assert (ev.time.earliest, ev.time.latest) == (d("2012-08-04"), d("2012-08-04"))


def test_bounds_do_not_merge_events_of_different_days():
    cov = Coverage()
    a = cov.article("a1", "2023-09-01", "Daily Lantern")
    for text, when in (("Quell was seen in Lisbon in June 2023.", "2023-06"),
                       ("She was seen in Lisbon again in August 2023.", "2023-08")):
        _bounded(cov.claim(a, "sighting", text, [MARA], when, place="Lisbon"),
                 latest=d("2023-09-01"))
    events = merge_claims(cov.articles, cov.analyses, people())
    assert sorted(e.time.value for e in events) == ["2023-06", "2023-08"]


def test_told_as_done_wins_over_told_as_ahead_and_a_hypothesis_gives_only_after():
    cov = Coverage()
    a = cov.article("a1", "2024-06-01", "Daily Lantern")
    b = cov.article("a2", "2024-06-10", "Evening Crier")
    _bounded(cov.claim(a, "married", "Quell will marry Ashgrove.", [MARA, TOBIN],
                       certainty="hypothetical"), earliest=d("2024-06-01"))
    _bounded(cov.claim(b, "married", "Quell married Ashgrove.", [MARA, TOBIN]),
             latest=d("2024-06-10"))
    ev = only(merge_claims(cov.articles, cov.analyses, people()), "married")
    assert describe(ev.time) == "before 2024-06-10"
    cov = Coverage()
    a = cov.article("a1", "2024-06-01", "Daily Lantern")
    _bounded(cov.claim(a, "married", "Quell decided to marry Ashgrove.", [MARA, TOBIN],
                       certainty="hypothetical"), latest=d("2024-06-01"))
    assert only(merge_claims(cov.articles, cov.analyses, people()), "married").time is None


def test_a_time_wider_than_its_value_reads_as_its_days():
    assert describe(TimeValue("2015", date(2015, 4, 1), date(2016, 3, 31))) == (
        "2015-04-01..2016-03-31")
    assert describe(TimeValue("2015", date(2015, 4, 1), date(2015, 6, 30))) == (
        "2015 (narrowed to 2015-04-01..2015-06-30)")
