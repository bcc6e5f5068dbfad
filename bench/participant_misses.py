"""Why storyline's participant links (MEANTIME HAS_PARTICIPANT) miss or go wrong: runs the
`meantime` yardstick's pipeline once, re-parses each document, and sorts every gold link of the
scored sentences by the first reason that explains a miss (event not found, entity mention not
found, or the dependency path from the event's head to the entity's head that the argument
extraction did not follow), and every wrong predicted link by why it is wrong. Counts are of
the exact rule (the linked gold mention itself); the reasons marked "(counted)" are the links
the `meantime` yardstick's main participant row also counts (a nested mention). Usage:
    python bench/participant_misses.py ../shared/benchmarks/meantime-apple [--list]"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from storyline.eval.cat import match_tokens
from storyline.eval.meantime import _nested, run_corpus
from storyline.nlp.pipeline import load_model
from storyline.settings import Settings


def head_of(doc, cat, tokens):  # noqa: ANN001, ANN201
    """The spaCy token heading a mention given by CAT token ids (or a storyline char span)."""
    ct = [cat.token(t) for t in tokens if cat.has(t)]
    span = doc.char_span(min(t.start for t in ct), max(t.end for t in ct),
                         alignment_mode="expand")
    return span.root if span is not None else None


def path(event, ent) -> str:  # noqa: ANN001
    """The dependency path event -> entity: the relations up to their lowest common ancestor
    ("^rel") then down ("rel"; a preposition is written "prep:of")."""
    if event.sent != ent.sent:
        return "other sentence"
    if event == ent:
        return "same token"
    up = [event, *event.ancestors]
    down = [ent, *ent.ancestors]
    common = next((t for t in up if t in down), None)
    if common is None:
        return "no path"
    ups = [t.dep_ for t in up[:up.index(common)]]
    downs = []
    for t in reversed(down[:down.index(common)]):
        if t.dep_ == "prep":
            downs.append(f"prep:{t.lower_}")
        elif t.dep_ != "pobj" or not downs or not downs[-1].startswith("prep:"):
            downs.append(t.dep_)
    parts = [f"^{d}" for d in ups] + downs
    return " ".join(parts) if len(parts) <= 4 else f"long ({len(parts)} steps)"


def main(folder: str, listing: bool = False) -> None:
    docs, golds, run, preds = run_corpus(Path(folder), [])
    nlp = load_model(Settings().model)
    miss: Counter[str] = Counter()
    miss_path: Counter[str] = Counter()
    miss_type: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    wrong_path: Counter[str] = Counter()
    hit_path: Counter[str] = Counter()
    lost_entity: Counter[str] = Counter()  # gold syntactic_type of entity mentions not found
    lost_event: Counter[str] = Counter()  # spaCy POS of the gold events not found
    total = hits = 0
    lines: list[str] = []
    for d, g, p in zip(docs, golds, preds, strict=True):
        doc = nlp(d.text)
        vmap = match_tokens(g.events, p.events)  # predicted claim -> gold event
        emap = match_tokens(g.entities, p.entities)  # predicted mention -> gold entity
        gv = {v: k for k, v in vmap.items()}
        ge = {v: k for k, v in emap.items()}
        predicted = {(vmap.get(c), emap.get(e)) for c, e in p.participants}
        by_claim: dict = {}
        for c, e in p.participants:
            by_claim.setdefault(c, set()).add(e)
        for ev, ent in sorted(g.participants):
            total += 1
            e_tok, n_tok = head_of(doc, d, g.events[ev]), head_of(doc, d, g.entities[ent])
            where = path(e_tok, n_tok) if e_tok is not None and n_tok is not None else "?"
            kind = "N" if e_tok is not None and e_tok.pos_ in ("NOUN", "PROPN") else "V"
            if (ev, ent) in predicted:
                hits += 1
                hit_path[where] += 1
                if listing:
                    toks = " ".join(d.token(t).text for t in sorted(g.entities[ent], key=int))
                    lines.append(f"HIT {kind} {where:<26} {e_tok} <- {toks!r}")
                continue
            if ev not in gv:
                r = "gold event not found"
            elif ent not in ge:
                r = "gold entity mention not found"
            elif ge[ent] in by_claim.get(gv[ev], set()):
                r = "?"
            else:
                other = {emap.get(e) for e in by_claim.get(gv[ev], set())}
                same = {g.entity_instance.get(o) for o in other if o}
                if any(o and _nested(g, o, ent) for o in other):
                    r = "linked, a mention nested in it (counted)"
                elif g.entity_instance.get(ent) in same:
                    r = "linked, another mention of the entity"
                else:
                    r = "both found, link missed"
            miss[r] += 1
            if r == "gold entity mention not found":
                lost_entity[d.markables[ent[1]].attrs.get("syntactic_type", "?")] += 1
            if r == "gold event not found":
                lost_event[e_tok.pos_ if e_tok is not None else "?"] += 1
            if r == "both found, link missed":
                miss_path[f"{kind} {where}"] += 1
                miss_type[g.entity_type.get(ent, "?")] += 1
            if listing:
                toks = " ".join(d.token(t).text for t in sorted(g.entities[ent], key=int))
                lines.append(f"MISS {r:<38} {kind} {where:<26} {e_tok} <- {toks!r}"
                             f" | {e_tok.sent.text[:100] if e_tok is not None else ''!r}")
        for c, e in sorted(p.participants, key=str):
            pair = (vmap.get(c), emap.get(e))
            if pair in g.participants:
                continue
            e_tok = doc.char_span(*sorted(p.events[c] and _chars(d, p.events[c])),
                                  alignment_mode="expand")
            n_tok = doc.char_span(e[2], e[3], alignment_mode="expand")
            where = path(e_tok.root, n_tok.root) if e_tok is not None and n_tok is not None \
                else "?"
            if pair[0] is None:
                r = "claim matches no gold event"
            elif pair[1] is None:
                r = "mention matches no gold entity"
            else:
                gold_ents = {x for v, x in g.participants if v == pair[0]}
                inst = {g.entity_instance.get(x) for x in gold_ents}
                if any(_nested(g, x, pair[1]) for x in gold_ents):
                    r = "gold links a mention it is nested in (counted)"
                elif g.entity_instance.get(pair[1]) in inst:
                    r = "gold links another mention of it"
                else:
                    r = "gold event has no such participant"
            wrong[r] += 1
            if r == "gold event has no such participant":
                wrong_path[where] += 1
            if listing:
                lines.append(f"WRONG {r:<36} {where:<26} {e_tok} -> {n_tok}"
                             f" | {e_tok.root.sent.text[:100] if e_tok is not None else ''!r}")
    npred = sum(len(p.participants) for p in preds)
    print(f"{total} gold links, {npred} predicted, {hits} correct")
    print("gold links missed, by the first reason:")
    for r, n in miss.most_common():
        print(f"  {n:>4}  {r}")
    print("  entity mentions not found, by gold syntactic_type:", dict(lost_entity.most_common()))
    print("  events not found, by POS of their head:", dict(lost_event.most_common()))
    print("missed with both ends found, by event kind (N noun, V other) and path:")
    for r, n in miss_path.most_common(25):
        print(f"  {n:>4}  {r}")
    print("  entity types:", dict(miss_type.most_common()))
    print("correct links by path:")
    for r, n in hit_path.most_common(12):
        print(f"  {n:>4}  {r}")
    print("wrong predicted links, by reason:")
    for r, n in wrong.most_common():
        print(f"  {n:>4}  {r}")
    print("wrong links to a found gold event and entity, by path:")
    for r, n in wrong_path.most_common(12):
        print(f"  {n:>4}  {r}")
    if listing:
        print("\n".join(lines))


def _chars(cat, tokens) -> tuple[int, int]:  # noqa: ANN001
    ct = [cat.token(t) for t in tokens]
    return min(t.start for t in ct), max(t.end for t in ct)


if __name__ == "__main__":
    main(sys.argv[1], "--list" in sys.argv)
