"""The training script's lexicon and horizons (story/train_event_coref.py), on hand-made topics."""

from __future__ import annotations

from story_helpers import RIVA, Coverage

from storyline.story.train_event_coref import Topic, horizons, learn_synonyms


def _topic(name: str, cov: Coverage, gold: dict[str, str]) -> Topic:
    """A topic whose claims stand for gold mentions (claim id -> its gold cluster)."""
    claims = [c for a in cov.analyses for c in a.claims]
    key_of = {c.id: (name, c.id) for c in claims}
    return Topic(name, claims, key_of, {key_of[c.id]: gold[c.id] for c in claims},
                 cov.articles, cov.analyses, set(), [])


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
    cov = Coverage()
    cov.article("a1", "2024-03-05")
    cov.article("a2", "2024-03-10")
    cov.article("a3", "2024-03-20")
    c1 = cov.claim("a1", "other", "The bridge closed on Monday.", time="2024-03-04",
                   predicate="close")
    c2 = cov.claim("a2", "other", "The bridge closed.", predicate="close")
    c3 = cov.claim("a3", "other", "The bridge has closed.", predicate="close")
    topic = _topic("1", cov, {c1.id: "x", c2.id: "x", c3.id: "x"})
    # news: 2024-03-04 to the undated tellings of 03-10 and 03-20 (6, 16 days); apart: the
    # articles of the two undated ones, 10 days
    assert horizons([topic], coverage=1.0) == (16, 10)
    assert horizons([topic], coverage=0.0) == (6, 10)
    assert horizons([]) == (30, 30)  # no dated tellings: the default
