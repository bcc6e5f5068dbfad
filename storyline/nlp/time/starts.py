"""Where a grammar rule's match can start: `Starts.matches(rule index, text)` is
`pattern.finditer(text)`, trying the pattern only at the positions it can start at.

Every rule scans the whole text with `finditer`, which tries the pattern at each character;
that is most of the tagger's time. Most rules open with the left word boundary `B` (no word
character, apostrophe or hyphen before), so a match starts where that holds, and its first
three characters are among the few the pattern can begin with: read off the pattern itself
(its parse, `re._parser`), case folded the way `re` folds them (`_sre.unicode_tolower` and
its extra cases), digits and blanks as one class each. Each such start is tried with
`pattern.match(text, pos)`, continuing after each match as `finditer` does, so the matches are
the same. A rule that does not open with `B`, or whose start cannot be read, is scanned whole.
"""

from __future__ import annotations

import _sre
import re
import threading
from collections.abc import Iterator

try:  # CPython's own regex parser (3.11+): without it every rule is scanned whole
    from re import _constants as C  # noqa: N812
    from re import _parser
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover - another Python
    _parser = None

PREFIX = 3  # characters of a start compared
_LIMIT = 4000  # more prefixes than this for one pattern: compare fewer characters
_BOUNDARY = r"(?<![\w'-])"  # grammar.B: a rule opening with it starts only after no such char
_STARTS = re.compile(_BOUNDARY)


def fold(ch: str) -> str:
    """One character as the start tables see it: blanks " ", decimal digits "0", the rest
    lower-cased the way `re` does for IGNORECASE (one character to one character)."""
    if ch.isspace():
        return " "
    if ch.isdecimal():
        return "0"
    return chr(_sre.unicode_tolower(ord(ch)))


class _Fold(dict):
    """str.translate table folding every character (filled as characters are met)."""

    def __missing__(self, code: int) -> str:
        self[code] = value = fold(chr(code))
        return value


_FOLD = _Fold()

# ------------------------------------------------------------- prefixes of a pattern

Prefixes = set[tuple[str, bool]]  # (start of a match, whether the match may end right there)
_ANY: Prefixes = {("", False)}  # nothing known: any character may follow


def _chars(code: int, ignorecase: bool) -> set[str]:
    """The folded characters a literal matches."""
    ch = chr(code)
    if not ignorecase or not _sre.unicode_iscased(code):
        return {fold(ch)}
    lo = _sre.unicode_tolower(code)
    return {fold(chr(k)) for k in (lo, *_EXTRA_CASES.get(lo, ()))}


def _charset(items: list, ignorecase: bool) -> set[str] | None:
    """The folded characters a class `[...]` matches, or None when too many to list."""
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            out |= _chars(av, ignorecase)
        elif op is C.RANGE:
            lo, hi = av
            if hi - lo > 300:
                return None
            for k in range(lo, hi + 1):
                out |= _chars(k, ignorecase)
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            out.add("0")
        elif op is C.CATEGORY and av is C.CATEGORY_SPACE:
            out.add(" ")
        else:  # NEGATE, \w, \S, ...: too many
            return None
    return out


def _concat(heads: Prefixes, tails: Prefixes, n: int) -> Prefixes:
    out: Prefixes = set()
    for s, open_end in heads:
        if not open_end or len(s) >= n:
            out.add((s, open_end and len(s) >= n))
            continue
        for t, end in tails:
            u = s + t
            out.add((u[:n], end and len(u) <= n))
    return out


def _seq(items: list, flags: int, n: int) -> Prefixes:
    """Prefixes (at most n characters) of a sequence of parsed items."""
    out: Prefixes = {("", True)}
    for item in items:
        if all(not end or len(s) >= n for s, end in out):
            break
        out = _concat(out, _item(item, flags, n), n)
        if len(out) > _LIMIT:
            return _ANY
    return out


def _item(item: tuple, flags: int, n: int) -> Prefixes:
    op, av = item
    ignorecase = bool(flags & re.IGNORECASE)
    if op is C.LITERAL:
        return {(ch, True) for ch in _chars(av, ignorecase)}
    if op is C.IN:
        chars = _charset(av, ignorecase)
        return _ANY if chars is None else {(ch, True) for ch in chars}
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return {("", True)}  # zero width: constrains nothing here
    if op is C.SUBPATTERN:
        _, add, drop, sub = av
        return _seq(sub.data, (flags | add) & ~drop, n)
    if op is C.ATOMIC_GROUP:
        return _seq(av.data, flags, n)
    if op is C.BRANCH:
        out: Prefixes = set()
        for sub in av[1]:
            out |= _seq(sub.data, flags, n)
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        one = _seq(sub.data, flags, n)
        out, cur = set(), {("", True)}
        for k in range(lo + n + 1):  # k repetitions so far
            saturated = all(not end or len(s) >= n for s, end in cur)
            if k >= lo or saturated:
                out |= cur
            if k >= hi or saturated:
                break
            cur = _concat(cur, one, n)
            if len(cur) > _LIMIT:
                return _ANY
        return out
    return _ANY  # ANY, NOT_LITERAL, group references, ...


def prefixes(pattern: re.Pattern) -> dict[int, frozenset[str]] | None:
    """The folded first characters of the pattern's matches, by length (a shorter entry: what
    follows is not known or the match may end there); None when the pattern could start with
    anything, or does not open with the left word boundary."""
    if _parser is None or not pattern.pattern.startswith(_BOUNDARY):
        return None
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    for n in range(PREFIX, 0, -1):
        found = _seq(parsed.data, parsed.state.flags, n)
        if found is not _ANY and len(found) <= _LIMIT:
            break
    if found is _ANY or any(s == "" for s, _ in found):
        return None
    out: dict[int, set[str]] = {}
    for s, _ in found:
        out.setdefault(len(s), set()).add(s)
    return {k: frozenset(v) for k, v in out.items()}


# ------------------------------------------------------------------------ matching


class Starts:
    """The start tables of a list of patterns: `matches(i, text)` is `finditer` of pattern i."""

    def __init__(self, patterns: list[re.Pattern]) -> None:
        self.patterns = patterns
        self.tables = [prefixes(p) for p in patterns]
        self._admits: dict[str, tuple[int, ...]] = {}  # folded start -> patterns it admits
        self._last = threading.local()  # (text, its positions) of the last text, per thread

    def _admitting(self, key: str) -> tuple[int, ...]:
        found = self._admits.get(key)
        if found is None:
            found = self._admits[key] = tuple(
                i for i, table in enumerate(self.tables) if table is not None
                and any(key[:k] in table.get(k, ()) for k in table))
        return found

    def _positions(self, text: str) -> dict[int, list[int]]:
        """Pattern -> the positions in `text` (ascending) where it may start (the last text's
        are kept: the rules are run one after another over one text)."""
        last = getattr(self._last, "pair", None)
        if last is not None and last[0] is text:
            return last[1]
        folded = text.translate(_FOLD)
        at: dict[int, list[int]] = {}
        for m in _STARTS.finditer(text):
            p = m.start()
            for i in self._admitting(folded[p : p + PREFIX]):
                at.setdefault(i, []).append(p)
        self._last.pair = (text, at)
        return at

    def matches(self, i: int, text: str) -> Iterator[re.Match]:
        """`self.patterns[i].finditer(text)`, each match found by `match` at a start."""
        pattern = self.patterns[i]
        if self.tables[i] is None:
            yield from pattern.finditer(text)
            return
        pos = 0
        for p in self._positions(text).get(i, ()):
            if p < pos:
                continue
            m = pattern.match(text, p)
            if m is None:
                continue
            if m.end() == m.start():  # an empty match: finditer's own rules from here
                yield from pattern.finditer(text, p)
                return
            yield m
            pos = m.end()
