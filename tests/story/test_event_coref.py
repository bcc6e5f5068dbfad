"""Event coreference (story/event_coref.py): pair features, the model, and clustering in merge."""

from __future__ import annotations

import json
import math
from datetime import date

import numpy as np
import pytest
from story_helpers import MARA, RIVA, TOBIN, Coverage

from storyline.dates import covering_value
from storyline.model import PublicationDate
from storyline.story import event_coref
from storyline.story.event_coref import (
    FEATURES,
    Coref,
    PairModel,
    predicate_key,
    subtopics,
    train,
)
from storyline.story.merge import (
    block_of,
    cluster_claims,
    frames_of_predicates,
    places_compatible,
)

# A fictional flood story told twice: two evacuations of one town (sub-topic "s1") and one of
# another (sub-topic "s2").
S1 = "Crews evacuated Marlow after the river burst its banks."
S2 = "Marlow was evacuated as the river burst its banks."
S3 = "Firefighters evacuated Denholm after a gas leak."


def _coverage():
    cov = Coverage()
    for aid in ("a1", "a2", "a3"):
        cov.article(aid, "2024-03-05", "Daily Lantern")
    c1 = cov.claim("a1", "other", S1, predicate="evacuate")
    c2 = cov.claim("a2", "other", S2, predicate="evacuate")
    c3 = cov.claim("a3", "other", S3, predicate="evacuate")
    return cov, (c1, c2, c3)


SUBTOPIC = {"a1": "s1", "a2": "s1", "a3": "s2"}
# Merges a pair only in one sub-topic with similar sentences: P = sigmoid(4 sub + 4 ctx - 5)
MODEL = PairModel(tuple(4.0 if n in ("same_subtopic", "context") else 0.0 for n in FEATURES),
                  -5.0, 0.5)


def test_pair_features_exact():
    cov, (c1, c2, c3) = _coverage()
    coref = Coref([c1, c2, c3], cov.by_id(), MODEL, SUBTOPIC)
    f12 = dict(zip(FEATURES, coref.features(c1, c2), strict=True))
    f13 = dict(zip(FEATURES, coref.features(c1, c3), strict=True))
    assert {k: v for k, v in f12.items() if k not in ("context", "article")} == {
        "same_predicate": 1.0, "same_subtopic": 1.0, "same_article": 0.0,
        "same_sentence": 0.0, "shared_participant": 0.0, "participant_conflict": 0.0,
        "unnamed": 1.0, "both_dated": 0.0, "same_place": 0.0, "date_gap": 0.0,
        "news_gap": 0.0, "published_apart": 0.0, "named_conflict": 0.0,
        "over_limit": 0.0, "synonym": 0.0}
    assert f13["same_subtopic"] == 0.0
    # content words, IDF log(4 / (df + 0.5)) over the three sentences: S1 and S3 share only
    # "evacuated" (df 3); S1 = crews, evacuated, marlow, river, burst, banks (df 1, 3, 2, 2, 2,
    # 2), S3 = firefighters, evacuated, denholm, gas, leak (df 1, 3, 1, 1, 1)
    i1, i2, i3 = (math.log(4 / (df + 0.5)) for df in (1, 2, 3))
    s1 = i1 ** 2 + i3 ** 2 + 4 * i2 ** 2
    assert f13["context"] == pytest.approx(i3 ** 2 / math.sqrt(s1 * (4 * i1 ** 2 + i3 ** 2)))
    # S2 = marlow, evacuated, river, burst, banks: all of S1 but "crews"
    assert f12["context"] == pytest.approx((i3 ** 2 + 4 * i2 ** 2) / math.sqrt(
        s1 * (i3 ** 2 + 4 * i2 ** 2)))
    assert f12["article"] == pytest.approx(f12["context"])  # one sentence per article


def test_time_features_exact():
    cov = Coverage()
    cov.article("a1", "2024-03-05")
    cov.article("a2", "2024-09-05")
    c1 = cov.claim("a1", "other", S1, time="2024-03-04", predicate="evacuate")
    c2 = cov.claim("a2", "other", S2, time="2024-06-04", predicate="evacuate")
    c3 = cov.claim("a2", "other", S3, predicate="evacuate")
    coref = Coref([c1, c2, c3], cov.by_id(), MODEL, {"a1": "s1", "a2": "s1"})
    f12 = dict(zip(FEATURES, coref.features(c1, c2), strict=True))
    f13 = dict(zip(FEATURES, coref.features(c1, c3), strict=True))
    # 2024-03-04 .. 2024-06-04: 92 days; the articles 2024-03-05 .. 2024-09-05: 184 days
    assert (f12["both_dated"], f12["news_gap"]) == (0.0, 0.0)
    assert f12["date_gap"] == pytest.approx(math.log1p(92))
    assert f12["published_apart"] == pytest.approx(math.log1p(184))
    # undated c3, in an article of 2024-09-05, against c1 of 2024-03-04: 185 days
    assert f13["news_gap"] == pytest.approx(math.log1p(185))
    assert f13["date_gap"] == 0.0


def test_participant_features():
    cov = Coverage()
    cov.article("a1", "2024-03-05")
    cov.article("a2", "2024-03-05")
    c1 = cov.claim("a1", "other", S1, [MARA], predicate="evacuate", place="Marlow")
    c2 = cov.claim("a2", "other", S2, [TOBIN], predicate="evacuate", place="Marlow town")
    c3 = cov.claim("a2", "other", S2, [MARA, TOBIN], predicate="evacuate")
    c3.mention = c2.mention  # a second trigger of c2's sentence
    coref = Coref([c1, c2, c3], cov.by_id(), MODEL, {"a1": "s1", "a2": "s1"})
    f12 = dict(zip(FEATURES, coref.features(c1, c2), strict=True))
    f13 = dict(zip(FEATURES, coref.features(c1, c3), strict=True))
    f23 = dict(zip(FEATURES, coref.features(c2, c3), strict=True))
    assert (f12["shared_participant"], f12["participant_conflict"], f12["same_place"]) == (
        0.0, 1.0, 1.0)
    assert f12["named_conflict"] == 0.0  # participants that are not named people
    assert (f13["shared_participant"], f13["participant_conflict"], f13["same_place"]) == (
        1.0, 0.0, 0.0)
    assert (f23["same_article"], f23["same_sentence"], f23["article"]) == (1.0, 1.0, 1.0)


def test_model_merges_what_the_rules_keep_apart():
    cov, (c1, c2, c3) = _coverage()
    coref = Coref([c1, c2, c3], cov.by_id(), MODEL, SUBTOPIC)
    groups = cluster_claims([c1, c2, c3], cov.by_id(), coref=coref)
    assert sorted(sorted(c.id for c in g) for g in groups) == [["a1:c1", "a2:c1"], ["a3:c1"]]
    # the rules alone: open events naming nobody never pool
    rules = cluster_claims([c1, c2, c3], cov.by_id())
    assert sorted(len(g) for g in rules) == [1, 1, 1]


def test_model_never_joins_other_predicates_or_other_days():
    cov = Coverage()
    for aid in ("a1", "a2", "a3"):
        cov.article(aid, "2024-03-05")
    c1 = cov.claim("a1", "other", S1, time="2024-03-04", predicate="evacuate")
    c2 = cov.claim("a2", "other", S2, time="2024-03-01", predicate="evacuate")
    c3 = cov.claim("a3", "other", S2, predicate="flee")
    coref = Coref([c1, c2, c3], cov.by_id(), MODEL, {"a1": "s1", "a2": "s1", "a3": "s1"})
    assert coref.pair(c1, c2) > 0.5  # the model alone would merge them
    groups = cluster_claims([c1, c2, c3], cov.by_id(), coref=coref)
    assert sorted(len(g) for g in groups) == [1, 1, 1]


def test_named_people_in_conflict_weigh_as_a_feature():
    cov = Coverage()
    for aid in ("a1", "a2", "a3"):
        cov.article(aid, "2024-03-05")
    c1 = cov.claim("a1", "other", S1, [MARA], predicate="evacuate")
    c2 = cov.claim("a2", "other", S2, [TOBIN], predicate="evacuate")
    c3 = cov.claim("a3", "other", S2, [MARA], predicate="evacuate")
    subs = {"a1": "s1", "a2": "s1", "a3": "s1"}
    people = frozenset({MARA, TOBIN})
    coref = Coref([c1, c2, c3], cov.by_id(), MODEL, subs, named=people)
    assert coref.features(c1, c2)[FEATURES.index("named_conflict")] == 1.0
    assert coref.features(c1, c3)[FEATURES.index("named_conflict")] == 0.0
    # MODEL does not weigh it: all three join; a model that does keeps Tobin's apart
    assert [len(g) for g in cluster_claims([c1, c2, c3], cov.by_id(), coref=coref)] == [3]
    weighs = PairModel(tuple(4.0 if n in ("same_subtopic", "context") else
                             -8.0 if n == "named_conflict" else 0.0 for n in FEATURES),
                       -5.0, 0.5)
    apart = Coref([c1, c2, c3], cov.by_id(), weighs, subs, named=people)
    groups = cluster_claims([c1, c2, c3], cov.by_id(), coref=apart)
    assert sorted(sorted(c.id for c in g) for g in groups) == [["a1:c1", "a3:c1"], ["a2:c1"]]


def _same_day(*ids: str) -> Coverage:
    """Articles of one stated day, 2024-03-05."""
    cov = Coverage()
    for aid in ids:
        cov.article(aid, "2024-03-05")
    return cov


def _inferred(cov: Coverage, aid: str, earliest: str, latest: str) -> None:
    """Make an article's date an inferred range (as ingest infers one from the text)."""
    art = next(a for a in cov.articles if a.id == aid)
    lo, hi = date.fromisoformat(earliest), date.fromisoformat(latest)
    art.published = PublicationDate(covering_value(lo, hi), lo, hi, "inferred", "test")


def test_forbidden_reads_only_firm_evidence():
    cov = Coverage()
    for aid, day in (("a1", "2024-03-05"), ("a2", "2024-03-05"), ("w1", "2016-03-05"),
                     ("w2", "2016-03-20"), ("l1", "2024-03-05"), ("l2", "2025-03-05")):
        cov.article(aid, day)
    _inferred(cov, "w1", "2006-01-01", "2026-11-30")  # inferred, wide: a weekday is no firm date
    _inferred(cov, "w2", "2006-01-01", "2026-11-30")
    stated_a = cov.claim("a1", "other", S1, time="2024-03-04", predicate="evacuate")
    stated_b = cov.claim("a2", "other", S2, time="2024-03-01", predicate="evacuate")
    weak_a = cov.claim("w1", "other", S1, time="2016-03-04", predicate="evacuate")
    weak_b = cov.claim("w2", "other", S2, time="2016-03-01", predicate="evacuate")
    old = cov.claim("w2", "other", S2, time="2013-03-01", predicate="evacuate")
    late = cov.claim("l1", "other", S2, predicate="evacuate")  # undated, told as done
    later = cov.claim("l2", "other", S2, predicate="evacuate")
    claims = [stated_a, stated_b, weak_a, weak_b, old, late, later]
    coref = Coref(claims, cov.by_id(), MODEL, {c.article: "s1" for c in claims})
    assert coref.when[stated_a.id].firm and not coref.when[weak_a.id].firm
    # two stated days that differ: two happenings; the same days read against an inferred
    # date prove nothing; dates years apart do, firm or not
    assert coref.forbidden([stated_a], [stated_b])
    assert not coref.forbidden([weak_a], [weak_b])
    assert coref.forbidden([weak_b], [old])
    # an undated mention in an article of 2024-03-05 told as done: the news of its day (the
    # 2024-03-04 event), not a 2016 one nor a later one
    assert not coref.forbidden([late], [stated_a])
    assert coref.forbidden([late], [weak_a])
    # two undated mentions a year apart (stated dates): two happenings
    assert coref.forbidden([late], [later])


def test_two_similar_events_of_different_days_stay_apart_with_the_shipped_model():
    """The same evacuation told by two articles joins; a similar one of another stated day,
    told in the same words, stays apart (the shipped weights, sub-topics computed)."""
    cov = Coverage()
    cov.article("a1", "2024-03-05", "Daily Lantern")
    cov.article("a2", "2024-03-05", "Marlow Courier")
    cov.article("a3", "2024-03-12", "Daily Lantern")
    first = "Crews evacuated Marlow on Monday after the river Tern burst its banks."
    c1 = cov.claim("a1", "other", first, time="2024-03-04", predicate="evacuate")
    c2 = cov.claim("a2", "other", "Marlow was evacuated on Monday as the river Tern burst "
                   "its banks.", time="2024-03-04", predicate="evacuate")
    c3 = cov.claim("a3", "other", "Crews evacuated Marlow on Sunday after the river Tern "
                   "burst its banks again.", time="2024-03-10", predicate="evacuate")
    claims = [c1, c2, c3]
    model = event_coref.load()
    assert model is not None
    coref = Coref(claims, cov.by_id(), model)
    assert coref.pair(c1, c3) > model.threshold  # alike: only the stated dates tell them apart
    groups = cluster_claims(claims, cov.by_id(), coref=coref)
    assert sorted(sorted(c.id for c in g) for g in groups) == [["a1:c1", "a2:c1"], ["a3:c1"]]


def test_an_undated_mention_joins_a_dated_event_only_as_the_news_of_its_day():
    cov = Coverage()
    cov.article("a1", "2024-03-05")
    cov.article("a2", "2024-03-06")
    cov.article("a3", "2025-06-01")
    c1 = cov.claim("a1", "other", S1, time="2024-03-04", predicate="evacuate")
    c2 = cov.claim("a2", "other", S2, predicate="evacuate")
    c3 = cov.claim("a3", "other", S2, predicate="evacuate")
    subs = {"a1": "s1", "a2": "s1", "a3": "s1"}
    coref = Coref([c1, c2, c3], cov.by_id(), MODEL, subs)
    groups = cluster_claims([c1, c2, c3], cov.by_id(), coref=coref)
    # a3, published 15 months later, tells another evacuation (or an old one as background)
    assert sorted(sorted(c.id for c in g) for g in groups) == [["a1:c1", "a2:c1"], ["a3:c1"]]


def test_an_unnamed_claim_joins_only_within_its_subtopic():
    cov = Coverage()
    cov.article("a1", "2024-03-05")
    cov.article("a2", "2024-03-05")
    c1 = cov.claim("a1", "death", "Riva Lenz died on Monday.", [RIVA], "2024-03-04")
    c2 = cov.claim("a2", "death", "The death shocked the town.")
    never = PairModel((0.0,) * len(FEATURES), -10.0, 0.5)
    rules = cluster_claims([c1, c2], cov.by_id())
    assert [len(g) for g in rules] == [2]  # the rules: an unnamed death is the story's death
    apart = Coref([c1, c2], cov.by_id(), never, {"a1": "s1", "a2": "s2"})
    assert sorted(len(g) for g in cluster_claims([c1, c2], cov.by_id(), coref=apart)) == [1, 1]
    together = Coref([c1, c2], cov.by_id(), never, {"a1": "s1", "a2": "s1"})
    assert [len(g) for g in cluster_claims([c1, c2], cov.by_id(), coref=together)] == [2]


def test_subtopics_split_by_average_link():
    a = {"quake": 0.8, "chile": 0.6}
    b = {"quake": 0.6, "chile": 0.8}
    c = {"quake": 0.6, "java": 0.8}
    # cos(a, b) = 0.96, cos(a, c) = 0.48, cos(b, c) = 0.36: mean link of {a, b} to c is 0.42
    assert subtopics({"a": a, "b": b, "c": c}, 0.5) == {"a": "t1", "b": "t1", "c": "t2"}
    assert subtopics({"a": a, "b": b, "c": c}, 0.4) == {"a": "t1", "b": "t1", "c": "t1"}
    assert subtopics({}, 0.5) == {}


def test_json_round_trip_and_probability():
    m = PairModel(tuple(float(i) for i in range(len(FEATURES))), -1.5, 0.55, 0.07,
                  frozenset({("kill", "murder"), ("murder", "kill")}), 31, 41)
    back = PairModel.from_json(json.loads(json.dumps(m.to_json())))
    assert back == m
    x = np.zeros((1, len(FEATURES)))
    assert back.probability(x)[0] == pytest.approx(1 / (1 + np.exp(1.5)))


def test_train_separates_a_separable_set():
    x = np.array([[1.0, 0.0], [1.0, 0.1], [0.0, 1.0], [0.1, 1.0]] * 5)
    y = np.array([1.0, 1.0, 0.0, 0.0] * 5)
    w, b = train(x, y, epochs=300, lr=1.0)
    p = 1 / (1 + np.exp(-(x @ np.array(w) + b)))
    assert (p[y == 1] > 0.5).all() and (p[y == 0] < 0.5).all()


def test_shipped_weights_load():
    model = event_coref.load()
    assert model is not None and len(model.weights) == len(FEATURES)
    assert 0.0 < model.threshold < 1.0


def test_places_qualified_after_a_comma():
    assert places_compatible("Springfield, Mo.", "Springfield, Missouri")
    assert places_compatible("Santa Rosa, Calif.", "Santa Rosa, California")
    assert places_compatible("Oslo", "the Oslo Opera House")
    assert not places_compatible("Paris, Texas", "Paris, France")
    assert not places_compatible("Oslo", "Rome")


def test_predicates_compared_by_stem_and_open_events_join_their_frames_block():
    assert predicate_key("checks") == predicate_key("check") == "check"
    assert predicate_key("check in") == "check in"
    cov = _same_day("a1", "a2")
    c1 = cov.claim("a1", "death", "The gunman killed Riva Lenz.", [RIVA], predicate="kill")
    c2 = cov.claim("a2", "other", "Lenz was killed at her home.", [RIVA], predicate="kill")
    c3 = cov.claim("a2", "other", "Crews evacuated Marlow.", predicate="evacuates")
    c4 = cov.claim("a1", "other", "Marlow was evacuated.", predicate="evacuate")
    framed = frames_of_predicates([c1, c2, c3, c4])
    assert framed == {"kill": "death"}
    assert block_of(c2, framed) == block_of(c1, framed) == ("death", None)
    assert block_of(c3, framed) == block_of(c4, framed) == ("other", "evacu")
    always = PairModel((0.0,) * len(FEATURES), 10.0, 0.5)
    coref = Coref([c1, c2, c3, c4], cov.by_id(), always, {"a1": "s1", "a2": "s1"})
    groups = cluster_claims([c1, c2, c3, c4], cov.by_id(), coref=coref)
    assert sorted(sorted(c.id for c in g) for g in groups) == [
        ["a1:c1", "a2:c1"], ["a1:c2", "a2:c2"]]


def test_block_scores_are_the_pairs_scores():
    """`probabilities` scores a block at once; each cell is the pair's own score, in either
    order but for a frame's participant limit (a's kind)."""
    cov, (c1, c2, c3) = _coverage()
    c4 = cov.claim("a1", "other", "The river burst its banks at Marlow.", [MARA],
                   time="2024-03-01", predicate="flood", place="Marlow")
    claims = [c1, c2, c3, c4]
    coref = Coref(claims, cov.by_id(), MODEL, SUBTOPIC, named=frozenset({MARA}))
    block = coref.feature_matrix(claims)
    prob = coref.probabilities(claims)
    for i, a in enumerate(claims):
        for j, b in enumerate(claims):
            if i != j:
                assert list(block[i, j]) == coref.features(a, b)
                assert prob[i, j] == pytest.approx(coref.pair(a, b), abs=1e-15)
    art = FEATURES.index("article")
    assert block[0, 3, art] == 1.0  # one article
    assert block[0, 1, art] == pytest.approx(block[1, 0, art])


def test_cosines_of_sparse_vectors_exact():
    a = {"x": 0.6, "y": 0.8}
    b = {"y": 0.6, "z": 0.8, "w": 0.0}
    got = event_coref._cosines([a, b, {"q": 1.0}, {}])
    assert got[0, 1] == got[1, 0] == 0.8 * 0.6
    assert got[0, 2] == got[3, 1] == 0.0
    assert got[0, 0] == pytest.approx(1.0)


KILL_MURDER = frozenset({("kill", "murder"), ("murder", "kill")})


def test_synonym_groups_share_a_block_and_weigh_as_a_feature():
    """Predicates the train topics call one happening ("murder" / "kill") share a block (an
    open "murder" goes to the death frame "kill" has in this build) and raise the pair's
    `synonym` feature; other predicates stay in their own block."""
    assert event_coref.synonym_roots({"kill", "murder", "flee"}, KILL_MURDER) == {
        "murder": "kill"}
    assert event_coref.synonym_roots({"murder", "flee"}, KILL_MURDER) == {}
    cov = _same_day("a1", "a2")
    c1 = cov.claim("a1", "death", "The gunman killed Riva Lenz.", [RIVA], predicate="kill")
    c2 = cov.claim("a2", "other", "Lenz was murdered at her home.", [RIVA], predicate="murder")
    c3 = cov.claim("a2", "other", "The gunman fled.", predicate="flee")
    claims = [c1, c2, c3]
    model = PairModel(tuple(4.0 if n == "synonym" else 0.0 for n in FEATURES), -2.0, 0.5,
                      synonyms=KILL_MURDER)
    coref = Coref(claims, cov.by_id(), model, {"a1": "s1", "a2": "s1"})
    framed = frames_of_predicates(claims, coref.same)
    assert block_of(c2, framed, coref.same) == block_of(c1, framed, coref.same) == (
        "death", None)
    assert block_of(c3, framed, coref.same) == ("other", "flee")
    syn = FEATURES.index("synonym")
    assert (coref.features(c1, c2)[syn], coref.features(c1, c3)[syn]) == (1.0, 0.0)
    groups = cluster_claims(claims, cov.by_id(), coref=coref)
    assert sorted(sorted(c.id for c in g) for g in groups) == [["a1:c1", "a2:c1"], ["a2:c2"]]
    # without the lexicon, "murder" is an open event's own block: the model never sees the pair
    plain = Coref(claims, cov.by_id(), PairModel(model.weights, -2.0, 0.5),
                  {"a1": "s1", "a2": "s1"})
    assert sorted(len(g) for g in cluster_claims(claims, cov.by_id(), coref=plain)) == [1, 1, 1]


def test_the_news_horizons_are_the_models():
    """`forbidden` reads the learned horizons: undated mentions in articles 35 days apart are
    two happenings under a 30-day horizon, one possible happening under a 41-day one."""
    cov = Coverage()
    cov.article("a1", "2024-03-05")
    cov.article("a2", "2024-04-09")
    c1 = cov.claim("a1", "other", S1, predicate="evacuate")
    c2 = cov.claim("a2", "other", S2, predicate="evacuate")
    subs = {"a1": "s1", "a2": "s1"}
    narrow = Coref([c1, c2], cov.by_id(), PairModel(MODEL.weights, -5.0, 0.5), subs)
    wide = Coref([c1, c2], cov.by_id(), PairModel(MODEL.weights, -5.0, 0.5, apart_horizon=41),
                 subs)
    assert narrow.forbidden([c1], [c2]) and not wide.forbidden([c1], [c2])


def test_a_coref_at_another_threshold_merges_by_it_and_leaves_the_original():
    cov, (c1, c2, c3) = _coverage()
    coref = Coref([c1, c2, c3], cov.by_id(), MODEL, SUBTOPIC)
    strict = coref.at_threshold(0.999)  # above P(c1, c2): nothing merges
    assert strict.model.threshold == 0.999 and coref.model.threshold == 0.5
    assert strict.pair(c1, c2) == coref.pair(c1, c2) < 0.999
    groups = cluster_claims([c1, c2, c3], cov.by_id(), coref=strict)
    assert sorted(len(g) for g in groups) == [1, 1, 1]
    groups = cluster_claims([c1, c2, c3], cov.by_id(), coref=coref)
    assert sorted(len(g) for g in groups) == [1, 2]
