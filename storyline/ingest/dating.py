"""Publication dates: read them where the input states them, infer a range where it does not.

Inference runs over all articles together: ages that dated articles pin ("Portman, 42" on
2024-02-23) bound the date of an undated one ("Portman, 35"). Every rule yields a
Constraint; they are intersected strongest first, and one that contradicts the stronger
ones already applied is left out and named in the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storyline.dates import birth_interval, covering_value
from storyline.ingest.corpus_facts import (
    AgeMention,
    age_mentions,
    corpus_marriage,
    full_names,
    resolve_name,
    role_age_mentions,
    role_names,
)
from storyline.ingest.date_rules import DATE_RULES, DatingContext
from storyline.ingest.intervals import Constraint, DateSet, Universe
from storyline.model import Article, PublicationDate

EARLIEST = date(1900, 1, 1)
NO_EVIDENCE = "no date evidence in the text"
ROUNDS = 2  # inferred ranges feed birth intervals once more


# Publication dates outside these years are refused: nothing is published in year 1 or 9999,
# and relative time expressions anchored there would run off the calendar.
PUBLISHED_YEARS = (1000, 2999)


def known_date(day: date, method: str, reason: str) -> PublicationDate:
    """A publication date read directly from the input (unknown, with the reason, when it is
    outside PUBLISHED_YEARS)."""
    lo, hi = PUBLISHED_YEARS
    if not lo <= day.year <= hi:
        return PublicationDate("XXXX", method="unknown",
                               reason=f"{reason} gives {day.isoformat()}, outside the years "
                                      f"{lo}-{hi}: not used")  # fmt: skip
    return PublicationDate(day.isoformat(), day, day, method, reason)


@dataclass
class Solution:
    """The intersected range, the strongest-only range, and the reasons behind them."""

    allowed: DateSet
    hard: DateSet
    used: list[Constraint]
    dropped: list[Constraint]


def solve(constraints: list[Constraint], universe: Universe) -> Solution:
    """Intersect constraints strongest first, skipping any that would leave no day at all."""
    allowed = universe.all()
    hard = allowed
    used, dropped = [], []
    for c in sorted(constraints, key=lambda c: -c.strength):
        narrowed = allowed & c.allowed
        if not narrowed:
            dropped.append(c)
            continue
        if narrowed != allowed:
            used.append(c)
        allowed = narrowed
        if c.strength >= 2:
            hard = allowed
    return Solution(allowed, hard, used, dropped)


def _inferred(solution: Solution, universe: Universe) -> PublicationDate:
    if not solution.used:
        return PublicationDate("XXXX", None, None, "unknown", NO_EVIDENCE)
    first, last = solution.allowed.hull()
    reason = "inferred from the text: " + "; ".join(c.reason for c in solution.used)
    if last == universe.last:
        reason += f"; nothing in the text bounds it from above, so up to today ({last.isoformat()})"
    if solution.dropped:
        reason += "; left out as contradicted: " + "; ".join(c.reason for c in solution.dropped)
    return PublicationDate(covering_value(first, last), first, last, "inferred", reason)


class Births:
    """Birth intervals per person from every article whose date range is known."""

    def __init__(self, names: tuple[set[str], set[str]]) -> None:
        self.names = names
        self.statements: list[tuple[str, str, int, date, date, str]] = []

    def add(self, article: Article, ages: list[AgeMention], first: date, last: date) -> None:
        for m in ages:
            key = resolve_name(m.name, *self.names)
            if key:
                self.statements.append((article.id, key, m.age, first, last, m.text))

    def excluding(self, article_id: str) -> dict[str, tuple[date, date, str]]:
        """Birth intervals from all other articles (contradicting statements are skipped)."""
        out: dict[str, tuple[date, date, str]] = {}
        counts: dict[str, int] = {}
        for aid, key, age, first, last, _text in self.statements:
            if aid == article_id:
                continue
            lo, hi = birth_interval(age, first, last)
            if key in out:
                lo, hi = max(lo, out[key][0]), min(hi, out[key][1])
                if lo > hi:
                    continue
            counts[key] = counts.get(key, 0) + 1
            n = counts[key]
            out[key] = (lo, hi, f"{n} age statement{'s' if n > 1 else ''} in other articles")
        return out


def date_articles(
    articles: list[Article],
    today: date | None = None,
    extra: dict[str, list[Constraint]] | None = None,
) -> None:
    """Fill `published` for every article that has none, from its text and the corpus, with
    `extra` constraints per article id (the story stage's: story/dating.py). The result does
    not depend on the order of `articles`."""
    articles = sorted(articles, key=lambda a: a.id)
    extra = extra or {}
    universe = Universe(EARLIEST, today or date.today())
    roles = role_names([a.content for a in articles])
    ages = {a.id: age_mentions(a.content) + role_age_mentions(a.content, roles)
            for a in articles}
    preferred = {m.name for ms in ages.values() for m in ms if " " in m.name}
    others = set().union(*(full_names(a.content) for a in articles)) if articles else set()
    names = (preferred, others)
    marriage = corpus_marriage([a.content for a in articles])
    undated = [a for a in articles if a.published is None]
    hard: dict[str, tuple[date, date]] = {}
    for _ in range(ROUNDS):
        births = Births(names)
        for a in articles:
            pub = a.published
            if pub is not None and pub.method != "inferred" and pub.earliest and pub.latest:
                births.add(a, ages[a.id], pub.earliest, pub.latest)
            elif a.id in hard:
                births.add(a, ages[a.id], *hard[a.id])
        for a in undated:
            ctx = DatingContext(
                raw=a.raw, content=a.content, universe=universe, births=births.excluding(a.id),
                names=names, ages=ages[a.id], marriage=marriage,
            )  # fmt: skip
            constraints = [c for name in DATE_RULES.names() for c in DATE_RULES.get(name)(ctx)]
            constraints += extra.get(a.id, [])
            solution = solve(constraints, universe)
            a.published = _inferred(solution, universe)
            if solution.used:
                hard[a.id] = solution.hard.hull()
