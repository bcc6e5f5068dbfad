"""Cross-article entity linking: one canonical entity per person, outlet, work or place.

People link by full name (nicknames expanded), then short forms ("Portman", "Aleph") join the
only full name they fit; outlets by their normalised name ("Us Weekly" = "US Magazine" = "Us").
The nlp stage leaves comparison keys in attributes starting with "_"; they are dropped here.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict

from storyline.model import Article, ArticleAnalysis, Entity, Relation
from storyline.nlp.entity_types import ROLES
from storyline.nlp.entity_types import outlet_key as _outlet_key

_SLUG = re.compile(r"[^a-z0-9]+")
PREFERRED = ("PERSON", "OUTLET", "WORK", "ORG", "GPE", "LOC", "FAC", "EVENT", "AWARD", "NORP")


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def link_entities(articles: list[Article], analyses: list[ArticleAnalysis]) -> list[Entity]:
    """Merge per-article entities into global ones; rewrite local ids in the analyses."""
    local = [e for a in analyses for e in a.entities]
    named = [e for e in local if "_pending" not in e.attributes]
    pending = [e for e in local if "_pending" in e.attributes]
    uf = _Union()
    for e in named:
        uf.find(e.id)
    _link_people(named, uf)
    _link_by_key(named, uf)
    _resolve_pending(pending, named, uf)
    members: dict[str, list[Entity]] = defaultdict(list)
    for e in named + pending:
        members[uf.find(e.id)].append(e)
    order = sorted(members.values(), key=lambda es: min(_first(e) for e in es))
    out: list[Entity] = []
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for group in order:
        ent = _merge(group, used)
        out.append(ent)
        for e in group:
            mapping[e.id] = ent.id
    _rewrite(analyses, mapping)
    for ent in out:
        for m in ent.mentions:
            m.entity = ent.id
    return out


def _first(e: Entity) -> tuple[str, int]:
    m = min(e.mentions, key=lambda m: (m.article, m.start), default=None)
    return (m.article, m.start) if m else ("", 0)


def _link_people(named: list[Entity], uf: _Union) -> None:
    """Full names (nickname-expanded given name + surname), then unique short forms."""
    full: dict[str, str] = {}
    for e in named:
        a = e.attributes
        if e.type == "PERSON" and a.get("_surname"):
            key = f"{a['_given']} {a['_surname']}"
            if key in full:
                uf.union(full[key], e.id)
            else:
                full[key] = e.id
            if a.get("_key") in full:
                uf.union(full[a["_key"]], e.id)
            full.setdefault(a.get("_key", key), e.id)
    by_word: dict[str, set[str]] = defaultdict(set)
    by_surname: dict[str, set[str]] = defaultdict(set)
    for key, eid in full.items():
        given, *_, surname = key.split()
        by_word[surname].add(uf.find(eid))
        by_surname[surname].add(uf.find(eid))
        by_word[given].add(uf.find(eid))
    child_roots = {uf.find(e.id) for e in named if e.attributes.get("_child")}
    singles: dict[tuple[str, bool], str] = {}
    for e in named:
        word = e.attributes.get("_single") or (
            e.attributes.get("_key", "") if e.type in ("ORG", "NORP", "GPE", "LOC") else ""
        )
        if not word or " " in word:
            continue
        nick = e.attributes.get("_given", word)
        child = bool(e.attributes.get("_child"))
        if e.type == "PERSON":
            owners = {uf.find(x) for x in by_word.get(word, set()) | by_word.get(nick, set())}
            # "their son Otto" is not the director Otto Falk: a child joins only a child, and
            # someone's spouse or parent never joins a child.
            owners = {o for o in owners if (o in child_roots) == child or
                      (o in child_roots and not _adult_kin(e))}
        else:  # a place or organisation only joins a person by surname ("Millepied")
            owners = {uf.find(x) for x in by_surname.get(word, set())}
        if len(owners) == 1:
            uf.union(owners.pop(), e.id)
            e.type = "PERSON"
        elif not owners and e.type == "PERSON":
            if (word, child) in singles:
                uf.union(singles[(word, child)], e.id)
            else:
                singles[(word, child)] = e.id


_ADULT_KINDS = frozenset({"spouse", "partner", "former", "parent"})


def _adult_kin(e: Entity) -> bool:
    """Named as someone's spouse, partner or parent in its article."""
    roles = filter(None, e.attributes.get("_roles", "").split(","))
    return any(r in ROLES and ROLES[r].kind in _ADULT_KINDS for r in roles)


def _link_by_key(named: list[Entity], uf: _Union) -> None:
    """Outlets by outlet key; works, organisations and places by name key."""
    seen: dict[tuple[str, str], str] = {}
    outlets = {e.attributes.get("_key") for e in named if e.type == "OUTLET"}
    for e in named:
        if e.type in ("ORG", "GPE", "NORP") and _outlet_key(e.name) in outlets:
            e.type = "OUTLET"  # "reached by Glimpse" where another article has "Glimpse Weekly"
            e.attributes["_key"] = _outlet_key(e.name)
        if e.type == "PERSON":
            continue
        kind = "OUTLET" if e.type == "OUTLET" else "OTHER"
        key = (kind, e.attributes.get("_key", e.name.casefold()))
        if key in seen:
            uf.union(seen[key], e.id)
        else:
            seen[key] = e.id
    # A full name the model tagged ORG in one article ("Sophie Turner Are ..." headlines, lists)
    # and PERSON in others is that person.
    full_people = {e.attributes["_key"]: e.id for e in named if e.type == "PERSON"
                   and e.attributes.get("_surname") and e.attributes.get("_key")}
    for e in named:
        key = e.attributes.get("_key", "")
        if e.type in ("ORG", "GPE", "NORP", "LOC") and " " in key and key in full_people:
            uf.union(full_people[key], e.id)
    # A lone word the model called a person here and an organisation elsewhere ("Twitch"): one
    # entity, whose type the mentions vote on (a person without a surname votes weakly).
    for e in named:
        if e.type == "PERSON" and not e.attributes.get("_surname") and \
                " " not in (word := e.attributes.get("_key", e.name.casefold())):
            other = seen.get(("OTHER", word)) or seen.get(("OUTLET", word))
            if other is not None and not any(
                    x.type == "PERSON" and x.attributes.get("_surname")
                    for x in named if uf.find(x.id) == uf.find(e.id)):
                uf.union(other, e.id)


def _resolve_pending(pending: list[Entity], named: list[Entity], uf: _Union) -> None:
    """Join a description the article left open to the candidate known by that role elsewhere."""
    roles: dict[str, Counter] = defaultdict(Counter)
    for e in named:
        for r in filter(None, e.attributes.get("_roles", "").split(",")):
            roles[uf.find(e.id)][r] += 1
    genders: dict[str, Counter] = defaultdict(Counter)
    words: dict[str, Counter] = defaultdict(Counter)
    for e in named:
        root = uf.find(e.id)
        if "gender" in e.attributes:
            genders[root][e.attributes["gender"]] += 1
        for m in e.mentions:
            if m.kind == "description":
                words[root].update(_desc_words(m.text))
    for p in pending:
        ranked = [c for c in p.attributes["_pending"].split(",") if c]
        role = p.attributes.get("_role", "")
        want = ROLES[role].gender if role in ROLES else None
        if want:  # "his wife": someone the story knows as a woman, else of unknown gender
            known = [c for c in ranked if _gender(genders[uf.find(c)]) == want]
            ranked = known or [c for c in ranked if not genders[uf.find(c)]]
        if not ranked:
            continue
        holders = [c for c in ranked if roles[uf.find(c)][role] > 0]
        mine = _desc_words(p.name)
        # "the Harbor Lights star" where another article has "the Harbor Lights actress"
        shared = [c for c in ranked if mine & set(words[uf.find(c)])]
        choice = shared[0] if len(shared) == 1 else holders[0] if len(holders) == 1 else ranked[0]
        uf.union(uf.find(choice), p.id)


def _gender(votes: Counter) -> str | None:
    return votes.most_common(1)[0][0] if votes else None


_STOP = frozenset(["the", "a", "an", "her", "his", "their", "its", "our", "my", "your", "of",
                   "and", "with", "who"])


def _desc_words(text: str) -> set[str]:
    """Content words of a description besides its role noun: "the Harbor Lights star" -> harbor,
    lights."""
    out = {w for w in _outlet_key(text).split() if w not in _STOP and w not in ROLES}
    return {w for w in out if len(w) > 2 and not w.isdigit()}


def _merge(group: list[Entity], used: set[str]) -> Entity:
    """One global entity from its local entities: canonical name, type, aliases, mentions."""
    real = [e for e in group if "_pending" not in e.attributes] or group
    type_ = _vote_type(real)
    names = Counter(e.name for e in real for _ in e.mentions)
    if type_ == "PERSON":
        full = Counter({n: c for n, c in names.items() if len(n.split()) > 1})
        names = full or names
    name = max(names, key=lambda n: (names[n], len(n.split()), len(n)))
    eid = _slug_id(type_, name, used)
    mentions = sorted((m for e in group for m in e.mentions), key=lambda m: (m.article, m.start))
    aliases: list[str] = []
    for m in mentions:
        if m.kind != "pronoun" and m.text != name and m.text not in aliases:
            aliases.append(m.text)
    for m in mentions:
        if m.kind in ("name", "alias"):
            m.kind = "name" if m.text == name else "alias"
    attrs: dict[str, str] = {}
    genders = Counter(e.attributes["gender"] for e in real if "gender" in e.attributes)
    if genders:
        attrs["gender"] = genders.most_common(1)[0][0]
    roles = Counter(r for e in group for r in e.attributes.get("_roles", "").split(",") if r)
    if type_ == "PERSON" and roles:
        attrs["roles"] = ", ".join(r for r, _ in roles.most_common())
    for e in real:
        attrs.update({k: v for k, v in e.attributes.items() if not k.startswith("_")
                      and k not in attrs})
    return Entity(eid, name, type_, aliases=aliases, mentions=mentions, attributes=attrs)


def _vote_type(group: list[Entity]) -> str:
    votes: Counter = Counter()
    for e in group:
        weight = len(e.mentions) or 1
        if e.type == "PERSON" and not e.attributes.get("_surname"):
            weight /= 2  # "Twitch" tagged PERSON once is weaker than an ORG reading
        votes[e.type] += weight
        if e.type == "PERSON" and e.attributes.get("_surname"):
            votes["PERSON"] += 100
    return max(votes, key=lambda t: (votes[t], -PREFERRED.index(t) if t in PREFERRED else -99))


def _slug_id(type_: str, name: str, used: set[str]) -> str:
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = f"{type_.lower()}:{_SLUG.sub('-', ascii_.lower()).strip('-') or 'x'}"
    eid, n = base, 2
    while eid in used:
        eid, n = f"{base}-{n}", n + 1
    used.add(eid)
    return eid


def _rewrite(analyses: list[ArticleAnalysis], mapping: dict[str, str]) -> None:
    """Replace local entity ids by global ones wherever an analysis holds them."""
    def g(x: str | None) -> str | None:
        return mapping.get(x, x) if x is not None else None

    for a in analyses:
        for e in a.entities:
            for m in e.mentions:
                m.entity = g(m.entity)
        for q in a.quantities:
            q.subject = _dedupe(g(s) for s in q.subject)
        for r in a.relations:
            r.subject, r.object = g(r.subject), g(r.object)
        for c in a.claims:
            c.participants = _dedupe(g(p) for p in c.participants)
        for q in a.quotes:
            q.speaker = g(q.speaker)


def _dedupe(items) -> list[str]:
    out: list[str] = []
    for x in items:
        if x is not None and x not in out:
            out.append(x)
    return out


SYMMETRIC = frozenset({"spouse", "partner", "former_partner"})


def merge_relations(analyses: list[ArticleAnalysis]) -> list[Relation]:
    """One relation per (subject, predicate, object) across articles, evidence pooled."""
    merged: dict[tuple[str, str, str], Relation] = {}
    for a in analyses:
        for r in a.relations:
            if r.subject == r.object:
                continue
            subj, obj = r.subject, r.object
            if r.predicate in SYMMETRIC and obj < subj:
                subj, obj = obj, subj
            key = (subj, r.predicate, obj)
            if key not in merged:
                merged[key] = Relation(f"r{len(merged) + 1}", subj, r.predicate, obj,
                                       valid=r.valid)
            for k, v in r.attributes.items():
                merged[key].attributes.setdefault(k, v)
            have = {(m.article, m.start) for m in merged[key].evidence}
            merged[key].evidence += [m for m in r.evidence if (m.article, m.start) not in have]
    return list(merged.values())
