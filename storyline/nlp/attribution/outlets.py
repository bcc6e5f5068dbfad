"""News outlets named in an article's text: a small gazetteer plus the shape of outlet names.

Attribution needs to tell "a source told Us Weekly" from "a source told her friend", so outlets
are found by a PhraseMatcher over known names (built once per vocab), by ORG entities whose last
word is a newspaper word ("The Denver Chronicle"), and by short aliases of outlets already named
("Us" after "Us Weekly").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from storyline.data import outlet_lexicon
from storyline.nlp.doc_text import token_ids

# The outlet lexicon is data (storyline/data/outlets.json), shared with ingest and story.
_LEX = outlet_lexicon()
OUTLETS = _LEX.outlets
AMBIGUOUS = _LEX.ambiguous
OUTLET_WORDS = _LEX.outlet_words
OUTLET_NOUNS = _LEX.outlet_nouns
_KEY_DROP = re.compile(r"[^a-z0-9]+|magazine$|^the")


def outlet_key(name: str) -> str:
    """A comparison key: "OK! Magazine", "OK!" and "ok magazine" all give "ok"."""
    key = re.sub(r"[^a-z0-9]+", "", name.lower())
    for affix in ("magazine", "mag"):
        if key.endswith(affix) and len(key) > len(affix):
            key = key[: -len(affix)]
    return key.removeprefix("the") or key


_ALIASES = {alias: name for name, aliases in OUTLETS.items() for alias in aliases}


@dataclass(frozen=True)
class OutletMention:
    """An outlet named in the text, as tokens [start, end) of the Doc."""

    start: int
    end: int
    name: str
    ambiguous: bool = False


_MATCHERS: dict[int, PhraseMatcher] = {}


def _matcher(vocab: Vocab) -> PhraseMatcher:
    key = id(vocab)
    if key not in _MATCHERS:
        from spacy.lang.en import English

        tokenizer = English(vocab=vocab).tokenizer
        matcher = PhraseMatcher(vocab, attr="LOWER")
        for alias, name in _ALIASES.items():
            matcher.add(name, [tokenizer(alias)])
        _MATCHERS[key] = matcher
    return _MATCHERS[key]


def find_outlets(doc: Doc) -> list[OutletMention]:
    """Every outlet named in `doc`, longest match first, no overlaps, in text order."""
    found: dict[int, OutletMention] = {}
    taken: set[int] = set()
    spans = [(s, e, doc.vocab.strings[m]) for m, s, e in _matcher(doc.vocab)(doc)]
    spans += [(e.start, e.end, e.text) for e in doc.ents
              if e.label_ == "ORG" and e[-1].lower_ in OUTLET_WORDS]
    for s, e, name in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
        if taken & set(range(s, e)):
            continue
        span = doc[s:e]
        alias = span.text.lower()
        if not span[0].text[:1].isupper():
            continue
        name = _ALIASES.get(alias, name.removeprefix("the ").removeprefix("The "))
        if alias not in _ALIASES:
            name = span.text.removeprefix("The ").removesuffix("'s")
        found[s] = OutletMention(s, e, name, alias in AMBIGUOUS)
        taken |= set(range(s, e))
    _add_short_aliases(doc, found, taken)
    return [m for _, m in sorted(found.items())
            if not m.ambiguous or in_reporting_position(doc, m)]


_NOT_ALIASES = frozenset({"the", "a", "an", "new", "daily", "los", "wall", "washington"})


def _add_short_aliases(doc: Doc, found: dict[int, OutletMention], taken: set[int]) -> None:
    """"Us" after "Us Weekly", "OK!" after "OK! Magazine": the first word of a named outlet."""
    firsts = {}
    for m in sorted(found.values(), key=lambda m: m.start):
        first = doc[m.start]
        if m.end - m.start > 1 and len(first.text) > 1 and first.lower_ not in _NOT_ALIASES:
            firsts.setdefault(first.lower, (m.name, m.start))  # by the lower-case form's id
    if not firsts:
        return
    for i, lower in enumerate(token_ids(doc)[0]):  # a Token made only for a first word
        hit = firsts.get(lower)
        if hit and i not in taken and i > hit[1] and doc[i].text[:1].isupper():
            found[i] = OutletMention(i, i + 1, hit[0], ambiguous=True)
            taken.add(i)


# Positions in which a capitalised ambiguous name ("People", "Us") is read as the outlet.
REPORTING_HEADS = frozenset({"tell", "according", "per", "report", "reveal", "confirm", "say",
                             "speak", "disclose", "explain", "add", "claim", "share", "note",
                             "provide", "talk", "write", "interview"})


def outlet_in(span: Span | Token, outlets: list[OutletMention]) -> OutletMention | None:
    """The outlet mention inside `span` (a token or span), if any."""
    if isinstance(span, Token):
        s, e = span.i, span.i + 1
    else:
        s, e = span.start, span.end
    for m in outlets:
        if m.start < e and s < m.end:
            return m
    return None


def in_reporting_position(doc: Doc, m: OutletMention) -> bool:
    """Whether an outlet mention sits where a source or recipient sits (told X, X reported)."""
    tok = doc[m.start:m.end].root
    for _ in range(3):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() in REPORTING_HEADS or tok.lower_ in REPORTING_HEADS:
            return True
    return False
