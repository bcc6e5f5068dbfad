"""`doc_text(doc)`: the Doc's text, remembered for the Doc last asked about.

spaCy rebuilds `Doc.text` from every token on each access; components that need it per mention
or per sentence read it here instead, so each article's text is joined once.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy only for types: the grammar imports without it
    from spacy.tokens import Doc


_LAST = threading.local()


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per Doc (per thread): the last Doc is held with its text."""
    last = getattr(_LAST, "pair", None)
    if last is None or last[0] is not doc:
        last = (doc, doc.text)
        _LAST.pair = last
    return last[1]
