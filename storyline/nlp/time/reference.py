"""The report's reference time: a past event told with no time of its own takes the time of
the event the text just told about the same participant.

News tells a happening as a narrative: "Jobs unveiled the phone on Monday. He praised its
screen and demoed its camera." The second sentence has no time expression, yet the text
places it: a simple past with no shift of time continues at the reference time the last
dated past event set (Reichenbach's reference time; Hinrichs 1986 and Webber 1988 on
narrative progression). So a verb told as done (simple past: no perfect, modal or future;
not in a relative clause, which describes a thing) with no governing expression takes the
time of the nearest earlier claim of the article that a calendar expression dated, that
was told as done too and that shares a participant with it (a sentence that only follows a
dated one, "X fired its chief on Monday. The board appointed Y", is not enough: the text
does not say when Y was appointed), unless a word of its own clause shifts the time
("later", "soon after": TIME_SHIFT), or a present or future clause holds it. Across
sentences only the report's own time carries, and only into a clause with no time
expression of its own (nor of a clause holding or coordinated with it): an expression
within REPORT_DAYS before the article's date, itself a day ("on Monday", "yesterday",
"today"); an older one ("fought cancer in 2004") is a flashback that dates its own sentence
only. The claim keeps why (`Claim.time_reason`) and the expression's text
(`Claim.time_text`); a bound never becomes a day: only an expression's own value is
carried.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Token

from storyline.model import Claim, TimeValue, Timex
from storyline.nlp.time.anchoring import clause_verb, governor_chain
from storyline.nlp.time.lexicon import TIME_SHIFT

_PERFECT_OR_MODAL = frozenset({"has", "have", "'ve", "had", "'d", "will", "would", "'ll",
                               "shall", "should", "could", "can", "ca", "may", "might", "must"})
_RELATIONS_DONE = frozenset({"BEFORE", "IS_INCLUDED", "OVERLAP", "INCLUDES"})
_DESCRIBING = frozenset({"relcl", "acl", "amod", "appos"})
_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
# Expression types that give a clause a time frame of its own (not "every week": a SET; nor
# a duration that measures a thing: "his 2 hour speech").
_FRAMING = frozenset({"DATE", "TIME", "DURATION"})
_MEASURING = frozenset({"compound", "nummod", "amod", "nmod"})
# How far before the article's date a time carries over sentences: a weekday name's reach.
REPORT_DAYS = 7


def in_report_window(time: TimeValue, dct: TimeValue | None) -> bool:
    """The time lies within REPORT_DAYS before the article's date (the date itself too); an
    article dated only to a month or a season has no report day to reach back from."""
    if dct is None or dct.earliest is None or dct.earliest != dct.latest:
        return False
    lo, hi = time.earliest, time.latest
    return (lo is not None and hi is not None and hi <= dct.latest
            and (dct.earliest - lo).days <= REPORT_DAYS)


def told_in_simple_past(trigger: Token) -> bool:
    """The clause that tells the trigger is in the simple past: "unveiled", "was praised",
    "while introducing ... he started" (a participle under a simple past verb, through an
    adverbial, complement or conjunct clause); not a relative or reduced relative clause,
    which describes a thing ("the film, directed by ...", "in which they starred")."""
    verb = clause_verb(trigger)
    for _ in range(3):
        if verb is None or _describes(verb):
            return False
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in _PERFECT_OR_MODAL for a in auxes):
            return False
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            return True
        if verb.tag_ not in ("VBG", "VBN") or auxes or verb.head.i == verb.i:
            return False
        head = verb.head
        if head.pos_ == "ADP" and verb.dep_ == "pcomp":  # "started by hinting"
            head = head.head
        if head.pos_ not in ("VERB", "AUX"):
            return False
        verb = head
    return False


def describing(trigger: Token) -> bool:
    """The trigger's clause describes a thing (a relative or reduced relative clause)."""
    return _describes(clause_verb(trigger) or trigger)


def _describes(verb: Token) -> bool:
    """A relative or reduced relative clause, or one opened by a relative pronoun whatever
    dependency the parser gave it ("in which they starred", "who founded it")."""
    return verb.dep_ in _DESCRIBING or any(
        c.tag_ in _RELATIVE_TAGS or (c.dep_ == "prep" and any(
            g.tag_ in _RELATIVE_TAGS for g in c.children)) for c in verb.children if c.i < verb.i)


def governing_verbs(trigger: Token) -> list[Token]:
    """The verbs whose clauses hold the trigger's, nearest first, up to the sentence's main
    verb; a conjunct stops the climb (it is a clause of its own: "has not said ..., but
    said")."""
    out: list[Token] = []
    tok = clause_verb(trigger) or trigger
    while tok.dep_ != "conj" and tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            out.append(tok)
    return out


def in_present_frame(trigger: Token) -> bool:
    """A clause governing the trigger's is told in the present or the future ("Jobs believes
    it will matter as much as when the store was released"): the past inside it is told
    from now, not continuing the narrative."""
    for verb in governing_verbs(trigger):
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if verb.tag_ in ("VBZ", "VBP", "MD") or any(
                a.tag_ in ("VBZ", "VBP", "MD") for a in auxes):
            return True
    return False


def framed(trigger: Token, roots: Iterable[Token]) -> bool:
    """A time expression (its root among `roots`) hangs from the trigger's clause, a clause
    coordinated with it or one that holds it ("stayed silent for months, but touched on it";
    "met ... and tied the knot in 2012"; "renamed in 2006, as Apple began selling"): that
    clause has a time frame of its own."""
    verb = clause_verb(trigger) or trigger
    near = {trigger.i, verb.i} | {v.i for v in governing_verbs(trigger)}
    tok = verb
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
        near.add(tok.i)
    near |= {c.i for t in (trigger, verb) for c in t.children if c.dep_ == "conj"}
    return any(governor_chain(r) & near for r in roots)


def time_shifted(trigger: Token) -> bool:
    """A word of the trigger's clause moves its time off the reference time ("soon after",
    "later", "previously")."""
    verb = clause_verb(trigger) or trigger
    for tok in {trigger, verb}:
        for c in tok.children:
            if c.dep_ in ("advmod", "prep", "mark", "npadvmod", "advcl") and (
                c.lower_ in TIME_SHIFT
            ):
                return True
            if c.dep_ == "advmod" and any(g.lower_ in TIME_SHIFT for g in c.children):
                return True  # "soon after"
    return False


def carry_reference_times(
    doc: Doc, claims: list[Claim], sentence_of: Callable[[int], int], dct: TimeValue | None,
    timexes: Iterable[Timex] = (),
) -> None:
    """Date each undated verb told in the simple past by the report's reference time (the
    module's rule), in place; `sentence_of` maps a character offset to its sentence, `dct`
    is the article's date, `timexes` the article's time expressions (a sentence with one of
    its own for the trigger's clause takes no time from an earlier sentence)."""
    roots = [sp.root for tx in timexes if tx.type in _FRAMING
             if (sp := doc.char_span(tx.start, tx.end, alignment_mode="expand")) is not None
             and len(sp) and not (tx.type == "DURATION" and sp.root.dep_ in _MEASURING)]
    # participant -> (sentence told, sentence of the expression, claim it dated): the last
    # dated event told of it, and the last one at the report's own time
    last: dict[str, tuple[int, int, Claim]] = {}
    report: dict[str, tuple[int, int, Claim]] = {}
    for c in sorted(claims, key=lambda c: c.trigger or (c.mention.start, 0)):
        if c.trigger is None:
            continue
        span = doc.char_span(c.trigger[0], c.trigger[1], alignment_mode="expand")
        if span is None or not len(span):
            continue
        trigger, sent = span.root, sentence_of(c.trigger[0])
        if c.time is not None and c.time_text is not None:
            if c.dct_relation in _RELATIONS_DONE and not describing(trigger) and (
                    c.time.value[:1].isdigit() and c.time.earliest and c.time.latest):
                _told(c, (sent, sent, c), last, report, dct)  # "has introduced today" too
            continue
        if c.time is not None or c.dct_relation != "BEFORE" or trigger.pos_ != "VERB" or (
                not told_in_simple_past(trigger) or time_shifted(trigger)
                or in_present_frame(trigger)):
            continue
        refs = [last[p] for p in c.participants if p in last and last[p][0] == sent]
        if not refs and not framed(trigger, roots):
            refs = [report[p] for p in c.participants if p in report]
        if not refs:
            continue
        _, at, ref = max(refs, key=lambda r: r[0])
        assert ref.time is not None
        c.time = TimeValue(ref.time.value, ref.time.earliest, ref.time.latest)
        c.time_text, c.time_bound = ref.time_text, None
        c.time_reason = (f"the report's reference time: '{ref.time_text}' (sentence {at + 1}) "
                         "dates the last event told of a participant, and this one is told "
                         "next in the simple past")
        _told(c, (sent, at, ref), last, report, dct)


def _told(c: Claim, where: tuple[int, int, Claim], last: dict, report: dict,
          dct: TimeValue | None) -> None:
    """Record a dated claim as the last one told of each of its participants."""
    ref = where[2]
    for p in c.participants:
        last[p] = where
        if ref.time is not None and in_report_window(ref.time, dct):
            report[p] = where


__all__ = ["REPORT_DAYS", "carry_reference_times", "describing", "framed", "governing_verbs",
           "in_present_frame", "in_report_window", "time_shifted", "told_in_simple_past"]
