"""The status of a merged event from its mentions: confirmed / reported / alleged / speculated /
denied. Confirmed needs an on-record participant or representative, an official record the
text cites, or two independent named origins telling it unhedged, each in the foreground (not
in a relative clause or an aside); speculation, questions and hypotheticals never count
towards it, nor does repetition of one origin. See docs/story.md."""

from __future__ import annotations

from dataclasses import replace

from storyline.model import Article, Entity, Mention
from storyline.story.cues import Reading
from storyline.story.independence import (
    AFFIRMING,
    AGAINST,
    FIRM,
    key_of,
    person_key,
    retractions,
    speaks_as_outlet,
    trace_origins,
)

SPECULATIVE = ("speculated", "hypothetical")


def names_of(entity: Entity) -> set[str]:
    """Every name an entity goes by, normalised for comparison."""
    names = {person_key(entity.name)} | {person_key(a) for a in entity.aliases}
    names |= {person_key(m.text) for m in entity.mentions if m.kind in ("name", "alias")}
    return names


class NameBook:
    """`names_of` for every entity of a story, worked out once: status reads them per event,
    and recomputing them there made the story stage quadratic in the story's size."""

    def __init__(self, entities: dict[str, Entity]) -> None:
        self.entities = entities
        self._names: dict[str, set[str]] = {}
        self._people: frozenset[str] | None = None

    def of(self, entity_id: str) -> set[str]:
        if entity_id not in self._names:
            self._names[entity_id] = names_of(self.entities[entity_id])
        return self._names[entity_id]

    def people_besides(self, names: set[str]) -> set[str]:
        """The names of every person who takes no part: every person's names minus `names`,
        the participants' own."""
        if self._people is None:  # worked out once: this is asked for event after event
            self._people = frozenset(n for e in self.entities.values() if e.type == "PERSON"
                                     for n in self.of(e.id))  # fmt: skip
        return self._people - names


def _names_in(text: str, names: set[str]) -> bool:
    low = f" {person_key(text)} "
    return any(n in low and (f" {n} " in low or f" {n}'s " in low or f" {n}’s " in low)
               for n in names if n)  # `n in low` first: most names are not there at all


def on_record(m: Mention, participant_names: set[str],
              other_names: set[str] | None = None) -> bool:
    """Said by a participant in their own name, or by a representative: theirs, not someone
    else's ("a rep for Lenz" does not speak for a couple Lenz is no part of)."""
    if m.source.kind == "representative":
        name = m.source.name or ""
        return _names_in(name, participant_names) or not _names_in(name, other_names or set())
    return (m.source.kind == "named_person" and m.source.name is not None
            and person_key(m.source.name) in participant_names)


def effective(mentions: list[Mention]) -> list[Mention]:
    """The mentions with the author's stance read per article: an article that wonders whether
    something happened has not asserted it elsewhere, and once it says it only "reportedly"
    happened, what it asserts after that rests on the report (what it asserted before the
    hedge stands, as in `independence.trace_origins`)."""
    stance: dict[str, set[str]] = {}
    first_hedge: dict[str, int] = {}
    for m in mentions:
        if m.source.kind == "author":
            stance.setdefault(m.article, set()).add(m.certainty)
            if m.certainty == "alleged":
                first_hedge[m.article] = min(first_hedge.get(m.article, m.start), m.start)
    sourced = {m.article for m in mentions if m.source.kind != "author"}
    out = []
    for m in mentions:
        seen = stance.get(m.article, set())
        if m.source.kind == "author" and m.certainty in FIRM:
            if seen & set(SPECULATIVE):
                m = replace(m, certainty="speculated")
            elif m.article in first_hedge and first_hedge[m.article] <= m.start \
                    and m.article not in sourced:
                m = replace(m, certainty="alleged")
        out.append(m)
    return out


def status_of(
    mentions: list[Mention],
    participants: list[str],
    book: NameBook,
    articles: dict[str, Article],
    reading: Reading | None = None,
) -> str:
    """Apply the status rules to one event's mentions (`reading`: which are background)."""
    mentions = effective(mentions)
    names: set[str] = set()
    for p in participants:
        if p in book.entities:
            names |= book.of(p)
    # only a representative's words need the others' names ("a rep for Lenz")
    reps = any(m.source.kind == "representative" for m in mentions)
    others = book.people_besides(names) if reps else set()
    background = reading.background if reading is not None else frozenset()
    firm = [m for m in mentions if m.certainty in FIRM]
    affirming = [m for m in mentions if m.certainty in AFFIRMING]
    against = [m for m in mentions if m.certainty in AGAINST]
    telling = [m for m in mentions if m.certainty not in AGAINST]
    origins = trace_origins(telling, articles, reading)
    # an origin that took it back later no longer vouches for it (the retraction is shown)
    gone = retractions(origins, trace_origins(against, articles, reading), articles)
    withdrawn = {id(m) for o in origins if o.key in gone for m in o.mentions}
    foreground = [m for m in firm if key_of(m) not in background and id(m) not in withdrawn]
    if any(on_record(m, names, others) and not speaks_as_outlet(m, articles)
           for m in foreground):
        return "confirmed"
    named = [o for o in origins if o.named and o.key not in gone]
    if any(o.key[0] == "record" for o in named):
        return "confirmed"
    if any(on_record(m, names, others) and not speaks_as_outlet(m, articles)
           for m in against):
        return "denied"  # a principal's denial outweighs outlets, not a principal or a record
    if origins and all(o.key in gone for o in origins):
        return "denied"  # every origin that told it took it back: nobody stands by it
    if len(named) >= 2:
        return "confirmed"
    if firm:
        return "reported"
    if affirming:
        return "alleged"
    if any(m.certainty in SPECULATIVE for m in mentions):
        return "speculated"
    return "denied" if against else "reported"
