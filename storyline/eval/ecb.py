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
from typing import TYPE_CHECKING

from storyline.eval.cat import CatDoc, Run, head_lemmas, match_tokens, read_cat
from storyline.eval.coref import CorefScore, clusters_of, score_clusters
from storyline.eval.yardstick import Counts, Report, Row, yardstick
from storyline.model import Claim

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

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
    # response name -> score, each with a "_nosingle" twin scored without singletons:
    # end to end (storyline's own mentions): "event", "entity", and the same-lemma baseline on
    # those mentions "event_predicted_baseline"; gold mentions: "event_gold" (storyline's
    # story stage with its coreference model), "event_gold_rules" (the merge rules alone),
    # "event_baseline" / "entity_baseline" (same lemma, same topic), "event_baseline_subtopic"
    # (same lemma, same storyline sub-topic)
    coref: dict[str, CorefScore] = field(default_factory=dict)


@dataclass
class _Side:
    key: dict = field(default_factory=dict)
    responses: dict[str, dict] = field(default_factory=dict)  # response name -> assignment

    def put(self, name: str, mention: Hashable, cluster: Hashable) -> None:
        self.responses.setdefault(name, {})[mention] = cluster


def gold_claims(group: list[EcbDoc], run: Run, parsed: list[SpacyDoc]
                ) -> tuple[list[Claim], dict[str, Key]]:
    """Each gold event mention of a topic made into a storyline Claim by storyline's own code
    (`claims.claims_at`: the trigger at that span, its frame or open predicate, source,
    certainty, participants linked across the topic's articles, roles and time), with the
    gold mention each claim stands for."""
    from storyline.nlp.events.claims import claims_at

    claims: list[Claim] = []
    key_of: dict[str, Key] = {}
    for d, art, analysis, doc in zip(group, run.articles, run.analyses, parsed, strict=True):
        if analysis is None:
            continue
        keys = sorted(d.events, key=lambda k: min(int(t) for t in d.events[k]))
        spans = []
        for k in keys:
            toks = [d.doc.token(t) for t in d.events[k]]
            spans.append((min(t.start for t in toks), max(t.end for t in toks)))
        # local entity ids -> the story's (link_entities rewrote the mentions' ids)
        glob = {e.id: e.mentions[0].entity for e in analysis.entities if e.mentions}
        for k, c in zip(keys, claims_at(doc, art, analysis, spans), strict=True):
            if c is None:
                continue
            c.participants = list(dict.fromkeys(glob.get(p, p) for p in c.participants))
            for r in c.roles:
                r.entity = glob.get(r.entity, r.entity)
            claims.append(c)
            key_of[c.id] = k
    return claims, key_of


def evaluate(folder: Path, progress: Callable[[int], None] | None = None
             ) -> tuple[dict[str, Split], list[str]]:
    """Read ECB+ under FOLDER, run storyline per topic and score dev and train topics, end to
    end and given the gold event mentions."""
    from storyline.eval.cat import run_storyline_groups
    from storyline.eval.meantime import predictions
    from storyline.nlp.pipeline import load_model
    from storyline.settings import Settings
    from storyline.story.merge import cluster_claims, coreference

    problems: list[str] = []
    docs = read_ecb(folder, problems)
    if not docs:
        return {}, problems
    topics: dict[str, list[int]] = {}
    for i, d in enumerate(docs):
        topics.setdefault(d.topic, []).append(i)
    groups = list(topics.values())
    runs = run_storyline_groups([d.doc for d in docs], [None] * len(docs), groups, progress)
    nlp = load_model(Settings().model)
    sides = {s: {"event": _Side(), "entity": _Side()} for s in ("dev", "train")}
    splits = {"dev": Split(), "train": Split()}
    for (topic, group), run in zip(topics.items(), runs, strict=True):
        split = "dev" if topic in DEV_TOPICS else "train"
        splits[split].topics += 1
        splits[split].documents += len(group)
        tdocs = [docs[i] for i in group]
        parsed = list(nlp.pipe(a.content or d.doc.text for a, d in zip(run.articles, tdocs,
                                                                       strict=True)))
        preds = predictions([d.doc for d in tdocs], run)
        inside_of: list[dict] = []
        for d, pred in zip(tdocs, preds, strict=True):
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
                # an unmatched mention is a wrong one of its own; keys stay (str, str) pairs
                # like the gold's, so the scorer can sort them
                own = {k: mapping.get(k, ("storyline", repr(k))) for k in inside}
                for k in inside:
                    side.put(kind, own[k], (topic, pclusters[k]))
                if kind == "event":
                    inside_of.append({own[k]: v for k, v in inside.items()})
        # same-lemma baselines: on the gold mentions and on storyline's own event mentions
        wanted = []
        for d, own in zip(tdocs, inside_of, strict=True):
            ms = [(k, sorted(v, key=int)) for k, v in (*d.events.items(), *d.entities.items())]
            wanted.append(ms + [(("p", k), sorted(v, key=int)) for k, v in own.items()])
        lemmas = head_lemmas([d.doc for d in tdocs], wanted, parsed)
        # gold mentions: storyline's story stage, with its coreference model and without
        claims, key_of = gold_claims(tdocs, run, parsed)
        by_id = {a.id: a for a in run.articles}
        orgs = {e.id for e in run.story.entities if e.type in ("ORG", "OUTLET")}
        coref = coreference(claims, [a for a in run.articles if a.status == "ok"],
                            run.story.entities)
        sub = coref.subtopic if coref is not None else {}
        ev = sides[split]["event"]
        for d, art, own in zip(tdocs, run.articles, inside_of, strict=True):
            for k in d.events:
                lemma = lemmas.get(k, k)
                ev.put("event_baseline", k, (topic, lemma))
                ev.put("event_baseline_subtopic", k, (topic, sub.get(art.id), lemma))
                for name in ("event_gold", "event_gold_rules"):
                    ev.put(name, k, ("unread", k))  # a mention on no token: alone
            for k in own:
                ev.put("event_predicted_baseline", k, (topic, lemmas.get(("p", k), k)))
        for d in tdocs:
            for k in d.entities:
                sides[split]["entity"].put("entity_baseline", k, (topic, lemmas.get(k, k)))
        for name, model in (("event_gold", coref), ("event_gold_rules", None)):
            for n, members in enumerate(cluster_claims(claims, by_id, orgs, model)):
                for c in members:
                    ev.put(name, key_of[c.id], (topic, n))
    for split, by_kind in sides.items():
        for side in by_kind.values():
            key = clusters_of(side.key)
            for name, response in side.responses.items():
                for suffix, single in (("", True), ("_nosingle", False)):
                    splits[split].coref[name + suffix] = score_clusters(
                        key, clusters_of(response), single)
    return splits, problems


def _annotated(d: EcbDoc, tokens: set[str]) -> bool:
    return all(d.doc.token(t).sentence in d.sentences for t in tokens)


def _coref_row(metric: str, sc: CorefScore, b: CorefScore, base: str) -> Row:
    return Row(metric, sc.conll, b.conll, base,
               f"MUC {sc.muc.f1:.3f} B3 {sc.b3.f1:.3f} CEAF-e {sc.ceaf_e.f1:.3f}; baseline "
               f"MUC {b.muc.f1:.3f} B3 {b.b3.f1:.3f} CEAF-e {b.ceaf_e.f1:.3f}")


def rows(splits: dict[str, Split]) -> list[Row]:
    """The yardstick rows: dev topics first, then train topics (which trained the model)."""
    topic = "same lemma same topic, gold mentions, this run"
    own = "same lemma same topic, storyline's mentions, this run"
    subtopic = "same lemma same storyline sub-topic, gold mentions, this run"
    out = []
    for split in ("dev", "train"):
        s = splits.get(split)
        if s is None or not s.topics:
            continue
        c = s.coref
        where = f"{split} ({s.topics} topics, {s.documents} docs)"
        out.append(Row(f"{where}: event trigger F1 (token overlap)", s.events.f1,
                       note=s.events.note()))
        for suffix, label in (("", ""), ("_nosingle", ", no singletons")):
            out.append(_coref_row(f"{where}: event coreference CoNLL F1, gold mentions{label}",
                                  c["event_gold" + suffix], c["event_baseline" + suffix], topic))
        out.append(_coref_row(f"{where}: event coreference CoNLL F1, gold mentions, rules alone",
                              c["event_gold_rules"], c["event_baseline"], topic))
        out.append(_coref_row(f"{where}: event coreference CoNLL F1, gold mentions, against "
                              "sub-topic lemmas", c["event_gold"], c["event_baseline_subtopic"],
                              subtopic))
        for suffix, label in (("", ""), ("_nosingle", ", no singletons")):
            out.append(_coref_row(f"{where}: event coreference CoNLL F1{label}",
                                  c["event" + suffix], c["event_predicted_baseline" + suffix],
                                  own))
        for suffix, label in (("", ""), ("_nosingle", ", no singletons")):
            out.append(_coref_row(f"{where}: entity coreference CoNLL F1{label}",
                                  c["entity" + suffix], c["entity_baseline" + suffix], topic))
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
