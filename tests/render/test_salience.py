"""Salience is a view: the timeline shows the events of the story's main participants, events
several independent origins tell and disputed ones; statements told once, open events naming
no one and one-origin events about minor figures are listed folded, never dropped
(storyline/story/salience.py, docs/events.md)."""

from __future__ import annotations

import re
from datetime import date

from storyline.model import (
    Contradiction,
    Entity,
    EntityMention,
    Event,
    Story,
    Support,
    TimeValue,
)
from storyline.render.markdown import story_to_markdown
from storyline.story.salience import main_participants, mark_salience

JUNE = TimeValue("2023-06", date(2023, 6, 1), date(2023, 6, 30))


def _told(entity: str, *articles: str) -> list[EntityMention]:
    return [EntityMention(a, 0, 4, "name", entity) for a in articles]


def _story() -> Story:
    once, twice = Support(1, 1), Support(2, 2)
    return Story(
        entities=[
            Entity("e1", "Mara Quill", "PERSON", mentions=_told("e1", "a1", "a2", "a3", "a4")),
            Entity("e2", "Ivo Dahl", "PERSON", mentions=_told("e2", "a1", "a2")),
            Entity("e3", "Lena Ort", "PERSON", mentions=_told("e3", "a4")),
            Entity("e4", "The Daily Post", "OUTLET",
                   mentions=_told("e4", "a1", "a2", "a3", "a4", "a5")),
        ],
        events=[
            Event("ev1", "other", ["e1"], JUNE, support=once, predicate="fund"),
            Event("ev2", "other", [], JUNE, support=once, predicate="circulate"),
            Event("ev3", "earthquake", [], JUNE, support=once, predicate="earthquake"),
            Event("ev4", "statement", ["e1"], JUNE, support=once),
            Event("ev5", "statement", ["e1"], JUNE, support=twice),
            Event("ev6", "arrest", ["e3"], JUNE, support=once),
            Event("ev7", "arrest", ["e3"], JUNE, support=once),
            Event("ev8", "arrest", ["e2"], JUNE, support=once),
            Event("ev9", "minor", ["e1"], JUNE, status="confirmed", support=twice,
                  predicate="decide"),
            Event("ev10", "other", ["e1"], None, status="speculated", support=twice,
                  predicate="move on"),
            Event("ev11", "other", ["e1"], JUNE, status="speculated", support=once,
                  predicate="run"),
        ],
        contradictions=[Contradiction("c1", "date", "two dates", ["ev7"])],
    )


def test_main_participants_are_those_most_articles_tell_and_never_an_outlet():
    story = _story()
    assert main_participants(story.entities, 0.5) == ["e1", "e2"]  # 4 and 2 of 4; Ort 1 of 4
    assert main_participants(story.entities, 0.75) == ["e1"]
    assert main_participants([], 0.5) == []


def test_each_event_is_shown_or_folded_with_its_reason():
    story = _story()
    mark_salience(story, 0.5)
    assert [(e.id, e.salient, e.salience) for e in story.events] == [
        ("ev1", True, "about Mara Quill"),
        ("ev2", False, "an open event naming no one"),
        ("ev3", True, "a framed happening naming no one (a quake, a fire)"),
        ("ev4", False, "a statement told by one origin"),
        ("ev5", True, "told by 2 independent origins"),
        ("ev6", False, "one origin, about none of the story's main participants"),
        ("ev7", True, "disputed: a contradiction names it"),
        ("ev8", True, "about Ivo Dahl"),
        # a light or mental verb and an aim stay folded however many origins tell them
        ("ev9", False, "a light, mental or aspectual verb, no happening of its own"),
        ("ev10", False, "an undated open event told only as a possibility (an aim, a guess)"),
        # a possibility with a date is a plan on the timeline ("may run in 2026")
        ("ev11", True, "about Mara Quill"),
    ]


def test_story_md_lists_folded_events_with_reasons_never_drops_them():
    story = _story()
    mark_salience(story, 0.5)
    md = story_to_markdown(story)
    rows = [line for line in md.splitlines() if line.startswith("| 2023-06")]
    assert [r.split("|")[-2].strip() for r in rows] == ["ev1", "ev3", "ev5", "ev7", "ev8", "ev11"]
    folded = next(line for line in md.splitlines() if line.startswith("Folded"))
    assert folded.startswith("Folded, minor events (5): ev2 circulate (an open event naming no one")
    assert re.findall(r"\b(ev\d+) ", folded) == ["ev2", "ev4", "ev6", "ev9", "ev10"]
    # a folded event is not listed under "What we know" either, confirmed or not
    known = md.split("## What we know", 1)[1].split("## ", 1)[0]
    assert "ev9" not in known
