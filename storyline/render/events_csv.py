"""CSV of events, one row each, for a spreadsheet: time, who, status, support, first evidence."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from storyline.model import Story

COLUMNS = [
    "id", "type", "predicate", "time", "earliest", "latest", "status", "participants",
    "place", "articles", "independent_sources", "evidence", "evidence_articles",
    "contradictions",
]  # fmt: skip


# A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection"):
# such cells get a leading apostrophe, which spreadsheets show as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """`value` as a spreadsheet shows it and never evaluates it (numbers pass through)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def story_to_csv(story: Story) -> str:
    names = {e.id: e.name for e in story.entities}
    disputed: dict[str, list[str]] = {}
    for c in story.contradictions:
        for s in c.subjects:
            disputed.setdefault(s, []).append(c.id)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(COLUMNS)
    for ev in story.events:
        t = ev.time
        w.writerow([safe_cell(cell) for cell in [
            ev.id, ev.type, ev.predicate or "", t.value if t else "",
            t.earliest.isoformat() if t and t.earliest else "",
            t.latest.isoformat() if t and t.latest else "", ev.status,
            "; ".join(names.get(p, p) for p in ev.participants), ev.place or "",
            ev.support.articles, ev.support.independent_sources,
            ev.mentions[0].text if ev.mentions else "",
            " ".join(sorted({m.article for m in ev.mentions})),
            " ".join(disputed.get(ev.id, [])),
        ]])  # fmt: skip
    return buf.getvalue()


def write_csv(story: Story, path: Path) -> Path:
    path.write_text(story_to_csv(story), encoding="utf-8", newline="")
    return path
