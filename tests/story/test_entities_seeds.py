"""The seeds' must-shows: one entity per person, merged aliases, birth intervals from ages."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.api import build


@pytest.fixture(scope="module")
def story(seeds_dir):
    return build([str(seeds_dir)])


def _person(story, name):
    found = [e for e in story.entities if e.type == "PERSON" and e.name == name]
    assert len(found) == 1, f"{name}: {[e.id for e in story.entities if name in e.name]}"
    return found[0]


@pytest.mark.parametrize(
    "name", ["Natalie Portman", "Benjamin Millepied", "Camille Étienne", "Aleph", "Amalia"]
)
def test_one_person_entity_each(story, name):
    _person(story, name)
    surname = name.split()[-1]
    assert not [e for e in story.entities if e.name == surname and e.type != "PERSON"]


def test_aliases_are_merged(story):
    portman = set(_person(story, "Natalie Portman").aliases)
    assert {"Natalie", "Portman", "the Oscar winner", "the Star Wars alum", "the Thor star",
            "Portman, 42"} <= portman
    assert any("May December" in a for a in portman)
    millepied = set(_person(story, "Benjamin Millepied").aliases)
    assert {"Ben", "Benjamin", "Millepied", "the choreographer", "the French choreographer",
            "her husband", "her estranged spouse"} <= millepied
    assert "her estranged spouse" not in portman


@pytest.mark.parametrize(
    "name,truth",
    [
        ("Natalie Portman", date(1981, 6, 9)),
        ("Benjamin Millepied", date(1977, 6, 10)),
        # the children's dates are what the seeds' ages allow, checked by hand
        ("Aleph", date(2011, 6, 14)),
        ("Amalia", date(2017, 2, 22)),
    ],
)
def test_birth_interval_is_tight_and_true(story, name, truth):
    birth = _person(story, name).birth
    assert birth is not None
    assert (birth.latest - birth.earliest).days <= 366
    assert birth.earliest <= truth <= birth.latest


def test_outlets_and_works_are_typed(story):
    types = {e.name: e.type for e in story.entities}
    us = [e for e in story.entities if e.type == "OUTLET" and e.name.lower().startswith("us")]
    assert len(us) == 1 and {"Us Weekly", "US Magazine", "Us"} <= {us[0].name, *us[0].aliases}
    for work in ("Black Swan", "Vox Lux", "Carmen", "May December"):
        assert types.get(work) == "WORK", work


def test_marriage_date_from_the_anniversary(story):
    wed = [f for f in story.facts if f.attribute == "marriage"]
    assert len(wed) == 1 and wed[0].value.value == "2012-08-04" and not wed[0].conflicts
