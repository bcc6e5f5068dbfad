"""Find and normalise time expressions in a parsed document: `tag_doc` and `tag_text`.

Every rule of the grammar scans the text once (tried only where it can start: starts.py);
overlapping candidates are resolved longest first; traps (ages, titles, quantities) are dropped
using the spaCy tokens; each survivor is normalised against the document date (both ends of it
when it is a range) and the narrative's reference time, which each calendar date found moves
forward.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from storyline.model import TimeValue, Timex
from storyline.nlp.doc_text import doc_text
from storyline.nlp.time.anchor import Context
from storyline.nlp.time.grammar import DURATION_AFTER, RULES, Result, Rule, read_tense
from storyline.nlp.time.normalize import GRANS, Point, narrow
from storyline.nlp.time.starts import Starts, caseless

if TYPE_CHECKING:  # spaCy only for types: the grammar runs without a parse too
    from spacy.language import Language
    from spacy.tokens import Doc

Candidate = tuple[int, int, int, re.Match]  # start, end, rule index, match

# TimeML leaves the determiner out of a hyphenated modifier: "the [five-year] plan".
_TRIM_LEFT = re.compile(r"(?i:the|its|their|a)\s+(?=[\w.]+-[a-z]+$)")


# A word every match of a rule contains (matched with the rule's own case rules): a text
# without it cannot match, so the rule's costly pattern is not run over it. Same candidates.
# Case-sensitive words as a regex; words in any case looked up in the caseless text (one
# `in` each, where a case-insensitive regex scan tried every word at every character).
_MONTHS = r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_GATES_DATA: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "month": (_MONTHS, ()),
    "weekday": (r"Mon|Tue|Wed|Thu|Fri|Sat|Sun", ()),
    "deictic_day": (None, ("today", "tonight", "yesterday", "tomorrow")),
    "decade": (r"\d0'?s", ("twenties", "thirties", "forties", "fifties", "sixties", "seventies",
                           "eighties", "nineties", "aughts", "noughties")),
    "century": (None, ("century",)),
    "quarter": (None, ("quarter", "half")),
    "rel_quarter": (None, ("quarter", "period")),
    "the_quarter": (None, ("quarter",)),
    "year_earlier": (None, ("year-earlier", "year-ago")),
    "season": (None, ("spring", "summer", "fall", "autumn", "winter")),
    "anniversary": (None, ("anniversary",)),
}


class Gate:
    """Whether a text holds a word every match of a rule holds."""

    def __init__(self, pattern: str | None, words: tuple[str, ...]) -> None:
        self.pattern = re.compile(pattern) if pattern else None
        self.words = tuple(caseless(w) for w in words)

    def search(self, text: str, folded: str | None = None) -> bool:
        """Found in `text` (`folded`: its `caseless` form, when known)."""
        if self.pattern is not None and self.pattern.search(text):
            return True
        if self.words and folded is None:
            folded = caseless(text)
        return any(w in folded for w in self.words)


_GATES = {name: Gate(*data) for name, data in _GATES_DATA.items()}
_RULE_GATES = [_GATES.get(rule.name) for rule in RULES]
_STARTS = Starts([rule.pattern for rule in RULES])  # where each rule can start (starts.py)


def candidates(text: str) -> list[Candidate]:
    """Every rule's matches, longest first (earlier rules first among equals)."""
    found: list[Candidate] = []
    folded = caseless(text)
    for i in range(len(RULES)):
        gate = _RULE_GATES[i]
        if gate is not None and not gate.search(text, folded):
            continue
        for m in _STARTS.matches(i, text):  # RULES[i].pattern.finditer(text), faster
            s, e = m.span("t") if m.groupdict().get("t") is not None else m.span()
            while s < e and text[s].isspace():
                s += 1
            trim = _TRIM_LEFT.match(text, s, e)
            if trim:
                s = trim.end()
            if e > s:
                found.append((s, e, i, m))
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    return found


def select(found: list[Candidate], accept: Callable[[Candidate], bool], size: int) -> list:
    """The longest non-overlapping candidates that `accept` keeps, in text order."""
    taken: list[Candidate] = []
    occupied = bytearray(size + 1)
    for c in found:
        if any(occupied[c[0] : c[1]]) or not accept(c):
            continue
        occupied[c[0] : c[1]] = b"\x01" * (c[1] - c[0])
        taken.append(c)
    taken.sort(key=lambda c: c[0])
    return taken


# ------------------------------------------------------------------ traps

_OPEN_QUOTE = re.compile(r"[\"“‘]|(?<![\w])'")
_CLOSE_QUOTE = re.compile(r"[\"”]|['’](?![\w])")
_TITLE_WORDS = re.compile(r"(?:[A-Z][\w'’]*\s+){0,6}$")
_BLOCKING_ENTS = {"PERSON", "WORK_OF_ART"}
_NAME_MONTHS = {"May", "April", "June", "August", "January"}  # also first or last names
_DATE_WORDS = re.compile(
    r"(?i:^(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|spring|summer|fall|"
    r"autumn|winter|morning|afternoon|evening|night|of|in|on|and|the|last|this|next)$)"
)
# Rules whose dates become the narrative's reference time (offsets like "a year earlier" don't).
_SETS_REF = {
    "full_date", "the_year", "numeric_date", "month_year", "month", "year", "quarter", "season",
    "deictic_day", "weekday", "clock", "part_of_day",
}  # fmt: skip
_MONTH_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_MONTH_NEXT = re.compile(rf"\s+{_MONTH_NAMES}\b")
_MONTH_BEFORE = re.compile(rf"\b{_MONTH_NAMES}\s+$")
_NAME_BEFORE = re.compile(r"(?<![.!?:\"“] )\b[A-Z][\w&.]*[A-Za-z]\s+$")
# Rules that only fire right after the text named a day (the probe context has none).
_NEEDS_NARRATIVE = {"pod_of_the_day", "until_then"}
_WORDY_RULES = {"month", "weekday", "season", "month_year"}


def _in_title(text: str, s: int, e: int, check_next: bool) -> bool:
    """Inside a short quoted title ("'May December' actress") or before a capitalised word."""
    left = text[max(0, s - 40) : s]
    right = text[e : e + 40]
    opens = [m.end() for m in _OPEN_QUOTE.finditer(left)]
    if opens and not re.search(r"[.!?,;:\n]", left[opens[-1] :]):
        close = _CLOSE_QUOTE.search(right)
        if close and len((left[opens[-1] :] + right[: close.start()]).split()) <= 6:
            return True
    if not check_next:
        return False
    nxt = re.match(r"\s+([A-Z][\w'’]+)", right)
    return bool(nxt and not _DATE_WORDS.match(nxt.group(1)) and len(nxt.group(1)) > 1)


def _is_trap(
    rule: Rule, m: re.Match, s: int, e: int, text: str, doc: Doc | None, dct_year: int | None
) -> bool:
    """Ages, titles, names and quantities that look like times."""
    after = text[e : e + 12]
    before = text[max(0, s - 12) : s]
    if re.match(r"(?:-|\s+)(?:years?|months?|weeks?|days?)?-?old\b", after) or re.match(
        r"-old\b", after
    ):
        return True
    if rule.name in ("duration", "fuzzy_duration") and re.search(r"(?i:\baged?\s*)$", before):
        return True
    span_text = text[s:e]
    if (
        rule.name in ("deictic_day", "reference")
        and span_text[:1].isupper()
        and _NAME_BEFORE.search(text, max(0, s - 30), s)
    ):
        return True  # "USA Today", "VOA Today": a name that ends in a time word
    bare_word = rule.name in _WORDY_RULES and not re.search(r"\d", span_text)
    titled = bare_word or span_text.istitle() and not re.search(r"\d", span_text)
    if titled and _in_title(text, s, e, bare_word):
        return True
    if bare_word and (_MONTH_NEXT.match(text, e) or _MONTH_BEFORE.search(text, 0, s)):
        return True  # "May December": two month names in a row name a title
    if doc is not None and (bare_word or rule.name == "year"):
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and len(span):
            ents = {t.ent_type_ for t in span}
            months = rule.name in ("month", "month_year")
            if months and bare_word and ents & _BLOCKING_ENTS:
                return True
            if span_text in _NAME_MONTHS and span.start > 0:
                prev = doc[span.start - 1]
                if prev.pos_ == "PROPN" and prev.ent_type_ == "PERSON":
                    return True  # "Theresa May"
            if titled and span.start > 0 and doc[span.start - 1].ent_type_ == "WORK_OF_ART":
                return True
            if rule.name == "year":
                return _year_is_quantity(span, dct_year)
    return False


def _year_is_quantity(span, dct_year: int | None) -> bool:  # noqa: ANN001
    """A 4-digit number counting things ("2000 troops") rather than naming a year."""
    tok = span[-1]
    if dct_year is not None and abs(int(tok.text) - dct_year) <= 15 if tok.text.isdigit() else 1:
        return False
    if tok.i + 1 < len(tok.doc):
        nxt = tok.doc[tok.i + 1]
        if nxt.tag_ in ("NNS",) and nxt.is_lower and nxt.dep_ != "npadvmod":
            return True
    return tok.dep_ == "nummod" and tok.head.tag_ == "NNS" and tok.head.i > tok.i


# ------------------------------------------------------------------ normalise


def _anchor_days(dct: TimeValue | None) -> list[date]:
    """The days a (possibly ranged) document date stands for: one, or its two ends."""
    if dct is None:
        return []
    lo = dct.earliest or _first_day(dct.value)
    hi = dct.latest or lo
    if lo is None:
        return []
    return [lo] if hi == lo or hi is None else [lo, hi]


def _first_day(value: str) -> date | None:
    m = re.match(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", value or "")
    if not m:
        return None
    return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


def _interval(res: Result, today: date | None) -> tuple[date | None, date | None]:
    if res.bounds is not None:
        return res.bounds
    if res.point is not None:
        return narrow(res.point, res.mod)
    if today is None:
        return None, None
    return {
        "PAST_REF": (None, today),
        "PRESENT_REF": (today, today),
        "FUTURE_REF": (today, None),
    }.get(res.value, (None, None))


def _merge(
    results: list[Result], intervals: list[tuple]
) -> tuple[Result, date | None, date | None]:
    """One value for a range of document dates: the coarsest unit covering every reading."""
    first = results[0]
    if all(r.value == first.value for r in results):
        lo = min((i[0] for i in intervals if i[0]), default=None)
        his = [i[1] for i in intervals]
        hi = (
            None
            if any(h is None for h in his) and first.value != "PRESENT_REF"
            else max((h for h in his if h), default=None)
        )
        return first, lo, hi
    points = [r.point for r in results]
    lo, hi = intervals[0][0], intervals[-1][1]
    if all(p is not None and p.gran in ("D", "M") for p in points) and len(
        {(p.gran, p.start.month, p.start.day) for p in points}
    ) == 1:  # "Aug. 20" in an article of 2024 or 2025: the day is known, the year is not
        p = points[0]
        value = f"XXXX-{p.start.month:02d}" + (f"-{p.start.day:02d}" if p.gran == "D" else "")
        return Result(first.type, value, None, None, first.anchor), lo, hi
    if all(p is not None for p in points):
        for gran in [g for g in GRANS[GRANS.index(points[0].gran) :] if g != "S"]:
            cover = {p.coarsen(gran) for p in points}
            if len(cover) == 1:
                point = cover.pop()
                return Result(first.type, point.value, point, None, first.anchor), lo, hi
    return first, lo, hi


def tag_doc(doc: Doc, dct: TimeValue | None, article_id: str = "") -> list[Timex]:
    """Time expressions in a parsed document, normalised against document date `dct`."""
    return tag(doc_text(doc), dct, article_id, doc)


def tag(
    text: str, dct: TimeValue | None, article_id: str = "", doc: Doc | None = None
) -> list[Timex]:
    """Time expressions in `text` (with its spaCy `doc` for tense and traps, when given)."""
    days = _anchor_days(dct)
    contexts = [Context(d, doc) for d in days] or [Context(None, doc)]
    dct_year = days[0].year if days else None
    probe = Context(days[0] if days else None, doc)

    def accept(c: Candidate) -> bool:
        s, e, i, m = c
        rule = RULES[i]
        if _is_trap(rule, m, s, e, text, doc, dct_year):
            return False
        if rule.name in _NEEDS_NARRATIVE:
            return True  # decided below, once the narrative's reference time is known
        try:
            return rule.handle(m, probe.at(s, e)) is not None
        except (OverflowError, ValueError):  # a value past the calendar's ends: not tagged
            return False

    out: list[Timex] = []
    for s, e, i, m in select(candidates(text), accept, len(text)):
        try:
            done = _normalise(text, s, e, RULES[i], m, contexts, article_id)
        except (OverflowError, ValueError):  # past the calendar's ends (year 1, 9999): skip it
            continue
        if done is None:
            continue
        out.append(done[0])
        _narrate(RULES[i], *done, contexts)
    return out


def _narrate(rule: Rule, timex: Timex, results: list[Result], contexts: list[Context]) -> None:
    """Move the narrative's reference time (and last quarter) to what `timex` just named."""
    for r, ctx in zip(results, contexts, strict=True):
        if r.point is not None and r.point.gran == "Q" and r.anchor != "event":
            ctx.quarter, ctx.quarter_end = r.point, timex.end
        if r.point is not None and r.type in ("DATE", "TIME") and rule.name in _SETS_REF:
            ctx.reference, ctx.reference_at = r.point, timex.end


_DAY_VALUE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
_ISO_TEXT = re.compile(r"\d{4}-\d\d-\d\d$")


def stated_day(t: Timex) -> date | None:
    """The day an expression names outright, whatever the document date: a full date
    ("February 23, 2024", "23 Feb. 2024", "Tue. March 12, 2024") or an ISO one ("2024-02-23";
    not "6/1/2023", which is month first only in the US)."""
    m = _DAY_VALUE.match(t.value)
    if m is None or t.rule not in ("full_date", "numeric_date") or t.anchor != "none":
        return None
    if t.rule == "numeric_date" and not _ISO_TEXT.match(t.text):
        return None
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def stated_days(text: str) -> list[tuple[Timex, date]]:
    """The days `text` names outright (`stated_day`), read by the grammar with no document
    date and no parse: what ingest reads datelines and metadata with."""
    return [(t, d) for t in tag(text, None) if (d := stated_day(t)) is not None]


def reader(text: str, timex: Timex) -> Callable[[date], Timex | None] | None:
    """What `timex` would read in a document dated each day asked for (no narrative context:
    for expressions anchored to the document date), by its rule and tense; None when its rule
    no longer matches there. Inverting this is how the story stage dates an article from what
    its relative expressions must mean (story/dating.py)."""
    index = {rule.name: i for i, rule in enumerate(RULES)}
    i = index.get(timex.rule, -1)
    hit = next(((e, m) for s, e, j, m in candidates(text) if j == i and s == timex.start), None)
    if hit is None:
        return None
    e, m = hit
    tenses = {timex.start: timex.tense}

    def read(day: date) -> Timex | None:
        try:
            done = _normalise(text, timex.start, e, RULES[i], m,
                              [Context(day, None, tenses=tenses)], timex.article)  # fmt: skip
        except (OverflowError, ValueError):
            return None
        return done[0] if done else None

    return read


def reread(text: str, timexes: list[Timex], dct: TimeValue | None) -> list[Timex]:
    """The same expressions normalised against another document date, without the parse: each
    by the rule that read it (`Timex.rule`) with the tense it was read with (`Timex.tense`),
    the narrative's reference time replayed in text order. Used when the story stage dates an
    article anew (story/dating.py); an expression its rule now declines keeps its old reading,
    and against the first date it gives back what `tag` gave."""
    days = _anchor_days(dct)
    tenses = {t.start: t.tense for t in timexes}
    contexts = [Context(d, None, tenses=tenses) for d in days or [None]]
    index = {rule.name: i for i, rule in enumerate(RULES)}
    wanted = {(t.start, index[t.rule]) for t in timexes if t.rule in index}
    found = {(s, i): (e, m) for s, e, i, m in candidates(text) if (s, i) in wanted}
    out: list[Timex] = []
    for t in sorted(timexes, key=lambda t: t.start):
        i = index.get(t.rule, -1)
        if (t.start, i) not in found:
            out.append(t)
            continue
        e, m = found[(t.start, i)]
        try:
            done = _normalise(text, t.start, e, RULES[i], m, contexts, t.article)
        except (OverflowError, ValueError):
            done = None
        if done is None:
            out.append(t)
            continue
        out.append(done[0])
        _narrate(RULES[i], *done, contexts)
    return out


def _normalise(
    text: str, s: int, e: int, rule: Rule, m: re.Match, contexts: list[Context], article_id: str
) -> tuple[Timex, list[Result]] | None:
    """One selected candidate as a Timex (with its per-anchor results), or None when a rule
    handler declines it under one of the anchors."""
    results = []
    for ctx in contexts:
        res = rule.handle(m, ctx.at(s, e))
        if res is None:
            return None
        results.append(res)
    if rule.name == "duration" and results[0].type == "DURATION":
        e, results = _after_event(text, s, e, results, contexts)
    intervals = [_interval(r, c.today) for r, c in zip(results, contexts, strict=True)]
    res, lo, hi = _merge(results, intervals)
    if res.type == "DURATION" or res.type == "SET":
        lo = hi = None
    tense = read_tense(rule.name, m, contexts[0].at(s, e))
    timex = Timex(article_id, s, e, text[s:e], res.type, res.value, lo, hi, res.anchor, rule.name,
                  tense)  # fmt: skip
    return timex, results


def _after_event(
    text: str, s: int, e: int, results: list[Result], contexts: list[Context]
) -> tuple[int, list[Result]]:
    """ "a month after the wedding" right after the narrative dated an event: that date plus
    a month, anchored to the event; otherwise the plain duration stands."""
    m = DURATION_AFTER.pattern.match(text, s)
    if m is None or m.start("t") != s:
        return e, results
    end = m.end("t")
    anchored = [DURATION_AFTER.handle(m, ctx.at(s, end)) for ctx in contexts]
    if any(r is None or r.type != "DATE" for r in anchored):
        return e, results
    return end, anchored  # type: ignore[return-value]


def tag_text(text: str, dct: TimeValue | str | None, nlp: Language | None = None) -> list[Timex]:
    """Convenience: parse `text` with `nlp` (if given) and tag it; `dct` may be YYYY-MM-DD."""
    if isinstance(dct, str):
        dct = value_to_time(dct)
    doc = nlp(text) if nlp is not None else None
    return tag(text, dct, "", doc)


_LATER = re.compile(r"(?P<m>.+?)\s+(?i:later|afterwards?|after|before)")


def timeml_form(t: Timex) -> Timex:
    """The expression as TimeML annotates it: "three days later" is the duration "three days"
    (with "later" a signal), where storyline keeps the date it anchors to."""
    m = _LATER.fullmatch(t.text)
    if t.type != "DATE" or m is None:
        return t
    measure = tag(m.group("m"), None)
    if len(measure) != 1 or measure[0].type != "DURATION" or measure[0].end != m.end("m"):
        return t
    d = measure[0]
    return Timex(t.article, t.start, t.start + d.end, d.text, d.type, d.value, None, None, t.anchor)


def value_to_time(value: str) -> TimeValue:
    """A TimeValue for a date string of any precision: 2024-02-23, 2024-02, 2024."""
    m = re.match(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", value)
    if not m:
        raise ValueError(f"not a date: {value!r}")
    gran = "D" if m.group(3) else "M" if m.group(2) else "Y"
    point = Point.of(gran, _first_day(value))
    return TimeValue(point.value, point.start, point.end)
