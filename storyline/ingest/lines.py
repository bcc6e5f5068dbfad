"""Lines of a text with their offsets, skipping what is already blank."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One line: stripped text and its offsets in the raw text (of the stripped part)."""

    index: int  # position among all lines, blank ones included
    start: int
    end: int
    text: str


def iter_lines(content: str) -> Iterator[Line]:
    """Non-blank lines of `content` with their offsets."""
    pos = 0
    for index, text in enumerate(content.split("\n")):
        stripped = text.strip()
        if stripped:
            start = pos + len(text) - len(text.lstrip())
            yield Line(index, start, start + len(stripped), stripped)
        pos += len(text) + 1
