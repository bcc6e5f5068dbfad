"""Who "they" are: the pair last named together, unless a third person stands in between."""

from __future__ import annotations

from storyline.model import Article
from storyline.nlp.pipeline import analyze
from storyline.settings import Settings


def participants_of(text: str, predicate: str) -> list[list[str]]:
    a = analyze([Article(id="t", path="t.txt", raw=text, content=text)], Settings())[0]
    names = {e.id: e.name for e in a.entities}
    return [sorted(names[p] for p in c.participants) for c in a.claims if c.predicate == predicate]


def test_they_is_the_pair_named_together():
    text = ("Mara Quist and Oren Vale first met on the set of Ilse Brandt's film Low Tide in "
            "2015, in which they both starred.")
    # a possessor ("Ilse Brandt's film") is no third person in the scene
    assert participants_of(text, "star") == [["Mara Quist", "Oren Vale"]]


def test_they_after_a_third_person_is_left_unresolved():
    text = ("Oren Vale had left his girlfriend, Pia Lund, to be with Mara Quist after they "
            "collaborated on the set of 2014's Low Tide.")
    # Vale and Lund, or Vale and Quist? The text does not say which pair: no one is asserted.
    assert participants_of(text, "collaborate") == [[]]



def test_a_group_noun_is_the_pair_even_after_a_third_person():
    text = ("Mara Quist married Oren Vale on Saturday. Vale's brother Ivo Lund said the "
            "newlyweds would move to Bergen.")
    # "the newlyweds" describes the couple; only a bare "they" could take in the speaker
    (who,) = participants_of(text, "move")
    assert [n for n in who if n != "Bergen"] == ["Mara Quist", "Oren Vale"]
