"""`doc_text(doc)`: the Doc's text, remembered for the Doc last asked about.

spaCy rebuilds `Doc.text` from every token on each access; components that need it per mention
or per sentence read it here instead, so each article's text is joined once.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
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
