"""The SQLite store: one file, WAL journal, one transaction per write.

Articles, entities and events get real columns so they can be queried with plain SQL; the rest of
each object is a JSON blob (`data`) written by `model.to_dict`, read back by `model.from_dict`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storyline import __version__
from storyline.ingest.dedupe import Signature
from storyline.model import (
    Article,
    ArticleAnalysis,
    Contradiction,
    Entity,
    Event,
    Fact,
    Quote,
    Relation,
    State,
    Story,
    Timex,
    from_dict,
    to_dict,
)
from storyline.store import minhash
from storyline.store.base import StoredArticle, StoreError

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


def _json(obj: Any) -> str:
    return json.dumps(to_dict(obj, for_json=False), ensure_ascii=False, separators=(",", ":"))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


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
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA busy_timeout=10000")
            self._init()
        except (sqlite3.DatabaseError, StoreError):
            self._db.close()
            raise

    def _init(self) -> None:
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master")}
        if tables and "meta" not in tables:
            raise StoreError(f"{self.path} is an SQLite file but not a storyline store")
        if "meta" in tables:
            meta = self._meta()
            if meta.get("mark") != MARK:
                raise StoreError(f"{self.path} is an SQLite file but not a storyline store")
            if int(meta.get("format", "0")) > FORMAT:
                raise StoreError(
                    f"{self.path} was written by a newer storyline (store format "
                    f"{meta['format']}, this one reads {FORMAT})"
                )
            return
        with self.transaction() as db:
            for stmt in filter(str.strip, SCHEMA.split(";")):
                db.execute(stmt)
            db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [("mark", MARK), ("format", str(FORMAT)), ("created", _now()),
                 ("revision", "0"), ("story_revision", "-1")],
            )  # fmt: skip

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

    def find_article(self, article_id: str, content_hash: str) -> StoredArticle | None:
        row = self._db.execute(
            "SELECT * FROM articles WHERE id = ? OR (? != '' AND content_hash = ?) "
            "ORDER BY id = ? DESC LIMIT 1",
            (article_id, content_hash, content_hash, article_id),
        ).fetchone()
        return self._stored(row) if row else None

    def articles(self) -> list[StoredArticle]:
        rows = self._db.execute("SELECT * FROM articles ORDER BY seq").fetchall()
        return [self._stored(r) for r in rows]

    def _stored(self, row: sqlite3.Row) -> StoredArticle:
        r = dict(row)
        art = from_dict(Article, json.loads(r["data"]))
        art.raw, art.content = r["raw"], r["content"]
        return StoredArticle(art, r["content_hash"], bool(r["failed"]), r["pipeline_version"])

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
            self._bump(db, "revision")

    def signatures(self, stored: list[StoredArticle]) -> dict[str, Signature]:
        """MinHash signatures of these articles: kept ones read back, new ones computed and kept."""
        with self.transaction() as db:
            return minhash.signatures(db, [(s.article, s.content_hash) for s in stored])

    def analyses(self) -> dict[str, ArticleAnalysis]:
        rows = self._db.execute(
            "SELECT an.article, an.data FROM analyses an JOIN articles ar ON ar.id = an.article "
            "ORDER BY ar.seq"
        ).fetchall()
        return {aid: from_dict(ArticleAnalysis, json.loads(data)) for aid, data in rows}

    # --------------------------------------------------------------------- story

    def replace_story(self, story: Story) -> None:
        v = story.pipeline_version or __version__
        with self.transaction() as db:
            for table in ("entities", "events", "mentions", "story_items"):
                db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            for art in story.articles:  # the story stage re-marks duplicates across the store
                db.execute(
                    "UPDATE articles SET status = ?, duplicate_of = ?, data = json_set(data, "
                    "'$.status', ?, '$.duplicate_of', ?, '$.similarity', ?) WHERE id = ?",
                    (art.status, art.duplicate_of, art.status, art.duplicate_of,
                     art.similarity, art.id),
                )  # fmt: skip
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
