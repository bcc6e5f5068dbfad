"""Train the event-DCT relation model (dct_model.py) on a TimeBank split and report it beside
the rules on the held-out dev split.

    python -m storyline.nlp.time.train_dct_relation ../shared/benchmarks/timebank [--write]

Documents are split by sorted file name: every 5th is dev, the rest train. `--write` stores
the weights in the package (storyline/nlp/time/dct_relation.json). The rules' and the model's
dev accuracy are printed; ship the weights only when the model clearly beats the rules.
"""

from __future__ import annotations

import sys
from pathlib import Path

from storyline.eval.tlinks import CLASS, dct_value, gold_dct_relations, gold_timexes, read_folder
from storyline.learn import write_weights
from storyline.nlp.time.dct_model import WEIGHTS, features, train


def rows_of(docs, nlp) -> list[tuple[list[str], str, str]]:  # noqa: ANN001
    """(features, gold class, rule class) for every gold event-DCT link of `docs`."""
    from storyline.nlp.time.anchoring import anchor_event

    out = []
    for doc, sdoc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=16), strict=True):
        gold = gold_dct_relations(doc)
        dct = dct_value(doc)
        timexes, _ = gold_timexes(doc)
        for ev in doc.events:
            if ev.eid not in gold:
                continue
            span = sdoc.char_span(ev.start, ev.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            a = anchor_event(span.root, timexes, dct, use_model=False)
            out.append((features(span.root, a.relation, a.timex is not None), gold[ev.eid],
                        CLASS.get(a.relation, "none")))
    return out


def split(docs):  # noqa: ANN001, ANN201
    """(train, dev): every 5th document by sorted name is dev."""
    ordered = sorted(docs, key=lambda d: d.name)
    return ([d for i, d in enumerate(ordered) if i % 5 != 4],
            [d for i, d in enumerate(ordered) if i % 5 == 4])


def main(argv: list[str]) -> None:
    from storyline.nlp.pipeline import load_model
    from storyline.settings import Settings

    folder = Path(argv[0])
    docs, problems = read_folder(folder)
    for p in problems:
        print(f"skipped {p}", file=sys.stderr)
    nlp = load_model(Settings().model)
    train_docs, dev_docs = split(docs)
    tr, dev = rows_of(train_docs, nlp), rows_of(dev_docs, nlp)
    model = train([(f, g) for f, g, _ in tr])
    rules = sum(g == r for _, g, r in dev) / len(dev)
    learned = sum(model.predict(f)[0] == g for f, g, _ in dev) / len(dev)
    fit = sum(model.predict(f)[0] == g for f, g, _ in tr) / len(tr)
    majority = max({g for _, g, _ in tr}, key=[g for _, g, _ in tr].count)
    base = sum(g == majority for _, g, _ in dev) / len(dev)
    print(f"train: {len(train_docs)} docs, {len(tr)} links; dev: {len(dev_docs)} docs, "
          f"{len(dev)} links")
    print(f"dev accuracy: rules {rules:.3f}, model {learned:.3f}, majority ({majority}) "
          f"{base:.3f}; model on train {fit:.3f}")
    if "--write" in argv:
        path = Path(__file__).with_name(WEIGHTS)
        print(f"wrote {path} ({write_weights(path, model.to_json())} bytes)")


if __name__ == "__main__":
    main(sys.argv[1:])
