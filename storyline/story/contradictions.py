"""Contradictions: evidence that cannot all be true, each with both sides and plain words.

Kinds: `date` (one event, disagreeing dates), `denial` (a claim and someone else's denial of
it), `retraction` (the origin that told it takes it back later), `changed_account` (the same
origin tells the same happening differently later: another date, or another account marked as
a change, "now says"), `state`
(a couple's states in an impossible order, or a stated validity overlapping a separation),
`arithmetic` (a duration, anniversary or age that does not fit a date), `stale_reference` (an
article calls someone "husband" or "wife" after others reported the separation, without itself
mentioning it). See docs/story.md.
"""

from __future__ import annotations

from datetime import date

from storyline.model import (
    Article,
    Claim,
    Contradiction,
    ContradictionSide,
    Event,
    Mention,
    QuantityStatement,
    Story,
)
from storyline.nlp.events.frames import frame, frames, kinds
from storyline.story import intervals as iv
from storyline.story.cues import change_cue, reading_of
from storyline.story.facts import start_from_anniversary, start_from_duration
from storyline.story.independence import (
    AFFIRMING,
    AGAINST,
    Origin,
    key_of,
    retractions,
    support_of,
    trace_origins,
    when_published,
)
from storyline.story.merge import date_groups
from storyline.story.state import STANDING, couples, pair_of, person_ids

# Couple happenings by their frames' properties (storyline/nlp/events/frames/life.toml)
WEDDINGS = kinds(lambda f: f.opens == "married")
ENDINGS = kinds(lambda f: "married" in f.closes)
# Only a divorce needs a marriage to end: a couple may split long before they wed (and reunite).
DIVORCES = kinds(lambda f: "married" in f.closes and f.legal_end)
RECONCILIATIONS = kinds(lambda f: "separated" in f.closes)
BY_PREDICATE = kinds(lambda f: f.by_predicate)
MARRIAGE_WORDS = ("married", "marriage", "wedding", "wed")


def find_contradictions(
    story: Story,
    claims: list[Claim] | None = None,
    quantities: list[QuantityStatement] | None = None,
) -> list[Contradiction]:
    """Every contradiction the story's events, relations, facts and numbers reveal."""
    names = {e.id: e.name for e in story.entities}
    found: list[Contradiction] = []
    found += _date_conflicts(story, claims or [], names)
    found += _denials(story, claims or [], names)
    found += _changed_accounts(story, claims or [], names)
    found += _state_order(story, names)
    found += _stale_references(story, names)
    found += _arithmetic(story, quantities or [], names)
    for n, c in enumerate(found, 1):
        c.id = f"x{n}"
    return found


def _who(ev: Event, names: dict[str, str]) -> str:
    people = [names.get(p, p) for p in ev.participants]
    return " and ".join(people) if people else "the participants"


def _label(ev: Event, names: dict[str, str]) -> str:
    return f"{ev.type.replace('_', ' ')} of {_who(ev, names)}"


def _date_conflicts(
    story: Story, claims: list[Claim], names: dict[str, str]
) -> list[Contradiction]:
    by_id = {c.id: c for c in claims}
    arts = {a.id: a for a in story.articles}
    out = []
    for ev in story.events:
        if frame(ev.type).folded:
            continue  # a light or mental verb is no happening: its dates are no news
        groups = date_groups([by_id[c] for c in ev.claims if c in by_id])
        if len(groups) < 2:
            continue
        sides = []
        for g in groups:
            when = min(g, key=lambda c: iv.of(c.time).width).time
            sup = support_of([c.mention for c in g], arts, reading_of(g, arts))
            sides.append(ContradictionSide(
                f"{_label(ev, names)} in {iv.describe(when)} "
                f"({sup.articles} article(s), {sup.independent_sources} independent source(s))",
                [c.mention for c in g]))
        dates = " vs ".join(s.claim.split(" in ", 1)[1].split(" (")[0] for s in sides)
        out.append(Contradiction(
            "", "date",
            f"Reports disagree on when the {_label(ev, names)} happened: {dates}. The timeline "
            f"shows the best-supported date ({iv.describe(ev.time)}); both are kept, not averaged.",
            [ev.id], sides))
    return out


def _published(m: Mention, arts: dict[str, Article]) -> date | None:
    art = arts.get(m.article)
    return art.published.earliest if art is not None and art.published else None


def _when(m: Mention, arts: dict[str, Article]) -> tuple[date, str, int]:
    return when_published(m, arts)


def _dated(mentions: list[Mention], arts: dict[str, Article]) -> str:
    days = sorted({str(_published(m, arts) or "undated") for m in mentions})
    return ", ".join(days)


def _origins(mentions: list[Mention], arts: dict[str, Article], claims: list[Claim]
             ) -> dict[tuple[str, str], Origin]:
    """Origins of these mentions that stand behind them themselves (not an article relaying)."""
    if not mentions:  # no origin to trace: the claims' reading is not needed
        return {}
    reading = reading_of(claims, arts)
    out = {}
    for o in trace_origins(mentions, arts, reading):
        own = [m for m in o.mentions if not any(m is r for r in o.relayed)]
        if own and o.key[0] != "unattributed":
            out[o.key] = Origin(o.key, o.label, own, o.articles, o.named)
    return out


def _event_claims(ev: Event, by_key: dict[tuple[str, int, int], list[Claim]]) -> list[Claim]:
    return [c for m in ev.mentions for c in by_key.get(key_of(m), []) if c.type == ev.type]


def _denials(story: Story, claims: list[Claim], names: dict[str, str]) -> list[Contradiction]:
    """Told and denied: a `retraction` when the origin that told it takes it back later, else
    a `denial`; both sides keep their sources and publication dates."""
    arts = {a.id: a for a in story.articles}
    by_key: dict[tuple[str, int, int], list[Claim]] = {}
    for c in claims:
        by_key.setdefault(key_of(c.mention), []).append(c)
    out = []
    for ev in story.events:
        against = [m for m in ev.mentions if m.certainty in AGAINST]
        told = [m for m in ev.mentions if m.certainty in AFFIRMING]
        if not against or not told:
            continue
        reading = reading_of(_event_claims(ev, by_key), arts)
        telling = trace_origins(told, arts, reading)
        retracted: list[Mention] = []
        for _key, (before, later) in sorted(retractions(
                telling, trace_origins(against, arts, reading), arts).items()):
            retracted += later
            out.append(Contradiction(
                "", "retraction",
                f"{before.label} told the {_label(ev, names)} ({_dated(before.mentions, arts)}) "
                f"and later took it back ({_dated(later, arts)}); both are kept, and the "
                f"event's status is {ev.status}.",
                [ev.id],
                [ContradictionSide(f"{before.label}: the {_label(ev, names)} happened "
                                   f"({_dated(before.mentions, arts)})", before.mentions),
                 ContradictionSide(f"{before.label}: it did not ({_dated(later, arts)})",
                                   later)]))
        rest = [m for m in against if not any(m is r for r in retracted)]
        if not rest:
            continue
        deniers = sorted({m.source.name or m.source.kind.replace("_", " ") for m in rest})
        sources = sorted({o.label for o in telling if o.key[0] != "unattributed"})
        out.append(Contradiction(
            "", "denial",
            f"The {_label(ev, names)} is reported by {len({m.article for m in told})} article(s) "
            f"({_dated(told, arts)}) but denied by {', '.join(deniers)} ({_dated(rest, arts)}); "
            f"the event's status is {ev.status}.",
            [ev.id],
            [ContradictionSide(f"the {_label(ev, names)} happened"
                               + (f" ({', '.join(sources)})" if sources else ""), told),
             ContradictionSide(f"denied by {', '.join(deniers)}", rest)]))
    return out


def _changed_accounts(story: Story, claims: list[Claim], names: dict[str, str]
                      ) -> list[Contradiction]:
    """The same origin tells the same happening differently later: two dates for one event
    in different articles, or a later account marked as a change ("now says") of an earlier
    event sharing a participant. Both accounts are kept with their dates and sources."""
    arts = {a.id: a for a in story.articles}
    by_key: dict[tuple[str, int, int], list[Claim]] = {}
    for c in claims:
        by_key.setdefault(key_of(c.mention), []).append(c)
    of = {ev.id: _event_claims(ev, by_key) for ev in story.events}  # read thrice below
    told = {ev.id: _origins([m for m in ev.mentions if m.certainty in AFFIRMING], arts,
                            of[ev.id]) for ev in story.events}
    out = []
    for ev in story.events:
        evc = of[ev.id]
        for _key, o in sorted(told[ev.id].items()):
            own = {key_of(m) for m in o.mentions}
            groups = date_groups([c for c in evc if key_of(c.mention) in own])
            if len(groups) < 2:
                continue
            groups.sort(key=lambda g: min(_when(c.mention, arts) for c in g))
            if len({c.article for g in groups for c in g}) < 2:
                continue  # one article's two dates are a date conflict, not a change
            sides = [ContradictionSide(
                f"{o.label}: {iv.describe(min(g, key=lambda c: iv.of(c.time).width).time)} "
                f"({_dated([c.mention for c in g], arts)})", [c.mention for c in g])
                for g in groups]
            out.append(Contradiction(
                "", "changed_account",
                f"{o.label} dated the {_label(ev, names)} differently over time: "
                + "; then ".join(s.claim.split(": ", 1)[1] for s in sides) + ". Both are kept.",
                [ev.id], sides))
    said = {ev.id: _said(ev, arts, of[ev.id], told[ev.id]) for ev in story.events}
    tellers: dict[tuple[str, str], list[Event]] = {}  # each origin's events, in story order
    for ev in story.events:
        for key in said[ev.id]:
            tellers.setdefault(key, []).append(ev)
    seen: set[tuple[str, str]] = set()
    for later in story.events:
        for key, o in sorted(said[later.id].items()):
            alternative = bool({later.type, later.predicate} & ACCOUNT_KINDS)
            for m2 in sorted(o.mentions, key=lambda m: _when(m, arts)):
                cue = change_cue(m2.text)
                if cue is not None and later.predicate and \
                        cue.split()[-1].startswith(later.predicate[:5]):
                    cue = None  # "corrected" telling a correction: the act, not a new account
                if cue is None and not alternative:
                    continue
                earlier = _earlier_account(tellers[key], said, later, key, m2, arts,
                                           alternatives_only=cue is None)
                if earlier is None or (earlier[0].id, later.id) in seen:
                    continue
                ev1, before = earlier
                seen.add((ev1.id, later.id))
                first, then = _account(ev1, before, names), _account(later, [m2], names)
                why = f"\"{cue}\"" if cue else "an incompatible account"
                out.append(Contradiction(
                    "", "changed_account",
                    f"{o.label}'s account changed: first {first} ({_dated(before, arts)}), "
                    f"later {then} ({_dated([m2], arts)}, {why}). Both accounts are kept.",
                    [ev1.id, later.id],
                    [ContradictionSide(f"{o.label}: {first} ({_dated(before, arts)})", before),
                     ContradictionSide(f"{o.label}: {then} ({_dated([m2], arts)})", [m2])]))
    return out


def _said(ev: Event, arts: dict[str, Article], claims: list[Claim],
          told: dict[tuple[str, str], Origin]) -> dict[tuple[str, str], Origin]:
    """Each origin's own mentions of an event, telling or denying it (`told`: its origins of
    the affirming mentions, already traced)."""
    out = dict(told)
    for key, o in _origins([m for m in ev.mentions if m.certainty in AGAINST], arts,
                           claims).items():
        if key in out:
            out[key] = Origin(key, out[key].label, out[key].mentions + o.mentions,
                              out[key].articles | o.articles, out[key].named)
        else:
            out[key] = o
    return out


def _denies(mentions: list[Mention]) -> bool:
    return all(m.certainty in AGAINST for m in mentions)


def _account(ev: Event, mentions: list[Mention], names: dict[str, str]) -> str:
    if ev.type in BY_PREDICATE and ev.predicate:
        label = f"{ev.predicate} ({_who(ev, names)})"
        return f"not {label}" if _denies(mentions) else label
    return f"no {_label(ev, names)}" if _denies(mentions) else f"the {_label(ev, names)}"


def _earlier_account(events: list[Event], told: dict[str, dict[tuple[str, str], Origin]],
                     later: Event, key: tuple[str, str], m2: Mention,
                     arts: dict[str, Article], alternatives_only: bool = False
                     ) -> tuple[Event, list[Mention]] | None:
    """The latest other event (of `events`: the story's events origin `key` tells, in story
    order) the same origin told before `m2` about a shared participant;
    with `alternatives_only` (no change cue) only one the later event's frame marks as an
    incompatible account, told in an earlier article."""
    best: tuple[tuple[date, str, int], Event, list[Mention]] | None = None
    people, told_at = set(later.participants), _when(m2, arts)
    for ev in events:
        o = told[ev.id].get(key)
        if ev.id == later.id or o is None or not people.intersection(ev.participants):
            continue
        if alternatives_only and not _alternatives(ev, later):
            continue
        before = [m for m in o.mentions if _when(m, arts) < told_at
                  and (not alternatives_only or m.article != m2.article)]
        if ev.type == later.type and ev.predicate == later.predicate and \
                _denies(before) == _denies([m2]):
            continue  # the same kind of happening again, not another account of it
        if before and _denies(before) and _denies([m2]):
            continue  # denying two things is no change of account
        if before:
            last = max(_when(m, arts) for m in before)
            if best is None or last > best[0]:
                best = (last, ev, before)
    return (best[1], best[2]) if best else None


# Kinds and predicates some frame's `alternative_accounts` pairs with another account.
ACCOUNT_KINDS = frozenset().union(*(f.alternative_accounts | ({n} if f.alternative_accounts
                                                              else set())
                                    for n, f in frames().items()))


def _alternatives(a: Event, b: Event) -> bool:
    """Whether either event's frame lists the other's kind or predicate as an incompatible
    account of the same happening (`alternative_accounts` in the frame spec)."""
    return any(frame(x.type).alternative_accounts & {y.type, y.predicate or ""}
               for x, y in ((a, b), (b, a)))


def _couple_events(story: Story) -> dict[tuple[str, str], list[Event]]:
    pairs, people, spouses = couples(story), person_ids(story), couples(story, ("spouse",))
    out: dict[tuple[str, str], list[Event]] = {}
    for ev in story.events:
        if ev.status in STANDING and iv.real(ev.time).bounded:
            pair = pair_of(ev, pairs, people, spouses)
            if pair:
                out.setdefault(pair, []).append(ev)
    return out


def _state_order(story: Story, names: dict[str, str]) -> list[Contradiction]:
    """A divorce dated entirely before the wedding it would end; a stated marriage validity
    that runs past a reported separation."""
    out = []
    couple_events = _couple_events(story)
    for pair, evs in sorted(couple_events.items()):
        weddings = [e for e in evs if e.type in WEDDINGS]
        endings = [e for e in evs if e.type in ENDINGS]
        for w in weddings:
            for e in (e for e in endings if e.type in DIVORCES):
                if iv.real(e.time).before(iv.real(w.time)) and not _separate_marriages(w, weddings):
                    out.append(Contradiction(
                        "", "state",
                        f"The {_label(e, names)} is dated {iv.describe(e.time)}, before the "
                        f"wedding ({iv.describe(w.time)}): they cannot have divorced from a "
                        f"marriage that had not begun.",
                        [w.id, e.id],
                        [ContradictionSide(f"married in {iv.describe(w.time)}", w.mentions),
                         ContradictionSide(f"{e.type} in {iv.describe(e.time)}", e.mentions)]))
        for r in story.relations:
            if r.predicate != "spouse" or r.valid is None or \
                    tuple(sorted((r.subject, r.object))) != pair:
                continue
            for e in endings:
                valid, end = iv.of(r.valid), iv.real(e.time)
                if valid.latest and end.latest and valid.latest > end.latest:
                    out.append(Contradiction(
                        "", "state",
                        f"One report has the marriage holding until {iv.describe(r.valid)}, but "
                        f"the {_label(e, names)} is reported in {iv.describe(e.time)}.",
                        [r.id, e.id],
                        [ContradictionSide(f"married during {iv.describe(r.valid)}", r.evidence),
                         ContradictionSide(f"{e.type} in {iv.describe(e.time)}", e.mentions)]))
    return out


def _separate_marriages(w: Event, weddings: list[Event]) -> bool:
    return len(weddings) > 1  # an earlier marriage may be the one that ended


def _stale_references(story: Story, names: dict[str, str]) -> list[Contradiction]:
    """An article calls them husband/wife after others reported the separation, without
    mentioning the separation itself (and with no reported reconciliation since)."""
    arts = {a.id: a for a in story.articles}
    out = []
    for pair, evs in sorted(_couple_events(story).items()):
        endings = sorted((e for e in evs if e.type in ENDINGS),
                         key=lambda e: (iv.real(e.time).latest or date.max, e.id), reverse=True)
        knowing = {m.article for e in endings for m in e.mentions}
        stale: dict[str, list[Mention]] = {}
        for r in story.relations:
            if r.predicate != "spouse" or tuple(sorted((r.subject, r.object))) != pair:
                continue
            for m in r.evidence:
                art = arts.get(m.article)
                pub = art.published if art is not None else None
                if m.article in knowing or pub is None or pub.earliest is None:
                    continue
                end = next((e for e in endings if (iv.real(e.time).latest or date.max)
                            < pub.earliest), None)
                if end is None or any(e.type in RECONCILIATIONS and not iv.real(e.time).before(
                        iv.real(end.time)) and iv.real(e.time).before(iv.Interval(pub.earliest))
                        for e in evs):
                    continue
                stale.setdefault(end.id, []).append(m)
        for end_id, mentions in sorted(stale.items()):
            end = next(e for e in endings if e.id == end_id)
            mentions.sort(key=lambda m: (m.article, m.start))
            who = " and ".join(names.get(p, p) for p in pair)
            later = sorted({m.article for m in mentions})
            out.append(Contradiction(
                "", "stale_reference",
                f"{len(later)} article(s) published after the separation of {who} "
                f"({iv.describe(end.time)}, told by {end.support.articles} article(s)) still "
                f"call them husband and wife without mentioning it: {', '.join(later)}. They may "
                f"still be married in law, but the wording implies the relationship goes on.",
                [end.id, *pair],
                [ContradictionSide(f"separated in {iv.describe(end.time)}", end.mentions),
                 ContradictionSide("called husband/wife later", mentions)]))
    return out


def _implied_wedding(q: QuantityStatement, story: Story) -> iv.Interval | None:
    """The wedding interval a marriage duration or anniversary implies."""
    if q.unit != "year" or q.amount <= 0:
        return None
    at = iv.of(q.at) if q.at is not None else None
    if at is None or not at.bounded:
        art = next((a for a in story.articles if a.id == q.article), None)
        at = iv.of(art.published) if art is not None and art.published else None
    if at is None or at.earliest is None or at.latest is None:
        return None
    if q.kind == "anniversary":
        return iv.Interval(*start_from_anniversary(q.amount, at.earliest, at.latest))
    return iv.Interval(*start_from_duration(q.amount, at.earliest, at.latest))


def _arithmetic(story: Story, quantities: list[QuantityStatement],
                names: dict[str, str]) -> list[Contradiction]:
    out = []
    weddings = [e for e in story.events if e.type in WEDDINGS and iv.dated(iv.real_time(e.time))
                and e.status in STANDING]
    for q in sorted(quantities, key=lambda q: (q.article, q.start)):
        about_marriage = (q.relation or "").startswith("marri") or q.kind == "anniversary" or \
            any(w in q.text.lower() for w in MARRIAGE_WORDS)
        if q.kind not in ("duration", "anniversary") or not about_marriage:
            continue
        fits = [w for w in weddings if not q.subject or not w.participants
                or set(w.participants) <= set(q.subject) or set(q.subject) <= set(w.participants)]
        implied = _implied_wedding(q, story)
        if len(fits) != 1 or implied is None:
            continue
        w = fits[0]
        if implied.overlaps(iv.real(w.time)):
            continue
        said = Mention(q.article, q.start, q.end, q.text)
        out.append(Contradiction(
            "", "arithmetic",
            f'"{q.text}" puts the wedding in {iv.value_for(implied)}, but the wedding is '
            f"dated {iv.describe(w.time)}; the numbers do not fit.",
            [w.id, *q.subject],
            [ContradictionSide(f"married in {iv.describe(w.time)}", w.mentions),
             ContradictionSide(f"{q.amount} year(s) implies {iv.value_for(implied)}", [said])]))
    for f in story.facts:
        who = names.get(f.subject, f.subject)
        for w in weddings if f.attribute == "marriage" else []:
            if f.subject in w.participants and not iv.of(f.value).overlaps(iv.real(w.time)):
                out.append(Contradiction(
                    "", "arithmetic",
                    f"The numbers put {who}'s wedding in {iv.describe(f.value)}, but the wedding "
                    f"is reported in {iv.describe(w.time)}.",
                    [w.id, f.subject],
                    [ContradictionSide(f"married in {iv.describe(w.time)}", w.mentions),
                     ContradictionSide(f"derived: {iv.describe(f.value)}", f.evidence)]))
        if not f.conflicts:
            continue
        conflicting = [m for m in f.evidence if any(m.text in c for c in f.conflicts)]
        agreeing = [m for m in f.evidence if m not in conflicting]
        out.append(Contradiction(
            "", "arithmetic",
            f"Statements about {who}'s {f.attribute} do not fit together: "
            f"{'; '.join(f.conflicts)} (the others give {iv.describe(f.value)}).",
            [f.subject],
            [ContradictionSide(f"{f.attribute} {iv.describe(f.value)}", agreeing),
             ContradictionSide("; ".join(f.conflicts), conflicting)]))
    return out
