"""The executor registry: "local" and "ray" give the same story; failures are reported, not lost."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from storyline.api import build, ingest_articles
from storyline.ingest.read import read_articles
from storyline.model import to_dict
from storyline.nlp.executors import LOCAL_RAY_ENV, run
from storyline.settings import Settings
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "harbour-bridge"


@pytest.fixture(scope="module")
def ray_local():
    """A private local Ray for this module (2 CPUs, loopback, no dashboard), stopped after."""
    for key, value in LOCAL_RAY_ENV.items():  # loopback only, no usage stats
        os.environ.setdefault(key, value)
    ray = pytest.importorskip("ray", reason="Ray not installed: pip install 'storyline[ray]'")
    ray.init(num_cpus=2, include_dashboard=False, ignore_reinit_error=True,
             log_to_driver=False, configure_logging=False)
    assert {n["NodeManagerAddress"] for n in ray.nodes()} == {"127.0.0.1"}
    yield ray
    ray.shutdown()


def test_ray_executor_without_ray_tells_how_to_install(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "ray", None)  # as if not installed
    with pytest.raises(RuntimeError, match=r"pip install 'storyline\[ray\]'"):
        list(run(_articles(1, Settings()), Settings(executor="ray")))


def test_unknown_executor_is_a_clear_error():
    with pytest.raises(ValueError, match=r"no executor named 'spark' \(known: local, ray\)"):
        run([], Settings(executor="spark"))


def test_ray_executor_builds_the_same_story_as_local(ray_local):
    local = build([str(EXAMPLE)], Settings(parse_workers=0))
    ticks: list[int] = []
    on_ray = build([str(EXAMPLE)], Settings(executor="ray", ray_batch_size=2), ticks.append)
    assert sum(ticks) == sum(a.status != "skipped" for a in on_ray.articles)
    assert len(ticks) > 1  # progress comes batch by batch
    assert on_ray.events and to_dict(on_ray) == to_dict(local)


def _articles(n: int, settings: Settings):
    articles = [a for a in read_articles([str(EXAMPLE)], settings) if a.status == "ok"][:n]
    assert len(articles) == n
    return articles


@pytest.mark.parametrize("executor", ["local", "ray"])
def test_a_text_longer_than_a_spacy_chunk_is_parsed_in_chunks(executor, request, tmp_path):
    """Over CHUNK_CHARS (and over spaCy's max_length, E088) a text is parsed in chunks at
    breaks and joined with its offsets: the article is analysed, not failed."""
    from storyline.nlp.parsing import CHUNK_CHARS

    if executor == "ray":
        request.getfixturevalue("ray_local")
    settings = Settings(executor=executor, ray_batch_size=3, parse_workers=0)
    articles = _articles(3, settings)
    long = "The ferry was late. " * (CHUNK_CHARS // 20 + 200)  # 104,000 characters
    articles[1] = replace(articles[1], raw=long, content=long)
    summary = ingest_articles(articles, tmp_path / "s.db", settings)
    assert summary.added == [a.id for a in articles] and summary.failed == []


def test_an_article_spacy_rejects_is_stored_as_failed_with_the_reason(tmp_path, monkeypatch):
    """spaCy failing inside a batch: the rest is parsed one by one, the failing article is
    stored as failed with spaCy's reason, the others are added."""
    from storyline.nlp import parsing

    settings = Settings(parse_workers=0)
    articles = _articles(3, settings)
    bad = articles[1].content
    real_docs, real_one = parsing.parse_docs, parsing.parse_one

    def failing_docs(nlp, texts, s):  # noqa: ANN001
        for doc in real_docs(nlp, texts, s):
            if doc.text == bad:
                raise ValueError("[E088] Text of length 2000000 exceeds maximum")
            yield doc

    def failing_one(nlp, text):  # noqa: ANN001
        if text == bad:
            raise ValueError("[E088] Text of length 2000000 exceeds maximum")
        return real_one(nlp, text)

    monkeypatch.setattr(parsing, "parse_docs", failing_docs)
    monkeypatch.setattr(parsing, "parse_one", failing_one)
    summary = ingest_articles(articles, tmp_path / "s.db", settings)
    assert summary.added == [articles[0].id, articles[2].id]
    assert [f["path"] for f in summary.failed] == [articles[1].path]
    assert summary.failed[0]["problem"].startswith("analysis failed: ValueError: [E088]")


def test_a_failed_ray_task_is_retried_article_by_article(ray_local):
    settings = Settings(executor="ray", ray_batch_size=3)
    articles = _articles(3, settings)
    articles[1] = replace(articles[1], published="not a date")  # the worker cannot rebuild it
    results = list(run(articles, settings))
    assert [a.id for a, _, _ in results] == [a.id for a in articles]
    assert [r is not None for _, r, _ in results] == [True, False, True]
    assert results[1][2].startswith("ray task failed: TypeError")
