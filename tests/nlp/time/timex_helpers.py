"""What the timex tests share: a document date and two ways to look up tagged phrases."""

from __future__ import annotations

from storyline.nlp.time.tagger import tag_text

DCT = "2024-02-23"  # a Friday


def found(nlp, text: str, dct: str | None = DCT) -> dict[str, tuple[str, str]]:
    """{text: (type, value)} of every expression tagged in `text`."""
    return {t.text: (t.type, t.value) for t in tag_text(text, dct, nlp)}


def one(nlp, text: str, phrase: str, dct: str | None = DCT):
    """The timex tagged exactly as `phrase` in `text`; fails with what was tagged instead."""
    hits = [t for t in tag_text(text, dct, nlp) if t.text == phrase]
    assert hits, f"{phrase!r} not tagged in {text!r}: {found(nlp, text, dct)}"
    return hits[0]
