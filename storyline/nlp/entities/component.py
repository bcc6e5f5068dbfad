"""The "entities" component: named entities with corrected types, aliases, descriptions, pronouns.

Also `entity_at`, which later components (claims, quotes) use to map a token span to an entity.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from storyline.model import Article, ArticleAnalysis, Entity, EntityMention
from storyline.nlp.entities.aliases import (
    Cand,
    Group,
    find_unlabelled,
    group_names,
    name_candidates,
)
from storyline.nlp.entities.coref import attach_descriptions, infer_gender, resolve
from storyline.nlp.entities.relations import find_relations, spouse_pairs
from storyline.nlp.entities.tables import (
    POSSESSIVES,
    ROLES,
    WORK_ROLES,
    is_award,
    name_key,
    name_tokens,
    outlet_key,
)
from storyline.nlp.entities.thing_coref import resolve_things
from storyline.nlp.entities.typing import (
    decide_type,
    evidence_lines,
    mark_coordinated,
    mark_creators,
    mark_cues,
    type_cues,
)
from storyline.nlp.pipeline import COMPONENTS
from storyline.nlp.time.occasions import holiday_reason


def entity_at(analysis: ArticleAnalysis, start: int, end: int) -> str | None:
    """The local entity whose mention overlaps [start, end), preferring the tightest fit.

    A mention inside the span beats one that merely overlaps it; among equals the shortest
    mention wins, so "her husband Benjamin Millepied" maps to Millepied, not to "her".
    """
    best: tuple[int, int, int] | None = None
    best_id: str | None = None
    for entity in analysis.entities:
        for m in entity.mentions:
            if m.end <= start or m.start >= end:
                continue
            nested = (m.start >= start and m.end <= end) or (m.start <= start and m.end >= end)
            key = (0 if nested else 1, _fit(m.start, m.end, start, end), _KIND_RANK.get(m.kind, 4))
            if best is None or key < best:
                best, best_id = key, entity.id
    return best_id


_KIND_RANK = {"name": 0, "alias": 1, "description": 2, "pronoun": 3}


def _fit(ms: int, me: int, start: int, end: int) -> int:
    """How far a mention is from exactly matching the span (0 = exact)."""
    return abs(ms - start) + abs(me - end)


@COMPONENTS.register("entities")
def entities(doc: Doc, article: Article, analysis: ArticleAnalysis) -> None:
    """Fill `analysis.entities` (local ids) and `analysis.relations` for one article."""
    content = article.content or article.raw
    cands = name_candidates(doc, content, article.title)
    mark_cues(cands, content)
    mark_creators(cands, content)
    mark_coordinated(cands, content)
    groups, ambiguous = group_names(cands)
    for g in groups:
        g.type = decide_type(g)
    groups = _merge_outlets(groups)
    groups = _merge_short_names(groups)
    find_unlabelled(doc, groups, content, ambiguous)
    cands = [c for g in groups for c in g.mentions]
    free = attach_descriptions(doc, groups, cands)
    spouses = spouse_pairs(doc, groups)
    infer_gender(doc, groups)
    resolved, pending = resolve(doc, groups, free, spouses, ambiguous)
    for c, gi in resolved:
        c.group = gi
        groups[gi].mentions.append(c)
        groups[gi].mentions.sort(key=lambda c: c.start)
    for c, gi in resolve_things(doc, groups):  # "the company", "the device", "its"
        c.group = gi
        groups[gi].mentions.append(c)
        groups[gi].mentions.sort(key=lambda c: c.start)
    _works_in_descriptions(doc, groups, content)
    for g in groups:
        g.evidence = type_cues(doc, g, content)
    ids = _to_entities(article, groups, pending, analysis)
    analysis.relations.extend(find_relations(doc, article, groups, ids, spouses))


def _merge_outlets(groups: list[Group]) -> list[Group]:
    """One group per outlet in an article: "Us Weekly" and "Us" are the same magazine."""
    keep: list[Group] = []
    by_key: dict[str, Group] = {}
    for g in groups:
        if g.type == "OUTLET":
            key = outlet_key(g.mentions[0].text)
            if key in by_key:
                by_key[key].mentions.extend(g.mentions)
                continue
            by_key[key] = g
        keep.append(g)
    return _renumber(keep)


def _renumber(groups: list[Group]) -> list[Group]:
    """Index kept groups 0..n-1 and point their mentions (in text order) at the new index."""
    for i, g in enumerate(groups):
        g.index = i
        g.mentions.sort(key=lambda c: c.start)
        for c in g.mentions:
            c.group = i
    return groups


_PLACE_LIKE = frozenset({"ORG", "FAC", "LOC"})


def _merge_short_names(groups: list[Group]) -> list[Group]:
    """ "Chiltern" after "Chiltern Firehouse": a one-word organisation or venue that starts
    exactly one longer name of the same kind in the article is that name, shortened."""
    longer = [g for g in groups
              if g.type in _PLACE_LIKE and len(name_tokens(g.mentions[0].text)) > 1]
    drop: set[int] = set()
    for g in groups:
        if g.type not in _PLACE_LIKE or len(name_tokens(g.mentions[0].text)) != 1:
            continue
        word = name_tokens(g.mentions[0].text)[0]
        fits = [h for h in longer if name_tokens(h.mentions[0].text)[0] == word
                and h.mentions[0].start < g.mentions[0].start]
        if len(fits) == 1:
            for c in g.mentions:
                c.kind = "alias"
            fits[0].mentions.extend(g.mentions)
            drop.add(g.index)
    keep = [g for g in groups if g.index not in drop]
    return _renumber(keep)


def _works_in_descriptions(doc: Doc, groups: list[Group], content: str) -> None:
    """ "the Thor star", "the 'May December' actress": the modifier names a work."""
    keys = {name_key(g.mentions[0].text): g for g in groups}
    for g in list(groups):
        for c in list(g.mentions):
            if c.kind != "description" or not (c.cues & WORK_ROLES):
                continue
            span = doc.char_span(c.start, c.end, alignment_mode="expand")
            if span is None:
                continue
            toks = [t for t in span[:-1] if t.pos_ == "PROPN" or _quoted(t)]
            toks = [t for t in toks if t.lower_ not in POSSESSIVES and t.is_alpha]
            if not toks or is_award(" ".join(t.text for t in toks)):
                continue
            s, e = toks[0].idx, toks[-1].idx + len(toks[-1])
            text = content[s:e]
            work = keys.get(name_key(text))
            if work is not None and work.type == "PERSON" and len(work.mentions) > 1:
                continue
            cand = Cand(s, e, text, "WORK", toks[-1].i, cues={"work"})
            if work is None:
                work = keys[name_key(text)] = Group(len(groups))
                groups.append(work)
            work.type = "WORK"
            cand.group = work.index
            work.mentions.append(cand)
            g.attributes.setdefault("_works", "")
            g.attributes["_works"] += f"{work.index}@{c.start},"


def _quoted(t) -> bool:
    """Inside quote marks within its phrase: the words of "'May December' actress"."""
    doc = t.doc
    lo = max(t.sent.start, t.i - 4)
    return any(x.text in "‘“'\"" for x in doc[lo : t.i]) and t.pos_ != "DET"


def _to_entities(
    article: Article,
    groups: list[Group],
    pending: list[tuple[Cand, list[int]]],
    analysis: ArticleAnalysis,
) -> dict[int, str]:
    """Turn groups (and unresolved descriptions) into local Entities; return group -> id."""
    ids: dict[int, str] = {}
    for g in groups:
        if not g.mentions:
            continue
        eid = f"{article.id}:e{len(ids) + 1}"
        ids[g.index] = eid
    for g in groups:
        if g.index not in ids:
            continue
        analysis.entities.append(_entity(article, g, ids))
    for c, ranked in pending:
        eid = f"{article.id}:e{len(ids) + len(analysis.entities) + 1}"
        role = next(iter(c.cues))
        ent = Entity(
            id=eid,
            name=c.text,
            type="PERSON",
            mentions=[EntityMention(article.id, c.start, c.end, c.text, eid, "description")],
            attributes={
                "_pending": ",".join(ids[gi] for gi in ranked if gi in ids),
                "_role": role,
            },
        )
        analysis.entities.append(ent)
    return ids


def _entity(article: Article, g: Group, ids: dict[int, str]) -> Entity:
    eid = ids[g.index]
    full = g.full or g.mentions[0]
    mentions = []
    seen = set()
    for c in sorted(g.mentions, key=lambda c: (c.start, c.end)):
        if (c.start, c.end) in seen:
            continue
        seen.add((c.start, c.end))
        kind = c.kind
        if kind in ("name", "alias"):
            kind = "name" if name_key(c.text) == name_key(full.text) else "alias"
        mentions.append(EntityMention(article.id, c.start, c.end, c.text, eid, kind))
    name = full.text if g.type != "OUTLET" else _outlet_name(g)
    aliases = []
    for m in mentions:
        if m.kind != "pronoun" and m.text != name and m.text not in aliases:
            aliases.append(m.text)
    attrs = {k: v for k, v in g.attributes.items() if not k.startswith("_")}
    words = name_tokens(full.text)
    attrs["_key"] = outlet_key(name) if g.type == "OUTLET" else name_key(full.text)
    if g.type == "PERSON" and words:
        attrs["_given"] = words[0]
        attrs["_surname"] = words[-1] if len(words) > 1 else ""
        attrs["_single"] = "" if len(words) > 1 else words[0]
        if g.gender:
            attrs["gender"] = g.gender
        roles = [r for r, _ in g.roles.most_common()]
        if roles:
            attrs["_roles"] = ",".join(roles)
        if any("child" in c.cues for c in g.mentions) or any(
            ROLES[r].kind == "child" for r in roles if r in ROLES
        ):
            attrs["_child"] = "1"
    evidence = evidence_lines(g.evidence)
    if g.type == "EVENT" and (holiday := holiday_reason(name)):
        evidence.append(f"rule: {holiday[0]}")
    return Entity(eid, name, g.type, aliases=aliases, mentions=mentions, attributes=attrs,
                  type_evidence=evidence)


def _outlet_name(g: Group) -> str:
    """The fullest way the article writes an outlet's name: "Us Weekly" over "Us"."""
    names = Counter(c.text for c in g.mentions)
    return max(names, key=lambda t: (len(t.split()), names[t], len(t)))
