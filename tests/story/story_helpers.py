"""Hand-built fictional coverage for story-stage tests: articles, claims and entities.

The couple is fictional (Mara Quell, a singer, and Tobin Ashgrove, a chef); every article is
a short made-up text, and claims point at exact spans of it.
"""

from __future__ import annotations

from datetime import date

from storyline.model import (
    Article,
    ArticleAnalysis,
    Claim,
    Entity,
    EntityMention,
    Mention,
    PublicationDate,
    Relation,
    Source,
    TimeValue,
)
from storyline.story.intervals import parse

MARA, TOBIN, RIVA = "person:mara-quell", "person:tobin-ashgrove", "person:riva-lenz"


def people() -> list[Entity]:
    return [
        Entity(MARA, "Mara Quell", "PERSON", aliases=["Quell", "Mara"]),
        Entity(TOBIN, "Tobin Ashgrove", "PERSON", aliases=["Ashgrove", "Toby"]),
        Entity(RIVA, "Riva Lenz", "PERSON", aliases=["Lenz"]),
    ]


def tv(value: str) -> TimeValue:
    iv = parse(value)
    assert iv is not None
    return TimeValue(value, iv.earliest, iv.latest)


class Coverage:
    """Builds articles one sentence at a time, each sentence optionally a claim."""

    def __init__(self) -> None:
        self.articles: list[Article] = []
        self.analyses: list[ArticleAnalysis] = []

    def article(self, aid: str, published: str, outlet: str | None = None,
                duplicate_of: str | None = None) -> str:
        when = parse(published)
        assert when is not None
        pub = PublicationDate(published, when.earliest, when.latest, "header", "test")
        status = "duplicate" if duplicate_of else "ok"
        self.articles.append(Article(aid, f"{aid}.txt", status=status, outlet=outlet,
                                     published=pub, duplicate_of=duplicate_of))
        self.analyses.append(ArticleAnalysis(aid))
        return aid

    def _add_text(self, aid: str, text: str) -> tuple[int, int]:
        art = next(a for a in self.articles if a.id == aid)
        start = len(art.raw) + (1 if art.raw else 0)
        art.raw = (art.raw + " " if art.raw else "") + text
        art.content = art.raw
        return start, start + len(text)

    def claim(self, aid: str, type_: str, text: str, participants=(), time: str | None = None,
              kind: str = "author", name: str | None = None, via=(), certainty: str = "asserted",
              place: str | None = None, predicate: str | None = None) -> Claim:
        start, end = self._add_text(aid, text)
        an = next(a for a in self.analyses if a.article == aid)
        mention = Mention(aid, start, end, text, Source(kind, name, list(via)), certainty)
        c = Claim(f"{aid}:c{len(an.claims) + 1}", aid, type_, mention, predicate=predicate,
                  participants=list(participants), time=tv(time) if time else None, place=place)
        an.claims.append(c)
        return c

    def spouse(self, aid: str, text: str, a: str = MARA, b: str = TOBIN) -> Relation:
        start, end = self._add_text(aid, text)
        an = next(x for x in self.analyses if x.article == aid)
        r = Relation(f"{aid}:r{len(an.relations) + 1}", a, "spouse", b,
                     evidence=[Mention(aid, start, end, text)])
        an.relations.append(r)
        return r

    def by_id(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles}


def entity_mentions(entities: list[Entity]) -> list[Entity]:
    """Give each entity one name mention so entity linking keeps it (used by build tests)."""
    for e in entities:
        e.mentions = [EntityMention("x", 0, len(e.name), e.name, e.id)]
    return entities


def d(text: str) -> date:
    return date.fromisoformat(text)


def story_of(cov: Coverage, quantities=(), facts=()):
    """Run the story stage (without entity linking) over hand-built coverage."""
    from storyline.model import Story
    from storyline.story.contradictions import find_contradictions
    from storyline.story.entities import merge_relations
    from storyline.story.merge import merge_claims
    from storyline.story.state import derive_states

    ents = people()
    story = Story(articles=cov.articles, entities=ents, facts=list(facts))
    story.relations = merge_relations(cov.analyses)
    story.events = merge_claims(cov.articles, cov.analyses, ents)
    story.states = derive_states(story)
    claims = [c for a in cov.analyses for c in a.claims]
    story.contradictions = find_contradictions(story, claims, list(quantities))
    return story


def only(events, type_: str):
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, [(e.type, e.time) for e in events]
    return found[0]
