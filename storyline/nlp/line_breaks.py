"""Line breaks as sentence boundaries, set before the parser runs.

A headline, a dateline ("June 8, 2010") and the lede are separate lines of a news text but
end in no full stop, so the parser reads them as one sentence and its tree for the lede is
wrong (the lede's "Yesterday" hangs off the headline). spaCy's parser keeps sentence starts
set before it, so this component marks the first word of every line as one, and lets no
other word of the line start one before a full stop, colon or the like (a blanked dateline
must not split "Apple | Computer today announced"). A line starts a sentence after a blank
line always, after a single line break unless the text is hard-wrapped prose (its lines
often go on with a lower-case word: "she said\\nthat"), where a single break is no
boundary, nor after a word that cannot end one (a preposition, determiner, conjunction or
"to": "said on\\nMonday").
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

NAME = "storyline_line_breaks"
# Share of single line breaks followed by an all-lower-case word from which a text counts as
# hard-wrapped: wrapped prose continues most lines with one, a text of lines hardly ever.
WRAPPED_SHARE = 0.2
_SINGLE_BREAK = re.compile(r"(?<!\n)[ \t]*\n[ \t]*(?!\s)")
_LOWER_WORD = re.compile(r"[a-z]+\b")
# What may end a sentence inside a line.
_ENDS = frozenset(".!?:;…")
_NO_END_TAGS = frozenset({"IN", "DT", "CC", "TO", "PRP$", "WDT", "HYPH"})


def hard_wrapped(text: str) -> bool:
    """Whether single line breaks fall inside sentences: WRAPPED_SHARE or more of them are
    followed by an all-lower-case word ("iPhone" does not count, "said" does)."""
    breaks = [m.end() for m in _SINGLE_BREAK.finditer(text)]
    if not breaks:
        return False
    lower = sum(1 for at in breaks if _LOWER_WORD.match(text, at))
    return lower >= WRAPPED_SHARE * len(breaks)


def mark_line_breaks(doc: Doc) -> Doc:
    """Set `is_sent_start` on the first word after each line break that ends a sentence."""
    wrapped = hard_wrapped(doc.text)
    pending = False  # a sentence-ending break was seen since the last word
    opening = False  # in a line's first sentence: no new one before a full stop
    last = None  # the last word
    for tok in doc:
        if tok.is_space:
            n = tok.text.count("\n") + tok.whitespace_.count("\n")
            pending = pending or n >= 2 or (n == 1 and _may_end(last, wrapped))
            continue
        if pending and tok.i > 0:
            tok.is_sent_start, opening = True, True
        elif opening:
            tok.is_sent_start = False  # "Apple | Computer today announced": not a sentence
        if tok.text[-1:] in _ENDS:
            opening = False
        n = tok.whitespace_.count("\n")
        pending = n >= 2 or (n == 1 and _may_end(tok, wrapped))
        last = tok
    return doc


def _may_end(word: Token | None, wrapped: bool) -> bool:
    """A single line break after `word` ends a sentence."""
    return not wrapped and word is not None and word.tag_ not in _NO_END_TAGS


@Language.component(NAME)
def line_breaks_component(doc: Doc) -> Doc:
    """The spaCy component: `mark_line_breaks`."""
    return mark_line_breaks(doc)


def add_to(nlp: Language) -> Language:
    """Put the component in front of the parser of a loaded model (once)."""
    if NAME not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser")
    return nlp
