"""Anchoring: the document date, the tense around an expression, and the narrative's
reference time (the last calendar date the text mentioned), used by relative expressions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from storyline.nlp.doc_text import doc_text
from storyline.nlp.time.lexicon import FUTURE_AUX, FUTURE_LEMMAS
from storyline.nlp.time.normalize import Point, add_months

if TYPE_CHECKING:  # spaCy only for types: the grammar imports without it
    from spacy.tokens import Doc, Token

PAST, FUTURE, PRESENT = "past", "future", "present"
# A deadline preposition points ahead unless the clause is in the past.
_DEADLINE = re.compile(
    r"\b(?i:by|until|till|through|no\s+later\s+than)\s+(?:early\s+|mid-?|late\s+)?$"
)
WOULD = "would"  # future seen from the past: reported plans, which news dates loosely


def verb_tense(doc: Doc | None, start: int, end: int) -> str | None:
    """ "past", "future" or None for the clause governing the characters start..end."""
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok: Token = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
            break
        tok = tok.head
    return _tense_of(tok)


def _tense_of(verb: Token) -> str | None:
    for hop in range(3):
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        lowers = {a.lower_ for a in auxes}
        if lowers & FUTURE_AUX or "going" in lowers:
            return FUTURE
        if "would" in lowers and not lowers & {"have", "'ve"}:
            return WOULD
        if any(a.tag_ == "VBD" for a in auxes) or verb.tag_ == "VBD":
            return PAST
        if verb.lemma_ in FUTURE_LEMMAS and hop == 0 and verb.tag_ != "VBD":
            return FUTURE
        if any(a.lower_ in ("has", "have", "'ve") for a in auxes) and verb.tag_ == "VBN":
            return PAST
        if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod") and not auxes:
            return PAST  # a participle naming a done thing: "the high set on Aug. 6"
        # An infinitive or participle: look at the verb it depends on ("expected to sign").
        if verb.tag_ in ("VB", "VBG", "VBN") and verb.dep_ in ("xcomp", "ccomp", "advcl", "conj"):
            governor = verb.head.head if verb.head.dep_ == "acomp" else verb.head  # "due to"
            head_auxes = {a.lower_ for a in governor.children if a.dep_ in ("aux", "auxpass")}
            if verb.dep_ == "xcomp" and head_auxes & {"had", "'d"}:
                return PAST  # "had been due to expire Friday": a plan now behind us
            if verb.dep_ == "xcomp" and (
                verb.head.lemma_ in FUTURE_LEMMAS or verb.head.lemma_ == "be"
            ):  # "plans to sign", "is to resume"
                return FUTURE
            verb = verb.head
            continue
        if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return PRESENT
        if verb.tag_ == "VBG" and not auxes and verb.dep_ in ("acl", "advcl", "pcomp"):
            # "flights departing from August 6": the tense of the clause it hangs from
            verb = next((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if verb is None:
                return None
            continue
        return None
    return None


@dataclass
class Context:
    """What a rule needs to normalise one match: the anchor day, tense and reference time."""

    today: date | None
    doc: Doc | None = None
    reference: Point | None = None  # last calendar unit the narrative mentioned
    reference_at: int = -(10**9)  # where the text mentioned it
    quarter: Point | None = None  # last fiscal quarter or half mentioned, and where it ended
    quarter_end: int = -(10**9)
    start: int = 0
    end: int = 0
    # Re-reading without the parse: the tense each expression was first read with, by start.
    tenses: dict[int, str | None] | None = None
    _tense: str | None = field(default=None, repr=False)
    _tense_done: bool = field(default=False, repr=False)

    @property
    def tense(self) -> str | None:
        if self.tenses is not None:
            return self.tenses.get(self.start)
        if not self._tense_done:
            self._tense = verb_tense(self.doc, self.start, self.end)
            if (
                self._tense != PAST
                and self.doc is not None
                and _DEADLINE.search(doc_text(self.doc), max(0, self.start - 20), self.start)
            ):
                self._tense = FUTURE  # "pay it down by February", "loans through January"
            self._tense_done = True
        return self._tense

    def recent_quarter(self, window: int = 1500) -> Point | None:
        """The quarter the text was just talking about (reports compare "a year earlier")."""
        return self.quarter if self.start - self.quarter_end <= window else None

    def at(self, start: int, end: int) -> Context:
        self.start, self.end = start, end
        self._tense_done = False
        return self


def on_weekday(month: int, day: int, weekday: int | None, years: Iterable[int]) -> list[date]:
    """The dates `month`/`day` of `years` (that exist and, given ISO `weekday` 1=Monday, fall
    on it): "Monday, March 25" is only in the years where March 25 is a Monday."""
    out = []
    for year in years:
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if weekday is None or d.isoweekday() == weekday:
            out.append(d)
    return out


def month_day(
    today: date, month: int, day: int, tense: str | None, weekday: int | None = None
) -> date | None:
    """The date of `month`/`day` nearest `today` in the direction the tense points; with a
    weekday ("Monday, March 25"), the nearest of the years within one of `today`'s where that
    day is that weekday (none: a slip of the writer's, the weekday is not used)."""
    near = (today.year - 1, today.year, today.year + 1)
    options = on_weekday(month, day, weekday, near) if weekday is not None else []
    options = options or on_weekday(month, day, None, near)
    if not options:
        return None
    return min(options, key=lambda d: _cost((d - today).days, tense))


def month_of(today: date, month: int, tense: str | None) -> Point:
    """The month `month` nearest `today` in the direction the tense points."""
    options = [Point("M", date(y, month, 1)) for y in (today.year - 1, today.year, today.year + 1)]
    return min(options, key=lambda p: _cost(_months(p.start, today) * 30.5, tense, 5.0))


# How much further a date against the tense may be than one with it: news looks back.
_AGAINST_TENSE = {PAST: 6.0, FUTURE: 4.0, PRESENT: 1.0, None: 2.0}


def _cost(days: float, tense: str | None, past_factor: float | None = None) -> float:
    """Distance of a candidate date, stretched when it goes against the tense."""
    tense = FUTURE if tense == WOULD else tense
    ahead = days > 0
    against = (tense == FUTURE and not ahead and days != 0) or (tense != FUTURE and ahead)
    if tense == FUTURE and days < 0:
        return -days * _AGAINST_TENSE[FUTURE]
    factor = past_factor if tense == PAST and past_factor else _AGAINST_TENSE[tense]
    return abs(days) * (factor if against else 1.0)


def _months(a: date, b: date) -> int:
    return (a.year - b.year) * 12 + a.month - b.month


def weekday_of(today: date, weekday: int, tense: str | None, rel: str = "") -> date:
    """The date of ISO `weekday` (1=Monday) near `today`: on/before for the past, etc."""
    delta = weekday - today.isoweekday()
    if rel in ("last", "this past"):
        back = (today.isoweekday() - weekday) % 7 or 7
        return today - timedelta(days=back)
    if rel in ("next", "this coming"):
        return today + timedelta(days=(delta % 7) or 7)
    if rel == "this":
        return today + timedelta(days=delta)
    if tense == FUTURE:
        return today + timedelta(days=delta % 7)
    return today - timedelta(days=(-delta) % 7)


def season_year(today: date, code: str, tense: str | None) -> int:
    """The year of the season `code` nearest `today` in the direction the tense points."""
    from storyline.nlp.time.normalize import season

    now = Point.of("S", today)
    options = [season(y, code) for y in (today.year - 1, today.year, today.year + 1)]
    if tense == PAST:
        chosen = max(p for p in options if p.start <= now.start)
    elif tense == FUTURE:
        chosen = min(p for p in options if p.start >= now.start)
    else:
        chosen = min(options, key=lambda p: (abs(_months(p.start, now.start)), p.start > today))
    return chosen.start.year + (code == "WI")


__all__ = [
    "Context",
    "PAST",
    "FUTURE",
    "add_months",
    "month_day",
    "month_of",
    "on_weekday",
    "season_year",
    "verb_tense",
    "weekday_of",
]
