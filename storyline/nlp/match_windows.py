"""Where a token pattern can match: the token spans worth handing to spaCy's `Matcher`.

The Matcher tries every pattern at every token, which is most of the claims component's time.
Every event pattern starts with a required word (a LEMMA or LOWER set), and beyond it a match
only crosses tokens its optional `*` elements allow (by part of speech) plus its few fixed
elements. So matches lie inside short windows after the tokens that can start one; running the
Matcher over those windows finds exactly the matches it finds over the whole Doc.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc

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


def windows(doc: Doc, reaches: list[Reach]) -> list[tuple[int, int]]:
    """Merged token ranges [start, end) holding every match of the patterns with `reaches`."""
    by_lemma, by_lower = _index(reaches)
    rows = doc.to_array([LEMMA, LOWER, POS]).tolist() if len(doc) else []
    n = len(rows)
    spans: list[tuple[int, int]] = []
    for i, (lem, low, _) in enumerate(rows):
        starts = by_lemma.get(lem, []) + by_lower.get(low, [])
        end = i
        for r in starts:
            if (r.lemmas is not None and lem not in r.lemma_ids) or (
                r.lowers is not None and low not in r.lower_ids
            ):
                continue
            j, budget = i + 1, r.fixed - 1
            while j < n:
                if rows[j][2] not in r.free_pos_ids:
                    if budget == 0:
                        break
                    budget -= 1
                j += 1
            end = max(end, j)
        if end > i:
            if spans and i <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], end))
            else:
                spans.append((i, end))
    return spans
