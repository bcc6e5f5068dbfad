"""The training script's lexicon and horizons (story/train_event_coref.py), on hand-made topics."""

from __future__ import annotations

from story_helpers import RIVA, Coverage

from storyline.story.train_event_coref import (
    Topic,
    choose_threshold,
    folds,
    horizons,
    learn_synonyms,
)


def _topic(name: str, cov: Coverage, gold: dict[str, str]) -> Topic:
    """A topic whose claims stand for gold mentions (claim id -> its gold cluster)."""
    claims = [c for a in cov.analyses for c in a.claims]
    key_of = {c.id: (name, c.id) for c in claims}
    return Topic(name, claims, key_of, {key_of[c.id]: gold[c.id] for c in claims},
                 cov.articles, cov.analyses, set(), [])


def _closing(name: str, tellings: list[tuple[str, str, str, str | None]]) -> Topic:
    """A topic of one happening, a bridge's closing, told once per (article, published, text,
    time): all the claims one gold cluster."""
    cov = Coverage()
    for aid, published, _, _ in tellings:
        cov.article(aid, published)
    claims = [cov.claim(aid, "other", text, time=time, predicate="close")
              for aid, _, text, time in tellings]
    return _topic(name, cov, {c.id: "x" for c in claims})


def _killing(name: str, verb: str, other: str) -> Topic:
    cov = Coverage()
    cov.article("a1", "2024-03-05")
    cov.article("a2", "2024-03-06")
    c1 = cov.claim("a1", "other", "The gunman killed Riva Lenz.", [RIVA], predicate="kill")
    c2 = cov.claim("a2", "other", f"Lenz was {verb} at home.", [RIVA], predicate=verb)
    c3 = cov.claim("a2", "other", "Police checked the house.", predicate=other)
    return _topic(name, cov, {c1.id: "x", c2.id: "x", c3.id: "y"})


def test_synonyms_need_several_topics():
    topics = [_killing("1", "murdered", "check"), _killing("2", "murdered", "enter"),
              _killing("3", "slain", "check")]
    # kill/murder tell one happening in two topics, kill/slain in one; never kill/check
    assert learn_synonyms(topics) == {("kill", "murder"), ("murder", "kill")}
    assert learn_synonyms(topics, min_topics=1) == {
        ("kill", "murder"), ("murder", "kill"), ("kill", "slain"), ("slain", "kill")}


def test_horizons_are_quantiles_of_one_happenings_tellings():
    topic = _closing("1", [("a1", "2024-03-05", "The bridge closed on Monday.", "2024-03-04"),
                           ("a2", "2024-03-10", "The bridge closed.", None),
                           ("a3", "2024-03-20", "The bridge has closed.", None)])
    # news: 2024-03-04 to the undated tellings of 03-10 and 03-20 (6, 16 days); apart: the
    # articles of the two undated ones, 10 days
    assert horizons([topic], coverage=1.0) == (16, 10)
    assert horizons([topic], coverage=0.0) == (6, 10)
    assert horizons([]) == (30, 30)  # no dated tellings: the default


def test_horizons_count_each_undated_telling_once_against_its_nearest_evidence():
    dated = _closing("1", [("a1", "2024-03-05", "The bridge closed on Monday.", "2024-03-04"),
                           ("a2", "2024-03-02", "The bridge closed on Friday.", "2024-03-01"),
                           ("a3", "2024-03-10", "The bridge closed.", None)])
    # the undated telling of 03-10 is 6 days from the nearest firm date (03-04), not 9 from
    # the other (03-01): one value, the nearest; no two undated tellings, so apart defaults
    assert horizons([dated], coverage=1.0) == (6, 30)
    undated = _closing("2", [(aid, day, "The bridge has closed.", None) for aid, day in
                             (("a1", "2024-03-10"), ("a2", "2024-03-20"), ("a3", "2024-03-12"))])
    # each undated telling's nearest other article: 2 (03-10 to 03-12), 8 (03-20 to 03-12),
    # 2; counted over pairs the farthest would be 10 (03-10 to 03-20)
    assert horizons([undated], coverage=1.0) == (30, 8)
    assert horizons([undated], coverage=0.0) == (30, 2)


def test_threshold_is_the_best_smoothed_score_ties_to_the_higher():
    scores = {0.1: 0.70, 0.2: 0.75, 0.3: 0.60, 0.4: 0.74, 0.5: 0.74, 0.6: 0.74}
    # 0.2's lone peak averages 0.683 with its neighbours; 0.5 and 0.6 hold 0.74: the higher
    assert choose_threshold(scores) == 0.6
    assert max(scores, key=scores.__getitem__) == 0.2  # what the raw best would take


def test_folds_take_every_kth_topic():
    names = ["1", "3", "4", "6", "7", "8", "9", "10", "11", "13"]
    assert folds(names) == [{"1", "8"}, {"3", "9"}, {"4", "10"}, {"6", "11"}, {"7", "13"}]
