"""The Python front door: the same small functions the CLI and web service call.

`ingest` adds articles to a store (parsing only the new ones), clusters them into the feed's
stories and builds again only the stories they join (storyline/feed.py); `build` runs the same
stages in memory and keeps no store; `stories`, `load_story`, `state` and `export` read a
store back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from storyline import __version__
from storyline.ingest.dedupe import Signature, mark_duplicates
from storyline.model import Article, ArticleAnalysis, FeedStory, State, Story
from storyline.nlp.budget import budget_of
from storyline.render.json import write_json
from storyline.render.markdown import write_markdown
from storyline.settings import Settings
from storyline.store import StoreError, StoreUnusable, content_hash, open_store
from storyline.store.base import StoredArticle, StoryStore
from storyline.story.build import build_story
from storyline.story.clusters import Signals, signals

Progress = Callable[[int], None]
# (phase, done, total): phases are "reading", "analysing", "story"; total is None when unknown.
IngestProgress = Callable[[str, int, int | None], None]

EXPORT_FORMATS = ("json", "md", "html", "timelinejs", "graphml", "csv")


@dataclass
class IngestSummary:
    """What one ingest did to a store, input by input."""

    store: str | None  # None for `build_summary`: it keeps no store
    inputs: int = 0
    added: list[str] = field(default_factory=list)  # article ids analysed and stored
    unchanged: list[str] = field(default_factory=list)  # already stored (same text)
    skipped: list[dict[str, str]] = field(default_factory=list)  # {path, problem}
    failed: list[dict[str, str]] = field(default_factory=list)  # analysis raised: {path, problem}
    story_rebuilt: bool = False
    stories: list[str] = field(default_factory=list)  # the feed's stories built anew (ids)
    story_count: int | None = 0  # stories in the store's feed (None: no feed, `build_summary`)
    articles: int = 0
    events: int = 0
    entities: int = 0
    contradictions: int = 0
    pipeline_version: str = __version__

    def to_dict(self) -> dict:
        return asdict(self)


def ingest(
    paths: list[str],
    store_path: str | Path,
    settings: Settings | None = None,
    progress: IngestProgress | None = None,
    *,
    whole: bool = False,
) -> IngestSummary:
    """Add PATHS to the store at `store_path`, then rebuild what changed: the stories the new
    articles join (the whole-store story too while one story holds them all; with `whole`,
    the whole-store story now and the feed's stories only when asked for).

    Only articles the store does not hold (by id or exact raw text) are parsed; an article whose
    analysis raises is stored as skipped with the error (and retried next time); each article
    is written in its own transaction and each story is replaced in one.
    """
    return _ingest(paths, store_path, settings, progress, whole)


def _ingest(
    paths: list[str], store_path: str | Path, settings: Settings | None,
    progress: IngestProgress | None, whole: bool,
) -> IngestSummary:
    """`ingest`, with its whole-store rebuild on request (`whole`)."""
    from storyline.nlp.executors import RaySession, read_inputs

    settings = settings or Settings()
    with RaySession(settings):  # on Ray, files are read on the workers too
        if progress:
            progress("reading", 0, None)
        articles = read_inputs(paths, settings) if paths else []
        if progress:
            progress("reading", len(articles), len(articles))
        return _ingest_articles(articles, store_path, settings, progress, whole)


def ingest_articles(
    articles: list[Article],
    store_path: str | Path,
    settings: Settings | None = None,
    progress: IngestProgress | None = None,
    *,
    whole: bool = False,
) -> IngestSummary:
    """`ingest` for articles already read (the web service reads uploads itself)."""
    return _ingest_articles(articles, store_path, settings, progress, whole)


def _ingest_articles(
    articles: list[Article], store_path: str | Path, settings: Settings | None,
    progress: IngestProgress | None, whole: bool,
) -> IngestSummary:
    """`ingest_articles`, with its whole-store rebuild on request (`whole`)."""
    settings = settings or Settings()
    tick = progress or (lambda phase, done, total: None)
    store = open_store(store_path)
    try:
        summary = IngestSummary(store=str(store_path), inputs=len(articles))
        todo: list[Article] = []
        for art in articles:
            known = store.find_article(art.id, content_hash(art.raw) if art.raw else "")
            if known and (
                (known.article.status == "skipped" and not known.failed)
                or _still_over_budget(known, art, settings)
            ):
                summary.skipped.append({"path": art.path, "problem": known.article.problem or ""})
            elif known and not known.failed:
                summary.unchanged.append(known.article.id)
            else:
                if known:  # a failed analysis is retried under the stored id
                    art.id = known.article.id
                todo.append(art)
        fresh: dict[str, Signals] = {}  # clustering signals of what this ingest analysed
        for art, analysis, failed in _analysed(todo, settings, tick, summary):  # input order
            store.add_article(art, analysis, failed=failed)
            if analysis is not None:
                fresh[art.id] = signals(art, analysis)
        _update_stories(store, settings, tick, summary, whole, fresh)
        return summary
    finally:
        store.close()


def _analysed(
    articles: list[Article], settings: Settings, tick: IngestProgress, summary: IngestSummary
) -> Iterator[tuple[Article, ArticleAnalysis | None, bool]]:
    """(article, analysis, failed) in input order: no analysis for an input read as skipped,
    nor for one whose analysis raised (marked skipped with the error, `failed` True, retried
    by the next ingest); each counted in `summary` as added, skipped or failed."""
    results = _analyse([a for a in articles if a.status != "skipped"], settings, tick)
    for art in articles:
        if art.status == "skipped":
            summary.skipped.append({"path": art.path, "problem": art.problem or ""})
            yield art, None, False
            continue
        _, analysis, error = next(results)
        if error is None:
            summary.added.append(art.id)
        else:
            over = budget_of(error) is not None  # "analysis exceeded N s" says it all
            art.status, art.problem = "skipped", error if over else f"analysis failed: {error}"
            summary.failed.append({"path": art.path, "problem": art.problem})
        yield art, analysis, error is not None


WHOLE = "default"  # the id of the whole-store story (every article of the store)


class UnknownStory(LookupError):
    """A story id the store does not hold."""


def _update_stories(
    store: StoryStore, settings: Settings, tick: IngestProgress, summary: IngestSummary,
    whole: bool = False, fresh: dict[str, Signals] | None = None,
) -> None:
    """Cluster the new articles into the feed's stories (`fresh`: signals of those analysed
    just now), then build again only what changed: the whole-store story while one story
    holds every usable article (as before the feed), else each changed story on its own
    (storyline/feed.py)."""
    from storyline.feed import build_stories, cluster_new

    cluster_new(store, settings, fresh)
    totals = store.feed_totals()
    info = store.info()
    usable = sum(info["articles_by_status"].get(s, 0) for s in ("ok", "duplicate"))
    summary.story_count = totals["stories"]
    summary.articles = info["articles"]
    single = totals["stories"] <= 1 and totals["articles"] == usable
    if single or whole:
        if info["story_stale"] or info["story_version"] != __version__:
            tick("story", 0, 1)
            _rebuild_story(store, settings)
            summary.story_rebuilt = True
            tick("story", 1, 1)
        for sid in store.stale_stories(own=False) if single else []:  # whole stands for it
            got = store.story_members(sid)
            if got is not None and store.replace_feed_story(sid, None, got[0]):
                summary.stories.append(sid)
        info = store.info()
        summary.events, summary.entities = info["events"], info["entities"]
        summary.contradictions = info["contradictions"]
        return
    todo = store.stale_stories(own=True)
    tick("story", 0, len(todo))
    summary.stories = build_stories(store, todo, settings, tick)
    summary.story_rebuilt = bool(summary.stories)
    totals = store.feed_totals()
    summary.events, summary.entities = totals["events"], totals["entities"]
    summary.contradictions = totals["contradictions"]


def _still_over_budget(known: StoredArticle, art: Article, settings: Settings) -> bool:
    """An article that went over its time budget is not retried on every ingest: only when
    its text, the pipeline version, or a larger budget gives it a chance to finish."""
    spent = budget_of(known.article.problem)
    budget = settings.article_time_budget
    return (
        known.failed and spent is not None and 0 < budget <= spent
        and known.pipeline_version == __version__
        and known.content_hash == content_hash(art.raw)
    )


def _analyse(
    articles: list[Article], settings: Settings, tick: IngestProgress
) -> Iterator[tuple[Article, ArticleAnalysis | None, str | None]]:
    """(article, analysis, None) or (article, None, error) for each article, in input order,
    from the executor `settings.executor` (local, or ray: storyline/nlp/executors.py)."""
    from storyline.nlp.executors import run

    return run(articles, settings, tick)


STORY_ATTEMPTS = 5  # rebuilds tried while other writers keep adding articles


def _rebuild_story(store: StoryStore, settings: Settings) -> Story | None:
    """Build the story from the stored analyses and store it only if no article was written
    since they were read (a slower writer's older story never replaces a newer one); else
    build again from the newer analyses. After STORY_ATTEMPTS the story stays marked stale
    for the next ingest (whose own rebuild sees every article). The story stored, if one was."""
    for _ in range(STORY_ATTEMPTS):
        revision = store.revision()
        story = story_from_store(store, settings)
        if store.replace_story(story, built_from=revision):
            return story
    return None


def story_from_store(store: StoryStore, settings: Settings) -> Story:
    """Re-run the story stage over every stored analysis (no parsing); duplicates re-marked."""
    stored = store.articles()
    keep = {s.article.id for s in stored if s.article.status in ("ok", "duplicate")}
    # Kept MinHash signatures (store/minhash.py): only new articles are shingled and hashed.
    signatures = store.signatures([s for s in stored if s.article.id in keep])
    analyses = store.analyses()  # fresh objects: the story stage rewrites their ids in place
    return _merged([s.article for s in stored], analyses, settings, signatures)


def _merged(
    articles: list[Article], analyses: dict[str, ArticleAnalysis], settings: Settings,
    signatures: dict[str, Signature] | None = None, *, remark: bool = True,
) -> Story:
    """The story stage over `articles` (every input, in order) and the analyses of the usable
    ones, near-duplicates marked again among the usable (`signatures`: kept MinHash ones)
    unless `remark` is False (they are marked among these very articles already)."""
    usable = [a for a in articles if a.status in ("ok", "duplicate")]
    if remark:
        for a in usable:
            a.status, a.duplicate_of, a.similarity = "ok", None, None
        mark_duplicates(usable, settings, signatures)
    return build_story(articles, [analyses[a.id] for a in usable if a.id in analyses], settings)


def load_story(
    store_path: str | Path, story: str | None = None, settings: Settings | None = None
) -> Story:
    """The story stored at `store_path`: the whole store's (`story` None or "default"), or
    the feed's story `story` (an id `stories` lists). Raises StoreError when there is none
    yet, UnknownStory for an id the store does not hold."""
    settings = settings or Settings()
    store = open_store(store_path, create=False)
    try:
        if story not in (None, WHOLE):
            return _one_story(store, str(story), settings)
        return _whole_story(store, settings)
    finally:
        store.close()


def _whole_story(store: StoryStore, settings: Settings) -> Story:
    """The whole-store story; in a store of several stories it is built on demand (O(store))
    and kept until the next ingest (served without keeping it when the store is read-only)."""
    if store.feed_totals()["stories"] > 1 and store.info()["story_stale"]:
        revision = store.revision()
        built = story_from_store(store, settings)
        with contextlib.suppress(StoreUnusable):
            store.replace_story(built, built_from=revision)
        return built
    found = store.load_story()
    if found is None:
        raise StoreError(f"{store.path} holds no story yet: ingest some articles first")
    return found


def _one_story(store: StoryStore, story_id: str, settings: Settings) -> Story:
    """One story of the feed: its own built Story, the whole-store story when that one
    stands for it (a store of one story), or built now when it has none yet."""
    from storyline.feed import build_one

    if store.story_members(story_id) is None:
        known = ", ".join(f.id for f in store.feed_stories()[:10]) or "none yet"
        raise UnknownStory(f"no story {story_id!r} in {store.path} (stories: {known}; "
                           f"`storyline stories {store.path}` lists them)")  # fmt: skip
    own = store.load_feed_story(story_id)
    if own is not None:
        return own
    if store.feed_totals()["stories"] == 1:
        return _whole_story(store, settings)
    built = build_one(store, story_id, settings)
    if built is None:  # merged away this very moment
        raise UnknownStory(f"story {story_id!r} was just merged into another: list them again")
    with contextlib.suppress(StoreUnusable):
        store.replace_feed_story(story_id, built[2], built[1])
    return built[2]


def stories(store_path: str | Path) -> list[FeedStory]:
    """The stories of the store's feed, largest first (ties: the oldest)."""
    store = open_store(store_path, create=False)
    try:
        feed = store.feed_stories()
        if len(feed) == 1 and store.load_feed_story(feed[0].id) is None:
            info = store.info()  # the whole-store story stands for the one story
            feed[0].events, feed[0].entity_count = info["events"], info["entities"]
            feed[0].contradictions = info["contradictions"]
        return feed
    finally:
        store.close()


def build(
    paths: list[str],
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> Story:
    """Read, analyse and merge articles into a Story, in memory (`build_summary`)."""
    from storyline.nlp.executors import counting

    return build_summary(paths, settings, counting(progress))[1]


def build_summary(
    paths: list[str],
    settings: Settings | None = None,
    progress: IngestProgress | None = None,
) -> tuple[IngestSummary, Story]:
    """`build`, with what it did input by input. The same stages as `ingest` into an empty
    store and the same story, without the store: a one-shot build keeps nothing, so it
    writes no rows and clusters no feed (`store` and `story_count` stay None)."""
    from storyline.nlp.executors import RaySession, read_inputs

    settings = settings or Settings()
    tick = progress or (lambda phase, done, total: None)
    with RaySession(settings):
        tick("reading", 0, None)
        articles = read_inputs(paths, settings) if paths else []
        tick("reading", len(articles), len(articles))
        summary = IngestSummary(store=None, inputs=len(articles), story_count=None)
        analyses = {a.id: an for a, an, _ in _analysed(articles, settings, tick, summary) if an}
        tick("story", 0, 1)
        # reading marked copies among the articles read; a failed analysis leaves fewer usable
        story = _merged(articles, analyses, settings, remark=bool(summary.failed))
        tick("story", 1, 1)
    summary.story_rebuilt, summary.articles = True, len(articles)
    summary.events, summary.entities = len(story.events), len(story.entities)
    summary.contradictions = len(story.contradictions)
    return summary, story


def timeline(story: Story, entity: str | None = None, minor: bool = True) -> list[dict]:
    """Events in time order (undated last) as plain rows: for the terminal, scripts and web.
    `minor=False` leaves out the events salience folds (story/salience.py)."""
    names = {e.id: e.name for e in story.entities}
    want = find_entity(story, entity) if entity else None
    disputed = {s for c in story.contradictions for s in c.subjects}
    rows = []
    for ev in story.events:
        if (want and want not in ev.participants) or not (minor or ev.salient):
            continue
        t = ev.time
        rows.append({
            "id": ev.id, "type": ev.type, "time": t.value if t else None,
            "earliest": t.earliest.isoformat() if t and t.earliest else None,
            "latest": t.latest.isoformat() if t and t.latest else None,
            "participants": [names.get(p, p) for p in ev.participants],
            "status": ev.status, "articles": ev.support.articles,
            "independent_sources": ev.support.independent_sources,
            "contradicted": ev.id in disputed,
            "salient": ev.salient, "salience": ev.salience,
            "evidence": ev.mentions[0].text if ev.mentions else "",
        })  # fmt: skip
    rows.sort(key=lambda r: (r["earliest"] is None, r["earliest"] or "", r["latest"] or ""))
    return rows


def find_entity(story: Story, name: str) -> str:
    """The id of the entity called `name` (id, name or alias; case-insensitive)."""
    key = name.casefold().strip()
    for test in (
        lambda e: e.id.casefold() == key,
        lambda e: e.name.casefold() == key,
        lambda e: key in (a.casefold() for a in e.aliases),
        lambda e: key in e.name.casefold(),
    ):
        hits = [e for e in story.entities if test(e)]
        if len(hits) == 1:
            return hits[0].id
        if len(hits) > 1:
            names = ", ".join(f"{e.name} ({e.id})" for e in hits[:5])
            raise LookupError(f"{name!r} could be several entities: {names}")
    raise LookupError(f"no entity called {name!r} in this story")


def state_of(story: Story, entity: str, at: str) -> list[State]:
    """What held for `entity` (name or id) on date `at` (YYYY, YYYY-MM or YYYY-MM-DD)."""
    from storyline.story.state import state_at

    return state_at(story, find_entity(story, entity), at)


def state(
    store_path: str | Path, entity: str, at: str, story: str | None = None
) -> list[State]:
    """`state_of` on the story stored at `store_path` (the feed's story `story` if given)."""
    return state_of(load_story(store_path, story), entity, at)


def export(story: Story, fmt: str, path: Path) -> Path:
    """Write `story` as FMT (one of EXPORT_FORMATS) to `path`."""
    from storyline.render import exports

    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")
    path.parent.mkdir(parents=True, exist_ok=True)
    return exports.WRITERS[fmt](story, path)


def write_report(story: Story, out_dir: Path) -> dict[str, Path]:
    """Write story.json, story.md and story.html into `out_dir`."""
    from storyline.render.html import write_html

    out_dir.mkdir(parents=True, exist_ok=True)
    return {
        "json": write_json(story, out_dir / "story.json"),
        "markdown": write_markdown(story, out_dir / "story.md"),
        "html": write_html(story, out_dir / "story.html"),
    }
