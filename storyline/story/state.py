"""State over time (placeholder until the story issue lands)."""

from __future__ import annotations

from storyline.model import State, Story


def derive_states(story: Story) -> list[State]:
    return []
