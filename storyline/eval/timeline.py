"""SemEval-2015 Task 4 (TimeLine, Minard et al. 2015): timeline files, the task's scorer.

A timeline file is the target entity on its first line, then one event per line:
`order<TAB>anchor<TAB>doc-sent-token[<TAB>doc-sent-token...]`, the mentions of one line being
the same event told in several articles. The task's metric (its tool, `evaluation_all.py` and
`evaluation_timeline.py`) turns each timeline into a TimeML graph (lines sorted by their text,
order-0 lines left out; one TIMEX3 per anchor value, XXXX-XX-XX too, each mention
SIMULTANEOUS with its anchor; the mentions chained, SIMULTANEOUS within an order, BEFORE into
a higher one; system mentions numbered as the gold's) and scores it with TempEval-3 temporal
awareness (UzZaman & Allen 2011): precision is the share of the
system's reduced graph verified by the closure of the gold graph, recall the reverse,
micro-averaged over every target entity. Closure and reduced graph are our own rebuild of
the TempEval-3 scorer's timegraph (`Timegraph`: chains of interval ends with pseudo-times,
its unchecked placement of new intervals and its violated links appended), so that it
verifies what that scorer verifies, quirks included (docs/eval.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from storyline.eval.yardstick import Report, Row, yardstick
from storyline.model import Article, ArticleAnalysis, Story, TimeValue

if TYPE_CHECKING:
    from storyline.eval.cat import CatDoc

RelType = Literal["BEFORE", "AFTER", "SIMULTANEOUS", "IS_INCLUDED", "INCLUDES"]  # TLINK relTypes
_ANCHOR_RE = re.compile(r"^(\d{4}|X{3,4})(-(\d{2}|XX))?(-(\d{2}|XX))?$")
_MENTION_RE = re.compile(r"^[^\s-]+-\d+-\S+$")


@dataclass
class TimelineEvent:
    """One line of a timeline: its order (0 = not ordered), anchor and mentions."""

    order: int
    anchor: str  # YYYY-MM-DD, YYYY-MM, YYYY or XXXX-XX-XX (no anchor)
    mentions: list[str]  # "doc-sent-token", one per article telling the event

    @property
    def anchored(self) -> bool:
        """Has a year: XXXX-XX-XX (and the odd XXX-XX-XX) is no anchor; 2010-XX-XX is 2010."""
        return self.anchor[:4].isdigit()


@dataclass
class Timeline:
    """The ordered, anchored events of one target entity."""

    entity: str
    events: list[TimelineEvent] = field(default_factory=list)


class TimelineFormatError(ValueError):
    """A timeline file that does not follow the task's format."""


def parse_timeline(text: str, source: str = "<text>") -> Timeline:
    """Parse a timeline file's text; raise TimelineFormatError naming the bad line."""
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise TimelineFormatError(f"{source}: first line must be the target entity")
    tl = Timeline(lines[0].strip())
    for n, raw in enumerate(lines[1:], start=2):
        if not raw.strip():
            continue
        cols = [c.strip() for c in raw.split("\t") if c.strip()]
        if len(cols) < 3:
            raise TimelineFormatError(f"{source}:{n}: want order, anchor and a mention")
        if not cols[0].isdigit():
            raise TimelineFormatError(f"{source}:{n}: order {cols[0]!r} is not a number")
        if not _ANCHOR_RE.match(cols[1]):
            raise TimelineFormatError(f"{source}:{n}: anchor {cols[1]!r} is not a date")
        bad = [m for m in cols[2:] if not _MENTION_RE.match(m)]
        if bad:
            raise TimelineFormatError(f"{source}:{n}: mention {bad[0]!r} is not doc-sent-token")
        tl.events.append(TimelineEvent(int(cols[0]), cols[1], cols[2:]))
    return tl


def read_timeline(path: Path) -> Timeline:
    """Read one timeline file (UTF-8)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise TimelineFormatError(f"{path.name}: not UTF-8 ({exc.reason})") from exc
    return parse_timeline(text, path.name)


def read_timeline_dir(folder: Path) -> tuple[dict[str, Timeline], list[str]]:
    """Every `*.txt` timeline of FOLDER by file stem, and the malformed files skipped."""
    timelines: dict[str, Timeline] = {}
    problems: list[str] = []
    for f in sorted(folder.glob("*.txt")):
        try:
            timelines[f.stem] = read_timeline(f)
        except TimelineFormatError as exc:
            problems.append(str(exc))
        except OSError as exc:
            problems.append(f"{f.name}: {exc}")
    return timelines, problems


def write_timeline(tl: Timeline) -> str:
    """The task's file text for one timeline."""
    out = [tl.entity]
    for ev in tl.events:
        out.append("\t".join([str(ev.order), ev.anchor, *ev.mentions]))
    return "\n".join(out) + "\n"


def entity_file_stem(entity: str) -> str:
    """File name of an entity's timeline, as in the task's data: lower case, `_` for the rest."""
    return re.sub(r"[^0-9a-z]+", "_", entity.lower().replace("&", "_and_")).strip("_")


# --- timeline -> TLINK graph ------------------------------------------------------------

Tlink = tuple[str, str, RelType]


def _natural_key(text: str) -> list[int | str]:
    """The task tool's sort key of a line: its text, digit runs compared as numbers."""
    return [int(c) if i % 2 else c for i, c in enumerate(re.split(r"(\d+)", text))]


def _task_lines(tl: Timeline) -> list[TimelineEvent]:
    """The lines the task's tool turns into TLINKs: sorted by the natural order of their text
    (order, then anchor, then mentions), order-0 lines ("not ordered") left out."""
    lines = sorted(
        tl.events, key=lambda ev: _natural_key("\t".join([str(ev.order), ev.anchor, *ev.mentions]))
    )
    return [ev for ev in lines if ev.order != 0]


def _chain(nodes: list[tuple[str, TimelineEvent]], anchors: bool) -> list[Tlink]:
    """TLINKs of event nodes in line order: each SIMULTANEOUS with its line's anchor, then
    each BEFORE the next node when its order is lower, else SIMULTANEOUS with it. Order and
    anchor are read per node name, the last line naming it winning, as the tool keys them."""
    order = {name: ev.order for name, ev in nodes}
    anchor = {name: ev.anchor for name, ev in nodes}
    links: list[Tlink] = []
    if anchors:
        links += [(name, f"t:{anchor[name]}", "SIMULTANEOUS") for name, _ in nodes]
    for (a, _), (b, _) in zip(nodes, nodes[1:], strict=False):
        links.append((a, b, "BEFORE" if order[a] < order[b] else "SIMULTANEOUS"))
    return links


def task_tlinks(
    gold: Timeline, system: Timeline | None = None, anchors: bool = True
) -> tuple[list[Tlink], list[Tlink]]:
    """The TLINKs of a gold timeline and of a system timeline, as the task's tool writes them
    (`evaluation_timeline.py` of the SemEval-2015 Task 4 scorer; docs/eval.md).

    Lines are sorted by their text and order-0 lines dropped. Each mention of a gold line is
    an event node (named by the mention, a repeat `mention#k`); a system mention takes
    the gold node of the same mention (its n-th occurrence the gold's, searched from the
    first gold occurrence + n, the tool's own search), else a node of its own. With
    `anchors` every anchor value, `XXXX-XX-XX` too, is one TIMEX3 node `t:VALUE`.
    """
    used: set[str] = set()

    def new_node(m: str) -> str:
        name, k = m, 1
        while name in used:
            k += 1
            name = f"{m}#{k}"
        used.add(name)
        return name

    gold_nodes = [(new_node(m), ev) for ev in _task_lines(gold) for m in ev.mentions]
    gold_mentions = [m for ev in _task_lines(gold) for m in ev.mentions]
    sys_nodes: list[tuple[str, TimelineEvent]] = []
    told: dict[str, int] = {}
    for ev in _task_lines(system) if system else []:
        for m in ev.mentions:
            n, in_gold = told.get(m, 0), gold_mentions.count(m)
            told[m] = n + 1
            if n < in_gold:
                first = gold_mentions.index(m)
                sys_nodes.append((gold_nodes[gold_mentions.index(m, first + n)][0], ev))
            else:
                sys_nodes.append((new_node(m), ev))
    return _chain(gold_nodes, anchors), _chain(sys_nodes, anchors)


def timeline_tlinks(tl: Timeline, anchors: bool = True) -> list[Tlink]:
    """The task's graph of one timeline on its own (as a gold timeline), TLINKs in order."""
    return task_tlinks(tl, None, anchors)[0]


# --- TempEval-3's timegraph ---------------------------------------------------------------

_NIL = "-1"  # TempEval-3's "no parent / no child"; a point never given one holds ""
_BASE, _STEP = 100000, 1000
_INVERSE: dict[RelType, RelType] = {
    "BEFORE": "AFTER",
    "AFTER": "BEFORE",
    "SIMULTANEOUS": "SIMULTANEOUS",
    "IS_INCLUDED": "INCLUDES",
    "INCLUDES": "IS_INCLUDED",
}


class _Point:
    """One interval end in a chain; SIMULTANEOUS ends added later share the object."""

    __slots__ = ("chain", "pseudo", "parent", "child")

    def __init__(self, chain: int = 0, pseudo: int = 0, parent: str = "", child: str = "") -> None:
        self.chain, self.pseudo, self.parent, self.child = chain, pseudo, parent, child


class Timegraph:
    """The TempEval-3 scorer's timegraph (UzZaman & Allen 2011), rebuilt from its
    description in `relation_to_timegraph.py`, quirks included, for the relation types a
    TLINK here can have.

    Interval ends lie on chains with pseudo-times; two points of one chain compare by
    pseudo-time alone, points of different chains by a search over cross-chain links. As
    in TempEval-3, a link whose ends are all new starts a chain; a link from a new interval
    to a known one is placed next to it without any check (a SIMULTANEOUS one shares the
    known ends); only a link between two known intervals is checked: implied, new (a
    cross-chain link) or violating (not added). The quirks change closure on some graphs:
    a new interval placed BEFORE a chain's first point gets start pseudo-time -1000 whatever
    its end's, and ends of intervals added SIMULTANEOUS to each other at once are distinct
    points, so each can get its own successor at the same pseudo-time.
    """

    def __init__(self) -> None:
        self._points: dict[str, _Point] = {}
        self._exits: dict[int, list[str]] = {}  # chain -> its points with a cross-chain link
        self._cross: dict[tuple[int, str], list[str]] = {}  # (chain, point) -> points after it
        self._next_chain = 0
        self.entities: set[str] = set()

    def _new_chain(self) -> int:
        self._next_chain += 1
        return self._next_chain - 1

    def _link(self, later: str, earlier: str) -> None:
        """Cross-chain link: LATER comes after (or at) EARLIER."""
        chain = self._points[earlier].chain
        exits = self._exits.setdefault(chain, [])
        if earlier not in exits:
            exits.append(earlier)
        after = self._cross.setdefault((chain, earlier), [])
        if later not in after:
            after.append(later)

    def _reaches(self, p: _Point, q: _Point, visited: frozenset[int]) -> bool:
        if p.chain == q.chain:
            return p.pseudo <= q.pseudo
        visited = visited | {p.chain}
        for exit_ in self._exits.get(p.chain, []):
            if p.pseudo <= self._points[exit_].pseudo:
                for name in self._cross[(p.chain, exit_)]:
                    nxt = self._points[name]
                    if nxt.chain not in visited and self._reaches(nxt, q, visited):
                        return True
        return False

    def point_rel(self, p: str, q: str) -> str:
        """'=', '<', '>' or 'UNKNOWN' between two points, as the timegraph finds it."""
        a, b = self._points[p], self._points[q]
        if a.chain == b.chain:
            return "<" if a.pseudo < b.pseudo else ">" if a.pseudo > b.pseudo else "="
        ab, ba = self._reaches(a, b, frozenset()), self._reaches(b, a, frozenset())
        return "=" if ab and ba else "<" if ab else ">" if ba else "UNKNOWN"

    def _check(self, x: str, y: str, rel: RelType, merge: bool) -> str:
        """TempEval-3's interval check: 'true', 'false', 'UNKNOWN', or with MERGE 'semi-true'
        after adding the link between two known intervals."""
        if x not in self.entities or y not in self.entities:
            return "false" if merge else "UNKNOWN"
        x1, x2, y1, y2 = x + "_s", x + "_e", y + "_s", y + "_e"
        r = self.point_rel
        if rel in ("BEFORE", "AFTER"):
            p, q = (x2, y1) if rel == "BEFORE" else (y2, x1)
            found = r(p, q)
            if found == "<":
                return "true"
            if found == "UNKNOWN":
                if merge:
                    self._link(q, p)
                    return "semi-true"
                return "UNKNOWN"
            return "false"
        if rel == "SIMULTANEOUS":
            pairs, ops = [(x1, y1), (x2, y2)], ("=", "=")
        elif rel == "INCLUDES":
            pairs, ops = [(x1, y1), (y2, x2)], ("<", "<")
        else:  # IS_INCLUDED
            pairs, ops = [(y1, x1), (x2, y2)], ("<", "<")
        first = r(*pairs[0])
        if first not in (ops[0], "UNKNOWN"):
            return "false"
        second = r(*pairs[1])
        if second not in (ops[1], "UNKNOWN"):
            return "UNKNOWN" if first == second == "UNKNOWN" else "false"
        if first == ops[0] and second == ops[1]:
            return "true"
        if not merge:
            return "false"
        for p, q in pairs:
            self._link(q, p)
            if rel == "SIMULTANEOUS":
                self._link(p, q)
        return "semi-true"

    def holds(self, x: str, y: str, rel: RelType) -> bool:
        """Does the timegraph verify X rel Y (TempEval-3's check in evaluation mode)?"""
        return self._check(x, y, rel, merge=False) == "true"

    def _start_chain(self, x: str, y: str, rel: RelType) -> None:
        x1, x2, y1, y2 = x + "_s", x + "_e", y + "_s", y + "_e"
        chain = self._new_chain()
        if rel == "SIMULTANEOUS":  # four points: x1 = y1 < x2 = y2
            self._points[x1] = _Point(chain, _BASE, _NIL, f"{x2} {y2}")
            self._points[y1] = _Point(chain, _BASE, _NIL, f"{x2} {y2}")
            self._points[x2] = _Point(chain, _BASE + _STEP, f"{x1} {y1}", _NIL)
            self._points[y2] = _Point(chain, _BASE + _STEP, f"{x1} {y1}", _NIL)
            return
        order = {
            "BEFORE": [x1, x2, y1, y2],
            "AFTER": [y1, y2, x1, x2],
            "INCLUDES": [x1, y1, y2, x2],
            "IS_INCLUDED": [y1, x1, x2, y2],
        }[rel]
        for i, name in enumerate(order):
            parent = order[i - 1] if i else _NIL
            child = order[i + 1] if i < 3 else _NIL
            self._points[name] = _Point(chain, _BASE + i * _STEP, parent, child)

    def _attach(self, x: str, y: str, rel: RelType) -> None:
        """Place new interval X next to known interval Y, unchecked (TempEval-3's order)."""
        x1, x2, y1, y2 = x + "_s", x + "_e", y + "_s", y + "_e"
        p1, p2 = self._points[y1], self._points[y2]
        pts = self._points
        if rel == "SIMULTANEOUS":
            pts[x1], pts[x2] = p1, p2
        elif rel == "BEFORE":
            end = _Point(0, p1.pseudo - _STEP, x1, y1)
            start = _Point(0, 0 - _STEP, _NIL, x2)  # TempEval-3 reads the end's unset 0
            if p1.parent == _NIL:
                start.chain = end.chain = p1.chain
                p1.parent = x2
                pts[x1], pts[x2] = start, end
            else:
                start.chain = end.chain = self._new_chain()
                p1.parent += " " + x2
                pts[x1], pts[x2] = start, end
                self._link(y1, x2)
        elif rel == "AFTER":
            start = _Point(0, p2.pseudo + _STEP, y2, x2)
            end = _Point(0, start.pseudo + _STEP, x1, _NIL)
            if p2.child == _NIL:
                start.chain = end.chain = p2.chain
                p2.child = x1
                pts[x1], pts[x2] = start, end
            else:
                start.chain = end.chain = self._new_chain()
                p2.child += " " + x1
                pts[x1], pts[x2] = start, end
                self._link(x1, y2)
        elif rel == "INCLUDES":
            start = _Point(0, p1.pseudo - _STEP, _NIL, y1)
            end = _Point(0, p2.pseudo + _STEP, y2, _NIL)
            if p1.parent == _NIL and p2.child == _NIL:  # each end on Y's end's chain
                start.chain, end.chain = p1.chain, p2.chain
                p1.parent, p2.child = x1, x2
                pts[x1], pts[x2] = start, end
            else:
                start.chain = end.chain = self._new_chain()
                start.child, end.parent = "", x1
                pts[x1], pts[x2] = start, end
                self._link(y1, x1)
                self._link(x2, y2)
        else:  # IS_INCLUDED
            third = (p2.pseudo - p1.pseudo) // 3
            start = _Point(0, p1.pseudo + third, _NIL, x2)
            end = _Point(0, p1.pseudo + (p2.pseudo - p1.pseudo) * 2 // 3, x1, _NIL)
            inside = y2 in p1.child.split(" ") and y1 in p2.parent.split(" ")
            if inside and p1.chain == p2.chain:
                start.chain = end.chain = p1.chain
                start.parent, end.child, p1.child = y1, y2, x1
                pts[x1], pts[x2] = start, end
            else:
                start.chain = end.chain = self._new_chain()
                pts[x1], pts[x2] = start, end
                self._link(x1, y1)
                self._link(y2, x2)

    def add(self, x: str, y: str, rel: RelType) -> Literal["new", "implied", "violates"]:
        """Add X rel Y as TempEval-3 does: 'implied' if its check verifies it, 'violates'
        (not added) if the check contradicts it, else 'new'."""
        if x == y and rel != "SIMULTANEOUS":
            if x not in self.entities:  # TempEval-3 still creates the interval, oddly linked
                chain = self._new_chain()
                self._points[x + "_s"] = _Point(chain, _BASE + 2 * _STEP, x + "_e", x + "_e")
                self._points[x + "_e"] = _Point(chain, _BASE + 3 * _STEP, x + "_s", _NIL)
                self.entities.add(x)
            return "violates"
        if y not in self.entities and x in self.entities:
            x, y, rel = y, x, _INVERSE[rel]
        if x not in self.entities and y not in self.entities:
            self._start_chain(x, y, rel)
        elif x not in self.entities:
            self._attach(x, y, rel)
        else:
            found = self._check(x, y, rel, merge=True)
            return "implied" if found == "true" else "violates" if found == "false" else "new"
        self.entities |= {x, y}
        return "new"


def reduced_graph(links: Iterable[Tlink]) -> tuple[Timegraph, list[Tlink]]:
    """The timegraph of LINKS and their reduced list, as TempEval-3 keeps it: each distinct
    TLINK in order unless the graph already verified it, then the violating TLINKs (not
    added to the graph, but counted, as the TempEval-3 scorer appends them)."""
    graph = Timegraph()
    kept: list[Tlink] = []
    violated: list[Tlink] = []
    seen: set[Tlink] = set()
    for link in links:
        if link in seen:
            continue
        seen.add(link)
        found = graph.add(*link)
        if found == "new":
            kept.append(link)
        elif found == "violates":
            violated.append(link)
    return graph, kept + violated


@dataclass
class AwarenessScore:
    """Temporal awareness counts, summed over timelines (micro average)."""

    precision_matched: int = 0
    system_total: int = 0
    recall_matched: int = 0
    gold_total: int = 0
    timelines: int = 0

    @property
    def precision(self) -> float:
        return self.precision_matched / self.system_total if self.system_total else 0.0

    @property
    def recall(self) -> float:
        return self.recall_matched / self.gold_total if self.gold_total else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: AwarenessScore) -> None:
        self.precision_matched += other.precision_matched
        self.system_total += other.system_total
        self.recall_matched += other.recall_matched
        self.gold_total += other.gold_total
        self.timelines += other.timelines


def _verified(links: list[Tlink], literal: set[Tlink], graph: Timegraph) -> int:
    return sum(1 for link in links if link in literal or graph.holds(*link))


def _both_ways(links: Iterable[Tlink]) -> set[Tlink]:
    """The TLINKs and their inverses: TempEval-3's literal match looks both ways round."""
    out: set[Tlink] = set()
    for x, y, rel in links:
        out.add((x, y, rel))
        out.add((y, x, _INVERSE[rel]))
    return out


def score_timeline(gold: Timeline, system: Timeline | None, anchors: bool = True) -> AwarenessScore:
    """Temporal awareness of one system timeline against its gold timeline."""
    gold_links, sys_links = task_tlinks(gold, system, anchors)
    gold_graph, gold_reduced = reduced_graph(gold_links)
    sys_graph, sys_reduced = reduced_graph(sys_links)
    return AwarenessScore(
        precision_matched=_verified(sys_reduced, _both_ways(gold_links), gold_graph),
        system_total=len(sys_reduced),
        recall_matched=_verified(gold_reduced, _both_ways(sys_links), sys_graph),
        gold_total=len(gold_reduced),
        timelines=1,
    )


def score_timelines(
    gold: dict[str, Timeline], system: dict[str, Timeline], anchors: bool = True
) -> AwarenessScore:
    """Micro-averaged temporal awareness over every gold timeline (a missing system
    timeline counts as empty)."""
    total = AwarenessScore()
    for key in sorted(gold):
        total.add(score_timeline(gold[key], system.get(key), anchors))
    return total


# --- storyline's timelines ------------------------------------------------------------------

# (article id, start, end, particle) -> doc-sent-token; the particle of a phrasal verb
# ("off" of "rounded the services off") joins the trigger word as the task writes it.
MentionOf = Callable[[str, int, int, str], "str | None"]
# How many words after the trigger its particle may be ("took six months off").
PARTICLE_REACH = 4
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH_RE = re.compile(r"^\d{4}-\d{2}$")
_YEAR_RE = re.compile(r"^\d{4}$")


def _words(name: str) -> list[str]:
    return [w for w in re.findall(r"[0-9a-z]+", name.casefold()) if w not in ("the", "s")]


def _fuller(words: list[str], want: list[str]) -> bool:
    """`words` is a fuller form of the name `want`: the same first and last word, the
    target's words in order, more words inside ("iTunes Music Store" for "iTunes store",
    "Steven Paul Jobs" for "Steven Jobs"); words added at an end make another name ("iPod
    Nano" is not "iPod")."""
    if len(want) < 2 or len(words) <= len(want) or (words[0], words[-1]) != (want[0], want[-1]):
        return False
    rest = iter(words)
    return all(w in rest for w in want)


def match_entities(story: Story, target: str) -> list[str]:
    """Ids of the story's entities that are the target entity.

    Names are compared as word lists (case folded, punctuation, "the" and possessive "'s"
    dropped): an entity whose name or an alias equals the target, or is a fuller form of it
    (`_fuller`: "iTunes Music Store" for "iTunes store"), is it; failing that, one whose
    name, or a mention of it by name or alias (not a description such as "the iPod music
    player"), contains all the target's words ("Apple Corps Ltd" for "Apple Corps"), or
    has two or more words that all occur in the target ("Apple Corps" for
    "Beatles Apple Corps"). A one-word name inside a longer target is not enough ("iPhone"
    is not "iPhone 4").
    """
    want = _words(target)
    exact = [e.id for e in story.entities if any(
        w == want or _fuller(w, want) for w in (_words(n) for n in [e.name, *e.aliases]))]
    if exact or not want:
        return exact
    wset = set(want)
    out = []
    for e in story.entities:
        names = [e.name, *(m.text for m in e.mentions if m.kind in ("name", "alias"))]
        for n in (set(_words(n)) for n in names):
            if n and (wset <= n or (len(n) >= 2 and n <= wset)):
                out.append(e.id)
                break
    return out


def anchor_of(time: TimeValue | None) -> str:
    """The task's anchor at the precision storyline knows: a day, a month, a year, else
    XXXX-XX-XX (seasons, ranges, relative values)."""
    if time is None:
        return "XXXX-XX-XX"
    v = time.value
    if _DAY_RE.match(v) or _MONTH_RE.match(v) or _YEAR_RE.match(v):
        return v
    lo, hi = time.earliest, time.latest
    if lo and hi:
        if lo == hi:
            return lo.isoformat()
        next_month = date(lo.year + lo.month // 12, lo.month % 12 + 1, 1)
        if lo.day == 1 and (hi.year, hi.month) == (lo.year, lo.month) and (
            hi.toordinal() == next_month.toordinal() - 1
        ):
            return f"{lo.year:04d}-{lo.month:02d}"
        if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) and lo.year == hi.year:
            return f"{lo.year:04d}"
    return "XXXX-XX-XX"


def story_timeline(
    story: Story,
    target: str,
    triggers: dict[str, tuple[str, int, int, str]],
    mention_of: MentionOf,
) -> Timeline:
    """The timeline of one target entity from a built story.

    Its events are the story's events with a participant matched to the target
    (`match_entities`); each event is one line, listing the mention (`mention_of` its
    claim's trigger, `triggers`: claim id -> article, start, end, particle) of every claim
    merged into it. Dated events are ordered by their earliest then latest date, events with
    the same anchor and dates sharing an order; undated ones (XXXX-XX-XX) get order 0.
    """
    ids = set(match_entities(story, target))
    rows: list[tuple[tuple, str, list[str]]] = []
    for ev in story.events:
        if not ids & set(ev.participants):
            continue
        mentions: list[str] = []
        for cid in ev.claims:
            if cid in triggers and (m := mention_of(*triggers[cid])) and m not in mentions:
                mentions.append(m)
        if not mentions:
            continue
        anchor = anchor_of(ev.time)
        t = ev.time
        key = (
            (t.earliest or date.min, t.latest or date.max, anchor)
            if t is not None and anchor != "XXXX-XX-XX"
            else None
        )
        rows.append((key or (), anchor, mentions))
    undated = [r for r in rows if not r[0]]
    dated = sorted((r for r in rows if r[0]), key=lambda r: r[0])
    tl = Timeline(target)
    tl.events = [TimelineEvent(0, a, ms) for _, a, ms in undated]
    order, last = 0, None
    for key, anchor, ms in dated:
        if key != last:
            order, last = order + 1, key
        tl.events.append(TimelineEvent(order, anchor, ms))
    return tl


def claim_triggers(
    analyses: Iterable[ArticleAnalysis | None],
) -> dict[str, tuple[str, int, int, str]]:
    """Claim id -> (article id, trigger start, trigger end, particle), for claims that have
    a trigger; the particle is the rest of a phrasal verb's predicate ("off" of "round
    off"), else ""."""
    out: dict[str, tuple[str, int, int, str]] = {}
    for a in analyses:
        for c in a.claims if a else []:
            if c.trigger:
                particle = " ".join((c.predicate or "").split()[1:])
                out[c.id] = (c.article, c.trigger[0], c.trigger[1], particle)
    return out


def _with_particle(word: str, particle: str, following: list[str]) -> str:
    """The trigger word joined with its particle when the particle's words come next, within
    PARTICLE_REACH words: "rounded" + "off" in "rounded the services off" -> "rounded_off"."""
    words = particle.split()
    if not words:
        return word
    ahead = [w.lower() for w in following[: PARTICLE_REACH + len(words)]]
    found = any(ahead[i : i + len(words)] == words for i in range(len(ahead)))
    return "_".join([word, *words]) if found else word


def main_entities(story: Story, top: int = 10) -> list[str]:
    """Names of the entities taking part in most events (ties: more mentions, then name)."""
    counts: dict[str, int] = {}
    for ev in story.events:
        for p in ev.participants:
            counts[p] = counts.get(p, 0) + 1
    ents = [e for e in story.entities if counts.get(e.id)]
    ents.sort(key=lambda e: (-counts[e.id], -len(e.mentions), e.name))
    return [e.name for e in ents[:top]]


def sentence_mention_of(story: Story, analyses: dict[str, ArticleAnalysis]) -> MentionOf:
    """`doc-sent-token` for any build: the article's id, its sentence number (from 0, in
    the analysis's sentence list) and the trigger word, lower case."""
    raw = {a.id: a.raw for a in story.articles}

    def mention_of(article: str, start: int, end: int, particle: str = "") -> str | None:
        an = analyses.get(article)
        text = raw.get(article, "")
        if an is None or not text:
            return None
        sent = next((i for i, (s, e) in enumerate(an.sentences) if s <= start < e), None)
        word = re.sub(r"\s+", "_", text[start:end].strip().lower())
        if sent is None or not word:
            return None
        following = re.findall(r"\w+", text[end : an.sentences[sent][1]])
        return f"{article}-{sent}-{_with_particle(word, particle, following)}"

    return mention_of


def write_timelines(timelines: Iterable[Timeline], folder: Path) -> list[Path]:
    """Write each timeline as FOLDER/<entity>.txt, in the task's format."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for tl in timelines:
        path = folder / f"{entity_file_stem(tl.entity)}.txt"
        path.write_text(write_timeline(tl), encoding="utf-8")
        written.append(path)
    return written


# --- the task's input: CAT articles ---------------------------------------------------------


def read_targets(path: Path) -> list[str]:
    """The target entities, one a line (blank lines skipped)."""
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _dct(doc: CatDoc) -> str | None:
    for m in doc.markables.values():
        if m.tag == "TIMEX3" and m.attrs.get("functionInDocument") == "CREATION_TIME":
            value = m.attrs.get("value", "")
            return value[:10] if _DAY_RE.match(value[:10]) else None
    return None


def _cat_mention_of(docs: list[CatDoc], articles: list[Article]) -> MentionOf:
    """`doc-sent-token` of the CAT token under a character span of a rebuilt article."""
    by_article = {a.id: d for a, d in zip(articles, docs, strict=True)}

    def mention_of(article: str, start: int, end: int, particle: str = "") -> str | None:
        doc = by_article.get(article)
        if doc is None:
            return None
        toks = sorted(doc.tokens_in(start, end), key=doc._order)
        if not toks:
            return None
        tok = doc.token(toks[0])
        at = doc._order(toks[-1]) + 1
        following = [t.text for t in doc.tokens[at : at + PARTICLE_REACH + 2]
                     if t.sentence == tok.sentence]
        word = _with_particle(tok.text.lower(), particle, following)
        return f"{doc.attrs.get('doc_id', doc.name)}-{tok.sentence}-{word}"

    return mention_of


@dataclass
class TimelineRun:
    """storyline's timelines for a task folder, with what could not be used."""

    timelines: dict[str, Timeline]
    documents: int
    problems: list[str]


def run_on_input(
    folder: Path, targets: list[str], progress: Callable[[int], None] | None = None
) -> TimelineRun:
    """Build one story from FOLDER/input_CAT (texts rebuilt from the tokens, each document
    dated by its creation time) and write a timeline for each target entity."""
    from storyline.eval.cat import read_cat_dir, run_storyline

    problems: list[str] = []
    docs = read_cat_dir(folder / "input_CAT", problems)
    if not docs:
        return TimelineRun({}, 0, problems)
    run = run_storyline(docs, [_dct(d) for d in docs], progress)
    triggers = claim_triggers(run.analyses)
    mention_of = _cat_mention_of(docs, run.articles)
    timelines = {
        entity_file_stem(t): story_timeline(run.story, t, triggers, mention_of) for t in targets
    }
    return TimelineRun(timelines, len(docs), problems)


# --- the yardstick ----------------------------------------------------------------------------


def score_folder(
    folder: Path, pred: Path | None = None, progress: Callable[[int], None] | None = None
) -> tuple[AwarenessScore, AwarenessScore | None, list[str], int]:
    """Score PRED (a folder of timelines), or storyline run on FOLDER's input, against
    FOLDER/gold_timelines; also score FOLDER/example_system_output when present.
    Returns (score, example score or None, problems, documents run)."""
    gold, problems = read_timeline_dir(folder / "gold_timelines")
    documents = 0
    if pred is not None:
        system, more = read_timeline_dir(pred)
        problems += [f"prediction {p}" for p in more]
    else:
        tpath = folder / "list_target_entities.txt"
        targets = read_targets(tpath) if tpath.is_file() else [tl.entity for tl in gold.values()]
        run = run_on_input(folder, targets, progress)
        system, documents = run.timelines, run.documents
        problems += run.problems
    example = None
    if (folder / "example_system_output").is_dir():
        ex, more = read_timeline_dir(folder / "example_system_output")
        problems += [f"example {p}" for p in more]
        example = score_timelines(gold, ex)
    return score_timelines(gold, system), example, problems, documents


def _note(s: AwarenessScore) -> str:
    return (
        f"P {100 * s.precision:.2f} R {100 * s.recall:.2f}; {s.timelines} timelines, "
        f"{s.system_total} system / {s.gold_total} gold reduced TLINKs"
    )


def rows_of(score: AwarenessScore, example: AwarenessScore | None, ran: bool) -> list[Row]:
    """The yardstick's rows: storyline's micro F1 beside the published systems, and the
    scorer check on the task's example output (official score 70.20)."""
    what = "storyline" if ran else "given timelines"
    rows = [
        Row(f"TimeLine micro F1 ({what})", 100 * score.f1, 7.85,
            "best Track A system, test corpora (Minard et al. 2015)", _note(score)),
        Row(f"TimeLine micro F1 ({what})", 100 * score.f1, 28.58,
            "best Track B, gold events (Cornegruta & Vlachos 2016)"),
    ]  # fmt: skip
    if example is not None:
        rows.append(Row("scorer check: example_system_output micro F1", 100 * example.f1, 70.20,
                        "official scorer on the same files", _note(example)))  # fmt: skip
    return rows


@yardstick("timeline", "semeval2015-t4-trial")
def timeline_yardstick(folder: Path) -> Report:
    """storyline's timelines for the task's target entities, scored like the task."""
    report = Report("timeline", str(folder))
    if not (folder / "gold_timelines").is_dir():
        report.skipped = f"no gold_timelines/ in {folder}"
        return report
    score, example, problems, documents = score_folder(folder)
    report.problems = problems
    if not documents:
        report.skipped = f"no readable CAT documents in {folder / 'input_CAT'}"
        return report
    report.rows = rows_of(score, example, True)
    return report
