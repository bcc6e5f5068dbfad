"""Merging claims into events: type, participants, time intervals, place, determinism."""

from __future__ import annotations

import copy
import random

from story_helpers import MARA, RIVA, TOBIN, Coverage, d, only, people, story_of

from storyline.model import Entity, TimeValue, to_dict
from storyline.story.merge import merge_claims


def test_a_year_and_a_day_inside_it_merge_into_the_day():
    cov = Coverage()
    a = cov.article("a1", "2020-05-01", "Daily Lantern")
    b = cov.article("a2", "2021-03-02", "Evening Crier")
    c1 = cov.claim(a, "married", "Quell and Ashgrove wed in 2012.", [MARA, TOBIN], "2012")
    c2 = cov.claim(b, "married", "The pair married on August 4, 2012.", [MARA, TOBIN],
                   "2012-08-04")
    ev = only(merge_claims(cov.articles, cov.analyses, people()), "married")
    assert ev.time.value == "2012-08-04"
    assert (ev.time.earliest, ev.time.latest) == (d("2012-08-04"), d("2012-08-04"))
    assert ev.claims == [c1.id, c2.id]
    assert [m.text for m in ev.mentions] == [c1.mention.text, c2.mention.text]


def test_june_and_august_stay_apart():
    cov = Coverage()
    a = cov.article("a1", "2023-09-01", "Daily Lantern")
    cov.claim(a, "sighting", "Quell was seen in Lisbon in June 2023.", [MARA], "2023-06",
              place="Lisbon")
    cov.claim(a, "sighting", "She was seen in Lisbon again in August 2023.", [MARA], "2023-08",
              place="Lisbon")
    events = merge_claims(cov.articles, cov.analyses, people())
    assert sorted(e.time.value for e in events) == ["2023-06", "2023-08"]


def test_an_undated_claim_joins_the_dated_event_and_its_article_date_narrows_it():
    cov = Coverage()
    a = cov.article("a1", "2023-09-01", "Daily Lantern")
    b = cov.article("a2", "2023-08-10", "Evening Crier")
    cov.claim(a, "separated", "They split in August 2023.", [MARA, TOBIN], "2023-08")
    cov.claim(b, "separated", "Quell has separated from Ashgrove.", [MARA, TOBIN])
    ev = only(merge_claims(cov.articles, cov.analyses, people()), "separated")
    assert ev.time.value == "2023-08"
    assert (ev.time.earliest, ev.time.latest) == (d("2023-08-01"), d("2023-08-10"))
    assert ev.support.articles == 2


def test_an_undated_split_in_a_new_article_is_not_the_couples_split_of_decades_ago():
    cov = Coverage()
    a = cov.article("a1", "2024-05-20", "Daily Lantern")
    cov.claim(a, "separated", "Quell and Ashgrove first split in 2004.", [MARA, TOBIN], "2004")
    cov.claim(a, "separated", "Quell and Ashgrove are now living apart.", [MARA, TOBIN])
    events = [e for e in merge_claims(cov.articles, cov.analyses, people())
              if e.type == "separated"]  # fmt: skip
    assert sorted(e.time.value if e.time else "undated" for e in events) == ["2004", "undated"]
    assert all(e.support.articles == 1 and len(e.mentions) == 1 for e in events)


def test_an_undated_once_in_a_lifetime_event_still_joins_an_old_date():
    cov = Coverage()
    a = cov.article("a1", "2024-05-20", "Daily Lantern")
    b = cov.article("a2", "2024-06-01", "Evening Crier")
    cov.claim(a, "married", "Quell and Ashgrove married in 1999.", [MARA, TOBIN], "1999")
    cov.claim(b, "married", "Quell is married to Ashgrove.", [MARA, TOBIN])
    ev = only(merge_claims(cov.articles, cov.analyses, people()), "married")
    assert ev.time.value == "1999" and ev.support.articles == 2


def test_a_day_of_unknown_year_takes_the_year_the_other_evidence_allows():
    cov = Coverage()
    a = cov.article("a1", "2024-08-27", "Daily Lantern")
    b = cov.article("a2", "2024-08-22", "Evening Crier")
    cov.claim(a, "divorce_filed", "Quell filed for divorce from Ashgrove.", [MARA, TOBIN])
    c = cov.claim(b, "divorce_filed", "Quell filed for divorce on Aug. 20.", [MARA, TOBIN])
    c.time = TimeValue("XXXX-08-20", d("2024-08-20"), d("2025-08-20"))
    ev = only(merge_claims(cov.articles, cov.analyses, people()), "divorce_filed")
    assert (ev.time.value, ev.time.earliest, ev.time.latest) == (
        "2024-08-20", d("2024-08-20"), d("2024-08-20"))


def test_a_departure_told_undated_by_outlets_in_the_same_week_is_one_event():
    cov = Coverage()
    a = cov.article("a1", "2023-11-17", "Daily Lantern")
    b = cov.article("a2", "2023-11-20", "Evening Crier")
    c = cov.article("a3", "2025-02-01", "Harbour Gazette")
    cov.claim(a, "resigned", "The board ousted Quell as chief executive.", [MARA])
    cov.claim(b, "resigned", "Quell's ouster stunned investors.", [MARA])
    cov.claim(c, "resigned", "Quell resigned from her next post.", [MARA])
    events = [e for e in merge_claims(cov.articles, cov.analyses, people())
              if e.type == "resigned"]  # fmt: skip
    assert sorted(e.support.articles for e in events) == [1, 2]


def test_one_court_step_told_undated_that_week_is_one_event_and_another_step_is_not():
    cov = Coverage()
    a = cov.article("a1", "2019-01-07", "Daily Lantern")
    b = cov.article("a2", "2019-01-08", "Evening Crier")
    # court steps are frames of the justice pack (one "legal" type before frames)
    cov.claim(a, "charge", "Ashgrove is charged with assault.", [TOBIN], predicate="charge")
    cov.claim(b, "charge", "Ashgrove has been charged.", [TOBIN], predicate="charge")
    cov.claim(b, "plea", "Ashgrove pleaded not guilty.", [TOBIN], predicate="plead")
    events = [e for e in merge_claims(cov.articles, cov.analyses, people())
              if e.type in ("charge", "plea")]  # fmt: skip
    assert sorted((e.predicate, e.support.articles) for e in events) == [
        ("charge", 2), ("plead", 1)]


def test_posts_at_different_organisations_are_different_events():
    cov = Coverage()
    a = cov.article("a1", "2023-11-20", "Daily Lantern")
    b = cov.article("a2", "2023-11-21", "Evening Crier")
    halvard, vela = "org:halvard", "org:vela"
    cov.claim(a, "appointed", "Halvard hired Quell.", [MARA, halvard])
    cov.claim(b, "appointed", "Vela was in talks to re-hire Quell.", [MARA, vela])
    cov.claim(b, "appointed", "Halvard's hire of Quell surprised no one.", [MARA, halvard])
    orgs = [Entity(halvard, "Halvard", "ORG"), Entity(vela, "Vela", "ORG")]
    events = [e for e in merge_claims(cov.articles, cov.analyses, people() + orgs)
              if e.type == "appointed"]  # fmt: skip
    assert sorted(e.support.articles for e in events) == [1, 2]


def test_two_births_to_one_couple_are_two_events_not_a_date_conflict():
    cov = Coverage()
    a = cov.article("a1", "2023-09-06", "Daily Lantern")
    cov.claim(a, "birth", "Quell and Ashgrove welcomed daughter Riva in July 2020.",
              [MARA, TOBIN, RIVA], "2020-07")
    cov.claim(a, "birth", "They welcomed their second child in July 2022.", [MARA, TOBIN],
              "2022-07")
    events = [e for e in merge_claims(cov.articles, cov.analyses, people())
              if e.type == "birth"]  # fmt: skip
    assert sorted(e.time.value for e in events) == ["2020-07", "2022-07"]


def test_conflicting_participants_are_different_events():
    cov = Coverage()
    a = cov.article("a1", "2020-01-01", "Daily Lantern")
    cov.claim(a, "married", "Quell married Ashgrove in 2012.", [MARA, TOBIN], "2012")
    cov.claim(a, "married", "Lenz married Quell in 2012.", [MARA, RIVA], "2012")
    events = merge_claims(cov.articles, cov.analyses, people())
    assert sorted(tuple(sorted(e.participants)) for e in events) == [
        tuple(sorted((MARA, RIVA))), tuple(sorted((MARA, TOBIN)))]


def test_a_subset_of_participants_or_none_is_compatible():
    cov = Coverage()
    a = cov.article("a1", "2020-01-01", "Daily Lantern")
    b = cov.article("a2", "2020-02-01", "Evening Crier")
    cov.claim(a, "married", "Quell married Ashgrove in 2012.", [MARA, TOBIN], "2012")
    cov.claim(b, "married", "Quell wed in 2012.", [MARA], "2012")
    cov.claim(b, "married", "The two married in 2012.", [], "2012")
    ev = only(merge_claims(cov.articles, cov.analyses, people()), "married")
    assert set(ev.participants) == {MARA, TOBIN}
    assert len(ev.claims) == 3


def test_different_places_on_the_same_day_are_different_events():
    cov = Coverage()
    a = cov.article("a1", "2023-05-03", "Daily Lantern")
    cov.claim(a, "sighting", "Quell was spotted in Oslo on May 2.", [MARA], "2023-05-02",
              place="Oslo")
    cov.claim(a, "sighting", "Quell was seen at the Oslo Opera House on May 2.", [MARA],
              "2023-05-02", place="the Oslo Opera House")
    cov.claim(a, "sighting", "Quell was photographed in Rome on May 2.", [MARA], "2023-05-02",
              place="Rome")
    events = merge_claims(cov.articles, cov.analyses, people())
    assert len(events) == 2  # Oslo and the Oslo Opera House are one place, Rome another


def test_undated_statements_by_the_same_person_do_not_pool():
    cov = Coverage()
    a = cov.article("a1", "2023-05-03", "Daily Lantern")
    cov.claim(a, "statement", "Quell talked about her tour.", [MARA])
    cov.claim(a, "statement", "Quell praised her band.", [MARA])
    assert len(merge_claims(cov.articles, cov.analyses, people())) == 2


def test_a_wedding_told_with_two_dates_is_one_event_with_the_better_supported_date():
    cov = Coverage()
    for aid, outlet in (("a1", "Daily Lantern"), ("a2", "Evening Crier")):
        cov.article(aid, "2020-01-01", outlet)
        cov.claim(aid, "married", "Quell and Ashgrove married in 2012.", [MARA, TOBIN], "2012")
    cov.article("a3", "2020-01-01", "Morning Bell")
    cov.claim("a3", "married", "Quell and Ashgrove married in 2014.", [MARA, TOBIN], "2014")
    story = story_of(cov)
    ev = only(story.events, "married")
    assert ev.time.value == "2012"  # two independent outlets against one, not an average
    assert len(ev.claims) == 3
    (x,) = [c for c in story.contradictions if c.kind == "date"]
    assert x.subjects == [ev.id]
    assert sorted(len(s.evidence) for s in x.sides) == [1, 2]


def _coverage() -> Coverage:
    cov = Coverage()
    cov.article("a1", "2023-08-20", "Daily Lantern")
    cov.article("a2", "2023-08-21", "Us Weekly")
    cov.article("a3", "2024-02-01", "Evening Crier")
    cov.claim("a1", "married", "Quell and Ashgrove married in 2012.", [MARA, TOBIN], "2012")
    cov.claim("a1", "separated", "A source told Us Weekly they split.", [MARA, TOBIN],
              kind="anonymous_source", name="a source", via=["Us Weekly"], certainty="reported")
    cov.claim("a2", "separated", "The couple separated in August 2023.", [MARA, TOBIN],
              "2023-08")
    cov.claim("a2", "sighting", "Quell was seen in Oslo on August 1.", [MARA], "2023-08-01",
              place="Oslo")
    cov.claim("a3", "married", "They wed on August 4, 2012.", [MARA, TOBIN], "2012-08-04")
    cov.claim("a3", "affair_alleged", "Rumours say Ashgrove cheated in June 2023.",
              [TOBIN, RIVA], "2023-06", certainty="alleged")
    cov.spouse("a3", "Quell and her husband Ashgrove dined out.")
    return cov


def test_result_does_not_depend_on_article_order():
    base = _coverage()
    expected = to_dict(story_of(copy.deepcopy(base)))
    rng = random.Random(7)
    for _ in range(5):
        cov = copy.deepcopy(base)
        order = list(range(len(cov.articles)))
        rng.shuffle(order)
        cov.articles = [cov.articles[i] for i in order]
        cov.analyses = [cov.analyses[i] for i in order]
        for an in cov.analyses:
            rng.shuffle(an.claims)
        got = to_dict(story_of(cov))
        assert got["events"] == expected["events"]
        assert got["contradictions"] == expected["contradictions"]
        assert got["states"] == expected["states"]


def test_build_story_is_order_independent_end_to_end():
    from story_helpers import entity_mentions

    from storyline.settings import Settings
    from storyline.story.build import build_story

    def run(cov: Coverage):
        analyses = copy.deepcopy(cov.analyses)
        analyses[0].entities = entity_mentions(people())
        return to_dict(build_story(copy.deepcopy(cov.articles), analyses, Settings()))

    base = _coverage()
    first = run(base)
    flipped = copy.deepcopy(base)
    flipped.articles.reverse()
    flipped.analyses.reverse()
    assert run(flipped)["events"] == first["events"]
    assert [e["type"] for e in first["events"]] == [
        "married", "affair_alleged", "sighting", "separated"]


def _clusters_by_trying_every_one(claims, articles):
    """The plain definition the indexed `cluster_claims` must match: try every cluster."""
    from storyline.story.merge import (
        _Cluster,
        _fits,
        _order,
        claim_window,
        published_window,
        recent_from,
    )

    windows = {c.id: claim_window(c, articles) for c in claims}
    clusters = []
    for c in sorted(claims, key=lambda c: _order(c, *windows[c.id])):
        window, explicit = windows[c.id]
        people = set(c.participants)
        fits = [cl for cl in clusters
                if cl.type == c.type
                and _fits(cl, c, people, window, explicit, recent_from(c, articles, explicit),
                          published_window(c, articles))]
        if fits:
            best = max(fits, key=lambda cl: (len(set(cl.participants) & people),
                                             len(cl.claims), -clusters.index(cl)))  # fmt: skip
        else:
            best = _Cluster(c.type)
            clusters.append(best)
        best.add(c, window, published_window(c, articles))
    return [[x.id for x in cl.claims] for cl in clusters]


def test_indexed_clustering_groups_exactly_like_trying_every_cluster(monkeypatch):
    from storyline.story import merge

    monkeypatch.setattr(merge, "_join_conflicting_dates", lambda clusters: None)
    for seed in range(4):
        rng = random.Random(seed)
        cov = Coverage()
        kinds = ["married", "statement", "sighting", "dated", "death", "moved"]
        times = [None, "2019", "2019-06", "2019-06-02", "2020", "2020-01-05"]
        for i in range(6):
            aid = cov.article(f"a{i}", f"2021-0{i + 1}-10", "Daily Lantern")
            for j in range(25):
                who = rng.sample([MARA, TOBIN, RIVA], rng.choice([0, 0, 1, 1, 2, 3]))
                place = rng.choice([None, None, "Lisbon", "Porto"])
                cov.claim(aid, rng.choice(kinds), f"Sentence {j} of {aid}.", who,
                          rng.choice(times), place=place)  # fmt: skip
        claims = [c for an in cov.analyses for c in an.claims]
        got = [[c.id for c in group] for group in merge.cluster_claims(claims, cov.by_id())]
        expected = _clusters_by_trying_every_one(claims, cov.by_id())
        assert got == expected
        assert len(expected) < len(claims)  # some claims did merge
