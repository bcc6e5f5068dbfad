"""The SQLite store: one file, WAL journal, one transaction per write.

Articles, entities and events get real columns so they can be queried with plain SQL; the rest of
each object is a JSON blob (`data`) written by `model.to_dict`, read back by `model.from_dict`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from storyline import __version__
from storyline.collector import collector_paused
from storyline.ingest.dedupe import Signature
from storyline.model import (
    Article,
    ArticleAnalysis,
    Contradiction,
    Entity,
    Event,
    Fact,
    FeedStory,
    Quote,
    Relation,
    State,
    Story,
    Timex,
    from_dict,
    to_dict,
)
from storyline.settings import Settings
from storyline.store import minhash, stories
from storyline.store.base import StoredArticle, StoreError, StoreUnusable
from storyline.story.clusters import Signals, StoryClusterer

FORMAT = 1  # bump when the tables change
MARK = "storyline-store"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, seq INTEGER NOT NULL, content_hash TEXT NOT NULL, path TEXT NOT NULL,
    status TEXT NOT NULL, problem TEXT, format TEXT, outlet TEXT, title TEXT, url TEXT,
    published TEXT, published_earliest TEXT, published_latest TEXT, duplicate_of TEXT,
    failed INTEGER NOT NULL DEFAULT 0, raw TEXT NOT NULL, content TEXT NOT NULL,
    data TEXT NOT NULL, pipeline_version TEXT NOT NULL, added_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);
CREATE TABLE IF NOT EXISTS analyses (
    article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    data TEXT NOT NULL, pipeline_version TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY, pos INTEGER NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
    data TEXT NOT NULL, pipeline_version TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY, pos INTEGER NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL,
    time TEXT, earliest TEXT, latest TEXT, participants TEXT NOT NULL,
    data TEXT NOT NULL, pipeline_version TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS mentions (
    owner_kind TEXT NOT NULL, owner TEXT NOT NULL, article TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    certainty TEXT, source_kind TEXT, source_name TEXT, pipeline_version TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article);
CREATE INDEX IF NOT EXISTS mentions_owner ON mentions(owner_kind, owner);
CREATE TABLE IF NOT EXISTS story_items (
    kind TEXT NOT NULL, pos INTEGER NOT NULL, id TEXT, data TEXT NOT NULL,
    pipeline_version TEXT NOT NULL, PRIMARY KEY (kind, pos));
"""
SCHEMA += minhash.TABLE  # one MinHash signature per article (store/minhash.py)
SCHEMA += ";" + stories.TABLES  # the feed's stories and their clusterer state (store/stories.py)

# Story fields kept as JSON rows of `story_items`, by kind.
ITEMS: dict[str, type] = {
    "quote": Quote, "relation": Relation, "fact": Fact, "contradiction": Contradiction,
    "state": State, "timex": Timex,
}  # fmt: skip
ITEM_FIELDS = {
    "quote": "quotes", "relation": "relations", "fact": "facts",
    "contradiction": "contradictions", "state": "states", "timex": "timexes",
}  # fmt: skip


def content_hash(raw: str) -> str:
    """sha256 of the raw text: identical inputs are stored once."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


# What json.dumps(..., ensure_ascii=False, separators=(",", ":")) makes, without a new
# encoder for each of the thousands of objects one story stores.
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _json(obj: Any) -> str:
    return _COMPACT.encode(to_dict(obj, for_json=False))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


F = TypeVar("F", bound=Callable[..., Any])


# SQLite's primary result codes (sqlite3.Error.sqlite_errorname, extended codes cut to these)
# in the words a user can act on.
_WHY = {
    "SQLITE_READONLY": "it is read-only",
    "SQLITE_CORRUPT": "the file is corrupt or truncated",
    "SQLITE_NOTADB": "the file is corrupt or truncated",
    "SQLITE_FULL": "the disk is full",
    "SQLITE_BUSY": "another process holds it locked",
    "SQLITE_LOCKED": "another process holds it locked",
    "SQLITE_IOERR": "reading or writing the file failed",
    "SQLITE_PERM": "access is denied",
}


def unusable(path: str, e: sqlite3.Error) -> StoreUnusable:
    """SQLite's error on `path` as a StoreUnusable saying what is wrong in words."""
    name = getattr(e, "sqlite_errorname", "") or ""
    primary = next((k for k in _WHY if name == k or name.startswith(k + "_")), None)
    if primary:
        why = _WHY[primary]
    elif name.startswith("SQLITE_CANTOPEN"):
        folder = Path(path).parent
        why = f"its folder {folder} does not exist" if not folder.is_dir() \
            else "the file cannot be opened"
    else:
        why = "SQLite failed"
    return StoreUnusable(f"store {path} is unusable: {why} ({e})")


def _guarded(method: F) -> F:
    """Raise StoreUnusable instead of a raw sqlite3 error from a store method. A constraint
    or API misuse error is a bug in what was written, not a store problem: it stays as is."""
    @functools.wraps(method)
    def call(self: SQLiteStore, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError):
            raise
        except sqlite3.Error as e:
            raise unusable(self.path, e) from e
    return call  # type: ignore[return-value]


class SQLiteStore:
    """A story in one SQLite file (created on first use when `create` is true)."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = str(path)
        p = Path(path)
        if not create and not p.is_file():
            raise StoreError(f"no store at {path} (create one with `storyline ingest`)")
        if p.is_dir():
            raise StoreError(f"{path} is a folder, not a store file")
        if p.is_file() and p.stat().st_size and not _looks_like_sqlite(p):
            raise StoreError(f"{path} is not a storyline store (not an SQLite file)")
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as e:
            raise unusable(self.path, e) from e
        self._db.row_factory = sqlite3.Row
        try:
            self._db.execute("PRAGMA busy_timeout=10000")  # first: creators may race
            self._open_racing()
        except StoreError:
            self._db.close()
            raise
        except sqlite3.Error as e:
            self._db.close()
            raise unusable(self.path, e) from e

    def _open_racing(self, seconds: float = 30.0) -> None:
        """WAL mode and the schema, retried while another process holds the new file: SQLite
        answers "database is locked" at once, without waiting, when waiting could deadlock
        (two openers both upgrading a read lock to switch the journal mode)."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                # WAL's own durable setting: a commit is appended to the log without waiting
                # for the disk (a crash of the machine may lose the last commits, never
                # corrupt the store); the log is synced at each checkpoint.
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute("PRAGMA foreign_keys=ON")
                self._init()
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) or time.monotonic() > deadline:
                    raise
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                time.sleep(0.05)

    def _init(self) -> None:
        # One write transaction: a second process creating the same new store waits for the
        # first and then finds its tables (no "UNIQUE constraint failed: meta.key").
        if self._check_existing():  # a store already: no write lock (read-only stores read)
            return
        with self.transaction() as db:
            if self._check_existing():
                return
            for stmt in filter(str.strip, SCHEMA.split(";")):
                db.execute(stmt)
            db.executemany(
                "INSERT OR IGNORE INTO meta VALUES (?, ?)",
                [("mark", MARK), ("format", str(FORMAT)), ("created", _now()),
                 ("revision", "0"), ("story_revision", "-1")],
            )  # fmt: skip

    def _check_existing(self) -> bool:
        """True when the file holds a storyline store this version reads; StoreError when it
        holds something else; False when it is empty."""
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master")}
        if tables and "meta" not in tables:
            raise StoreError(f"{self.path} is an SQLite file but not a storyline store")
        if "meta" not in tables:
            return False
        meta = self._meta()
        if meta.get("mark") != MARK:
            raise StoreError(f"{self.path} is an SQLite file but not a storyline store")
        if int(meta.get("format", "0")) > FORMAT:
            raise StoreError(
                f"{self.path} was written by a newer storyline (store format "
                f"{meta['format']}, this one reads {FORMAT})"
            )
        return True

    # ------------------------------------------------------------------ plumbing

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _meta(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, value FROM meta").fetchall())

    def _bump(self, db: sqlite3.Connection, key: str, value: str | None = None) -> None:
        if value is None:
            db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = ?", (key,))
        else:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ articles

    @_guarded
    def find_article(self, article_id: str, content_hash: str) -> StoredArticle | None:
        row = self._db.execute(
            "SELECT * FROM articles WHERE id = ? OR (? != '' AND content_hash = ?) "
            "ORDER BY id = ? DESC LIMIT 1",
            (article_id, content_hash, content_hash, article_id),
        ).fetchone()
        return self._stored(row) if row else None

    @_guarded
    @collector_paused()
    def articles(self, ids: list[str] | None = None) -> list[StoredArticle]:
        """Every stored article (or those with `ids`), in the order first added."""
        if ids is None:
            rows = self._db.execute("SELECT * FROM articles ORDER BY seq").fetchall()
        else:
            rows = []
            for part in stories._chunks(list(ids)):
                marks = ",".join("?" * len(part))
                rows += self._db.execute(
                    f"SELECT * FROM articles WHERE id IN ({marks})", part  # noqa: S608
                ).fetchall()
            rows.sort(key=lambda r: r["seq"])
        return [self._stored(r) for r in rows]

    def _stored(self, row: sqlite3.Row) -> StoredArticle:
        r = dict(row)
        art = from_dict(Article, json.loads(r["data"]))
        art.raw, art.content = r["raw"], r["content"]
        return StoredArticle(art, r["content_hash"], bool(r["failed"]), r["pipeline_version"])

    @_guarded
    def add_article(
        self, article: Article, analysis: ArticleAnalysis | None, *, failed: bool = False
    ) -> None:
        data = to_dict(article, for_json=False)
        data.pop("raw"), data.pop("content")
        pub = article.published
        with self.transaction() as db:
            old = db.execute("SELECT seq FROM articles WHERE id = ?", (article.id,)).fetchone()
            seq = old[0] if old else db.execute(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]  # fmt: skip
            db.execute("DELETE FROM analyses WHERE article = ?", (article.id,))
            db.execute(
                "INSERT OR REPLACE INTO articles VALUES "
                "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    article.id, seq, content_hash(article.raw), article.path, article.status,
                    article.problem, article.format, article.outlet, article.title, article.url,
                    pub.value if pub else None,
                    pub.earliest.isoformat() if pub and pub.earliest else None,
                    pub.latest.isoformat() if pub and pub.latest else None,
                    article.duplicate_of, int(failed), article.raw, article.content,
                    json.dumps(data, ensure_ascii=False), __version__, _now(),
                ),
            )  # fmt: skip
            if analysis is not None:
                db.execute(
                    "INSERT INTO analyses VALUES (?, ?, ?)",
                    (article.id, _json(analysis), __version__),
                )
            if old:
                stories.create(db)
                stories.touch_article(db, article.id)  # its story is built again
            self._bump(db, "revision")

    @_guarded
    def signatures(self, stored: list[StoredArticle]) -> dict[str, Signature]:
        """MinHash signatures of these articles: kept ones read back, new ones computed and kept."""
        with self.transaction() as db:
            return minhash.signatures(db, [(s.article, s.content_hash) for s in stored])

    @_guarded
    def kept_signatures(self, stored: list[StoredArticle]) -> dict[str, Signature]:
        """The kept MinHash signatures of these articles (current text only), writing
        nothing: for readers such as workers; mark_duplicates hashes the missing ones."""
        kept = minhash.load(self._db, [s.article.id for s in stored], create=False)
        want = {s.article.id: s.content_hash for s in stored}
        return {aid: sig for aid, (chash, sig) in kept.items() if want.get(aid) == chash}

    @_guarded
    @collector_paused()
    def analyses(self, ids: list[str] | None = None) -> dict[str, ArticleAnalysis]:
        """Fresh analyses by article id (of every article, or of those with `ids`)."""
        sql = ("SELECT an.article, an.data, ar.seq FROM analyses an "
               "JOIN articles ar ON ar.id = an.article")  # fmt: skip
        if ids is None:
            rows = self._db.execute(sql + " ORDER BY ar.seq").fetchall()
        else:
            rows = []
            for part in stories._chunks(list(ids)):
                marks = ",".join("?" * len(part))
                rows += self._db.execute(f"{sql} WHERE ar.id IN ({marks})", part).fetchall()
            rows.sort(key=lambda r: r[2])
        return {aid: from_dict(ArticleAnalysis, json.loads(data)) for aid, data, _ in rows}

    # -------------------------------------------------------------- feed stories

    def _has_feed(self) -> bool:
        return self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'stories'").fetchone() is not None

    @_guarded
    def unclustered(self) -> list[str]:
        """Ids of usable articles no story holds yet, in publication order (undated last,
        then in the order stored)."""
        return stories.unclustered(self._db) if self._has_feed() else [
            a for (a,) in self._db.execute(
                "SELECT ar.id FROM articles ar WHERE ar.status IN ('ok', 'duplicate') "
                + stories.ORDER)]

    def cluster(self, sig: Signals, settings: Settings) -> tuple[str, list[str]]:
        """Put one article into a story with the stored online clusterer, in one transaction:
        (the story's id, ids of stories merged into it). An article already clustered stays."""
        return self.cluster_all([sig], settings)[0]

    @_guarded
    @collector_paused()
    def cluster_all(
        self, sigs: list[Signals], settings: Settings
    ) -> list[tuple[str, list[str]]]:
        """`cluster` for each article in turn, all in one transaction (one commit, not one
        per article)."""
        out = []
        with self.transaction() as db:
            stories.create(db)
            for sig in sigs:
                known = stories.story_of(db, sig.article)
                if known is not None:
                    out.append((stories.public_id(known), []))
                    continue
                sid, gone = stories.add(db, StoryClusterer(settings), sig)
                out.append((stories.public_id(sid), [stories.public_id(g) for g in gone]))
        return out

    @_guarded
    def story_members(self, story_id: str) -> tuple[int, list[str]] | None:
        """(membership revision, article ids in joining order) of a story; None if unknown."""
        sid = stories.internal_id(story_id)
        if sid is None or not self._has_feed():
            return None
        return stories.members(self._db, sid)

    @_guarded
    def stale_stories(self, own: bool = True) -> list[str]:
        """Stories to build again (no Story for their current articles or this version);
        `own`: those standing for the whole-store story too."""
        if not self._has_feed():
            return []
        return [stories.public_id(s) for s in stories.stale(self._db, __version__, own)]

    @_guarded
    @collector_paused()
    def replace_feed_story(self, story_id: str, story: Story | None, built_from: int) -> bool:
        """Store one story's built Story (None: the whole-store story is this story) if its
        articles are still those of revision `built_from`; False when they changed."""
        sid = stories.internal_id(story_id)
        data = None
        counts = (0, 0, 0)
        if story is not None:
            d = to_dict(story, for_json=False)
            for a in d["articles"]:
                a.pop("raw", None), a.pop("content", None)
            data = _COMPACT.encode(d)
            counts = (len(story.events), len(story.entities), len(story.contradictions))
        with self.transaction() as db:
            if sid is None or not stories.save_built(
                db, sid, built_from, data, counts,
                story.pipeline_version if story else __version__,
            ):
                return False
            for art in story.articles if story else []:  # duplicates marked within the story
                self._mark(db, art)
        return True

    @staticmethod
    def _mark(db: sqlite3.Connection, art: Article) -> None:
        pub = art.published  # the story stage dates articles from each other (story/dating.py)
        db.execute(
            "UPDATE articles SET status = ?, duplicate_of = ?, published = ?, "
            "published_earliest = ?, published_latest = ?, data = json_set(data, "
            "'$.status', ?, '$.duplicate_of', ?, '$.similarity', ?, '$.published', json(?)) "
            "WHERE id = ?",
            (art.status, art.duplicate_of, pub.value if pub else None, _iso(pub and pub.earliest),
             _iso(pub and pub.latest), art.status, art.duplicate_of, art.similarity,
             json.dumps(to_dict(pub)), art.id),
        )  # fmt: skip

    @_guarded
    def load_feed_story(self, story_id: str) -> Story | None:
        """One story's own built Story with its articles' raw text; None when it has none (not
        built yet, or the whole-store story stands for it)."""
        sid = stories.internal_id(story_id)
        if sid is None or not self._has_feed():
            return None
        row = self._db.execute("SELECT data FROM story_built WHERE story = ?", (sid,)).fetchone()
        if row is None or row[0] is None:
            return None
        story = from_dict(Story, json.loads(row[0]))
        texts = {s.article.id: s.article for s in self.articles([a.id for a in story.articles])}
        for a in story.articles:
            if a.id in texts:
                a.raw, a.content = texts[a.id].raw, texts[a.id].content
        return story

    @_guarded
    def feed_totals(self) -> dict[str, int]:
        """Stories, and their articles, events, entities and contradictions summed (one query,
        for summaries: listing every story costs more)."""
        keys = ("stories", "articles", "events", "entities", "contradictions")
        if not self._has_feed():
            return dict.fromkeys(keys, 0)
        row = self._db.execute(
            "SELECT COUNT(*), COALESCE(SUM(size), 0), COALESCE(SUM(events), 0), "
            "COALESCE(SUM(entities), 0), COALESCE(SUM(contradictions), 0) FROM stories"
        ).fetchone()
        return dict(zip(keys, (int(v) for v in row), strict=True))

    @_guarded
    def feed_stories(self) -> list[FeedStory]:
        """Every story of the feed, largest first (ties: the oldest)."""
        if not self._has_feed():
            return []
        out = []
        for r in self._db.execute(
            "SELECT id, size, title, first, last, updated, names, shown, events, entities, "
            "contradictions, built_rev, rev FROM stories ORDER BY size DESC, id"
        ).fetchall():
            names, shown = json.loads(r["names"]), json.loads(r["shown"])
            top = [shown[k] for k, _ in sorted(names.items(), key=lambda p: (-p[1], p[0]))
                   if k in shown][:5]  # fmt: skip
            out.append(FeedStory(
                stories.public_id(r["id"]), r["title"], r["size"], stories._day(r["first"]),
                stories._day(r["last"]), r["updated"], top, r["events"], r["entities"],
                r["contradictions"], r["built_rev"] == r["rev"]))  # fmt: skip
        return out

    # --------------------------------------------------------------------- story

    @_guarded
    def revision(self) -> int:
        """The analyses generation: bumped by every article write."""
        row = self._db.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
        return int(row[0]) if row else 0

    @_guarded
    @collector_paused()
    def replace_story(self, story: Story, built_from: int | None = None) -> bool:
        """Store `story`; with `built_from` (the revision its analyses were read at) only when
        no article was written since, so a slower writer's older story cannot win. False when
        it was stale (the caller rebuilds)."""
        v = story.pipeline_version or __version__
        with self.transaction() as db:
            if built_from is not None and self._revision_in(db) != built_from:
                return False
            for table in ("entities", "events", "mentions", "story_items"):
                db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            for art in story.articles:  # the story stage re-marks duplicates across the store
                self._mark(db, art)
            db.executemany(
                "INSERT INTO entities VALUES (?,?,?,?,?,?)",
                [(e.id, i, e.name, e.type, _json(e), v) for i, e in enumerate(story.entities)],
            )
            db.executemany(
                "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(e.id, i, e.type, e.status, e.time.value if e.time else None,
                  _iso(e.time.earliest) if e.time else None,
                  _iso(e.time.latest) if e.time else None,
                  json.dumps(e.participants), _json(e), v)
                 for i, e in enumerate(story.events)],
            )  # fmt: skip
            mentions = [("event", e.id, m) for e in story.events for m in e.mentions]
            rows = [
                (kind, owner, m.article, m.start, m.end, m.text, m.certainty, m.source.kind,
                 m.source.name, v)
                for kind, owner, m in mentions
            ]  # fmt: skip
            rows += [
                ("entity", e.id, m.article, m.start, m.end, m.text, m.kind, None, None, v)
                for e in story.entities for m in e.mentions
            ]  # fmt: skip
            db.executemany("INSERT INTO mentions VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
            for kind, attr in ITEM_FIELDS.items():
                db.executemany(
                    "INSERT INTO story_items VALUES (?,?,?,?,?)",
                    [(kind, i, getattr(x, "id", None), _json(x), v)
                     for i, x in enumerate(getattr(story, attr))],
                )  # fmt: skip
            revision = db.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0]
            self._bump(db, "story_revision", revision)
            self._bump(db, "story_version", v)
            self._bump(db, "story_schema", story.schema)
            self._bump(db, "story_built", _now())
        return True

    @staticmethod
    def _revision_in(db: sqlite3.Connection) -> int:
        return int(db.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0])

    @_guarded
    def load_story(self) -> Story | None:
        meta = self._meta()
        if meta.get("story_version") is None:
            return None
        story = Story(schema=meta.get("story_schema", Story.schema),
                      pipeline_version=meta["story_version"])  # fmt: skip
        story.articles = [s.article for s in self.articles()]
        story.entities = [
            from_dict(Entity, json.loads(d))
            for (d,) in self._db.execute("SELECT data FROM entities ORDER BY pos")
        ]
        story.events = [
            from_dict(Event, json.loads(d))
            for (d,) in self._db.execute("SELECT data FROM events ORDER BY pos")
        ]
        for kind, cls in ITEMS.items():
            rows = self._db.execute(
                "SELECT data FROM story_items WHERE kind = ? ORDER BY pos", (kind,)
            )
            setattr(story, ITEM_FIELDS[kind], [from_dict(cls, json.loads(d)) for (d,) in rows])
        return story

    @_guarded
    def info(self) -> dict[str, Any]:
        meta = self._meta()
        count = {
            t: self._db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # noqa: S608
            for t in ("articles", "analyses", "entities", "events")
        }
        by_status = dict(self._db.execute(
            "SELECT status, COUNT(*) FROM articles GROUP BY status").fetchall())  # fmt: skip
        contradictions = self._db.execute(
            "SELECT COUNT(*) FROM story_items WHERE kind = 'contradiction'").fetchone()[0]
        return {
            "path": self.path,
            "format": int(meta.get("format", FORMAT)),
            "articles": count["articles"],
            "articles_by_status": by_status,
            "analyses": count["analyses"],
            "entities": count["entities"],
            "events": count["events"],
            "contradictions": contradictions,
            "revision": int(meta.get("revision", 0)),
            "story_revision": int(meta.get("story_revision", -1)),
            "story_stale": meta.get("story_revision") != meta.get("revision"),
            "story_version": meta.get("story_version"),
            "story_built": meta.get("story_built"),
            "pipeline_version": __version__,
        }


def _iso(d: Any) -> str | None:
    return d.isoformat() if d else None


def _looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(16) == b"SQLite format 3\x00"
