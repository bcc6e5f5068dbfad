"""TimelineJS3 JSON: one slide per dated event; uncertain dates become start..end ranges."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from storyline.model import Event, Story
from storyline.story.intervals import only_bound

_PRECISE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def _tl_date(d: date) -> dict[str, int]:
    return {"year": d.year, "month": d.month, "day": d.day}


def _dates(ev: Event) -> tuple[dict[str, int], dict[str, int] | None] | None:
    """TimelineJS start/end: the value's own precision when it has one, else the interval."""
    t = ev.time
    if t is None or t.earliest is None or only_bound(t):  # "after 2024-06-04" is not a date
        return None
    m = _PRECISE.match(t.value or "")
    if m:
        parts = ("year", "month", "day")
        start = {k: int(v) for k, v in zip(parts, m.groups(), strict=True) if v}
        return start, None
    end = t.latest if t.latest and t.latest != t.earliest else None
    return _tl_date(t.earliest), (_tl_date(end) if end else None)


def story_to_timelinejs(story: Story) -> dict[str, Any]:
    names = {e.id: e.name for e in story.entities}
    outlets = {a.id: a.outlet or a.path for a in story.articles}
    events = []
    for ev in story.events:
        dates = _dates(ev)
        if dates is None:
            continue
        who = ", ".join(names.get(p, p) for p in ev.participants)
        head = f"{ev.type.replace('_', ' ')}: {who}" if who else ev.type.replace("_", " ")
        quotes = "".join(
            f"<blockquote>{html.escape(m.text)}<br><small>"
            f"{html.escape(outlets.get(m.article, m.article))} ({html.escape(m.certainty)})"
            "</small></blockquote>"
            for m in ev.mentions[:3]
        )
        slide: dict[str, Any] = {
            "unique_id": ev.id,
            "start_date": dates[0],
            "display_date": ev.time.value if ev.time else "",
            "group": ev.type,
            "text": {
                "headline": html.escape(head),
                "text": f"<p>{html.escape(ev.status)}; {ev.support.articles} article(s), "
                f"{ev.support.independent_sources} independent source(s)</p>{quotes}",
            },
        }
        if dates[1]:
            slide["end_date"] = dates[1]
        events.append(slide)
    return {
        "title": {"text": {"headline": "storyline", "text": f"{len(events)} dated events"}},
        "events": events,
    }


def write_timelinejs(story: Story, path: Path) -> Path:
    path.write_text(json.dumps(story_to_timelinejs(story), ensure_ascii=False, indent=2) + "\n",
                    encoding="utf-8")  # fmt: skip
    return path
