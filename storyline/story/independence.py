"""Independent-source counting: which mentions of an event go back to the same origin.

Articles retell each other, so counting articles overstates the evidence. Each mention is
traced to an origin: a named person or representative (however many outlets repeat them), an
outlet's unnamed sources (all "a source told Us Weekly" lines are one origin), an official
record the text cites ("according to court documents"), an outlet's own voice (one per outlet;
a wire agency's for an article whose dateline credits it, "OSLO (AP) —"),
or "unattributed reports" (hedged lines naming nobody, unless the article credits exactly one
outlet and that outlet is an origin of the event elsewhere: they are then its reports).
Duplicates and syndicated copies are folded into the article they copy. See docs/story.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from storyline.model import Article, Mention, Support
from storyline.nlp.attribution.outlets import OUTLETS, outlet_key
from storyline.story.cues import Reading, cited_record

AFFIRMING = ("asserted", "reported", "alleged")
FIRM = ("asserted", "reported")  # not hedged
AGAINST = ("denied", "negated")
NAMED_KINDS = ("named_person", "representative", "outlet")
RECORD_CITERS = ("author", "outlet")  # who cites a record in their own words

_ALIAS_TO_NAME = {alias: name for name, aliases in OUTLETS.items() for alias in aliases}
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4096)  # pure, and asked for each mention's outlet again and again
def outlet_name(name: str) -> str:
    """The canonical outlet name: "US Magazine" and "Us Weekly" are both "Us Weekly"."""
    clean = _SPACES.sub(" ", name.strip())
    return _ALIAS_TO_NAME.get(clean.lower(), clean)


@lru_cache(maxsize=4096)
def outlet_id(name: str) -> str:
    return outlet_key(outlet_name(name))


def person_key(name: str) -> str:
    return _SPACES.sub(" ", name.strip().lower())


def root_article(article_id: str, articles: dict[str, Article]) -> str:
    """Follow `duplicate_of` to the article a copy was made from (cycles stop safely)."""
    seen = {article_id}
    art = articles.get(article_id)
    while art is not None and art.status == "duplicate" and art.duplicate_of \
            and art.duplicate_of not in seen:
        seen.add(art.duplicate_of)
        article_id = art.duplicate_of
        art = articles.get(article_id)
    return article_id


@dataclass
class Origin:
    """One independent origin and the mentions that go back to it."""

    key: tuple[str, str]
    label: str
    mentions: list[Mention] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    named: bool = False  # someone identifiable stands behind it, unhedged, in the foreground
    relayed: list[Mention] = field(default_factory=list)  # the article's voice repeating it


def _is_named(m: Mention) -> bool:
    if m.certainty not in FIRM:
        return False
    return m.source.kind in NAMED_KINDS or m.source.kind == "author"


def _article_label(art: Article | None, article_id: str) -> str:
    outlet = outlet_name(art.outlet) if art is not None and art.outlet else "outlet unknown"
    return f"{outlet} ({article_id})"


_PAREN = re.compile(r"\(([^()]{1,40})\)")


def wire_of(art: Article | None) -> str | None:
    """The agency an article's wire dateline credits ("OSLO (AP) —"): the article is that
    agency's copy, so its own voice is the agency's origin, whichever paper ran it."""
    if art is None or not art.raw:
        return None
    for r in art.removed:
        if r.kind != "dateline":
            continue
        for m in _PAREN.finditer(art.raw[r.start:r.end]):
            name = _ALIAS_TO_NAME.get(_SPACES.sub(" ", m.group(1).strip()).lower())
            if name is not None:
                return name
    return None


def _own_key(art: Article | None, root: str) -> tuple[tuple[str, str], str]:
    """The origin of an article's own voice: the wire agency its dateline credits, else its
    outlet, else the article itself when the outlet is unknown."""
    wire = wire_of(art)
    if wire is not None:
        return ("outlet", outlet_id(wire)), f"{wire} (wire copy)"
    if art is not None and art.outlet:
        return ("outlet", outlet_id(art.outlet)), f"{outlet_name(art.outlet)} (own reporting)"
    return ("article", root), f"article {root} (own reporting, outlet unknown)"


# The last article table asked about, its size, and its outlets. The table itself is held,
# not its id(): an id is reused once its object is freed, and a new table at the old address
# (a long-running web service) would get another story's outlets.
_KNOWN: list[tuple[dict[str, Article], int, dict[str, str]]] = []


def known_outlets(articles: dict[str, Article]) -> dict[str, str]:
    """Outlets the story knows, key -> name: the outlet lexicon's and every article's
    publisher (remembered for the last article table asked about)."""
    if _KNOWN and _KNOWN[0][0] is articles and _KNOWN[0][1] == len(articles):
        return _KNOWN[0][2]
    known = {outlet_key(name): name for name in OUTLETS}
    known.update({outlet_id(a.outlet): outlet_name(a.outlet)
                  for a in articles.values() if a.outlet})
    _KNOWN[:] = [(articles, len(articles), known)]
    return known


def speaks_as_outlet(m: Mention, articles: dict[str, Article]) -> bool:
    """Whether a mention's named speaker is an outlet the story knows ("The Daily Lantern has
    retracted its report"): a publication, never on the record for the people it covers."""
    s = m.source
    return s.kind in ("named_person", "representative") and bool(s.name) and \
        outlet_id(s.name or "") in known_outlets(articles)


def _source_key(m: Mention, art: Article | None, root: str,
                outlets: dict[str, str] | None = None) -> tuple[tuple[str, str], str] | None:
    """The origin of a mention with an explicit source; None for the author's own voice. A
    speaker named like an outlet the story knows ("The Daily Lantern has retracted its
    report") is that outlet, whatever kind the sentence made of it."""
    s = m.source
    if s.kind in ("named_person", "representative") and s.name and outlets and \
            outlet_id(s.name) in outlets:
        return ("outlet", outlet_id(s.name)), outlets[outlet_id(s.name)]
    if s.kind == "named_person" and s.name:
        return ("person", person_key(s.name)), s.name
    if s.kind == "representative":
        if s.name:
            return ("representative", person_key(s.name)), s.name
        where = s.via[0] if s.via else (art.outlet if art is not None else None)
        if where:
            return ("representative", outlet_id(where)), f"a representative, via {where}"
        return ("representative", root), f"a representative (article {root})"
    if s.kind == "outlet" and (s.name or s.via):
        name = outlet_name(s.name or s.via[0])
        return ("outlet", outlet_id(name)), name
    if s.kind in ("anonymous_source", "eyewitness", "outlet"):
        if s.via:
            name = outlet_name(s.via[0])
            return ("outlet", outlet_id(name)), f"{name} (unnamed sources)"
        return _own_key(art, root)
    if s.kind == "named_person":  # a named person without a name: treat as the article's
        return _own_key(art, root)
    return None


def key_of(m: Mention) -> tuple[str, int, int]:
    return (m.article, m.start, m.end)


def record_of(m: Mention) -> str | None:
    """The official record an unhedged mention rests on ("court documents"), if it cites one."""
    if m.certainty not in FIRM or m.source.kind not in RECORD_CITERS:
        return None
    return cited_record(m.text)


def credited_outlet(art: Article | None) -> str | None:
    """The one outlet an article credits in its text (not itself), whose reports its
    "reportedly" lines repeat; None when it credits none or several."""
    if art is None:
        return None
    own = outlet_id(art.outlet) if art.outlet else None
    named = {outlet_id(o): outlet_name(o) for o in art.cited_outlets if outlet_id(o) != own}
    return next(iter(named.values())) if len(named) == 1 else None


def writers(m: Mention, reading: Reading | None) -> bool:
    """The writer's own voice: the author, or a hedged source's clause whose event noun the
    writer presupposes ("Portman hinted at the impending breakup": the hint is hers, the
    breakup the writer's)."""
    if m.source.kind == "author":
        return True
    return (reading is not None and key_of(m) in reading.presupposed
            and m.certainty not in FIRM and m.certainty in AFFIRMING)


def trace_origins(mentions: list[Mention], articles: dict[str, Article],
                  reading: Reading | None = None) -> list[Origin]:
    """Group mentions by independent origin, in a deterministic order."""
    origins: dict[tuple[str, str], Origin] = {}
    background = reading.background if reading is not None else frozenset()
    attributed: dict[str, list[tuple[str, str]]] = {}
    pending: list[tuple[Mention, str]] = []
    outlets = known_outlets(articles)

    def add(key: tuple[str, str], label: str, m: Mention, root: str, relayed: bool = False) -> None:
        o = origins.setdefault(key, Origin(key, label))
        o.named = o.named or (_is_named(m) and not relayed and key_of(m) not in background)
        if o.label.endswith("(unnamed sources)") and not label.endswith("(unnamed sources)"):
            o.label = label  # prefer the plain outlet name once it speaks on its own
        o.mentions.append(m)
        o.articles.add(root)
        if relayed:
            o.relayed.append(m)

    for m in sorted(mentions, key=_mention_order):
        root = root_article(m.article, articles)
        art = articles.get(root)
        record = record_of(m)
        if record is not None:
            found: tuple[tuple[str, str], str] | None = (("record", record),
                                                         f"{record} (official record)")
        elif writers(m, reading):
            found = None
        else:
            found = _source_key(m, art, root, outlets)
        if found is None:
            pending.append((m, root))
            continue
        add(found[0], found[1], m, root)
        attributed.setdefault(root, [])
        if found[0] not in attributed[root]:
            attributed[root].append(found[0])
    first_hedge: dict[str, tuple[str, int, int]] = {}
    for m, root in pending:
        if m.certainty in ("alleged", "reported") and m.source.kind == "author":
            first_hedge[root] = min(first_hedge.get(root, _mention_order(m)), _mention_order(m))
    for m, root in pending:  # the author's own voice
        art = articles.get(root)
        if attributed.get(root):  # the article credits this event to a source: it relays it
            key = sorted(attributed[root])[0]
            add(key, origins[key].label, m, root, relayed=True)
        elif root in first_hedge and first_hedge[root] <= _mention_order(m):
            # "reportedly ..." first: whatever the article asserts after it rests on that,
            # and the reports are those of the one outlet it credits, if that outlet is
            # known (from any article) to tell this event
            credited = credited_outlet(art)
            if credited is not None and ("outlet", outlet_id(credited)) in origins:
                add(("outlet", outlet_id(credited)), f"{credited} (credited in the article)",
                    m, root, relayed=True)
            else:
                add(("unattributed", ""), "unattributed reports (no source named)", m, root,
                    relayed=m.certainty in FIRM)
        else:
            key, label = _own_key(art, root)
            add(key, label, m, root)
    return sorted(origins.values(), key=lambda o: (min(map(_mention_order, o.mentions)), o.key))


def when_published(m: Mention, articles: dict[str, Article]) -> tuple[date, str, int]:
    """When a mention was published, for ordering accounts (undated articles last)."""
    art = articles.get(m.article)
    day = art.published.earliest if art is not None and art.published else None
    return (day or date.max, m.article, m.start)


def retractions(telling: list[Origin], against: list[Origin], articles: dict[str, Article]
                ) -> dict[tuple[str, str], tuple[Origin, list[Mention]]]:
    """Origins that told the event and later say it did not happen, with those later
    mentions: a retraction, not someone else's denial. Relayed mentions and unattributed
    reports retract nothing."""
    told = {o.key: o for o in telling if o.key[0] != "unattributed"}
    out = {}
    for o in against:
        before = told.get(o.key)
        own_before = [m for m in before.mentions if not any(m is r for r in before.relayed)] \
            if before else []
        if not own_before:
            continue
        first = min(when_published(m, articles) for m in own_before)
        later = [m for m in o.mentions if not any(m is r for r in o.relayed)
                 and when_published(m, articles) > first]
        if later:
            out[o.key] = (Origin(before.key, before.label, own_before, before.articles,
                                 before.named), later)
    return out


def _mention_order(m: Mention) -> tuple[str, int, int]:
    return (m.article, m.start, m.end)


def chain_of(m: Mention, articles: dict[str, Article], relaying: str | None = None) -> list[str]:
    """Origin, the outlets it passed through, and the article that printed it."""
    s = m.source
    record = record_of(m)
    if record is not None:
        head = [f"{record} (official record)", "the article citing it"]
    elif relaying and s.kind != "author":
        head = [f"the article, repeating {relaying} ({s.name or s.kind.replace('_', ' ')} "
                f"hedged, the event presupposed)"]
    elif s.kind == "author" and relaying:
        head = [f"the article, repeating {relaying}"]
    elif s.kind == "author":
        head = ["the article itself" if m.certainty in FIRM else "the article (hedged)"]
    else:
        head = [s.name or s.kind.replace("_", " ")]
    via = [outlet_name(v) for v in s.via]
    if s.kind == "outlet" and via and s.name and outlet_id(s.name) == outlet_id(via[0]):
        via = via[1:]
    root = root_article(m.article, articles)
    tail = _article_label(articles.get(m.article), m.article)
    if root != m.article:
        tail += f", a copy of {root}"
    return head + via + [tail]


def support_of(mentions: list[Mention], articles: dict[str, Article],
               reading: Reading | None = None) -> Support:
    """Articles (copies counted once), independent origins, one line per origin, the chains."""
    telling = [m for m in mentions if m.certainty not in AGAINST] or mentions
    origins = trace_origins(telling, articles, reading)
    roots = {root_article(m.article, articles) for m in telling}
    lines = [
        f"{o.label}: {len(o.mentions)} mention(s) in {len(o.articles)} article(s)"
        for o in origins
    ]
    relaying = {id(m): o.label for o in origins for m in o.relayed}
    ordered = sorted(mentions, key=_mention_order)
    chains = [chain_of(m, articles, relaying.get(id(m))) for m in ordered]
    return Support(len(roots), len(origins), lines, chains)
