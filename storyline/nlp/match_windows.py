"""Where a token pattern can match: the token spans worth handing to spaCy's `Matcher`.

The Matcher tries every pattern at every token, which is most of the claims component's time.
Every event pattern starts with a required word (a LEMMA or LOWER set), and beyond it a match
only crosses tokens its optional `*` elements allow (by part of speech) plus its few fixed
elements. So matches lie inside short windows after the tokens that can start one; running the
Matcher over those windows finds exactly the matches it finds over the whole Doc.
`WindowedMatcher` goes one step further: at each such token it runs only the patterns that can
start there (a small Matcher per set of them), since the Matcher's cost is tokens times patterns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import LEMMA, LOWER, POS
from spacy.matcher import Matcher
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

Pattern = list[dict[str, Any]]


@dataclass(frozen=True)
class Reach:
    """What the first token of a pattern must be, and how far a match from it can run."""

    lemmas: frozenset[str] | None  # the first token's lemma is one of these (None: any)
    lowers: frozenset[str] | None  # its lower-cased text is one of these (None: any)
    free_pos: frozenset[str]  # parts of speech a `*`/`+` element may absorb without limit
    fixed: int  # elements that take at most one token each, the first included

    # The same, as the string hashes and part-of-speech ids `Doc.to_array` gives.
    lemma_ids: frozenset[int] = field(init=False, repr=False)
    lower_ids: frozenset[int] = field(init=False, repr=False)
    free_pos_ids: frozenset[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lemma_ids", _hashes(self.lemmas))
        object.__setattr__(self, "lower_ids", _hashes(self.lowers))
        object.__setattr__(self, "free_pos_ids", frozenset(POS_IDS[p] for p in self.free_pos))


def _hashes(values: frozenset[str] | None) -> frozenset[int]:
    return frozenset(get_string_id(v) for v in values or ())


def _values(spec: Any) -> frozenset[str] | None:
    """The strings an attribute value accepts ("x" or {"IN": [...]}); None if not a plain set."""
    if isinstance(spec, str):
        return frozenset([spec])
    if isinstance(spec, dict) and set(spec) == {"IN"}:
        return frozenset(spec["IN"])
    return None


def reach_of(pattern: Pattern) -> Reach | None:
    """The pattern's `Reach`, or None when it cannot be bounded this way (then scan the Doc)."""
    if not pattern:
        return None
    first = pattern[0]
    if "OP" in first or not ({"LEMMA", "LOWER"} & set(first)):
        return None
    lemmas = _values(first["LEMMA"]) if "LEMMA" in first else None
    lowers = _values(first["LOWER"]) if "LOWER" in first else None
    if ("LEMMA" in first and lemmas is None) or ("LOWER" in first and lowers is None):
        return None
    free: set[str] = set()
    fixed = 0
    for element in pattern:
        op = element.get("OP")
        if op in ("*", "+"):
            pos = _values(element.get("POS"))
            if set(element) != {"OP", "POS"} or pos is None:
                return None
            free |= pos
        elif op in (None, "?"):
            fixed += 1
        else:
            return None
    return Reach(lemmas, lowers, frozenset(free), fixed)


def _index(reaches: list[Reach]) -> tuple[dict[int, list[Reach]], dict[int, list[Reach]]]:
    """Reaches by the hash of each lemma and of each lower-cased form that can start them."""
    key = id(reaches)
    if key not in _INDEXES:
        by_lemma: dict[int, list[Reach]] = {}
        by_lower: dict[int, list[Reach]] = {}
        for r in reaches:
            for values, index in ((r.lemmas, by_lemma), (r.lowers, by_lower)):
                for value in values or ():
                    index.setdefault(get_string_id(value), []).append(r)
        _INDEXES[key] = (reaches, by_lemma, by_lower)
    return _INDEXES[key][1], _INDEXES[key][2]


_INDEXES: dict[int, tuple[list[Reach], dict[int, list[Reach]], dict[int, list[Reach]]]] = {}


def _reach_end(r: Reach, i: int, rows: list[list[int]]) -> int:
    """The token after the last one a match of `r` starting at token i can take."""
    n = len(rows)
    j, budget = i + 1, r.fixed - 1
    while j < n:
        if rows[j][2] not in r.free_pos_ids:
            if budget == 0:
                break
            budget -= 1
        j += 1
    return j


def _starts(r: Reach, lem: int, low: int) -> bool:
    """Whether a token with these lemma and lower-case hashes can start a match of `r`."""
    return (r.lemmas is None or lem in r.lemma_ids) and (r.lowers is None or low in r.lower_ids)


def _rows(doc: Doc) -> list[list[int]]:
    """(lemma, lower, pos) of every token, as ints."""
    return doc.to_array([LEMMA, LOWER, POS]).tolist() if len(doc) else []


def _merge(spans: list[tuple[int, int]], i: int, end: int) -> None:
    """Add [i, end) to `spans` (sorted by start, i not before the last start), merging overlaps."""
    if spans and i <= spans[-1][1]:
        spans[-1] = (spans[-1][0], max(spans[-1][1], end))
    else:
        spans.append((i, end))


def windows(doc: Doc, reaches: list[Reach]) -> list[tuple[int, int]]:
    """Merged token ranges [start, end) holding every match of the patterns with `reaches`."""
    by_lemma, by_lower = _index(reaches)
    rows = _rows(doc)
    spans: list[tuple[int, int]] = []
    for i, (lem, low, _) in enumerate(rows):
        end = max((_reach_end(r, i, rows) for r in by_lemma.get(lem, []) + by_lower.get(low, [])
                   if _starts(r, lem, low)), default=i)
        if end > i:
            _merge(spans, i, end)
    return spans


class WindowedMatcher:
    """A spaCy `Matcher` over token patterns that each start with a required word: at every
    token that can start some of them, only those patterns are run, over the tokens their
    `Reach` allows. The same matches as one Matcher over the whole Doc (which tries every
    pattern at every token), as (key hash, start, end), ordered by start, end and pattern."""

    def __init__(self, vocab: Vocab, patterns: list[tuple[str, Pattern]]) -> None:
        self.vocab = vocab
        self.patterns = patterns
        self._rank = {vocab.strings.add(key): k for k, (key, _) in enumerate(patterns)}
        if len(self._rank) != len(patterns):
            raise ValueError("WindowedMatcher needs one key per pattern")
        reaches = [reach_of(p) for _, p in patterns]
        self._whole: Matcher | None = None
        self._reaches: list[Reach] = []
        if any(r is None for r in reaches):  # cannot be bounded: one Matcher over the Doc
            self._whole = self._matcher(tuple(range(len(patterns))))
        else:
            self._reaches = reaches  # type: ignore[assignment]
        self._by_lemma: dict[int, list[int]] = {}
        self._by_lower: dict[int, list[int]] = {}
        for k, r in enumerate(self._reaches):
            for values, index in ((r.lemma_ids, self._by_lemma), (r.lower_ids, self._by_lower)):
                for value in values:
                    index.setdefault(value, []).append(k)
        self._subs: dict[tuple[int, ...], Matcher] = {}

    def _matcher(self, chosen: tuple[int, ...]) -> Matcher:
        """A Matcher holding the patterns `chosen` (indices), in their order."""
        matcher = Matcher(self.vocab)
        for k in chosen:
            key, pattern = self.patterns[k]
            matcher.add(key, [pattern])
        return matcher

    def _order(self, match: tuple[int, int, int]) -> tuple[int, int, int]:
        return match[1], match[2], self._rank[match[0]]

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        if self._whole is not None:
            return sorted(self._whole(doc), key=self._order)
        rows = _rows(doc)
        # each set of patterns that can start at some token: those tokens and their windows
        groups: dict[tuple[int, ...], tuple[set[int], list[tuple[int, int]]]] = {}
        by_lemma, by_lower = self._by_lemma, self._by_lower
        for i, (lem, low, _) in enumerate(rows):
            if lem not in by_lemma and low not in by_lower:
                continue  # no pattern starts with this word (most tokens)
            found = by_lemma.get(lem, []) + by_lower.get(low, [])
            chosen = tuple(sorted({k for k in found if _starts(self._reaches[k], lem, low)}))
            if not chosen:
                continue
            end = max(_reach_end(self._reaches[k], i, rows) for k in chosen)
            starts, spans = groups.setdefault(chosen, (set(), []))
            starts.add(i)
            _merge(spans, i, end)
        out: list[tuple[int, int, int]] = []
        for chosen, (starts, spans) in groups.items():
            matcher = self._subs.get(chosen)
            if matcher is None:
                matcher = self._subs[chosen] = self._matcher(chosen)
            for lo, hi in spans:
                # a match starting at a token of another set is that set's to find
                out += [(key, lo + a, lo + b) for key, a, b in matcher(doc[lo:hi])
                        if lo + a in starts]
        return sorted(out, key=self._order)
