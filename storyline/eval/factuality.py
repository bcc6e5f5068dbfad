"""Event factuality yardstick: storyline's certainty of a predicate on the [-3, 3] scale.

Data in the unified format of Jiang & de Marneffe (TACL 2021): JSON lines
`{text (tokenized), targets: [{span1: [start, end), span_text, label}]}`, +3 = certainly
happened, -3 = certainly did not. For each target, `certainty_of`
(storyline/nlp/attribution/certainty.py) is run on the predicate's token in its parsed
sentence and its certainty mapped to the scale (`SCALE`, docs/eval.md). Pearson r and mean
absolute error, beside the constant prediction of the train labels' mean.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from storyline.eval.yardstick import Report, Row, yardstick

# A storyline certainty as a point of the FactBank-style scale (CT+ 3, PR+ 2, PS+ 1, Uu 0,
# PS- -1, PR- -2, CT- -3): fixed a priori, never fitted to the labels.
SCALE: dict[str, float] = {
    "asserted": 3.0,  # CT+: the text states it happened
    "reported": 2.0,  # PR+: a source says it happened
    "alleged": 1.0,  # PS+: claimed, rumoured
    "speculated": 0.0,  # Uu: asked, wondered, may
    "hypothetical": 0.0,  # Uu: planned, wanted, conditional: not (yet) happened or not
    "denied": -2.0,  # PR-: a source says it did not
    "negated": -3.0,  # CT-: the text says it did not
}


@dataclass
class Target:
    """One predicate to rate: token offsets [start, end) and its gold label."""

    start: int
    end: int
    label: float
    text: str = ""


@dataclass
class Sentence:
    """A tokenized sentence and its targets."""

    tokens: list[str]
    targets: list[Target] = field(default_factory=list)


def parse_line(line: str) -> Sentence:
    """One JSON line; ValueError when it is not a sentence with well-formed targets."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise ValueError("no 'text' string")
    tokens = data["text"].split()
    targets = []
    for t in data.get("targets") or []:
        try:
            start, end = (int(x) for x in t["span1"])
            label = float(t["label"])
        except (KeyError, TypeError, ValueError):
            raise ValueError(f"bad target {str(t)[:60]}") from None
        if not 0 <= start < end <= len(tokens) or not -3 <= label <= 3 or math.isnan(label):
            raise ValueError(f"target {start}-{end} label {label} out of range")
        targets.append(Target(start, end, label, str(t.get("span_text", ""))))
    if not tokens or not targets:
        raise ValueError("no tokens or no targets")
    return Sentence(tokens, targets)


def read_jsonl(path: Path) -> tuple[list[Sentence], list[str]]:
    """Every readable sentence of a JSON lines file, and the lines skipped (with why)."""
    sentences, problems = [], []
    with path.open(encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                sentences.append(parse_line(line))
            except ValueError as exc:
                problems.append(f"{path.name}:{n}: {exc}")
    return sentences, problems


# -------------------------------------------------------------------- predicting


def predict(sentences: list[Sentence], nlp, progress: Callable[[int], None] | None = None,  # noqa: ANN001
            batch_size: int = 64) -> list[list[str]]:
    """storyline's certainty of every target, per sentence (spaCy run on the given tokens)."""
    from spacy.tokens import Doc

    from storyline.nlp.attribution.certainty import certainty_of

    docs = (Doc(nlp.vocab, words=s.tokens) for s in sentences)
    out = []
    for s, doc in zip(sentences, nlp.pipe(docs, batch_size=batch_size), strict=True):
        found = []
        for t in s.targets:
            span = doc[t.start:t.end]
            token = span.root if len(span) > 1 else span[0]
            found.append(certainty_of(token, token.sent, "asserted"))
        out.append(found)
        if progress:
            progress(1)
    return out


# ----------------------------------------------------------------------- scoring


def pearson(xs: list[float], ys: list[float]) -> float | None:
    """Pearson's r; None when either side is constant (r is undefined)."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / math.sqrt(sxx * syy)


def mae(xs: list[float], ys: list[float]) -> float | None:
    """Mean absolute error; None with nothing to compare."""
    return sum(abs(x - y) for x, y in zip(xs, ys, strict=True)) / len(xs) if xs else None


@dataclass
class Score:
    """Predictions on the scale beside the gold labels and the constant baseline."""

    gold: list[float]
    predicted: list[float]
    baseline: float  # the constant predicted for every target
    certainties: Counter = field(default_factory=Counter)

    @property
    def r(self) -> float | None:
        return pearson(self.predicted, self.gold)

    @property
    def mae(self) -> float | None:
        return mae(self.predicted, self.gold)

    @property
    def baseline_mae(self) -> float | None:
        return mae([self.baseline] * len(self.gold), self.gold)


def score(sentences: list[Sentence], certainties: list[list[str]], baseline: float) -> Score:
    """Map certainties to the scale and line them up with the gold labels."""
    gold, pred, seen = [], [], Counter()
    for s, found in zip(sentences, certainties, strict=True):
        for t, c in zip(s.targets, found, strict=True):
            gold.append(t.label)
            pred.append(SCALE[c])
            seen[c] += 1
    return Score(gold, pred, baseline, seen)


def rows(total: Score, baseline_name: str) -> list[Row]:
    """Pearson r (the constant baseline's r is undefined: n/a) and MAE beside the baseline."""
    mix = ", ".join(f"{c} {n}" for c, n in total.certainties.most_common())
    return [
        Row("Pearson r", total.r, None, "constant baseline: r undefined (n/a)",
            f"{len(total.gold)} targets; {mix}"),
        Row("mean absolute error", total.mae, total.baseline_mae,
            f"{baseline_name} = {total.baseline:.3f}"),
    ]


def baseline_of(folder: Path, split: str, scored: list[Sentence]) -> tuple[float, str, list[str]]:
    """The constant baseline: mean train label, else (no train file) the scored split's mean."""
    train = folder / "train.jsonl"
    problems: list[str] = []
    labels: list[float] = []
    if split != "train" and train.is_file():
        sents, problems = read_jsonl(train)
        labels = [t.label for s in sents for t in s.targets]
    if labels:
        return sum(labels) / len(labels), "constant: mean train label", problems
    labels = [t.label for s in scored for t in s.targets]
    name = "constant: mean train label" if split == "train" else \
        "constant: mean label of the scored split (no train.jsonl)"
    return sum(labels) / len(labels), name, problems


def evaluate(folder: Path, split: str = "dev",
             progress: Callable[[int], None] | None = None) -> Report:
    """Score FOLDER/SPLIT.jsonl; malformed lines are listed and skipped."""
    from storyline.nlp.pipeline import load_model
    from storyline.settings import Settings

    report = Report("factuality", str(folder))
    path = folder / f"{split}.jsonl"
    if not path.is_file():
        report.skipped = f"no {path}"
        return report
    sentences, report.problems = read_jsonl(path)
    if not sentences:
        report.skipped = f"no readable sentences in {path}"
        return report
    base, name, train_problems = baseline_of(folder, split, sentences)
    report.problems += train_problems
    found = predict(sentences, load_model(Settings().model), progress)
    report.rows = rows(score(sentences, found, base), name)
    return report


@yardstick("factuality", "factuality/UDS_IH2")
def factuality_yardstick(folder: Path) -> Report:
    """UDS-IH2 dev: Pearson r and MAE of mapped certainties, beside the constant baseline."""
    return evaluate(folder, "dev")
