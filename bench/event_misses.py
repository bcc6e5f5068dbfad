"""Why storyline misses gold event mentions of a MEANTIME folder: runs the `meantime` yardstick's
pipeline once, then sorts every unmatched gold EVENT_MENTION of the scored sentences by the
first reason that explains it (bench/README.md). Usage:
    python bench/event_misses.py ../shared/benchmarks/meantime-apple [--list]"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from storyline.eval.cat import match_tokens
from storyline.eval.meantime import run_corpus
from storyline.nlp.events import OTHER_EXCLUDED, _told_happening, find_hits
from storyline.nlp.events.frames import lexicon
from storyline.nlp.events.triggers import load
from storyline.nlp.pipeline import load_model
from storyline.settings import Settings


def reason(tok, hits, claims_at_tok, in_story, cues, model) -> str:  # noqa: ANN001
    """The first stage that lost this gold trigger (its head token `tok`)."""
    pos = tok.pos_
    if tok.i in claims_at_tok:
        return "claim made, in no story event" if not in_story else "claim, trigger span elsewhere"
    if tok.i in hits:
        return f"hit found, claim dropped ({hits[tok.i]})"
    if any(a <= tok.idx < b for a, b in cues):
        return "attribution/quote cue"
    lemma = tok.lemma_.lower()
    if pos not in ("VERB", "NOUN", "ADJ"):
        return f"not a candidate POS ({pos})"
    if lemma in lexicon().reporting:
        return "reporting lexicon (no cue)"
    said = model.is_trigger(tok)
    if pos == "ADJ":
        return f"adjective (model {'yes' if said else 'no'}; open layer takes no ADJ)"
    if not said:
        return f"model says no ({pos}{', a light/mental verb' if lemma in OTHER_EXCLUDED else ''})"
    if not _told_happening(tok):
        if tok.ent_type_:
            return "gate: word of a name"
        if pos == "NOUN":
            return "gate: noun without argument / light-verb object"
        if tok.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return "gate: infinitive / xcomp"
        return "gate: habit (simple present) / unknown verb"
    return "other (model yes, gates pass)"


def main(folder: str, listing: bool = False) -> None:
    docs, golds, run, preds = run_corpus(Path(folder), [])
    nlp = load_model(Settings().model)
    model = load()
    event_of = {c for ev in run.story.events for c in ev.claims}
    why: Counter[str] = Counter()
    total = 0
    for d, g, p, analysis in zip(docs, golds, preds, run.analyses, strict=True):
        vmap = match_tokens(g.events, p.events)
        found = set(vmap.values())
        doc = nlp(d.text)
        hits = {}
        for h in find_hits(doc, trigger_model=True):
            hits[h.trigger.i] = h.rule.type
        claims_at_tok, in_story = {}, {}
        cues = []
        if analysis is not None:
            for c in analysis.claims:
                if c.trigger:
                    span = doc.char_span(*c.trigger, alignment_mode="expand")
                    if span is not None:
                        claims_at_tok[span.root.i] = c.id
                        in_story[span.root.i] = c.id in event_of
            cues = [q.cue for q in analysis.quotes if q.cue]
        for key, toks in g.events.items():
            if key in found:
                continue
            total += 1
            ct = [d.token(t) for t in toks]
            span = doc.char_span(min(t.start for t in ct), max(t.end for t in ct),
                                 alignment_mode="expand")
            tok = span.root
            r = reason(tok, hits, claims_at_tok, in_story.get(tok.i, False), cues, model)
            why[r] += 1
            if listing:
                print(f"{d.name[:30]:<30} {r:<45} {tok.pos_:<5} {tok.dep_:<8} {span.text!r}"
                      f" | {tok.sent.text[:90]!r}")
    print(f"{total} gold event mentions missed")
    for r, n in why.most_common():
        print(f"  {n:>4}  {r}")


if __name__ == "__main__":
    main(sys.argv[1], "--list" in sys.argv)
