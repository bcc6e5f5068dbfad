"""TimeML (TempEval-3 Task A) reading, writing and scoring of TIMEX3 time expressions.

Offsets are character offsets into the plain text of `<TEXT>` (tags removed, XML entities
decoded), so gold and predicted files are compared on the same text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storyline.eval.yardstick import Report, Row, yardstick

_TEXT_RE = re.compile(r"(<TEXT>)(.*?)(</TEXT>)", re.S)
_DCT_RE = re.compile(r"<DCT>.*?value=\"([^\"]+)\"", re.S)
_TAG_RE = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>|&[#\w]+;")
_ATTR_RE = re.compile(r"(\w+)=\"([^\"]*)\"")
_TIMEX_TAG_RE = re.compile(r"</?TIMEX3\b[^>]*>")


@dataclass
class GoldTimex:
    """One TIMEX3 of a TimeML file, with offsets into the plain text of <TEXT>."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class GoldEvent:
    """One EVENT of <TEXT> (plain-text offsets) with its first MAKEINSTANCE's attributes."""

    eid: str
    start: int
    end: int
    text: str
    cls: str = ""  # OCCURRENCE, REPORTING, STATE, I_ACTION, ...
    eiids: list[str] = field(default_factory=list)
    tense: str = ""  # PAST, PRESENT, FUTURE, NONE, ... (from MAKEINSTANCE)
    aspect: str = ""
    pos: str = ""


@dataclass
class GoldTlink:
    """One TLINK, read as source relType target; ids are eids (events) or tids (times)."""

    lid: str
    rel: str
    source: str
    source_is_event: bool
    target: str
    target_is_event: bool


@dataclass
class TmlDoc:
    """A TimeML document: its creation time, the plain text of <TEXT>, its TIMEX3s, and its
    EVENTs and TLINKs (event instances resolved to their event ids)."""

    name: str
    dct: str | None
    text: str
    timexes: list[GoldTimex] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)
    tlinks: list[GoldTlink] = field(default_factory=list)
    dct_tid: str | None = None
    tids: dict[str, GoldTimex] = field(default_factory=dict)  # tid -> its TIMEX3 in <TEXT>


Element = tuple[int, int, str, dict[str, str], int, int]  # plain start/end, name, attrs, raw


def _plain(inner: str) -> tuple[str, list[int], list[Element]]:
    """Strip tags and decode entities: text, plain->raw offset map, and the elements with
    their plain span and the raw start of their opening tag / end of their closing tag."""
    out: list[str] = []
    raw_at: list[int] = []
    elements: list[Element] = []
    stack: list[tuple[str, int, dict[str, str], int]] = []
    pos = 0
    for m in _TAG_RE.finditer(inner):
        for i in range(pos, m.start()):
            out.append(inner[i])
            raw_at.append(i)
        pos = m.end()
        token = m.group(0)
        if token.startswith("&"):
            for ch in html.unescape(token):
                out.append(ch)
                raw_at.append(m.start())
            continue
        closing, name, attrs, selfclosing = m.group(1), m.group(2), m.group(3), m.group(4)
        if closing:
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == name:
                    _, begin, a, raw_open = stack.pop(k)
                    elements.append((begin, len(out), name, a, raw_open, m.end()))
                    break
        elif selfclosing:
            a = dict(_ATTR_RE.findall(attrs))
            elements.append((len(out), len(out), name, a, m.start(), m.end()))
        else:
            stack.append((name, len(out), dict(_ATTR_RE.findall(attrs)), m.start()))
    for i in range(pos, len(inner)):
        out.append(inner[i])
        raw_at.append(i)
    raw_at.append(len(inner))
    return "".join(out), raw_at, elements


def read_tml(path: Path | str) -> TmlDoc:
    """Read a TimeML file: DCT value, plain <TEXT> and its gold TIMEX3s."""
    path = Path(path)
    source = path.read_text(encoding="utf-8")
    return parse_tml(source, path.name)


def parse_tml(source: str, name: str = "") -> TmlDoc:
    """Parse TimeML source text (see `read_tml`)."""
    dct_m = _DCT_RE.search(source)
    text_m = _TEXT_RE.search(source)
    inner = text_m.group(2) if text_m else ""
    text, _, elements = _plain(inner)
    timexes = [
        GoldTimex(s, e, text[s:e], a.get("type", ""), a.get("value", ""))
        for s, e, tag, a, _, _ in elements
        if tag == "TIMEX3"
    ]
    tids = {a["tid"]: GoldTimex(s, e, text[s:e], a.get("type", ""), a.get("value", ""))
            for s, e, tag, a, _, _ in elements if tag == "TIMEX3" and "tid" in a}
    timexes.sort(key=lambda t: t.start)
    doc = TmlDoc(name, dct_m.group(1) if dct_m else None, text, timexes, tids=tids)
    _read_links(source, text, elements, doc)
    return doc


_DCT_TID_RE = re.compile(r"<DCT>\s*<TIMEX3\b[^>]*?tid=\"([^\"]+)\"", re.S)
_INSTANCE_RE = re.compile(r"<MAKEINSTANCE\b([^>]*)>")
_TLINK_RE = re.compile(r"<TLINK\b([^>]*)>")


def _read_links(source: str, text: str, elements: list[Element], doc: TmlDoc) -> None:
    """EVENTs of <TEXT>, their MAKEINSTANCEs and the TLINKs between events and times."""
    tid_m = _DCT_TID_RE.search(source)
    doc.dct_tid = tid_m.group(1) if tid_m else None
    by_eid: dict[str, GoldEvent] = {}
    for s, e, tag, a, _, _ in elements:
        if tag == "EVENT" and "eid" in a:
            by_eid[a["eid"]] = GoldEvent(a["eid"], s, e, text[s:e], a.get("class", ""))
    eid_of: dict[str, str] = {}
    for m in _INSTANCE_RE.finditer(source):
        a = dict(_ATTR_RE.findall(m.group(1)))
        ev = by_eid.get(a.get("eventID", ""))
        if ev is None or "eiid" not in a:
            continue
        eid_of[a["eiid"]] = ev.eid
        if not ev.eiids:
            ev.tense, ev.aspect, ev.pos = a.get("tense", ""), a.get("aspect", ""), a.get("pos", "")
        ev.eiids.append(a["eiid"])
    doc.events = sorted(by_eid.values(), key=lambda ev: ev.start)
    for m in _TLINK_RE.finditer(source):
        a = dict(_ATTR_RE.findall(m.group(1)))
        src = _link_end(a, "eventInstanceID", "timeID", eid_of)
        dst = _link_end(a, "relatedToEventInstance", "relatedToTime", eid_of)
        if src is None or dst is None or "relType" not in a:
            continue
        doc.tlinks.append(GoldTlink(a.get("lid", ""), a["relType"], *src, *dst))


def _link_end(
    a: dict[str, str], event_key: str, time_key: str, eid_of: dict[str, str]
) -> tuple[str, bool] | None:
    if event_key in a:
        eid = eid_of.get(a[event_key])
        return (eid, True) if eid is not None else None
    if time_key in a:
        return a[time_key], False
    return None


def annotate_tml(source: str, found: list[tuple[int, int, str, str]]) -> str:
    """Replace the TIMEX3 tags inside <TEXT> with `found` (start, end, type, value) spans.

    Offsets are into the plain text as `parse_tml` gives it; a span that would cross another
    element's boundary (which would break the XML) is left out. Everything else is unchanged.
    """
    text_m = _TEXT_RE.search(source)
    if not text_m:
        return source
    inner = _TIMEX_TAG_RE.sub("", text_m.group(2))
    text, raw_at, elements = _plain(inner)
    spans = sorted(found)
    inserts: list[tuple[int, int, str]] = []  # raw position, order, tag
    last_end, n = -1, 0
    for s, e, typ, value in spans:
        if s < last_end or s >= e or e > len(text):
            continue
        if any((a < s < b < e) or (s < a < e < b) for a, b, *_ in elements if a < b):
            continue  # would cross another element's boundary
        n += 1
        last_end = e
        open_at = raw_at[s]
        close_at = _after(inner, raw_at[e - 1])
        for a, b, _, _, raw_open, raw_close in elements:
            if a == s and s < b <= e:
                open_at = min(open_at, raw_open)  # an element inside ours starts here
            if b == e and s <= a < e:
                close_at = max(close_at, raw_close)  # ... or ends here
        open_tag = f'<TIMEX3 tid="t{n}" type="{typ}" value="{html.escape(value)}">'
        inserts.append((open_at, 1, open_tag))
        inserts.append((close_at, 0, "</TIMEX3>"))
    pieces = []
    pos = 0
    for at, _, tag in sorted(inserts, key=lambda x: (x[0], x[1])):
        pieces.append(inner[pos:at])
        pieces.append(tag)
        pos = at
    pieces.append(inner[pos:])
    new_inner = "".join(pieces)
    return source[: text_m.start(2)] + new_inner + source[text_m.end(2) :]


def _after(inner: str, raw: int) -> int:
    """Raw position just past the character (or entity) at `raw`."""
    return inner.index(";", raw) + 1 if inner[raw] == "&" else raw + 1


# ----------------------------------------------------------------------- scoring


@dataclass
class Score:
    """TempEval-3 Task A figures over a set of documents."""

    gold: int = 0
    predicted: int = 0
    strict: int = 0  # exact-extent matches
    relaxed: int = 0  # overlapping matches (one-to-one)
    type_ok: int = 0  # relaxed matches with the same type
    value_ok: int = 0  # relaxed matches with the same value
    documents: int = 0

    @staticmethod
    def _f(hit: int, pred: int, gold: int) -> tuple[float, float, float]:
        p = hit / pred if pred else 0.0
        r = hit / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def table(self) -> dict[str, float]:
        """P/R/F1 for strict and relaxed extent, type and value accuracy, type/value F1."""
        sp, sr, sf = self._f(self.strict, self.predicted, self.gold)
        rp, rr, rf = self._f(self.relaxed, self.predicted, self.gold)
        _, _, tf = self._f(self.type_ok, self.predicted, self.gold)
        vp, vr, vf = self._f(self.value_ok, self.predicted, self.gold)
        return {
            "strict_p": sp,
            "strict_r": sr,
            "strict_f1": sf,
            "relaxed_p": rp,
            "relaxed_r": rr,
            "relaxed_f1": rf,
            "type_accuracy": self.type_ok / self.relaxed if self.relaxed else 0.0,
            "type_f1": tf,
            "value_accuracy": self.value_ok / self.relaxed if self.relaxed else 0.0,
            "value_p": vp,
            "value_r": vr,
            "value_f1": vf,
        }


@dataclass
class Pair:
    """A gold expression and the predicted one matched to it (either may be None)."""

    gold: GoldTimex | None
    pred: GoldTimex | None


def match(gold: list[GoldTimex], pred: list[GoldTimex]) -> list[Pair]:
    """Pair gold and predicted spans one-to-one, exact matches first, then by overlap."""
    pairs: list[Pair] = []
    used: set[int] = set()
    by_span = {(p.start, p.end): i for i, p in enumerate(pred)}
    left = []
    for g in gold:
        i = by_span.get((g.start, g.end))
        if i is not None and i not in used:
            used.add(i)
            pairs.append(Pair(g, pred[i]))
        else:
            left.append(g)
    for g in left:
        best, best_overlap = None, 0
        for i, p in enumerate(pred):
            if i in used:
                continue
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is None:
            pairs.append(Pair(g, None))
        else:
            used.add(best)
            pairs.append(Pair(g, pred[best]))
    pairs.extend(Pair(None, p) for i, p in enumerate(pred) if i not in used)
    return pairs


def score_pairs(pairs: list[Pair], score: Score | None = None) -> Score:
    """Add one document's pairs to a Score."""
    score = score or Score()
    score.documents += 1
    for pair in pairs:
        g, p = pair.gold, pair.pred
        score.gold += g is not None
        score.predicted += p is not None
        if g is None or p is None:
            continue
        score.relaxed += 1
        score.strict += (g.start, g.end) == (p.start, p.end)
        score.type_ok += g.type == p.type
        score.value_ok += g.value == p.value
    return score


# ----------------------------------------------------------------------- running


def tag_tml(source: str, nlp) -> str:  # noqa: ANN001
    """TempEval-3 Task A on one TimeML file: our own TIMEX3 tags in place of any in <TEXT>."""
    return next(tag_tml_all([source], nlp))


def tag_tml_all(sources: Iterable[str], nlp, batch_size: int = 16) -> Iterator[str]:  # noqa: ANN001
    """`tag_tml` over many files, parsing them with spaCy in batches."""
    sources = list(sources)
    docs = [parse_tml(s) for s in sources]
    for source, pred in zip(sources, predict(docs, nlp, batch_size), strict=True):
        yield annotate_tml(source, [(t.start, t.end, t.type, t.value) for t in pred])


def predict(docs: list[TmlDoc], nlp, batch_size: int = 16) -> list[list[GoldTimex]]:  # noqa: ANN001
    """Our tagger's TIMEX3s for parsed TimeML documents (spaCy run once, batched)."""
    from storyline.nlp.time.tagger import tag_doc, timeml_form, value_to_time

    out = []
    for d, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=batch_size), strict=True):
        dct = value_to_time(d.dct[:10]) if d.dct else None
        found = [timeml_form(t) for t in tag_doc(doc, dct)]
        out.append([GoldTimex(t.start, t.end, t.text, t.type, t.value) for t in found])
    return out


def score_dirs(gold: list[TmlDoc], predicted: list[list[GoldTimex]]) -> Score:
    """Score predicted TIMEX3s of each document against the gold ones."""
    score = Score()
    for g, p in zip(gold, predicted, strict=True):
        score_pairs(match(g.timexes, p), score)
    return score


@yardstick("timex", "timebank")
def timex_yardstick(folder: Path) -> Report:
    """TempEval-3 Task A over every .tml file of FOLDER, beside HeidelTime's published scores."""
    from storyline.nlp.pipeline import load_model
    from storyline.settings import Settings

    report = Report("timex", str(folder))
    gold = []
    for f in sorted(folder.glob("*.tml")):
        try:
            gold.append(read_tml(f))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            report.problems.append(f"{f.name}: {exc}")
    if not gold:
        report.skipped = f"no readable .tml files in {folder}"
        return report
    score = score_dirs(gold, predict(gold, load_model(Settings().model)))
    t = score.table()
    peer = "HeidelTime, TempEval-3 test (published)"
    n = f"{score.documents} docs, {score.gold} gold"
    report.rows = [
        Row("TIMEX3 strict extent F1", t["strict_f1"], 0.8134, peer, n),
        Row("TIMEX3 relaxed extent F1", t["relaxed_f1"], 0.9030, peer),
        Row("TIMEX3 value F1", t["value_f1"], 0.7761, peer),
        Row("TIMEX3 type accuracy", t["type_accuracy"]),
    ]
    return report
