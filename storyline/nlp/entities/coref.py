"""Rule-based coreference: descriptions ("the actress", "her husband") and pronouns -> people.

Appositions and role nouns written next to a name attach to it directly; the rest go to the
most salient compatible person (gender, kin role, not the person it is coordinated with),
scored by how often and how recently the article names them. When two people score alike,
the description becomes a placeholder that cross-article linking resolves later.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter

from spacy.symbols import NOUN, PRON, PROPN
from spacy.tokens import Doc, Token

from storyline.nlp.doc_text import doc_text, ids_of, lemma_ids_in, token_ids
from storyline.nlp.entities import tables as T
from storyline.nlp.entities.aliases import Cand, Group

WINDOW = 5  # sentences back a pronoun or description may reach
MARGIN = 0.35  # score lead a description needs over the runner-up to be resolved here
NEUTRAL_MARGIN = 1.0  # the same for "the choreographer", which fits men and women alike
_MAX_NP = 7  # tokens in a description


class People:
    """The article's people with the positions they are named at, for salience scoring."""

    def __init__(self, doc: Doc, groups: list[Group]) -> None:
        self.doc = doc
        self.groups = {g.index: g for g in groups if g.type == "PERSON"}
        self.sent_starts = [s.start_char for s in doc.sents]
        # how often the article names each person; an apposition ("their son, Emil") is one
        self.count = Counter({i: sum(c.kind != "description" for c in g.mentions) or 1
                              for i, g in self.groups.items()})
        self.seen: list[tuple[int, int, float]] = sorted(
            (c.start, g.index, _role_weight(doc, c)) for g in self.groups.values()
            for c in g.mentions
        )

    def sent_of(self, offset: int) -> int:
        return bisect_right(self.sent_starts, offset) - 1

    def add(self, c: Cand, gi: int) -> None:
        self.seen.append((c.start, gi, _role_weight(self.doc, c)))
        self.seen.sort()
        if c.kind != "pronoun":
            self.count[gi] += 1

    def candidates(self, at: int, *, ahead: bool = False) -> dict[int, float]:
        """Salience of each person named within WINDOW sentences before `at`."""
        sent = self.sent_of(at)
        scores: dict[int, float] = {}
        for pos, gi, weight in self.seen:
            if pos >= at and not (ahead and self.sent_of(pos) == sent):
                continue
            dist = sent - self.sent_of(pos)
            if dist > WINDOW or dist < 0:
                continue
            recency = 1.0 / (1 + dist) + weight
            scores[gi] = max(scores.get(gi, 0.0), recency)
        return {gi: s + 0.5 * math.log2(1 + self.count[gi]) for gi, s in scores.items()}


def _is_subject(doc: Doc, c: Cand) -> bool:
    return doc[c.tok].dep_ in ("nsubj", "nsubjpass")


def _role_weight(doc: Doc, c: Cand) -> float:
    """Salience a mention's grammatical role adds: a clause's subject is what later pronouns
    mostly continue; a name tucked in an apposition or a prepositional phrase ("with their son
    Aleph") much less so."""
    tok = doc[c.tok]
    dep = tok.dep_
    if dep == "appos" or dep == "conj":
        dep = tok.head.dep_
    if dep in ("nsubj", "nsubjpass"):
        return 0.5
    if dep in ("dobj", "attr", "dative"):
        return 0.15
    if dep in ("pobj", "poss", "compound", "npadvmod"):
        return -0.15
    return 0.0


def infer_gender(doc: Doc, groups: list[Group]) -> None:
    """Gender from role nouns attached to the person, else from lone-person pronoun sentences."""
    people = [g for g in groups if g.type == "PERSON"]
    text = doc_text(doc)  # built from every token on each access: joined once per Doc
    for g in people:
        for role, n in g.roles.items():
            r = T.ROLES.get(role)
            if r and r.gender:
                g.gender_votes[r.gender] += 3 * n
        for c in g.mentions:
            hon = honorific_gender(text, c)
            if hon:
                g.gender_votes[hon] += 3
    quoted = quoted_offsets(text)
    for sent in doc.sents:
        named = [c for g in people for c in g.mentions
                 if c.kind in ("name", "alias") and sent.start_char <= c.start < sent.end_char]
        if len({c.group for c in named}) != 1 or not any(_is_subject(doc, c) for c in named):
            continue
        first = min(c.start for c in named)
        groups[named[0].group].gender_votes.update(
            T.PRONOUNS[t.lower_] for t in sent
            if t.lower_ in T.PRONOUNS and t.pos_ == "PRON" and t.idx > first
            and not _inside(quoted, t.idx)
        )
    for g in people:
        ranked = g.gender_votes.most_common(2) + [(None, 0), (None, 0)]
        if ranked[0][1] > ranked[1][1]:
            g.gender = ranked[0][0]


_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Lord)\.?\s+$")
_HONORIFIC_IN = re.compile(r"(Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Lord)\b\.?\s")


def honorific_gender(text: str, c: Cand) -> str | None:
    """ "Mrs Castell", "Mr. Berg": the honorific before (or opening) a name gives a gender."""
    if c.kind not in ("name", "alias"):
        return None
    m = _HONORIFIC.search(text[max(0, c.start - 8) : c.start]) or _HONORIFIC_IN.match(c.text)
    return T.GENDERED_HONORIFICS.get(m.group(1).lower()) if m else None


def _set_gender(g: Group, gender: str | None, weight: int) -> None:
    """Add gender evidence learnt while resolving ("herself" -> the mayor is a woman)."""
    if not gender:
        return
    g.gender_votes[gender] += weight
    ranked = g.gender_votes.most_common(2) + [(None, 0), (None, 0)]
    if ranked[0][1] > ranked[1][1]:
        g.gender = ranked[0][0]


_QUOTE_OR_LINE = re.compile('[“”"\n]')


def quoted_offsets(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks ("..." and curly quotes), to keep quoted speech apart."""
    out, open_at = [], None
    for found in _QUOTE_OR_LINE.finditer(text):  # the other characters change nothing
        i, ch = found.start(), found.group()
        if ch == "“" or (ch == '"' and open_at is None):
            open_at = i
        elif (ch == "”" or ch == '"') and open_at is not None:
            out.append((open_at, i))
            open_at = None
        elif ch == "\n" and open_at is not None and text[i - 1 : i] == "\n":
            open_at = None
    return out


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(s < offset < e for s, e in spans)


def attach_descriptions(doc: Doc, groups: list[Group], cands: list[Cand]) -> list[Cand]:
    """Role-noun phrases: attach those written next to a name; return the free-standing ones."""
    by_token = {}
    for c in cands:
        if c.group >= 0 and groups[c.group].type == "PERSON":
            span = doc.char_span(c.start, c.end, alignment_mode="expand")
            for t in span or []:
                by_token[t.i] = c
    in_name = {t.i for c in cands for t in (doc.char_span(c.start, c.end, "expand") or [])}
    free: list[Cand] = []
    done: set[int] = set()
    for i in reversed(_maybe_roles(doc)):
        t = doc[i]
        role = _role_of(t)
        if role is None or t.i in in_name or t.i in done:
            continue
        if T.ROLES[role].kind == "title" and t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN" \
                and doc[t.i + 1].i not in by_token:
            continue  # "the Prince Siegfried character": a title inside a name, no description
        owner = _adjacent_name(t, by_token)
        left = _left_edge(t, owner, by_token)
        right = t.i + 4 if "-of-" in role else _title_end(t) if T.ROLES[role].kind == "title" \
            else t.i
        span = doc[left : right + 1]
        done.update(range(left, right + 1))
        start, end = span.start_char, span.end_char
        c = Cand(start, end, span.text, "PERSON", t.i, kind="description")
        c.cues.add(role)
        if owner is not None:
            c.group = owner.group
            groups[owner.group].mentions.append(c)
            groups[owner.group].roles[role] += 1
        elif (span[0].lower_ in ("the",) or span[0].lower_ in T.POSSESSIVES) and not any(
                x.lower_ in _ORDINAL_KIN for x in span):
            free.append(c)  # "their second child" is not whichever child was named last
    return free


def _title_end(t: Token) -> int:
    """Last token of "the Princess of Wales": a title's "of" phrase of proper nouns."""
    doc = t.doc
    if t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "of" and doc[t.i + 2].pos_ == "PROPN":
        end = t.i + 2
        while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN" and doc[end + 1].is_title:
            end += 1
        return end
    return t.i


_ORDINAL_KIN = frozenset({"second", "third", "fourth", "fifth", "youngest", "eldest", "oldest",
                          "younger", "older", "other", "another"})


_ROLE_IDS = ids_of(T.ROLES)
_OLD_ID = next(iter(ids_of(["old"])))
_PRONOUN_IDS = ids_of(T.PRONOUNS)


def _maybe_roles(doc: Doc) -> list[int]:
    """The tokens `_role_of` can name a role for ("old" of "the 44-year-old", a noun whose
    word or lemma is a role), read off the token ids: it is not asked about the rest."""
    roles = lemma_ids_in(doc, T.ROLES)
    lowers, lemmas, poses, _, _ = token_ids(doc)
    return [i for i, (lower, lemma, pos) in enumerate(zip(lowers, lemmas, poses, strict=True))
            if lower == _OLD_ID or pos in (NOUN, PROPN) and (
                lower in _ROLE_IDS or lemma in roles)]


def _role_of(t: Token) -> str | None:
    if _bare_age(t):
        return "year-old"  # "The 44-year-old added": an adult named by age alone
    if t.pos_ not in ("NOUN", "PROPN"):
        return None
    word = t.lower_
    if word not in T.ROLES and t.lemma_.lower() in T.ROLES:
        word = t.lemma_.lower()
    if word not in T.ROLES:
        return None
    # "mom-of-two" is split by the tokenizer: glue it back for the table.
    rest = "".join(x.lower_ for x in t.doc[t.i + 1 : t.i + 5])
    if rest.startswith("-of-"):
        glued = word + "-of-" + rest[4:].split("-")[0].split(",")[0]
        if glued in T.ROLES:
            return glued
    if t.dep_ == "compound" and t.head.lower_ in T.ROLES and t.head.i > t.i:
        return None  # "climate activist": the head noun speaks for the phrase
    if word == "model" and any(
        (c.dep_ == "poss" and c.lemma_.lower() in _THING_OWNERS)
        or (c.dep_ in ("compound", "amod") and c.lemma_.lower() in _THING_MODELS)
        for c in t.children
    ):
        return None  # "the company's model", "the GPT language model": no person
    return word if t.tag_ not in ("NNS", "NNPS") else None


def _bare_age(t: Token) -> bool:
    """ "The 44-year-old" with no noun after it: an adult's age standing for the person."""
    doc = t.doc
    if t.lower_ != "old" or t.i < 4 or doc[t.i - 1].text != "-" or doc[t.i - 2].lower_ != "year":
        return False
    num = doc[t.i - 4] if doc[t.i - 3].text == "-" else doc[t.i - 3]
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    return num.text.isdigit() and int(num.text) >= 18 and doc[num.i - 1].lower_ == "the" and (
        nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM"))


# What makes "model" a thing, not a person: its owner or modifier ("the company's model").
_THING_OWNERS = frozenset({"company", "firm", "startup", "brand", "business", "agency",
                           "platform", "app", "network", "product", "its"})
_THING_MODELS = frozenset({"language", "business", "ai", "pricing", "revenue", "subscription",
                           "data", "computer", "climate", "economic", "financial", "statistical",
                           "mathematical", "car", "scale", "base", "new", "latest", "gpt"})


def _adjacent_name(t: Token, by_token: dict[int, Cand]) -> Cand | None:
    """The name this role noun is written against: compound, apposition, or "NAME, the X"."""
    h = t
    for _ in range(3):
        if h.i in by_token and h.i != t.i:
            return by_token[h.i]
        if h.dep_ not in ("compound", "nmod", "amod", "appos") or h.head.i == h.i:
            break
        h = h.head
    for child in t.children:  # "her husband, Benjamin Millepied": the name is the appositive
        if child.dep_ == "appos" and child.i in by_token and not _starts_clause(child):
            return by_token[child.i]
        if child.dep_ == "acl" and child.lower_ in ("named", "called"):
            for x in child.children:
                if x.i in by_token:
                    return by_token[x.i]
    nxt = t.i + 1  # surface apposition the parser missed: "their child, Aleph"
    while nxt < len(t.doc) and t.doc[nxt].text in (",", "named", "called"):
        nxt += 1
    if (nxt < len(t.doc) and nxt in by_token and by_token[nxt].start == t.doc[nxt].idx
            and (nxt == t.i + 1 or not _starts_clause(t.doc[by_token[nxt].tok]))):
        return by_token[nxt]
    return None


def _starts_clause(name: Token) -> bool:
    """ "by her spouse, Portman said": the name after the comma is the next clause's subject."""
    return name.dep_ in ("nsubj", "nsubjpass") and name.head.i > name.i


def _left_edge(t: Token, owner: Cand | None, by_token: dict[int, Cand]) -> int:
    """First token of the description phrase that ends at role noun `t`."""
    head = t
    if owner is not None and t.head.i in by_token and t.i < t.head.i:
        head = t.head
    left = t.i
    for x in head.subtree:
        if x.i >= t.i or x.i < t.i - _MAX_NP:
            continue
        if x.i in by_token or x.is_space or x.text == "\n":
            left = max(left, x.i + 1) if x.i < t.i else left
            continue
        left = min(left, x.i)
    if left == t.i:  # "The 66-year-old engineer plans", parsed as a compound of "plans"
        while left > max(0, t.i - _MAX_NP) and left - 1 not in by_token and \
                _np_word(t.doc[left - 1]) and t.doc[left].lower_ != "the":
            left -= 1
    if left > 0 and t.doc[left - 1].lower_ == "the" and left - 1 not in by_token:
        left -= 1  # "The 44-year-old added": the parser hung "The" on the verb
    while left < t.i and (t.doc[left].is_punct and t.doc[left].text not in "‘“'\""):
        left += 1
    if t.doc[left].tag_ == "POS" and left - 1 in by_token:  # "Martin Whitcombe's lawyer",
        owner_name = by_token[left - 1]  # as "her husband" keeps its "her", not "'s lawyer"
        while left - 1 in by_token and by_token[left - 1] is owner_name:
            left -= 1
    return left


def _np_word(x: Token) -> bool:
    """A word that can open a noun phrase before its noun: "the", "66", "-", "year", "old"."""
    return x.pos_ in ("DET", "ADJ", "NUM") or x.text == "-" or x.lower_ == "year"


def _possessor(doc: Doc, c: Cand) -> Token | None:
    first = doc.char_span(c.start, c.end, "expand")
    return first[0] if first is not None and first[0].lower_ in T.POSSESSIVES else None


def resolve(
    doc: Doc,
    groups: list[Group],
    free: list[Cand],
    spouses: dict[int, set[int]],
    ambiguous: list[Cand] | None = None,
) -> tuple[list[tuple[Cand, int]], list[tuple[Cand, list[int]]]]:
    """Resolve free descriptions, pronouns and shared short names in text order.

    Returns (mention, group) pairs resolved here, and (description, ranked candidates) pairs
    left for cross-article linking. A short name two people share that neither gender nor
    salience settles is left out rather than guessed.
    """
    people = People(doc, groups)
    ambiguous = ambiguous or []
    ids = token_ids(doc)
    pronouns = [
        Cand(t.idx, t.idx + len(t), t.text, "PERSON", t.i, kind="pronoun")
        for t in (doc[i] for i, (lower, pos) in enumerate(zip(ids[0], ids[2], strict=True))
                  if lower in _PRONOUN_IDS and pos == PRON)
    ]
    resolved: list[tuple[Cand, int]] = []
    pending: list[tuple[Cand, list[int]]] = []
    where: dict[int, int] = {}  # token index -> group, for mentions resolved so far
    for g in groups:
        for c in g.mentions:
            where[c.tok] = g.index
    traits = _traits(doc, groups)
    stops = sorted({c.start for g in people.groups.values() for c in g.mentions}
                   | {c.start for c in free + ambiguous})
    quoted = quoted_offsets(doc_text(doc))
    order = sorted(free + pronouns + ambiguous,
                   key=lambda c: (c.start, c.kind == "description", c.kind != "pronoun"))
    for c in order:
        if c.options:
            gi = _resolve_name(doc, c, people, groups, stops, quoted)
            if gi is not None:
                resolved.append((c, gi))
                where[c.tok] = gi
                people.add(c, gi)
            continue
        if c.kind == "pronoun":
            gi = _reporting_subject(doc[c.tok], where, groups)
            if gi is not None:  # "Jacqui Smith said she would step down": she is Smith
                resolved.append((c, gi))
                where[c.tok] = gi
                people.add(c, gi)
                continue
        said = None
        if c.kind == "description" and T.ROLES[next(iter(c.cues))].gender is None:
            said = _continued_gender(doc, c, stops, quoted)  # "The mayor ... herself"
        ranked = _rank(doc, c, people, groups, spouses, where, traits, said)
        if not ranked and c.kind == "description":
            gi = _later_holder(c, groups)
            if gi is not None:  # "her son" in a headline, "her son Otto" in the body
                resolved.append((c, gi))
                where[c.tok] = gi
            elif not _before_name(doc, c):  # nobody here: the story stage may know who
                pending.append((c, []))  # holds the role elsewhere
            continue
        if not ranked:
            continue
        if c.kind == "pronoun" or len(ranked) == 1 or (
            ranked[0][1] - ranked[1][1] >= _margin(c)
            and not _unsure_gender(c, groups[ranked[0][0]])
        ):
            gi = ranked[0][0]
            resolved.append((c, gi))
            where[c.tok] = gi
            if c.kind == "pronoun":
                clear = len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= MARGIN
                if groups[gi].gender is None and clear:
                    _set_gender(groups[gi], T.PRONOUNS[c.text.lower()], 1)
                if not c.text.lower().endswith("self"):
                    people.add(c, gi)  # "he told reporters": he stays in focus
                continue
            people.add(c, gi)
            role = next(iter(c.cues))
            groups[gi].roles[role] += 1
            _set_gender(groups[gi], T.ROLES[role].gender or said, 3)
        else:
            pending.append((c, [gi for gi, _ in ranked]))
    return resolved, pending


_SAYING = frozenset({"say", "tell", "announce", "insist", "claim", "reveal", "add", "explain",
                     "confirm", "admit", "write", "state", "argue", "deny", "believe", "think",
                     "feel", "hope", "fear", "vow", "promise", "warn", "decide", "acknowledge"})


def _before_name(doc: Doc, c: Cand) -> bool:
    """ "The singer Mara Quill": a role noun written right before a proper noun."""
    return c.tok + 1 < len(doc) and doc[c.tok + 1].pos_ == "PROPN"


def _later_holder(c: Cand, groups: list[Group]) -> int | None:
    """The one person a later sentence writes this kin noun against ("her son Otto"), for a
    description no earlier person can take."""
    role = next(iter(c.cues))
    if role not in T.ROLES or T.ROLES[role].kind not in T.KIN_KINDS:
        return None
    holders = [g.index for g in groups if g.type == "PERSON" and g.roles[role] > 0
               and any(m.start > c.start for m in g.mentions)]
    return holders[0] if len(holders) == 1 else None


def _reporting_subject(tok: Token, where: dict[int, int], groups: list[Group]) -> int | None:
    """The named subject of the saying verb whose complement clause this subject pronoun
    opens, when the pronoun's gender fits them: the speaker talks about themself."""
    gender = T.PRONOUNS.get(tok.lower_)
    if gender is None or tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = tok.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in _SAYING:
        return None
    subj = next((c for c in clause.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.i not in where:
        return None
    gi = where[subj.i]
    return gi if groups[gi].gender in (None, gender) and groups[gi].type == "PERSON" else None


def _resolve_name(doc, c, people, groups, stops, quoted) -> int | None:
    """Which of the people sharing a short name this one is: the one whose gender fits (an
    honorific, or a pronoun that continues the name as subject), else the clearly most salient
    one, else none."""
    options = [g.index for g in c.options if g.index in people.groups]
    gender = honorific_gender(doc_text(doc), c) or _continued_gender(doc, c, stops, quoted)
    if gender:
        known = [gi for gi in options if groups[gi].gender == gender]
        options = known or [gi for gi in options if groups[gi].gender is None]
    if len(options) <= 1:
        return options[0] if options else None
    scores = people.candidates(c.start)
    ranked = sorted(((scores.get(gi, 0.0), gi) for gi in options), reverse=True)
    if ranked[0][0] - ranked[1][0] >= MARGIN:
        return ranked[0][1]
    return None


def _continued_gender(doc: Doc, c: Cand, stops: list[int], quoted) -> str | None:
    """The gender of a pronoun that continues a subject name before anyone else is named:
    "Castell resigned in February. He had been appointed ..." says this Castell is a man."""
    tok = doc[c.tok]
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    sent = tok.sent
    nxt = doc[sent.end].sent if sent.end < len(doc) else None
    limit = nxt.end if nxt is not None else sent.end
    stop = next((x for x in stops if x > c.start), len(doc_text(doc)))
    for t in doc[tok.i + 1 : limit]:
        if t.idx >= stop:
            return None
        if t.lower_ in T.PRONOUNS and t.pos_ == "PRON" and not _inside(quoted, t.idx):
            in_next = nxt is not None and t.i >= nxt.start
            if in_next and t.dep_ not in ("nsubj", "nsubjpass"):
                return None
            return T.PRONOUNS[t.lower_]
    return None


def _traits(doc: Doc, groups: list[Group]) -> dict[int, set[str]]:
    """Words the article predicates of each person ("Benjamin, who is French", "Verhoeven is
    Danish", "the Danish conductor Jonas Verhoeven"), to match "the French choreographer"."""
    out: dict[int, set[str]] = {}
    for g in groups:
        if g.type != "PERSON":
            continue
        words = out.setdefault(g.index, set())
        for c in g.mentions:
            if c.kind == "description":
                span = doc.char_span(c.start, c.end, alignment_mode="expand")
                words |= _modifiers(span) if span is not None else set()
                continue
            tok = doc[c.tok]
            preds = []
            for child in tok.children:  # "X, who is French"
                if child.dep_ == "relcl" and child.lemma_ == "be":
                    preds += [x for x in child.children if x.dep_ in ("acomp", "attr")]
            if tok.dep_ == "nsubj" and tok.head.lemma_ == "be":  # "X is French"
                preds += [x for x in tok.head.children if x.dep_ in ("acomp", "attr")]
            for p in preds:
                words.add(p.lower_)
                words |= {x.lower_ for x in p.children if x.dep_ in ("amod", "compound")}
    return out


def _modifiers(span) -> set[str]:
    """Content words before a description's role noun: "the French choreographer" -> french."""
    return {
        t.lower_ for t in span[:-1]
        if t.pos_ in ("ADJ", "PROPN", "NOUN") and t.lower_ not in T.POSSESSIVES
        and t.lower_ not in T.ROLES and t.is_alpha
    }


def _unsure_gender(c: Cand, g: Group) -> bool:
    """ "his wife" whose best candidate's gender the article never shows: let the story decide."""
    return T.ROLES[next(iter(c.cues))].gender is not None and g.gender is None


def _margin(c: Cand) -> float:
    """Lead needed to resolve a description here: more when the noun carries no gender."""
    role = T.ROLES[next(iter(c.cues))]
    return MARGIN if role.gender else NEUTRAL_MARGIN


def _rank(
    doc, c, people, groups, spouses, where, traits, said=None
) -> list[tuple[int, float]]:
    """Compatible people for a pronoun or description, best first."""
    tok = doc[c.tok]
    if c.kind == "pronoun":
        gender, kind = T.PRONOUNS[tok.lower_], "pronoun"
        cands = _cataphora(doc, tok, people) or people.candidates(c.start)
    else:
        role = T.ROLES[next(iter(c.cues))]
        gender, kind = role.gender or said, role.kind
        cands = people.candidates(c.start)
    excluded = _coordinated(tok, where) | _clause_subject(tok, where)
    possessor = _possessor(doc, c) if c.kind == "description" else None
    mods: set[str] = set()
    if c.kind == "description":
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        mods = _modifiers(span) if span is not None else set()
    owner = where.get(possessor.i) if possessor is not None else None
    out = []
    for gi, score in cands.items():
        g = groups[gi]
        if gi in excluded or gi == owner:
            continue
        if gender and g.gender and g.gender != gender:
            continue
        if kind in ("occupation", "epithet", "spouse", "partner", "former") and _is_child(g):
            continue
        if kind == "child" and not _is_child(g):
            continue
        if kind == "spouse" and owner is not None:
            if owner in spouses and gi in spouses[owner]:
                score += 2.0
            elif spouses.get(owner):
                continue
        if gender and g.gender is None and not (said and gender == said):
            score -= 0.5
        if c.kind == "description" and c.cues & set(g.roles):
            score += 1.5  # "the singer" again: the person already called so here
        if mods and mods & traits.get(gi, set()):
            score += 2.0  # "the French choreographer" for the person "who is French"
        out.append((gi, score))
    return sorted(out, key=lambda x: -x[1])


def _cataphora(doc: Doc, tok: Token, people: People) -> dict[int, float]:
    """ "Despite her doubts, Portman ...": a pronoun before the main-clause subject."""
    sent = tok.sent
    root = sent.root
    for child in root.children:
        if child.dep_ == "nsubj" and child.i > tok.i:
            for pos, gi, _ in people.seen:
                if child.idx <= pos < child.idx + len(child.text) + 1 or (
                    pos <= child.idx and pos >= child.left_edge.idx
                ):
                    return {gi: 10.0}
    return {}


def _coordinated(tok: Token, where: dict[int, int]) -> set[int]:
    """People joined to this mention by "and": "she and the choreographer" are two people."""
    out = set()
    for other in list(tok.conjuncts):
        if other.i in where:
            out.add(where[other.i])
    return out


def _clause_subject(tok: Token, where: dict[int, int]) -> set[int]:
    """ "Quill, who married the conductor": an object is not its own verb's subject."""
    if tok.lower_.endswith("self") or tok.lower_.endswith("selves"):
        return set()
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif tok.dep_ not in ("dobj", "obj", "dative"):
        return set()
    for child in head.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            subj = child
            if subj.tag_ in ("WP", "WDT") and head.dep_ == "relcl":
                subj = head.head
            return {where[subj.i]} if subj.i in where else set()
    return set()


def _is_child(g: Group) -> bool:
    return any(T.ROLES[r].kind == "child" for r in g.roles if r in T.ROLES) or any(
        "child" in c.cues for c in g.mentions
    )
