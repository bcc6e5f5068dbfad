"""Find event triggers with the frame spec (`frames/*.toml`); read their arguments off the parse.

Matchers are compiled once per vocab from the frames' patterns; a main-clause verb outside every
frame is an open event named by its lemma. A trigger's participants, place, time and notable detail
come from its dependency neighbourhood (subject, objects, with/to/between phrases, possessors).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.attrs import DEP, LOWER
from spacy.matcher import DependencyMatcher, Matcher
from spacy.symbols import NOUN, VERB
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from storyline.nlp import doc_text
from storyline.nlp.events.frames import MINOR, OPEN, EventRule, forms, frame, lexicon, rules
from storyline.nlp.events.triggers import TriggerModel, verb_lemmas
from storyline.nlp.events.triggers import load as load_trigger_model
from storyline.nlp.match_windows import WindowedMatcher, reach_of

RULES = rules()
_LEX = lexicon()
DETAIL_PREPS = _LEX.detail_preps
DETAIL_VERBS = _LEX.detail_verbs
NEGATIONS = _LEX.negations
# The open layer skips light, mental and routine reporting verbs (reporting is attribution).
OTHER_EXCLUDED = _LEX.open_excluded | _LEX.reporting
# ... and their inflected forms, for a lemmatizer slip ("hoping" lemmatized as "hop")
_EXCLUDED_FORMS = frozenset(f for base in OTHER_EXCLUDED for f in forms(base))
# With the trigger model, reporting verbs stay out (attribution); the light and mental ones it
# calls events are `minor` events (frames/open.toml), kept but folded.
_REPORTING_FORMS = frozenset(f for base in _LEX.reporting for f in forms(base))
_MINOR_FORMS = frozenset(f for base in _LEX.open_excluded for f in forms(base))
OTHER_OBJECTS_EXCLUDED = _LEX.abstract_objects


@dataclass
class Hit:
    """One matched trigger: the rule, the trigger token and the matched tokens."""

    rule: EventRule
    trigger: Token
    start: int
    end: int
    predicate: str


_CACHE: dict[int, tuple[Matcher, DependencyMatcher, WindowedMatcher]] = {}


def _compiled(vocab: Vocab) -> tuple[Matcher, DependencyMatcher, WindowedMatcher]:
    """The token, dependency and windowed token matchers for every rule, built once per vocab
    (one key per token pattern, "rule:pattern", so the pattern's marked trigger is known)."""
    key = id(vocab)
    if key not in _CACHE:
        tok = Matcher(vocab)
        dep = DependencyMatcher(vocab)
        keyed = []
        for i, rule in enumerate(RULES):
            for j, pattern in enumerate(rule.tokens):
                tok.add(f"{i}:{j}", [pattern])
                keyed.append((f"{i}:{j}", pattern))
            if rule.deps:
                dep.add(str(i), rule.deps)
        _CACHE[key] = (tok, dep, WindowedMatcher(vocab, keyed))
    return _CACHE[key]


def matchers(vocab: Vocab) -> tuple[Matcher, DependencyMatcher]:
    """The token matcher (every pattern, for a whole-Doc run) and the dependency matcher."""
    tok, dep, _ = _compiled(vocab)
    return tok, dep


def token_matches(doc: Doc) -> list[tuple[int, int, int]]:
    """What the token matcher finds in `doc`, each pattern tried only where it can start
    (`WindowedMatcher`): ordered by start, end and pattern."""
    return _compiled(doc.vocab)[2](doc)


def _anchor_words() -> tuple[frozenset[int], frozenset[int]] | None:
    """Hashes of the lemmas and lower-case forms that can be the first node of some
    dependency pattern, or None when one first node names no word (then always match)."""
    lemmas: set[int] = set()
    lowers: set[int] = set()
    for rule in RULES:
        for pattern in rule.deps or ():
            reach = reach_of([pattern[0]["RIGHT_ATTRS"]])
            if reach is None:
                return None
            lemmas |= reach.lemma_ids
            lowers |= reach.lower_ids
    return frozenset(lemmas), frozenset(lowers)


_ANCHORS = _anchor_words()


def dep_matches(doc: Doc) -> list[tuple[int, list[int]]]:
    """The dependency matcher's matches; not run over a Doc where no token can be the first
    node of any pattern (the matcher would run its node patterns over every token for none)."""
    if _ANCHORS is not None and len(doc):
        columns = doc_text.token_ids(doc)  # LOWER, LEMMA, ...
        lemmas, lowers = _ANCHORS
        if lemmas.isdisjoint(columns[1]) and lowers.isdisjoint(columns[0]):
            return []
    return _compiled(doc.vocab)[1](doc)


def _predicate(trigger: Token) -> str:
    parts = [trigger.lemma_.lower()]
    parts += [c.lower_ for c in trigger.children if c.dep_ == "prt"]
    return " ".join(parts)


def find_hits(doc: Doc, trigger_model: bool | TriggerModel = False) -> list[Hit]:
    """Typed triggers (longest match wins a token) then open-layer events, in text order. The
    open layer takes, with `trigger_model` (True: the shipped one), the tokens the trained
    trigger model calls events (`triggers.py`), else main-clause verbs with an entity argument."""
    raw: list[Hit] = []
    for match_id, start, end in token_matches(doc):
        i, j = (int(n) for n in doc.vocab.strings[match_id].split(":"))
        rule = RULES[i]
        at = rule.trigger_at[j] if j < len(rule.trigger_at) else None
        trigger = doc[start:end].root if at is None else doc[end + at if at < 0 else start + at]
        if _excluded_object(rule, trigger) or (rule.needs_argument and not _has_argument(trigger)):
            continue
        if rule.only_objects and not _wanted_object(rule, trigger):
            continue
        if rule.not_after and trigger.i > 0 and doc[trigger.i - 1].lower_ in rule.not_after:
            continue
        raw.append(Hit(rule, trigger, start, end, _predicate(trigger)))
    for match_id, token_ids in dep_matches(doc):
        rule = RULES[int(doc.vocab.strings[match_id])]
        trigger = doc[token_ids[0]]
        raw.append(Hit(rule, trigger, trigger.i, trigger.i + 1, _predicate(trigger)))
    taken: set[int] = set()
    hits: list[Hit] = []
    for hit in sorted(raw, key=lambda h: (h.start - h.end, h.start)):
        span = set(range(hit.start, hit.end)) | {hit.trigger.i}
        if span & taken:
            continue
        taken |= span
        hits.append(hit)
    for hit in hits:  # what a sighting was notable for is part of it, no event of its own
        detail = detail_of(hit.trigger, hit.trigger.sent) if hit.rule.detail else None
        taken |= set(range(detail.start, detail.end)) if detail is not None else set()
    model = trigger_model if isinstance(trigger_model, TriggerModel) else (
        load_trigger_model() if trigger_model else None)
    # only verbs (and, for the model, nouns) can be open events: others are not looked at
    open_pos = (VERB, NOUN) if model is not None else (VERB,)
    pos = doc_text.token_ids(doc)[2]
    for i in range(len(doc)):  # a Token made only for a verb or noun outside the hits
        if pos[i] not in open_pos or i in taken:
            continue
        trigger = doc[i]
        if not trigger.lemma_.isalpha():
            continue
        if any(c.i in taken and c.dep_ in ("dobj", "attr") for c in trigger.children):
            continue  # "finalized their divorce": the typed divorce is the event
        rule = OTHER_RULE
        if model is not None:
            if not _told_happening(trigger) or not model.is_trigger(trigger):
                continue
            if trigger.lemma_.lower() in _LEX.open_excluded or trigger.lower_ in _MINOR_FORMS:
                rule = MINOR_RULE
        elif trigger.pos_ != "VERB" or trigger.lemma_.lower() in OTHER_EXCLUDED or (
                trigger.lower_ in _EXCLUDED_FORMS) or not _main_clause(trigger) or (
                not _entity_argument(trigger)) or not _concrete_object(trigger):
            continue
        taken.add(trigger.i)
        hits.append(Hit(rule, trigger, trigger.i, trigger.i + 1, _predicate(trigger)))
    return sorted(hits, key=lambda h: h.trigger.i)


OTHER_RULE = EventRule(OPEN, OPEN)
MINOR_RULE = EventRule(MINOR, MINOR)
# A nominal open event names whom or what it is about: "his resignation", "the talks between X
# and Y", "the attack on X"; a bare "the move" is too vague to be a story's event.
NOUN_ARGUMENT_PREPS = frozenset({"of", "by", "against", "on", "between", "with", "for"})


def _told_happening(trigger: Token) -> bool:
    """Whether a token the trigger model calls an event is told as a happening of the story,
    not only mentioned: a verb or event noun outside the routine reporting verbs (`[open]
    reporting`: attribution) and outside names, a verb the lemmatizer knows as one (its verb
    index), not in a simple-present description of a habit ("most shops close early"), a
    noun with an argument and not the object of a light verb ("made a big deal"). An aim
    ("hoping to move on") is an event told as hypothetical: the certainty cue says so."""
    lemma = trigger.lemma_.lower()
    if lemma in _LEX.reporting or trigger.lower_ in _REPORTING_FORMS or trigger.ent_type_:
        return False  # a word of a name is no happening
    if trigger.pos_ == "VERB":
        known = verb_lemmas()
        if known and lemma not in known:
            return False  # a tagger slip: "Millepied" tagged a verb, lemma "millepie"
        habit = trigger.tag_ in ("VBZ", "VBP") and not any(
            c.dep_ in ("aux", "auxpass") for c in trigger.children)
        return not habit or _named_argument(trigger)
    if trigger.pos_ != "NOUN":
        return False
    if trigger.dep_ in ("dobj", "attr") and trigger.head.lemma_.lower() in OTHER_EXCLUDED:
        return False
    return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in NOUN_ARGUMENT_PREPS)
               for c in trigger.children)


def _named_argument(verb: Token) -> bool:
    """A name or a personal pronoun as the verb's subject or object."""
    for arg in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")):
        named = [arg, *(c for c in arg.children if c.dep_ in ("appos", "compound"))]
        if arg.lower_ in PERSON_PRONOUNS or any(
                t.ent_type_ in NAMED_LABELS or t.pos_ == "PROPN" for t in named):
            return True
    return False


def _lemma_rules() -> dict[tuple[str, str], list[EventRule]]:
    """(lemma, VERB|NOUN) -> the rules whose one-token pattern lists that lemma (the frames'
    `verbs` and `nouns`), in the frames' order."""
    out: dict[tuple[str, str], list[EventRule]] = {}
    for rule in RULES:
        for pattern in rule.tokens:
            lemmas = pattern[0].get("LEMMA", {}).get("IN", []) if len(pattern) == 1 else []
            pos = pattern[0].get("POS") if lemmas else None
            tags = pos.get("IN", []) if isinstance(pos, dict) else [pos]
            for lemma in lemmas:
                for pos_tag in {"NOUN" if tag == "NOUN" else "VERB" for tag in tags}:
                    found = out.setdefault((lemma, pos_tag), [])
                    if rule not in found:
                        found.append(rule)
    return out


_LEMMA_RULES = _lemma_rules()


def lexical_hit(trigger: Token) -> Hit:
    """A Hit for a given trigger token (a gold event mention): the first frame whose trigger
    words list its lemma (as a verb, else as a noun) and whose object conditions it meets,
    else an open event named by its lemma."""
    pos = "NOUN" if trigger.pos_ in ("NOUN", "PROPN") else "VERB"
    other = "VERB" if pos == "NOUN" else "NOUN"
    lemma = trigger.lemma_.lower()
    for rule in (*_LEMMA_RULES.get((lemma, pos), ()), *_LEMMA_RULES.get((lemma, other), ())):
        if _excluded_object(rule, trigger) or (rule.only_objects and not _wanted_object(
                rule, trigger)) or (rule.needs_argument and not _has_argument(trigger)):
            continue
        return Hit(rule, trigger, trigger.i, trigger.i + 1, _predicate(trigger))
    return Hit(OTHER_RULE, trigger, trigger.i, trigger.i + 1, _predicate(trigger))
# Clauses that assert a happening: the sentence's own, and the content of a report ("announced
# that she underwent surgery"); relative, adverbial and infinitive clauses only describe.
MAIN_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "parataxis"})
PERSON_PRONOUNS = frozenset({"he", "she", "they", "we", "him", "her", "them", "us"})
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"})


def _main_clause(verb: Token) -> bool:
    """A verb of the sentence's main clause (or of a conjunct of it, or of reported content)."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ in MAIN_CLAUSE_DEPS


def _entity_argument(verb: Token) -> bool:
    """Open events need an argument that is an entity: a name (person, company, country, ...)
    or a personal pronoun, or in a past or perfect clause a concrete noun phrase, as subject,
    object or passive agent."""
    args = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative")]
    args += [g for c in verb.children if c.dep_ == "agent" for g in c.children
             if g.dep_ == "pobj"]
    for arg in args:
        named = [arg, *(c for c in arg.children if c.dep_ in ("appos", "compound"))]
        if any(t.ent_type_ in NAMED_LABELS or t.pos_ == "PROPN" for t in named):
            return True
        if arg.lower_ in PERSON_PRONOUNS:
            return True
    # A concrete noun phrase ("the company", "prices") is an entity mention too (ACE counts
    # nominal mentions), but then only a told happening, past or perfect: "most shops close
    # early" describes a habit, "the shops closed" tells what happened.
    told = verb.tag_ in ("VBD", "VBN")
    return told and any(a.pos_ == "NOUN" and a.lemma_.lower() not in OTHER_OBJECTS_EXCLUDED
                        for a in args)


def _wanted_object(rule: EventRule, trigger: Token) -> bool:
    """One of the rule's `only_objects` is the trigger's patient ("withdrew the photo")."""
    patients = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    if trigger.dep_ in ("acl", "relcl"):  # "a photo withdrawn by agencies"
        patients.append(trigger.head)
    return any(p.lemma_.lower() in rule.only_objects for p in patients)


def _excluded_object(rule: EventRule, trigger: Token) -> bool:
    """The rule's `not_objects` ("reports were published" is no release of a work)."""
    if not rule.not_objects:
        return False
    patients = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    if trigger.dep_ in ("acl", "relcl"):  # "a statement released on Monday"
        patients.append(trigger.head)
    return any(p.lemma_.lower() in rule.not_objects for p in patients)


def _has_argument(trigger: Token) -> bool:
    """Someone or something the trigger is about: a subject or object, or the noun it modifies
    (also through a conjunct: "the film, directed by X and released in 2010")."""
    for tok in (trigger, *[t for t in trigger.ancestors][:3]):
        if tok.dep_ in ("acl", "relcl", "amod") or any(
                c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") for c in tok.children):
            return True
        if tok.dep_ != "conj":
            return False
    return False


def _concrete_object(verb: Token) -> bool:
    """Open-layer events need an object that is a thing, not a pronoun or an abstraction."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "dative")]
    return not any(
        c.pos_ == "PRON" or c.lemma_.lower() in OTHER_OBJECTS_EXCLUDED for c in objects
    )


# ------------------------------------------------------------------ arguments

ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "agent", "poss", "attr", "oprd"})
GOAL_PREPS = frozenset({"in", "into", "for", "toward", "towards"})  # "headed for divorce"
ARG_PREPS = frozenset({"with", "to", "from", "between", "by", "of", "on", "against"})
LIGHT_VERBS = frozenset({"have", "start", "begin", "end", "announce", "confirm", "make", "get",
                         "take", "give", "be", "keep"}) | _LEX.support_verbs
# Nouns that hold an event as "a state of X", "the midst of X": their clause tells who. ("the
# brink of divorce" is left out: an event that has not happened must not join the couple's.)
STATE_NOUNS = frozenset({"state", "process", "midst", "middle", "throes", "period", "phase",
                         "aftermath"})


def argument_heads(trigger: Token, sent: Span | None = None) -> list[Token]:
    """Tokens naming the participants of the event triggered by `trigger`, inside `sent` (the
    line-cut sentence: the parser sometimes runs a headline into the next paragraph)."""
    sent = sent if sent is not None else trigger.sent
    heads: list[Token] = []
    anchors = [trigger]
    verb = trigger
    # "decided to separate", "began to suspect": the subject sits on the governing verb.
    climb = ("xcomp", "conj", "advcl", "acomp")  # "were married": the subject is on "were"
    while verb.dep_ in climb and not _has_subject(verb) and verb.head.i != verb.i:
        if not sent.start <= verb.head.i < sent.end:
            break
        verb = verb.head
        anchors.append(verb)
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "attr") and (
        trigger.head.lemma_.lower() in LIGHT_VERBS
    ):
        anchors.append(trigger.head)
        # "filed a lawsuit against X": the support verb's against-phrase names the patient
        heads += [g for c in trigger.head.children if c.dep_ == "prep" and c.lower_ == "against"
                  for g in c.children if g.dep_ == "pobj"]
    # "find themselves in a state of separation": the state noun stands in for the trigger
    holder = trigger
    if trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and (
        trigger.head.head.lemma_.lower() in STATE_NOUNS
    ):
        holder = trigger.head.head
    # "was involved in an affair", "is embroiled in a divorce": the subject of the verb above.
    prep = holder.head
    if trigger.pos_ == "NOUN" and holder.dep_ == "pobj" and (
        prep.lower_ in GOAL_PREPS or (holder is not trigger and prep.lower_ in ("on", "at"))
    ) and prep.head.pos_ in ("VERB", "AUX", "ADJ"):
        anchors.append(prep.head)
    elif holder is not trigger and holder.dep_ in ("dobj", "attr") and (
        holder.head.pos_ in ("VERB", "AUX")
    ):
        anchors.append(holder.head)  # "they began the process of divorce"
    # "they will be back together", "living apart": the subject of the verb the adverb modifies
    if trigger.pos_ in ("ADV", "ADJ") and trigger.dep_ in ("advmod", "acomp", "prt"):
        anchors.append(trigger.head)
    for anchor in anchors:
        for child in anchor.children:
            if child.dep_ == "agent" and anchor == trigger:  # "was arrested by X": X
                heads += [c for c in child.children if c.dep_ == "pobj"]
            elif child.dep_ in ARG_DEPS and (anchor == trigger or child.dep_.startswith("nsubj")):
                heads.append(child)
            elif child.dep_ == "prep" and child.lower_ in ARG_PREPS and anchor == trigger:
                heads += [c for c in child.children if c.dep_ == "pobj"]
                # "photos of X leaving the club": the gerund's subject
                heads += [s for c in child.children if c.dep_ == "pcomp"
                          for s in c.children if s.dep_ == "nsubj"]
            elif child.dep_ == "dep" and child.ent_type_ == "PERSON" and anchor == trigger:
                heads.append(child)  # a subject the parser left dangling
            elif child.dep_ in ("aux", "auxpass") and anchor == trigger:
                # "X got married" parsed with X as the subject of "got"
                heads += [c for c in child.children if c.dep_.startswith("nsubj")]
    # "the film ... released in 2010", "a position he left": the noun the clause modifies.
    clause = trigger
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ in ("relcl", "acl") and clause.head.pos_ in ("NOUN", "PROPN"):
        heads.append(clause.head)
    # "an affair involving X", "the romance that unfolded between X and Y", "a press
    # conference held by X" (the by-agent)
    if trigger.pos_ == "NOUN":
        for clause in (c for c in trigger.children if c.dep_ in ("acl", "relcl")):
            for child in clause.children:
                if child.dep_ == "dobj":
                    heads.append(child)
                elif child.dep_ == "agent" or (
                        child.dep_ == "prep" and child.lower_ in ("with", "between")):
                    heads += [c for c in child.children if c.dep_ == "pobj"]
    for anchor in anchors:  # "rumours over X having an affair": the gerund's subject
        before = anchor.doc[anchor.i - 1] if anchor.i > sent.start else None
        if anchor.tag_ == "VBG" and not _has_subject(anchor) and before is not None and (
            before.ent_type_ == "PERSON" or before.pos_ == "PROPN"
        ):
            heads.append(before)
    heads = [h for h in heads if sent.start <= h.i < sent.end]
    # PROPN: a Title Case headline ("X and Y Part Ways") tags the idiom as a name
    if not any(h.dep_.startswith("nsubj") for h in heads) and trigger.pos_ in (
        "VERB", "AUX", "PROPN"
    ):
        heads += _left_persons(trigger, sent.start)
    out: list[Token] = []
    for head in heads:
        for tok in (head, *_conjuncts(head)):
            if tok not in out:
                out.append(tok)
            out += [c for c in tok.children if c.dep_ == "appos" and c not in out]
    return out


def _left_persons(trigger: Token, floor: int, window: int = 10) -> list[Token]:
    """When the parse lost the subject: the persons named just before the verb, up to a clause
    boundary ("Are X and husband Y working it out?" parsed without a subject)."""
    doc = trigger.doc
    found: list[Token] = []
    for i in range(trigger.i - 1, max(trigger.i - window, floor) - 1, -1):
        tok = doc[i]
        if tok.pos_ == "VERB" or tok.text in (";", ":", ",") or "\n" in tok.text:
            break
        same_name = found and found[-1].i == i + 1 and found[-1].ent_iob_ == "I"
        person = tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and not tok.ent_type_)
        if person and not same_name:
            found.append(tok)
    return found[::-1]


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


@doc_text.last_doc
def _conj_tokens(doc: Doc) -> list[int]:
    """The indices of the Doc's conjuncts (dep "conj"), ascending, read once per Doc."""
    conj = doc.vocab.strings["conj"]
    deps = doc.to_array(DEP).tolist() if len(doc) else []
    return [i for i, dep in enumerate(deps) if dep == conj]


def _conjuncts(tok: Token) -> list[Token]:
    """The conjuncts in `tok`'s subtree hanging off `tok` or off another of them (the
    subtree walked once, and only when a conjunct lies within its edges)."""
    conjs = _conj_tokens(tok.doc)
    k = bisect_left(conjs, tok.left_edge.i)
    if k == len(conjs) or conjs[k] > tok.right_edge.i:
        return []
    conj = [c for c in tok.subtree if c.dep_ == "conj"]
    ids = {tok.i, *(c.i for c in conj)}
    return [c for c in conj if c.head.i in ids]


def name_span(tok: Token) -> Span:
    """The name a token is part of: its entity if any, else its compound chain."""
    if tok.ent_type_:  # its entity, from the IOB tags (doc.ents makes every entity's Span)
        doc, start, end = tok.doc, tok.i, tok.i + 1
        while doc[start].ent_iob_ == "I" and start > 0:
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return Span(doc, start, end, label=tok.ent_type)
    left = tok.i
    while left > 0 and tok.doc[left - 1].dep_ == "compound" and tok.doc[left - 1].head.i >= tok.i:
        left -= 1
    return tok.doc[left: tok.i + 1]


PLACE_LABELS = ("GPE", "LOC", "FAC", "ORG")
PLACE_PREPS = frozenset({"in", "at", "to", "near", "outside", "inside", "around"})
PATH_DEPS = frozenset({"prep", "pobj", "dobj", "advmod", "npadvmod", "prt", "acomp"})


def _near(tok: Token, trigger: Token, steps: int = 4) -> bool:
    """Whether `tok` hangs off `trigger` through prepositions and objects only."""
    for _ in range(steps):
        if tok.head == trigger:
            return True
        if tok.dep_ not in PATH_DEPS or tok.head == tok:
            return False
        tok = tok.head
    return False


@doc_text.last_doc
def _place_preps(doc: Doc) -> list[int]:
    """The tokens `place_of` can take, ascending: a place preposition whose object is a named
    place (read once per Doc: most triggers' subtrees hold none, and need no walk)."""
    strings = doc.vocab.strings
    prep, preps = strings["prep"], {strings[w] for w in PLACE_PREPS}
    rows = doc.to_array([DEP, LOWER]).tolist() if len(doc) else []
    out = []
    for i, (dep, lower) in enumerate(rows):
        if dep == prep and lower in preps:
            obj = next((c for c in doc[i].children if c.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ in PLACE_LABELS:
                out.append(i)
    return out


def place_of(trigger: Token) -> Span | None:
    """Where it happened: an in/at phrase near the trigger whose object is a named place."""
    preps = _place_preps(trigger.doc)
    k = bisect_left(preps, trigger.left_edge.i)  # the subtree lies within its edges
    if k == len(preps) or preps[k] > trigger.right_edge.i:
        return None
    best: tuple[int, Span] | None = None
    for tok in trigger.subtree:
        if tok.dep_ != "prep" or tok.lower_ not in PLACE_PREPS or not _near(tok, trigger):
            continue
        obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if obj is None or obj.ent_type_ not in PLACE_LABELS:
            continue
        if obj.ent_type_ == "ORG" and tok.lower_ != "at":
            continue
        rank = PLACE_LABELS.index(obj.ent_type_)
        end = obj.i + 1
        for child in obj.rights:
            if child.dep_ in ("appos", "conj", "npadvmod") and child.ent_type_ in ("GPE", "LOC"):
                end = child.i + 1
        span = tok.doc[obj.left_edge.i: end]
        if best is None or rank < best[0]:
            best = (rank, span)
    return best[1] if best else None


def _trim(span: Span) -> Span:
    """Cut a phrase at its first comma-led apposition or clause, and trailing punctuation."""
    end = span.end
    for tok in span:
        clause = tok.dep_ in ("relcl", "acl")
        if clause or (tok.is_punct and tok.i > span.start and tok.text != ","):
            end = tok.i
            break
    while end > span.start and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[span.start:end]


def detail_of(trigger: Token, sent: Span) -> Span | None:
    """What was notable about a sighting: "without her wedding ring", "missing her ring"."""
    own = list(trigger.subtree) if trigger.dep_ != "ROOT" else list(sent)
    # "photos of X leaving ..., and she wasn't wearing her ring": the rest of the sentence
    for scope in (own, [t for t in sent if t not in own]):
        found = _detail_in(trigger, sent, scope)
        if found is not None:
            return found
    return None


def _detail_in(trigger: Token, sent: Span, scope: list[Token]) -> Span | None:
    for tok in (t for t in scope if sent.start <= t.i < sent.end):
        obj = None
        if tok.lower_ in DETAIL_PREPS:
            obj = next((c for c in tok.children if c.dep_ in ("pobj", "dobj")), None)
            start = tok.i
        elif tok.lemma_.lower() in DETAIL_VERBS and tok.pos_ == "VERB":
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            neg = [c for c in tok.children if c.dep_ == "neg"]
            neg += [a for a in tok.children if a.dep_ == "aux"  # "was n’t" (curly apostrophe)
                    and any(n.lower_ in NEGATIONS for n in a.children)]
            start = min([tok.i] + [n.i for n in neg])
            aux = {c.i for c in tok.children if c.dep_ == "aux"}
            while start - 1 in aux:  # "wasn't wearing", "didn't wear": keep the auxiliary
                start -= 1
            if tok == trigger:  # "didn't wear her ring": the trigger is the detail itself
                obj = obj if neg else None
            worn = tok.lemma_.lower() == "wear" and not neg and not _negated_head(tok)
            if worn:
                obj = None  # wearing something is notable only when not worn
        if obj is not None and obj.i < sent.end:
            return _trim(tok.doc[start: obj.i + 1])
    return None


def _negated_head(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.head.children)


# ---------------------------------------------------------------------- roles

ROLE_PREPS = {"by": "agent", "against": "patient", "on": "patient"}  # "surgery on X"


def roles_of(hit: Hit, sent: Span) -> list[tuple[str, Token]]:
    """Agent and patient heads of a trigger, from the dependency tree: an active verb's subject
    and object, a passive's subject and by-agent, a nominal's possessor and of/by/against
    phrases ("the arrest of X by Y", "his firing"), a support verb's subject ("X underwent
    surgery"), the noun a participle modifies ("the photo withdrawn by agencies"); conjuncts
    and appositions share their head's role. Symmetric frames make everyone a participant."""
    trigger = hit.trigger
    spec = frame(hit.rule.type)
    possessor = hit.rule.possessor or spec.possessor
    found: list[tuple[str, Token]] = []

    def add(role: str, tok: Token) -> None:
        for t in (tok, *_conjuncts(tok)):
            for u in (t, *(c for c in t.children if c.dep_ == "appos")):
                if sent.start <= u.i < sent.end and all(u != f for _, f in found):
                    found.append((role, u))

    if trigger.pos_ in ("VERB", "AUX"):
        anchor = trigger
        while anchor.dep_ in ("xcomp", "conj") and not _has_subject(anchor) and (
                anchor.head.i != anchor.i and sent.start <= anchor.head.i < sent.end):
            anchor = anchor.head
        for c in (*trigger.children, *(anchor.children if anchor is not trigger else ())):
            if c.dep_ == "nsubj":
                add("agent", c)
            elif c.dep_ == "nsubjpass":
                add("patient", c)
        for c in trigger.children:
            if c.dep_ in ("dobj", "dative"):
                add("patient", c)
            elif c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        add("agent", g)
            elif c.dep_ == "aux" and not _has_subject(trigger):
                for g in c.children:  # "X got married" parsed with X under "got"
                    if g.dep_.startswith("nsubj"):
                        add("agent", g)
        if trigger.dep_ == "acl" and trigger.tag_ == "VBN":
            add("patient", trigger.head)  # "the photo withdrawn by agencies"
    else:
        for c in trigger.children:
            if c.dep_ == "poss":
                add(possessor, c)
            elif c.dep_ == "prep" and (c.lower_ == "of" or c.lower_ in ROLE_PREPS):
                role = possessor if c.lower_ == "of" else ROLE_PREPS[c.lower_]
                for g in c.children:
                    if g.dep_ == "pobj":
                        add(role, g)
        for clause in (c for c in trigger.children if c.dep_ in ("acl", "relcl")):
            for c in clause.children:  # "a conference held by Apple": Apple holds it
                if c.dep_ == "agent":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            add("agent", g)
        head = trigger.head
        if trigger.dep_ in ("dobj", "attr") and head.lemma_.lower() in LIGHT_VERBS:
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ == "against":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            add("patient", g)
                elif c.dep_ == "nsubj":
                    add(hit.rule.subject_role or possessor, c)
                elif c.dep_ == "nsubjpass":
                    add("patient", c)
    if "participant" in spec.roles:
        return [("participant", t) for _, t in found]
    return found
