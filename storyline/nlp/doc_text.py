"""`doc_text(doc)`: the Doc's text, remembered for the Doc last asked about.

spaCy rebuilds `Doc.text` from every token on each access; components that need it per mention
or per sentence read it here instead, so each article's text is joined once.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Container, Iterable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # spaCy only for types: the grammar imports without it
    from spacy.tokens import Doc


_LAST = threading.local()
T = TypeVar("T")


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per Doc (per thread): the last Doc is held with its text."""
    last = getattr(_LAST, "pair", None)
    if last is None or last[0] is not doc:
        last = (doc, doc.text)
        _LAST.pair = last
    return last[1]


def last_doc(fn: Callable[[Doc], T]) -> Callable[[Doc], T]:
    """`fn(doc)` remembered for the Doc last asked about (per thread), like `doc_text`: for
    what several steps of one component read off the same Doc."""
    memo = threading.local()

    @functools.wraps(fn)
    def wrapper(doc: Doc) -> T:
        last = getattr(memo, "pair", None)
        if last is None or last[0] is not doc:
            last = memo.pair = (doc, fn(doc))
        return last[1]

    return wrapper


@last_doc
def token_ids(doc: Doc) -> list[list[int]]:
    """The LOWER, LEMMA, POS, TAG and IS_TITLE ids of the tokens (a column each, one
    `to_array` per Doc; columns of ints, no list per token for the collector to walk): scans
    that look at a few tokens pick them here instead of making every Token."""
    from spacy.attrs import IS_TITLE, LEMMA, LOWER, POS, TAG

    if not len(doc):
        return [[], [], [], [], []]
    return doc.to_array([LOWER, LEMMA, POS, TAG, IS_TITLE]).T.tolist()


def ids_of(words: Iterable[str]) -> frozenset[int]:
    """The string ids (spaCy's hashes) of `words`, to compare with `token_ids` columns."""
    from spacy.strings import hash_string

    return frozenset(hash_string(w) for w in words)


_LOWERED: dict[int, str] = {}


def lemma_ids_in(doc: Doc, words: Container[str]) -> set[int]:
    """The ids of the Doc's lemmas that, lower-cased, are among `words` (a `token_ids` LEMMA
    column tested against this set: `t.lemma_.lower() in words`, no Token made)."""
    return {lemma for lemma, lower in _lowered_lemmas(doc).items() if lower in words}


@last_doc
def _lowered_lemmas(doc: Doc) -> dict[int, str]:
    """Each distinct lemma id of the Doc with its lower-cased text (once per Doc: several
    components ask `lemma_ids_in` about the same Doc)."""
    strings, out = doc.vocab.strings, {}
    for lemma in set(token_ids(doc)[1]):
        lower = _LOWERED.get(lemma)
        if lower is None:
            if len(_LOWERED) > 500_000:  # remembered across articles, within bounds
                _LOWERED.clear()
            lower = _LOWERED[lemma] = strings[lemma].lower()
        out[lemma] = lower
    return out
