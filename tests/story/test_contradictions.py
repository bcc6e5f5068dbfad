"""Contradictions: dates, states, arithmetic, stale references; both sides and plain words."""

from __future__ import annotations

from story_helpers import MARA, TOBIN, Coverage, only, story_of, tv

from storyline.model import Event, Fact, Mention, QuantityStatement, Story
from storyline.story.contradictions import find_contradictions


def _kinds(story) -> list[str]:
    return [c.kind for c in story.contradictions]


def _separation_coverage() -> Coverage:
    cov = Coverage()
    cov.article("a1", "2023-08-20", "Daily Lantern")
    cov.claim("a1", "married", "Quell and Ashgrove married in 2012.", [MARA, TOBIN], "2012")
    cov.claim("a1", "separated", "The couple separated in August 2023.", [MARA, TOBIN],
              "2023-08")
    cov.spouse("a1", "Quell has separated from her husband Ashgrove.")
    return cov


def test_husband_after_the_separation_is_a_stale_reference():
    cov = _separation_coverage()
    cov.article("a2", "2024-02-01", "Evening Crier")
    cov.claim("a2", "sighting", "Quell and her husband were seen in Oslo on January 30.",
              [MARA], "2024-01-30", place="Oslo")
    cov.spouse("a2", "Quell and her husband Ashgrove dined out.")
    story = story_of(cov)
    (x,) = [c for c in story.contradictions if c.kind == "stale_reference"]
    assert "a2" in x.explanation and "2023-08" in x.explanation
    assert [m.article for m in x.sides[1].evidence] == ["a2"]
    assert {m.article for m in x.sides[0].evidence} == {"a1"}


def test_husband_in_the_article_reporting_the_separation_is_not_stale():
    story = story_of(_separation_coverage())
    assert "stale_reference" not in _kinds(story)


def test_husband_before_the_separation_is_not_stale():
    cov = _separation_coverage()
    cov.article("a0", "2023-05-01", "Evening Crier")
    cov.spouse("a0", "Quell and her husband Ashgrove dined out.")
    assert "stale_reference" not in _kinds(story_of(cov))


def test_a_divorce_dated_before_the_wedding_is_a_state_conflict():
    cov = Coverage()
    cov.article("a1", "2020-01-01", "Daily Lantern")
    cov.claim("a1", "married", "Quell and Ashgrove married in 2012.", [MARA, TOBIN], "2012")
    cov.article("a2", "2020-01-01", "Evening Crier")
    cov.claim("a2", "divorced", "Quell and Ashgrove divorced in 2010.", [MARA, TOBIN], "2010")
    cov.spouse("a1", "Quell's husband Ashgrove.")
    story = story_of(cov)
    (x,) = [c for c in story.contradictions if c.kind == "state"]
    assert "before the wedding" in x.explanation
    assert [s.evidence[0].article for s in x.sides] == ["a1", "a2"]


def test_a_split_years_before_the_wedding_is_an_earlier_breakup_not_a_conflict():
    cov = Coverage()
    cov.article("a1", "2024-01-01", "Daily Lantern")
    cov.claim("a1", "married", "Quell and Ashgrove married in 2022.", [MARA, TOBIN], "2022")
    cov.claim("a1", "separated", "They had first split in 2004.", [MARA, TOBIN], "2004")
    assert "state" not in _kinds(story_of(cov))


def test_a_stated_marriage_running_past_the_separation_is_a_state_conflict():
    cov = Coverage()
    cov.article("a1", "2023-08-20", "Daily Lantern")
    cov.claim("a1", "separated", "The couple separated in August 2023.", [MARA, TOBIN],
              "2023-08")
    cov.article("a2", "2024-03-01", "Evening Crier")
    r = cov.spouse("a2", "Quell, married to Ashgrove through 2024.")
    r.valid = tv("2024")
    assert "state" in _kinds(story_of(cov))


def test_years_of_marriage_that_do_not_fit_the_wedding_year():
    cov = _separation_coverage()
    text = "They split after 13 years of marriage."
    cov.article("a2", "2023-09-01", "Evening Crier")
    cov.claim("a2", "separated", text, [MARA, TOBIN])
    q = QuantityStatement("a2", 0, len(text), text, "duration", [MARA, TOBIN], 13,
                          relation="married")
    story = story_of(cov, quantities=[q])
    (x,) = [c for c in story.contradictions if c.kind == "arithmetic"]
    assert "13 years of marriage" in x.explanation and "2012" in x.explanation
    assert x.sides[1].evidence[0].text == text


def test_years_of_marriage_that_fit_raise_nothing():
    cov = _separation_coverage()
    text = "They split after 11 years of marriage."
    cov.article("a2", "2023-09-01", "Evening Crier")
    q = QuantityStatement("a2", 0, len(text), text, "duration", [MARA, TOBIN], 11,
                          relation="married")
    assert "arithmetic" not in _kinds(story_of(cov, quantities=[q]))


def test_an_anniversary_pins_the_wedding_day():
    cov = _separation_coverage()
    text = "on their 9th wedding anniversary"
    q = QuantityStatement("a1", 0, len(text), text, "anniversary", [MARA, TOBIN], 9,
                          at=tv("2023-08-04"), relation="married")
    story = story_of(cov, quantities=[q])
    (x,) = [c for c in story.contradictions if c.kind == "arithmetic"]
    assert "2014-08-04" in x.explanation


def test_age_facts_that_conflict_are_reported_with_their_evidence():
    cov = _separation_coverage()
    ok, bad = Mention("a1", 0, 9, "Quell, 34"), Mention("a1", 10, 19, "Quell, 40")
    fact = Fact("f1", MARA, "birth", tv("1989"), evidence=[ok, bad],
                conflicts=['"Quell, 40" puts the birth in 1983'])
    story = story_of(cov, facts=[fact])
    (x,) = [c for c in story.contradictions if c.kind == "arithmetic"]
    assert x.sides[0].evidence == [ok] and x.sides[1].evidence == [bad]
    assert "Mara Quell" in x.explanation


def test_every_contradiction_has_two_sides_with_evidence_and_an_explanation():
    cov = _separation_coverage()
    cov.article("a2", "2024-02-01", "Evening Crier")
    cov.spouse("a2", "Quell and her husband Ashgrove dined out.")
    cov.claim("a2", "married", "They married in 2014.", [MARA, TOBIN], "2014")
    story = story_of(cov)
    assert sorted(_kinds(story)) == ["date", "stale_reference"]
    for c in story.contradictions:
        assert len(c.sides) == 2 and all(s.evidence for s in c.sides)
        assert len(c.explanation) > 40
    assert only(story.events, "married").time.value == "2012"  # a tie keeps the earlier date


def test_a_folded_kind_told_with_two_dates_is_no_date_contradiction():
    # "started having problems" in 2023 and "to have a fresh start in 2024": one `minor`
    # event of the verb "have", whose dates are no news; an open event's are
    cov = Coverage()
    cov.article("a1", "2024-01-05", "Daily Lantern")
    c1 = cov.claim("a1", "minor", "Quell started having problems in 2023.", [MARA], "2023",
                   predicate="have")
    c2 = cov.claim("a1", "minor", "Quell hopes to have a fresh start in 2024.", [MARA], "2024",
                   predicate="have")
    for kind, found in (("minor", []), ("other", ["date"])):
        ev = Event("ev1", kind, [MARA], c1.time, claims=[c1.id, c2.id], predicate="have")
        story = Story(articles=cov.articles, events=[ev])
        assert [x.kind for x in find_contradictions(story, [c1, c2])] == found
