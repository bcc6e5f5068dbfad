"""Find a plain-text article's headline: its first remaining line, when it reads like one."""

from __future__ import annotations

import re

from storyline.ingest.lines import Line, iter_lines
from storyline.ingest.wordset import wordset

_SMALL = wordset("a an the and of to in on for with as at by from or but is are vs via")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
MAX_WORDS = 30


def capitalised_share(text: str) -> float:
    """Share of non-small words that start upper case (title case scores near 1)."""
    words = [w for w in _WORD.findall(text) if w.lower() not in _SMALL]
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0


def find_headline(content: str) -> Line | None:
    """The first non-blank line if it is short and headline-like (no sentence-final full stop
    unless it is in title case); else None, e.g. when the text starts with a paragraph."""
    first = next(iter_lines(content), None)
    if first is None:
        return None
    words = first.text.split()
    if len(words) > MAX_WORDS or len(first.text) > 250:
        return None
    if first.text.endswith(".") and capitalised_share(first.text) < 0.6:
        return None
    return first


def title_words(title: str) -> set[str]:
    """Lower-cased words of a title, apostrophes normalised, for caption matching."""
    return {w.replace("’", "'") for w in _WORD.findall(title.lower())}
