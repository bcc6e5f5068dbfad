"""Arithmetic rules behind derived facts: birth from age, wedding from anniversary/duration."""

from __future__ import annotations

from datetime import date

from storyline.model import Article, ArticleAnalysis, Entity, QuantityStatement, Relation, TimeValue
from storyline.story.facts import (
    birth_interval,
    derive_facts,
    interval_value,
    start_from_anniversary,
    start_from_duration,
)

D = date


def test_age_on_a_day_gives_a_year_long_birth_interval():
    assert birth_interval(42, D(2023, 8, 7), D(2023, 8, 7)) == (D(1980, 8, 8), D(1981, 8, 7))


def test_age_over_a_range_widens_the_interval():
    assert birth_interval(42, D(2024, 1, 1), D(2024, 6, 30)) == (D(1981, 1, 2), D(1982, 6, 30))


def test_anniversary_on_a_day_gives_the_wedding_day():
    assert start_from_anniversary(11, D(2023, 8, 4), D(2023, 8, 4)) == (D(2012, 8, 4),) * 2


def test_duration_gives_a_start_interval():
    assert start_from_duration(11, D(2023, 8, 7), D(2023, 8, 7)) == (D(2011, 8, 8), D(2012, 8, 7))


def test_leap_day_falls_back_to_28_february():
    assert birth_interval(1, D(2024, 2, 29), D(2024, 2, 29)) == (D(2022, 3, 1), D(2023, 2, 28))


def test_value_keeps_honest_precision():
    assert interval_value(D(1981, 2, 24), D(1981, 7, 25)) == "1981"
    assert interval_value(D(1981, 6, 1), D(1981, 6, 20)) == "1981-06"
    assert interval_value(D(2012, 8, 4), D(2012, 8, 4)) == "2012-08-04"
    assert interval_value(D(1980, 8, 8), D(1981, 8, 7)) == "198X"


TEXT = "Mara Quill, 38 ... Quill, 38 ... Quill, 30 ... their 9th wedding anniversary ..."


def _q(start, end, kind, subject, n, day, relation=None):
    return QuantityStatement("a1", start, end, TEXT[start:end], kind, subject, n,
                             at=TimeValue(day.isoformat(), day, day), relation=relation)


def _run():
    art = Article(id="a1", path="a1.txt", raw=TEXT, content=TEXT)
    an = ArticleAnalysis(article="a1")
    an.quantities = [
        _q(0, 14, "age", ["p:mara"], 38, D(2022, 5, 10)),
        _q(19, 28, "age", ["p:mara"], 38, D(2022, 9, 1)),
        _q(33, 42, "age", ["p:mara"], 30, D(2022, 9, 1)),  # a misprint: cannot intersect
        _q(47, 75, "anniversary", ["p:mara"], 9, D(2022, 4, 20), "married"),
    ]
    an.relations = [Relation("r1", "p:mara", "spouse", "p:jonas")]
    ents = [Entity("p:mara", "Mara Quill", "PERSON"), Entity("p:jonas", "Jonas", "PERSON")]
    return derive_facts([art], [an], ents), ents


def test_statements_intersect_and_set_entity_birth():
    facts, ents = _run()
    birth = next(f for f in facts if f.attribute == "birth")
    assert (birth.value.earliest, birth.value.latest) == (D(1983, 9, 2), D(1984, 5, 10))
    assert ents[0].birth == birth.value


def test_every_statement_is_evidence_and_the_misfit_is_a_conflict():
    facts, _ = _run()
    birth = next(f for f in facts if f.attribute == "birth")
    assert [m.text for m in birth.evidence] == ["Mara Quill, 38", "Quill, 38", "Quill, 30"]
    assert all(TEXT[m.start : m.end] == m.text for m in birth.evidence)
    assert len(birth.conflicts) == 1 and "Quill, 30" in birth.conflicts[0]
    assert len(birth.derivation) == 4


def test_anniversary_pairs_the_spouse_and_gives_the_wedding_day():
    facts, _ = _run()
    wed = next(f for f in facts if f.attribute == "marriage")
    assert {wed.subject, wed.object} == {"p:mara", "p:jonas"}
    assert wed.value.value == "2013-04-20"
