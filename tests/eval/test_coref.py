"""The coreference scorer wrapper on tiny clusters whose scores are computed by hand."""

import pytest

from storyline.eval.coref import clusters_of, score_clusters

approx = pytest.approx


def test_perfect_response_scores_one():
    s = score_clusters([{"a", "b"}, {"c"}], [{"a", "b"}, {"c"}])
    assert (s.muc.f1, s.b3.f1, s.ceaf_e.f1, s.conll) == (1.0, 1.0, 1.0, 1.0)


def test_empty_response_scores_zero():
    s = score_clusters([{"a", "b"}], [])
    assert (s.muc.f1, s.b3.f1, s.ceaf_e.f1, s.conll) == (0.0, 0.0, 0.0, 0.0)
    assert (s.key_mentions, s.response_mentions) == (2, 0)


def test_one_missed_mention():
    # key {a,b,c}, response {a,b}: MUC R=(3-2)/2, P=1; B3 R=(4/3)/3, P=1; CEAF-e phi4=4/5
    s = score_clusters([{"a", "b", "c"}], [{"a", "b"}])
    assert (s.muc.recall, s.muc.precision, s.muc.f1) == approx((0.5, 1.0, 2 / 3))
    assert (s.b3.recall, s.b3.precision, s.b3.f1) == approx((4 / 9, 1.0, 8 / 13))
    assert (s.ceaf_e.recall, s.ceaf_e.precision, s.ceaf_e.f1) == approx((0.8, 0.8, 0.8))
    assert s.conll == approx((2 / 3 + 8 / 13 + 0.8) / 3)


def test_one_false_alarm():
    # key {a,b}, response {a,b,x}: the mirror image of the miss
    s = score_clusters([{"a", "b"}], [{"a", "b", "x"}])
    assert (s.muc.recall, s.muc.precision) == approx((1.0, 0.5))
    assert (s.b3.recall, s.b3.precision) == approx((1.0, 4 / 9))
    assert s.ceaf_e.f1 == approx(0.8)
    assert s.conll == approx((2 / 3 + 8 / 13 + 0.8) / 3)


def test_singletons_dropped_on_both_sides():
    key, resp = [{"a", "b"}, {"c"}], [{"a", "b"}, {"d"}]
    with_s = score_clusters(key, resp)
    # B3: R = (4/2 + 0)/3, P = (4/2 + 0)/3; CEAF-e: 1 of 2 clusters aligned perfectly
    assert with_s.muc.f1 == 1.0
    assert with_s.b3.f1 == approx(2 / 3)
    assert with_s.ceaf_e.f1 == approx(0.5)
    without = score_clusters(key, resp, singletons=False)
    assert without.conll == 1.0
    assert (without.key_clusters, without.response_clusters) == (1, 1)


def test_clusters_of_groups_by_cluster_id():
    got = sorted(sorted(c) for c in clusters_of({"m1": 1, "m2": 1, "m3": 2}))
    assert got == [["m1", "m2"], ["m3"]]


def test_mention_keys_of_mixed_types_are_scored():
    # a gold mention's tuple key beside an unmatched prediction's string id in one cluster
    key = [{("d", "m1"), ("d", "m2")}]
    response = [{("d", "m1"), ("d", "m2"), "d:c9"}]
    score = score_clusters(key, response)
    assert score.muc.recall == 1.0 and score.muc.precision == 0.5
    assert score.response_mentions == 3
