"""Organisation and product descriptions and "its" (storyline/nlp/entities/thing_coref.py), on short
fictional texts: each mention goes to the nearest name of its kind, or to nobody."""

from __future__ import annotations

from storyline.model import Article
from storyline.nlp.pipeline import analyze
from storyline.settings import Settings


def _mentions(text: str) -> dict[str, list[tuple[str, str]]]:
    (analysis,) = analyze([Article("t", "t.txt", raw=text, content=text)], Settings())
    return {e.name: [(m.text, m.kind) for m in e.mentions] for e in analysis.entities}


def test_the_company_and_its_go_to_the_organisation():
    found = _mentions("Halvex Systems said on Monday that it would build a plant in Dresden. "
                      "The company expects its first chips in 2027.")
    assert found["Halvex Systems"] == [("Halvex Systems", "name"), ("it", "pronoun"),
                                       ("The company", "description"), ("its", "pronoun")]


def test_the_device_goes_to_the_product_and_a_rival_to_nobody():
    found = _mentions("Orrin Vale showed the new iZephyr 2 on stage. The device weighs 140 "
                      "grams. A rival company plans a cheaper phone.")
    assert ("The device", "description") in found["iZephyr 2"]
    assert not any(text in ("A rival company", "a cheaper phone")
                   for ms in found.values() for text, _ in ms)


def test_a_referring_it_and_which_but_no_expletive():
    found = _mentions("Halvex Systems, which employs 300 people, makes memory chips. "
                      "It sold 2 million chips last year. It is likely that prices will rise.")
    assert found["Halvex Systems"] == [("Halvex Systems", "name"), ("which", "pronoun"),
                                       ("It", "pronoun")]  # not the expletive "It is likely"
