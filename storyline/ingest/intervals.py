"""Sets of days as sorted disjoint inclusive intervals, and the dating constraints built on them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.dates import add_years  # noqa: F401 - part of this module's interface

Span = tuple[int, int]  # inclusive proleptic ordinals


@dataclass(frozen=True)
class DateSet:
    """A union of inclusive date intervals."""

    spans: tuple[Span, ...] = ()

    @classmethod
    def between(cls, first: date, last: date) -> DateSet:
        return cls(((first.toordinal(), last.toordinal()),)) if first <= last else cls()

    @classmethod
    def union(cls, parts: Iterable[tuple[date, date]]) -> DateSet:
        spans = sorted((a.toordinal(), b.toordinal()) for a, b in parts if a <= b)
        merged: list[Span] = []
        for a, b in spans:
            if merged and a <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        return cls(tuple(merged))

    def __and__(self, other: DateSet) -> DateSet:
        out: list[Span] = []
        i = j = 0
        while i < len(self.spans) and j < len(other.spans):
            a = max(self.spans[i][0], other.spans[j][0])
            b = min(self.spans[i][1], other.spans[j][1])
            if a <= b:
                out.append((a, b))
            if self.spans[i][1] < other.spans[j][1]:
                i += 1
            else:
                j += 1
        return DateSet(tuple(out))

    def __bool__(self) -> bool:
        return bool(self.spans)

    def hull(self) -> tuple[date, date]:
        return date.fromordinal(self.spans[0][0]), date.fromordinal(self.spans[-1][1])


@dataclass(frozen=True)
class Universe:
    """The days a publication date can fall on at all: 1900-01-01 up to today."""

    first: date
    last: date

    def all(self) -> DateSet:
        return DateSet.between(self.first, self.last)

    def years(self) -> range:
        return range(self.first.year, self.last.year + 1)

    def per_year(self, fn: Callable[[int], tuple[date, date] | None]) -> DateSet:
        """Union over every year of the interval `fn(year)` gives (None: nothing that year)."""
        return DateSet.union(p for y in self.years() if (p := fn(y)) is not None)


@dataclass(frozen=True)
class Constraint:
    """Where a piece of evidence says the publication date lies, and why.

    strength: 3 read from the text, 2 a convention or another article's fact, 1 a likelihood.
    Stronger constraints are applied first; one that contradicts those already applied is
    left out and reported.
    """

    allowed: DateSet
    reason: str
    strength: int


def days(n: int) -> timedelta:
    return timedelta(days=n)
