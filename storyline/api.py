"""The Python front door: the same small functions the CLI and web service call."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from storyline.ingest.read import read_articles
from storyline.model import Story
from storyline.nlp.pipeline import analyze
from storyline.render.json import write_json
from storyline.render.markdown import write_markdown
from storyline.settings import Settings
from storyline.story.build import build_story

Progress = Callable[[int], None]


def build(
    paths: list[str],
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> Story:
    """Read, analyse and merge articles into a Story (nothing written to disk)."""
    settings = settings or Settings()
    articles = read_articles(paths, settings)
    usable = [a for a in articles if a.status in ("ok", "duplicate")]
    analyses = analyze(usable, settings, progress=progress)
    return build_story(articles, analyses, settings)


def write_report(story: Story, out_dir: Path) -> dict[str, Path]:
    """Write story.json and story.md (and the other renderings) into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return {
        "json": write_json(story, out_dir / "story.json"),
        "markdown": write_markdown(story, out_dir / "story.md"),
    }
