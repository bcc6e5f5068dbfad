"""States over time and the `state_at` query."""

from __future__ import annotations

import pytest
from story_helpers import MARA, TOBIN, Coverage, story_of

from storyline.story.state import state_at


def _story():
    cov = Coverage()
    cov.article("a1", "2023-09-01", "Daily Lantern")
    cov.claim("a1", "married", '"We married on August 4, 2012," Quell said.', [MARA, TOBIN],
              "2012-08-04", kind="named_person", name="Mara Quell", certainty="reported")
    cov.claim("a1", "separated", "The pair separated in August 2023.", [MARA, TOBIN],
              "2023-08")
    cov.claim("a1", "appointed", "Ashgrove became head chef at Lumen in 2015.", [TOBIN],
              "2015", place="Lumen")
    cov.claim("a1", "resigned", "He left Lumen in 2019.", [TOBIN], "2019")
    cov.spouse("a1", "Quell's husband Ashgrove.")
    cov.article("a2", "2023-10-01", "Evening Crier")
    cov.claim("a2", "separated", "The couple has split.", [])  # "the couple": who is unstated
    return story_of(cov)


def _preds(states) -> list[str]:
    return sorted(s.predicate for s in states)


def test_married_until_the_separation_then_separated_both_kept():
    story = _story()
    couple = [s for s in story.states if s.predicate in ("married", "separated")]
    married, separated = sorted(couple, key=lambda s: s.start.earliest)
    assert (married.start.value, married.end.value) == ("2012-08-04", "2023-08")
    assert married.status == "confirmed" and married.evidence
    assert separated.start.value == "2023-08" and separated.end is None
    assert {m.article for m in separated.evidence} == {"a1", "a2"}  # the couple's pair filled in


def test_state_at_answers_by_name_alias_or_id_case_insensitively():
    story = _story()
    assert _preds(state_at(story, "mara quell", "2020-01-01")) == ["married"]
    assert _preds(state_at(story, "ASHGROVE", "2017")) == ["married", "role"]
    assert _preds(state_at(story, MARA, "2023-09-01")) == ["separated"]
    assert _preds(state_at(story, "Toby", "2024")) == ["separated"]


def test_a_date_where_one_state_ends_and_the_next_begins_returns_both():
    assert _preds(state_at(_story(), "Mara", "2023-08")) == ["married", "separated"]


def test_before_anything_is_known_nothing_holds():
    assert state_at(_story(), "Mara", "2011") == []


def test_a_role_runs_from_appointment_to_resignation():
    (role,) = [s for s in _story().states if s.predicate == "role"]
    assert (role.subject, role.object, role.start.value, role.end.value) == (
        TOBIN, "Lumen", "2015", "2019")
    assert _preds(state_at(_story(), "Ashgrove", "2021")) == ["married"]  # the role ended


def test_bad_queries_raise_clear_errors():
    story = _story()
    with pytest.raises(ValueError, match="YYYY"):
        state_at(story, "Mara", "last spring")
    with pytest.raises(LookupError, match="Nobody"):
        state_at(story, "Nobody", "2020")


def test_speculation_starts_no_state():
    cov = Coverage()
    cov.article("a1", "2023-09-01", "Daily Lantern")
    cov.claim("a1", "divorced", "Will they divorce in 2024?", [MARA, TOBIN], "2024",
              certainty="speculated")
    cov.spouse("a1", "Quell's husband Ashgrove.")
    assert story_of(cov).states == []
