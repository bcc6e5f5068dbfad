"""What a mention's own words say about its standing: a cited official record, background told
in passing (a relative clause, an aside), a presupposed event noun, a changed account. The
words are data (storyline/data/status.json, one loader here); the story stage reads only the
stored article text and spans, never re-parses. See docs/story.md, "Status"."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from storyline.data import load_json
from storyline.model import Article, Claim

Background = Literal["relative_clause", "aside", "in_passing"]
_WORD = re.compile(r"[\w’']+")


@dataclass(frozen=True)
class StatusCues:
    """The word lists of status.json, lower-cased and compiled once."""

    records: re.Pattern[str]
    record_cues: re.Pattern[str]
    relative: re.Pattern[str]  # an opener then a relative pronoun: ", who"
    closers: tuple[str, ...]
    determiners: frozenset[str]
    nominal_suffixes: tuple[str, ...]
    max_modifiers: int
    prepositions: frozenset[str]
    participles: tuple[str, ...]
    change: re.Pattern[str]


def _alternation(phrases: list[str]) -> str:
    return "|".join(re.escape(p.lower()) for p in sorted(phrases, key=len, reverse=True))


def _phrases(phrases: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?:{_alternation(phrases)})(?![\w])")


@functools.cache
def status_cues() -> StatusCues:
    """The cues of storyline/data/status.json, checked once and cached."""
    data = load_json("status.json")
    openers = _alternation(data["clause_openers"])
    relative = re.compile(rf"(?:{openers})\s*(?:{_alternation(data['relative_pronouns'])})\b")
    return StatusCues(
        records=_phrases(data["official_records"]),
        record_cues=_phrases(data["record_cues"]),
        relative=relative,
        closers=tuple(data["clause_closers"]),
        determiners=frozenset(w.lower() for w in data["presupposing_determiners"]),
        nominal_suffixes=tuple(data["nominal_suffixes"]),
        max_modifiers=int(data["presupposition_max_modifiers"]),
        prepositions=frozenset(w.lower() for w in data["passing_prepositions"]),
        participles=tuple(data["participle_endings"]),
        change=_phrases(data["change_cues"]),
    )


@functools.lru_cache(maxsize=8192)  # pure: each event's origins are traced several times
def cited_record(text: str) -> str | None:
    """The official record a mention cites ("court documents"), or None: a record noun and a
    citing cue ("according to", "shows", "obtained") in the same mention."""
    cues = status_cues()
    low = text.lower()
    found = cues.records.search(low)
    if found is None:
        return None
    rest = low[:found.start()] + " " + low[found.end():]
    return found.group(0) if cues.record_cues.search(rest) else None


def _reduced_relative(before: str, rest: str, cues: StatusCues) -> bool:
    """A participle opening an apposition ("Quell and Ashgrove, married since 2012, were
    seen"): right after a comma that opens a segment (an odd number of commas before it, so
    "Quell, 34, married Ashgrove" is a verb) and closed after the trigger."""
    trigger = _WORD.match(rest)
    if not before.rstrip().endswith(",") or before.count(",") % 2 == 0 or trigger is None:
        return False
    if not trigger.group(0).endswith(cues.participles):
        return False
    return any(cl in rest[trigger.end():] for cl in cues.closers)


def _trigger(c: Claim) -> tuple[int, int] | None:
    m = c.mention
    if c.trigger is None or not (m.start <= c.trigger[0] < c.trigger[1] <= m.end):
        return None
    return c.trigger


def background(c: Claim, article: Article | None) -> Background | None:
    """Whether the claim's trigger sits in a non-restrictive relative clause ("the couple, who
    split in 2022, ...") or a parenthesis, or is an event noun the writer presupposes in a
    prepositional phrase ("since their divorce"): told in passing, not the news."""
    return _background(c, article, lambda: _determiner_at(c, article))


def _background(c: Claim, article: Article | None,
                determiner: Callable[[], tuple[list[str], int] | None]) -> Background | None:
    """`background`, with the claim's `_determiner_at` given (worked out when asked for)."""
    span = _trigger(c)
    if span is None or article is None or not article.raw:
        return None
    cues = status_cues()
    before = article.raw[c.mention.start:span[0]]
    low = before.lower()
    opener = None
    for hit in cues.relative.finditer(low):
        opener = hit
    if opener is not None and not any(cl in low[opener.end():] for cl in cues.closers):
        return "relative_clause"
    paren = low.rfind("(")
    if paren >= 0 and ")" not in low[paren:]:
        return "aside"
    if _reduced_relative(low, article.raw[span[0]:c.mention.end].lower(), cues):
        return "relative_clause"
    if c.mention.source.kind == "author" and _passing(determiner()):
        return "in_passing"
    return None


def _determiner_at(c: Claim, article: Article | None) -> tuple[list[str], int] | None:
    """The words before the trigger and the index of the possessive or definite determiner
    that makes it a presupposed event noun, or None."""
    span = _trigger(c)
    if span is None or article is None or not article.raw:
        return None
    cues = status_cues()
    trigger = article.raw[span[0]:span[1]].lower()
    words = _WORD.findall(article.raw[c.mention.start:span[0]].lower())

    def determiner(w: str) -> bool:
        return w in cues.determiners or w.endswith(("'s", "’s"))

    if not words:
        return None
    if determiner(words[-1]):
        return words, len(words) - 1
    if not trigger.endswith(cues.nominal_suffixes):
        return None
    for i in range(len(words) - 2, max(-1, len(words) - 2 - cues.max_modifiers), -1):
        if determiner(words[i]):
            return words, i
    return None


def presupposed(c: Claim, article: Article | None) -> bool:
    """Whether the trigger is an event noun the writer takes for granted: a possessive or
    definite determiner before it ("their split", "Portman's separation", "the impending
    breakup"; modifiers only before an unmistakable noun: "-tion", "-up", ...)."""
    return _determiner_at(c, article) is not None


def in_passing(c: Claim, article: Article | None) -> bool:
    """A presupposed event noun in a prepositional phrase ("since their divorce", "despite the
    separation", "news of Portman's split"): the sentence is about something else."""
    return _passing(_determiner_at(c, article))


def _passing(found: tuple[list[str], int] | None) -> bool:
    """`in_passing` from the claim's `_determiner_at`."""
    if found is None:
        return False
    words, i = found
    return any(w in status_cues().prepositions for w in words[max(0, i - 2):i])


def change_cue(text: str) -> str | None:
    """The words marking a later account as a change of an earlier one ("now says"), if any."""
    found = status_cues().change.search(text.lower())
    return found.group(0) if found else None


MentionKey = tuple[str, int, int]


def mention_key(c: Claim) -> MentionKey:
    return (c.mention.article, c.mention.start, c.mention.end)


@dataclass(frozen=True)
class Reading:
    """What the words of an event's claims add to their mentions' source and certainty: which
    are background (told in passing) and which presuppose the event (an event noun)."""

    background: frozenset[MentionKey] = frozenset()
    presupposed: frozenset[MentionKey] = frozenset()


def reading_of(claims: list[Claim], articles: dict[str, Article]) -> Reading:
    """Read every claim's trigger in its article's text; a sentence telling the event twice is
    background (or presupposing) only when every telling in it is."""
    back: dict[MentionKey, bool] = {}
    pre: dict[MentionKey, bool] = {}
    for c in claims:
        art, key = articles.get(c.article), mention_key(c)
        found = _determiner_at(c, art)  # read once for both questions
        back[key] = back.get(key, True) and _background(c, art, lambda f=found: f) is not None
        pre[key] = pre.get(key, True) and found is not None
    return Reading(frozenset(k for k, v in back.items() if v),
                   frozenset(k for k, v in pre.items() if v))
