"""Ingest on the shared seed articles: dates and ranges, outlets, furniture (../shared needed)."""

from __future__ import annotations

from datetime import date

import pytest
from ingest_helpers import assert_offsets_kept

from storyline.ingest.read import read_articles
from storyline.settings import Settings
from storyline.story.dating import date_corpus


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    arts = read_articles([str(seeds_dir)], Settings())
    date_corpus(arts, None)  # what the other seeds say (ages, the wedding): the story stage's
    return {a.path.rsplit("/", 1)[-1][:3]: a for a in arts}


def test_all_seeds_read_and_offsets_kept(seeds) -> None:
    assert sorted(seeds) == ["000", "001", "002", "003", "004"]
    for art in seeds.values():
        assert art.status == "ok"
        assert_offsets_kept(art)


@pytest.mark.parametrize(("seed", "day"), [("001", date(2024, 2, 23)), ("003", date(2023, 8, 7))])
def test_header_dates(seeds, seed: str, day: date) -> None:
    pub = seeds[seed].published
    assert (pub.value, pub.earliest, pub.latest, pub.method) == (
        day.isoformat(),
        day,
        day,
        "header",
    )


@pytest.mark.parametrize(
    ("seed", "true_first", "true_last"),
    [
        ("000", date(2016, 6, 24), date(2016, 6, 30)),
        ("002", date(2024, 1, 1), date(2024, 2, 29)),
        ("004", date(2023, 8, 4), date(2023, 8, 31)),
    ],
)
def test_inferred_ranges_contain_truth_and_are_under_a_year(
    seeds, seed: str, true_first: date, true_last: date
) -> None:
    pub = seeds[seed].published
    assert pub.method == "inferred" and pub.reason
    assert pub.earliest <= true_first and true_last <= pub.latest
    assert (pub.latest - pub.earliest).days < 366


def test_outlets(seeds) -> None:
    assert seeds["001"].outlet == "OK Magazine"
    assert seeds["003"].outlet is None  # its header is followed by article text, not an outlet
    assert "Star Magazine" in seeds["000"].cited_outlets
    assert seeds["000"].outlet is None


def test_header_sentence_of_003_is_kept(seeds) -> None:
    art = seeds["003"]
    assert [(r.kind, art.raw[r.start : r.end]) for r in art.removed][0] == (
        "header",
        "date 2023-08-07",
    )
    assert art.content.lstrip().startswith("Natalie Portman (42) has reportedly separated")


def test_furniture_in_000_removed_and_sentences_kept(seeds) -> None:
    art = seeds["000"]
    kinds = {r.kind for r in art.removed}
    assert {"image_name", "photo_credit", "tracking_token"} <= kinds
    for furniture in ("FFN_FlyUK", "wenn22480384", "Photos courtesy of", "ncG1vNJzZmivp6x7"):
        assert furniture in art.raw and furniture not in art.content
    for sentence in (
        "Portman, 35, was spotted at London’s Chiltern Firehouse, sans wedding ring, on June 24.",
        "[From Star Magazine, print edition]",
        "I wonder if they are going to split this year?",
    ):
        assert sentence in art.content


def test_furniture_in_other_seeds(seeds) -> None:
    assert "Close this search box." not in seeds["004"].content
    assert "Exclusive Insights Await You" not in seeds["004"].content
    assert "View this post on Instagram" not in seeds["002"].content
    assert "natalie portman ditches ring" not in seeds["001"].content
    assert "The pair married in 2012." in seeds["001"].content
