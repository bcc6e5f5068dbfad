"""The "quantities" component: numbers that pin a date by arithmetic.

Ages ("Portman, 42", "the 42-year-old actress", "who is 42", "Aleph (12)"), wedding
anniversaries ("their 11th wedding anniversary on August 4") and marriage durations
("after 11 years of marriage", "married for 11 years"). Each becomes a QuantityStatement
whose `at` says when the number held; story/facts.py does the arithmetic.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from storyline.dates import DAY as _DAY
from storyline.dates import add_years
from storyline.model import (
    Article,
    ArticleAnalysis,
    EntityMention,
    QuantityStatement,
    TimeValue,
    Timex,
)
from storyline.nlp.entities.component import entity_at
from storyline.nlp.pipeline import COMPONENTS

MAX_AGE = 110
_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen twenty")
_NTHS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
         "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth")
NUMBER_WORDS = {w: i for i, w in enumerate(_UNITS.split(" "))} | {
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "a": 1, "an": 1
}
ORDINAL_WORDS = {w: i + 1 for i, w in enumerate(_NTHS.split(" "))} | {
    "twenty-fifth": 25, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60
}
_NUM = r"(?P<n>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_ORD = (r"(?P<n>\d{1,2}(?:st|nd|rd|th)|"
        + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True)) + r")")

# Right after a person mention: "Portman, 42," / "Portman (42)" / "Aleph, aged 12".
AGE_AFTER_NAME = re.compile(  # used with .match(text, pos): anchored at pos
    r"\s*(?:,\s*(?:aged?\s+)?|\(\s*(?:aged?\s+)?)(?P<n>\d{1,3})"
    r"(?=\s*(?:\)|,|;|:|\.(?!\d)|\s+(?:and|was|is|has|had|who|were|are|now|together)\b|$))"
)
# "the 42-year-old actress", "a 25-year-old climate activist", "42-year-old Portman".
YEAR_OLD = re.compile(r"\b" + _NUM + r"[-\s]years?[-\s]old\b", re.I)
# "who is 42", "Portman is 42", "she turned 40", "now 35 years old", "aged 6".
IS_AGE = re.compile(
    r"\b(?:is|turned|turns|now|aged)\s+(?:now\s+)?(?P<n>\d{1,3})(?:\s+years?\s+old)?"
    r"(?=\s*(?:[,.;:)!?]|and\b|$))"
)
ANNIVERSARY = re.compile(
    r"\b" + _ORD + r"(?:[-\s]year)?\s+(?P<wed>(?:wedding|marriage)\s+)?anniversary\b", re.I
)
DURATION = re.compile(
    r"\b(?:" + _NUM + r"\s+years?\s+of\s+(?:marriage|wedlock|married life)"
    r"|married\s+(?:for\s+)?(?:(?:almost|nearly|about|over|more than)\s+)?"
    + _NUM.replace("?P<n>", "?P<n2>") + r"\s+years"
    r"|" + _NUM.replace("?P<n>", "?P<n3>") + r"[-\s]year\s+marriage)\b",
    re.I,
)
_FUTURE = re.compile(r"\b(?:will|would|next|upcoming|coming|to celebrate|ahead of)\b", re.I)
_COUPLE_WORDS = re.compile(r"\b(?:their|the couple|the pair|the duo)\b", re.I)
_MARRIAGE_WORDS = re.compile(r"\b(?:married|marriage|wedding|wed|spouse|husband|wife)\b", re.I)
# A word every ANNIVERSARY or DURATION match holds (with their own case rule).
_MARRIAGE_GATE = re.compile(r"anniversary|marri|wedlock", re.I)


def number(text: str) -> int | None:
    """ "42" -> 42, "eleven" -> 11, "11th" -> 11, "eleventh" -> 11."""
    t = text.lower()
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t]
    if t in ORDINAL_WORDS:
        return ORDINAL_WORDS[t]
    digits = re.match(r"\d+", t)
    return int(digits.group()) if digits else None


@COMPONENTS.register("quantities")
def quantities(doc: Doc, article: Article, analysis: ArticleAnalysis) -> None:
    """Find ages, anniversaries and marriage durations in one article."""
    content = article.content or article.raw
    found: dict[tuple[int, str], QuantityStatement] = {}
    # a marriage number needs its word: without one in the text, no sentence is scanned for it
    marriage = _MARRIAGE_GATE.search(content) is not None
    for sent in doc.sents:
        for q in _ages(doc, sent, article, analysis, content):
            found.setdefault((q.start, q.kind), q)
        for q in _marriage(doc, sent, article, analysis, content) if marriage else ():
            found.setdefault((q.start, q.kind), q)
    analysis.quantities.extend(sorted(found.values(), key=lambda q: q.start))


# ----------------------------------------------------------------------------- ages


def _people(analysis: ArticleAnalysis) -> dict[str, str]:
    return {e.id: e.type for e in analysis.entities}


def _person_mentions(analysis: ArticleAnalysis, start: int, end: int) -> list[EntityMention]:
    """PERSON mentions starting inside [start, end), in text order."""
    out = [
        m for e in analysis.entities if e.type == "PERSON" for m in e.mentions
        if start <= m.start < end
    ]
    return sorted(out, key=lambda m: (m.start, -m.end))


# Words that end an "N-year-old ..." phrase before a later name: "a 15-year-old son from a
# previous relationship with actor X" is the son's age, not X's.
_AGE_GAP_STOP = re.compile(r"\b(?:from|with|of|to|for|by|and|or|in|at|on|son|sons|daughter|"
                           r"daughters|child|children|kid|kids|baby|twins?|boy|girl)\b", re.I)


def _ages(doc, sent, article, analysis, content) -> list[QuantityStatement]:
    s0, s1 = sent.start_char, sent.end_char
    out: list[QuantityStatement] = []
    mentions = _person_mentions(analysis, s0, s1)
    # "NAME, 42" right after a (non-pronoun) mention.
    for m in mentions:
        if m.kind == "pronoun":
            continue
        hit = AGE_AFTER_NAME.match(content, m.end, min(len(content), m.end + 14))
        if hit and 0 < int(hit.group("n")) <= MAX_AGE:
            end = hit.end("n") + (1 if content[hit.end("n") : hit.end("n") + 1] == ")" else 0)
            q = _age(article, analysis, doc, m.start, end, [m.entity], int(hit.group("n")),
                     hit.start("n"))
            out.append(q)
            _add_age_mention(analysis, m, q)
    # "the 42-year-old actress", "42-year-old Portman".
    for hit in YEAR_OLD.finditer(content, s0, s1):
        n = number(hit.group("n"))
        if n is None or not 0 < n <= MAX_AGE:
            continue
        subject = entity_at(analysis, hit.start(), hit.end())
        if subject is None:  # "a 25-year-old climate activist" with no description mention
            after = [m for m in mentions if m.start >= hit.end() and m.kind != "pronoun"]
            before = [m for m in mentions if m.end <= hit.start() and m.kind != "pronoun"]
            gap_after = content[hit.end() : after[0].start] if after else ""
            if after and len(gap_after) < 40 and "," not in gap_after \
                    and not _AGE_GAP_STOP.search(gap_after):
                subject = after[0].entity
            elif before and re.fullmatch(r",\s*(?:a|an|the)\s+", content[before[-1].end :
                                                                            hit.start()]):
                subject = before[-1].entity
        if subject is not None and _people(analysis).get(subject) == "PERSON":
            out.append(_age(article, analysis, doc, hit.start(), hit.end(), [subject], n,
                            hit.start("n")))
    # "who is 42", "she turned 40".
    for hit in IS_AGE.finditer(content, s0, s1):
        n = int(hit.group("n"))
        if not 0 < n <= MAX_AGE or any(q.start <= hit.start("n") < q.end for q in out):
            continue
        before = [m for m in mentions if m.end <= hit.start()]
        if not before or hit.start() - before[-1].end > 12:
            continue
        out.append(_age(article, analysis, doc, before[-1].start, hit.end(),
                        [before[-1].entity], n, hit.start("n")))
    return out


def _add_age_mention(analysis: ArticleAnalysis, m: EntityMention, q: QuantityStatement) -> None:
    """ "Portman, 42" names Portman too: keep it as a description mention of the entity."""
    for e in analysis.entities:
        if e.id == m.entity:
            e.mentions.append(EntityMention(q.article, q.start, q.end, q.text, e.id,
                                            "description"))
            e.mentions.sort(key=lambda x: (x.start, x.end))
            if q.text not in e.aliases:
                e.aliases.append(q.text)


def _age(article, analysis, doc, start, end, subject, n, num_at) -> QuantityStatement:
    raw = article.raw
    at = _age_time(doc, analysis, article, num_at)
    return QuantityStatement(article.id, start, end, raw[start:end], "age", subject, n, at=at)


def _verb_of(tok: Token) -> Token:
    """The nearest verb above a token (or the sentence root)."""
    t = tok
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:  # spaCy makes a new Token per .head
        t = t.head
    return t


def _age_time(doc: Doc, analysis: ArticleAnalysis, article: Article, at: int) -> TimeValue | None:
    """When an age held: publication date, widened to a date governed by the same verb.

    News writes ages as of publication, but "Portman, 35, was seen on June 24" may mean
    the age on that day: the hull of both keeps either reading true.
    """
    pub = _published(article)
    tok = doc.char_span(at, at + 1, alignment_mode="expand")
    timex = None
    if tok is not None:
        verb = _verb_of(tok[0])
        for t in _dated(analysis, tok[0].sent.start_char, tok[0].sent.end_char):
            if (t.latest - t.earliest).days > 31:  # a year is the background, not an occasion
                continue
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None and _verb_of(span.root) == verb:
                timex = t
                break
    if timex is None:
        return pub
    if pub is None:
        return TimeValue(timex.value, timex.earliest, timex.latest)
    return hull(TimeValue(timex.value, timex.earliest, timex.latest), pub)


# ------------------------------------------------------------------------ marriage


def _marriage(doc, sent, article, analysis, content) -> list[QuantityStatement]:
    s0, s1 = sent.start_char, sent.end_char
    out = []
    for hit in ANNIVERSARY.finditer(content, s0, s1):
        n = number(hit.group("n"))
        if not n:
            continue
        if not hit.group("wed") and not _MARRIAGE_WORDS.search(content, s0, s1):
            continue
        subject = _couple(analysis, content, s0, s1, hit.start())
        at = _anniversary_time(analysis, article, content, s0, s1, hit)
        out.append(QuantityStatement(article.id, hit.start(), hit.end(),
                                     article.raw[hit.start() : hit.end()], "anniversary",
                                     subject, n, at=at, relation="married"))
    for hit in DURATION.finditer(content, s0, s1):
        raw_n = hit.group("n") or hit.group("n2") or hit.group("n3")
        n = number(raw_n)
        if not n:
            continue
        subject = _couple(analysis, content, s0, s1, hit.start())
        near = _date_of_same_verb(doc, analysis, s0, s1, hit.start())
        at = _published(article) if near is None else TimeValue(near.value, near.earliest,
                                                                 near.latest)
        out.append(QuantityStatement(article.id, hit.start(), hit.end(),
                                     article.raw[hit.start() : hit.end()], "duration",
                                     subject, n, at=at, relation="married"))
    return out


def _couple(analysis: ArticleAnalysis, content: str, s0: int, s1: int, at: int) -> list[str]:
    """Who a marriage number is about: the possessor ("her"), or the people of the sentence."""
    before = content[max(s0, at - 8) : at].lower()
    poss = [m for m in _person_mentions(analysis, max(s0, at - 8), at) if m.kind == "pronoun"]
    if poss and not _COUPLE_WORDS.search(before):
        return [poss[-1].entity]
    adults = []
    for m in _person_mentions(analysis, s0, s1):
        if m.entity not in adults and not _is_child(analysis, m.entity):
            adults.append(m.entity)
    if adults:
        return adults[:2]
    spouses = {tuple(sorted((r.subject, r.object))) for r in analysis.relations
               if r.predicate == "spouse"}
    return list(spouses.pop()) if len(spouses) == 1 else []


def _is_child(analysis: ArticleAnalysis, eid: str) -> bool:
    return any(e.id == eid and "_child" in e.attributes for e in analysis.entities)


def _anniversary_time(analysis, article, content, s0, s1, hit) -> TimeValue | None:
    """The day of the anniversary: a date in the sentence, else the year before publication."""
    near = _nearest_date(analysis, s0, s1, hit.end())
    if near is not None:
        return TimeValue(near.value, near.earliest, near.latest)
    pub = _published(article)
    if pub is None or pub.earliest is None or pub.latest is None:
        return pub
    if _FUTURE.search(content, s0, s1):
        lo, hi = pub.earliest, add_years(pub.latest, 1) - _DAY
    else:
        lo, hi = add_years(pub.earliest, -1) + _DAY, pub.latest
    return TimeValue(f"{lo.isoformat()}/{hi.isoformat()}", lo, hi)


# -------------------------------------------------------------------------- times


def _dated(analysis: ArticleAnalysis, s0: int, s1: int) -> list[Timex]:
    return [
        t for t in analysis.timexes
        if s0 <= t.start < s1 and t.type == "DATE" and t.earliest and t.latest
        and not t.value.endswith("_REF")
    ]


def _nearest_date(analysis: ArticleAnalysis, s0: int, s1: int, at: int) -> Timex | None:
    dated = _dated(analysis, s0, s1)
    return min(dated, key=lambda t: abs(t.start - at), default=None)


def _date_of_same_verb(doc: Doc, analysis: ArticleAnalysis, s0: int, s1: int,
                      at: int) -> Timex | None:
    """A date of the sentence that hangs from the same verb as the phrase at `at` ("by 2019
    they had been married ten years"), not one of another clause ("married for two years,
    having reconnected in 2021")."""
    tok = doc.char_span(at, at + 1, alignment_mode="expand")
    if tok is None:
        return None
    verb = _verb_of(tok[0])
    for t in sorted(_dated(analysis, s0, s1), key=lambda t: abs(t.start - at)):
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and _verb_of(span.root) == verb:
            return t
    return None


def _published(article: Article) -> TimeValue | None:
    p = article.published
    if p is None or p.earliest is None or p.latest is None:
        return None
    return TimeValue(p.value, p.earliest, p.latest)






def hull(a: TimeValue, b: TimeValue) -> TimeValue:
    """The smallest interval covering both."""
    lo = min(x for x in (a.earliest, b.earliest) if x is not None)
    hi = max(x for x in (a.latest, b.latest) if x is not None)
    value = a.value if (a.earliest, a.latest) == (lo, hi) else b.value
    if (b.earliest, b.latest) != (lo, hi) and (a.earliest, a.latest) != (lo, hi):
        value = f"{lo.isoformat()}/{hi.isoformat()}"
    return TimeValue(value, lo, hi)
