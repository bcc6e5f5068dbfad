"""MEANTIME (NewsReader, CAT XML): storyline run on all documents of a folder as one story,
scored on entity and event mentions, their cross-document coreference, participants, TIMEX3,
and event attributes.

Matching rule everywhere: a storyline mention (an entity mention's span, a claim's trigger
word) is mapped onto the tokens it overlaps; predicted and gold mentions of one document are
paired one-to-one, most shared tokens first, at least one token shared (`cat.match_tokens`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path

from storyline.eval import timeml
from storyline.eval.cat import CatDoc, Run, head_lemmas, match_tokens, read_cat_dir
from storyline.eval.coref import CorefScore, clusters_of, score_clusters
from storyline.eval.yardstick import Counts, Report, Row, yardstick
from storyline.story import intervals as iv

# storyline entity types -> MEANTIME ENTITY ent_type (PER, ORG, LOC, PRO, FIN).
TYPE_MAP = {
    "PERSON": "PER", "ORG": "ORG", "OUTLET": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
    "WORK": "PRO", "PRODUCT": "PRO", "MONEY": "FIN",
}
ENTITY_TYPES = ("PER", "ORG", "LOC", "PRO", "FIN")
# storyline certainty -> MEANTIME (certainty, polarity) of an event mention.
CERTAINTY_MAP = {
    "asserted": ("CERTAIN", "POS"), "reported": ("CERTAIN", "POS"),
    "alleged": ("PROBABLE", "POS"), "speculated": ("POSSIBLE", "POS"),
    "hypothetical": ("POSSIBLE", "POS"), "denied": ("CERTAIN", "NEG"),
    "negated": ("CERTAIN", "NEG"),
}

Key = tuple[str, str]  # (document, m_id) of a gold mention

# MEANTIME annotates every mention only in the title and the first sentences of an article
# (sentences 0-5 here: title, date line, four body sentences); later sentences carry only some
# mentions (those the cross-document and TimeLine annotation needed). Mentions are scored in
# the fully annotated sentences only, for gold and storyline alike, or every correct mention
# storyline finds further down would count as a false alarm.
ANNOTATED_SENTENCES = 6


@dataclass
class Gold:
    """One document's gold, keyed by (document, m_id)."""

    entities: dict[Key, set[str]] = field(default_factory=dict)  # mention -> token ids
    entity_type: dict[Key, str] = field(default_factory=dict)
    entity_instance: dict[Key, Hashable] = field(default_factory=dict)
    events: dict[Key, set[str]] = field(default_factory=dict)
    event_attrs: dict[Key, dict[str, str]] = field(default_factory=dict)
    event_instance: dict[Key, Hashable] = field(default_factory=dict)
    participants: set[tuple[Key, Key]] = field(default_factory=set)  # (event, entity)
    timexes: list[timeml.GoldTimex] = field(default_factory=list)
    dct: str | None = None


def gold_of(doc: CatDoc) -> Gold:
    """The gold annotation of one MEANTIME document."""
    g = Gold()
    n = doc.name
    instances = {}
    for m in doc.markables.values():
        key = (n, m.m_id)
        if m.tag in ("ENTITY_MENTION", "EVENT_MENTION", "TIMEX3") and not annotated(
                doc, m.tokens) and m.attrs.get("functionInDocument") != "CREATION_TIME":
            continue  # the DCT is kept wherever it stands: it dates the article
        if m.tag == "ENTITY_MENTION" and m.tokens:
            g.entities[key] = set(m.tokens)
        elif m.tag == "EVENT_MENTION" and m.tokens:
            g.events[key] = set(m.tokens)
            g.event_attrs[key] = m.attrs
        elif m.tag in ("ENTITY", "EVENT"):
            instances[m.m_id] = m
        elif m.tag == "TIMEX3":
            if m.attrs.get("functionInDocument") == "CREATION_TIME":
                g.dct = m.attrs.get("value") or None
                continue  # given to the system (TempEval scores no DCT)
            toks = [doc.token(t) for t in m.tokens if doc.has(t)]
            if not toks:
                continue
            start, end = min(t.start for t in toks), max(t.end for t in toks)
            g.timexes.append(timeml.GoldTimex(start, end, doc.text[start:end],
                                              m.attrs.get("type", ""), m.attrs.get("value", "")))
    for rel in doc.relations:
        if rel.tag == "REFERS_TO" and rel.targets and rel.targets[0] in instances:
            inst = instances[rel.targets[0]]
            ident = inst.attrs.get("instance_id") or (n, inst.m_id)
            for s in rel.sources:
                if (n, s) in g.entities:
                    g.entity_instance[(n, s)] = ident
                    if inst.attrs.get("ent_type"):
                        g.entity_type[(n, s)] = inst.attrs["ent_type"]
                elif (n, s) in g.events:
                    g.event_instance[(n, s)] = ident
        elif rel.tag == "HAS_PARTICIPANT":
            for s in rel.sources:
                for t in rel.targets:
                    if (n, s) in g.events and (n, t) in g.entities:
                        g.participants.add(((n, s), (n, t)))
    return g


def annotated(doc: CatDoc, tokens: list[str] | set[str]) -> bool:
    """Whether a mention on these tokens lies in the fully annotated sentences."""
    sentence = doc.sentence_of(tokens)
    return sentence is not None and sentence < ANNOTATED_SENTENCES


@dataclass
class Prediction:
    """storyline's mentions of one document on its tokens."""

    entities: dict[Hashable, set[str]] = field(default_factory=dict)
    entity_type: dict[Hashable, str] = field(default_factory=dict)  # MEANTIME type or ""
    entity_cluster: dict[Hashable, str] = field(default_factory=dict)  # story entity id
    events: dict[Hashable, set[str]] = field(default_factory=dict)  # claim id -> tokens
    event_cluster: dict[Hashable, str] = field(default_factory=dict)  # story event id
    certainty: dict[Hashable, str] = field(default_factory=dict)
    future: dict[Hashable, bool] = field(default_factory=dict)
    dated: dict[Hashable, bool] = field(default_factory=dict)
    bounded: dict[Hashable, bool] = field(default_factory=dict)  # no date, a before/after bound
    participants: set[tuple[Hashable, Hashable]] = field(default_factory=set)
    timexes: list[timeml.GoldTimex] = field(default_factory=list)


def predictions(
    docs: list[CatDoc], run: Run,
    scored: Callable[[CatDoc, set[str]], bool] = lambda doc, tokens: True,
) -> list[Prediction]:
    """storyline's output on each document, its character spans turned into token ids; only
    mentions on tokens `scored` accepts (MEANTIME: its fully annotated sentences)."""
    from storyline.nlp.time.tagger import timeml_form

    preds = [Prediction() for _ in docs]
    index = {a.id: i for i, a in enumerate(run.articles)}
    types = {e.id: TYPE_MAP.get(e.type, "") for e in run.story.entities}
    mentions_of: dict[tuple[int, str], list[Hashable]] = {}
    for e in run.story.entities:
        for m in e.mentions:
            i = index.get(m.article)
            if i is None:
                continue
            key = (docs[i].name, "e", m.start, m.end)
            toks = docs[i].tokens_in(m.start, m.end)
            if not toks or key in preds[i].entities or not scored(docs[i], toks):
                continue
            p = preds[i]
            p.entities[key], p.entity_type[key], p.entity_cluster[key] = toks, types[e.id], e.id
            mentions_of.setdefault((i, e.id), []).append(key)
    event_of = {c: ev.id for ev in run.story.events for c in ev.claims}
    dated = {ev.id: iv.real_time(ev.time) is not None for ev in run.story.events}
    bounded = {ev.id: iv.only_bound(ev.time) for ev in run.story.events}
    for i, (art, analysis) in enumerate(zip(run.articles, run.analyses, strict=True)):
        if analysis is None:
            continue
        p, seen = preds[i], set()
        dct = art.published.earliest if art.published else None
        for c in analysis.claims:
            if c.trigger is None or c.trigger in seen or c.id not in event_of:
                continue  # no trigger word (a denial restating earlier claims), or a copy
            seen.add(c.trigger)
            toks = docs[i].tokens_in(*c.trigger)
            if not toks or not scored(docs[i], toks):
                continue
            p.events[c.id] = toks
            p.event_cluster[c.id] = event_of[c.id]
            p.certainty[c.id] = c.mention.certainty
            start = c.time.earliest if c.time else None
            p.future[c.id] = bool(start and dct and start > dct)
            p.dated[c.id] = dated[event_of[c.id]]
            p.bounded[c.id] = bounded[event_of[c.id]]
            filled = {r.entity: r.span for r in c.roles if r.span is not None}
            for ent in c.participants:
                near = [k for k in mentions_of.get((i, ent), [])
                        if c.mention.start <= k[2] < c.mention.end]
                # the mention the parse found in a role ("Jobs ... announced that he": Jobs),
                # else the entity's mention nearest the trigger
                span = filled.get(ent)
                named = [k for k in near if span and k[2] < span[1] and span[0] < k[3]]
                if named or near:
                    best = min(named or near, key=lambda k: abs(k[2] - c.trigger[0]))
                    p.participants.add((c.id, best))
            # MEANTIME's participants include where it happened (Argm-LOC): the first entity
            # mention in the claim's place phrase ("filed in California", "held at X in Y")
            where = _place_span(c.mention.start, c.mention.text, c.place, c.trigger[0])
            inside = sorted(k for k in p.entities if where and where[0] <= k[2] < where[1])
            if inside:
                p.participants.add((c.id, inside[0]))
        for t in run.story.timexes:
            if t.article == art.id and scored(docs[i], docs[i].tokens_in(t.start, t.end)):
                t = timeml_form(t)
                p.timexes.append(timeml.GoldTimex(t.start, t.end, t.text, t.type, t.value))
    return preds


def _place_span(start: int, text: str, place: str | None, trigger: int) -> tuple[int, int] | None:
    """The characters of a claim's place phrase in its article: its occurrence in the claim's
    sentence (which starts at `start`) nearest the trigger."""
    if not place:
        return None
    found, k = [], text.find(place)
    while k >= 0:
        found.append(start + k)
        k = text.find(place, k + 1)
    if not found:
        return None
    at = min(found, key=lambda f: abs(f - trigger))
    return at, at + len(place)


@dataclass
class Scores:
    """Every MEANTIME figure of one run."""

    entities: Counts = field(default_factory=Counts)
    entities_by_type: dict[str, Counts] = field(default_factory=dict)
    events: Counts = field(default_factory=Counts)
    participants: Counts = field(default_factory=Counts)
    participants_exact: Counts = field(default_factory=Counts)  # the linked mention itself
    entity_coref: CorefScore | None = None
    entity_coref_baseline: CorefScore | None = None
    event_coref: CorefScore | None = None
    event_coref_baseline: CorefScore | None = None
    timex: timeml.Score = field(default_factory=timeml.Score)
    # attribute: (storyline correct, majority-class correct, scored); on matched events
    attributes: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    majority: dict[str, str] = field(default_factory=dict)
    dated: tuple[int, int] = (0, 0)  # matched storyline events carrying a date, matched
    bounded: int = 0  # of those matched, carrying no date but a bound from the article date
    documents: int = 0


def score(docs: list[CatDoc], golds: list[Gold], preds: list[Prediction],
          baseline: bool = True) -> Scores:
    """Score storyline's predictions against the gold of each document."""
    s = Scores(documents=len(docs))
    s.entities_by_type = {t: Counts() for t in ENTITY_TYPES}
    ent_key, ent_resp, ev_key, ev_resp = {}, {}, {}, {}
    attr_pairs: dict[str, list[tuple[str, str]]] = {"certainty": [], "polarity": [], "time": []}
    dated = matched_events = bounded = 0
    for g, p in zip(golds, preds, strict=True):
        emap = match_tokens(g.entities, p.entities)
        s.entities.add(len(emap), len(p.entities), len(g.entities))
        for t, c in s.entities_by_type.items():
            gt = {k: v for k, v in g.entities.items() if g.entity_type.get(k) == t}
            pt = {k: v for k, v in p.entities.items() if p.entity_type.get(k) == t}
            c.add(len(match_tokens(gt, pt)), len(pt), len(gt))
        vmap = match_tokens(g.events, p.events)
        s.events.add(len(vmap), len(p.events), len(g.events))
        for k in g.entities:
            ent_key[k] = g.entity_instance.get(k, ("single",) + k)
        for k, c in p.entity_cluster.items():
            ent_resp[emap.get(k, k)] = c
        for k in g.events:
            ev_key[k] = g.event_instance.get(k, ("single",) + k)
        for k, c in p.event_cluster.items():
            ev_resp[vmap.get(k, k)] = c
        # participants: the claim's gold event has, among its participants, the entity
        # mention matched to storyline's (one-to-one), or one that contains it or lies in it
        # as a mention of the same entity (gold links "company CEO Steve Jobs" and also has
        # the nested mention "Steve Jobs", which storyline's "Steve Jobs" is matched to)
        exact, hit, used, seen = 0, 0, set(), set()
        for claim, ent in sorted(p.participants, key=str):
            ev, gm = vmap.get(claim), emap.get(ent)
            if (ev, gm) in g.participants and (ev, gm) not in seen:
                seen.add((ev, gm))
                exact += 1
            pair = (ev, gm) if (ev, gm) in g.participants else next(
                (pr for pr in sorted(g.participants) if pr[0] == ev and gm is not None
                 and pr not in used and _nested(g, pr[1], gm)), None)
            if pair is not None and pair not in used:
                used.add(pair)
                hit += 1
        s.participants.add(hit, len(p.participants), len(g.participants))
        s.participants_exact.add(exact, len(p.participants), len(g.participants))
        timeml.score_pairs(timeml.match(g.timexes, p.timexes), s.timex)
        for claim, gk in vmap.items():
            attrs = g.event_attrs[gk]
            cert, pol = CERTAINTY_MAP.get(p.certainty[claim], ("CERTAIN", "POS"))
            fut = "FUTURE" if p.future[claim] else "NON_FUTURE"
            for name, guess in (("certainty", cert), ("polarity", pol), ("time", fut)):
                if attrs.get(name) not in (None, "", "UNDERSPECIFIED"):
                    attr_pairs[name].append((attrs[name], guess))
            matched_events += 1
            dated += p.dated[claim]
            bounded += p.bounded.get(claim, False)
    s.dated, s.bounded = (dated, matched_events), bounded
    for name, pairs in attr_pairs.items():
        counts = Counter(gl for gl, _ in pairs)
        major = counts.most_common(1)[0][0] if counts else ""
        s.majority[name] = major
        s.attributes[name] = (sum(gl == gu for gl, gu in pairs), counts[major], len(pairs))
    s.entity_coref = score_clusters(clusters_of(ent_key), clusters_of(ent_resp))
    s.event_coref = score_clusters(clusters_of(ev_key), clusters_of(ev_resp))
    if baseline:
        s.entity_coref_baseline = score_clusters(
            clusters_of(ent_key), clusters_of(_lemma_clusters(docs, [g.entities for g in golds])))
        s.event_coref_baseline = score_clusters(
            clusters_of(ev_key), clusters_of(_lemma_clusters(docs, [g.events for g in golds])))
    return s


def _nested(g: Gold, a: Key, b: Key) -> bool:
    """Two gold mentions of one entity, one inside the other (an apposition and its name)."""
    inst = g.entity_instance.get(a)
    return inst is not None and inst == g.entity_instance.get(b) and (
        g.entities[a] <= g.entities[b] or g.entities[b] <= g.entities[a])


def _lemma_clusters(docs: list[CatDoc], mentions: list[dict[Key, set[str]]]) -> dict:
    """The same-head-lemma baseline on the gold mentions: one cluster per head lemma, across
    all documents (spaCy's lemma of the mention's syntactic head)."""
    lemmas = head_lemmas(docs, [[(k, sorted(v, key=int)) for k, v in m.items()] for m in mentions])
    return {k: lemmas.get(k, k) for m in mentions for k in m}


def run_corpus(folder: Path, problems: list[str],
               progress: Callable[[int], None] | None = None) -> tuple[list, list, object, list]:
    """Read every CAT file under FOLDER (malformed ones into `problems`), run storyline on them
    as one story: (docs, golds, the run, predictions); the eval and bench/ scripts share it."""
    from storyline.eval.cat import run_storyline

    docs = read_cat_dir(folder, problems)
    golds = [gold_of(d) for d in docs]
    if not docs:
        return docs, golds, None, []
    run = run_storyline(docs, [g.dct[:10] if g.dct else None for g in golds], progress)
    return docs, golds, run, predictions(docs, run, annotated)


def evaluate(folder: Path, progress: Callable[[int], None] | None = None,
             baseline: bool = True) -> tuple[Scores, list[str]]:
    """Read every CAT file under FOLDER, run storyline on them as one story and score it;
    returns the scores and the malformed files skipped."""
    problems: list[str] = []
    docs, golds, _, preds = run_corpus(folder, problems, progress)
    if not docs:
        return Scores(), problems
    return score(docs, golds, preds, baseline), problems


def _coref_note(c: CorefScore) -> str:
    return (f"MUC {c.muc.f1:.3f}, B3 {c.b3.f1:.3f}, CEAF-e {c.ceaf_e.f1:.3f}; "
            f"{c.key_mentions} gold / {c.response_mentions} predicted mentions")


def rows(s: Scores) -> list[Row]:
    """The yardstick rows of one MEANTIME run."""
    base = "same-head-lemma baseline on gold mentions, this run"
    out = [
        Row("entity mention F1 (token overlap)", s.entities.f1, note=s.entities.note()),
    ]
    for t, c in s.entities_by_type.items():
        out.append(Row(f"entity mention F1, {t}", c.f1, note=c.note()))
    if s.entity_coref:
        b = s.entity_coref_baseline
        out.append(Row("cross-doc entity coreference CoNLL F1", s.entity_coref.conll,
                       b.conll if b else None, base if b else "", _coref_note(s.entity_coref)))
    out.append(Row("event trigger F1 (token overlap)", s.events.f1, note=s.events.note()))
    if s.event_coref:
        b = s.event_coref_baseline
        out.append(Row("cross-doc event coreference CoNLL F1", s.event_coref.conll,
                       b.conll if b else None, base if b else "", _coref_note(s.event_coref)))
    out.append(Row("participant (HAS_PARTICIPANT) F1", s.participants.f1,
                   note=s.participants.note()))
    out.append(Row("participant F1, the linked gold mention only", s.participants_exact.f1,
                   note=s.participants_exact.note()))
    t = s.timex.table()
    out += [
        Row("TIMEX3 strict extent F1", t["strict_f1"], note=f"{s.timex.gold} gold"),
        Row("TIMEX3 relaxed extent F1", t["relaxed_f1"]),
        Row("TIMEX3 value F1", t["value_f1"]),
        Row("TIMEX3 type accuracy", t["type_accuracy"]),
    ]
    for name, (ok, major, n) in s.attributes.items():
        out.append(Row(f"event {name} accuracy (matched events)", ok / n if n else None,
                       major / n if n else None, f"majority class {s.majority[name]}",
                       f"{n} events"))
    d, n = s.dated
    out.append(Row("matched events carrying a date", d / n if n else None, note=f"{d} of {n}"))
    b = d + s.bounded  # a bound: "before 2024-06-04" from the tense and the article's date
    out.append(Row("matched events carrying a date or a bound", b / n if n else None,
                   note=f"{b} of {n}"))
    return out


@yardstick("meantime", "meantime-apple")
def meantime_yardstick(folder: Path) -> Report:
    """MEANTIME over every CAT file under FOLDER, as one story."""
    report = Report("meantime", str(folder))
    s, report.problems = evaluate(folder)
    if not s.documents:
        report.skipped = f"no readable CAT XML files under {folder}"
        return report
    report.rows = rows(s)
    return report
