"""PolNeAR attribution yardstick: source, cue and content spans against brat standoff gold.

PolNeAR (Newell et al., LREC 2018) marks each attribution as a Source, a Cue and a Content span
(character offsets, possibly discontinuous) tied by an Attribution event. storyline's quotes
(direct and indirect, with their cue and speaker spans) are turned into the same triples and
scored span by span (exact and overlap) and attribution by attribution (docs/eval.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from storyline.eval.yardstick import Counts, Report, Row, yardstick
from storyline.model import Quote

Ranges = tuple[tuple[int, int], ...]  # one span: sorted, non-overlapping [start, end) pieces
ROLES = ("source", "cue", "content")
HUMAN_AGREEMENT = 0.923  # attribution-wise agreement, Newell et al. 2018 (PolNeAR README)
# Characters trimmed off both ends of every span before comparing: annotators and storyline
# differ on whether a closing quote mark or full stop belongs to the content.
EDGE = " \t\r\n\"'“”‘’.,;:!?()[]—–-"


@dataclass
class Attr:
    """One attribution as character spans; an empty span means the role is absent."""

    source: Ranges = ()
    cue: Ranges = ()
    content: Ranges = ()

    def role(self, name: str) -> Ranges:
        return getattr(self, name)


@dataclass
class Doc:
    """One article: its text and gold attributions."""

    name: str
    text: str
    gold: list[Attr] = field(default_factory=list)


# ----------------------------------------------------------------------- reading


_TEXTBOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?(.*)$")
_EVENT = re.compile(r"^(E\d+)\t(\S+)((?: \S+:\S+)*)\s*$")


def parse_ann(ann: str, text: str) -> list[Attr]:
    """Attributions of one brat .ann file; ValueError on a line that does not parse."""
    spans: dict[str, tuple[str, Ranges]] = {}
    events: list[tuple[str, dict[str, str]]] = []
    in_text = False  # a span's text may run over line breaks: its next lines are not records
    for n, line in enumerate(ann.splitlines(), 1):
        if not line.strip() or line[0] in "#ARN*":  # notes, attributes, relations
            continue
        if m := _TEXTBOUND.match(line):
            in_text = True
            pieces = []
            for piece in m.group(3).split(";"):
                start, end = (int(x) for x in piece.split())
                if not 0 <= start <= end <= len(text):
                    raise ValueError(f"line {n}: offsets {start}-{end} outside the text")
                pieces.append((start, end))
            spans[m.group(1)] = (m.group(2), tuple(sorted(pieces)))
        elif m := _EVENT.match(line):
            in_text = False
            args = dict(a.split(":", 1) for a in m.group(3).split())
            events.append((m.group(1), args))
        elif in_text and not re.match(r"^[TE]\d+\t", line):
            continue
        else:
            raise ValueError(f"line {n}: not brat standoff: {line[:60]!r}")
    out = []
    for eid, args in events:
        roles: dict[str, Ranges] = {}
        for role_type, tid in args.items():
            role = re.sub(r"\d+$", "", role_type).lower()
            if role not in ROLES:
                continue  # the trigger ("Attribution:T4") repeats the cue
            if tid not in spans:
                raise ValueError(f"{eid}: unknown annotation {tid}")
            roles[role] = _union(roles.get(role, ()), spans[tid][1])
        if roles.get("cue") or roles.get("content"):
            out.append(Attr(**roles))
    return out


def _union(a: Ranges, b: Ranges) -> Ranges:
    return tuple(sorted({*a, *b}))


def split_dirs(folder: Path, split: str) -> tuple[Path, Path]:
    """(text dir, attributions dir): FOLDER/SPLIT/{text,attributions}, else FOLDER/{...}."""
    for base in (folder / split, folder):
        if (base / "text").is_dir() and (base / "attributions").is_dir():
            return base / "text", base / "attributions"
    raise FileNotFoundError(f"no text/ and attributions/ under {folder / split} or {folder}")


def read_split(folder: Path, split: str = "dev") -> tuple[list[Doc], list[str]]:
    """Every article of a split with its gold, and the files that could not be read (skipped).

    An article annotated by several annotators (NAME_ANNOTATOR.ann) is scored against the
    first annotation in name order, so each article counts once.
    """
    text_dir, ann_dir = split_dirs(folder, split)
    by_text: dict[str, list[Path]] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        by_text.setdefault(re.sub(r"_[0-9a-f]{4}$", "", ann.stem), []).append(ann)
    docs, problems = [], []
    for name, anns in sorted(by_text.items()):
        path = text_dir / f"{name}.txt"
        try:
            text = path.read_text(encoding="utf-8")
            docs.append(Doc(name, text, parse_ann(anns[0].read_text(encoding="utf-8"), text)))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            problems.append(f"{anns[0].name}: {exc}")
    return docs, problems


# -------------------------------------------------------------------- predicting


def quotes_to_attributions(quotes: Iterable[Quote]) -> list[Attr]:
    """storyline's quotes as attributions: quotes sharing one cue are one attribution whose
    content is the union of their spans (PolNeAR ties a split quote to its one cue)."""
    by_cue: dict[tuple[int, int] | tuple[int, int, int], Attr] = {}
    for q in quotes:
        key = tuple(q.cue) if q.cue else (q.start, q.end, -1)
        att = by_cue.setdefault(key, Attr(
            source=(tuple(q.speaker_span),) if q.speaker_span else (),
            cue=(tuple(q.cue),) if q.cue else (),
        ))
        att.content = _union(att.content, ((q.start, q.end),))
    return list(by_cue.values())


def predict(docs: list[Doc], progress: Callable[[int], None] | None = None) -> list[list[Attr]]:
    """Run storyline's nlp stage on each article's text and read its quotes as attributions."""
    from storyline.model import Article
    from storyline.nlp.pipeline import analyze
    from storyline.settings import Settings

    articles = [Article(id=d.name, path=f"{d.name}.txt", raw=d.text, content=d.text)
                for d in docs]
    analyses = analyze(articles, Settings(), progress)
    return [[with_complementizer(d.text, att) for att in quotes_to_attributions(a.quotes)]
            for d, a in zip(docs, analyses, strict=True)]


_THAT_BEFORE = re.compile(r"\bthat\s*$", re.IGNORECASE)


def with_complementizer(text: str, att: Attr) -> Attr:
    """PolNeAR's content starts at the complementizer ("said that the talks failed") where
    storyline's indirect quote starts after it: a "that" right before a content piece joins it."""
    pieces = []
    for start, end in att.content:
        m = _THAT_BEFORE.search(text, max(0, start - 10), start)
        pieces.append((m.start(), end) if m else (start, end))
    return Attr(att.source, att.cue, tuple(pieces))


# ----------------------------------------------------------------------- scoring


def trim(text: str, span: Ranges) -> Ranges:
    """A span without edge blanks and punctuation on each piece (empty pieces dropped)."""
    out = []
    for start, end in span:
        while start < end and text[start] in EDGE:
            start += 1
        while end > start and text[end - 1] in EDGE:
            end -= 1
        if end > start:
            out.append((start, end))
    return tuple(out)


def overlap(a: Ranges, b: Ranges) -> int:
    """Characters two spans share."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _pairs(gold: list[Ranges], pred: list[Ranges]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs that overlap, largest overlap first."""
    cands = sorted(
        ((overlap(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for size, i, j in cands:
        if size <= 0:
            break
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def score_spans(text: str, gold: list[Ranges], pred: list[Ranges]) -> tuple[Counts, Counts]:
    """(exact, overlap) counts for one role in one document; spans are trimmed first."""
    g = [s for s in (trim(text, x) for x in gold) if s]
    p = [s for s in (trim(text, x) for x in pred) if s]
    exact = Counts(hit=len(set(g) & set(p)), predicted=len(p), gold=len(g))
    loose = Counts(hit=len(_pairs(g, p)), predicted=len(p), gold=len(g))
    return exact, loose


def attribution_agreement(text: str, gold: list[Attr], pred: list[Attr]) -> Counts:
    """Attributions matched one-to-one by overlapping cues; a pair agrees when its contents
    overlap and its sources overlap (or both have none)."""
    g_cues = [trim(text, a.cue) or trim(text, a.content) for a in gold]
    p_cues = [trim(text, a.cue) or trim(text, a.content) for a in pred]
    agreed = 0
    for i, j in _pairs(g_cues, p_cues):
        ga, pa = gold[i], pred[j]
        content_ok = overlap(trim(text, ga.content), trim(text, pa.content)) > 0
        gs, ps = trim(text, ga.source), trim(text, pa.source)
        source_ok = overlap(gs, ps) > 0 if (gs or ps) else True
        agreed += content_ok and source_ok
    return Counts(hit=agreed, predicted=len(pred), gold=len(gold))


@dataclass
class Score:
    """Corpus totals: per role exact and overlap counts, and attribution agreement."""

    documents: int = 0
    exact: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    loose: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    attributions: Counts = field(default_factory=Counts)

    def add(self, text: str, gold: list[Attr], pred: list[Attr]) -> None:
        self.documents += 1
        for role in ROLES:
            gs = [a.role(role) for a in gold if a.role(role)]
            ps = [a.role(role) for a in pred if a.role(role)]
            exact, loose = score_spans(text, gs, ps)
            self.exact[role].merge(exact)
            self.loose[role].merge(loose)
        self.attributions.merge(attribution_agreement(text, gold, pred))


def score(docs: list[Doc], predicted: list[list[Attr]]) -> Score:
    """Score every document's predicted attributions against its gold."""
    total = Score()
    for d, p in zip(docs, predicted, strict=True):
        total.add(d.text, d.gold, p)
    return total


def rows(total: Score) -> list[Row]:
    """The yardstick rows: span F1 per role (exact, overlap), attribution agreement."""
    a = total.attributions
    out = [Row("attribution agreement F1", a.f1, HUMAN_AGREEMENT,
               "human agreement, Newell et al. 2018 (published)",
               f"{total.documents} docs, {a.gold} gold, {a.predicted} predicted, "
               f"{a.hit} agree; P {a.precision:.3f} R {a.recall:.3f}")]
    for role in ROLES:
        e, o = total.exact[role], total.loose[role]
        out.append(Row(f"{role} span F1, exact", e.f1, note=f"P {e.precision:.3f} "
                       f"R {e.recall:.3f}, {e.gold} gold, {e.predicted} predicted"))
        out.append(Row(f"{role} span F1, overlap", o.f1,
                       note=f"P {o.precision:.3f} R {o.recall:.3f}"))
    return out


def evaluate(folder: Path, split: str = "dev",
             progress: Callable[[int], None] | None = None) -> Report:
    """Read a split, run storyline on it and score it; unreadable files are listed, skipped."""
    report = Report("attribution", str(folder))
    try:
        docs, report.problems = read_split(folder, split)
    except FileNotFoundError as exc:
        report.skipped = str(exc)
        return report
    if not docs:
        report.skipped = f"no readable articles in {folder} ({split})"
        return report
    report.rows = rows(score(docs, predict(docs, progress)))
    return report


@yardstick("attribution", "polnear")
def attribution_yardstick(folder: Path) -> Report:
    """PolNeAR dev: span F1 per role and attribution agreement, beside human agreement."""
    return evaluate(folder, "dev")
