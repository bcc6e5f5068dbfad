"""Store edges: concurrent creation, a stale story writer, and unusable stores (corrupt,
truncated, read-only, missing folder) as a clear message and exit code 4 (EXIT_STORE)."""

from __future__ import annotations

import multiprocessing as mp
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli.app import EXIT_INPUT, EXIT_STORE, _register, app
from storyline.model import Article, ArticleAnalysis, PublicationDate, Story
from storyline.store import SQLiteStore, StoreError, StoreUnusable, open_store

_register()
runner = CliRunner()


def _article(aid: str) -> Article:
    raw = f" date 2024-05-02 Test Gazette\nArticle {aid} about the Ostvik harbour.\n"
    pub = PublicationDate("2024-05-02", date(2024, 5, 2), date(2024, 5, 2), "header", "header")
    return Article(aid, f"{aid}.txt", raw=raw, content=raw, published=pub)


def _create_and_add(path: str, aid: str, start, out) -> None:  # noqa: ANN001 - mp objects
    start.wait()
    try:
        with open_store(path) as store:
            store.add_article(_article(aid), ArticleAnalysis(aid))
        out.put((aid, "ok"))
    except Exception as e:  # noqa: BLE001 - reported to the test
        out.put((aid, f"{type(e).__name__}: {e}"))


def test_two_processes_creating_one_new_store_both_succeed(tmp_path) -> None:
    ctx = mp.get_context("fork")
    for trial in range(10):
        path = str(tmp_path / f"race{trial}.db")
        start, out = ctx.Event(), ctx.Queue()
        procs = [ctx.Process(target=_create_and_add, args=(path, aid, start, out))
                 for aid in ("a1", "a2")]
        for p in procs:
            p.start()
        start.set()
        for p in procs:
            p.join(60)
        results = sorted(out.get(timeout=60) for _ in procs)
        assert results == [("a1", "ok"), ("a2", "ok")], f"trial {trial}: {results}"
        with open_store(path) as store:
            assert sorted(s.article.id for s in store.articles()) == ["a1", "a2"]
            assert store.revision() == 2


def test_a_story_built_from_older_analyses_is_not_stored(tmp_path) -> None:
    with open_store(tmp_path / "s.db") as store:
        store.add_article(_article("a1"), ArticleAnalysis("a1"))
        seen = store.revision()
        store.add_article(_article("a2"), ArticleAnalysis("a2"))  # another writer, meanwhile
        assert store.replace_story(Story(), built_from=seen) is False
        assert store.load_story() is None and store.info()["story_stale"]
        assert store.replace_story(Story(), built_from=store.revision()) is True
        assert not store.info()["story_stale"]


def test_ingest_rebuilds_when_another_writer_added_an_article_meanwhile(
    tmp_path, monkeypatch
) -> None:
    """The story is only stored when no article arrived while it was built."""
    from storyline import api

    store_path = tmp_path / "s.db"
    real = api.story_from_store
    calls: list[int] = []

    def with_a_concurrent_writer(store, settings):  # noqa: ANN001
        calls.append(store.revision())
        story = real(store, settings)
        if len(calls) == 1:  # a second process adds an article while the first builds
            with open_store(store_path) as other:
                other.add_article(_article("late"), ArticleAnalysis("late"))
        return story

    monkeypatch.setattr(api, "story_from_store", with_a_concurrent_writer)
    text = " date 2024-05-02 Test Gazette\nThe mayor of Ostvik resigned on Monday.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    summary = api.ingest([str(tmp_path / "a.txt")], store_path)
    assert summary.story_rebuilt and calls == [1, 2]  # built twice: the first was stale
    story = api.load_story(store_path)
    assert sorted(a.id for a in story.articles) == sorted([summary.added[0], "late"])
    with open_store(store_path) as s:
        assert not s.info()["story_stale"]


def _good_store(path: Path) -> Path:
    with open_store(path) as store:
        store.add_article(_article("a1"), ArticleAnalysis("a1"))
        store.replace_story(Story())
    return path


@pytest.mark.parametrize("command", ["show", "export"])
def test_truncated_store_is_unusable_with_exit_4(tmp_path, command) -> None:
    path = _good_store(tmp_path / "s.db")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])  # cut mid-file: header intact, pages gone
    args = [command, str(path)] + (["--format", "csv", "--out", str(tmp_path / "e.csv")]
                                   if command == "export" else [])
    result = runner.invoke(app, args)
    assert result.exit_code == EXIT_STORE == 4, result.output
    assert f"store {path} is unusable: the file is corrupt or truncated" in result.output
    assert "Traceback" not in result.output


def test_store_in_a_missing_folder_is_unusable_with_exit_4(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(" date 2024-05-02 Test Gazette\nThe mayor resigned.\n")
    store = tmp_path / "no" / "such" / "s.db"
    result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--store", str(store)])
    assert result.exit_code == 4, result.output
    assert f"its folder {store.parent} does not exist" in result.output


def test_read_only_store_is_unusable_for_writes_with_exit_4(tmp_path, monkeypatch) -> None:
    """Tests run as root, for whom chmod does not make a file read-only: SQLite's own
    read-only mode gives the same error a read-only file or mount gives."""
    path = _good_store(tmp_path / "s.db")
    real = sqlite3.connect

    def read_only(database, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        return real(f"file:{database}?mode=ro", *args, uri=True, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only)
    (tmp_path / "a.txt").write_text(" date 2024-05-02 Test Gazette\nThe mayor resigned on "
                                    "Monday, officials said.\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--store", str(path)])
    assert result.exit_code == 4, result.output
    assert f"store {path} is unusable: it is read-only" in result.output
    assert runner.invoke(app, ["show", str(path)]).exit_code == 0  # reading still works


def test_not_a_store_stays_bad_input_exit_3(tmp_path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("just some notes\n")
    result = runner.invoke(app, ["show", str(path)])
    assert result.exit_code == EXIT_INPUT, result.output
    assert "is not a storyline store" in result.output


def test_store_errors_are_store_errors() -> None:
    assert issubclass(StoreUnusable, StoreError)
    assert SQLiteStore.replace_story.__doc__
