"""A small trained model of an event's relation to its article's date (before / after /
overlap): multinomial logistic regression over parse features of the trigger (its tag,
dependency, auxiliaries, governing verb, lemma) and the rule reading of anchoring.py.

Trained on a TimeBank split by `train_dct_relation.py`; the weights are data
(`dct_relation.json`, a few KB) loaded once. numpy comes with spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from spacy.tokens import Token

from storyline.learn import shipped_json

CLASSES = ("before", "after", "overlap")
TO_RELTYPE = {"before": "BEFORE", "after": "AFTER", "overlap": "OVERLAP"}
WEIGHTS = "dct_relation.json"


def features(trigger: Token, rule_relation: str, governed: bool) -> list[str]:
    """Names of the binary features that describe one trigger."""
    from storyline.nlp.time.anchoring import clause_verb

    verb = clause_verb(trigger)
    out = [f"rule={rule_relation}", f"tag={trigger.tag_}", f"dep={trigger.dep_}",
           f"pos={trigger.pos_}", f"head_tag={trigger.head.tag_}",
           f"lemma={trigger.lemma_.lower()}", f"governed={governed}"]
    if verb is not None:
        out.append(f"verb_tag={verb.tag_}")
        out += [f"aux={c.lower_}" for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if verb.i != trigger.i:
            out.append(f"verb_lemma={verb.lemma_.lower()}")
    else:
        out.append("verb=none")
    out.append(f"rule_tag={rule_relation}|{trigger.tag_}")
    return out


@dataclass
class DctModel:
    """Weights per feature and class, plus a bias per class."""

    vocab: dict[str, int]
    weights: np.ndarray  # (features, classes)
    bias: np.ndarray  # (classes,)

    def scores(self, names: list[str]) -> np.ndarray:
        idx = [self.vocab[n] for n in names if n in self.vocab]
        z = self.bias + self.weights[idx].sum(axis=0)
        e = np.exp(z - z.max())
        return e / e.sum()

    def predict(self, names: list[str]) -> tuple[str, float]:
        p = self.scores(names)
        k = int(p.argmax())
        return CLASSES[k], float(p[k])

    def to_json(self) -> dict:
        keep = {n: i for n, i in self.vocab.items() if np.abs(self.weights[i]).max() > 1e-3}
        return {"classes": list(CLASSES), "bias": [round(float(b), 4) for b in self.bias],
                "weights": {n: [round(float(w), 4) for w in self.weights[i]]
                            for n, i in sorted(keep.items())}}

    @classmethod
    def from_json(cls, data: dict) -> DctModel:
        names = list(data["weights"])
        w = np.array([data["weights"][n] for n in names], dtype=float).reshape(
            len(names), len(CLASSES))
        return cls({n: i for i, n in enumerate(names)}, w, np.array(data["bias"], dtype=float))


@cache
def load() -> DctModel | None:
    """The shipped model, or None when its weights file is absent."""
    data = shipped_json("storyline.nlp.time", WEIGHTS)
    return None if data is None else DctModel.from_json(data)


def train(rows: list[tuple[list[str], str]], l2: float = 1.0, epochs: int = 300,
          lr: float = 0.5, min_count: int = 2) -> DctModel:
    """Fit multinomial logistic regression by full-batch gradient descent (deterministic)."""
    counts: dict[str, int] = {}
    for names, _ in rows:
        for n in set(names):
            counts[n] = counts.get(n, 0) + 1
    vocab = {n: i for i, n in enumerate(sorted(n for n, c in counts.items() if c >= min_count))}
    x = np.zeros((len(rows), len(vocab)))
    y = np.zeros((len(rows), len(CLASSES)))
    for r, (names, label) in enumerate(rows):
        for n in names:
            if n in vocab:
                x[r, vocab[n]] = 1.0
        y[r, CLASSES.index(label)] = 1.0
    w = np.zeros((len(vocab), len(CLASSES)))
    b = np.zeros(len(CLASSES))
    n = max(len(rows), 1)
    for _ in range(epochs):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = p - y
        w -= lr * (x.T @ g / n + l2 * w / n)
        b -= lr * g.mean(axis=0)
    return DctModel(vocab, w, b)
