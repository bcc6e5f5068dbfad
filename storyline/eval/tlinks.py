"""Event-time anchoring measured on TimeML TLINKs (TimeBank): given the gold events and gold
time expressions, how well storyline's anchoring step (storyline/nlp/time/anchoring.py) finds
(i) each event's relation to the document creation time (DCT) and (ii) the time expression
an event is linked to, beside baselines computed in the same run.

Relations are scored in three classes, the TempEval-1 / TempEval-2 task E convention of
collapsing TimeML's relTypes: BEFORE, IBEFORE -> before; AFTER, IAFTER -> after; every
relType that shares time with the DCT (INCLUDES, IS_INCLUDED, DURING, DURING_INV,
SIMULTANEOUS, IDENTITY, BEGINS, BEGUN_BY, ENDS, ENDED_BY) -> overlap. A link from the DCT to
an event is read inverted (DCT AFTER e = e before DCT).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from storyline.eval.timeml import TmlDoc, read_tml
from storyline.eval.yardstick import Report, Row, yardstick
from storyline.model import TimeValue, Timex

CLASS = {
    "BEFORE": "before", "IBEFORE": "before",
    "AFTER": "after", "IAFTER": "after",
    **{r: "overlap" for r in ("INCLUDES", "IS_INCLUDED", "DURING", "DURING_INV", "SIMULTANEOUS",
                              "IDENTITY", "BEGINS", "BEGUN_BY", "ENDS", "ENDED_BY", "OVERLAP")},
}  # fmt: skip
INVERSE = {
    "BEFORE": "AFTER", "AFTER": "BEFORE", "IBEFORE": "IAFTER", "IAFTER": "IBEFORE",
    "INCLUDES": "IS_INCLUDED", "IS_INCLUDED": "INCLUDES", "DURING": "DURING_INV",
    "DURING_INV": "DURING", "BEGINS": "BEGUN_BY", "BEGUN_BY": "BEGINS", "ENDS": "ENDED_BY",
    "ENDED_BY": "ENDS", "SIMULTANEOUS": "SIMULTANEOUS", "IDENTITY": "IDENTITY",
}  # fmt: skip
_UNDATING = frozenset({"DURATION", "SET"})


# ------------------------------------------------------------------------ gold


def gold_dct_relations(doc: TmlDoc) -> dict[str, str]:
    """eid -> class (before/after/overlap) of each event with an event-DCT TLINK (first wins)."""
    out: dict[str, str] = {}
    if doc.dct_tid is None:
        return out
    for link in doc.tlinks:
        if link.source_is_event and not link.target_is_event and link.target == doc.dct_tid:
            rel = link.rel
        elif not link.source_is_event and link.target_is_event and link.source == doc.dct_tid:
            rel = INVERSE.get(link.rel, link.rel)
        else:
            continue
        eid = link.source if link.source_is_event else link.target
        if rel in CLASS and eid not in out:
            out[eid] = CLASS[rel]
    return out


def gold_timex_links(doc: TmlDoc) -> set[tuple[str, str]]:
    """(eid, tid) pairs of the TLINKs between an event and a time expression of <TEXT>."""
    out: set[tuple[str, str]] = set()
    for link in doc.tlinks:
        if link.source_is_event == link.target_is_event:
            continue
        eid, tid = (link.source, link.target) if link.source_is_event else (
            link.target, link.source)
        if tid in doc.tids and tid != doc.dct_tid:
            out.add((eid, tid))
    return out


# ------------------------------------------------------------------- intervals


_VALUE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?|-W(\d\d)|-Q([1-4])|-H([12])|"
                    r"-(SP|SU|FA|WI))?(?:T.*)?$")  # fmt: skip


def value_interval(value: str) -> tuple[date | None, date | None]:
    """The inclusive days a TIMEX3 value covers ("1998-01", "1998-W02", "1998-Q1", "199");
    (None, None) for what is no calendar unit (durations, PAST_REF, XXXX-...)."""
    m = _VALUE.match(value)
    if m is None:
        dec = re.fullmatch(r"(\d{3})|(\d{2})", value)
        if dec and dec.group(1):
            y = int(dec.group(1)) * 10
            return date(y, 1, 1), date(y + 9, 12, 31)
        if dec:
            y = int(dec.group(2)) * 100
            return date(max(y, 1), 1, 1), date(y + 99, 12, 31)
        return None, None
    y = int(m.group(1))
    month, day, week, quarter, half, season = m.group(2, 3, 4, 5, 6, 7)
    try:
        if day:
            d = date(y, int(month), int(day))
            return d, d
        if month:
            lo = date(y, int(month), 1)
            return lo, _month_end(lo)
        if week:
            lo = date.fromisocalendar(y, int(week), 1)
            return lo, lo + timedelta(days=6)
        if quarter:
            lo = date(y, 3 * int(quarter) - 2, 1)
            return lo, _month_end(date(y, 3 * int(quarter), 1))
        if half:
            return date(y, 6 * int(half) - 5, 1), _month_end(date(y, 6 * int(half), 1))
        if season:
            from storyline.nlp.time.normalize import season as season_point

            p = season_point(y, season)
            return p.start, p.end
    except ValueError:
        return None, None
    return date(y, 1, 1), date(y, 12, 31)


def _month_end(d: date) -> date:
    nxt = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def dct_value(doc: TmlDoc) -> TimeValue | None:
    """The DCT as a TimeValue (its day)."""
    if not doc.dct:
        return None
    lo, hi = value_interval(doc.dct[:10])
    return TimeValue(doc.dct[:10], lo, hi) if lo is not None else None


def gold_timexes(doc: TmlDoc) -> tuple[list[Timex], dict[tuple[int, int], str]]:
    """The gold TIMEX3s of <TEXT> as storyline Timexes, and (start, end) -> tid."""
    out, tid_at = [], {}
    for tid, g in doc.tids.items():
        if tid == doc.dct_tid:
            continue
        lo, hi = value_interval(g.value) if g.type in ("DATE", "TIME") else (None, None)
        out.append(Timex("", g.start, g.end, g.text, g.type, g.value, lo, hi))
        tid_at[(g.start, g.end)] = tid
    out.sort(key=lambda t: t.start)
    return out, tid_at


# ------------------------------------------------------------------ predicting


@dataclass
class EventGuess:
    """What one system said about one gold event."""

    eid: str
    relation: str | None  # before / after / overlap, or None (no answer)
    tid: str | None  # the time expression it anchored the event to
    dated: bool  # any date or bound at all


@dataclass
class DocGuesses:
    """Per system name, its guesses for the gold events of one document."""

    name: str
    systems: dict[str, list[EventGuess]] = field(default_factory=dict)


SYSTEMS = ("storyline", "timex_only", "nearest_timex")


def guess_doc(doc: TmlDoc, sdoc) -> DocGuesses:  # noqa: ANN001 - a spaCy Doc of doc.text
    """Anchor every gold event of `doc` with storyline's step, with its time-expression part
    alone (storyline's claim time before the step), and with the nearest-timex baseline."""
    from storyline.nlp.time.anchoring import anchor_event, relation_to_dct

    dct = dct_value(doc)
    timexes, tid_at = gold_timexes(doc)
    out = DocGuesses(doc.name, {s: [] for s in SYSTEMS})
    for ev in doc.events:
        span = sdoc.char_span(ev.start, ev.end, alignment_mode="expand")
        if span is None or not len(span):
            for s in SYSTEMS:
                out.systems[s].append(EventGuess(ev.eid, None, None, False))
            continue
        trigger = span.root
        anchor = anchor_event(trigger, timexes, dct)
        rel = CLASS.get(anchor.relation)
        tid = tid_at.get((anchor.timex.start, anchor.timex.end)) if anchor.timex else None
        out.systems["storyline"].append(EventGuess(ev.eid, rel, tid, anchor.time is not None))
        only = CLASS.get(relation_to_dct(anchor.timex, dct)) if anchor.timex else None
        out.systems["timex_only"].append(EventGuess(ev.eid, only, tid, anchor.timex is not None))
        near = _nearest(trigger, timexes)
        ntid = tid_at.get((near.start, near.end)) if near is not None else None
        out.systems["nearest_timex"].append(EventGuess(ev.eid, None, ntid, near is not None))
    return out


def _nearest(trigger, timexes: list[Timex]) -> Timex | None:  # noqa: ANN001
    """The dating expression of the trigger's sentence nearest it in tokens."""
    sent = trigger.sent
    best = None
    for tx in timexes:
        if tx.type in _UNDATING or not sent.start_char <= tx.start < sent.end_char:
            continue
        span = trigger.doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None:
            continue
        dist = min(abs(t.i - trigger.i) for t in span)
        if best is None or dist < best[0]:
            best = (dist, tx)
    return best[1] if best else None


# --------------------------------------------------------------------- scoring


@dataclass
class TlinkScore:
    """Counts behind the TLINK figures of one system over a set of documents."""

    events: int = 0  # gold events
    dated: int = 0  # events given any date or bound
    dct_gold: int = 0  # events with a gold event-DCT relation
    dct_answered: int = 0
    dct_correct: int = 0
    link_gold: int = 0  # gold event-timex pairs
    link_predicted: int = 0
    link_correct: int = 0
    link_gold_dating: int = 0  # gold pairs whose time is a DATE or TIME (not a duration or set)
    confusion: Counter = field(default_factory=Counter)  # (gold, predicted) -> count

    def table(self) -> dict[str, float]:
        p = self.link_correct / self.link_predicted if self.link_predicted else 0.0
        r = self.link_correct / self.link_gold if self.link_gold else 0.0
        return {
            "dct_accuracy": self.dct_correct / self.dct_gold if self.dct_gold else 0.0,
            "dct_accuracy_answered": (self.dct_correct / self.dct_answered
                                      if self.dct_answered else 0.0),
            "dct_coverage": self.dct_answered / self.dct_gold if self.dct_gold else 0.0,
            "link_p": p,
            "link_r": r,
            "link_f1": 2 * p * r / (p + r) if p + r else 0.0,
            "link_r_dating": (self.link_correct / self.link_gold_dating
                              if self.link_gold_dating else 0.0),
            "dated_share": self.dated / self.events if self.events else 0.0,
        }


def score(golds: Iterable[TmlDoc], guesses: Iterable[DocGuesses]) -> dict[str, TlinkScore]:
    """Per system, its TLINK counts; plus "majority": the most frequent gold DCT class."""
    scores = {s: TlinkScore() for s in SYSTEMS}
    classes: Counter = Counter()
    pairs = list(zip(golds, guesses, strict=True))
    for doc, g in pairs:
        dct_gold = gold_dct_relations(doc)
        links = gold_timex_links(doc)
        classes.update(dct_gold.values())
        for name, guessed in g.systems.items():
            sc = scores[name]
            for ev in guessed:
                sc.events += 1
                sc.dated += ev.dated
                if ev.eid in dct_gold:
                    sc.dct_gold += 1
                    sc.dct_answered += ev.relation is not None
                    sc.dct_correct += ev.relation == dct_gold[ev.eid]
                    sc.confusion[(dct_gold[ev.eid], ev.relation)] += 1
                if ev.tid is not None:
                    sc.link_predicted += 1
                    sc.link_correct += (ev.eid, ev.tid) in links
            sc.link_gold += len(links)
            sc.link_gold_dating += sum(doc.tids[t].type not in _UNDATING for _, t in links)
    majority = TlinkScore()
    if classes:
        top, count = max(classes.items(), key=lambda kv: (kv[1], kv[0]))
        majority.dct_gold = majority.dct_answered = sum(classes.values())
        majority.dct_correct = count
        majority.confusion[("majority", top)] = count
    scores["majority"] = majority
    return scores


def majority_class(scores: dict[str, TlinkScore]) -> str | None:
    """The most frequent gold event-DCT class of the scored run (the baseline's answer)."""
    keys = list(scores["majority"].confusion)
    return keys[0][1] if keys else None


# --------------------------------------------------------------------- running


def read_folder(folder: Path) -> tuple[list[TmlDoc], list[str]]:
    """Every readable .tml file of `folder` with a DCT; the others as problems."""
    docs, problems = [], []
    for f in sorted(folder.glob("*.tml")):
        try:
            doc = read_tml(f)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            problems.append(f"{f.name}: {exc}")
            continue
        if dct_value(doc) is None:
            problems.append(f"{f.name}: no usable DCT")
            continue
        docs.append(doc)
    return docs, problems


def guess_docs(
    docs: list[TmlDoc], nlp, advance: Callable[[int], object] | None = None,  # noqa: ANN001
    problems: list[str] | None = None,
) -> tuple[list[int], list[DocGuesses]]:
    """Parse each document once and guess its links; a document that fails (or has no
    creation time) is reported in `problems` and left out: the indexes of those kept come back
    with their guesses."""
    kept, guesses = [], []
    for i, (doc, sdoc) in enumerate(
        zip(docs, nlp.pipe((d.text for d in docs), batch_size=16), strict=True)
    ):
        try:
            if doc.dct is None:
                raise ValueError("no document creation time")
            guesses.append(guess_doc(doc, sdoc))
            kept.append(i)
        except Exception as exc:  # noqa: BLE001 - one odd file must not stop the run
            if problems is not None:
                problems.append(f"{doc.name}: {type(exc).__name__}: {exc}")
        if advance is not None:
            advance(1)
    return kept, guesses


def run(
    docs: list[TmlDoc], nlp, advance: Callable[[int], object] | None = None,  # noqa: ANN001
    problems: list[str] | None = None,
) -> dict[str, TlinkScore]:
    """Score every system on every document `guess_docs` could read."""
    kept, guesses = guess_docs(docs, nlp, advance, problems)
    return score([docs[i] for i in kept], guesses)


def rows(scores: dict[str, TlinkScore]) -> list[Row]:
    """The yardstick rows: storyline beside the baselines of the same run."""
    s, old, near = (scores[k].table() for k in ("storyline", "timex_only", "nearest_timex"))
    maj = scores["majority"].table()
    sc = scores["storyline"]
    top = majority_class(scores)
    return [
        Row("event-DCT relation accuracy (before/after/overlap)", s["dct_accuracy"],
            maj["dct_accuracy"], f"majority class ({top}), this run",
            f"{sc.dct_gold} gold event-DCT links, {sc.dct_answered} answered"),
        Row("event-DCT accuracy, timex part only (claim time before the step)",
            scores["timex_only"].table()["dct_accuracy"], maj["dct_accuracy"],
            f"majority class ({top}), this run",
            f"{scores['timex_only'].dct_answered} answered"),
        Row("event-timex link precision", s["link_p"], near["link_p"],
            "nearest timex in the sentence, this run",
            f"{sc.link_gold} gold links, {sc.link_predicted} predicted"),
        Row("event-timex link recall", s["link_r"], near["link_r"],
            "nearest timex in the sentence, this run"),
        Row("event-timex link F1", s["link_f1"], near["link_f1"],
            "nearest timex in the sentence, this run"),
        Row("event-timex link recall, DATE/TIME links only", s["link_r_dating"],
            near["link_r_dating"], "nearest timex in the sentence, this run",
            f"{sc.link_gold_dating} gold links to a DATE or TIME"),
        Row("share of gold events dated (any precision)", s["dated_share"],
            old["dated_share"], "timex part only (claim time before the step)",
            f"{sc.events} gold events"),
    ]


@yardstick("tlinks", "timebank")
def tlinks_yardstick(folder: Path) -> Report:
    """TimeBank TLINKs: event-DCT relation and event-timex links from gold events and times."""
    from storyline.nlp.pipeline import load_model
    from storyline.settings import Settings

    report = Report("tlinks", str(folder))
    docs, report.problems = read_folder(folder)
    if not docs:
        report.skipped = f"no readable .tml files in {folder}"
        return report
    report.rows = rows(run(docs, load_model(Settings().model), problems=report.problems))
    return report
