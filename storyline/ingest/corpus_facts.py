"""Facts one article states that help date another: ages of named people, the wedding year.

Light regexes only (ingest runs before and without the NLP stage). A person is keyed by
full name; a bare surname ("Portman, 35") is matched to the one full name in the corpus
that ends (or starts) with it, and dropped when that is ambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date

from storyline.dates import add_years
from storyline.ingest.datetext import MONTHS, WEEKDAYS, month_number
from storyline.ingest.intervals import days
from storyline.ingest.wordset import wordset

_CAP = r"[A-ZÀ-Þ][\w'’-]+"
_GAP_STOP = (r"(?:from|with|of|to|for|by|and|or|in|at|on|son|sons|daughter|daughters|child|"
             r"children|kid|kids|baby|twins?|boy|girl)")
_NAME = rf"{_CAP}(?:[ \t]+{_CAP}){{0,2}}"
# What may follow an age written after a name or role: "Portman, 35, was", "(42)", "46."
_AGE_END = r"(?=[ \t]*(?:\)|,|;|\.(?!\d)|[ \t]+(?:and|was|is|has|had|who|were|are|now)\b))"
AGE_PATTERNS: list[re.Pattern[str]] = [
    # "Portman, 35, was", "Natalie Portman (42)", "Aleph, aged 12,"
    re.compile(rf"(?P<name>{_NAME})[ \t]*(?:,[ \t]*(?:aged?[ \t]+)?|\([ \t]*(?:aged?[ \t]+)?)"
               rf"(?P<age>\d{{1,3}}){_AGE_END}"),
    # "Camille Étienne, a 25-year-old climate activist"
    re.compile(rf"(?P<name>{_NAME}),[ \t]+(?:a|an|the)[ \t]+(?P<age>\d{{1,3}})-year-old\b"),
    # "25-year-old climate activist Camille Étienne"
    # (the words between may not end the phrase: "45-year-old sports star and Gisele" is not
    # Gisele's age, "15-year-old son from ... actor X" not X's)
    re.compile(rf"\b(?P<age>\d{{1,3}})-year-old[ \t]+(?:(?!{_GAP_STOP}\b)[a-z][\w-]*[ \t]+)"
               rf"{{0,4}}(?P<name>{_NAME})"),
]  # fmt: skip
_FULL_NAME = re.compile(rf"{_CAP}(?:[ \t]+{_CAP}){{1,2}}")
# "the singer, 34" names nobody, but "Singer Joe Jonas" elsewhere in the corpus does: a role
# word that goes with exactly one full name across all articles stands for that person.
_ROLES = ("singer|actress|actor|rapper|musician|model|comedian|director|producer|dancer|"
          "choreographer|athlete|quarterback|designer|chef|author|novelist|presenter|host|"
          "influencer|billionaire|politician|senator|congressman|congresswoman")
_TWO_CAPS = rf"{_CAP}[ \t]+{_CAP}"
ROLE_NAME_PATTERNS: list[re.Pattern[str]] = [
    re.compile(rf"\b(?:[Tt]he[ \t]+)?(?i:(?P<role>{_ROLES}))[ \t]+(?P<name>{_TWO_CAPS})"),
    re.compile(rf"(?P<name>{_TWO_CAPS}),[ \t]+the[ \t]+(?P<role>{_ROLES})\b"),
]
ROLE_AGE = re.compile(rf"\b[Tt]he[ \t]+(?P<role>{_ROLES}),[ \t]*(?P<age>\d{{1,3}}){_AGE_END}")
# Words that start a capitalised run without being part of a name.
_NOT_NAME = (
    wordset(
        "the a an in on at as and but so when while after before mr mrs ms dr sir dame mayor"
        " president senator governor judge prince princess queen king actress actor singer star"
        " spokesperson spokesman spokeswoman chairman chair minister councillor rep sen gov"
        " son daughter wife husband mother father brother sister by with from for of to"
    )
    | frozenset(MONTHS)
    | frozenset(WEEKDAYS)
)
MAX_AGE = 110

_MONTH = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
MARRIED = re.compile(
    r"(?i:\b(?:married|wed|tied the knot|got hitched|exchanged vows)\b)[^.\n]{0,30}?"
    rf"\b(?:in|since)[ \t]+(?:(?P<month>{_MONTH})\.?[ \t]+)?(?P<year>(?:19|20)\d{{2}})\b"
)


@dataclass(frozen=True)
class AgeMention:
    """ "<name> is <age>" somewhere in one article."""

    name: str
    age: int
    text: str


def _name_tokens(name: str) -> list[str]:
    words = name.split()
    while words and words[0].lower() in _NOT_NAME:
        words = words[1:]
    while words and words[-1].lower() in _NOT_NAME:
        words = words[:-1]
    return words


def age_mentions(content: str) -> list[AgeMention]:
    """Every "name, age" statement in a text."""
    out: list[AgeMention] = []
    seen: set[int] = set()
    for pattern in AGE_PATTERNS:
        for m in pattern.finditer(content):
            if m.start("age") in seen:
                continue
            age = int(m.group("age"))
            words = _name_tokens(m.group("name"))
            if not words or age > MAX_AGE:
                continue
            seen.add(m.start("age"))
            out.append(AgeMention(" ".join(words), age, m.group().strip()))
    return out


def role_names(contents: list[str]) -> dict[str, str]:
    """Role words that go with exactly one full name in the corpus: {"singer": "Joe Jonas"}."""
    seen: dict[str, set[str]] = {}
    for text in contents:
        for pattern in ROLE_NAME_PATTERNS:
            for m in pattern.finditer(text):
                words = _name_tokens(m.group("name"))
                if len(words) == 2:
                    seen.setdefault(m.group("role").lower(), set()).add(" ".join(words))
    return {role: names.pop() for role, names in seen.items() if len(names) == 1}


def role_age_mentions(content: str, roles: dict[str, str]) -> list[AgeMention]:
    """ "the singer, 34" as an age of the one person the corpus calls the singer."""
    out = []
    for m in ROLE_AGE.finditer(content):
        name = roles.get(m.group("role").lower())
        age = int(m.group("age"))
        if name and age <= MAX_AGE:
            out.append(AgeMention(name, age, m.group().strip()))
    return out


def full_names(content: str) -> set[str]:
    """Runs of two or three capitalised words: candidates to expand a bare surname. A run is
    cut at words that are no part of a name ("Breaks Silence On Gisele Bundchen" in a Title
    Case headline gives "Gisele Bundchen", not "Silence On Gisele")."""
    out = set()
    for m in _FULL_NAME.finditer(content):
        piece: list[str] = []
        for word in [*m.group().split(), ""]:
            if word and word.lower() not in _NOT_NAME:
                piece.append(word)
                continue
            if len(piece) >= 2:
                out.add(" ".join(piece))
            piece = []
    return out


def resolve_name(name: str, preferred: set[str], others: set[str]) -> str | None:
    """A single word is expanded to the unique full name ending (or starting) with it."""
    if " " in name:
        return name
    for pool in (preferred, others):
        ends = {n for n in pool if n.split()[-1] == name}
        starts = {n for n in pool if n.split()[0] == name}
        match = _one_person(ends or starts)
        if len(match) == 1:
            return next(iter(match))
        if len(match) > 1:
            return None
    return name


def _one_person(names: set[str]) -> set[str]:
    """Spellings of one name count once ("Gisele Bündchen" / "Gisele Bundchen"), and a name
    that starts every longer run ("Tom Brady" in "Tom Brady Issues ...") stands for them."""
    folded: dict[str, str] = {}
    for n in sorted(names, key=lambda n: (len(n), n)):
        folded.setdefault(_fold(n), n)
    left = set(folded.values())
    if len(left) > 1:
        shortest = min(left, key=lambda n: (len(n.split()), n))
        if all(n.split()[: len(shortest.split())] == shortest.split() for n in left):
            return {shortest}
    return left


def _fold(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def age_window(age: int, born_first: date, born_last: date) -> tuple[date, date]:
    """The days on which someone born in [born_first, born_last] can be `age`."""
    return add_years(born_first, age), add_years(born_last, age + 1) - days(1)


@dataclass(frozen=True)
class Marriage:
    """The wedding year (and month, if stated) most articles of the corpus agree on."""

    year: int
    month: int | None
    mentions: int


def corpus_marriage(contents: list[str]) -> Marriage | None:
    """The wedding year stated by at least two thirds of the "married in YEAR" mentions."""
    found = [
        (int(m.group("year")), month_number(m.group("month")) if m.group("month") else None)
        for text in contents
        for m in MARRIED.finditer(text)
    ]
    if not found:
        return None
    years = Counter(y for y, _ in found)
    year, count = years.most_common(1)[0]
    if count * 3 < len(found) * 2:
        return None
    months = {mo for y, mo in found if y == year and mo}
    return Marriage(year, months.pop() if len(months) == 1 else None, count)
