"""Relations the text states between an article's entities, each with its evidence sentence.

Predicates: spouse, partner, former_partner, child (subject is a child of object), employer,
member, cast and director (subject person, object work).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from storyline.model import Article, Mention, Relation
from storyline.nlp.doc_text import doc_text
from storyline.nlp.entities import tables as T
from storyline.nlp.entities.aliases import Cand, Group
from storyline.nlp.entities.role_relations import find_roles

_MARRIED = re.compile(r"\b(?:married|tied the knot|wed|got hitched)\b", re.I)
_LEFT = re.compile(r"\b(?:left|leaving|leave|dumped|split from|divorced)\s+(?:his|her)\b", re.I)
_ORG_AFTER = re.compile(r"^\s+(?:of\s+\w+\s+)?(?:of|at|for)\s+(?:the\s+)?$", re.I)
_STARRING = re.compile(r"\bstarring\b", re.I)
_DIRECTED = re.compile(r"\bdirected by\s+$", re.I)
_POSS_WORK = re.compile(r"^['’]s\s+(?:\w+\s+)?(?:film|movie|series|documentary|show)\s+$", re.I)
PREDICATE_OF_KIND = {"spouse": "spouse", "partner": "partner", "former": "former_partner"}


_BLOCK_BREAK = re.compile(r"\n\s*\n|\s{4,}")


def _sentence(doc: Doc, offset: int) -> tuple[int, int]:
    """The sentence around `offset`, cut at paragraph breaks and at the blanked-out markup of
    HTML pages, with surrounding blanks trimmed."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None:
        return offset, offset
    sent = span[0].sent
    s, e = sent.start_char, sent.end_char
    text = doc_text(doc)
    for m in _BLOCK_BREAK.finditer(text, s, e):
        if m.end() <= offset:
            s = m.end()
        elif m.start() > offset:
            e = m.start()
            break
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _people_in(groups: list[Group], start: int, end: int, skip: int) -> list[Cand]:
    return [
        c for g in groups if g.type == "PERSON" and g.index != skip
        for c in g.mentions if start <= c.start < end
    ]


def spouse_pairs(doc: Doc, groups: list[Group]) -> dict[int, set[int]]:
    """Who is whose spouse, from "her husband NAME" / "NAME and husband NAME" in one sentence."""
    out: dict[int, set[int]] = {}
    for a, b, _ in _kin_links(doc, groups, ("spouse",)):
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return out


def _kin_links(doc: Doc, groups: list[Group], kinds: tuple[str, ...]):
    """(described person, the person they are kin to, description) for attached kin nouns."""
    for g in groups:
        for c in g.mentions:
            role = next(iter(c.cues), None) if c.kind == "description" else None
            if role not in T.ROLES or T.ROLES[role].kind not in kinds:
                continue
            s, e = _sentence(doc, c.start)
            owner = [m for m in _people_in(groups, c.start, c.start + 1, g.index)
                     if m.kind == "pronoun"]  # "her husband": whoever "her" is
            before = [m for m in _people_in(groups, s, c.start, g.index) if m.kind != "pronoun"]
            after = [m for m in _people_in(groups, c.end, e, g.index) if m.kind != "pronoun"]
            other = owner[0] if owner else before[-1] if before else (after[0] if after else None)
            if other is not None:
                yield g.index, other.group, c


def find_relations(
    doc: Doc, article: Article, groups: list[Group], ids: dict[int, str], spouses
) -> list[Relation]:
    """All relations in one article, deduplicated by (subject, predicate, object)."""
    rels: dict[tuple[str, str, str], Relation] = {}
    content = article.content or article.raw

    def add(subj: int, pred: str, obj: int, at: int, attrs: dict | None = None) -> None:
        if subj == obj or subj not in ids or obj not in ids:
            return
        s, e = _sentence(doc, at)
        key = (ids[subj], pred, ids[obj])
        if pred == "spouse" and (ids[obj], pred, ids[subj]) in rels:
            key = (ids[obj], pred, ids[subj])
        rel = rels.setdefault(key, Relation(f"{article.id}:r{len(rels) + 1}", *key))
        for k, v in (attrs or {}).items():
            rel.attributes.setdefault(k, v)
        ev = Mention(article.id, s, e, article.raw[s:e])
        if all(x.start != s for x in rel.evidence):
            rel.evidence.append(ev)

    for a, b, c in _kin_links(doc, groups, ("spouse", "partner", "former")):
        kind = T.ROLES[next(iter(c.cues))].kind
        pred = PREDICATE_OF_KIND[kind]
        if kind == "partner" and _LEFT.search(content[max(0, c.start - 25) : c.end]):
            pred = "former_partner"
        add(b, pred, a, c.start)
    pairs = {tuple(sorted((a, b))) for a, bs in spouses.items() for b in bs}
    _children(doc, groups, pairs, add)
    _married(doc, groups, add)
    _works(groups, content, add)
    _employers(groups, content, add)
    find_roles(doc, groups, content, add)
    return list(rels.values())


def _children(doc: Doc, groups: list[Group], pairs: set, add) -> None:
    """ "a son Aleph", "their daughter named Amalia": child of the adults in the sentence."""
    for g in groups:
        if g.type != "PERSON":
            continue
        for c in g.mentions:
            if not (c.kind == "description" and T.ROLES.get(next(iter(c.cues)), None)
                    and T.ROLES[next(iter(c.cues))].kind == "child") and "child" not in c.cues:
                continue
            s, e = _sentence(doc, c.start)
            adults = {
                m.group for m in _people_in(groups, s, e, g.index)
                if not _childlike(groups[m.group])
            }
            if not adults and len(pairs) == 1:
                adults = set(next(iter(pairs)))
            for p in adults:
                add(g.index, "child", p, c.start)


def _childlike(g: Group) -> bool:
    return any("child" in c.cues for c in g.mentions) or any(
        T.ROLES[r].kind == "child" for r in g.roles if r in T.ROLES
    )


def _married(doc: Doc, groups: list[Group], add) -> None:
    """ "X and Y married in 2012": two people joined by "and" as subject of a marriage verb."""
    text = doc_text(doc)
    for sent in doc.sents:
        if not _MARRIED.search(text[sent.start_char : sent.end_char]):  # sent.text
            continue
        named = []
        for g in groups:
            if g.type == "PERSON":
                named += [c for c in g.mentions if sent.start_char <= c.start < sent.end_char
                          and c.kind in ("name", "alias") and doc[c.tok].dep_ in
                          ("nsubj", "nsubjpass", "conj")]
        people = sorted({c.group for c in named})
        if len(people) == 2:
            add(people[0], "spouse", people[1], sent.start_char)


def _works(groups: list[Group], content: str, add) -> None:
    """Cast and director: "the Thor star", "X starring A and B", "Aronofsky's film X"."""
    works = [g for g in groups if g.type == "WORK"]
    people = [g for g in groups if g.type == "PERSON"]
    for g in people:
        for item in filter(None, g.attributes.get("_works", "").split(",")):
            idx, at = (int(x) for x in item.split("@"))
            desc = next((c for c in g.mentions if c.start == at), g.mentions[0])
            add(g.index, "director" if "director" in desc.cues else "cast", int(idx), at)
    for w in works:
        for wm in w.mentions:
            after = content[wm.end : wm.end + 200]
            m = _STARRING.match(after.lstrip(" ”\"’'"))
            if m:
                stop = after.find(".")
                for p in people:
                    for c in p.mentions:
                        if wm.end < c.start < wm.end + (stop if stop > 0 else 200) and \
                                c.kind == "name":
                            add(p.index, "cast", w.index, c.start)
            for p in people:
                for c in p.mentions:
                    gap = content[c.end : wm.start]
                    if 0 <= wm.start - c.end < 30 and _POSS_WORK.match(gap):
                        add(p.index, "director", w.index, wm.start)
                    if _DIRECTED.search(content[wm.end : c.start]) and 0 < c.start - wm.end < 40:
                        add(p.index, "director", w.index, c.start)


def _employers(groups: list[Group], content: str, add) -> None:
    """ "NAME ... director of dance at ORG": an occupation noun attached to a person, then ORG."""
    orgs = [g for g in groups if g.type in ("ORG", "FAC")]
    for g in groups:
        if g.type != "PERSON":
            continue
        for c in g.mentions:
            if c.kind != "description":
                continue
            for o in orgs:
                for om in o.mentions:
                    gap = content[c.end : om.start]
                    if 0 < len(gap) < 30 and _ORG_AFTER.match(gap):
                        pred = "member" if "member" in c.text.lower() else "employer"
                        add(g.index, pred, o.index, c.start)
