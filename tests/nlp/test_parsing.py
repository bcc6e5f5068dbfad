"""Parsing in background processes gives the same Docs, in the same order, as in-process."""

from __future__ import annotations

import pytest

from storyline.nlp import parsing
from storyline.nlp.parsing import parse_docs
from storyline.settings import Settings

TEXTS = [
    f"Councillor Ada Brenner, {40 + i}, opened ferry berth {i} in Kestrel Bay on Monday. "
    f"The operator said berth {i} would open to larger boats in May, a source told reporters."
    for i in range(11)
]


def _view(doc) -> list[tuple]:
    return [
        (t.text, t.whitespace_, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, t.ent_iob_,
         t.ent_type_, t.is_sent_start)
        for t in doc
    ]  # fmt: skip


@pytest.mark.parametrize("workers", [1, 2])
def test_worker_docs_equal_in_process_docs_in_order(nlp, workers: int) -> None:
    settings = Settings(parse_workers=workers, parse_workers_from=0, batch_size=3)
    expected = [_view(d) for d in nlp.pipe(TEXTS)]
    got = [_view(d) for d in parse_docs(nlp, TEXTS, settings)]
    assert got == expected


def test_failing_worker_is_reported_as_an_error(nlp) -> None:
    settings = Settings(model="no_such_spacy_model", parse_workers=1, parse_workers_from=0)
    with pytest.raises(RuntimeError, match="parse worker failed.*no_such_spacy_model"):
        list(parse_docs(nlp, TEXTS, settings))


def test_few_texts_are_parsed_in_process(nlp, monkeypatch) -> None:
    def no_workers(*args, **kwargs):
        raise AssertionError("workers started for a small build")

    monkeypatch.setattr(parsing, "_parse_in_workers", no_workers)
    settings = Settings(parse_workers=1, parse_workers_from=64)
    assert [d.text for d in parse_docs(nlp, TEXTS, settings)] == TEXTS


def test_auto_uses_a_worker_only_when_a_core_is_idle(monkeypatch) -> None:
    monkeypatch.setattr(parsing.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(parsing.os, "getloadavg", lambda: (0.4, 0.4, 0.4))
    assert parsing.resolve_workers(-1) == 1
    monkeypatch.setattr(parsing.os, "getloadavg", lambda: (1.6, 1.6, 1.6))
    assert parsing.resolve_workers(-1) == 0
    assert parsing.resolve_workers(0) == 0 and parsing.resolve_workers(2) == 2
