"""ECB+ (CAT-like XML): cross-document event and entity coreference on the annotated sentences,
storyline (run per topic on the topic's documents) beside the same-lemma-same-topic baseline,
both scored by the same code in the same run.

Only sentences listed in `ECBplus_coreference_sentences.csv` count, for gold and predictions
alike. Gold events are the ACTION_* / NEG_ACTION_* markables, gold entities the HUMAN_PART* /
NON_HUMAN_PART* ones; a mention's cluster is its CROSS_DOC_COREF instance (the `note`), else its
INTRA_DOC_COREF chain, else itself. storyline's claim triggers and entity mentions are matched
to gold mentions one-to-one by shared tokens (`cat.match_tokens`); a matched mention stands for
its gold mention, an unmatched one stays a (wrong) mention of its own. The baseline is given
the gold mentions and clusters those of one topic whose syntactic heads share a lemma.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path

from storyline.eval.cat import CatDoc, head_lemmas, match_tokens, read_cat
from storyline.eval.coref import CorefScore, clusters_of, score_clusters
from storyline.eval.yardstick import Counts, Report, Row, yardstick

DEV_TOPICS = frozenset({"2", "5", "12", "18", "21", "23", "34", "35"})
SENTENCES_CSV = "ECBplus_coreference_sentences.csv"
EVENT_TAGS = ("ACTION_", "NEG_ACTION_")
ENTITY_TAGS = ("HUMAN_PART", "NON_HUMAN_PART")

Key = tuple[str, str]  # (document, m_id)


@dataclass
class EcbDoc:
    """One ECB+ document: its topic, CAT content and gold mentions on annotated sentences."""

    topic: str
    doc: CatDoc
    sentences: set[int]
    events: dict[Key, set[str]] = field(default_factory=dict)
    entities: dict[Key, set[str]] = field(default_factory=dict)
    cluster: dict[Key, Hashable] = field(default_factory=dict)  # gold mention -> instance


def read_sentences(path: Path) -> dict[str, set[int]]:
    """`{topic}_{file}` -> the sentence numbers annotated for coreference."""
    out: dict[str, set[int]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            try:
                name = f"{row['Topic'].strip()}_{row['File'].strip()}"
                out.setdefault(name, set()).add(int(row["Sentence Number"]))
            except (KeyError, ValueError, AttributeError):
                continue
    return out


def ecb_doc(doc: CatDoc, topic: str, sentences: set[int]) -> EcbDoc:
    """The gold mentions of DOC within its annotated sentences, with their clusters."""
    e = EcbDoc(topic, doc, sentences)
    n = doc.name
    for m in doc.markables.values():
        toks = {t for t in m.tokens if doc.has(t) and doc.token(t).sentence in sentences}
        if not toks or len(toks) != len(set(m.tokens)):  # wholly inside annotated sentences
            continue
        if m.tag.startswith(EVENT_TAGS):
            e.events[(n, m.m_id)] = toks
        elif m.tag.startswith(ENTITY_TAGS):
            e.entities[(n, m.m_id)] = toks
    for rel in doc.relations:
        if rel.tag == "CROSS_DOC_COREF":
            ident: Hashable = ("x", rel.attrs.get("note") or (n, *rel.targets[:1]))
        elif rel.tag == "INTRA_DOC_COREF":
            ident = ("i", n, *rel.targets[:1])
        else:
            continue
        for s in rel.sources:
            e.cluster[(n, s)] = ident
    return e


def read_ecb(folder: Path, problems: list[str]) -> list[EcbDoc]:
    """Every ECB+ document under FOLDER (topic = its folder), with the annotated sentences
    of FOLDER's `ECBplus_coreference_sentences.csv` (searched up to the folder's parent)."""
    csv_path = next((p / SENTENCES_CSV for p in (folder, folder.parent)
                     if (p / SENTENCES_CSV).is_file()), None)
    if csv_path is None:
        raise FileNotFoundError(f"no {SENTENCES_CSV} in {folder}")
    selected = read_sentences(csv_path)
    out = []
    for f in sorted(folder.rglob("*.xml")):
        try:
            doc = read_cat(f)
        except (OSError, ValueError) as exc:
            problems.append(f"{f.name}: {exc}")
            continue
        topic = f.stem.split("_", 1)[0]
        out.append(ecb_doc(doc, topic, selected.get(f.stem, set())))
    return out


@dataclass
class Split:
    """Coreference scores of one set of topics."""

    topics: int = 0
    documents: int = 0
    events: Counts = field(default_factory=Counts)
    entities: Counts = field(default_factory=Counts)
    # name -> score: "event", "event_baseline", "entity", "entity_baseline", each with a
    # "_nosingle" twin scored without singletons
    coref: dict[str, CorefScore] = field(default_factory=dict)


@dataclass
class _Side:
    key: dict = field(default_factory=dict)
    response: dict = field(default_factory=dict)
    baseline: dict = field(default_factory=dict)


def evaluate(folder: Path, progress: Callable[[int], None] | None = None
             ) -> tuple[dict[str, Split], list[str]]:
    """Read ECB+ under FOLDER, run storyline per topic and score dev and train topics."""
    from storyline.eval.cat import run_storyline_groups
    from storyline.eval.meantime import predictions

    problems: list[str] = []
    docs = read_ecb(folder, problems)
    if not docs:
        return {}, problems
    topics: dict[str, list[int]] = {}
    for i, d in enumerate(docs):
        topics.setdefault(d.topic, []).append(i)
    groups = list(topics.values())
    runs = run_storyline_groups([d.doc for d in docs], [None] * len(docs), groups, progress)
    lemmas = head_lemmas([d.doc for d in docs], [
        [(k, sorted(v, key=int)) for k, v in (*d.events.items(), *d.entities.items())]
        for d in docs])
    sides = {s: {"event": _Side(), "entity": _Side()} for s in ("dev", "train")}
    splits = {"dev": Split(), "train": Split()}
    for topic, group in topics.items():
        split = "dev" if topic in DEV_TOPICS else "train"
        splits[split].topics += 1
        splits[split].documents += len(group)
        run = runs[groups.index(group)]
        preds = predictions([docs[i].doc for i in group], run)
        for i, pred in zip(group, preds, strict=True):
            d = docs[i]
            for kind, gold, pmentions, pclusters in (
                ("event", d.events, pred.events, pred.event_cluster),
                ("entity", d.entities, pred.entities, pred.entity_cluster),
            ):
                side = sides[split][kind]
                inside = {k: v for k, v in pmentions.items() if _annotated(d, v)}
                mapping = match_tokens(gold, inside)
                counts = splits[split].events if kind == "event" else splits[split].entities
                counts.add(len(mapping), len(inside), len(gold))
                for k in gold:
                    side.key[k] = d.cluster.get(k, ("single",) + k)
                    side.baseline[k] = (topic, lemmas.get(k, k))
                for k in inside:
                    side.response[mapping.get(k, k)] = (topic, pclusters[k])
    for split, by_kind in sides.items():
        for kind, side in by_kind.items():
            key = clusters_of(side.key)
            for suffix, single in (("", True), ("_nosingle", False)):
                splits[split].coref[kind + suffix] = score_clusters(
                    key, clusters_of(side.response), single)
                splits[split].coref[f"{kind}_baseline{suffix}"] = score_clusters(
                    key, clusters_of(side.baseline), single)
    return splits, problems


def _annotated(d: EcbDoc, tokens: set[str]) -> bool:
    return all(d.doc.token(t).sentence in d.sentences for t in tokens)


def rows(splits: dict[str, Split]) -> list[Row]:
    """The yardstick rows: dev topics first, then train topics."""
    base = "same lemma same topic, gold mentions, this run"
    out = []
    for split in ("dev", "train"):
        s = splits.get(split)
        if s is None or not s.topics:
            continue
        where = f"{split} ({s.topics} topics, {s.documents} docs)"
        out.append(Row(f"{where}: event trigger F1 (token overlap)", s.events.f1,
                       note=s.events.note()))
        for kind in ("event", "entity"):
            for suffix, label in (("", ""), ("_nosingle", ", no singletons")):
                sc, b = s.coref[kind + suffix], s.coref[f"{kind}_baseline{suffix}"]
                out.append(Row(
                    f"{where}: {kind} coreference CoNLL F1{label}", sc.conll, b.conll, base,
                    f"MUC {sc.muc.f1:.3f} B3 {sc.b3.f1:.3f} CEAF-e {sc.ceaf_e.f1:.3f}; baseline "
                    f"MUC {b.muc.f1:.3f} B3 {b.b3.f1:.3f} CEAF-e {b.ceaf_e.f1:.3f}",
                ))
        out.append(Row(f"{where}: participant mention F1 (token overlap)", s.entities.f1,
                       note=s.entities.note()))
    return out


@yardstick("ecb", "ecbplus-dev")
def ecb_yardstick(folder: Path) -> Report:
    """ECB+ event and entity coreference on the annotated sentences, dev and train topics."""
    report = Report("ecb", str(folder))
    try:
        splits, report.problems = evaluate(folder)
    except FileNotFoundError as exc:
        report.skipped = str(exc)
        return report
    if not splits:
        report.skipped = f"no readable ECB+ XML files under {folder}"
        return report
    report.rows = rows(splits)
    return report
