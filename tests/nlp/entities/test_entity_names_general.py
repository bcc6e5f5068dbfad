"""Name comparisons used across articles: nicknames (from the nicknames package), spelling
variants, generational suffixes, wire datelines."""

from __future__ import annotations

import pytest

from storyline.ingest.furniture import WIRE_DATELINE
from storyline.nlp.entities.tables import generation, name_tokens, same_given, spelling_variant


@pytest.mark.parametrize("a,b", [("kate", "catherine"), ("kate", "katherine"),
                                 ("ben", "benjamin"), ("benjamin", "ben"), ("tom", "thomas"),
                                 ("jack", "john"), ("mara", "mara")])
def test_same_given(a, b):
    assert same_given(a, b)


@pytest.mark.parametrize("a,b", [("mara", "maria"), ("martin", "gerald"), ("kate", "karl"),
                                 ("anna", "hanna")])
def test_different_given(a, b):
    assert not same_given(a, b)


@pytest.mark.parametrize("a,b,same", [
    ("millipede", "millepied", True),  # a reader's typo, three quarters of the letters
    ("vael", "vale", True),            # two letters swapped
    ("andersen", "anderson", True),
    ("lund", "lind", False),           # four letters, one changed: two different names
    ("smith", "jones", False),
    ("verhoeven", "verhoeven", False),  # the same name is no variant
    ("moe", "mole", False),
])
def test_spelling_variant(a, b, same):
    assert spelling_variant(a, b) is same


def test_generation_is_no_surname():
    assert name_tokens("John Smith Sr.") == ["john", "smith"]
    assert generation("John Smith Sr.") == "sr"
    assert generation("John Smith Jr.") == "jr"
    assert generation("John Smith") == ""
    assert name_tokens("Ben Jr") == ["ben", "jr"]  # two words: Jr is the surname


@pytest.mark.parametrize("line,dateline", [
    ("TOKYO (Jiji Press)--Ippei Mizuhara was fired.", "TOKYO (Jiji Press)--"),
    ("WASHINGTON (AP) — The Senate voted.", "WASHINGTON (AP) — "),
    ("LONDON, March 3 (Reuters) - Shares fell.", "LONDON, March 3 (Reuters) - "),
    ("NEW YORK — A judge ruled.", "NEW YORK — "),
    ("US-China talks began on Monday.", None),
    ("Mayor Renata Solberg resigned.", None),
])
def test_wire_dateline(line, dateline):
    m = WIRE_DATELINE.match(line)
    assert (m.group() if m else None) == dateline


@pytest.mark.parametrize("text,furniture", [
    ("iPhone", False), ("eBay", False), ("iPhone 3G", False), ("Windows 7", False),
    ("wenn22480384", True), ("IMG_4021.jpg", True), ("the actress", True), ("2024 Oscars", True),
])
def test_camel_case_and_model_numbers_are_names(text, furniture):
    from storyline.nlp.entities.tables import FURNITURE_NAME

    assert bool(FURNITURE_NAME.search(text)) is furniture
