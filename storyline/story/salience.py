"""Salience: which events a timeline shows by default, which it folds, and why.

A view over the merged events, never a filter at extraction: every event stays in story.json
with `salient` and the reason, and story.md, the report and `storyline show` fold the rest
under "show all" (docs/events.md, salience). The signals are the story's own: who the most
articles are about, how many independent origins tell an event, what its frame is (a
`folded` frame: light and mental verbs) and whether it is told only as an undated possibility.
"""

from __future__ import annotations

from collections import Counter

from storyline.model import Entity, Event, Story
from storyline.nlp.events.frames import frame
from storyline.story.intervals import real

# Entities that say who reports, not who the story is about.
NOT_PARTICIPANTS = frozenset({"OUTLET"})


def main_participants(entities: list[Entity], share: float) -> list[str]:
    """The story's main participants: the entities mentioned in at least `share` of as many
    articles as the most widely mentioned one (mention counts decide in a one-article story),
    most mentioned first."""
    articles = {e.id: len({m.article for m in e.mentions}) for e in entities
                if e.type not in NOT_PARTICIPANTS and e.mentions}  # fmt: skip
    if not articles:
        return []
    mentions = Counter({e.id: len(e.mentions) for e in entities if e.id in articles})
    score = articles if max(articles.values()) > 1 else mentions
    top = max(score.values())
    main = [i for i, n in score.items() if n >= share * top]
    return sorted(main, key=lambda i: (-articles[i], -mentions[i], i))


def judge(
    ev: Event, main: set[str], names: dict[str, str], disputed: set[str] = frozenset()
) -> tuple[bool, str]:
    """Shown or folded, and why in words."""
    f = frame(ev.type)
    corroborated = ev.support.independent_sources >= 2
    about = [names.get(p, p) for p in ev.participants if p in main]
    if f.open and not ev.participants:
        return False, "an open event naming no one"
    if ev.id in disputed:
        return True, "disputed: a contradiction names it"
    if f.folded:
        return False, "a light, mental or aspectual verb, no happening of its own"
    if f.open and ev.status == "speculated" and not real(ev.time).bounded:
        return False, "an undated open event told only as a possibility (an aim, a guess)"
    if corroborated:
        return True, f"told by {ev.support.independent_sources} independent origins"
    if f.topic_neutral:
        return False, "a statement told by one origin"
    if about:
        return True, f"about {', '.join(about)}"
    if ev.participants:
        return False, "one origin, about none of the story's main participants"
    return True, "a framed happening naming no one (a quake, a fire)"


def mark_salience(story: Story, share: float) -> None:
    """Set every event's `salient` and `salience` (the reason)."""
    names = {e.id: e.name for e in story.entities}
    main = set(main_participants(story.entities, share))
    disputed = {s for c in story.contradictions for s in c.subjects}
    for ev in story.events:
        ev.salient, ev.salience = judge(ev, main, names, disputed)
