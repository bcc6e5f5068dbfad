"""Every file format a story can be written as, by the name the CLI and API use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from storyline.model import Story
from storyline.render.events_csv import write_csv
from storyline.render.graphml import write_graphml
from storyline.render.html import write_html
from storyline.render.json import write_json
from storyline.render.markdown import write_markdown
from storyline.render.timelinejs import write_timelinejs

WRITERS: dict[str, Callable[[Story, Path], Path]] = {
    "json": write_json,
    "md": write_markdown,
    "html": write_html,
    "timelinejs": write_timelinejs,
    "graphml": write_graphml,
    "csv": write_csv,
}
SUFFIXES = {"json": ".json", "md": ".md", "html": ".html", "timelinejs": ".json",
            "graphml": ".graphml", "csv": ".csv"}  # fmt: skip
