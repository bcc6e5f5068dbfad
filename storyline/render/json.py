"""story.json: the versioned, schema-checked contract of a build."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.model import Story, to_dict


def story_to_json(story: Story) -> str:
    return json.dumps(to_dict(story), ensure_ascii=False, indent=2)


def write_json(story: Story, path: Path) -> Path:
    path.write_text(story_to_json(story) + "\n", encoding="utf-8")
    return path
