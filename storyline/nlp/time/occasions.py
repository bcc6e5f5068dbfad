"""Holidays and occasions, from the `holidays` package's English holiday names (every country).

"Easter", "Happy Mother's Day", "Thanksgiving" are days, never people: the small model tags
them PERSON or WORK_OF_ART. The names (public API, all categories, 2020-2030) are kept in
holiday_names.txt, written from the pinned package by `python -m storyline.nlp.time.occasions`:
computing them takes about 0.6-1 s CPU, which every CLI run would pay (a test checks the file
against the package).
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_YEARS = range(2020, 2031)
NAMES_FILE = Path(__file__).with_name("holiday_names.txt")
# A word found in this share of all holiday names is structure ("Day", "of", "National").
_GENERIC_SHARE = 0.02
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_GREETING = re.compile(r"(?i)^happy\s+")
_LEAD = re.compile(r"(?i)^[\W_]*(?:(?:the|a|an)\s+)?(?:happy\s+)?")


@dataclass(frozen=True)
class Occasions:
    """Folded holiday names, and single words that alone name one ("thanksgiving")."""

    names: frozenset[str]
    cores: frozenset[str]
    longest: int  # most words in a name
    first_words: frozenset[str] = frozenset()  # the first word of each name of several words


def fold(text: str) -> str:
    """Case-folded, curly apostrophes straightened, one space between words."""
    return " ".join(text.replace("’", "'").casefold().split())


def package_names() -> set[str]:
    """Every holiday name the package gives in English, its "(observed)" notes dropped."""
    import holidays  # imported here: reading the calendars costs time, done once

    out: set[str] = set()
    for code in holidays.list_supported_countries():
        cls = type(holidays.country_holidays(code))
        langs = cls.supported_languages or ()
        lang = next((x for x in ("en_US", "en_GB") if x in langs), None)
        default = getattr(cls, "default_language", None)
        if lang is None and default and not str(default).startswith("en"):
            continue
        days = holidays.country_holidays(code, years=_YEARS, language=lang,
                                         categories=cls.supported_categories)
        for value in days.values():
            for name in value.split("; "):
                name = re.sub(r"\s*\([^)]*\)", "", name).strip()
                if name:
                    out.add(fold(name))
    return out


def kept_names() -> set[str]:
    """The names of holiday_names.txt (`package_names` as written there)."""
    lines = NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def write_names(path: Path = NAMES_FILE) -> int:
    """Write `package_names` to `path`, sorted, under a line naming the package version."""
    import holidays

    names = sorted(package_names())
    head = f"# English holiday names of every country, folded: holidays=={holidays.__version__}"
    path.write_text("\n".join([head, *names]) + "\n", encoding="utf-8")
    return len(names)


@lru_cache(maxsize=1)
def occasions() -> Occasions:
    """The holiday names and their one-word cores: a name whose other words are all generic
    (frequent in holiday names, or a weekday: "Easter Monday", "Thanksgiving Day"), or the
    word after a final "day of" ("First Day of Ramadan"). Given names and months are no
    cores ("Victoria Day", "May Day")."""
    from storyline.nlp.entities.tables import given_forms

    names = kept_names()
    freq = Counter(w for n in names for w in set(_WORD.findall(n)))
    generic = {w for w, k in freq.items() if k >= _GENERIC_SHARE * len(names)}
    generic |= {d.casefold() for d in calendar.day_name}
    months = {m.casefold() for m in calendar.month_name if m}
    cores: set[str] = set()
    for n in names:
        rest = [w for w in _WORD.findall(n) if w not in generic]
        m = re.search(r"\bday of (?:the )?([^\W\d_][\w-]*)$", n)
        for w in ([rest[0]] if len(rest) == 1 else []) + ([m.group(1)] if m else []):
            if "'" not in w and w not in months and len(given_forms(w)) == 1:
                cores.add(w)
    longest = max((len(n.split()) for n in names), default=1)
    first_words = frozenset(n.split()[0] for n in names if len(n.split()) > 1)
    return Occasions(frozenset(names), frozenset(cores), longest, first_words)


def holiday_reason(name: str) -> tuple[str, bool] | None:
    """Why a name is a holiday, and whether that is sure, or None: the name, with a leading
    "Happy" dropped, is a holiday name or a possessor in one ("Happy Mother" of Mother's Day)
    (sure); or a one-word core ("Thanksgiving"; not sure: "White" is one too)."""
    occ = occasions()
    text = fold(name)
    greeting = bool(_GREETING.match(text))
    core = _GREETING.sub("", text).removesuffix("'s")
    if core in occ.names:
        return f"'{core}' is a holiday name (holidays package)", True
    if greeting and any(n.startswith(core + "'s ") for n in occ.names):
        return f"'happy {core}' greets a holiday ('{core}'s ...', holidays package)", True
    if " " not in core and core in occ.cores:
        return f"'{core}' alone names a holiday (holidays package)", False
    return None


_WORDS = re.compile(r"[^\s,.;:!?\"“”]+")


def holiday_span(content: str, start: int, end: int) -> tuple[int, int]:
    """The holiday name a span stands for, when it has one: "Happy Easter to everyone" ->
    "Easter", "a Happy Mother" (+ "'s Day") -> "Mother's Day"; other spans unchanged."""
    text = content[start:end]
    m = _LEAD.match(text)
    s = start + (m.end() if m else 0)
    window = content[s : s + 120]
    occ = occasions()
    # a name of several words starts with one of their first words: when the text's first
    # word is none, only a stretch inside that word can be a name (most spans: no lookups)
    head = window.split(None, 1)[0] if window and not window[0].isspace() else None
    inside = len(head) if head is not None and fold(head) not in occ.first_words \
        else len(window)
    # (words past `inside` never count; a blank follows the head, so none is cut there)
    words = list(_WORDS.finditer(window, 0, inside))
    for k in range(min(len(words), occ.longest), 0, -1):
        if words[k - 1].end() > inside:
            continue
        e = s + words[k - 1].end()
        if fold(content[s:e]) not in occ.names:
            continue
        rest = content[e:end]
        if e >= end or not any(w[:1].isupper() for w in rest.split()):
            return s, e  # the span is (a start of) the name, or the name and lower-case words
    return start, end


if __name__ == "__main__":
    print(f"{write_names()} names -> {NAMES_FILE}")
