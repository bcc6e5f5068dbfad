"""Many stories in one store: incremental ingest per story equals one full build."""

from __future__ import annotations

import json
import os
import random
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from storyline import api, feed
from storyline.model import to_dict
from storyline.render.json import story_to_json
from storyline.settings import Settings
from storyline.store import open_store
from tests.conftest import FEED_CORPUS, FEED_STORIES

FILES = sorted(str(p) for p in FEED_CORPUS.glob("*.txt"))
LUMORA_LATER = (
    " date 2024-03-08 Tech Ledger\nLumora Systems fined over the data breach\n\n"
    "The data protection regulator fined Lumora Systems on Friday for the breach of customer "
    "passwords. Chief executive Renata Osk said Lumora Systems would not appeal the fine.\n"
)


def _sorted_ids(value):  # noqa: ANN001, ANN202 - any JSON value
    """JSON with every list of objects that carry an id sorted by that id (recursively)."""
    if isinstance(value, dict):
        return {k: _sorted_ids(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_ids(v) for v in value]
        if items and all(isinstance(v, dict) and "id" in v for v in items):
            items.sort(key=lambda v: str(v["id"]))
        return items
    return value


def canonical(story_json: str) -> bytes:
    """story.json bytes after sorting ids: equal for the same story however it was built."""
    return json.dumps(_sorted_ids(json.loads(story_json)), ensure_ascii=False, indent=2,
                      sort_keys=True).encode("utf-8")  # fmt: skip


def stories_by_files(store_path: Path) -> dict[frozenset[str], bytes]:
    """The feed's partition (each story as the set of its files' names) -> its story.json."""
    with open_store(store_path, create=False) as store:
        parts = feed.partition(store)
        paths = {s.article.id: Path(s.article.path).name for s in store.articles()}
    return {
        frozenset(paths[a] for a in ids): canonical(story_to_json(api.load_story(store_path, sid)))
        for sid, ids in parts.items()
    }


def _copy(store: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "feed.db"
    shutil.copy(store, dest)
    return dest


def test_the_feed_is_three_stories_each_with_its_own_story(feed_store) -> None:
    found = api.stories(feed_store)
    assert [(f.id, f.title, f.articles, str(f.first), str(f.last), f.built) for f in found] == [
        ("s1", "Bridge collapses over the Elsing river in Varnhold", 3, "2024-03-04",
         "2024-03-07", True),
        ("s2", "Kestrel Rovers sack manager Ilse Marrick after cup defeat", 3, "2024-03-04",
         "2024-03-09", True),
        ("s3", "Lumora Systems admits data breach affecting customer accounts", 2, "2024-03-05",
         "2024-03-06", True),
    ]  # fmt: skip
    assert [f.entities[:2] for f in found] == [
        ["Odile Brask", "Teodor Vallin"], ["Kestrel Rovers", "Ilse Marrick"],
        ["Lumora Systems", "Renata Osk"],
    ]  # fmt: skip
    assert set(stories_by_files(feed_store)) == FEED_STORIES
    for f, names in zip(found, ("Odile Brask", "Jonas Fell", "Renata Osk"), strict=True):
        story = api.load_story(feed_store, f.id)
        assert len(story.articles) == f.articles  # only its own articles
        assert (f.events, f.entity_count) == (len(story.events), len(story.entities))
        assert names in {e.name for e in story.entities}
        others = {"Odile Brask", "Jonas Fell", "Renata Osk"} - {names}
        assert not others & {e.name for e in story.entities}  # nothing of the other stories


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_ingest_in_random_order_equals_one_full_build(feed_store, tmp_path, seed):
    """Must-show: one article per ingest, shuffled, gives the one-shot build's partition and
    each story's story.json byte for byte (after sorting ids)."""
    order = FILES[:]
    random.Random(seed).shuffle(order)
    store = tmp_path / "incremental.db"
    for path in order:
        summary = api.ingest([path], store)
        assert len(summary.added) == 1
    full = stories_by_files(feed_store)
    incremental = stories_by_files(store)
    assert set(incremental) == set(full) == FEED_STORIES
    for files, story_json in full.items():
        assert incremental[files] == story_json, sorted(files)


def test_adding_an_article_builds_only_the_story_it_joins(feed_store, tmp_path, monkeypatch):
    store = _copy(feed_store, tmp_path)
    lumora = {f.id: f for f in api.stories(store)}["s3"]
    before = {sid: api.load_story(store, sid) for sid in ("s1", "s2")}
    built: list[int] = []
    real = feed.build_story

    def counting(articles, analyses, settings):  # noqa: ANN001, ANN202
        built.append(len(analyses))
        return real(articles, analyses, settings)

    monkeypatch.setattr(feed, "build_story", counting)
    new = tmp_path / "09-lumora-fine.txt"
    new.write_text(LUMORA_LATER, encoding="utf-8")
    summary = api.ingest([str(new)], store)
    assert summary.stories == ["s3"] and summary.story_count == 3 and summary.story_rebuilt
    assert built == [lumora.articles + 1]  # one build, over that story's analyses only
    after = {f.id: f for f in api.stories(store)}
    assert after["s3"].articles == 3 and after["s3"].built
    for sid, story in before.items():
        assert to_dict(api.load_story(store, sid)) == to_dict(story)  # untouched
    again = api.ingest([str(new)], store)
    assert again.stories == [] and not again.story_rebuilt and again.unchanged


def test_an_unknown_story_id_is_a_clear_error(feed_store) -> None:
    with pytest.raises(api.UnknownStory, match=r"no story 's9' in .*feed\.db \(stories: s1, s2, "
                       r"s3; `storyline stories"):  # fmt: skip
        api.load_story(feed_store, "s9")
    with pytest.raises(api.UnknownStory):
        api.state(feed_store, "Renata Osk", "2024-03", story="bogus")
    whole = api.load_story(feed_store, "default")
    assert len(whole.articles) == 8


def _ingested(paths: list[str], store: Path) -> tuple[api.IngestSummary, str]:
    summary = api.ingest(paths, store, whole=True)
    return summary, story_to_json(api.load_story(store))


def test_build_makes_in_memory_the_story_an_ingest_into_an_empty_store_stores(tmp_path) -> None:
    summary, built = api.build_summary(FILES[:3])
    stored, read_back = _ingested(FILES[:3], tmp_path / "s.db")
    assert len(built.articles) == 3 and built.events
    assert story_to_json(built) == read_back
    # the same counts; no store is kept and no feed clustered, so neither is reported
    assert (summary.store, summary.story_count, summary.stories) == (None, None, [])
    assert replace(summary, store=stored.store, story_count=1, stories=["s1"]) == stored


def test_build_counts_the_copy_of_an_article_whose_analysis_failed_as_the_original(
    tmp_path, monkeypatch
) -> None:
    from storyline.nlp import pipeline

    first = Path(FILES[0]).read_text(encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(first + "\nA line of its own.\n", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(first, encoding="utf-8")  # a copy of a.txt
    real = pipeline.analyze_doc

    def flaky(doc, article, settings):  # noqa: ANN001, ANN202
        if article.path.endswith("a.txt"):
            raise RuntimeError("injected")
        return real(doc, article, settings)

    monkeypatch.setattr(pipeline, "analyze_doc", flaky)
    summary, built = api.build_summary([str(tmp_path / "in")])
    stored, read_back = _ingested([str(tmp_path / "in")], tmp_path / "s.db")
    assert [(Path(a.path).name, a.status) for a in built.articles] == [
        ("a.txt", "skipped"), ("b.txt", "ok")]  # read as a copy of a.txt, which failed
    assert [f["problem"] for f in summary.failed] == ["analysis failed: RuntimeError: injected"]
    assert story_to_json(built) == read_back and summary.failed == stored.failed


def test_a_store_of_one_story_behaves_as_before(tmp_path) -> None:
    store = tmp_path / "one.db"
    summary = api.ingest(FILES[:3], store)
    assert summary.story_count == 1 and summary.story_rebuilt and summary.stories == ["s1"]
    with open_store(store) as s:
        info = s.info()
        assert not info["story_stale"]  # the whole-store story was built, as before
    (one,) = api.stories(store)
    assert (one.id, one.articles, one.events) == ("s1", 3, info["events"]) and one.built
    assert to_dict(api.load_story(store, "s1")) == to_dict(api.load_story(store))
    assert summary.events == info["events"] and summary.entities == info["entities"]


def test_story_builds_are_partitioned_by_story_and_a_changed_story_is_built_again(
    feed_store, tmp_path
) -> None:
    store_path = _copy(feed_store, tmp_path)
    tasks: list[str] = []

    @feed.STORY_EXECUTORS.register("recording")
    def recording(path, story_ids, settings, tick):  # noqa: ANN001, ANN202
        """The local executor, except that s2 comes back built from an older revision."""
        for built in feed.local_stories(path, story_ids, settings, tick):
            tasks.append(built[0])
            yield (built[0], built[1] - 1, built[2]) if built[0] == "s2" else built

    try:
        with open_store(store_path) as store:
            settings = replace(Settings(), executor="recording")
            written = feed.build_stories(store, ["s1", "s2", "s3"], settings)
            assert tasks == ["s1", "s2", "s3"]  # one task per story
            assert written == ["s1", "s3", "s2"]  # s2 was stale: built again, then stored
            with pytest.raises(ValueError, match="no story executor named 'spark'"):
                feed.build_stories(store, ["s1"], replace(Settings(), executor="spark"))
    finally:
        feed.STORY_EXECUTORS._items.pop("recording")


@pytest.fixture(scope="module")
def ray_local():
    """A private local Ray (2 CPUs, loopback, no dashboard), stopped after."""
    from storyline.nlp.executors import LOCAL_RAY_ENV

    for key, value in LOCAL_RAY_ENV.items():
        os.environ.setdefault(key, value)
    ray = pytest.importorskip("ray", reason="Ray not installed: pip install 'storyline[ray]'")
    ray.init(num_cpus=2, include_dashboard=False, ignore_reinit_error=True,
             log_to_driver=False, configure_logging=False)  # fmt: skip
    yield ray
    ray.shutdown()


def test_ray_builds_each_story_on_a_worker_the_same_as_local(feed_store, ray_local) -> None:
    ticks: list[int] = []
    settings = replace(Settings(), executor="ray")
    on_ray = {
        sid: to_dict(story)
        for sid, _, story in feed.ray_stories(str(feed_store), ["s1", "s2", "s3"], settings,
                                              lambda phase, done, total: ticks.append(done))
    }  # fmt: skip
    assert ticks == [1, 2, 3]
    assert on_ray == {sid: to_dict(api.load_story(feed_store, sid)) for sid in on_ray}
    assert sorted(on_ray) == ["s1", "s2", "s3"]


def test_ray_reads_the_inputs_on_workers_as_they_are_read_here(frontdoor_corpus,
                                                                ray_local) -> None:  # fmt: skip
    from storyline.ingest.read import read_articles
    from storyline.nlp.executors import read_inputs

    settings = replace(Settings(), executor="ray", ray_batch_size=2)
    here = read_articles([str(frontdoor_corpus), *FILES], Settings())
    on_ray = read_inputs([str(frontdoor_corpus), *FILES], settings)
    assert len(on_ray) == 13 and {a.status for a in on_ray} == {"ok", "skipped"}
    assert to_dict(on_ray, for_json=False) == to_dict(here, for_json=False)


def test_clustering_with_signals_at_hand_reads_only_the_other_analyses(feed_store, tmp_path):
    import sqlite3

    from storyline.story.clusters import signals

    path = _copy(feed_store, tmp_path)
    db = sqlite3.connect(path)
    for table in ("story_terms", "stories", "story_built", "story_weights", "story_members"):
        db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names: nothing clustered yet
    db.execute("DELETE FROM meta WHERE key LIKE 'cluster_%'")
    db.commit()
    db.close()
    with open_store(path) as store:
        stored = store.articles()
        analyses = store.analyses()
        known = {s.article.id: signals(s.article, analyses[s.article.id]) for s in stored[::2]}
        asked: list[str] = []
        read = store.analyses
        store.analyses = lambda ids=None: asked.extend(ids or []) or read(ids)
        feed.cluster_new(store, Settings(), known)
        names = {s.article.id: Path(s.article.path).name for s in stored}
        parts = {frozenset(names[a] for a in ids) for ids in feed.partition(store).values()}
    assert sorted(asked) == sorted(s.article.id for s in stored[1::2])
    assert parts == FEED_STORIES
