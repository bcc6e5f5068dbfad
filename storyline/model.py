"""The data model every stage speaks: plain typed dataclasses, serialisable to story.json.

Offsets (`start`, `end`) are always character offsets into `Article.raw`, the input as
decoded text, so `article.raw[start:end] == text` holds for every span. Stages add to
these objects and hand them on; none reaches back upstream.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, get_args

SCHEMA = "storyline/1"

# Vocabularies shared by several stages (documented in docs/schema.md).
PublishedMethod = Literal["header", "html", "url", "json", "text", "inferred", "unknown"]
SourceKind = Literal[
    "named_person", "representative", "anonymous_source", "eyewitness", "outlet", "author"
]
Certainty = Literal[
    "asserted", "reported", "alleged", "speculated", "denied", "hypothetical", "negated"
]
EventStatus = Literal["confirmed", "reported", "alleged", "speculated", "denied"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]  # TimeML TIMEX3 types
ArticleStatus = Literal["ok", "skipped", "duplicate"]
OutletMethod = Literal["header", "html", "url", "json", "text"]  # where the outlet was read
MentionKind = Literal["name", "alias", "description", "pronoun"]
QuantityKind = Literal["age", "anniversary", "duration"]
QuoteKind = Literal["direct", "indirect"]
PUBLISHED_METHODS: tuple[str, ...] = get_args(PublishedMethod)
SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)
CERTAINTIES: tuple[str, ...] = get_args(Certainty)
EVENT_STATUSES: tuple[str, ...] = get_args(EventStatus)
TIMEX_TYPES: tuple[str, ...] = get_args(TimexType)
# What a Contradiction is about (story/contradictions.py, docs/story.md).
ContradictionKind = Literal[
    "date",
    "state",
    "arithmetic",
    "stale_reference",
    "denial",  # someone else says it did not happen
    "retraction",  # the origin that told it later takes it back
    "changed_account",  # the same origin later tells the same happening differently
]
CONTRADICTION_KINDS: tuple[str, ...] = get_args(ContradictionKind)
# An event's time relative to its article's date (TimeML TLINK relTypes, event to DCT).
DctRelation = Literal["BEFORE", "AFTER", "INCLUDES", "IS_INCLUDED", "OVERLAP", "VAGUE"]
DCT_RELATIONS: tuple[str, ...] = get_args(DctRelation)
# Event types are frame names, data not code: storyline/nlp/events/frames/*.toml (docs/events.md);
# a predicate outside every frame is type "other" with its lemma as `predicate`.
# Roles of an event's participants, read off the parse (docs/events.md).
RoleName = Literal["agent", "patient", "participant"]
ROLE_NAMES: tuple[str, ...] = get_args(RoleName)


def _no_json(**kw: Any) -> Any:
    """A field kept in memory and in the store but left out of story.json."""
    return field(metadata={"json": False}, **kw)


# --------------------------------------------------------------------------- time


@dataclass
class TimeValue:
    """A TIMEX3-style value with honest precision and the inclusive interval it covers."""

    value: str  # "2024-02-23", "2023-08", "2016", "2023-SP", "P15M", "PAST_REF"
    earliest: date | None = None
    latest: date | None = None


@dataclass
class PublicationDate(TimeValue):
    """When an article was published, and how we know."""

    method: PublishedMethod = "unknown"
    reason: str = ""


@dataclass
class Timex:
    """A time expression found in an article, normalised against its publication date."""

    article: str
    start: int
    end: int
    text: str
    type: TimexType
    value: str
    earliest: date | None = None
    latest: date | None = None
    anchor: str = "dct"  # dct (publication date), event (another event), none (absolute)
    # What re-reads it against another article date without the parse (story/dating.py): the
    # grammar rule that read it and the tense it was read with (past, future, present, would).
    rule: str = ""
    tense: str | None = None


@dataclass
class EventAnchor:
    """When one event trigger happened, from storyline/nlp/time/anchoring.py: the time
    expression governing it, else its relation to the article's date, and why."""

    timex: Timex | None = None  # the governing time expression, if any
    relation: DctRelation = "VAGUE"  # the event against the article's date
    time: TimeValue | None = None  # the timex's interval, else a bound from the article's date
    reason: str = ""


# ------------------------------------------------------------------------ ingest


@dataclass
class Removed:
    """A stretch of page furniture blanked out of an article's content, and why."""

    start: int
    end: int
    kind: str  # photo_credit, image_name, tracking_token, promo, caption, header, ...


@dataclass
class Article:
    """One input article (or the record of an input that could not be used)."""

    id: str
    path: str
    status: ArticleStatus = "ok"
    problem: str | None = None  # why it was skipped, in words
    format: str = "txt"  # txt, html, json
    raw: str = _no_json(default="")
    content: str = _no_json(default="")  # raw with furniture blanked: same length as raw
    removed: list[Removed] = field(default_factory=list)
    outlet: str | None = None
    outlet_method: OutletMethod | None = None
    cited_outlets: list[str] = field(default_factory=list)  # outlets credited in the text
    title: str | None = None
    url: str | None = None
    published: PublicationDate | None = None
    language: str | None = None
    duplicate_of: str | None = None  # id of the article this one copies
    similarity: float | None = None  # estimated Jaccard similarity to duplicate_of


# --------------------------------------------------------------------------- nlp


@dataclass
class Source:
    """Who asserts a claim: the origin and the chain of outlets it passed through."""

    kind: SourceKind
    name: str | None = None
    via: list[str] = field(default_factory=list)  # outlets, nearest the origin first


@dataclass
class Mention:
    """Evidence: a span of one article, with its attribution and certainty."""

    article: str
    start: int
    end: int
    text: str
    source: Source = field(default_factory=lambda: Source("author"))
    certainty: Certainty = "asserted"


@dataclass
class EntityMention:
    """One way an entity is named in an article."""

    article: str
    start: int
    end: int
    text: str
    entity: str  # local id in an ArticleAnalysis, global id in a Story
    kind: MentionKind = "name"


@dataclass
class Entity:
    """A person, organisation, place or work, with every name it goes by."""

    id: str
    name: str
    type: str  # PERSON, ORG, GPE, LOC, WORK, OUTLET, EVENT, ...
    aliases: list[str] = field(default_factory=list)
    mentions: list[EntityMention] = field(default_factory=list)
    birth: TimeValue | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    # How the type was decided over all mentions in all articles, one line per kind of
    # evidence with its count ("spaCy label PERSON x3", "plural verb x2", "rule: ...").
    type_evidence: list[str] = field(default_factory=list)
    # Why local entities were merged into this one, one line per merge, naming the rule and
    # both names so a wrong merge can be found and undone.
    merge_evidence: list[str] = field(default_factory=list)


@dataclass
class Relation:
    """A stated relation between two entities (spouse, child, cast, ...)."""

    id: str
    subject: str
    predicate: str  # spouse, child, parent, former_partner, role, employer, member, ...
    object: str
    evidence: list[Mention] = field(default_factory=list)
    valid: TimeValue | None = None
    # What the text adds: the role title of an employer relation ("role": "director of dance"),
    # "ended": "yes" when the text says the person left it.
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass
class QuantityStatement:
    """A number that pins a date by arithmetic: "Portman, 42", "11th wedding anniversary"."""

    article: str
    start: int
    end: int
    text: str
    kind: QuantityKind
    subject: list[str]  # entity ids
    amount: int
    unit: str = "year"
    at: TimeValue | None = None  # when the statement holds (default: publication date)
    relation: str | None = None  # e.g. "married" for anniversaries and marriage durations


@dataclass
class Claim:
    """One event as told by one sentence of one article, before merging across articles."""

    id: str
    article: str
    type: str  # a frame name (storyline/nlp/events/frames), "other" for an open event
    mention: Mention
    predicate: str | None = None  # lemma for type "other", or the trigger word
    participants: list[str] = field(default_factory=list)  # entity ids
    time: TimeValue | None = None
    time_text: str | None = None
    # With no governing time expression: the one-sided bound its article's date gives it from
    # the tense ("pleaded guilty" in an article of 2024-06-04: on or before that day). Not a
    # date: merging never compares it; an event takes it only when no mention of it is dated.
    time_bound: TimeValue | None = None
    time_reason: str | None = None  # the anchoring step's reason for `time` or `time_bound`
    # The anchoring step's relation to the article's date (one of DCT_RELATIONS), kept so the
    # bound can be redrawn when the story stage dates the article anew (story/dating.py).
    dct_relation: str | None = None
    place: str | None = None
    detail: str | None = None  # what was notable: "without her wedding ring"
    # Character span of the word that made the claim (its trigger), when there is one: what
    # event-mention benchmarks (MEANTIME, ECB+, the TimeLine task) are scored on.
    trigger: tuple[int, int] | None = None
    roles: list[Role] = field(default_factory=list)  # who did it, to whom (from the parse)


@dataclass
class Role:
    """A participant's part in a claim's event: agent ("X fired Y": X), patient (Y), or
    participant in a symmetric event (either of a couple that married)."""

    name: RoleName
    entity: str  # entity id
    # Character span of the name the parse found in this role, in the claim's article (None
    # for a participant added without one: "the couple" resolved to the pair named before).
    # Which mention of the entity fills the role: benchmarks score links to that mention.
    span: tuple[int, int] | None = None


@dataclass
class Quote:
    """Words attributed to a speaker, direct ("...") or indirect."""

    id: str
    article: str
    start: int
    end: int
    text: str
    kind: QuoteKind = "direct"
    speaker: str | None = None  # entity id
    speaker_name: str | None = None
    source: Source = field(default_factory=lambda: Source("author"))
    venue: str | None = None  # "Vanity Fair", "a SiriusXM interview"
    # Character spans of the reporting cue ("said", "according") and of the speaker's phrase,
    # when the text has them (a continued quote's cue is the one it continues).
    cue: tuple[int, int] | None = None
    speaker_span: tuple[int, int] | None = None


@dataclass
class ArticleAnalysis:
    """What the nlp stage found in one article; ids are local to the article."""

    article: str
    # The article date its times were read against (the story stage may date the article
    # anew from the other articles and re-read them: story/dating.py).
    dct: PublicationDate | None = None
    sentences: list[tuple[int, int]] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quantities: list[QuantityStatement] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


# ------------------------------------------------------------------------- story


@dataclass
class Support:
    """How many articles tell an event and how many independent origins they go back to."""

    articles: int = 0
    independent_sources: int = 0
    origins: list[str] = field(default_factory=list)  # one line per independent origin
    chains: list[list[str]] = field(default_factory=list)  # per mention: origin, via..., article


@dataclass
class Event:
    """One happening, merged from every mention of it across articles."""

    id: str
    type: str
    participants: list[str] = field(default_factory=list)
    time: TimeValue | None = None
    place: str | None = None
    status: EventStatus = "reported"
    support: Support = field(default_factory=Support)
    mentions: list[Mention] = field(default_factory=list)
    predicate: str | None = None
    detail: str | None = None
    claims: list[str] = field(default_factory=list)  # ids of the Claims merged here
    # Shown by default or folded under "show all" (story/salience.py), and why in words.
    salient: bool = True
    salience: str = ""


@dataclass
class Fact:
    """A derived fact (a birth interval, a wedding date) with every statement behind it."""

    id: str
    subject: str  # entity id
    attribute: str  # birth, marriage
    value: TimeValue
    object: str | None = None  # the other party, when there is one (the spouse of a marriage)
    evidence: list[Mention] = field(default_factory=list)
    derivation: list[str] = field(default_factory=list)  # one line per input statement
    conflicts: list[str] = field(default_factory=list)  # statements that do not intersect


@dataclass
class ContradictionSide:
    """One side of a contradiction: what is claimed, and where."""

    claim: str
    evidence: list[Mention] = field(default_factory=list)


@dataclass
class Contradiction:
    """Two or more pieces of evidence that cannot all be true."""

    id: str
    kind: ContradictionKind
    explanation: str
    subjects: list[str] = field(default_factory=list)  # event or entity ids
    sides: list[ContradictionSide] = field(default_factory=list)


@dataclass
class State:
    """A relationship or role holding over an interval ("married 2012-08-04..2023-08")."""

    id: str
    subject: str
    predicate: str  # married, separated, role, ...
    object: str | None = None
    start: TimeValue | None = None
    end: TimeValue | None = None
    status: str = "reported"
    evidence: list[Mention] = field(default_factory=list)


@dataclass
class Story:
    """Everything storyline knows about one story: the contract behind story.json."""

    schema: str = SCHEMA
    pipeline_version: str = ""
    articles: list[Article] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    states: list[State] = field(default_factory=list)
    timexes: list[Timex] = _no_json(default_factory=list)


@dataclass
class StoryCluster:
    """Articles of a feed about one happening, found by topic detection (story/clusters.py)."""

    id: str
    articles: list[str] = field(default_factory=list)  # article ids, in the order they joined
    title: str | None = None  # the first titled article's title
    first: date | None = None  # earliest and latest publication date of its articles
    last: date | None = None
    entities: list[str] = field(default_factory=list)  # most mentioned names, most first


@dataclass
class FeedStory:
    """One story of a store's feed, as `storyline stories` lists it: its clustered articles
    (storyline/feed.py), when it last changed, and counts from its own built Story."""

    id: str  # "s1", "s2", ...: stable while the story lives (a merged story's id goes)
    title: str | None = None
    articles: int = 0
    first: date | None = None  # earliest and latest publication date of its articles
    last: date | None = None
    updated: str | None = None  # when an article last joined it (UTC, ISO seconds)
    entities: list[str] = field(default_factory=list)  # most mentioned names, most first
    events: int = 0
    entity_count: int = 0
    contradictions: int = 0
    built: bool = False  # its Story is built from its current articles


# ------------------------------------------------------------------ (de)serialise


_PLAIN = frozenset((str, int, float, bool, type(None)))
# One encoder per (type, for_json), made on first sight: the store serialises every analysis
# (hundreds of thousands of values), so plain values are passed through without a call.
_ENCODERS: tuple[dict[type, Callable[[Any], Any]], dict[type, Callable[[Any], Any]]] = ({}, {})


def to_dict(obj: Any, *, for_json: bool = True) -> Any:
    """Turn model objects into JSON-ready dicts; `for_json` drops in-memory-only fields."""
    t = type(obj)
    if t in _PLAIN:
        return obj
    enc = _ENCODERS[for_json].get(t) or _encoder(t, obj, for_json)
    return enc(obj)


def _encoder(t: type, obj: Any, for_json: bool) -> Callable[[Any], Any]:
    """The encoder of values of type `t` (a dataclass, a date, a list, tuple or dict of
    values, or anything else, passed as is), made once and kept."""
    cache = _ENCODERS[for_json]
    plain = _PLAIN

    def one(v: Any) -> Any:
        tv = type(v)
        return v if tv in plain else (cache.get(tv) or _encoder(tv, v, for_json))(v)

    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        names = tuple(f.name for f in dataclasses.fields(obj)
                      if not (for_json and f.metadata.get("json") is False))  # fmt: skip
        enc = _compiled(
            "o", [f"v{i} = o.{n}" for i, n in enumerate(names)],
            "{" + "".join(f"{n!r}: v{i} if type(v{i}) in plain else one(v{i}), "
                          for i, n in enumerate(names)) + "}",
            {"plain": plain, "one": one})
    elif isinstance(obj, date):
        enc = t.isoformat
    elif isinstance(obj, (list, tuple)):
        def enc(o: Any) -> Any:
            return [v if type(v) in plain else one(v) for v in o]
    elif isinstance(obj, dict):
        def enc(o: Any) -> Any:
            return {k: v if type(v) in plain else one(v) for k, v in o.items()}
    else:
        def enc(o: Any) -> Any:
            return o
    cache[t] = enc
    return enc


def _compiled(arg: str, body: list[str], result: str, names: dict[str, Any]
              ) -> Callable[[Any], Any]:
    """A one-argument function `body` then `return result`, compiled once (as dataclasses
    makes __init__): one field read per line instead of a loop over field names."""
    src = f"def fn({arg}):\n" + "".join(f"    {line}\n" for line in body) + f"    return {result}\n"
    exec(src, names)  # noqa: S102 - source made here from dataclass field names
    return names["fn"]


_DECODERS: dict[Any, Callable[[Any], Any]] = {}


def from_dict(cls: Any, data: Any) -> Any:
    """Rebuild a model object (or list/dict/optional of them) from `to_dict` output."""
    return _decoder(cls)(data)


def _decoder(cls: Any) -> Callable[[Any], Any]:
    """One function rebuilding `cls` from plain data (None stays None), made once per type."""
    try:
        return _DECODERS[cls]
    except KeyError:
        pass
    except TypeError:  # an unhashable annotation: no cache
        return _make_decoder(cls)
    _DECODERS[cls] = lambda data: _DECODERS[cls](data)  # recursive types find this
    fn = _DECODERS[cls] = _make_decoder(cls)
    return fn


def _same(data: Any) -> Any:
    """The decoder of plain values (str, numbers, literals, Any): the data itself."""
    return data


def _make_decoder(cls: Any) -> Callable[[Any], Any]:
    origin = typing.get_origin(cls)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(cls) if a is not type(None)]
        return _decoder(inner[0])
    if origin in (list, tuple):
        (arg, *_) = typing.get_args(cls)
        item = _decoder(arg)
        if origin is tuple:
            if item is _same:
                return lambda data: None if data is None else tuple(data)
            return lambda data: None if data is None else tuple([item(x) for x in data])
        if item is _same:
            return lambda data: None if data is None else list(data)
        return lambda data: None if data is None else [item(x) for x in data]
    if origin is dict:
        _, arg = typing.get_args(cls)
        value = _decoder(arg)
        if value is _same:
            return lambda data: None if data is None else dict(data)
        return lambda data: None if data is None else {k: value(v) for k, v in data.items()}
    if cls is date:
        return lambda data: None if data is None else date.fromisoformat(data)
    if dataclasses.is_dataclass(cls):
        hints = typing.get_type_hints(cls)
        fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls)]
        # Every field present (as the store writes them): one call with each field read
        # (plain ones as they are); else only those present, the others left to defaults.
        full = _compiled("data", [], "cls(" + "".join(
            f"{n}=data[{n!r}], " if fn is _same else f"{n}=f{i}(data[{n!r}]), "
            for i, (n, fn) in enumerate(fields)) + ")",
            {"cls": cls, **{f"f{i}": fn for i, (_, fn) in enumerate(fields)}})
        count = len(fields)

        def make(data: Any) -> Any:
            if data is None:
                return None
            if len(data) >= count:
                try:
                    return full(data)
                except KeyError:
                    pass
            return cls(**{n: fn(data[n]) for n, fn in fields if n in data})

        return make
    return _same
