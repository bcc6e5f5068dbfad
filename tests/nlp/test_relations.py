"""Relations stated in fictional text, each with an evidence sentence."""

from __future__ import annotations

import pytest

from storyline.model import Article
from storyline.nlp.pipeline import analyze
from storyline.settings import Settings

TEXT = (
    "Mara Quill and her husband Jonas Verhoeven arrived in Lisbon. "
    "The couple share a son, Otto. "
    "Verhoeven had left his girlfriend, Elin Brask, to be with Quill. "
    "Quill first met him on the set of Karl Falk's film Harbor Lights. "
    "The film Paper Tides starring Tilde Rask and Ivo Brandt opens in May."
)


@pytest.fixture(scope="module")
def rels():
    art = Article(id="r", path="r.txt", raw=TEXT, content=TEXT)
    a = analyze([art], Settings())[0]
    names = {e.id: e.name for e in a.entities}
    out = {(names[r.subject], r.predicate, names[r.object]): r for r in a.relations}
    for r in a.relations:
        assert all(TEXT[m.start : m.end] == m.text for m in r.evidence) and r.evidence
    return out


def test_spouse(rels):
    assert {("Mara Quill", "spouse", "Jonas Verhoeven"),
            ("Jonas Verhoeven", "spouse", "Mara Quill")} & set(rels)


def test_child_of_both_parents(rels):
    assert ("Otto", "child", "Mara Quill") in rels
    assert ("Otto", "child", "Jonas Verhoeven") in rels


def test_former_partner(rels):
    assert ("Jonas Verhoeven", "former_partner", "Elin Brask") in rels


def test_director_and_cast(rels):
    assert ("Karl Falk", "director", "Harbor Lights") in rels
    assert ("Tilde Rask", "cast", "Paper Tides") in rels
