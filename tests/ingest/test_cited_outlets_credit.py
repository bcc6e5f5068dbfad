"""Outlets an article credits in its text: "as first reported by X", and outlet words inside a
longer name that are no outlet of their own."""

from __future__ import annotations

from storyline.ingest.outlet import cited_outlets


def test_as_first_reported_by_a_one_word_outlet_credits_it():
    text = "Quell and Ashgrove have separated, as first reported by People. They met in 2010."
    assert cited_outlets(text, "Evening Crier") == ["People"]
    assert cited_outlets("The split, as reported by TMZ, came in May.", None) == ["TMZ"]


def test_reported_by_a_person_or_a_phrase_credits_no_outlet():
    assert cited_outlets("It was reported by Mara Quell.", None) == []
    assert cited_outlets("It was reported by Quell friends on Sunday.", None) == []


def test_an_outlet_word_inside_a_longer_name_is_no_outlet():
    text = "The Daily Lantern has retracted its report that Quell and Ashgrove split."
    assert cited_outlets(text, "Evening Crier") == []
    assert cited_outlets("A source told The Daily Mail that they split.", None) == ["Daily Mail"]


def test_according_to_an_all_capitals_name_credits_it_a_person_does_not():
    assert cited_outlets("According to TMZ, Ashgrove kept the house.", None) == ["TMZ"]
    assert cited_outlets("According to Quell, Ashgrove kept the house.", None) == []
    assert cited_outlets("According to FBI, Ashgrove kept the house.", None) == []  # no outlet
