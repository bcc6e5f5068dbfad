"""story.html: one self-contained, offline report (inline CSS/JS, no CDN, no network).

The story (story.json's content) plus each article's raw text travel as JSON inside a
<script type="application/json"> block; report/report.js draws the timeline, the entity graph,
the evidence highlighted in its article, contradictions and states from it in the browser.
"""

from __future__ import annotations

import html
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from storyline.model import Story, to_dict


@cache
def _asset(name: str) -> str:
    return resources.files("storyline.render").joinpath("report", name).read_text("utf-8")


def report_data(story: Story) -> dict[str, Any]:
    """What the page needs: story.json's content and the raw text of every article by id.

    `when` is each event's time as the Markdown report words it, so both read the same.
    For HTML inputs the cleaned text (markup blanked to spaces, same offsets) is added as
    `text`, so evidence is shown highlighted in readable prose rather than in page source.
    """
    from storyline.story.intervals import describe

    return {
        "story": to_dict(story),
        "when": {ev.id: describe(ev.time) for ev in story.events},  # as story.md reads them
        "raw": {a.id: a.raw for a in story.articles if a.raw},
        "text": {a.id: a.content for a in story.articles
                 if a.format == "html" and len(a.content) == len(a.raw)},
    }


def script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' left to close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )  # fmt: skip


def story_to_html(story: Story, title: str | None = None) -> str:
    title = title or _title(story)
    page = _asset("report.html")
    page = page.replace("{{TITLE}}", html.escape(title))
    for key, value in (
        ("{{CSS}}", _asset("report.css")),
        ("{{JS}}", _asset("report.js")),
        ("{{DATA}}", script_json(report_data(story))),
    ):
        page = page.replace(key, value, 1)
    return page


def _title(story: Story) -> str:
    people = [e.name for e in story.entities if e.type == "PERSON"][:2]
    return "storyline: " + (" & ".join(people) if people else "story report")


def write_html(story: Story, path: Path) -> Path:
    path.write_text(story_to_html(story), encoding="utf-8")
    return path
