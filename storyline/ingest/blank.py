"""Blank spans of a text to spaces (newlines kept) while recording what was removed and why.

Blanking instead of deleting keeps `content` the same length as `raw`, so every offset
found in `content` is also an offset into `raw`.
"""

from __future__ import annotations

from storyline.model import Removed

MARKUP = "markup"  # HTML tags: merged into neighbouring removed spans of any kind


class Blanker:
    """A mutable copy of `raw` in which furniture is overwritten with spaces."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.chars = list(raw)
        self.spans: list[Removed] = []

    @property
    def content(self) -> str:
        return "".join(self.chars)

    def is_blank(self, start: int, end: int) -> bool:
        """True when nothing but whitespace is left in [start, end)."""
        return not "".join(self.chars[start:end]).strip()

    def blank(self, start: int, end: int, kind: str) -> None:
        """Overwrite raw[start:end] (trimmed of outer whitespace) with spaces, keeping newlines."""
        while start < end and self.raw[start].isspace():
            start += 1
        while end > start and self.raw[end - 1].isspace():
            end -= 1
        if start >= end or self.is_blank(start, end):
            return
        for i in range(start, end):
            if self.chars[i] not in "\n\r":
                self.chars[i] = " "
        self.spans.append(Removed(start, end, kind))

    def substitute(self, start: int, end: int, text: str) -> None:
        """Show `text` (no longer than the span) in place of raw[start:end], padded with spaces.

        Used for HTML entities: "&amp;" reads "&    ". The padding goes before the character
        when a word follows ("&ldquo;We" -> "      “We") so it stays attached to that word.
        """
        text = text[: end - start]
        pad = [" "] * (end - start - len(text))
        attach_right = end < len(self.raw) and self.raw[end].isalnum()
        self.chars[start:end] = pad + list(text) if attach_right else list(text) + pad

    def removed(self) -> list[Removed]:
        """Recorded spans in order; neighbours with only blanks between are merged when they are
        of one kind, or when one is bare markup (which then takes the other's kind)."""
        out: list[Removed] = []
        for span in sorted(self.spans, key=lambda s: (s.start, s.end)):
            last = out[-1] if out else None
            if last is not None and self._joinable(last, span):
                last.end = max(last.end, span.end)
                if last.kind == MARKUP:
                    last.kind = span.kind
            else:
                out.append(Removed(span.start, span.end, span.kind))
        return out

    def _joinable(self, a: Removed, b: Removed) -> bool:
        if b.start < a.end:
            return True
        kinds_fit = a.kind == b.kind or MARKUP in (a.kind, b.kind)
        return kinds_fit and self.is_blank(a.end, b.start)
