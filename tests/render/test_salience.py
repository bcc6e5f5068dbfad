"""story.md's timeline shows framed events and open events that name someone; an open event
naming no one is listed folded, never dropped (docs/events.md, salience)."""

from __future__ import annotations

from datetime import date

from storyline.model import Entity, Event, Story, TimeValue
from storyline.render.markdown import salient, story_to_markdown

JUNE = TimeValue("2023-06", date(2023, 6, 1), date(2023, 6, 30))


def _story() -> Story:
    return Story(
        entities=[Entity(id="e1", name="Mara Quill", type="PERSON")],
        events=[
            Event("ev1", "other", ["e1"], JUNE, predicate="fund"),
            Event("ev2", "other", [], JUNE, predicate="circulate"),
            Event("ev3", "earthquake", [], JUNE, predicate="earthquake"),
        ],
    )


def test_open_events_naming_no_one_are_folded_not_dropped():
    story = _story()
    assert [salient(e) for e in story.events] == [True, False, True]
    md = story_to_markdown(story)
    rows = [line for line in md.splitlines() if line.startswith("| 2023-06")]
    assert [r.split("|")[2].strip() for r in rows] == ["fund", "earthquake"]
    assert "Folded, open events naming no one (1): ev2 circulate" in md
