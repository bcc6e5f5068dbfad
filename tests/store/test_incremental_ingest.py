"""api.ingest over a store: idempotent, incremental, and safe when one article fails."""

from __future__ import annotations

import shutil

import pytest

from storyline import api
from storyline.model import to_dict
from storyline.store import open_store

LEDGER = "01-lakeport-ledger.txt"


def _copy(store, tmp_path):
    dest = tmp_path / "story.db"
    shutil.copy(store, dest)
    return dest


def _count_analyses(monkeypatch) -> list[str]:
    """Record which articles get parsed and analysed."""
    from storyline.nlp import pipeline

    seen: list[str] = []
    real = pipeline.analyze_doc

    def counting(doc, article, settings):
        seen.append(article.path)
        return real(doc, article, settings)

    monkeypatch.setattr(pipeline, "analyze_doc", counting)
    return seen


def test_every_input_is_accounted_for(frontdoor_store):
    story = api.load_story(frontdoor_store)
    status = {a.path.split("/")[-1]: a.status for a in story.articles}
    assert status == {LEDGER: "ok", "02-river-post.html": "ok", "03-lake-wire.jsonl#1": "ok",
                      "03-lake-wire.jsonl#2": "skipped", "03-lake-wire.jsonl#3": "skipped"}
    assert story.events and story.entities


def test_reingest_is_idempotent_and_parses_nothing(frontdoor_store, frontdoor_corpus, tmp_path,
                                                   monkeypatch):  # fmt: skip
    store = _copy(frontdoor_store, tmp_path)
    before = to_dict(api.load_story(store))
    parsed = _count_analyses(monkeypatch)
    summary = api.ingest([str(frontdoor_corpus)], store)
    assert parsed == [] and summary.added == [] and not summary.story_rebuilt
    assert len(summary.unchanged) == 3 and len(summary.skipped) == 2
    assert to_dict(api.load_story(store)) == before


def test_incremental_ingest_parses_only_new_articles_and_matches_a_full_build(
    frontdoor_corpus, tmp_path, monkeypatch
):
    files = sorted(str(p) for p in frontdoor_corpus.iterdir())
    store = tmp_path / "s.db"
    api.ingest(files[:1], store)
    parsed = _count_analyses(monkeypatch)
    summary = api.ingest(files[1:], store)
    assert summary.story_rebuilt and len(summary.added) == 2
    assert all(LEDGER not in p for p in parsed)  # the stored article was not parsed again
    incremental = api.load_story(store)
    full = api.build(files)
    assert to_dict(incremental.events) == to_dict(full.events)
    assert to_dict(incremental.entities) == to_dict(full.entities)
    assert to_dict(incremental.contradictions) == to_dict(full.contradictions)


def test_copy_arriving_later_is_marked_duplicate_across_ingests(frontdoor_corpus, tmp_path):
    store = tmp_path / "s.db"
    api.ingest([str(frontdoor_corpus / LEDGER)], store)
    copy = tmp_path / "syndicated.txt"
    original = (frontdoor_corpus / LEDGER).read_text()
    header = " date 2024-05-02 Lakeport Ledger"
    copy.write_text(original.replace(header, " date 2024-05-03 Valley Times") + "\nMore news.\n")
    api.ingest([str(copy)], store)
    arts = {a.path: a for a in api.load_story(store).articles}
    assert arts[str(copy)].status == "duplicate"
    assert arts[str(copy)].duplicate_of == arts[str(frontdoor_corpus / LEDGER)].id


def test_a_failing_article_is_recorded_and_retried_without_harming_the_rest(
    frontdoor_corpus, tmp_path, monkeypatch
):
    from storyline.nlp import pipeline

    real = pipeline.analyze_doc

    def flaky(doc, article, settings):
        if "River Post" in (article.outlet or ""):
            raise RuntimeError("injected failure")
        return real(doc, article, settings)

    monkeypatch.setattr(pipeline, "analyze_doc", flaky)
    store = tmp_path / "s.db"
    summary = api.ingest([str(frontdoor_corpus)], store)
    assert [f["path"].split("/")[-1] for f in summary.failed] == ["02-river-post.html"]
    assert "injected failure" in summary.failed[0]["problem"]
    assert len(summary.added) == 2
    story = api.load_story(store)
    failed = next(a for a in story.articles if a.path.endswith("02-river-post.html"))
    assert failed.status == "skipped" and "analysis failed" in failed.problem
    assert story.events  # the others made a story

    monkeypatch.setattr(pipeline, "analyze_doc", real)
    again = api.ingest([str(frontdoor_corpus)], store)
    assert [a.split("/")[-1] for a in again.added] == [failed.id]
    assert again.story_rebuilt and not again.failed
    healed = {a.id: a.status for a in api.load_story(store).articles}
    assert healed[failed.id] == "ok"
    with open_store(store) as s:
        assert s.info()["articles"] == 5 and not s.info()["story_stale"]


def test_a_crash_while_storing_keeps_earlier_articles_and_the_next_ingest_heals(
    frontdoor_corpus, tmp_path, monkeypatch
):
    from storyline.store.sqlite import SQLiteStore

    files = sorted(str(p) for p in frontdoor_corpus.iterdir())
    store = tmp_path / "s.db"
    real = SQLiteStore.add_article
    calls = []

    def dying(self, article, analysis, **kw):
        calls.append(article.id)
        if len(calls) == 2:
            raise OSError("power cut")
        return real(self, article, analysis, **kw)

    monkeypatch.setattr(SQLiteStore, "add_article", dying)
    with pytest.raises(OSError):
        api.ingest(files, store)
    monkeypatch.undo()
    with open_store(store) as s:
        assert [x.article.id for x in s.articles()] == calls[:1]
    summary = api.ingest(files, store)
    assert summary.story_rebuilt and len(summary.unchanged) == 1 and len(summary.added) == 2


def test_load_story_without_a_story_says_so(tmp_path):
    open_store(tmp_path / "empty.db").close()
    with pytest.raises(Exception, match="no story yet"):
        api.load_story(tmp_path / "empty.db")
