"""How sure a sentence is about an event: cue words with syntactic scope, ranked by strength.

What a cue word does is data (storyline/data/certainty.json): embedding predicates with their
implication signatures ("managed to" +/-, "failed to" -/+, "hoped to" o/o, "denied" -/o),
hedges and reporting verbs; this module only finds cues, their scope and their polarity.

A cue counts for a trigger only when the parse puts the trigger in its scope ("rumours of an
affair" covers the affair, not the sighting later in the sentence). Questions make the whole
sentence speculated. The strongest certainty in the ranking wins, so speculation and questions
never come out as asserted.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from storyline.data import PredicateClass, certainty_lexicon
from storyline.nlp.doc_text import doc_text, ids_of, last_doc, lemma_ids_in, token_ids

# Strongest first: a denied or questioned event is never upgraded by a weaker cue.
RANK = ("denied", "negated", "speculated", "hypothetical", "alleged", "reported", "asserted")

# What each cue word does to the events it scopes over is data (storyline/data/certainty.json):
# implication signatures of embedding predicates, hedges, reporting verbs, word lists.
LEXICON = certainty_lexicon()
DENIED_THINGS = LEXICON.words["denied_things"]  # attribution.py uses the same list
NEGATED_DENIAL_HEADS = LEXICON.words["negated_denial_heads"]
CONDITIONAL_MARKS = LEXICON.words["conditional_marks"]
CONDITIONAL_AUX = LEXICON.words["conditional_auxiliaries"]
PROSPECT_PREPS = LEXICON.words["prospect_preps"]
PROSPECT_VERBS = LEXICON.words["prospect_verbs"]
SPREAD_VERBS = LEXICON.words["spread_verbs"]


def _covers(cue: Token, trigger: Token, scope: str = "auto") -> bool:
    """Whether `cue` scopes over `trigger` in the dependency parse, by the cue's class scope."""
    if cue == trigger:
        return False
    if scope == "subtree":  # "on the brink of divorce": not (yet) happened
        return trigger in cue.subtree
    if scope == "denial" and cue.pos_ in ("VERB", "AUX"):
        return _denial_path(cue, trigger)
    if scope == "complement":  # an intention covers its complement, not its adjuncts
        return _complement_path(cue, trigger)
    if cue.dep_ == "mark":  # "asked whether they had split": the clause it introduces
        return trigger in cue.head.subtree
    if cue.tag_ == "MD" or cue.dep_ == "aux":
        return cue.head == trigger or (trigger.dep_ in ("xcomp",) and trigger.head == cue.head)
    if cue.dep_ in ("advmod", "amod", "npadvmod"):
        return cue.head == trigger or cue.head in trigger.ancestors
    if trigger in cue.subtree:
        return True
    if cue.pos_ == "NOUN" and cue.dep_ in ("nsubj", "nsubjpass"):
        head = cue.head
        return head.lemma_.lower() in SPREAD_VERBS and trigger in head.subtree
    return False


def _complement_path(cue: Token, trigger: Token) -> bool:
    """`trigger` sits in `cue`'s complement clauses, never crossing a preposition (except a
    noun cue's own "hope of a reconciliation", "attempt at a comeback")."""
    tok = trigger
    for _ in range(8):
        if cue.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.head == cue \
                and tok.head.lower_ in ("of", "at", "for"):
            return True
        if tok.dep_ in ("prep", "pobj", "advcl", "conj", "nsubj") or tok.head.i == tok.i:
            return False
        if tok.head == cue:
            return True
        tok = tok.head
    return False


def _denial_path(cue: Token, trigger: Token) -> bool:
    """A denial verb denies what it governs as a complement or a report-like object ("denied
    reports of an affair", "denied that they split"), never its conjuncts or adjuncts."""
    tok = trigger
    for _ in range(10):
        if tok.head.i == tok.i or tok.dep_ in ("conj", "advcl", "parataxis", "cc"):
            return False
        if tok.head == cue:
            return tok == trigger or tok.dep_ != "dobj" or tok.lemma_.lower() in DENIED_THINGS
        tok = tok.head
    return False


def _negated(trigger: Token) -> bool:
    """A negation on the trigger, or on the light verb governing a noun trigger. A negated
    embedding predicate ("didn't want a divorce", "did not manage to leave") is left to its
    signature in the lexicon instead."""
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in trigger.children):
        return True
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "attr", "pobj"):
        head = trigger.head if trigger.dep_ != "pobj" else trigger.head.head
        return not _embeds(head, trigger) and any(c.dep_ == "neg" for c in head.children)
    if trigger.dep_ == "xcomp":
        head = trigger.head
        return not _embeds(head, trigger) and any(c.dep_ == "neg" for c in head.children)
    return False


def _cue_negated(cue: Token) -> bool:
    """A negated embedding predicate: "did not confirm", "never managed", "no plans to"."""
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in cue.children)


def _complement_kind(cue: Token, trigger: Token) -> str | None:
    """How `trigger` hangs under `cue`: "to" (an infinitival complement), "that" (a finite
    clause) or None, from the dependency of the cue's child on the way down."""
    tok = trigger
    for _ in range(10):
        if tok.head.i == tok.i:
            return None
        if tok.head == cue:
            if tok.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ == "to"
                                          for c in tok.children):
                return "to"
            return "that" if tok.dep_ in ("ccomp", "parataxis") else None
        tok = tok.head
    return None


def _class_for(cue: Token, trigger: Token) -> PredicateClass | None:
    """The first lexicon class of `cue` whose complement type fits how `trigger` hangs (the
    complement's kind found once, not per class)."""
    classes = LEXICON.classes_of(cue.lemma_.lower(), cue.lower_)
    kind = _complement_kind(cue, trigger) if classes else None
    for cls in classes:
        if cls.objects and not _takes_listed(cue, cls.objects):
            continue  # "withdrew from the race", "corrected the figures": nothing taken back
        if cls.complement == "any" or kind == cls.complement or (
                cls.complement == "clause_or_object" and kind != "to"):
            return cls
    return None


def _takes_listed(cue: Token, listed: str) -> bool:
    """Whether `cue` has a clausal complement or an object from the lexicon word list."""
    things = LEXICON.words[listed]
    return any(c.dep_ == "ccomp" or (c.dep_ == "dobj" and c.lemma_.lower() in things)
               for c in cue.children)


def _embeds(cue: Token, trigger: Token) -> bool:
    """Whether `cue` is an embedding predicate of the lexicon scoping over `trigger`."""
    cls = _class_for(cue, trigger)
    return cls is not None and _covers(cue, trigger, cls.scope)


def _prospective(trigger: Token) -> bool:
    """ "moving toward divorce", "headed for a split", "are getting a divorce": the event
    lies ahead (or is under way), not done."""
    head = trigger.head
    if trigger.dep_ in ("dobj", "xcomp", "acomp", "attr") and head.lemma_.lower() == "get" \
            and head.tag_ == "VBG":
        return True
    if any(c.lemma_.lower() == "get" and c.tag_ == "VBG" and c.dep_ in ("aux", "auxpass")
           for c in trigger.children):
        return True  # "Are Getting Divorced"
    if trigger.dep_ != "pobj":
        return False
    prep = trigger.head
    if prep.lower_ in PROSPECT_PREPS:
        return True
    return prep.lower_ == "for" and prep.head.lemma_.lower() in PROSPECT_VERBS


def _conditional(trigger: Token, sent: Span) -> bool:
    """Inside an if/unless clause, or the main clause of a sentence that has one (with would)."""
    for tok in _sentence(sent).marks:
        clause = tok.head
        if clause.dep_ != "advcl":
            continue  # "wonder if ..." is an embedded question, not a condition
        if clause == trigger or clause in trigger.ancestors:
            return True
        main = clause.head
        if (main == trigger or main in trigger.ancestors) and trigger not in clause.subtree:
            return True
    return any(c.lower_ in CONDITIONAL_AUX and c.dep_ == "aux" for c in trigger.children)


def _irrealis_infinitive(trigger: Token) -> bool:
    """A to-infinitive ("the chance to visit", "in order to win") is unrealized by default;
    only an embedding predicate of the lexicon ("managed to") says otherwise."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" and c.i < trigger.i for c in trigger.children):
        return False
    return trigger.head.i == trigger.i or not _embeds(trigger.head, trigger)


def _imperative(trigger: Token) -> bool:
    """A command ("Mail the envelopes", "Take care and call"): a base-form main verb with no
    subject or auxiliary has not happened."""
    tok = trigger
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "ROOT" or tok.tag_ != "VB" or (tok is not trigger and trigger.tag_ != "VB"):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass", "csubj")
                   for c in tok.children)


def _denial_phrase(trigger: Token, sent: Span) -> bool:
    """"There is no truth to the rumours that ...", "it is not true that ..."."""
    for tok in _sentence(sent).denial_heads:
        negs = [c for c in tok.children if c.dep_ == "neg" or c.lower_ == "no"]
        negs += [c for c in tok.head.children if c.dep_ == "neg"]
        if negs and trigger in tok.head.subtree:
            return True
    return False


def is_question(sent: Span) -> bool:
    """A sentence that ends in a question mark (quotes and brackets aside)."""
    text = doc_text(sent.doc)[sent.start_char : sent.end_char]  # sent.text, not joined again
    return text.rstrip(" \"'”’)]\n").endswith("?")


def certainty_of(
    trigger: Token, sent: Span, base: str = "asserted", negation: bool = True
) -> str:
    """The certainty of the event triggered by `trigger`, given the attribution's `base`."""
    found = {base}
    words = _sentence(sent)
    for tok in words.cues:
        if tok == trigger:
            continue
        cls = _class_for(tok, trigger)
        if cls is not None and _covers(tok, trigger, cls.scope):
            outcome = cls.outcome(_cue_negated(tok))
            if outcome:
                found.add(outcome)
    if _denial_phrase(trigger, sent):
        found.add("denied")
    if negation and _negated(trigger):
        found.add("negated")
    if _conditional(trigger, sent) or _prospective(trigger) or _irrealis_infinitive(trigger) \
            or _imperative(trigger):
        found.add("hypothetical")
    if words.question:
        found.add("speculated")
    return min(found, key=RANK.index)


@dataclass
class _Words:
    """The tokens of a sentence `certainty_of` looks at: cue words of the lexicon that are no
    proper nouns, negated-denial heads, conditional marks; and whether it is a question."""

    cues: list[Token]
    denial_heads: list[Token]
    marks: list[Token]
    question: bool


_LAST = threading.local()  # (Doc, {(start, end): _Words}) of the last Doc asked about
_CUE_LOWERS = ids_of(LEXICON.listed)  # lower-case forms some class lists
_MARK_LOWERS = ids_of(CONDITIONAL_MARKS)


@last_doc
def _cue_lemmas(doc: Doc) -> tuple[set[int], set[int]]:
    """The ids of the Doc's lemmas (lower-cased) that some class lists, and of those that are
    negated-denial heads: read once per Doc, then tested per token without making it."""
    return lemma_ids_in(doc, LEXICON.listed), lemma_ids_in(doc, NEGATED_DENIAL_HEADS)


def _sentence(sent: Span) -> _Words:
    """`_Words` of `sent`, found once per sentence of the last Doc (a sentence is asked about
    once for each claim in it, and most of its words are no cue)."""
    memo = getattr(_LAST, "memo", None)
    if memo is None or memo[0] is not sent.doc:
        memo = _LAST.memo = (sent.doc, {})
    key = (sent.start, sent.end)
    words = memo[1].get(key)
    if words is None:
        words = memo[1][key] = _Words([], [], [], is_question(sent))
        doc = sent.doc
        lowers, lemmas, pos = token_ids(doc)[:3]
        cue_lemmas, denial_lemmas = _cue_lemmas(doc)
        for i in range(sent.start, sent.end):  # a Token made only for a word that is a cue
            lemma, lower = lemmas[i], lowers[i]
            if (lemma in cue_lemmas or lower in _CUE_LOWERS) and pos[i] != PROPN:
                words.cues.append(doc[i])  # LEXICON.classes_of(lemma, lower) is not empty
            if lemma in denial_lemmas:
                words.denial_heads.append(doc[i])
            if lower in _MARK_LOWERS and doc[i].dep_ == "mark":
                words.marks.append(doc[i])
    return words
