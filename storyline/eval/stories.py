"""Story clustering measured on ECB+ (Cybulska & Vossen 2014): its documents, shuffled into a
feed, clustered by `storyline.story.clusters`, scored against topic labels and against
sub-topic labels (topic + ecb/ecbplus: the two similar but different seminal events of a topic).

Scores: cluster purity, inverse purity and B3 precision/recall/F1 (the scorch library's), beside
two baselines computed in the same run (all articles in one story; one story per article) and
the same clustering on content words only. ECB+ documents carry no dates, so the time penalty
plays no part here.
"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from storyline.eval.yardstick import Report, Row, yardstick
from storyline.model import Article, ArticleAnalysis
from storyline.settings import Settings

DEV_TOPICS = frozenset({2, 5, 12, 18, 21, 23, 34, 35})  # the standard ECB+ split
_NAME = re.compile(r"^(\d+)_(\d+)(ecbplus|ecb)\.xml$")
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'re", "'ve",
                    "'ll", "'d", "'m", "''", "..."}  # fmt: skip
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}
SEEDS = (1, 2, 3)  # feed orders: scores are the mean over these shuffles


@dataclass
class EcbDoc:
    """One ECB+ document: its file stem, topic number, sub-topic ("2ecb") and rebuilt text."""

    name: str
    topic: int
    subtopic: str
    text: str


def doc_text(path: Path) -> str:
    """The document text rebuilt from its tokens: one paragraph per sentence."""
    root = ET.parse(path).getroot()
    sentences: dict[int, list[str]] = {}
    for tok in root.iter("token"):
        sentences.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
    out = []
    for k in sorted(sentences):
        line = ""
        for w in sentences[k]:
            if line and w not in _NO_SPACE_BEFORE and line.split(" ")[-1] not in _NO_SPACE_AFTER:
                line += " "
            line += w
        out.append(line)
    text = "\n\n".join(out)
    if not text.strip():
        raise ValueError("no tokens")
    return text


def read_ecb(folder: Path, problems: list[str]) -> list[EcbDoc]:
    """Every `<topic>/<N>_<k>ecb[plus].xml` under FOLDER (or FOLDER/ECB+); unreadable files are
    added to `problems` and skipped."""
    root = folder / "ECB+" if (folder / "ECB+").is_dir() else folder
    docs = []
    for path in sorted(root.rglob("*.xml")):
        m = _NAME.match(path.name)
        if not m:
            continue
        try:
            text = doc_text(path)
        except (OSError, ET.ParseError, ValueError) as exc:
            problems.append(f"{path.name}: {exc}")
            continue
        docs.append(EcbDoc(path.stem, int(m.group(1)), m.group(1) + m.group(3), text))
    return docs


# ------------------------------------------------------------------------------ scores


@dataclass
class ClusterScore:
    """Purity, inverse purity and B3 of a clustering against gold labels."""

    purity: float
    inverse_purity: float
    b3_precision: float
    b3_recall: float
    b3_f1: float
    clusters: int


def _groups(labels: dict[str, Hashable]) -> list[set[str]]:
    by: dict[Hashable, set[str]] = {}
    for item, lab in labels.items():
        by.setdefault(lab, set()).add(item)
    return list(by.values())


def _purity(clusters: Sequence[set[str]], classes: Sequence[set[str]]) -> float:
    n = sum(len(c) for c in clusters)
    return sum(max(len(c & k) for k in classes) for c in clusters) / n if n else 0.0


def score_clusters(clusters: Sequence[set[str]], gold: dict[str, Hashable]) -> ClusterScore:
    """Score `clusters` (sets of item ids) against `gold` (item id -> label)."""
    from scorch.scores import b_cubed

    classes = _groups(gold)
    r, p, f = b_cubed(classes, [set(c) for c in clusters])
    return ClusterScore(
        _purity(clusters, classes), _purity(classes, clusters), p, r, f, len(clusters)
    )


def _mean(scores: list[ClusterScore]) -> ClusterScore:
    n = len(scores)
    return ClusterScore(*(sum(getattr(s, f) for s in scores) / n for f in (
        "purity", "inverse_purity", "b3_precision", "b3_recall", "b3_f1", "clusters")))  # fmt: skip


# ------------------------------------------------------------------------------ runs

Method = Callable[[list[Article], dict[str, ArticleAnalysis]], list[set[str]]]


def storyline_method(settings: Settings) -> Method:
    """storyline's clustering as a scoring method."""
    from storyline.story.clusters import cluster_articles

    def run(arts: list[Article], analyses: dict[str, ArticleAnalysis]) -> list[set[str]]:
        return [set(c.articles) for c in cluster_articles(arts, analyses, settings)]

    return run


def words_only(settings: Settings) -> Method:
    """The same single pass on content words alone (no entities, no predicates)."""
    return storyline_method(
        replace(settings, story_weight_entities=0.0, story_weight_predicates=0.0)
    )


def all_in_one(arts: list[Article], analyses: dict[str, ArticleAnalysis]) -> list[set[str]]:
    return [{a.id for a in arts}]


def one_per_article(arts: list[Article], analyses: dict[str, ArticleAnalysis]) -> list[set[str]]:
    return [{a.id} for a in arts]


def evaluate(
    docs: list[EcbDoc],
    articles: dict[str, Article],
    analyses: dict[str, ArticleAnalysis],
    method: Method,
    seeds: Sequence[int] = SEEDS,
) -> tuple[ClusterScore, ClusterScore]:
    """(topic-level, sub-topic-level) scores of `method` over `docs`, averaged over feed orders."""
    topic = {d.name: d.topic for d in docs}
    sub = {d.name: d.subtopic for d in docs}
    at_topic, at_sub = [], []
    for seed in seeds:
        order = [articles[d.name] for d in docs if d.name in articles]
        random.Random(seed).shuffle(order)
        clusters = method(order, analyses)
        at_topic.append(score_clusters(clusters, topic))
        at_sub.append(score_clusters(clusters, sub))
    return _mean(at_topic), _mean(at_sub)


def analyse(
    docs: list[EcbDoc], settings: Settings, problems: list[str], tick: Callable[[int], None]
) -> tuple[dict[str, Article], dict[str, ArticleAnalysis]]:
    """Run storyline's nlp stage over the documents (undated articles, no header)."""
    from storyline.nlp.executors import run

    arts = [Article(id=d.name, path=d.name, raw=d.text, content=d.text,
                    title=d.text.split("\n", 1)[0][:200]) for d in docs]  # fmt: skip
    articles: dict[str, Article] = {}
    analyses: dict[str, ArticleAnalysis] = {}
    for art, analysis, error in run(arts, settings, lambda phase, done, total: tick(done)):
        articles[art.id] = art
        if analysis is None:
            problems.append(f"{art.id}: analysis failed ({error})")
        else:
            analyses[art.id] = analysis
    return articles, analyses


def split(docs: list[EcbDoc], dev: bool) -> list[EcbDoc]:
    return [d for d in docs if (d.topic in DEV_TOPICS) == dev]


def stories_report(
    folder: Path, settings: Settings | None = None, tick: Callable[[int], None] | None = None
) -> Report:
    """The stories yardstick on any folder of ECB+ topic folders: dev and train rows."""
    settings = settings or Settings()
    report = Report("stories", str(folder))
    docs = read_ecb(folder, report.problems)
    if not docs:
        report.skipped = f"no readable ECB+ documents (N_Kecb.xml) under {folder}"
        return report
    failed: list[str] = []  # analyses that raised: those documents are clustered on their words
    articles, analyses = analyse(docs, settings, failed, tick or (lambda done: None))
    methods: list[tuple[str, Method]] = [
        ("storyline", storyline_method(settings)),
        ("content words only", words_only(settings)),
        ("all in one", all_in_one),
        ("one per article", one_per_article),
    ]
    for part, dev in (("dev", True), ("train", False)):
        chosen = split(docs, dev)
        if not chosen:
            continue
        n_topics = len({d.topic for d in chosen})
        note = f"{len(chosen)} docs, {n_topics} topics, mean of {len(SEEDS)} feed orders"
        if lost := sum(1 for d in chosen if d.name not in analyses):
            note += f", {lost} without analysis (words only)"
        scores = {name: evaluate(chosen, articles, analyses, m) for name, m in methods}
        for level, i in (("topic", 0), ("sub-topic", 1)):
            ours = scores["storyline"][i]
            found = f"{note}; {ours.clusters:.0f} stories found"
            for k, ref in enumerate(("all in one", "one per article", "content words only")):
                report.rows.append(Row(
                    f"{part} {level} B3 F1", ours.b3_f1, scores[ref][i].b3_f1,
                    f"{ref} baseline, this run", found if k == 0 else "",
                ))  # fmt: skip
            words = scores["content words only"][i]
            ref_name = "content words only baseline, this run"
            report.rows.append(Row(f"{part} {level} purity", ours.purity, words.purity, ref_name))
            report.rows.append(Row(
                f"{part} {level} inverse purity", ours.inverse_purity, words.inverse_purity,
                ref_name,
            ))  # fmt: skip
    return report


@yardstick("stories", "ecbplus-dev")
def stories_yardstick(folder: Path) -> Report:
    """ECB+ documents clustered into stories, scored at topic and sub-topic level."""
    return stories_report(folder)

