"""How sure a sentence is about an event: cue words with syntactic scope, ranked by strength.

A cue counts for a trigger only when the parse puts the trigger in its scope ("rumours of an
affair" covers the affair, not the sighting later in the sentence). Questions make the whole
sentence speculated. The strongest certainty in the ranking wins, so speculation and questions
never come out as asserted.
"""

from __future__ import annotations

from spacy.tokens import Span, Token


def _words(text: str) -> list[str]:
    """A word list written as one string (keeps long vocabularies readable)."""
    return text.split()

# Strongest first: a denied or questioned event is never upgraded by a weaker cue.
RANK = ("denied", "negated", "speculated", "hypothetical", "alleged", "reported", "asserted")

# Cue lemmas (lower case) -> certainty. Verbs and nouns cover their subtree; adverbs cover the
# clause they modify and everything below it; modal auxiliaries cover only their own verb.
CUES: dict[str, str] = {
    **dict.fromkeys(
        _words("""deny dismiss refute debunk rebut reject slam untrue false baseless fabricated
        denial"""),
        "denied",
    ),
    **dict.fromkeys(
        _words("""wonder speculate guess maybe perhaps possibly probably whether might may could
        seemingly"""),
        "speculated",
    ),
    # Intentions and attempts: the event has not (yet) happened.
    **dict.fromkeys(
        _words("""try attempt effort bid hope plan intend consider want wish brink verge
        option"""),
        "hypothetical",
    ),
    **dict.fromkeys(
        _words("""reportedly allegedly alleged supposedly purportedly rumor rumour rumored rumoured
        claim allegation accuse accusation speculation suspicion suspect gossip whisper
        reports"""),
        "alleged",
    ),
}
# Phrases whose head word is the cue: "there is no truth to", "not true".
NEGATED_DENIAL_HEADS = frozenset({"truth", "true", "basis", "merit"})
CONDITIONAL_MARKS = frozenset({"if", "unless"})
# Nouns of imminence: what they govern is about to happen, not done.
IMMINENT = frozenset({"brink", "verge"})
MODALS = frozenset({"might", "may", "could"})
# Verbs whose negation negates the wish, not the event: "didn't want a divorce" is no denial.
WISH_VERBS = frozenset(_words("try attempt hope plan intend consider want wish need expect"))
# What a denial denies when it has a noun object: the report or the event itself ("denied the
# affair"), not "spousal support". Lemmas; attribution uses the same list.
DENIED_THINGS = frozenset(_words("""report rumor rumour claim allegation story speculation
suggestion accusation it that this them charge affair split separation divorce breakup romance
relationship engagement pregnancy wrongdoing involvement"""))
# "heading for a divorce", "moving toward a split": on the way, not there.
PROSPECT_PREPS = frozenset({"toward", "towards"})
PROSPECT_VERBS = frozenset({"head", "go", "move", "bind", "set", "steer", "race", "barrel"})
# A noun cue that is the subject of these verbs covers the verb's clause ("rumors swirled that").
SPREAD_VERBS = frozenset({"swirl", "circulate", "spread", "surface", "emerge", "grow", "gain",
                          "mount", "fly", "abound", "persist", "begin", "start", "suggest"})


def _covers(cue: Token, trigger: Token, kind: str = "") -> bool:
    """Whether `cue` scopes over `trigger` in the dependency parse."""
    if cue == trigger:
        return False
    if cue.lemma_.lower() in IMMINENT:  # "on the brink of divorce": not (yet) happened
        return trigger in cue.subtree
    if kind == "denied" and cue.pos_ in ("VERB", "AUX"):
        return _denial_path(cue, trigger)
    if kind == "hypothetical":  # an intention covers its complement, not its adjuncts
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
        if tok.dep_ in ("prep", "pobj", "advcl", "conj", "nsubj") or tok.head == tok:
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
        if tok.head == tok or tok.dep_ in ("conj", "advcl", "parataxis", "cc"):
            return False
        if tok.head == cue:
            return tok == trigger or tok.dep_ != "dobj" or tok.lemma_.lower() in DENIED_THINGS
        tok = tok.head
    return False


def _negated(trigger: Token) -> bool:
    """A negation on the trigger, or on the light verb governing a noun trigger (a negated
    wish, "didn't want a divorce", leaves the event hypothetical instead)."""
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in trigger.children):
        return True
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "attr", "pobj"):
        head = trigger.head if trigger.dep_ != "pobj" else trigger.head.head
        return head.lemma_.lower() not in WISH_VERBS and any(
            c.dep_ == "neg" for c in head.children)
    if trigger.dep_ == "xcomp":
        return trigger.head.lemma_.lower() not in WISH_VERBS and any(
            c.dep_ == "neg" for c in trigger.head.children)
    return False


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
    for tok in sent:
        if tok.lower_ in CONDITIONAL_MARKS and tok.dep_ == "mark":
            clause = tok.head
            if clause.dep_ != "advcl":
                continue  # "wonder if ..." is an embedded question, not a condition
            if clause == trigger or clause in trigger.ancestors:
                return True
            main = clause.head
            if (main == trigger or main in trigger.ancestors) and trigger not in clause.subtree:
                return True
    return any(c.lower_ in ("would", "'d") and c.dep_ == "aux" for c in trigger.children)


def _denial_phrase(trigger: Token, sent: Span) -> bool:
    """"There is no truth to the rumours that ...", "it is not true that ..."."""
    for tok in sent:
        if tok.lemma_.lower() in NEGATED_DENIAL_HEADS:
            negs = [c for c in tok.children if c.dep_ == "neg" or c.lower_ == "no"]
            negs += [c for c in tok.head.children if c.dep_ == "neg"]
            if negs and trigger in tok.head.subtree:
                return True
    return False


def is_question(sent: Span) -> bool:
    """A sentence that ends in a question mark (quotes and brackets aside)."""
    return sent.text.rstrip(" \"'”’)]\n").endswith("?")


def certainty_of(
    trigger: Token, sent: Span, base: str = "asserted", negation: bool = True
) -> str:
    """The certainty of the event triggered by `trigger`, given the attribution's `base`."""
    found = {base}
    for tok in sent:
        if tok.pos_ == "PROPN":
            continue
        cue = CUES.get(tok.lemma_.lower()) or CUES.get(tok.lower_)
        if cue and tok != trigger and _covers(tok, trigger, cue):
            found.add(cue)
    if _denial_phrase(trigger, sent):
        found.add("denied")
    if negation and _negated(trigger):
        found.add("negated")
    if _conditional(trigger, sent) or _prospective(trigger):
        found.add("hypothetical")
    if is_question(sent):
        found.add("speculated")
    return min(found, key=RANK.index)
