"""story.md: the readable report (placeholder until the story issue lands)."""

from __future__ import annotations

from pathlib import Path

from storyline.model import Story


def story_to_markdown(story: Story) -> str:
    lines = ["# Story", "", "## Articles", ""]
    for a in story.articles:
        pub = a.published.value if a.published else "unknown"
        lines.append(f"- `{a.id}` {a.outlet or '?'} ({pub}) {a.status}: {a.path}")
    return "\n".join(lines) + "\n"


def write_markdown(story: Story, path: Path) -> Path:
    path.write_text(story_to_markdown(story), encoding="utf-8")
    return path
