"""Event coreference (story/event_coref.py): pair features, the model, and clustering in merge."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from story_helpers import MARA, RIVA, TOBIN, Coverage

from storyline.story import event_coref
from storyline.story.event_coref import FEATURES, Coref, PairModel, subtopics, train
from storyline.story.merge import cluster_claims

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
    f12 = dict(zip(FEATURES, coref.features(c1, c2, False), strict=True))
    f13 = dict(zip(FEATURES, coref.features(c1, c3, True), strict=True))
    assert {k: v for k, v in f12.items() if k not in ("context", "article")} == {
        "same_predicate": 1.0, "same_subtopic": 1.0, "same_article": 0.0,
        "same_sentence": 0.0, "shared_participant": 0.0, "participant_conflict": 0.0,
        "unnamed": 1.0, "both_dated": 0.0, "same_place": 0.0}
    assert f13["same_subtopic"] == 0.0 and f13["both_dated"] == 1.0
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


def test_participant_features():
    cov = Coverage()
    cov.article("a1", "2024-03-05")
    cov.article("a2", "2024-03-05")
    c1 = cov.claim("a1", "other", S1, [MARA], predicate="evacuate", place="Marlow")
    c2 = cov.claim("a2", "other", S2, [TOBIN], predicate="evacuate", place="Marlow town")
    c3 = cov.claim("a2", "other", S2, [MARA, TOBIN], predicate="evacuate")
    c3.mention = c2.mention  # a second trigger of c2's sentence
    coref = Coref([c1, c2, c3], cov.by_id(), MODEL, {"a1": "s1", "a2": "s1"})
    f12 = dict(zip(FEATURES, coref.features(c1, c2, False), strict=True))
    f13 = dict(zip(FEATURES, coref.features(c1, c3, False), strict=True))
    f23 = dict(zip(FEATURES, coref.features(c2, c3, False), strict=True))
    assert (f12["shared_participant"], f12["participant_conflict"], f12["same_place"]) == (
        0.0, 1.0, 1.0)
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
    assert coref.pair(c1, c2, True) > 0.5  # the model alone would merge them
    groups = cluster_claims([c1, c2, c3], cov.by_id(), coref=coref)
    assert sorted(len(g) for g in groups) == [1, 1, 1]


def test_model_never_joins_events_naming_different_people():
    cov = Coverage()
    for aid in ("a1", "a2", "a3"):
        cov.article(aid, "2024-03-05")
    c1 = cov.claim("a1", "other", S1, [MARA], predicate="evacuate")
    c2 = cov.claim("a2", "other", S2, [TOBIN], predicate="evacuate")
    c3 = cov.claim("a3", "other", S2, [MARA], predicate="evacuate")
    subs = {"a1": "s1", "a2": "s1", "a3": "s1"}
    people = frozenset({MARA, TOBIN})
    coref = Coref([c1, c2, c3], cov.by_id(), MODEL, subs, named=people)
    groups = cluster_claims([c1, c2, c3], cov.by_id(), coref=coref)
    assert sorted(sorted(c.id for c in g) for g in groups) == [["a1:c1", "a3:c1"], ["a2:c1"]]
    # participants that are not named people (descriptions) only weigh as a feature
    loose = Coref([c1, c2, c3], cov.by_id(), MODEL, subs)
    assert [len(g) for g in cluster_claims([c1, c2, c3], cov.by_id(), coref=loose)] == [3]


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
    m = PairModel(tuple(float(i) for i in range(len(FEATURES))), -1.5, 0.55, 0.07)
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
