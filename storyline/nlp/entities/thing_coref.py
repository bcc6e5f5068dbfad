"""Descriptions and "its" for organisations and products: "the company", "the device", "its".

Rule-based like `coref.py` for people: a definite description whose head noun names a kind of
organisation or product (`entity_types.THING_NOUNS`), or the possessive "its", is the nearest
organisation or product (of that type) named before it in its sentence or the two before; a
referring "it" (no expletive "it is likely") the nearest one in its sentence or the one before;
a relative "which" the named thing it hangs on.
Ordinal or contrastive phrases ("the other company", "a rival firm") are left alone.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from storyline.nlp.doc_text import ids_of, lemma_ids_in, token_ids
from storyline.nlp.entities import tables as T
from storyline.nlp.entities.aliases import Cand, Group

WINDOW = 2  # sentences before the mention's own
_CONTRAST = frozenset({"other", "another", "rival", "second", "two", "both", "former", "new",
                       "previous", "older", "next", "competing", "third"})


def resolve_things(doc: Doc, groups: list[Group]) -> list[tuple[Cand, int]]:
    """(mention, group) pairs for thing descriptions and "its", in text order."""
    starts = [s.start_char for s in doc.sents]
    named = sorted((c.start, c.end, g.index, g.type) for g in groups
                   if g.type in ("ORG", "PRODUCT") for c in g.mentions if c.kind != "pronoun")
    covered = {t.i for g in groups for c in g.mentions
               for t in (doc.char_span(c.start, c.end, alignment_mode="expand") or [])}
    by_token = {t.i: g.index for g in groups if g.type in ("ORG", "PRODUCT")
                for c in g.mentions if c.kind == "name" or c.kind == "alias"
                for t in (doc.char_span(c.start, c.end, alignment_mode="expand") or [])}
    out: list[tuple[Cand, int]] = []
    for i in _maybe_things(doc):
        if i in covered:
            continue
        t = doc[i]
        if t.lower_ == "its" and t.tag_ == "PRP$" or t.lower_ == "it" and _referring_it(t):
            gi = _nearest(named, starts, t.idx, ("ORG", "PRODUCT"),
                          window=WINDOW if t.lower_ == "its" else 1)
            if gi is not None:
                out.append((Cand(t.idx, t.idx + len(t), t.text, "ORG", t.i, kind="pronoun"), gi))
            continue
        if t.tag_ == "WDT" and t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "relcl":
            gi = by_token.get(t.head.head.i)  # "the iPhone, which sold ...": the name it hangs on
            if gi is not None:
                out.append((Cand(t.idx, t.idx + len(t), t.text, "ORG", t.i, kind="pronoun"), gi))
            continue
        want = T.THING_NOUNS.get(t.lemma_.lower())
        if want is None or t.pos_ != "NOUN" or t.tag_ in ("NNS", "NNPS"):
            continue
        left = [x for x in t.lefts if x.i < t.i]
        det = next((x for x in left if x.dep_ == "det"), None)
        if det is None or det.lower_ != "the" or any(
                x.lower_ in _CONTRAST or x.pos_ in ("PROPN", "NUM") for x in left):
            continue
        if any(x.i in covered for x in t.subtree):
            continue  # "the Apple device": the name inside speaks for the phrase
        gi = _nearest(named, starts, det.idx, (want,))
        if gi is not None:
            s, e = det.idx, t.idx + len(t)
            c = Cand(s, e, doc.text[s:e], want, t.i, kind="description")
            out.append((c, gi))
    return out


_IT_IDS = ids_of(["it", "its"])
_WDT_ID = next(iter(ids_of(["WDT"])))


def _maybe_things(doc: Doc) -> list[int]:
    """The tokens `resolve_things` can use ("it", "its", a WH-determiner, a word whose lemma
    is a thing noun), read off the token ids: the rest it passes over."""
    things = lemma_ids_in(doc, T.THING_NOUNS)
    lowers, lemmas, _, tags, _ = token_ids(doc)
    return [i for i, (lower, lemma, tag) in enumerate(zip(lowers, lemmas, tags, strict=True))
            if lower in _IT_IDS or tag == _WDT_ID or lemma in things]


# Verbs whose "it" is usually no thing: "it is likely that", "it seems", "it takes".
_EXPLETIVE_VERBS = frozenset({"be", "seem", "appear", "take", "happen", "remain", "matter",
                              "mean", "make", "rain", "look", "feel", "sound", "become",
                              "'s", "’s"})  # "it’s true": the parser may leave "’s" unlemmatised


def _referring_it(t) -> bool:
    """ "it" as the subject of a verb that is no copula or raising verb ("it sold 1 million"),
    or as an object ("bought it"): a thing, not an expletive."""
    if t.dep_ == "nsubj":
        return t.head.pos_ == "VERB" and t.head.lemma_.lower() not in _EXPLETIVE_VERBS and \
            t.head.lower_ not in _EXPLETIVE_VERBS
    return t.dep_ in ("dobj", "nsubjpass")


def _nearest(named: list[tuple[int, int, int, str]], starts: list[int], at: int,
             types: tuple[str, ...], window: int = WINDOW) -> int | None:
    """The group of the nearest name of one of `types` ending before `at`, within `window`
    sentences before the mention's own."""
    first = starts[max(0, bisect_right(starts, at) - 1 - window)] if starts else 0
    best = None
    for s, e, gi, type_ in named:
        if e > at:
            break
        if s >= first and type_ in types:
            best = gi
    return best
