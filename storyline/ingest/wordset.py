"""Word lists written as one string, for readable vocabulary tables."""

from __future__ import annotations


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text` as a frozenset."""
    return frozenset(text.split())
