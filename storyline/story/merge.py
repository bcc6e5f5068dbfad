"""Merge per-sentence claims from all articles into events, one per happening.

Two claims tell the same happening when they have the same type, compatible participants (one
set inside the other, or one unknown), overlapping time intervals (a year and a day inside it
overlap; June and August do not) and the same place when both give one. Generic types
(statements, sightings, ...) also need a shared participant and a shared time or place, so
unrelated remarks never pool. Once-in-a-lifetime types (a couple's wedding) told with the same
named participants but disagreeing dates are one event with a date contradiction, never an
average. Claims are processed in a canonical order, so the result does not depend on the order
articles arrived in. See docs/story.md.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Callable, Set
from dataclasses import dataclass, field
from datetime import date, timedelta

from storyline.model import (
    Article,
    ArticleAnalysis,
    Claim,
    Entity,
    Event,
    PublicationDate,
    TimeValue,
)
from storyline.nlp.events.frames import OPEN, frame, kinds
from storyline.story import event_coref
from storyline.story import intervals as iv
from storyline.story.cues import reading_of
from storyline.story.event_coref import Coref
from storyline.story.independence import support_of
from storyline.story.status import SPECULATIVE, NameBook, status_of

# What each kind of happening allows is read off its frame (storyline/nlp/events/frames).
PAIR_TYPES = kinds(lambda f: f.pair)
ONCE_TYPES = kinds(lambda f: f.once_per_participant)
GENERIC_TYPES = kinds(lambda f: f.generic)
# Kinds the coreference model may join further (`_agglomerate`): all but the couple's, whose
# states and arithmetic the rules keep, and acts of speaking (two remarks are two statements;
# one interview's are joined by the claims stage).
LEARNED_TYPES = kinds(lambda f: not f.pair and not f.speech)
SPECULATION_HORIZON = timedelta(days=365)  # how far ahead an undated speculation may look
# An undated mention of something that can happen again (a split, a move) is taken to be about
# the news of its day: it joins a dated event only if that ends at most this long before the
# article's publication ("are living apart" in 2024 is not the couple's split of 2004).
RECENT_HORIZON = timedelta(days=2 * 365)
# A post changing hands or a step in court is news told by every outlet within days: undated
# mentions of the same person's appointment, departure or legal step (the same predicate:
# charged is not pleaded) in articles published this close together are one event.
NEWS_TYPES = kinds(lambda f: f.news_window)
SAME_PREDICATE = kinds(lambda f: f.by_predicate)  # the predicate tells two events apart
NEWS_WINDOW = timedelta(days=30)
_PLACE_WORDS = re.compile(r"[a-z0-9]+")
_PLACE_STOP = frozenset({"the", "of", "in", "at", "s", "de", "la", "le"})


@dataclass
class _Cluster:
    type: str
    claims: list[Claim] = field(default_factory=list)
    participants: Counter = field(default_factory=Counter)
    window: iv.Interval = field(default_factory=iv.Interval)  # all evidence, bounds included
    places: list[str] = field(default_factory=list)
    published: list[iv.Interval] = field(default_factory=list)  # of the claims' articles

    def add(self, c: Claim, window: iv.Interval, published: iv.Interval | None = None) -> None:
        self.claims.append(c)
        if published is not None and published.bounded:
            self.published.append(published)
        self.participants.update(c.participants)
        self.window = self.window.intersect(window)
        if c.place:
            self.places.append(c.place)


def _published(c: Claim, articles: dict[str, Article]) -> PublicationDate | None:
    art = articles.get(c.article)
    return art.published if art is not None else None


def claim_window(c: Claim, articles: dict[str, Article]) -> tuple[iv.Interval, bool]:
    """When a claim's happening can lie, and whether the text dated it explicitly.

    An undated claim told as fact happened no later than its article was published; an undated
    speculation looks at most a year ahead of it.
    """
    explicit = iv.of(c.time)
    if iv.dated(c.time):
        return explicit, True
    pub = _published(c, articles)
    if pub is None or pub.latest is None:
        return explicit, False
    if c.mention.certainty in SPECULATIVE:
        return explicit.intersect(
            iv.Interval(pub.earliest, pub.latest + SPECULATION_HORIZON)), False
    return explicit.intersect(iv.Interval(None, pub.latest)), False


def places_compatible(a: str, b: str) -> bool:
    """Same place: the words of the shorter name all appear in the longer one, or the names
    agree before a comma and their qualifiers after it agree as abbreviations, word by word
    ("Springfield, Mo." and "Springfield, Missouri"; not "Paris, Texas" and "Paris, France")."""
    wa, wb = set(_place_words(a)), set(_place_words(b))
    if not wa or not wb or wa <= wb or wb <= wa:
        return True
    head_a, _, qual_a = a.partition(",")
    head_b, _, qual_b = b.partition(",")
    if not qual_a or not qual_b or set(_place_words(head_a)) != set(_place_words(head_b)):
        return False
    qa, qb = _place_words(qual_a), _place_words(qual_b)
    return len(qa) == len(qb) and all(_abbreviates(x, y) or _abbreviates(y, x)
                                      for x, y in zip(qa, qb, strict=True))


def _place_words(name: str) -> list[str]:
    return [w for w in _PLACE_WORDS.findall(name.lower()) if w not in _PLACE_STOP]


def _abbreviates(short: str, word: str) -> bool:
    """`short` starts as `word` does and its letters come in `word` in order ("mo" of
    "missouri", "calif" of "california")."""
    rest = iter(word)
    return short[:1] == word[:1] and all(ch in rest for ch in short)


def _participants_fit(kind: str, have: Set[str], new: set[str]) -> bool:
    if not have or not new:
        return kind not in GENERIC_TYPES
    if not have & new:
        return False
    limit = frame(kind).max_participants
    return limit is None or len(have | new) <= limit


def recent_from(c: Claim, articles: dict[str, Article], explicit: bool) -> date | None:
    """For an undated claim of a repeatable kind: the earliest end a dated event it joins may
    have (see RECENT_HORIZON); None when any date will do."""
    if explicit or c.type in ONCE_TYPES:
        return None
    pub = _published(c, articles)
    if pub is None or pub.earliest is None:
        return None
    return pub.earliest - RECENT_HORIZON


def published_window(c: Claim, articles: dict[str, Article]) -> iv.Interval:
    pub = _published(c, articles)
    return iv.Interval(pub.earliest, pub.latest) if pub is not None else iv.Interval()


def _same_news(cl: _Cluster, published: iv.Interval | None) -> bool:
    """Published within NEWS_WINDOW of an article already telling this cluster's event."""
    if published is None or published.earliest is None or published.latest is None:
        return False
    near = iv.Interval(published.earliest - NEWS_WINDOW, published.latest + NEWS_WINDOW)
    return any(near.overlaps(p) for p in cl.published)


def _fits(cl: _Cluster, c: Claim, people: set[str], window: iv.Interval, explicit: bool,
          recent: date | None = None, published: iv.Interval | None = None,
          orgs: Set[str] = frozenset()) -> bool:
    if not _participants_fit(cl.type, cl.participants.keys(), people):
        return False
    if cl.type in NEWS_TYPES and orgs:  # hired by Microsoft is not re-hired by OpenAI
        mine, theirs = people & orgs, cl.participants.keys() & orgs
        if mine and theirs and not mine & theirs:
            return False
    if recent is not None and cl.window.latest is not None and cl.window.latest < recent \
            and _explicit(cl):
        return False
    if c.place and any(not places_compatible(c.place, p) for p in cl.places):
        return False
    if not cl.window.overlaps(window):
        return False
    if cl.type in GENERIC_TYPES:
        if cl.type in SAME_PREDICATE and any(x.predicate != c.predicate for x in cl.claims):
            return False
        same_time = explicit and any(iv.dated(x.time) for x in cl.claims) or (
            _explicit(cl) and iv.names_a_day_of(c.time, cl.window))
        same_place = bool(c.place and cl.places)
        same_news = cl.type in NEWS_TYPES and not explicit and _same_news(cl, published)
        return same_time or same_place or same_news
    return True


def _order(c: Claim, window: iv.Interval, explicit: bool) -> tuple:
    """Canonical processing order: dated and specific claims first, then by position."""
    return (not explicit, window.width, -len(c.participants), c.article, c.mention.start, c.id)


class _ClusterIndex:
    """Which clusters a claim could join (the participant test of `_fits`), found by type
    and participant instead of by trying every cluster: the same fits, far fewer tries."""

    def __init__(self, clusters: list[_Cluster]) -> None:
        self.clusters = clusters
        self.by_type: dict[str, list[int]] = {}
        self.by_person: dict[tuple[str, str], set[int]] = {}
        self.unnamed: dict[str, set[int]] = {}  # clusters without participants, by type

    def could_fit(self, kind: str, people: set[str]) -> set[int] | list[int]:
        if not people:
            return [] if kind in GENERIC_TYPES else self.by_type.get(kind, [])
        found: set[int] = set()
        for p in people:
            found |= self.by_person.get((kind, p), set())
        if kind not in GENERIC_TYPES:
            found |= self.unnamed.get(kind, set())
        return found

    def note(self, k: int) -> None:
        """Cluster `k` was created or grew."""
        cl = self.clusters[k]
        same_type = self.by_type.setdefault(cl.type, [])
        if not same_type or same_type[-1] < k:  # a new cluster: the highest index yet
            same_type.append(k)
        for p in cl.participants:
            self.by_person.setdefault((cl.type, p), set()).add(k)
        if cl.participants:
            self.unnamed.get(cl.type, set()).discard(k)
        else:
            self.unnamed.setdefault(cl.type, set()).add(k)


def cluster_claims(claims: list[Claim], articles: dict[str, Article],
                   orgs: Set[str] = frozenset(), coref: Coref | None = None
                   ) -> list[list[Claim]]:
    """Group claims into happenings (each group becomes one event); `orgs` are the entity ids
    of organisations (a post at one is not a post at another). The rules first; then, with
    `coref` (the coreference model, `coreference`), events of a generic kind are joined
    further by it (`_agglomerate`)."""
    windows = {c.id: claim_window(c, articles) for c in claims}
    recent = {c.id: recent_from(c, articles, windows[c.id][1]) for c in claims}
    published = {c.id: published_window(c, articles) for c in claims}
    clusters: list[_Cluster] = []
    index = _ClusterIndex(clusters)
    for c in sorted(claims, key=lambda c: _order(c, *windows[c.id])):
        window, explicit = windows[c.id]
        people = set(c.participants)
        fits = [k for k in index.could_fit(c.type, people)
                if _fits(clusters[k], c, people, window, explicit, recent[c.id],
                         published[c.id], orgs)
                and (coref is None or _same_story_part(clusters[k], c, people, coref))]  # fmt: skip
        if fits:
            k = max(fits, key=lambda k: (len(clusters[k].participants.keys() & people),
                                         len(clusters[k].claims), -k))
        else:
            k = len(clusters)
            clusters.append(_Cluster(c.type))
        clusters[k].add(c, window, published[c.id])
        index.note(k)
    if coref is not None:
        clusters = _agglomerate(clusters, coref, orgs)
    _join_conflicting_dates(clusters)
    return [cl.claims for cl in clusters]


def _same_story_part(cl: _Cluster, c: Claim, people: set[str], coref: Coref) -> bool:
    """With sub-topics known: a claim or event of a LEARNED_TYPES kind that names nobody
    joins only within its sub-topic (ECB+: "the quake" of one seminal event is not the other's;
    "the couple has split" is the couple's split wherever it is told)."""
    if cl.type not in LEARNED_TYPES or people & cl.participants.keys():
        return True
    sub = coref.subtopic.get(c.article)
    return any(coref.subtopic.get(x.article) == sub for x in cl.claims)


NEGATIVE = frozenset({"negated", "denied"})
# A block bigger than this is left to the rules (the model compares every pair in a block).
MAX_BLOCK = 150


def _agglomerate(clusters: list[_Cluster], coref: Coref, orgs: Set[str]) -> list[_Cluster]:
    """Average-link agglomerative clustering of the rules' events of each kind in
    LEARNED_TYPES (an open event's: of each predicate): the two events whose claims are on
    average most probably the same happening (story/event_coref.py) merge first, while that
    average reaches the model's threshold and nothing forbids it (`_joinable`: polarity,
    organisations, firm evidence of time).
    Deterministic: ties go to the earlier events."""
    framed = frames_of_predicates([c for cl in clusters for c in cl.claims], coref.same)
    blocks: dict[tuple[str, str | None], list[int]] = {}
    for k, cl in enumerate(clusters):
        if cl.type in LEARNED_TYPES:
            blocks.setdefault(block_of(cl.claims[0], framed, coref.same), []).append(k)
    gone: set[int] = set()
    threshold = coref.model.threshold
    for members in blocks.values():
        if len(members) < 2 or sum(len(clusters[k].claims) for k in members) > MAX_BLOCK:
            continue
        # summed pair probabilities between events; average = sum / (size a * size b)
        claims = [c for k in members for c in clusters[k].claims]
        prob = coref.probabilities(claims)
        at, first = {}, 0
        for k in members:
            at[k] = slice(first, first + len(clusters[k].claims))
            first += len(clusters[k].claims)
        sums: dict[tuple[int, int], float] = {}
        rows = prob.tolist()  # a pair of one-claim events reads its one probability
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                sa, sb = at[a], at[b]
                sums[(a, b)] = rows[sa.start][sb.start] if (
                    sa.stop - sa.start == 1 and sb.stop - sb.start == 1
                ) else float(prob[sa, sb].sum())
        _join_best_first(clusters, members, sums, threshold,
                         lambda a, b: _joinable(clusters[a], clusters[b], orgs, coref), gone)
    return [cl for k, cl in enumerate(clusters) if k not in gone]


def _join_best_first(clusters: list[_Cluster], members: list[int],
                     sums: dict[tuple[int, int], float], threshold: float,
                     joinable: Callable[[int, int], bool], gone: set[int]) -> None:
    """Merge the pair of events (a < b, in `members`) with the highest average probability
    (`sums` / sizes) that reaches `threshold` and is `joinable`, ties to the first pair in
    (a, b) order; again until none is left. Pairs wait in a heap by (-average, a, b): an entry
    is stale once a or b changed (its version), and a pair found not joinable is dropped until
    one of its events grows (joinability reads only the two events), so each round looks at
    the best pairs only, not at every pair."""
    def avg(a: int, b: int) -> float:
        return sums[(a, b)] / (len(clusters[a].claims) * len(clusters[b].claims))

    version = dict.fromkeys(members, 0)
    size = {k: len(clusters[k].claims) for k in members}  # `avg` inlined: every pair once
    heap = [(-v, a, b, 0, 0) for (a, b), s in sums.items()
            if (v := s / (size[a] * size[b])) >= threshold]
    heapq.heapify(heap)
    alive = list(members)
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if a in gone or b in gone or version[a] != va or version[b] != vb or not joinable(a, b):
            continue
        for c in alive:  # b goes into a: a's sums with every other event add up
            if c in (a, b):
                continue
            ab = sums.pop((min(b, c), max(b, c)))
            key = (min(a, c), max(a, c))
            sums[key] += ab
        del sums[(a, b)]
        _absorb(clusters[a], clusters[b])
        alive.remove(b)
        gone.add(b)
        version[a] += 1
        for c in alive:
            if c != a and (v := avg(min(a, c), max(a, c))) >= threshold:
                lo, hi = min(a, c), max(a, c)
                heapq.heappush(heap, (-v, lo, hi, version[lo], version[hi]))


def frames_of_predicates(claims: list[Claim], same: dict[str, str] | None = None
                         ) -> dict[str, str]:
    """Predicate -> the LEARNED_TYPES frame its claims of this build most often have, for the
    words that a frame's claims use ("killed" as a death in one sentence is a death where it
    came out an open event in another: the frame's patterns did not match there)."""
    counts: dict[str, Counter] = {}
    for c in claims:
        if c.type != OPEN and c.type in LEARNED_TYPES and c.predicate:
            key = event_coref.predicate_key(c.predicate) or ""
            counts.setdefault((same or {}).get(key, key), Counter())[c.type] += 1
    return {p: max(n, key=lambda t: (n[t], t)) for p, n in counts.items()}


def block_of(c: Claim, framed: dict[str, str], same: dict[str, str] | None = None
             ) -> tuple[str, str | None]:
    """The block of a LEARNED_TYPES claim's event in `_agglomerate`: its frame (an open
    event's: the frame its predicate has elsewhere, `frames_of_predicates`), and the predicate
    where the frame tells events apart by it."""
    key = event_coref.predicate_key(c.predicate)
    key = (same or {}).get(key or "", key)  # a synonym group (event_coref.synonym_roots)
    kind = framed.get(key or "", c.type) if c.type == OPEN else c.type
    return kind, key if kind in SAME_PREDICATE else None


def _joinable(a: _Cluster, b: _Cluster, orgs: Set[str], coref: Coref) -> bool:
    """What the model may not override when joining two events: the same polarity (a denial
    joins what it denies by the rules only, which tell a retraction from a changed account),
    the same place when both name one, the same organisation for a post, and what firm
    evidence of time says (`Coref.forbidden`: firm dates that disagree, dates years apart, the
    news of the day against a known article date). Weaker evidence (dates days apart read
    against an inferred article date, other people, a frame's participant limit) only weighs
    in the model (event_coref.FEATURES)."""
    if _negative(a) != _negative(b):
        return False
    if any(not places_compatible(p, q) for p in a.places for q in b.places):
        return False
    if a.type in NEWS_TYPES and orgs:
        mine, theirs = a.participants.keys() & orgs, b.participants.keys() & orgs
        if mine and theirs and not mine & theirs:
            return False
    return not coref.forbidden(a.claims, b.claims)


def _negative(cl: _Cluster) -> bool:
    return all(c.mention.certainty in NEGATIVE for c in cl.claims)


def _absorb(a: _Cluster, b: _Cluster) -> None:
    a.claims += b.claims
    a.participants.update(b.participants)
    a.window = a.window.intersect(b.window)
    a.places += b.places
    a.published += b.published


def _join_conflicting_dates(clusters: list[_Cluster]) -> None:
    """A couple marries once: same named participants, disagreeing dates -> one event."""
    i = 0
    while i < len(clusters):
        a = clusters[i]
        need = 2 if a.type in PAIR_TYPES else 1
        pa = set(a.participants)
        j = i + 1
        while a.type in ONCE_TYPES and len(pa) >= need and j < len(clusters):
            b = clusters[j]
            pb = set(b.participants)
            arity = frame(a.type).max_participants  # a birth: the same parents and child
            full = a.type in PAIR_TYPES or arity is None or arity < 3 or len(pa) == len(pb) == arity
            if b.type == a.type and len(pb) >= need and (pa <= pb or pb <= pa) and full \
                    and _explicit(a) and _explicit(b) and not a.window.overlaps(b.window):
                a.claims += b.claims
                a.participants.update(b.participants)
                a.places += b.places
                pa = set(a.participants)
                del clusters[j]
            else:
                j += 1
        i += 1


def _explicit(cl: _Cluster) -> bool:
    return any(iv.dated(c.time) for c in cl.claims)


def date_groups(claims: list[Claim]) -> list[list[Claim]]:
    """Split the dated claims of one event into groups whose dates agree (1 group = no conflict)."""
    groups: list[tuple[iv.Interval, list[Claim]]] = []
    dated = [c for c in claims if iv.dated(c.time)]
    for c in sorted(dated, key=lambda c: (iv.of(c.time).width, c.article, c.mention.start)):
        w = iv.of(c.time)
        for k, (gw, members) in enumerate(groups):
            if gw.overlaps(w):
                groups[k] = (gw.intersect(w), members + [c])
                break
        else:
            groups.append((w, [c]))
    return [members for _, members in groups]


def merged_time(claims: list[Claim], articles: dict[str, Article],
                support_key=None) -> TimeValue | None:
    """The tightest interval the evidence supports; with disagreeing dates, the best-supported
    group's (the others are reported as a contradiction, not averaged in). With no dated
    mention, the bounds the claims' article dates give ("before 2024-06-04"), if they agree."""
    groups = date_groups(claims)
    if not groups:
        return bound_time(claims)
    chosen = max(groups, key=support_key) if support_key and len(groups) > 1 else groups[0]
    window = iv.Interval()
    for c in chosen:
        window = window.intersect(iv.of(c.time))
    for c in claims:
        bound, explicit = claim_window(c, articles)
        if not explicit and c.mention.certainty not in SPECULATIVE and window.overlaps(bound):
            window = window.intersect(bound)
    narrowest = min(chosen, key=lambda c: (iv.of(c.time).width, c.article, c.mention.start))
    if narrowest.time is None:
        return TimeValue(iv.value_for(window), window.earliest, window.latest)
    value = iv.fit_value(narrowest.time.value, iv.of(narrowest.time), window)
    fitted = iv.parse(value)
    if fitted is not None and fitted.overlaps(window):
        window = window.intersect(fitted)  # "XXXX-08-20" resolved: the window is that day
    return iv.honest(TimeValue(value, window.earliest, window.latest))  # no 1901..2026 spans


def bound_time(claims: list[Claim]) -> TimeValue | None:
    """An undated event's one-sided bound, the tightest of its claims' `time_bound`s (told as
    done: on or before the article's date; told as ahead: after it); None when no claim has
    one. A speculation or hypothesis gives only "after" ("could reconcile", "will be
    sentenced"): its past tense is often the verb above it ("decided to move"). Told as done
    wins over told as ahead: the bound stays one-sided."""
    bounds = [(iv.of(c.time_bound), c.mention.certainty in SPECULATIVE) for c in claims
              if c.time_bound is not None]
    before = [b.latest for b, spec in bounds
              if b.latest is not None and b.earliest is None and not spec]
    after = [b.earliest for b, _ in bounds if b.earliest is not None and b.latest is None]
    if before:
        day = min(before)
        return TimeValue(iv.value_for(iv.Interval(None, day)), None, day)
    if after:
        day = max(after)
        return TimeValue(iv.value_for(iv.Interval(day, None)), day, None)
    return None


def merge_claims(
    articles: list[Article], analyses: list[ArticleAnalysis], entities: list[Entity]
) -> list[Event]:
    """One Event per happening, with support, status and every mention; ids in time order."""
    by_id = {a.id: a for a in articles}
    ents = {e.id: e for e in entities}
    claims = [c for a in analyses for c in a.claims]
    orgs = {e.id for e in entities if e.type in ("ORG", "OUTLET")}
    book = NameBook(ents)
    coref = coreference(claims, [a for a in articles if a.status == "ok"], entities)
    events = [_event(group, by_id, book)
              for group in cluster_claims(claims, by_id, orgs, coref)]
    events.sort(key=_event_order)
    for n, ev in enumerate(events, 1):
        ev.id = f"ev{n}"
    return events


NAMED_TYPES = frozenset({"PERSON"})  # whose names the model never joins across (_joinable)


def coreference(claims: list[Claim], articles: list[Article], entities: list[Entity],
                model: event_coref.PairModel | None = None) -> Coref | None:
    """The coreference model (default: the shipped one) over one build's claims, the articles
    split into sub-topics (event_coref.subtopics); None without a model."""
    model = model or event_coref.load()
    if model is None:
        return None
    named = frozenset(e.id for e in entities if e.type in NAMED_TYPES
                      and any(m.kind == "name" for m in e.mentions))
    return Coref(claims, {a.id: a for a in articles}, model, named=named)


def _event(group: list[Claim], articles: dict[str, Article], book: NameBook) -> Event:
    group = sorted(group, key=lambda c: (c.article, c.mention.start, c.id))
    counts: Counter = Counter(p for c in group for p in c.participants)
    participants = sorted(counts, key=lambda p: (-counts[p], p))
    mentions, seen = [], set()
    for c in group:
        key = (c.mention.article, c.mention.start, c.mention.end, c.mention.certainty)
        if key not in seen:
            seen.add(key)
            mentions.append(c.mention)

    reading = reading_of(group, articles)

    def support_key(members: list[Claim]) -> tuple:
        sup = support_of([c.mention for c in members], articles, reading)
        earliest = min((iv.of(c.time).earliest or date.max) for c in members)
        return (sup.independent_sources, sup.articles, -earliest.toordinal())

    places = Counter(c.place for c in group if c.place)
    predicates = Counter(c.predicate for c in group if c.predicate)
    # an open mention joined to a framed happening ("fire" beside "resigned") keeps the frame
    types = Counter(c.type for c in group if c.type != OPEN) or Counter([OPEN])
    return Event(
        id="",
        type=max(types, key=types.__getitem__),  # a tie: the first told (Counter keeps order)
        participants=participants,
        time=merged_time(group, articles, support_key),
        place=max(places, key=lambda p: (places[p], len(p), p)) if places else None,
        status=status_of(mentions, participants, book, articles, reading),
        support=support_of(mentions, articles, reading),
        mentions=mentions,
        predicate=max(predicates, key=lambda p: (predicates[p], p)) if predicates else None,
        detail=next((c.detail for c in group if c.detail), None),
        claims=[c.id for c in group],
    )


def _event_order(ev: Event) -> tuple:
    w = iv.real(ev.time)  # a bound sorts as undated
    first = ev.mentions[0] if ev.mentions else None
    return (
        w.earliest is None and w.latest is None,
        (w.earliest or w.latest or date.max).isoformat(),
        (w.latest or date.max).isoformat(),
        ev.type,
        (first.article, first.start) if first else ("", 0),
    )
