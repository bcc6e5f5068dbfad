"""The stored online clusterer (store/stories.py) equals one clusterer kept in memory."""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import pytest

from storyline.settings import Settings
from storyline.store import open_store
from storyline.store.stories import public_id
from storyline.story.clusters import CHANNELS, Signals, StoryClusterer

# Thresholds at which stories are both joined and merged on these articles.
SETTINGS = replace(Settings(), story_threshold=0.25, story_merge_threshold=0.3)
TOPICS = [[f"t{j}x{i}" for i in range(8)] for j in range(6)]  # six topics, eight words each


def _signals(n: int, seed: int, days: int = 14) -> list[Signals]:
    """Articles mostly of one topic's words, some of the next topic's and random ones, named
    entities of the topic (sometimes the next one's too), dated over `days` or undated."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        t = rng.randrange(len(TOPICS))
        words = Counter(rng.choices(TOPICS[t], k=5) + rng.choices(TOPICS[(t + 1) % 6], k=2)
                        + [f"w{rng.randrange(200)}" for _ in range(3)])  # fmt: skip
        ents = Counter([f"name{t}", f"name{(t + 1) % 6}"] if rng.random() < 0.3
                       else [f"name{t}"])  # fmt: skip
        day = date(2024, 5, 1) + timedelta(days=rng.randrange(days)) if i % 5 else None
        out.append(Signals(f"a{i:03d}", day, f"title {i}" if i % 3 else None,
                           {"words": words, "entities": ents, "predicates": Counter()},
                           {k: k.title() for k in ents}))  # fmt: skip
    return out


def _store_with(tmp_path, ids):  # noqa: ANN001, ANN202
    from storyline.model import Article

    store = open_store(tmp_path / "s.db")
    for aid in ids:
        store.add_article(Article(id=aid, path=f"{aid}.txt", raw=aid, content=aid), None)
    return store


@pytest.mark.parametrize("days", [14, 200])  # 200: most stories too far in time to be read
def test_stored_clusterer_equals_the_one_in_memory_exactly(tmp_path, days) -> None:
    sigs = _signals(80, seed=0, days=days)
    memory = StoryClusterer(SETTINGS)
    store = _store_with(tmp_path, [s.article for s in sigs])
    try:
        merges = 0
        for sig in sigs:
            want = memory.add(sig)
            got, gone = store.cluster(sig, SETTINGS)
            merges += len(gone)
            assert got == public_id(want)
        assert merges > 0 and len(memory.stories) > 1  # the test exercises merging
        db = store._db
        stored = {sid: json.loads(norms) for sid, norms in db.execute(
            "SELECT id, norms FROM stories")}  # fmt: skip
        assert set(stored) == set(memory.stories)
        for sid, st in memory.stories.items():
            assert stored[sid] == {c: st.bags[c].norm2 for c in CHANNELS}  # exact floats
            rows = db.execute("SELECT channel, term, weight FROM story_weights WHERE story = ? "
                              "ORDER BY channel, pos", (sid,)).fetchall()  # fmt: skip
            assert [tuple(r) for r in rows] == [(c, t, w) for c in sorted(CHANNELS)
                            for t, w in st.bags[c].weights.items()]  # fmt: skip
            members = [a for (a,) in db.execute(
                "SELECT article FROM story_members WHERE story = ? ORDER BY pos", (sid,))]
            assert members == st.members
        df = {(c, t): n for c, t, n in db.execute("SELECT channel, term, df FROM story_terms")}
        assert df == {(c, t): n for c in CHANNELS for t, n in memory.df[c].items()}
        listed = {f.id: f for f in store.feed_stories()}
        ordered = sorted(memory.stories.values(), key=lambda s: (-len(s.members), s.id))
        for cl, st in zip(memory.clusters(), ordered, strict=True):
            f = listed[public_id(st.id)]
            assert (f.title, f.articles, f.first, f.last, f.entities) == (
                cl.title, len(cl.articles), cl.first, cl.last, cl.entities)
    finally:
        store.close()


def test_an_article_is_clustered_once(tmp_path) -> None:
    sig = _signals(1, seed=0)[0]
    store = _store_with(tmp_path, [sig.article])
    try:
        assert store.cluster(sig, SETTINGS) == ("s1", [])
        assert store.cluster(sig, SETTINGS) == ("s1", [])  # a second ingest racing: no change
        assert store.story_members("s1")[1] == [sig.article]
        assert store.unclustered() == []
        assert store.story_members("s2") is None and store.story_members("default") is None
    finally:
        store.close()
