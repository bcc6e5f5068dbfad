"""The feed: many stories in one store, each built on its own when an article joins it.

New usable articles are clustered one `add` each by the online clusterer whose state the store
keeps (storyline/store/stories.py); then only the stories that changed are built again, each
from its own articles and analyses with `build_story`: the cost of one new article is that of
its story, not of the store. Each story's build is an independent task of a story executor
(`STORY_EXECUTORS`: "local" in this process, "ray" one Ray task per story that reads its
inputs from the store itself, the driver only collecting and writing). A store whose articles
form one story keeps the whole-store story as before (`storyline show s.db` unchanged).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from storyline.ingest.dedupe import mark_duplicates
from storyline.model import Story, from_dict, to_dict
from storyline.registry import Registry
from storyline.settings import Settings
from storyline.store import open_store
from storyline.store.base import StoryStore
from storyline.story.build import build_story
from storyline.story.clusters import Signals, signals

STORY_EXECUTORS = Registry("story executor")
# (story id, membership revision it was built from, its Story), or None when the story went.
Built = tuple[str, int, Story] | None
Tick = Callable[[str, int, int | None], None]
ATTEMPTS = 5  # builds of one story tried while other writers keep changing it


CHUNK = 200  # articles whose analyses are in memory at once while clustering


def cluster_new(
    store: StoryStore, settings: Settings, known: dict[str, Signals] | None = None
) -> set[str]:
    """Cluster every usable article no story holds yet, in publication order (undated last,
    then as stored: what `cluster_articles` does over a whole feed), a chunk of analyses in
    memory at a time; the stories changed. `known`: the signals of articles this ingest
    has just analysed (by id), whose analyses need not be read back."""
    known = known or {}
    ids = store.unclustered()
    touched: set[str] = set()
    for i in range(0, len(ids), CHUNK):
        part = ids[i : i + CHUNK]
        stored = store.articles(part)
        missing = [aid for aid in part if aid not in known]
        analyses = store.analyses(missing) if missing else {}
        store.signatures(stored)  # hashed once here, read back by every later story build
        by_id = {s.article.id: s.article for s in stored}
        sigs = [known[aid] if aid in known else signals(by_id[aid], analyses.get(aid))
                for aid in part]  # fmt: skip
        for sid, gone in store.cluster_all(sigs, settings):  # one transaction per chunk
            touched.difference_update(gone)
            touched.add(sid)
    return touched


def build_one(store: StoryStore, story_id: str, settings: Settings) -> Built:
    """One story's Story from its own articles and analyses (reads only; duplicates marked
    among its articles), or None when there is no such story (merged away meanwhile)."""
    got = store.story_members(story_id)
    if got is None:
        return None
    revision, ids = got
    stored = store.articles(ids)
    articles = sorted((s.article for s in stored),
                      key=lambda a: (a.published.earliest if a.published and a.published.earliest
                                     else date.max, a.id))  # fmt: skip
    usable = [a for a in articles if a.status in ("ok", "duplicate")]
    for a in usable:
        a.status, a.duplicate_of, a.similarity = "ok", None, None
    keep = {a.id for a in usable}
    mark_duplicates(usable, settings, store.kept_signatures([s for s in stored
                                                             if s.article.id in keep]))
    analyses = store.analyses(ids)
    story = build_story(articles, [analyses[a.id] for a in usable if a.id in analyses], settings)
    return story_id, revision, story


@STORY_EXECUTORS.register("local")
def local_stories(
    store_path: str, story_ids: list[str], settings: Settings, tick: Tick
) -> Iterator[Built]:
    """Each story built in turn in this process."""
    store = open_store(store_path, create=False)
    try:
        for n, sid in enumerate(story_ids, 1):
            yield build_one(store, sid, settings)
            tick("story", n, len(story_ids))
    finally:
        store.close()


def build_remote(store_path: str, story_id: str, settings: Settings) -> tuple | None:
    """Runs on a Ray worker: open the store read-only-in-effect, build one story, return it
    as plain data (the worker writes nothing)."""
    store = open_store(store_path, create=False)
    try:
        built = build_one(store, story_id, settings)
    finally:
        store.close()
    if built is None:
        return None
    sid, revision, story = built
    return sid, revision, to_dict(story, for_json=False)


@STORY_EXECUTORS.register("ray")
def ray_stories(
    store_path: str, story_ids: list[str], settings: Settings, tick: Tick
) -> Iterator[Built]:
    """One Ray task per story; each worker reads its story's inputs from the store (a path
    every worker can open: a shared file system, or a server database later)."""
    from storyline.nlp.executors import _start_ray, import_ray

    ray = import_ray(local=settings.ray_address is None)
    if not story_ids:
        return
    started = _start_ray(ray, settings)
    try:
        task = ray.remote(num_cpus=1, max_retries=1)(build_remote)
        settings_ref = ray.put(settings)
        window = max(2, 2 * int(ray.available_resources().get("CPU", 1)))
        pending: list = []
        todo = list(story_ids)
        done = 0
        while todo or pending:
            while todo and len(pending) < window:
                pending.append(task.remote(store_path, todo.pop(0), settings_ref))
            ready, pending = ray.wait(pending, num_returns=1)
            for ref in ready:
                got = ray.get(ref)
                done += 1
                tick("story", done, len(story_ids))
                if got is None:
                    yield None
                    continue
                sid, revision, data = got
                yield sid, revision, from_dict(Story, data)
    finally:
        if started:
            ray.shutdown()


def build_stories(
    store: StoryStore, story_ids: list[str], settings: Settings, tick: Tick | None = None
) -> list[str]:
    """Build these stories with the story executor `settings.executor` and store each one
    whose articles did not change meanwhile (those are built again, up to ATTEMPTS times, in
    this process); the ids stored."""
    tick = tick or (lambda phase, done, total: None)
    try:
        executor = STORY_EXECUTORS.get(settings.executor)
    except KeyError as e:
        raise ValueError(e.args[0]) from None
    written: list[str] = []
    again: list[str] = []
    for built in executor(store.path, list(story_ids), settings, tick):
        if built is None:
            continue
        sid, revision, story = built
        if store.replace_feed_story(sid, story, revision):
            written.append(sid)
        else:
            again.append(sid)
    for sid in again:
        for _ in range(ATTEMPTS):
            built = build_one(store, sid, settings)
            if built is None or store.replace_feed_story(sid, built[2], built[1]):
                if built is not None:
                    written.append(sid)
                break
    return written


def partition(store: StoryStore) -> dict[str, list[str]]:
    """Story id -> its article ids (in joining order): the feed's partition."""
    out = {}
    for fs in store.feed_stories():
        got = store.story_members(fs.id)
        if got is not None:
            out[fs.id] = got[1]
    return out
