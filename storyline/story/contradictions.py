"""Contradictions (placeholder until the story issue lands)."""

from __future__ import annotations

from storyline.model import Contradiction, Story


def find_contradictions(story: Story) -> list[Contradiction]:
    return []
