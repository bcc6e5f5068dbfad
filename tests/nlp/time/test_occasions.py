"""Holidays from the `holidays` package: which names are days, and that a day is never PERSON."""

from __future__ import annotations

import pytest

from storyline.nlp.entities.aliases import Cand, Group
from storyline.nlp.entities.typing import decide_type, mark_cues
from storyline.nlp.time.occasions import holiday_reason, holiday_span


@pytest.mark.parametrize(("name", "sure"), [
    ("Easter", True), ("Christmas", True), ("Diwali", True), ("Mother's Day", True),
    ("Happy Mother's Day", True), ("Happy Mother", True), ("Happy Easter", True),
    ("Christmas Eve", True), ("Thanksgiving", False), ("Ramadan", False),
])
def test_holiday_names(name: str, sure: bool) -> None:
    found = holiday_reason(name)
    assert found is not None and found[1] is sure


@pytest.mark.parametrize("name", ["Mark Easter", "May", "Victoria", "Green", "Mother",
                                  "Happy Days", "King", "Ilse Marrow", "Columbus"])
def test_not_holiday_names(name: str) -> None:
    assert holiday_reason(name) is None


@pytest.mark.parametrize(("text", "span", "want"), [
    ('"Happy Easter to everyone," she said.', "Happy Easter to everyone", "Easter"),
    ("families a Happy Mother's Day next month", "a Happy Mother", "Mother's Day"),
    ("Happy Mother's Day from the mayor", "Happy Mother's Day", "Mother's Day"),
    ("the Easter Rising Museum opened", "Easter Rising Museum", "Easter Rising Museum"),
    ("Ilse Marrow spoke", "Ilse Marrow", "Ilse Marrow"),
])
def test_holiday_span(text: str, span: str, want: str) -> None:
    s = text.index(span)
    a, b = holiday_span(text, s, s + len(span))
    assert text[a:b] == want


def _type(text: str, name: str, label: str = "PERSON") -> str:
    s = text.index(name)
    c = Cand(s, s + len(name), name, label, 0)
    mark_cues([c], text)
    return decide_type(Group(0, [c]))


@pytest.mark.parametrize(("text", "name"), [
    ("Shops close on Thanksgiving and stay shut.", "Thanksgiving"),
    ("Families gather during Ramadan every year.", "Ramadan"),
    ("Christmas came early for the town.", "Christmas"),
    ("Easter brought crowds to the town.", "Easter"),
])
def test_a_holiday_the_model_calls_a_person_is_an_event(text: str, name: str) -> None:
    assert _type(text, name) == "EVENT"


@pytest.mark.parametrize(("text", "name", "label", "want"), [
    ("White said the plan was late.", "White", "PERSON", "PERSON"),  # "White Sunday" core
    ("It comes in Black and White (2 GHz models).", "White", "PERSON", "PERSON"),  # a colour
    ("Labour won the seat.", "Labour", "ORG", "ORG"),  # "Labour Day" core, model says ORG
    ("Canada signed the deal.", "Canada", "GPE", "GPE"),
    ("Mayor Easter opened the hall.", "Easter", "PERSON", "PERSON"),  # a title: a person
])
def test_a_core_word_that_names_something_else_keeps_its_type(text, name, label, want) -> None:
    assert _type(text, name, label) == want


def test_the_kept_names_are_the_pinned_package_s_names() -> None:
    """holiday_names.txt is `python -m storyline.nlp.time.occasions` of the installed package."""
    import holidays

    from storyline.nlp.time.occasions import NAMES_FILE, kept_names, package_names

    assert NAMES_FILE.read_text(encoding="utf-8").splitlines()[0].endswith(
        f"holidays=={holidays.__version__}")
    assert kept_names() == package_names()
