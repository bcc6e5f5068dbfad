"""Train the event coreference pair model (event_coref.py) on the ECB+ train topics, tune its
merge threshold on held-out train topics, and report both beside the merge rules alone.

    python -m storyline.story.train_event_coref ../shared/benchmarks/ecbplus-dev [--write]

The dev topics (2, 5, 12, 18, 21, 23, 34, 35) are never read. Of the other topics, every 5th
by topic number is held out to tune the merge threshold; the rest fit the weights and the
sub-topic threshold (against the two seminal events each ECB+ topic is made of) and give the
synonym lexicon (`learn_synonyms`); all train topics give the news horizons (`horizons`). Each gold
event mention becomes a claim by storyline's own code (eval/ecb.gold_claims); training pairs
are the ones the story stage puts to the model (merge.py: the same kind, in LEARNED_TYPES,
the same predicate for an open event, and nothing `merge._joinable` forbids). `--write`
stores the weights in the package (event_coref.json).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from storyline.learn import write_weights
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
TIE = 0.001
SUBTOPIC_THRESHOLDS = tuple(round(0.01 * k, 2) for k in range(2, 13))
MIN_TOPICS = 2  # a synonym pair must tell one happening in this many fit topics
HORIZON_COVERAGE = 0.9  # the share of one happening's tellings the news horizons cover


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
    """What ECB+ teaches of the news of the day, over pairs of gold mentions of one happening
    in two articles of stated dates (`event_coref.FIRM_WIDTH`): the `coverage` quantile of the
    days (a) from a firmly dated mention to an undated one told as done, and (b) between the
    articles of two undated mentions. `Coref.forbidden` keeps pairs beyond them apart."""
    from storyline.story.event_coref import FIRM_WIDTH, when_of
    from storyline.story.status import SPECULATIVE

    news, apart = [], []
    for t in topics:
        arts = {a.id: a for a in t.articles}
        when = {c.id: when_of(c, arts) for c in t.claims}
        for i, a in enumerate(t.claims):
            for b in t.claims[i + 1:]:
                if a.article == b.article or t.gold[t.key_of[a.id]] != t.gold[t.key_of[b.id]]:
                    continue
                wa, wb = when[a.id], when[b.id]
                if max(wa.published.width, wb.published.width) > FIRM_WIDTH:
                    continue
                pa, pb = wa.published, wb.published
                if not wa.explicit and not wb.explicit and None not in (
                        pa.earliest, pa.latest, pb.earliest, pb.latest):
                    apart.append(max((pb.earliest - pa.latest).days,
                                     (pa.earliest - pb.latest).days, 0))
                for undated, dated, c in ((wa, wb, a), (wb, wa, b)):
                    day = undated.published.earliest
                    if (not undated.explicit and dated.firm and dated.window.latest is not None
                            and day is not None and c.mention.certainty not in SPECULATIVE):
                        news.append(max((day - dated.window.latest).days, 0))
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


def conll(topics: list[Topic], model: PairModel | None) -> float:
    """CoNLL F1 of the story stage's clustering of the topics' gold claims (`model` None: the
    merge rules alone); gold mentions without a claim are singletons."""
    from storyline.eval.coref import clusters_of, score_clusters
    from storyline.story.merge import cluster_claims, coreference

    key, response = {}, {}
    for t in topics:
        for k, g in t.gold.items():
            key[k] = (t.name, g)
            response[k] = ("alone", k)
        coref = coreference(t.claims, t.articles, t.entities, model) if model else None
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


def main(argv: list[str]) -> None:
    from storyline.eval.ecb import DEV_TOPICS
    from storyline.story.merge import coreference

    folder = Path(argv[0])
    names = sorted({p.name for p in (folder / "ECB+").iterdir() if p.is_dir()}
                   if (folder / "ECB+").is_dir() else
                   {p.name for p in folder.iterdir() if p.is_dir()}, key=int)
    train_names = [n for n in names if n not in DEV_TOPICS]
    tune_names = {n for i, n in enumerate(train_names) if i % 5 == 4}
    topics = read_topics(folder, set(train_names))
    fit = [t for t in topics if t.name not in tune_names]
    tune = [t for t in topics if t.name in tune_names]
    split_at = max(SUBTOPIC_THRESHOLDS, key=lambda th: (seminal_b3(fit, th), -th))
    print("sub-topics, B3 F1 against the ECB/ECB+ halves on the fit topics: " + ", ".join(
        f"{th:.2f}: {seminal_b3(fit, th):.3f}" for th in SUBTOPIC_THRESHOLDS)
        + f"; chosen {split_at:.2f}")
    synonyms = learn_synonyms(fit)
    news_days, apart_days = horizons(topics)
    print(f"synonyms (pairs of predicates one happening in {MIN_TOPICS}+ fit topics): "
          + ", ".join(f"{a}/{b}" for a, b in sorted(synonyms) if a < b))
    print(f"news horizons ({HORIZON_COVERAGE:.0%} of one happening's tellings, train topics): "
          f"{news_days} days from a firm date to an undated mention, {apart_days} days "
          "between two undated mentions' articles")
    blank = PairModel((0.0,) * len(FEATURES), 0.0, 0.5, split_at, synonyms, news_days,
                      apart_days)
    x_rows, y_rows = [], []
    for t in fit:
        coref = coreference(t.claims, t.articles, t.entities, blank)
        assert coref is not None
        rows, labels = pairs(t, coref)
        x_rows += rows
        y_rows += labels
    x, y = np.array(x_rows, dtype=float), np.array(y_rows, dtype=float)
    weights, bias = train(x, y)
    print(f"fit: {len(fit)} topics, {len(y)} pairs ({int(y.sum())} coreferent); "
          f"tune: {len(tune)} topics ({', '.join(t.name for t in tune)})")
    for n, w in zip(FEATURES, weights, strict=True):
        print(f"  {n:20s} {w:+.3f}")
    print(f"  {'bias':20s} {bias:+.3f}")
    rules = conll(tune, None)
    scores = {th: conll(tune, PairModel(weights, bias, th, split_at, synonyms, news_days,
                                        apart_days)) for th in THRESHOLDS}
    # within TIE of the best CoNLL F1 (noise on 5 topics), the highest threshold: fewest merges
    best = max(th for th, f in scores.items() if f >= max(scores.values()) - TIE)
    print(f"tune CoNLL F1: rules alone {rules:.4f}; "
          + ", ".join(f"{th:.2f}: {f:.4f}" for th, f in scores.items()))
    print(f"chosen threshold {best:.2f} (tune CoNLL F1 {scores[best]:.4f})")
    model = PairModel(weights, bias, best, split_at, synonyms, news_days, apart_days)
    if "--write" in argv:
        path = Path(__file__).with_name(WEIGHTS)
        print(f"wrote {path} ({write_weights(path, model.to_json())} bytes)")


if __name__ == "__main__":
    main(sys.argv[1:])
