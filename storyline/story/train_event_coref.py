"""Train the event coreference pair model (event_coref.py) on the ECB+ train topics, choose its
merge threshold by cross-validation over them, and report both beside the merge rules alone.

    python -m storyline.story.train_event_coref ../shared/benchmarks/ecbplus-dev [--write] [--check]

The dev topics (2, 5, 12, 18, 21, 23, 34, 35) are never read. The 25 train topics give the
sub-topic threshold (against the two seminal events each ECB+ topic is made of), the news
horizons (`horizons`), the synonym lexicon (`learn_synonyms`) and the weights; the merge
threshold is the best out-of-fold CoNLL F1 over FOLDS folds of them (`cross_validate`,
`choose_threshold`): each fold clustered by a lexicon and weights learned on the others. Each
gold event mention becomes a claim by storyline's own code (eval/ecb.gold_claims); training
pairs are the ones the story stage puts to the model (merge.py: the same kind, in
LEARNED_TYPES, the same predicate for an open event, and nothing `merge._joinable` forbids).
`--write` stores the model in the package (event_coref.json); `--check` exits 1 unless the
stored one is this run's output (the run is deterministic).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from storyline.learn import shipped_json, write_weights
from storyline.model import Article, Claim
from storyline.story.event_coref import (
    FEATURES,
    WEIGHTS,
    Coref,
    PairModel,
    shipped_model_off,
    train,
)

THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(1, 20))
FOLDS = 5  # cross-validation of the merge threshold over the train topics
SUBTOPIC_THRESHOLDS = tuple(round(0.01 * k, 2) for k in range(2, 13))
MIN_TOPICS = 2  # a synonym pair must tell one happening in this many train topics
HORIZON_COVERAGE = 0.9  # the share of undated tellings the news horizons cover


@dataclass
class Topic:
    """One topic's gold-mention claims and what clustering and scoring them needs."""

    name: str
    claims: list[Claim]
    key_of: dict[str, tuple[str, str]]  # claim id -> gold mention
    gold: dict[tuple[str, str], object]  # every gold event mention -> its gold cluster
    articles: list[Article]
    analyses: list
    orgs: set[str]
    entities: list  # the story's entities (linked across the topic's articles)


def read_topics(folder: Path, names: set[str]) -> list[Topic]:
    """Run storyline on the named topics of the ECB+ folder and make the gold claims."""
    from storyline.eval.cat import run_storyline_groups
    from storyline.eval.ecb import gold_claims, read_ecb
    from storyline.nlp.pipeline import load_model
    from storyline.settings import Settings

    problems: list[str] = []
    docs = [d for d in read_ecb(folder, problems) if d.topic in names]
    for p in problems:
        print(f"skipped {p}", file=sys.stderr)
    groups: dict[str, list[int]] = {}
    for i, d in enumerate(docs):
        groups.setdefault(d.topic, []).append(i)
    with shipped_model_off():  # the input must not depend on the weights a last run wrote
        runs = run_storyline_groups([d.doc for d in docs], [None] * len(docs),
                                    list(groups.values()))
    nlp = load_model(Settings().model)
    out = []
    for (name, group), run in zip(groups.items(), runs, strict=True):
        tdocs = [docs[i] for i in group]
        parsed = list(nlp.pipe(a.content or d.doc.text
                               for a, d in zip(run.articles, tdocs, strict=True)))
        claims, key_of = gold_claims(tdocs, run, parsed)
        gold = {k: d.cluster.get(k, ("single",) + k) for d in tdocs for k in d.events}
        orgs = {e.id for e in run.story.entities if e.type in ("ORG", "OUTLET")}
        out.append(Topic(name, claims, key_of, gold, [a for a in run.articles if a.status == "ok"],
                         [a for a in run.analyses if a is not None], orgs, run.story.entities))
    return out


def learn_synonyms(topics: list[Topic], min_topics: int = MIN_TOPICS
                   ) -> frozenset[tuple[str, str]]:
    """Pairs of predicate keys (event_coref.predicate_key) whose mentions tell one gold
    happening in at least `min_topics` of the topics ("kill" / "murder", "die" / "dead"): a
    lexicon learned from the annotation, in both orders. Several topics, so that one story's
    wording ("check" / "enter" rehab) does not count."""
    from storyline.story.event_coref import predicate_key
    from storyline.story.merge import LEARNED_TYPES

    seen: dict[tuple[str, str], set[str]] = {}
    for t in topics:
        by_gold: dict[object, set[str]] = {}
        for c in t.claims:
            key = predicate_key(c.predicate)
            if c.type in LEARNED_TYPES and key:
                by_gold.setdefault(t.gold[t.key_of[c.id]], set()).add(key)
        for keys in by_gold.values():
            for a in keys:
                for b in keys:
                    if a < b:
                        seen.setdefault((a, b), set()).add(t.name)
    return frozenset(q for (a, b), names in seen.items() if len(names) >= min_topics
                     for q in ((a, b), (b, a)))


def horizons(topics: list[Topic], coverage: float = HORIZON_COVERAGE) -> tuple[int, int]:
    """What ECB+ teaches of the news of the day, over gold mentions in articles of stated
    dates (`event_coref.FIRM_WIDTH`), each undated one counted once (as `Coref.forbidden`
    asks of it, against its nearest evidence): the `coverage` quantile of the days (a) to an
    undated mention told as done from the nearest firm date of its happening in another such
    article, and (b) between an undated mention's article and the nearest other article with
    an undated mention of its happening. Counted over pairs instead, a happening told many
    times weighs as the square of its tellings."""
    from storyline.story.event_coref import FIRM_WIDTH, when_of
    from storyline.story.status import SPECULATIVE

    news, apart = [], []
    for t in topics:
        arts = {a.id: a for a in t.articles}
        when = {c.id: when_of(c, arts) for c in t.claims}
        stated = [c for c in t.claims if when[c.id].published.width <= FIRM_WIDTH
                  and None not in (when[c.id].published.earliest, when[c.id].published.latest)]
        for u in stated:
            wu = when[u.id]
            if wu.explicit:
                continue
            pu = wu.published
            same = [c for c in stated if c.article != u.article
                    and t.gold[t.key_of[c.id]] == t.gold[t.key_of[u.id]]]
            days = [max((p.earliest - pu.latest).days, (pu.earliest - p.latest).days, 0)
                    for c in same if not when[c.id].explicit
                    for p in (when[c.id].published,)]
            if days:
                apart.append(min(days))
            firm = [when[c.id].window.latest for c in same
                    if when[c.id].firm and when[c.id].window.latest is not None]
            if firm and u.mention.certainty not in SPECULATIVE:
                news.append(min(max((pu.earliest - day).days, 0) for day in firm))
    return (int(np.ceil(np.quantile(news, coverage))) if news else 30,
            int(np.ceil(np.quantile(apart, coverage))) if apart else 30)


def pairs(t: Topic, coref: Coref) -> tuple[list[list[float]], list[int]]:
    """Feature rows and gold labels of the candidate pairs of one topic: two claims of one
    block (merge.block_of: a LEARNED_TYPES kind, an open event's predicate) that `merge._joinable`
    lets the model join, each claim as an event of its own."""
    from storyline.story.merge import (
        LEARNED_TYPES,
        _Cluster,
        _joinable,
        block_of,
        frames_of_predicates,
    )

    alone = {}
    for c in t.claims:
        w = coref.when[c.id]
        alone[c.id] = _Cluster(c.type)
        alone[c.id].add(c, w.window, w.published)
    rows, labels = [], []
    cs = [c for c in t.claims if c.type in LEARNED_TYPES]
    framed = frames_of_predicates(cs, coref.same)
    blocks: dict[tuple, list[Claim]] = {}
    for c in cs:
        blocks.setdefault(block_of(c, framed, coref.same), []).append(c)
    for members in blocks.values():
        x = coref.feature_matrix(members)
        for i, a in enumerate(members):
            for j in range(i + 1, len(members)):
                b = members[j]
                if _joinable(alone[a.id], alone[b.id], t.orgs, coref):
                    rows.append([float(v) for v in x[i, j]])
                    labels.append(int(t.gold[t.key_of[a.id]] == t.gold[t.key_of[b.id]]))
    return rows, labels


def conll(topics: list[Topic], models: Sequence[PairModel | None]) -> float:
    """CoNLL F1 of the story stage's clustering of the topics' gold claims, each topic with
    its model (None: the merge rules alone), scored together; gold mentions without a claim
    are singletons."""
    from storyline.story.merge import coreference

    return conll_of([(t, coreference(t.claims, t.articles, t.entities, m) if m else None)
                     for t, m in zip(topics, models, strict=True)])


def conll_of(topics: list[tuple[Topic, Coref | None]], threshold: float | None = None
             ) -> float:
    """`conll` of topics whose coreference is built (`coreference`), at `threshold` instead
    of each model's own when given (the features do not depend on it)."""
    from storyline.eval.coref import clusters_of, score_clusters
    from storyline.story.merge import cluster_claims

    key, response = {}, {}
    for t, coref in topics:
        for k, g in t.gold.items():
            key[k] = (t.name, g)
            response[k] = ("alone", k)
        if coref is not None and threshold is not None:
            coref = coref.at_threshold(threshold)
        arts = {a.id: a for a in t.articles}
        for n, members in enumerate(cluster_claims(t.claims, arts, t.orgs, coref)):
            for c in members:
                response[t.key_of[c.id]] = (t.name, n)
    return score_clusters(clusters_of(key), clusters_of(response)).conll


def seminal_b3(topics: list[Topic], threshold: float) -> float:
    """B3 F1 of `event_coref.subtopics` against each topic's two seminal events (ECB+ names
    the second one's files `*ecbplus`)."""
    from storyline.eval.coref import clusters_of, score_clusters
    from storyline.story.event_coref import article_vectors, subtopics

    key, response = {}, {}
    for t in topics:
        found = subtopics(article_vectors({a.id: a for a in t.articles}), threshold)
        for a in t.articles:
            key[a.id] = (t.name, (a.title or "").endswith("ecbplus"))
            response[a.id] = (t.name, found.get(a.id))
    return score_clusters(clusters_of(key), clusters_of(response)).b3.f1


def fit(topics: list[Topic], base: PairModel) -> tuple[tuple[float, ...], float]:
    """Weights and bias fitted on the candidate pairs (`pairs`) of the topics, their
    coreference built with `base`'s sub-topic threshold, lexicon and horizons."""
    from storyline.story.merge import coreference

    x_rows, y_rows = [], []
    for t in topics:
        coref = coreference(t.claims, t.articles, t.entities, base)
        assert coref is not None
        rows, labels = pairs(t, coref)
        x_rows += rows
        y_rows += labels
    return train(np.array(x_rows, dtype=float), np.array(y_rows, dtype=float))


def folds(names: list[str], k: int = FOLDS) -> list[set[str]]:
    """The train topics in `k` folds, every k-th by topic number in one (fold k-1 is the
    five tune topics of session 13: 7, 13, 22, 28, 33)."""
    return [{n for i, n in enumerate(names) if i % k == f} for f in range(k)]


def cross_validate(topics: list[Topic], parts: list[set[str]], base: PairModel
                   ) -> dict[float, float]:
    """Out-of-fold CoNLL F1 at each of THRESHOLDS: each fold's topics clustered by the model
    (lexicon and weights) learned on the other folds, all train topics scored together."""
    from storyline.story.merge import coreference

    held: list[tuple[Topic, Coref | None]] = []
    for part in parts:
        rest = [t for t in topics if t.name not in part]
        lexicon = replace(base, synonyms=learn_synonyms(rest))
        weights, bias = fit(rest, lexicon)
        model = replace(lexicon, weights=weights, bias=bias)
        held += [(t, coreference(t.claims, t.articles, t.entities, model))
                 for t in topics if t.name in part]
    return {th: conll_of(held, th) for th in THRESHOLDS}


def choose_threshold(scores: dict[float, float]) -> float:
    """The threshold of the best out-of-fold CoNLL F1, each score averaged with its
    neighbours' (a step's noise does not decide); ties to the higher threshold (fewer
    merges)."""
    ths = sorted(scores)
    smooth = {th: float(np.mean([scores[x] for x in ths[max(i - 1, 0):i + 2]]))
              for i, th in enumerate(ths)}
    return max(ths, key=lambda th: (round(smooth[th], 6), th))


def main(argv: list[str]) -> None:
    from storyline.eval.ecb import DEV_TOPICS

    folder = Path(argv[0])
    names = sorted({p.name for p in (folder / "ECB+").iterdir() if p.is_dir()}
                   if (folder / "ECB+").is_dir() else
                   {p.name for p in folder.iterdir() if p.is_dir()}, key=int)
    train_names = [n for n in names if n not in DEV_TOPICS]
    topics = read_topics(folder, set(train_names))
    model = learn(topics, folds(train_names))
    path = Path(__file__).with_name(WEIGHTS)
    if "--check" in argv:
        same = shipped_json("storyline.story", WEIGHTS) == json.loads(
            json.dumps(model.to_json()))
        print(f"{path}: {'the same as' if same else 'NOT'} this run's output")
        if not same:
            sys.exit(1)
    if "--write" in argv:
        print(f"wrote {path} ({write_weights(path, model.to_json())} bytes)")


def learn(topics: list[Topic], parts: list[set[str]]) -> PairModel:
    """The model the train topics teach, printing what it learns: the sub-topic threshold,
    horizons, lexicon and weights from all of them, the merge threshold by cross-validation
    over `parts`."""
    split_at = max(SUBTOPIC_THRESHOLDS, key=lambda th: (seminal_b3(topics, th), -th))
    print("sub-topics, B3 F1 against the ECB/ECB+ halves on the train topics: " + ", ".join(
        f"{th:.2f}: {seminal_b3(topics, th):.3f}" for th in SUBTOPIC_THRESHOLDS)
        + f"; chosen {split_at:.2f}")
    news_days, apart_days = horizons(topics)
    print(f"news horizons ({HORIZON_COVERAGE:.0%} of undated tellings, train topics): "
          f"{news_days} days from a firm date to an undated mention, {apart_days} days "
          "between two undated mentions' articles")
    base = PairModel((0.0,) * len(FEATURES), 0.0, 0.5, split_at, frozenset(), news_days,
                     apart_days)
    scores = cross_validate(topics, parts, base)
    rules = conll(topics, [None] * len(topics))
    best = choose_threshold(scores)
    print(f"out-of-fold CoNLL F1 ({len(parts)} folds of {len(topics)} train topics): rules "
          f"alone {rules:.4f}; " + ", ".join(f"{th:.2f}: {f:.4f}" for th, f in scores.items()))
    print(f"chosen threshold {best:.2f} (out-of-fold CoNLL F1 {scores[best]:.4f})")
    synonyms = learn_synonyms(topics)
    print(f"synonyms (pairs of predicates one happening in {MIN_TOPICS}+ train topics): "
          + ", ".join(f"{a}/{b}" for a, b in sorted(synonyms) if a < b))
    lexicon = replace(base, synonyms=synonyms)
    weights, bias = fit(topics, lexicon)
    print(f"fit: {len(topics)} topics")
    for n, w in zip(FEATURES, weights, strict=True):
        print(f"  {n:20s} {w:+.3f}")
    print(f"  {'bias':20s} {bias:+.3f}")
    return replace(lexicon, weights=weights, bias=bias, threshold=best)


if __name__ == "__main__":
    main(sys.argv[1:])
