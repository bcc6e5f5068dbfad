"""Stories in a feed: hand-written articles of three stories, one told as two fires two months
apart (tests/fixtures/stories); the clustering must find exactly these stories."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from storyline.ingest.read import read_articles
from storyline.model import Article
from storyline.settings import Settings
from storyline.story.clusters import StoryClusterer, cluster_articles, content_words, signals

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "stories"
SETTINGS = Settings(parse_workers=0)


@pytest.fixture(scope="module")
def feed():
    from storyline.nlp.executors import run

    arts = read_articles([str(FIXTURES)], SETTINGS)
    analyses = {a.id: an for a, an, _ in run(arts, SETTINGS)}
    return arts, analyses


def named(arts, clusters) -> list[list[str]]:  # noqa: ANN001
    name = {a.id: Path(a.path).stem for a in arts}
    return sorted(sorted(name[i] for i in c.articles) for c in clusters)


FERRY = ["ferry1", "ferry2", "ferry3"]
CUP = ["cup1", "cup2"]
JULY = ["fire_july1", "fire_july2"]
SEPT = ["fire_sept1", "fire_sept2"]


def test_three_stories_and_two_fires_apart(feed) -> None:
    arts, analyses = feed
    clusters = cluster_articles(arts, analyses, SETTINGS)
    assert named(arts, clusters) == sorted([CUP, FERRY, JULY, SEPT])
    ferry = next(c for c in clusters if len(c.articles) == 3)
    assert (ferry.id, ferry.first, ferry.last) == ("s1", date(2024, 5, 13), date(2024, 5, 16))
    assert ferry.title == "Kestrel Bay ferry terminal opens two years late"
    assert ferry.entities[:2] == ["Kestrel Bay", "Ada Brenner"]


def test_input_order_does_not_matter(feed) -> None:
    arts, analyses = feed
    assert named(arts, cluster_articles(arts[::-1], analyses, SETTINGS)) == sorted(
        [CUP, FERRY, JULY, SEPT]
    )


def test_undated_the_two_fires_are_one_story(feed) -> None:
    """Without dates only the words and names speak, and the two fires share most of them."""
    arts, analyses = feed
    undated = [replace(a, published=None) for a in arts]
    assert named(arts, cluster_articles(undated, analyses, SETTINGS)) == sorted(
        [CUP, FERRY, JULY + SEPT]
    )


def test_without_analyses_words_alone_still_separate_the_stories(feed) -> None:
    arts, _ = feed
    assert named(arts, cluster_articles(arts, {}, SETTINGS)) == sorted([CUP, FERRY, JULY, SEPT])


def _feed(merge: float) -> list[list[str]]:
    c = StoryClusterer(replace(SETTINGS, story_threshold=0.3, story_merge_threshold=merge))
    for aid, text in [
        ("a", "harbour ferry terminal berths council review"),
        ("b", "harbour ferry terminal regatta boats junior"),
        ("x", "mill museum engines volunteers trust hall"),
        ("c", "harbour ferry terminal berths regatta boats junior council review"),
    ]:
        c.add(signals(Article(aid, aid, raw=text, content=text), None))
    return sorted(sorted(st.articles) for st in c.clusters())


def test_a_bridging_article_merges_two_stories() -> None:
    """a and b start apart; c matches both, and the two stories are alike enough to merge."""
    assert _feed(merge=0.3) == [["a", "b", "c"], ["x"]]
    assert _feed(merge=0.9) == [["a"], ["b", "c"], ["x"]]  # too unlike: c joins the best only


def test_content_words_drop_stop_words_and_possessives() -> None:
    assert content_words("The council's plan: it is the ferry, the FERRY.") == {
        "council": 1, "plan": 1, "ferry": 2,
    }  # fmt: skip


def test_article_words_are_the_content_words_and_a_fresh_copy_each_time() -> None:
    from storyline.story.clusters import article_words

    text = "The council's plan: it is the ferry, the FERRY. Ferry plans."
    first = article_words(text)
    assert list(first.items()) == list(content_words(text).items())  # same words, same order
    first["ferry"] += 10  # a caller counting on its copy does not change the kept one
    assert article_words(text)["ferry"] == 3
