"""Direct quotations: quote-mark spans in the text, and the speaker each belongs to.

Quotes are found on the characters (straight and curly double quotes, and '' or `` written for
one; paired within a paragraph; an unclosed quote runs to the paragraph's end, the newspaper
convention for a quote continuing into the next paragraph). The speaker is the nearest
reporting cue outside quotes in the same paragraph; else a lead-in ending in ':'; else the
speaker of the previous quote when the quote continues it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN = "“\""
CLOSE = "”\""
PAIRED = ("''", "``")  # typewriter and Penn Treebank quote marks written as two characters
PARAGRAPH = re.compile(r"[^\n]+")
_MARK = re.compile("[" + re.escape(OPEN + CLOSE) + "]|" + "|".join(map(re.escape, PAIRED)))


@dataclass
class QuoteSpan:
    """The inside of a pair of quote marks, as character offsets."""

    start: int
    end: int
    paragraph: tuple[int, int]


def quote_spans(text: str) -> list[QuoteSpan]:
    """Every double-quoted stretch of `text`, paired per paragraph (line)."""
    spans: list[QuoteSpan] = []
    for para in PARAGRAPH.finditer(text):
        open_at: int | None = None
        # only the quote marks, left to right (a two-character mark is read as one)
        for mark in _MARK.finditer(text, para.start(), para.end()):
            i, found = mark.start(), mark.group()
            if open_at is None and (found in OPEN or found in PAIRED):
                open_at = i + len(found)
            elif open_at is not None and (found in CLOSE or found == "''"):
                if i > open_at:
                    spans.append(QuoteSpan(open_at, i, (para.start(), para.end())))
                open_at = None
        if open_at is not None and para.end() - open_at > 1:
            end = para.end()
            while end > open_at and text[end - 1].isspace():
                end -= 1
            spans.append(QuoteSpan(open_at, end, (para.start(), para.end())))
    return spans


def is_title(text: str) -> bool:
    """A quoted title ("Black Swan", 'Vox Lux') rather than words someone said."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’]*", text)]
    return 0 < len(words) <= 5 and all(w[0].isupper() for w in words) and not text.rstrip(
        ",. ").endswith(("!", "?"))


def venue_phrase(tokens) -> str | None:
    """Where words were said, from an "interview"/"chat" phrase: "her Vanity Fair interview"."""
    for tok in tokens:
        if tok.lemma_.lower() not in VENUE_NOUNS:
            continue
        names = [c for c in tok.lefts
                 if c.pos_ == "PROPN" or (c.dep_ in ("compound", "nmod", "amod") and c.is_title)
                 or (c.ent_type_ and c.ent_type_ != "DATE")]
        if names:
            left = min(n.left_edge.i for n in names)
            right = max(n.i for n in names) + 1
            return tok.doc[left:right].text
        for prep in tok.rights:
            if prep.lower_ in ("with", "on", "in") and prep.dep_ == "prep":
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return tok.doc[obj.left_edge.i: obj.i + 1].text
    return None


VENUE_NOUNS = frozenset({"interview", "chat", "podcast", "appearance", "profile", "episode",
                         "conversation", "statement", "post", "video"})
