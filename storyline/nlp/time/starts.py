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

`window_search(text).search(pattern, lo, hi)` uses the same prefixes for the entity cues'
context patterns ("the 60 characters before a name"): `pattern.search(text[lo:hi])`, tried
only where the pattern can start.
"""

from __future__ import annotations

import _sre
import re
import threading
from bisect import bisect_right
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


class _Caseless(dict):
    """str.translate table: each character as a case-insensitive `re` literal compares it, one
    per class (its lower case, or the least of that and its extra cases: "ſ" as "s")."""

    def __missing__(self, code: int) -> str:
        lo = _sre.unicode_tolower(code)
        self[code] = value = chr(min((lo, *_EXTRA_CASES.get(lo, ())))) if _parser else chr(lo)
        return value


_CASELESS = _Caseless()


def caseless(text: str) -> str:
    """`text` folded so that a word found in it by `in` (the word folded the same) is where
    the word matches with IGNORECASE (one character to one, so offsets stay)."""
    return text.translate(_CASELESS)

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


def prefixes(pattern: re.Pattern, anywhere: bool = False) -> dict[int, frozenset[str]] | None:
    """The folded first characters of the pattern's matches, by length (a shorter entry: what
    follows is not known or the match may end there); None when the pattern could start with
    anything, or (unless `anywhere`) does not open with the left word boundary."""
    if _parser is None or not (anywhere or pattern.pattern.startswith(_BOUNDARY)):
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


# ------------------------------------------------------------------ windows of one text


def _opens_at_boundary(items: list) -> bool:
    """Whether every match of the parsed items starts with the word boundary `\\b`."""
    if not items:
        return False
    op, av = items[0]
    if op is C.AT:
        return av in (C.AT_BOUNDARY, C.AT_UNI_BOUNDARY)  # as _BOUNDARIES finds them
    if op is C.SUBPATTERN:
        return _opens_at_boundary(av[3].data)
    if op is C.BRANCH:
        return all(_opens_at_boundary(sub.data) for sub in av[1])
    return False


class _WindowPatterns:
    """The patterns searched in windows so far, with their prefix tables; only patterns whose
    every match opens with (Unicode) `\\b` and whose prefixes can be read are indexed."""

    def __init__(self) -> None:
        self.index: dict[re.Pattern, int | None] = {}  # None: searched plainly
        self.tables: list[dict[int, frozenset[str]]] = []
        self.admits: dict[str, tuple[int, ...]] = {}  # raw characters at a start -> patterns
        self.word_first = True  # every prefix opens with a word character
        self.lock = threading.Lock()

    def add(self, pattern: re.Pattern) -> int | None:
        with self.lock:
            if pattern not in self.index:
                table = None
                if _parser is not None and not pattern.flags & (re.ASCII | re.LOCALE) and \
                        _opens_at_boundary(
                        _parser.parse(pattern.pattern, pattern.flags).data):
                    table = prefixes(pattern, anywhere=True)
                if table is None:
                    self.index[pattern] = None
                else:
                    self.index[pattern] = len(self.tables)
                    self.tables.append(table)
                    self.admits = {}
                    self.word_first = self.word_first and all(
                        _WORD.match(key) for keys in table.values() for key in keys)
            return self.index[pattern]

    def admitting(self, key: str) -> tuple[int, ...]:
        """The indexed patterns that may start at these (raw, at most PREFIX) characters."""
        found = self.admits.get(key)
        if found is None:
            folded = key.translate(_FOLD)
            found = tuple(i for i, table in enumerate(self.tables)
                          if any(folded[:k] in table.get(k, ()) for k in table))
            if len(self.admits) > 200_000:  # arbitrary text: keep the memo bounded
                self.admits = {}
            self.admits[key] = found
        return found


_WORD = re.compile(r"\w")
_WINDOW_PATTERNS = _WindowPatterns()
_BOUNDARIES = re.compile(r"\b")
_WORD_STARTS = re.compile(r"\b(?=\w)")


class WindowSearch:
    """`search(pattern, lo, hi)` is `pattern.search(text[lo:hi]) is not None`, for the many
    short windows of one text the entity cues look at ("the 60 characters before a name").

    A search tries the pattern at each character of its window. A pattern whose every match
    opens with `\\b` can start only at a word boundary of the window: one of the text's, or
    the window's first character; and only where its first characters are among its prefixes
    (as above). Those positions are found once per text for every such pattern (one pass over
    the text's word boundaries), and a search tries only the ones in its window, by
    `pattern.match` on the same window string. Any other pattern is searched plainly.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._at: list[list[int]] = []  # indexed pattern -> its possible starts, ascending

    def _positions(self, i: int) -> list[int]:
        if i >= len(self._at):  # a pattern indexed since: all again (once per new pattern)
            text, admitting = self.text, _WINDOW_PATTERNS.admitting
            at: list[list[int]] = [[] for _ in _WINDOW_PATTERNS.tables]
            starts = _WORD_STARTS if _WINDOW_PATTERNS.word_first else _BOUNDARIES
            for m in starts.finditer(text):
                p = m.start()
                found = admitting(text[p : p + PREFIX])
                if found:
                    for k in found:
                        at[k].append(p)
            self._at = at
        return self._at[i]

    def search(self, pattern: re.Pattern, lo: int, hi: int) -> bool:
        """Whether `pattern` is found in `text[lo:hi]` (0 <= lo)."""
        i = _WINDOW_PATTERNS.index.get(pattern, -1)
        if i == -1:
            i = _WINDOW_PATTERNS.add(pattern)
        window = self.text[lo:hi]
        if i is None:
            return pattern.search(window) is not None
        if window and i in _WINDOW_PATTERNS.admitting(window[:PREFIX]) and \
                pattern.match(window) is not None:
            return True  # at the window's start (a word boundary there, if not in the text)
        at = self._positions(i)
        k = bisect_right(at, lo)
        while k < len(at) and at[k] < hi:
            if pattern.match(window, at[k] - lo) is not None:
                return True
            k += 1
        return False


_LAST_WINDOWS = threading.local()


def window_search(text: str) -> WindowSearch:
    """The WindowSearch of `text`, kept for the last text asked about (per thread): the
    components of one article ask about its text many times."""
    last = getattr(_LAST_WINDOWS, "search", None)
    if last is None or last.text is not text:
        last = _LAST_WINDOWS.search = WindowSearch(text)
    return last
