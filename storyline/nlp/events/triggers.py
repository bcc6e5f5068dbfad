"""A small trained event-trigger detector: binary logistic regression over parse features of
one token (lemma, tags, dependency, head, morphology, children, frame and deverbal cues).

Which words a careful reader counts as happenings is learned from TimeML's gold `<EVENT>`
tags (TimeBank) by `train_triggers.py`; the weights are data (`triggers.json`, inside the
package) loaded once. numpy comes with spaCy; nothing here downloads or trains at run time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from itertools import repeat

import numpy as np
from spacy.tokens import Token

from storyline.learn import shipped_json, sigmoid
from storyline.nlp.events.frames import rules

WEIGHTS = "triggers.json"
# Only these parts of speech can be triggers: TimeML events are verbs, event nouns and
# predicative adjectives (TimeBank: 99% of its events' head words).
CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ"})
MORPH_KEYS = ("Tense", "Aspect", "VerbForm", "Mood", "Number")
# Nominalising suffixes (English derivational morphology): "resignation" <- "resign",
# "approval" <- "approve", "departure" <- "depart", "payment" <- "pay".
NOMINAL_SUFFIXES = ("ation", "ition", "tion", "sion", "ion", "ment", "ance", "ence", "al",
                    "ure", "age", "ing", "ery", "y")


@cache
def frame_lemmas() -> frozenset[str]:
    """Every lemma a frame rule's patterns name (trigger verbs and nouns, support nouns)."""
    out: set[str] = set()
    for rule in rules():
        for pattern in rule.tokens:
            for tok in pattern:
                lemma = tok.get("LEMMA")
                if isinstance(lemma, dict):
                    out.update(lemma.get("IN", []))
                elif isinstance(lemma, str):
                    out.add(lemma)
    return frozenset(out)


@cache
def verb_lemmas() -> frozenset[str]:
    """The English verb base forms of the bundled model's lemmatizer (its `lemma_index`
    table, WordNet's verb index): the deverbal-noun cue. Empty when the model has none."""
    from storyline.nlp.pipeline import load_model
    from storyline.settings import Settings

    try:
        lemmatizer = load_model(Settings().model).get_pipe("lemmatizer")
        return frozenset(lemmatizer.lookups.get_table("lemma_index")["verb"])  # type: ignore[attr-defined]
    except (KeyError, ValueError, AttributeError, RuntimeError):
        return frozenset()


def verb_base(noun: str, verbs: frozenset[str]) -> tuple[str, str] | None:
    """(kind, verb) when a noun names what a verb does: the same word ("attack": "zero") or
    the verb with a nominalising suffix ("resignation" <- "resign": "suffix")."""
    if noun in verbs:
        return "zero", noun
    for suffix in NOMINAL_SUFFIXES:
        if noun.endswith(suffix) and len(noun) - len(suffix) >= 3:
            stem = noun[: -len(suffix)]
            for verb in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else ""):
                if verb and verb in verbs:
                    return "suffix", verb
    return None


def features(tok: Token) -> list[str]:
    """Names of the binary features of one candidate token (see the module docstring)."""
    lemma = tok.lemma_.lower()
    head = tok.head
    out = [f"lemma={lemma}", f"pos={tok.pos_}", f"tag={tok.tag_}", f"dep={tok.dep_}",
           f"pos_dep={tok.pos_}|{tok.dep_}", f"head_lemma={head.lemma_.lower()}",
           f"head_pos={head.pos_}", f"dep_head_pos={tok.dep_}|{head.pos_}"]
    morph = tok.morph.to_dict()
    out += [f"morph={k}={morph[k]}" for k in MORPH_KEYS if k in morph]
    labels: set[str] = set()
    aux: list[str] = []
    det: list[str] = []
    prep: list[str] = []
    for c in tok.children:  # one pass: the children's labels, auxiliaries, determiners, preps
        dep = c.dep_
        labels.add(f"child={dep}")
        if dep in ("aux", "auxpass"):
            aux.append(f"aux={c.lower_}")
        elif dep == "det":
            det.append(f"det={c.lower_}")
        elif dep == "prep":
            prep.append(f"prep={c.lower_}")
    out += sorted(labels)
    out += aux + det + prep
    if tok.ent_type_:
        out.append(f"ent={tok.ent_type_}")
    if lemma in frame_lemmas():
        out.append("frame_trigger")
    if tok.pos_ == "NOUN":
        out.append(f"suffix={lemma[-3:]}")
        base = verb_base(lemma, verb_lemmas())
        if base is not None:
            out.append(f"deverbal={base[0]}")
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    out.append(f"prev={prev.lemma_.lower() if prev is not None else '<s>'}")
    out.append(f"prev_pos={prev.pos_ if prev is not None else '<s>'}")
    out.append(f"next_pos={nxt.pos_ if nxt is not None else '</s>'}")
    return out


def candidate(tok: Token) -> bool:
    """Whether the model is asked about a token at all (a verb, noun or adjective)."""
    return tok.pos_ in CANDIDATE_POS and tok.lemma_.isalpha()


@dataclass
class TriggerModel:
    """One weight per feature, a bias and the decision threshold on the probability (with
    its own value for a part of speech in `thresholds`)."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5
    thresholds: dict[str, float] = field(default_factory=dict)

    def probability(self, tok: Token) -> float:
        """P(event trigger) of a token; 0 for a token that is no candidate."""
        if not candidate(tok):
            return 0.0
        w = self.weights
        z = self.bias + sum(map(w.get, features(tok), repeat(0.0)))  # in feature order
        return float(sigmoid(z))

    def is_trigger(self, tok: Token) -> bool:
        return self.probability(tok) >= self.thresholds.get(tok.pos_, self.threshold)

    def to_json(self, meta: dict | None = None) -> dict:
        kept = {n: round(v, 4) for n, v in sorted(self.weights.items()) if abs(v) >= 1e-3}
        return {"bias": round(self.bias, 4), "threshold": self.threshold,
                "thresholds": dict(sorted(self.thresholds.items())), "meta": meta or {},
                "weights": kept}

    @classmethod
    def from_json(cls, data: dict) -> TriggerModel:
        return cls({n: float(v) for n, v in data["weights"].items()}, float(data["bias"]),
                   float(data.get("threshold", 0.5)),
                   {k: float(v) for k, v in data.get("thresholds", {}).items()})


@cache
def load() -> TriggerModel | None:
    """The shipped model, or None when its weights file is absent."""
    data = shipped_json("storyline.nlp.events", WEIGHTS)
    return None if data is None else TriggerModel.from_json(data)


def train(rows: list[list[str]], labels: list[int], l2: float = 1.0, epochs: int = 300,
          lr: float = 0.5, min_count: int = 2, threshold: float = 0.5,
          thresholds: dict[str, float] | None = None) -> TriggerModel:
    """Fit L2-regularised logistic regression by full-batch AdaGrad on sparse binary features
    (deterministic: no sampling, features in sorted order); features seen fewer than
    `min_count` times are dropped."""
    counts: dict[str, int] = {}
    for names in rows:
        for n in set(names):
            counts[n] = counts.get(n, 0) + 1
    vocab = {n: i for i, n in enumerate(sorted(n for n, c in counts.items() if c >= min_count))}
    row_of: list[int] = []
    col: list[int] = []
    for r, names in enumerate(rows):
        ids = sorted({vocab[n] for n in names if n in vocab})
        row_of += [r] * len(ids)
        col += ids
    rows_idx = np.array(row_of, dtype=np.int64)
    cols = np.array(col, dtype=np.int64)
    y = np.array(labels, dtype=float)
    n, v = max(len(rows), 1), len(vocab)
    w = np.zeros(v)
    b = 0.0
    gw = np.full(v, 1e-8)
    gb = 1e-8
    for _ in range(epochs):
        z = b + np.bincount(rows_idx, weights=w[cols], minlength=len(rows))
        p = sigmoid(z)
        g = p - y
        grad_w = np.bincount(cols, weights=g[rows_idx], minlength=v) / n + l2 * w / n
        grad_b = float(g.mean())
        gw += grad_w ** 2
        gb += grad_b ** 2
        w -= lr * grad_w / np.sqrt(gw)
        b -= lr * grad_b / np.sqrt(gb)
    names = sorted(vocab, key=vocab.__getitem__)
    return TriggerModel({name: float(w[i]) for i, name in enumerate(names)}, float(b), threshold,
                        dict(thresholds or {}))
