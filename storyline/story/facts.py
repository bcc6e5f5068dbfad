"""Facts pinned by arithmetic: birth intervals from ages, wedding dates from anniversaries.

Each QuantityStatement gives an interval (an age of 42 on 2023-08-07 means born
1980-08-08..1981-08-07); the statements about one entity are intersected; a statement
that cannot be reconciled with the rest is kept as evidence and listed in `conflicts`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.dates import add_years, birth_interval
from storyline.model import (
    Article,
    ArticleAnalysis,
    Entity,
    Fact,
    Mention,
    QuantityStatement,
    TimeValue,
)

_DAY = timedelta(days=1)


def start_from_duration(years: int, first: date, last: date) -> tuple[date, date]:
    """When something began that had lasted `years` whole years on some day in [first, last]."""
    return birth_interval(years, first, last)


def start_from_anniversary(nth: int, first: date, last: date) -> tuple[date, date]:
    """The day it began, if its `nth` anniversary fell on some day in [first, last]."""
    return add_years(first, -nth), add_years(last, -nth)


def interval_value(lo: date, hi: date) -> str:
    """The value an interval honestly supports: a day, a month, a year, or "198X"."""
    if lo == hi:
        return lo.isoformat()
    if lo.year == hi.year:
        return f"{lo.year:04d}-{lo.month:02d}" if lo.month == hi.month else f"{lo.year:04d}"
    a, b = f"{lo.year:04d}", f"{hi.year:04d}"
    k = next(i for i in range(4) if a[i] != b[i])
    return a[:k] + "X" * (4 - k)


@dataclass
class Piece:
    """One statement's interval, with its evidence and the arithmetic that gave it."""

    lo: date
    hi: date
    mention: Mention
    line: str


def intersect(pieces: list[Piece]) -> tuple[tuple[date, date] | None, list[Piece], list[Piece]]:
    """Intersect intervals; drop (and return) the ones that disagree with the most others."""
    kept = list(pieces)
    dropped: list[Piece] = []
    while kept:
        lo, hi = max(p.lo for p in kept), min(p.hi for p in kept)
        if lo <= hi:
            return (lo, hi), kept, dropped
        def clashes(p: Piece) -> tuple[int, int]:
            n = sum(1 for q in kept if q.lo > p.hi or q.hi < p.lo)
            return n, (p.hi - p.lo).days
        worst = max(kept, key=clashes)
        kept.remove(worst)
        dropped.append(worst)
    return None, kept, dropped


def derive_facts(
    articles: list[Article], analyses: list[ArticleAnalysis], entities: list[Entity]
) -> list[Fact]:
    """Birth facts per person and marriage facts per couple; sets `Entity.birth`."""
    raw = {a.id: a.raw for a in articles}
    by_id = {e.id: e for e in entities}
    spouses = _spouses(analyses)
    births: dict[str, list[Piece]] = defaultdict(list)
    marriages: dict[tuple[str, ...], list[Piece]] = defaultdict(list)
    for a in analyses:
        for q in a.quantities:
            if q.at is None or q.at.earliest is None or q.at.latest is None:
                continue
            ev = Mention(q.article, q.start, q.end, raw.get(q.article, "")[q.start : q.end])
            if q.kind == "age" and len(q.subject) == 1:
                births[q.subject[0]].append(_age_piece(q, ev))
            elif q.kind in ("anniversary", "duration") and q.subject:
                marriages[_couple(q.subject, spouses)].append(_marriage_piece(q, ev))
    facts: list[Fact] = []
    for eid, pieces in births.items():
        fact = _fact(f"f{len(facts) + 1}", eid, None, "birth", pieces, "born")
        if fact is None:
            continue
        facts.append(fact)
        if eid in by_id:
            by_id[eid].birth = fact.value
    for couple, pieces in marriages.items():
        other = couple[1] if len(couple) > 1 else None
        fact = _fact(f"f{len(facts) + 1}", couple[0], other, "marriage", pieces, "married")
        if fact is not None:
            facts.append(fact)
    return facts


def _span(first: date, last: date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}"


def _age_piece(q: QuantityStatement, ev: Mention) -> Piece:
    lo, hi = birth_interval(q.amount, q.at.earliest, q.at.latest)
    line = (f'"{q.text}" ({q.article}): age {q.amount} on {_span(q.at.earliest, q.at.latest)}'
            f" -> born {_span(lo, hi)}")
    return Piece(lo, hi, ev, line)


def _marriage_piece(q: QuantityStatement, ev: Mention) -> Piece:
    at = _span(q.at.earliest, q.at.latest)
    if q.kind == "anniversary":
        lo, hi = start_from_anniversary(q.amount, q.at.earliest, q.at.latest)
        what = f"anniversary {q.amount} on {at}"
    else:
        lo, hi = start_from_duration(q.amount, q.at.earliest, q.at.latest)
        what = f"{q.amount} whole years by {at}"
    return Piece(lo, hi, ev, f'"{q.text}" ({q.article}): {what} -> married {_span(lo, hi)}')


def _fact(fid: str, subject: str, other: str | None, attribute: str, pieces: list[Piece],
          verb: str) -> Fact | None:
    span, kept, dropped = intersect(pieces)
    if span is None:
        return None
    lo, hi = span
    derivation = [p.line for p in pieces]
    derivation.append(f"intersection of {len(kept)} statement(s): {verb} {_span(lo, hi)}")
    conflicts = [
        f"{p.line}; does not intersect {verb} {_span(lo, hi)} from the other statements"
        for p in dropped
    ]
    return Fact(
        id=fid,
        subject=subject,
        object=other,
        attribute=attribute,
        value=TimeValue(interval_value(lo, hi), lo, hi),
        evidence=[p.mention for p in pieces],
        derivation=derivation,
        conflicts=conflicts,
    )


def _spouses(analyses: list[ArticleAnalysis]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for a in analyses:
        for r in a.relations:
            if r.predicate == "spouse" and r.subject != r.object:
                out[r.subject].add(r.object)
                out[r.object].add(r.subject)
    return out


def _couple(subject: list[str], spouses: dict[str, set[str]]) -> tuple[str, ...]:
    """The couple a marriage number is about: two subjects, or one and their only spouse."""
    people = list(dict.fromkeys(subject))[:2]
    if len(people) == 1 and len(spouses.get(people[0], ())) == 1:
        people.append(next(iter(spouses[people[0]])))
    return tuple(sorted(people))
