"""Event-time anchoring on MEANTIME (CAT XML), the second yardstick beside TimeBank's: the
gold events' `time` attribute (FUTURE / NON_FUTURE) and the gold TLINKs (event-DCT and
event-timex), from storyline's anchoring step run on the gold event and time mentions.

A CAT document is turned into the TimeML reading of storyline/eval/tlinks.py (plain text,
events, TIMEX3s, TLINKs), so both corpora are scored by the same code. An event anchored
AFTER the article's date is FUTURE, anything else NON_FUTURE (MEANTIME's own split).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from storyline.eval.cat import CatDoc, read_cat_dir
from storyline.eval.timeml import GoldEvent, GoldTimex, GoldTlink, TmlDoc
from storyline.eval.tlinks import DocGuesses, TlinkScore, guess_docs, rows, score
from storyline.eval.yardstick import Report, Row, yardstick


def to_tml(doc: CatDoc) -> TmlDoc:
    """The TimeML reading of a CAT document: its text, events, times and TLINKs."""
    known = {t.t_id for t in doc.tokens}

    def span(m) -> tuple[int, int] | None:  # noqa: ANN001
        toks = [doc.token(t) for t in m.tokens if t in known]
        if not toks:
            return None
        return min(t.start for t in toks), max(t.end for t in toks)

    dct_tid, dct = None, None
    tids: dict[str, GoldTimex] = {}
    events: list[GoldEvent] = []
    for m in doc.markables.values():
        if m.tag == "TIMEX3":
            if m.attrs.get("functionInDocument") == "CREATION_TIME":
                dct_tid, dct = m.m_id, m.attrs.get("value") or None
                continue
            sp = span(m)
            if sp is not None:
                tids[m.m_id] = GoldTimex(sp[0], sp[1], doc.text[sp[0]:sp[1]],
                                         m.attrs.get("type", ""), m.attrs.get("value", ""))
        elif m.tag == "EVENT_MENTION":
            sp = span(m)
            if sp is not None:
                events.append(GoldEvent(m.m_id, sp[0], sp[1], doc.text[sp[0]:sp[1]],
                                        tense=m.attrs.get("tense", ""),
                                        aspect=m.attrs.get("aspect", ""),
                                        pos=m.attrs.get("pos", "")))
    is_event = {e.eid for e in events}
    is_time = set(tids) | ({dct_tid} if dct_tid else set())
    links = []
    for r in doc.relations:
        if r.tag != "TLINK" or len(r.sources) != 1 or len(r.targets) != 1:
            continue
        s, t = r.sources[0], r.targets[0]
        if (s in is_event or s in is_time) and (t in is_event or t in is_time):
            links.append(GoldTlink(r.attrs.get("r_id", ""), r.attrs.get("reltype", ""),
                                   s, s in is_event, t, t in is_event))
    timexes = sorted(tids.values(), key=lambda g: g.start)
    return TmlDoc(doc.name, dct, doc.text, timexes, sorted(events, key=lambda e: e.start),
                  links, dct_tid, tids)


def gold_future(doc: CatDoc) -> dict[str, str]:
    """m_id -> FUTURE / NON_FUTURE for every event mention that has one."""
    return {m.m_id: m.attrs["time"] for m in doc.markables.values()
            if m.tag == "EVENT_MENTION" and m.attrs.get("time") in ("FUTURE", "NON_FUTURE")}


@dataclass
class FutureScore:
    """The time attribute: storyline's and the majority class's hits over the gold labels."""

    gold: int = 0
    correct: int = 0
    majority: str = ""
    majority_correct: int = 0


def score_future(cats: list[CatDoc], guesses: list[DocGuesses]) -> FutureScore:
    """FUTURE when storyline anchors the event after the article's date, else NON_FUTURE."""
    out = FutureScore()
    labels: Counter = Counter()
    for cat, g in zip(cats, guesses, strict=True):
        gold = gold_future(cat)
        for ev in g.systems["storyline"]:
            if ev.eid not in gold:
                continue
            guess = "FUTURE" if ev.relation == "after" else "NON_FUTURE"
            out.gold += 1
            out.correct += guess == gold[ev.eid]
            labels[gold[ev.eid]] += 1
    if labels:
        out.majority, out.majority_correct = max(labels.items(), key=lambda kv: (kv[1], kv[0]))
    return out


def run(
    cats: list[CatDoc], nlp, advance: Callable[[int], object] | None = None,  # noqa: ANN001
    problems: list[str] | None = None,
) -> tuple[dict[str, TlinkScore], FutureScore]:
    """Anchor every gold event of every document; score TLINKs and the time attribute."""
    tmls = [to_tml(c) for c in cats]
    kept, guesses = guess_docs(tmls, nlp, advance, problems)
    return score([tmls[i] for i in kept], guesses), score_future([cats[i] for i in kept], guesses)


def future_row(fut: FutureScore) -> Row:
    return Row("event time attribute accuracy (FUTURE / NON_FUTURE)",
               fut.correct / fut.gold if fut.gold else 0.0,
               fut.majority_correct / fut.gold if fut.gold else 0.0,
               f"majority class ({fut.majority}), this run", f"{fut.gold} gold events")


@yardstick("meantime-tlinks", "meantime-apple")
def meantime_tlinks_yardstick(folder: Path) -> Report:
    """MEANTIME: the time attribute and the TLINKs of gold events, as on TimeBank."""
    from storyline.nlp.pipeline import load_model
    from storyline.settings import Settings

    report = Report("meantime-tlinks", str(folder))
    cats = read_cat_dir(folder, report.problems)
    if not cats:
        report.skipped = f"no readable CAT .xml files in {folder}"
        return report
    scores, fut = run(cats, load_model(Settings().model), problems=report.problems)
    report.rows = [future_row(fut), *rows(scores)]
    return report
