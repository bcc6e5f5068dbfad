"""Event-time anchoring: when one event trigger happened, as one measured step.

For a trigger token of a parsed Doc, the document's time expressions and its date (DCT):
(a) the time expression that governs the trigger syntactically (a dependency path from the
expression up to the trigger's clause, not merely the nearest one), else (b) the trigger's
relation to the DCT from tense, aspect and modality read the way news is written ("was fired"
happened on or shortly before the story; "will be sentenced" after it), else (c) nothing but
the bound the DCT gives. The reason is kept. Measured on TimeBank TLINKs (storyline/eval/tlinks.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from storyline.model import EventAnchor, TimeValue, Timex
from storyline.nlp.time.anchor import FUTURE, PAST, PRESENT, WOULD, verb_tense
from storyline.nlp.time.lexicon import FUTURE_AUX

# Expressions that say how long or how often, not when.
UNDATING_TYPES = frozenset({"DURATION", "SET"})
# Verbs that carry an event noun's time: "had an affair in 2022", "the split happened in May".
LIGHT_VERBS = frozenset({"have", "start", "begin", "end", "announce", "confirm", "make", "get",
                         "take", "give", "keep", "happen", "occur", "come", "follow",
                         "finalize", "finalise", "complete", "seal"})
# A time phrase inside a subject or an apposition dates that noun, not the clause's verb:
# "said Brooks Newmark, an MP since 2005" is not a statement of 2005.
_CHAIN_BARRIERS = frozenset({"appos", "relcl", "acl", "nsubj", "nsubjpass"})
_NOUN_MODIFIERS = frozenset({"compound", "nummod", "amod", "nmod", "poss"})
# Modals that put the event ahead of the moment of writing ("could fall", "may resign").
_AHEAD_MODALS = frozenset({"could", "may", "might", "should", "must", "can", "ca", "ought"})
_PERFECT = frozenset({"has", "have", "'ve", "had", "'d"})


def governor_chain(tok: Token) -> set[int]:
    """Token indices a time phrase rooted at `tok` hangs from: its ancestors up to and including
    the first verb above it (not climbing out of a subject, apposition or relative clause)."""
    out: set[int] = set()
    if tok.dep_ in _NOUN_MODIFIERS and tok.head.pos_ in ("NOUN", "PROPN"):
        return {tok.head.i}  # "the 2016 incident": dates the incident (the trigger, if it is one)
    cur = tok
    while cur.head.i != cur.i:
        if cur.i != tok.i and cur.dep_ in _CHAIN_BARRIERS:
            break
        cur = cur.head
        out.add(cur.i)
        if cur.pos_ in ("VERB", "AUX"):
            break
    return out


def event_reach(trigger: Token) -> set[int]:
    """Tokens a time phrase may hang from to date this event: the trigger, and the light verb
    an event noun is the subject or object of."""
    reach = {trigger.i}
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and (
        trigger.head.lemma_.lower() in LIGHT_VERBS
    ):
        reach.add(trigger.head.i)
    return reach


def governing_timex(
    trigger: Token, timexes: Iterable[Timex], sent: Span, reach: set[int] | None = None
) -> Timex | None:
    """The sentence's dating expression nearest the trigger among those whose governor chain
    reaches a `reach` token (default `event_reach(trigger)`)."""
    reach = event_reach(trigger) if reach is None else reach
    doc = trigger.doc
    best: tuple[int, Timex] | None = None
    for tx in timexes:
        if not (sent.start_char <= tx.start < sent.end_char) or tx.type in UNDATING_TYPES:
            continue
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None or not (governor_chain(span.root) & reach):
            continue
        dist = abs(span.root.i - trigger.i)
        if best is None or dist < best[0]:
            best = (dist, tx)
    return best[1] if best is not None else None


def told_as_done(trigger: Token) -> bool:
    """A past-tense verb ("ended", "had split"): whatever it tells happened before the news."""
    if trigger.tag_ == "VBD":
        return True
    return trigger.tag_ == "VBN" and any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have", "had", "was", "were")
        for c in trigger.children)


def after_dct(tx: Timex, dct: TimeValue | None) -> bool:
    """The expression starts after the last day the article can have been written."""
    return (dct is not None and dct.latest is not None and tx.earliest is not None
            and tx.earliest > dct.latest)


def relation_to_dct(tx: Timex, dct: TimeValue | None) -> str:
    """How a dated expression's interval lies against the DCT's (TimeML relType, event side)."""
    if dct is None or dct.earliest is None or dct.latest is None:
        return "VAGUE"
    if tx.value == "PRESENT_REF":
        return "INCLUDES"
    if tx.value == "PAST_REF":
        return "BEFORE"
    if tx.value == "FUTURE_REF":
        return "AFTER"
    lo, hi = tx.earliest, tx.latest
    if hi is not None and hi < dct.earliest:
        return "BEFORE"
    if lo is not None and lo > dct.latest:
        return "AFTER"
    if lo is not None and hi is not None:
        if lo <= dct.earliest and dct.latest <= hi:
            return "INCLUDES" if (lo, hi) != (dct.earliest, dct.latest) else "OVERLAP"
        if dct.earliest <= lo and hi <= dct.latest:
            return "IS_INCLUDED"
    return "VAGUE"


def tense_relation(trigger: Token) -> tuple[str, str]:
    """(relType, reason) of the trigger against the article's date from its clause's tense,
    aspect and modality, read as news: the simple past happened on or shortly before. The
    verb's own auxiliaries and form come first; a bare infinitive or participle takes the
    tense of the verb it depends on."""
    doc = trigger.doc
    verb = clause_verb(trigger)
    if verb is None:
        return "VAGUE", "no verb governs it"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    tags = {a.tag_ for a in auxes}
    if words & _AHEAD_MODALS and not words & _PERFECT:
        return "AFTER", f"modal '{sorted(words & _AHEAD_MODALS)[0]}': not yet happened"
    if words & FUTURE_AUX or "going" in words or ("would" in words and not words & _PERFECT):
        return "AFTER", "told in the future ('will', 'would', 'going to'): after the article's date"
    if words & _PERFECT and verb.tag_ == "VBN":
        return "BEFORE", "told in the perfect: on or shortly before the article's date"
    if verb.tag_ == "VBD" or "VBD" in tags:
        return "BEFORE", "told in the past tense: on or shortly before the article's date"
    if verb.tag_ in ("VBZ", "VBP") or tags & {"VBZ", "VBP"}:
        if verb.tag_ == "VBG":
            return "INCLUDES", "present progressive: going on at the article's date"
        return "INCLUDES", "present tense: holds at the article's date"
    tense = verb_tense(doc, verb.idx, verb.idx + len(verb))
    if tense == PAST:
        return "BEFORE", "depends on a verb in the past: on or shortly before the article's date"
    if tense in (FUTURE, WOULD):
        return "AFTER", "depends on a verb of the future or a plan: after the article's date"
    if tense == PRESENT:
        return "INCLUDES", "depends on a verb in the present: holds at the article's date"
    if verb.tag_ == "VB" and any(c.tag_ == "TO" for c in verb.children):
        return "AFTER", "a to-infinitive with no tense above it: not yet happened"
    if verb.tag_ == "VBG":
        return "INCLUDES", "a participle with no tense above it: going on at the article's date"
    return "VAGUE", "no tense to read"


def clause_verb(trigger: Token) -> Token | None:
    """The verb whose tense tells the trigger's: itself, its copula, or the verb above it."""
    if trigger.pos_ in ("VERB", "AUX"):
        return trigger
    cop = next((c for c in trigger.children if c.dep_ == "cop"), None)
    if cop is not None:
        return cop
    tok = trigger
    for _ in range(4):
        if tok.head.i == tok.i:
            return tok if tok.pos_ in ("VERB", "AUX") else None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def dct_bound(relation: str, dct: TimeValue | None) -> TimeValue | None:
    """The interval the DCT gives an event in `relation` to it (open on the unknown side)."""
    if dct is None or dct.earliest is None or dct.latest is None:
        return None
    if relation == "BEFORE":
        return TimeValue("PAST_REF", None, dct.latest)
    if relation == "AFTER":
        return TimeValue("FUTURE_REF", dct.earliest, None)
    if relation in ("INCLUDES", "IS_INCLUDED", "OVERLAP"):
        return TimeValue("PRESENT_REF", dct.earliest, dct.latest)
    return None


def anchor_event(
    trigger: Token,
    timexes: Iterable[Timex],
    dct: TimeValue | None,
    sent: Span | None = None,
    reaches: Iterable[set[int]] | None = None,
    use_model: bool = True,
) -> EventAnchor:
    """Anchor one event trigger: (a) its governing time expression, else (b) its tense's
    relation to the DCT, else (c) the DCT's bound; `reaches` are tried in order (the event's
    own clause first, then e.g. the report clause of an allegation)."""
    sent = sent if sent is not None else trigger.sent
    timexes = list(timexes)
    for reach in reaches if reaches is not None else [event_reach(trigger)]:
        tx = governing_timex(trigger, timexes, sent, reach)
        if tx is None:
            continue
        if after_dct(tx, dct) and told_as_done(trigger):
            return EventAnchor(None, "BEFORE", dct_bound("BEFORE", dct),
                               f"'{tx.text}' lies after the article's date but the event is "
                               "told as done: a misread date, dropped")
        rel, why = relation_to_dct(tx, dct), f"governed by '{tx.text}'"
        if rel in ("INCLUDES", "VAGUE"):  # "rose this year": the tense says which part
            told, how = tense_relation(trigger)
            if told in ("BEFORE", "AFTER"):
                rel, why = told, f"{why}, which spans the article's date; {how}"
        return EventAnchor(tx, rel, TimeValue(tx.value, tx.earliest, tx.latest), why)
    rel, why = tense_relation(trigger)
    if use_model:
        rel, why = _learned(trigger, rel, why)
    bound = dct_bound(rel, dct)
    if bound is None and rel != "VAGUE":
        why += "; no article date to bound it"
    return EventAnchor(None, rel, bound, why)


def _learned(trigger: Token, rel: str, why: str) -> tuple[str, str]:
    """The trained model's reading (dct_model.py) when its weights are shipped."""
    from storyline.nlp.time import dct_model

    model = dct_model.load()
    if model is None:
        return rel, why
    label, p = model.predict(dct_model.features(trigger, rel, False))
    learned = dct_model.TO_RELTYPE[label]
    if learned == rel or (label == "overlap" and rel in ("INCLUDES", "IS_INCLUDED")):
        return rel, why
    return learned, f"trained model: {label} (p={p:.2f}); the rules read {rel}: {why}"


__all__ = [
    "LIGHT_VERBS",
    "UNDATING_TYPES",
    "after_dct",
    "anchor_event",
    "dct_bound",
    "event_reach",
    "governing_timex",
    "governor_chain",
    "relation_to_dct",
    "tense_relation",
    "told_as_done",
]
