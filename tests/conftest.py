"""Shared fixtures: the bundled model (loaded once) and the optional ../shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
TIMEBANK = SHARED / "benchmarks" / "timebank"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def nlp():
    from storyline.nlp.pipeline import load_model
    from storyline.settings import Settings

    return load_model(Settings().model)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"../shared/seeds not found at {SEEDS}: seed tests need the shared data")
    return SEEDS


@pytest.fixture(scope="session")
def timebank_dir() -> Path:
    if not TIMEBANK.is_dir():
        pytest.skip(f"../shared/benchmarks/timebank not found at {TIMEBANK}")
    return TIMEBANK


FRONTDOOR_CORPUS = ROOT / "tests" / "fixtures" / "frontdoors"


@pytest.fixture(scope="session")
def frontdoor_corpus() -> Path:
    """A small fictional corpus (txt with header, HTML, JSONL with bad records) for front doors."""
    return FRONTDOOR_CORPUS


@pytest.fixture(scope="session")
def frontdoor_store(tmp_path_factory, frontdoor_corpus) -> Path:
    """A store holding `frontdoor_corpus`, ingested once per session: copy it before writing."""
    from storyline.api import ingest

    path = tmp_path_factory.mktemp("frontdoor") / "story.db"
    ingest([str(frontdoor_corpus)], path)
    return path


FEED_CORPUS = ROOT / "tests" / "fixtures" / "feed"
# The fictional feed's stories by their files' names (tests/fixtures/feed).
FEED_STORIES = {
    frozenset({"01-varnhold-bridge.txt", "02-varnhold-bridge.txt", "03-varnhold-bridge.txt"}),
    frozenset({"04-kestrel-rovers.txt", "05-kestrel-rovers.txt", "06-kestrel-rovers.txt"}),
    frozenset({"07-lumora-breach.txt", "08-lumora-breach.txt"}),
}


@pytest.fixture(scope="session")
def feed_store(tmp_path_factory) -> Path:
    """A store holding the fictional three-story feed, ingested in one go, once per session:
    copy it before writing."""
    from storyline.api import ingest

    path = tmp_path_factory.mktemp("feed") / "feed.db"
    ingest(sorted(str(p) for p in FEED_CORPUS.glob("*.txt")), path)
    return path
