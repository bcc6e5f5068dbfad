"""Concurrent writers on one feed: every article lands in exactly one story, none is lost."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

from storyline.store import open_store
from tests.conftest import FEED_CORPUS, FEED_STORIES
from tests.store.test_feed_clusterer import SETTINGS, _signals, _store_with


def _cluster_all(path: str, sigs, start, out) -> None:  # noqa: ANN001 - mp objects
    start.wait()
    try:
        with open_store(path) as store:
            for sig in sigs:
                store.cluster(sig, SETTINGS)
        out.put("ok")
    except Exception as e:  # noqa: BLE001 - reported to the test
        out.put(f"{type(e).__name__}: {e}")


def test_two_processes_clustering_into_one_store_lose_nothing(tmp_path) -> None:
    sigs = _signals(60, seed=1)
    _store_with(tmp_path, [s.article for s in sigs]).close()
    path = str(tmp_path / "s.db")
    ctx = mp.get_context("fork")
    start, out = ctx.Event(), ctx.Queue()
    # both see every article (as two ingests racing over the same unclustered ones would)
    procs = [ctx.Process(target=_cluster_all, args=(path, part, start, out))
             for part in (sigs, sigs[::-1])]  # fmt: skip
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(120)
    assert sorted(out.get(timeout=60) for _ in procs) == ["ok", "ok"]
    with open_store(path) as store:
        members = [a for f in store.feed_stories() for a in store.story_members(f.id)[1]]
        assert sorted(members) == sorted(s.article for s in sigs)  # each exactly once
        assert sum(f.articles for f in store.feed_stories()) == 60
        seen = store._db.execute("SELECT value FROM meta WHERE key = 'cluster_seen'").fetchone()
        assert int(seen[0]) == 60  # every article counted once in the frequencies
        assert store.unclustered() == []


def _ingest(path: str, files: list[str], start, out) -> None:  # noqa: ANN001 - mp objects
    from storyline import api

    start.wait()
    try:
        for f in files:
            api.ingest([f], path)
        out.put("ok")
    except Exception as e:  # noqa: BLE001 - reported to the test
        out.put(f"{type(e).__name__}: {e}")


def test_two_ingests_at_once_build_every_story(tmp_path, nlp) -> None:
    """Two processes ingesting halves of the feed, one article at a time, at the same time."""
    from storyline import api

    files = sorted(str(p) for p in FEED_CORPUS.glob("*.txt"))
    path = str(tmp_path / "feed.db")
    ctx = mp.get_context("fork")  # the model is loaded in this process (the nlp fixture)
    start, out = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_ingest, args=(path, part, start, out))
             for part in (files[0::2], files[1::2])]  # fmt: skip
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(300)
    assert sorted(out.get(timeout=60) for _ in procs) == ["ok", "ok"]
    api.ingest(files, path)  # what a later ingest sees: nothing new, nothing left stale
    found = api.stories(path)
    assert all(f.built for f in found)
    with open_store(path) as store:
        names = {s.article.id: Path(s.article.path).name for s in store.articles()}
        parts = {frozenset(names[a] for a in store.story_members(f.id)[1]) for f in found}
        assert store.stale_stories() == []
    assert parts == FEED_STORIES
