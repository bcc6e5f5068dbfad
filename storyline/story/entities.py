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
from storyline.nlp.entities.tables import (
    CLUB_VERBS,
    ORG_HEADS,
    ROLES,
    SPEECH_VERBS,
    generation,
    given_forms,
    is_org_name,
    name_tokens,
    same_given,
    spelling_variant,
)
from storyline.nlp.entities.tables import outlet_key as _outlet_key
from storyline.nlp.entities.typing import evidence_lines, read_evidence

_SLUG = re.compile(r"[^a-z0-9]+")
PREFERRED = ("PERSON", "OUTLET", "WORK", "ORG", "GPE", "LOC", "FAC", "EVENT", "AWARD", "NORP")


class _Union:
    """Union-find over local entity ids that remembers why each pair was joined."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.why: list[tuple[str, str]] = []  # (local id joined, reason)

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str, why: str = "") -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
            if why:
                self.why.append((b, why))


def link_entities(articles: list[Article], analyses: list[ArticleAnalysis]) -> list[Entity]:
    """Merge per-article entities into global ones; rewrite local ids in the analyses."""
    local = [e for a in analyses for e in a.entities]
    named = [e for e in local if "_pending" not in e.attributes]
    pending = [e for e in local if "_pending" in e.attributes]
    uf = _Union()
    for e in named:
        uf.find(e.id)
    _retype_by_corpus(named)
    _link_people(named, uf)
    _link_by_key(named, uf)
    _link_short_orgs(named, uf)
    _resolve_pending(pending, named, uf)
    reasons: dict[str, list[str]] = defaultdict(list)
    for eid, why in uf.why:
        reasons[uf.find(eid)].append(why)
    members: dict[str, list[Entity]] = defaultdict(list)
    named_roots = {uf.find(e.id) for e in named}
    dropped: set[str] = set()
    for e in named + pending:
        if not e.attributes.get("_pending", "x") and uf.find(e.id) not in named_roots:
            dropped.add(e.id)  # a description no one in the story could take: no entity
            continue
        members[uf.find(e.id)].append(e)
    order = sorted(members.values(), key=lambda es: min(_first(e) for e in es))
    out: list[Entity] = []
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for group in order:
        ent = _merge(group, used)
        ent.merge_evidence = reasons.get(uf.find(group[0].id), [])
        out.append(ent)
        for e in group:
            mapping[e.id] = ent.id
    _rewrite(analyses, mapping, dropped)
    for ent in out:
        for m in ent.mentions:
            m.entity = ent.id
    return out


def _first(e: Entity) -> tuple[str, int]:
    m = min(e.mentions, key=lambda m: (m.article, m.start), default=None)
    return (m.article, m.start) if m else ("", 0)


def _where(e: Entity) -> str:
    """ "'Orrin Vael' (b2)": a local entity's name and article, for merge evidence."""
    return f"'{e.name}' ({e.mentions[0].article if e.mentions else '?'})"


def _link_people(named: list[Entity], uf: _Union) -> None:
    """Full names (same surname and generation, given names equal or nickname and formal name,
    or spelt a letter or two apart), then unique short forms."""
    full = [e for e in named if e.type == "PERSON" and e.attributes.get("_surname")]
    by_surname: dict[tuple[str, str], list[Entity]] = defaultdict(list)
    for e in full:
        a = e.attributes
        gen = generation(e.name)
        for f in by_surname[(a["_surname"], gen)]:
            if a.get("_key") == f.attributes.get("_key"):
                uf.union(f.id, e.id, f"same name: {_where(e)} = {_where(f)}")
                break
            if same_given(a["_given"], f.attributes["_given"]) and \
                    bool(a.get("_child")) == bool(f.attributes.get("_child")):
                uf.union(f.id, e.id, f"given name {a['_given']} ~ {f.attributes['_given']} "
                         f"(nickname table), same surname: {_where(e)} = {_where(f)}")
                break
        by_surname[(a["_surname"], gen)].append(e)
    _link_spelling_variants(full, uf)
    index = _NameIndex(full)
    child_roots = {uf.find(e.id) for e in named if e.attributes.get("_child")}
    singles: dict[tuple[str, bool], str] = {}
    for e in named:
        word = e.attributes.get("_single") or (
            e.attributes.get("_key", "") if e.type in ("ORG", "NORP", "GPE", "LOC") else ""
        )
        if not word or " " in word:
            continue
        child = bool(e.attributes.get("_child"))
        if e.type == "PERSON":
            by_given = {uf.find(f.id): f for f in index.given_owners(word)}
            by_sur = {uf.find(f.id): f for f in index.by_surname.get(word, [])}
            owners = {**by_given, **by_sur}
            # "their son Otto" is not the director Otto Falk: a child joins only a child, and
            # someone's spouse or parent never joins a child.
            owners = {o: f for o, f in owners.items() if (o in child_roots) == child or
                      (o in child_roots and not _adult_kin(e))}
            rule = "surname" if set(owners) <= set(by_sur) else "given name"
            if not owners:  # "Millipede" where the story has Benjamin Millepied
                owners = {uf.find(f.id): f for f in index.surname_variants(word)}
                rule = "surname spelt nearly alike"
        else:  # a place or organisation only joins a person by surname ("Millepied")
            owners = {uf.find(f.id): f for f in index.by_surname.get(word, [])}
            rule = "surname"
        if len(owners) == 1:
            root, f = owners.popitem()
            uf.union(root, e.id, f"{rule}: {_where(e)} fits only {_where(f)}")
            e.type = "PERSON"
        elif not owners and e.type == "PERSON":
            if (word, child) in singles:
                uf.union(singles[(word, child)], e.id, f"same single name: {_where(e)}")
            else:
                singles[(word, child)] = e.id


def _link_spelling_variants(full: list[Entity], uf: _Union) -> None:
    """ "Orrin Vael" once where the story names "Orrin Vale" often: the same given name and a
    surname spelt nearly alike is a typo, joined to the name written more often."""
    size: Counter = Counter()
    for e in full:
        size[uf.find(e.id)] += len(e.mentions)
    buckets: dict[tuple[str, str, str, bool], list[Entity]] = defaultdict(list)
    for e in full:  # spelling variants share given name, generation and first letter
        a = e.attributes
        buckets[(a["_given"], generation(e.name), a["_surname"][:1], bool(a.get("_child")))
                ].append(e)
    for bucket in buckets.values():
        for e in bucket:
            for f in bucket:
                re_, rf = uf.find(e.id), uf.find(f.id)
                se, sf = e.attributes["_surname"], f.attributes["_surname"]
                if re_ == rf or size[re_] > size[rf] or se == sf or not spelling_variant(se, sf):
                    continue
                uf.union(rf, e.id, f"same given name, surname spelt nearly alike: "
                         f"{_where(e)} ~ {_where(f)}")
                size[rf] += size[re_]


class _NameIndex:
    """Full names by surname, by given name (with nickname and one-letter variants) and by the
    first letter of the surname, so a short form is compared only with names it may fit."""

    def __init__(self, full: list[Entity]) -> None:
        self.by_surname: dict[str, list[Entity]] = defaultdict(list)
        self.by_given: dict[str, list[Entity]] = defaultdict(list)
        self.by_letter: dict[str, list[Entity]] = defaultdict(list)
        self.forms: dict[str, set[str]] = defaultdict(set)  # a form or deletion key -> givens
        for e in full:
            a = e.attributes
            self.by_surname[a["_surname"]].append(e)
            self.by_letter[a["_surname"][:1]].append(e)
            if a["_given"] not in self.by_given:
                for key in _given_keys(a["_given"]):
                    self.forms[key].add(a["_given"])
            self.by_given[a["_given"]].append(e)

    def given_owners(self, word: str) -> list[Entity]:
        """Full names whose given name `same_given` matches `word`."""
        givens = {g for key in _given_keys(word) for g in self.forms.get(key, ())}
        return [e for g in sorted(givens) if same_given(word, g) for e in self.by_given[g]]

    def surname_variants(self, word: str) -> list[Entity]:
        """Full names whose surname is a spelling variant of `word`."""
        return [e for e in self.by_letter.get(word[:1], [])
                if abs(len(e.attributes["_surname"]) - len(word)) <= 3
                and spelling_variant(word, e.attributes["_surname"])]


def _given_keys(given: str) -> set[str]:
    """Lookup keys of a given name: its forms (nickname table) and, for forms of six letters or
    more, each with one letter deleted (two names one edit apart share such a key)."""
    keys = set(given_forms(given))
    for x in list(keys):
        if len(x) >= 6:
            keys.update(x[:i] + x[i + 1 :] for i in range(len(x)))
    return keys


_ADULT_KINDS = frozenset({"spouse", "partner", "former", "parent"})


def _adult_kin(e: Entity) -> bool:
    """Named as someone's spouse, partner or parent in its article."""
    roles = filter(None, e.attributes.get("_roles", "").split(","))
    return any(r in ROLES and ROLES[r].kind in _ADULT_KINDS for r in roles)


def _link_by_key(named: list[Entity], uf: _Union) -> None:
    """Outlets by outlet key; works, organisations and places by name key."""
    seen: dict[tuple[str, str], str] = {}
    outlets = {e.attributes.get("_key") for e in named if e.type == "OUTLET"}
    by_id = {e.id: e for e in named}
    for e in named:
        if e.type in ("ORG", "GPE", "NORP") and _outlet_key(e.name) in outlets:
            e.type = "OUTLET"  # "reached by Glimpse" where another article has "Glimpse Weekly"
            e.attributes["_key"] = _outlet_key(e.name)
        if e.type == "PERSON":
            continue
        kind = "OUTLET" if e.type == "OUTLET" else "OTHER"
        key = (kind, e.attributes.get("_key", e.name.casefold()))
        if key in seen:
            uf.union(seen[key], e.id, f"same {'outlet' if kind == 'OUTLET' else 'name'} key "
                     f"'{key[1]}': {_where(e)} = {_where(by_id[seen[key]])}")
        else:
            seen[key] = e.id
    # A full name the model tagged ORG in one article ("Sophie Turner Are ..." headlines, lists)
    # and PERSON in others is that person.
    full_people = {e.attributes["_key"]: e.id for e in named if e.type == "PERSON"
                   and e.attributes.get("_surname") and e.attributes.get("_key")}
    for e in named:
        key = e.attributes.get("_key", "")
        if e.type in ("ORG", "GPE", "NORP", "LOC") and " " in key and key in full_people:
            uf.union(full_people[key], e.id, f"a full name typed {e.type} here is the person "
                     f"named so elsewhere: {_where(e)} = {_where(by_id[full_people[key]])}")
    # A lone word the model called a person here and an organisation elsewhere ("Twitch"): one
    # entity, whose type the mentions vote on (a person without a surname votes weakly).
    # (the groups holding a person with a surname, kept as groups join: not a scan per name)
    surnamed = {uf.find(x.id) for x in named
                if x.type == "PERSON" and x.attributes.get("_surname")}
    for e in named:
        if e.type == "PERSON" and not e.attributes.get("_surname") and \
                " " not in (word := e.attributes.get("_key", e.name.casefold())):
            other = seen.get(("OTHER", word)) or seen.get(("OUTLET", word))
            if other is not None and uf.find(e.id) not in surnamed:
                # e's group goes under other's root, which keeps its place in `surnamed`
                uf.union(other, e.id, f"one word typed PERSON here and {by_id[other].type} "
                         f"elsewhere: {_where(e)} = {_where(by_id[other])}")


def _link_short_orgs(named: list[Entity], uf: _Union) -> None:
    """ "Halvex" where another article has "Halvex Systems", "Rangers" for "Harbor City
    Rangers": a one-word organisation that is the first or last word of exactly one longer
    organisation name in the story is that organisation."""
    longer: dict[str, Entity] = {}
    for e in named:
        if e.type == "ORG" and len(words := name_tokens(e.name)) > 1:
            longer.setdefault(" ".join(words), e)
    by_end: dict[str, dict[str, Entity]] = defaultdict(dict)  # first or last word -> names
    for key, f in longer.items():
        by_end[key.split()[0]][key] = f
        by_end[key.split()[-1]][key] = f
    for e in named:
        words = name_tokens(e.name)
        if e.type not in ("ORG", "NORP") or len(words) != 1 or words[0] in ORG_HEADS:
            continue
        fits = {uf.find(f.id): f for f in by_end.get(words[0], {}).values()}
        if len(fits) == 1:
            root, f = fits.popitem()
            uf.union(root, e.id, f"short form: {_where(e)} starts or ends only {_where(f)}")


def _retype_by_corpus(named: list[Entity]) -> None:
    """Type each name by all its mentions in all articles: a name written with "the" and a
    plural verb is no person ("the Dodgers have"), nor one the subject or object of a club
    verb a nationality ("the Pelicans beat"); a given name the story gives a person, or
    one with person cues and never a place preposition, is no place ("Willa" typed GPE)."""
    pooled: dict[str, Counter] = defaultdict(Counter)
    members: dict[str, list[Entity]] = defaultdict(list)
    for e in named:
        key = e.attributes.get("_key") or e.name.casefold()
        pooled[key] += read_evidence(e.type_evidence)
        members[key].append(e)
    keys = set(members)
    given = {e.attributes["_given"] for e in named
             if e.type == "PERSON" and e.attributes.get("_surname")}
    for key, es in members.items():
        ev, types = pooled[key], {e.type for e in es}
        names = sum(v for k, v in ev.items() if k.startswith("label ")) or 1
        person = ev["cue person"] + ev["cue child"]
        new, why = None, ""
        the, plural = ev["the before"], ev["plural verb"]
        speaks = sum(v for k, v in ev.items() if k.startswith("subject of ")
                     and k[11:] in SPEECH_VERBS)
        if types == {"PERSON"} and not any(e.attributes.get("_surname") for e in es) and \
                plural + the >= max(2, names / 2) and not person:
            new, why = "ORG", (f"a person's name takes no 'the' and no plural verb: 'the' "
                               f"x{the}, plural verb x{plural}")
        elif types == {"NORP"} and _club_like(key, keys) and not person and \
                the * 2 >= names and (clubbed := _club_verbs(ev)):
            new, why = "ORG", (f"a nationality or group is no club: 'the' x{the} of {names}, "
                               f"subject or object of a club verb x{clubbed}, and its singular "
                               f"is not a name in the story")
        elif types == {"WORK"} and plural and the >= 2 and ev["cue work"] < names:
            new, why = "ORG", (f"a work takes no plural verb: 'the' x{the}, plural verb "
                               f"x{plural}, work cues on {ev['cue work']} of {names} mentions")
        elif types <= {"ORG", "NORP", "PERSON", "PRODUCT"} and types != {"PRODUCT"} and \
                not person and not plural and speaks * 5 < the and the >= max(2, names / 3) and \
                _product_like(es[0].name):
            new, why = "PRODUCT", (f"a singular name written with 'the' (x{the} of {names}) "
                                   f"that never speaks: a product, not an organisation")
        elif types <= {"GPE", "LOC", "NORP"} and " " not in key and not ev["place preposition"]:
            if key in given:
                new, why = "PERSON", f"'{key}' is the given name of a person in the story"
            elif person and len(given_forms(key)) > 1:
                new, why = "PERSON", (f"a given name (nickname table) with person cues "
                                      f"x{person} and no place preposition")
        if new is None:
            continue
        for e in es:
            e.type = new
            e.type_evidence.append(f"rule: {why}")
            if new == "PERSON":
                e.attributes.update({"_given": key, "_surname": "", "_single": key})


def _club_verbs(ev: Counter) -> int:
    """How often a name is the subject or object of a club verb (`CLUB_VERBS`)."""
    return sum(v for k, v in ev.items() if k.startswith(("subject of ", "object of "))
               and k.split(" ", 2)[2] in CLUB_VERBS)


def _club_like(key: str, keys: set[str]) -> bool:
    """One plural word whose singular the story never names: "pelicans", not "americans"
    beside "american" ("American officials")."""
    return " " not in key and key.endswith("s") and key[:-1] not in keys


def _product_like(name: str) -> bool:
    """No organisation word last, no acronym, no plural: "iPod", "MacBook Air", not "the
    FBI", "the European Commission" or "the Beatles"."""
    words = name_tokens(name)
    return bool(words) and not name.isupper() and not name.endswith("s") and not (
        len(words) > 1 and is_org_name(name))


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
    by_id = {e.id: e for e in named}
    # role -> the named entities whose group holds it, worked out once per role; groups of
    # named entities only change when a pending description already joined one (then redone)
    holding: dict[str, list[Entity]] = {}
    named_roots = {uf.find(e.id) for e in named}
    stale = False
    for p in pending:
        if stale:  # the last description joined two groups of named entities
            holding.clear()
            named_roots = {uf.find(e.id) for e in named}
        stale = uf.find(p.id) in named_roots
        ranked = [c for c in p.attributes["_pending"].split(",") if c in by_id]
        role = p.attributes.get("_role", "")
        want = ROLES[role].gender if role in ROLES else None
        if not ranked:  # no candidate in its article: the one person holding the role elsewhere
            if role not in holding:
                holding[role] = [e for e in named if roles[uf.find(e.id)][role] > 0]
            held = {uf.find(e.id): e for e in holding[role] if roles[uf.find(e.id)][role] > 0
                    and (want is None or _gender(genders[uf.find(e.id)]) in (want, None))}
            if len(held) == 1 and role in ROLES and ROLES[role].kind not in _ADULT_KINDS:
                root, e = held.popitem()
                uf.union(root, p.id, f"role: '{p.name}' ({p.mentions[0].article}) is the "
                         f"story's only {role}, {_where(e)}")
            continue
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
        how = ("shares a description word" if len(shared) == 1 else "holds the role elsewhere"
               if len(holders) == 1 else "its article's best candidate")
        uf.union(uf.find(choice), p.id, f"description '{p.name}' ({p.mentions[0].article}): "
                 f"{_where(by_id[choice])} {how}")


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
    evidence: Counter = Counter()
    rules: list[str] = []
    for e in real:
        evidence += read_evidence(e.type_evidence)
        rules += [x for x in e.type_evidence if x.startswith("rule:") and x not in rules]
    votes = Counter(e.type for e in real for _ in (e.mentions or [None]))
    decided = ", ".join(f"{t} x{n}" for t, n in votes.most_common())
    type_evidence = [f"type by article: {decided}", *rules, *evidence_lines(evidence)]
    return Entity(eid, name, type_, aliases=aliases, mentions=mentions, attributes=attrs,
                  type_evidence=type_evidence)


def _vote_type(group: list[Entity]) -> str:
    votes: Counter = Counter()
    for e in group:
        weight = len(e.mentions) or 1
        if e.type == "PERSON" and not e.attributes.get("_surname"):
            weight /= 2  # "Twitch" tagged PERSON once is weaker than an ORG reading
        votes[e.type] += weight
        ev = read_evidence(e.type_evidence)
        names = sum(v for k, v in ev.items() if k.startswith("label "))
        if e.type == "PERSON" and e.attributes.get("_surname") and (
                ev["label PERSON"] or ev["cue person"] * 2 >= names):
            votes["PERSON"] += 100  # a full name the model (or most cues) call a person
    return max(votes, key=lambda t: (votes[t], -PREFERRED.index(t) if t in PREFERRED else -99))


def _slug_id(type_: str, name: str, used: set[str]) -> str:
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = f"{type_.lower()}:{_SLUG.sub('-', ascii_.lower()).strip('-') or 'x'}"
    eid, n = base, 2
    while eid in used:
        eid, n = f"{base}-{n}", n + 1
    used.add(eid)
    return eid


def _rewrite(analyses: list[ArticleAnalysis], mapping: dict[str, str],
             dropped: set[str] | None = None) -> None:
    """Replace local entity ids by global ones wherever an analysis holds them (ids of
    dropped local entities become None, and relations to them go)."""
    dropped = dropped or set()

    def g(x: str | None) -> str | None:
        return None if x is None or x in dropped else mapping.get(x, x)

    for a in analyses:
        a.relations = [r for r in a.relations if r.subject not in dropped
                       and r.object not in dropped]
        for e in a.entities:
            for m in e.mentions:
                m.entity = g(m.entity) or m.entity
        for q in a.quantities:
            q.subject = _dedupe(g(s) for s in q.subject)
        for r in a.relations:
            r.subject, r.object = g(r.subject), g(r.object)
        for c in a.claims:
            c.participants = _dedupe(g(p) for p in c.participants)
            # a role names one of the participants: the same ids, gone with a dropped entity
            c.roles = [r for r in c.roles if g(r.entity) is not None]
            for r in c.roles:
                r.entity = g(r.entity)  # type: ignore[assignment]
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
