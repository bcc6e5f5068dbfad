"""State over time: relationships and roles as validity intervals, and "what held on date X".

A couple's events (engaged, married, separated, divorced, reconciled) become consecutive states:
each starts at its event and ends where the next one starts. Newer evidence never erases the
older: every state keeps its own status and evidence, so "married 2012..2023-08" stays beside
"separated from 2023-08". Speculated and denied events start no state. Roles run from
"appointed" to "resigned". See docs/story.md.
"""

from __future__ import annotations

from storyline.model import Event, State, Story
from storyline.nlp.events.frames import frames, kinds
from storyline.story import intervals as iv

# event type -> the couple state it starts: the `opens` of the pair frames
TRANSITIONS = {name: f.opens for name, f in frames().items() if f.pair and f.opens}
# A post held from the frame that opens "role" to the one that closes it
ROLE_STARTS = kinds(lambda f: f.opens == "role" and not f.pair)
ROLE_ENDS = kinds(lambda f: "role" in f.closes and not f.pair)
COUPLE_RELATIONS = ("spouse", "partner", "former_partner")
STANDING = ("confirmed", "reported", "alleged")  # statuses that can start a state


def couples(story: Story, predicates: tuple[str, ...] = COUPLE_RELATIONS) -> list[tuple[str, str]]:
    """Pairs the story relates as spouses or partners (sorted ids)."""
    pairs = {tuple(sorted((r.subject, r.object))) for r in story.relations
             if r.predicate in predicates and r.subject != r.object}
    return sorted(pairs)  # type: ignore[arg-type]


def person_ids(story: Story) -> set[str]:
    return {e.id for e in story.entities if e.type == "PERSON"}


def pair_of(
    ev: Event, pairs: list[tuple[str, str]], people_ids: set[str],
    spouses: list[tuple[str, str]] | None = None,
) -> tuple[str, str] | None:
    """The couple an event is about: its two people, or, when the text left them out ("the
    pair married"), the only couple the story knows that fits."""
    people = {p for p in ev.participants if p in people_ids}
    fitting = [p for p in pairs if people <= set(p)]
    if len(fitting) > 1 and spouses:  # prefer current spouses over former partners
        fitting = [p for p in fitting if p in spouses] or fitting
    if len(people) >= 2:
        exact = [p for p in pairs if set(p) <= people]
        if len(exact) == 1:
            return exact[0]
        two = sorted(people)
        return (two[0], two[1]) if len(two) == 2 else None
    return fitting[0] if len(fitting) == 1 else None


def _start_key(ev: Event) -> tuple[str, str]:
    w = iv.real(ev.time)
    return ((w.earliest or w.latest).isoformat(), (w.latest or w.earliest).isoformat())  # type: ignore[union-attr]


def derive_states(story: Story) -> list[State]:
    """Relationship and role states from the merged events (newer never erase older)."""
    pairs, people, spouses = couples(story), person_ids(story), couples(story, ("spouse",))
    by_pair: dict[tuple[str, str], list[Event]] = {}
    for ev in story.events:
        if ev.type in TRANSITIONS and ev.status in STANDING and iv.real(ev.time).bounded:
            pair = pair_of(ev, pairs, people, spouses)
            if pair:
                by_pair.setdefault(pair, []).append(ev)
    states: list[State] = []
    for pair in sorted(by_pair):
        seq = sorted(by_pair[pair], key=lambda e: (_start_key(e), e.id))
        for k, ev in enumerate(seq):
            nxt = next((n for n in seq[k + 1:] if TRANSITIONS[n.type] != TRANSITIONS[ev.type]),
                       None)
            states.append(State("", pair[0], TRANSITIONS[ev.type], pair[1],
                                start=iv.real_time(ev.time),
                                end=iv.real_time(nxt.time) if nxt else None, status=ev.status,
                                evidence=list(ev.mentions)))
    states += _roles(story)
    for n, s in enumerate(states, 1):
        s.id = f"s{n}"
    return states


def _roles(story: Story) -> list[State]:
    """A role from appointment to resignation (either end may be unknown)."""
    out: list[State] = []
    ends = [e for e in story.events if e.type in ROLE_ENDS and e.status in STANDING]
    used: set[str] = set()
    for ev in sorted((e for e in story.events if e.type in ROLE_STARTS and e.status in STANDING),
                     key=lambda e: e.id):
        if len(ev.participants) != 1:
            continue
        who = ev.participants[0]
        start = iv.real(ev.time)
        end = next((r for r in ends if r.participants[:1] == [who] and r.id not in used
                    and not iv.real(r.time).before(start) and iv.real(r.time).bounded), None)
        if end is not None:
            used.add(end.id)
        out.append(State("", who, "role", ev.place, start=iv.real_time(ev.time),
                         end=iv.real_time(end.time) if end else None, status=ev.status,
                         evidence=list(ev.mentions) + (list(end.mentions) if end else [])))
    return out


def _matching_entities(story: Story, entity: str) -> set[str]:
    want = entity.strip().casefold()
    return {e.id for e in story.entities
            if want in {e.id.casefold(), e.name.casefold(), *(a.casefold() for a in e.aliases)}}


def holds_during(state: State, when: iv.Interval) -> bool:
    """The state may hold at some point of `when` (both are honest about their precision)."""
    start, end = iv.of(state.start), iv.of(state.end) if state.end else None
    if start.earliest is not None and when.latest is not None and start.earliest > when.latest:
        return False
    ended = end is not None and end.latest is not None and when.earliest is not None \
        and end.latest < when.earliest
    return not ended


def state_at(story: Story, entity: str, at: str) -> list[State]:
    """What was true of `entity` at date `at`, with status and evidence.

    `entity` is matched against entity ids, names and aliases (case-insensitive); `at` is a
    TIMEX-style date: "2023", "2023-09" or "2023-09-01". Returns every state that may hold then
    (two when the date falls where one ends and the next begins), each with its status and the
    evidence behind it. Uses `story.states`, deriving them when the story has none.
    Raises LookupError for an unknown entity and ValueError for an unreadable date.
    Called by `storyline state STORE --entity NAME --at DATE` and the web API.
    """
    when = iv.parse(at)
    if when is None:
        raise ValueError(f"cannot read the date {at!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    ids = _matching_entities(story, entity)
    if not ids:
        raise LookupError(f"no entity named {entity!r} in this story")
    states = story.states or derive_states(story)
    return [s for s in states if (s.subject in ids or s.object in ids) and holds_during(s, when)]


def describe_state(state: State, names: dict[str, str]) -> str:
    """One line: "married: A and B, 2012 .. 2023-08 (confirmed)"."""
    who = names.get(state.subject, state.subject)
    if state.object:
        who += f" and {names.get(state.object, state.object)}"
    start = iv.describe(state.start) if state.start else "?"
    end = iv.describe(state.end) if state.end else "now"
    return f"{state.predicate}: {who}, {start} .. {end} ({state.status})"
