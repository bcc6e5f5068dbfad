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


ROLES_TEXT = (
    "In 2016 the Danish conductor Jonas Verhoeven was named music director of the Aldby "
    "Symphony Orchestra. In March he resigned from his chief conductor position at the Nordvik "
    "Opera to return to his touring ensemble, the Fjord Players. Halvorsen Freight said on "
    "Tuesday that its chief executive, Ingrid Sætre, had resigned. Tomas Berg, CEO of Brekke "
    "Holdings, declined to comment."
)


@pytest.fixture(scope="module")
def roles():
    art = Article(id="e", path="e.txt", raw=ROLES_TEXT, content=ROLES_TEXT)
    a = analyze([art], Settings())[0]
    names = {e.id: e.name for e in a.entities}
    for r in a.relations:
        assert all(ROLES_TEXT[m.start : m.end] == m.text for m in r.evidence) and r.evidence
    return {(names[r.subject], r.predicate, names[r.object]): r.attributes for r in a.relations}


def test_named_to_a_post_at_an_organisation(roles):
    attrs = roles[("Jonas Verhoeven", "employer", "Aldby Symphony Orchestra")]
    assert attrs["role"] == "music director"


def test_resigned_from_a_position_is_an_ended_role(roles):
    attrs = roles[("Jonas Verhoeven", "employer", "Nordvik Opera")]
    assert attrs["role"] == "chief conductor" and attrs["ended"] == "yes"


def test_possessive_unit_apposition(roles):
    assert ("Jonas Verhoeven", "employer", "Fjord Players") in roles


def test_its_chief_executive_and_ceo_of(roles):
    assert roles[("Ingrid Sætre", "employer", "Halvorsen Freight")]["role"] == "chief executive"
    assert roles[("Tomas Berg", "employer", "Brekke Holdings")]["role"] == "ceo"


def test_evidence_sentence_is_trimmed_of_page_blanks():
    text = "<h1>Quill wed</h1>\n\n         \n   Mara Quill and her husband Jonas Verhoeven smiled."
    content = text.replace("<h1>", "    ").replace("</h1>", "     ")
    a = analyze([Article(id="h", path="h.html", raw=text, content=content)], Settings())[0]
    spouse = [r for r in a.relations if r.predicate == "spouse"]
    assert spouse and spouse[0].evidence[0].text.startswith("Mara Quill")
