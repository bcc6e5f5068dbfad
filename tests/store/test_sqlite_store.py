"""The SQLite store on hand-built objects: round trip, transactions, refusing foreign files."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from storyline import __version__
from storyline.model import (
    Article,
    ArticleAnalysis,
    Claim,
    Contradiction,
    Entity,
    EntityMention,
    Event,
    Mention,
    PublicationDate,
    State,
    Story,
    TimeValue,
    to_dict,
)
from storyline.store import SQLiteStore, StoreError, StoryStore, content_hash, open_store

RAW = " date 2024-05-02 Test Gazette\nAda Brennan married Tomas Brennan in 2009.\n"


def article(raw: str = RAW, aid: str = "a1") -> Article:
    pub = PublicationDate("2024-05-02", date(2024, 5, 2), date(2024, 5, 2), "header", "header")
    return Article(aid, f"{aid}.txt", raw=raw, content=" " * 31 + raw[31:], outlet="Test Gazette",
                   published=pub)  # fmt: skip


def analysis(aid: str = "a1") -> ArticleAnalysis:
    m = Mention(aid, 31, 75, RAW[31:75])
    return ArticleAnalysis(aid, sentences=[(31, 75)], entities=[
        Entity("e1", "Ada Brennan", "PERSON",
               mentions=[EntityMention(aid, 31, 42, "Ada Brennan", "e1")])],
        claims=[Claim("c1", aid, "married", m, participants=["e1"])])  # fmt: skip


def story() -> Story:
    m = Mention("a1", 31, 75, RAW[31:75], certainty="asserted")
    ent = Entity("person:ada", "Ada Brennan", "PERSON",
                 mentions=[EntityMention("a1", 31, 42, "Ada Brennan", "person:ada")])
    ev = Event("ev1", "married", ["person:ada"], TimeValue("2009", date(2009, 1, 1),
               date(2009, 12, 31)), status="confirmed", mentions=[m])  # fmt: skip
    return Story(
        pipeline_version=__version__, articles=[article()], entities=[ent], events=[ev],
        contradictions=[Contradiction("x1", "date", "2009 vs 2010", ["ev1"])],
        states=[State("s1", "person:ada", "married", start=ev.time, evidence=[m])],
    )  # fmt: skip


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "s.db")
    yield s
    s.close()


def test_is_a_story_store(store):
    assert isinstance(store, StoryStore)


def test_article_and_analysis_round_trip_with_raw_text_verbatim(store):
    store.add_article(article(), analysis())
    (stored,) = store.articles()
    assert stored.article.raw == RAW and stored.content_hash == content_hash(RAW)
    assert stored.pipeline_version == __version__
    assert to_dict(store.analyses()["a1"]) == to_dict(analysis())
    assert store.find_article("zzz", content_hash(RAW)).article.id == "a1"  # by text
    assert store.find_article("zzz", "") is None


def test_analyses_are_fresh_objects_each_time(store):
    store.add_article(article(), analysis())
    first = store.analyses()["a1"]
    first.entities[0].mentions[0].entity = "person:rewritten"  # what link_entities does
    assert store.analyses()["a1"].entities[0].mentions[0].entity == "e1"


def test_story_round_trip_and_queryable_tables(store, tmp_path):
    store.add_article(article(), analysis())
    assert store.load_story() is None
    store.replace_story(story())
    assert to_dict(store.load_story()) == to_dict(story())
    assert store.load_story().articles[0].raw == RAW  # raw travels with a loaded story
    db = sqlite3.connect(tmp_path / "s.db")
    assert db.execute("SELECT type, time, earliest FROM events").fetchall() == [
        ("married", "2009", "2009-01-01")]
    assert db.execute("SELECT DISTINCT pipeline_version FROM events").fetchall() == [
        (__version__,)]
    assert db.execute(
        "SELECT owner FROM mentions WHERE owner_kind = 'event' AND article = 'a1'"
    ).fetchall() == [("ev1",)]


def test_failed_article_write_leaves_nothing_behind(store, monkeypatch):
    store.add_article(article(), analysis())
    before = store.info()

    def boom(obj):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("storyline.store.sqlite._json", boom)
    with pytest.raises(RuntimeError):
        store.add_article(article(RAW + "more\n", "a2"), analysis("a2"))
    monkeypatch.undo()
    assert [s.article.id for s in store.articles()] == ["a1"]
    assert store.info()["revision"] == before["revision"]
    assert list(store.analyses()) == ["a1"]


def test_failed_story_replacement_keeps_the_old_story(store, monkeypatch):
    store.add_article(article(), analysis())
    store.replace_story(story())
    broken = story()
    broken.events.append(broken.events[0])  # same id twice: the insert fails half way
    with pytest.raises(sqlite3.IntegrityError):
        store.replace_story(broken)
    assert to_dict(store.load_story()) == to_dict(story())


def test_story_is_stale_after_an_article_arrives(store):
    store.add_article(article(), analysis())
    assert store.info()["story_stale"]
    store.replace_story(story())
    assert not store.info()["story_stale"]
    store.add_article(article(RAW + "x\n", "a2"), analysis("a2"))
    assert store.info()["story_stale"]


def test_wal_journal(store, tmp_path):
    mode = sqlite3.connect(tmp_path / "s.db").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_refuses_files_that_are_not_stores(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(StoreError, match="not a storyline store"):
        SQLiteStore(text)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="not a storyline store"):
        SQLiteStore(other)
    with pytest.raises(StoreError, match="no store"):
        SQLiteStore(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()
