"""The story stage on ../shared/seeds (skipped without it): spans, determinism, support."""

from __future__ import annotations

import pytest

from storyline.model import to_dict


@pytest.fixture(scope="module")
def seed_story(seeds_dir):
    from storyline.api import build

    return build([str(seeds_dir)])


def test_every_event_mention_is_an_exact_span(seed_story):
    raw = {a.id: a.raw for a in seed_story.articles}
    for ev in seed_story.events:
        assert ev.support.articles >= 1 and ev.support.independent_sources >= 1
        assert ev.support.independent_sources <= len(ev.mentions)
        for m in ev.mentions:
            assert raw[m.article][m.start:m.end] == m.text


def test_the_marriage_is_one_event_in_2012(seed_story):
    married = [e for e in seed_story.events if e.type == "married"
               and e.time is not None and e.time.value == "2012"]
    assert len(married) == 1
    assert married[0].support.articles >= 2


def test_rebuilding_the_story_in_reverse_order_gives_the_same_events(seed_story):
    import copy

    from storyline.ingest.read import read_articles
    from storyline.nlp.pipeline import analyze
    from storyline.settings import Settings
    from storyline.story.build import build_story

    settings = Settings()
    articles = read_articles([a.path for a in seed_story.articles], settings)
    analyses = analyze([a for a in articles if a.status in ("ok", "duplicate")], settings)
    forward = build_story(copy.deepcopy(articles), copy.deepcopy(analyses), settings)
    backward = build_story(list(reversed(articles)), list(reversed(analyses)), settings)
    assert to_dict(backward)["events"] == to_dict(forward)["events"]


def _one(story, type_: str, value: str):
    found = [e for e in story.events if e.type == type_ and e.time is not None
             and e.time.value.startswith(value)]
    assert len(found) == 1, [(e.id, e.time) for e in found]
    return found[0]


def test_the_august_2023_separation_is_reported_by_one_origin(seed_story):
    """Every article goes back to the one magazine's insiders: reported, not confirmed."""
    ev = _one(seed_story, "separated", "2023-08")
    assert ev.status == "reported"
    assert ev.support.independent_sources == 1
    assert ev.support.articles == 3
    assert ev.support.origins[0].startswith("Us Weekly:")


def test_the_2016_split_stays_speculated(seed_story):
    assert _one(seed_story, "separated", "2016").status == "speculated"


def test_the_2012_marriage_is_confirmed(seed_story):
    ev = _one(seed_story, "married", "2012")
    assert ev.status == "confirmed"
    assert ev.support.independent_sources >= 2
