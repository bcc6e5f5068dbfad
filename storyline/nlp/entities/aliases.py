"""Names in one article: clean the model's entity spans, then group full names with short forms.

"Natalie Portman", "Portman", "Natalie" and "Nat" become one group when exactly one full name fits;
when two people share a surname the short form goes to the one named most recently.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.attrs import IDX, IS_ALPHA, IS_TITLE, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc

from storyline.nlp.doc_text import doc_text, last_doc, token_ids
from storyline.nlp.entities import tables as T
from storyline.nlp.time.occasions import holiday_reason, holiday_span
from storyline.nlp.time.starts import window_search


@dataclass
class Cand:
    """One mention while the article is being analysed."""

    start: int
    end: int
    text: str
    label: str  # storyline type vote from the model, or a cue
    tok: int  # index of the mention's last token
    kind: str = "name"
    cues: set[str] = field(default_factory=set)  # outlet, work, person, award, child
    group: int = -1
    # A short form that fits several people ("Castell" with Julian and Maren Castell named):
    # the groups it may be, decided later by gender and salience (see coref.resolve).
    options: list[Group] = field(default_factory=list)


@dataclass
class Group:
    """A local entity being assembled: its mentions, type and what we know about it."""

    index: int
    mentions: list[Cand] = field(default_factory=list)
    type: str = "ORG"
    gender: str | None = None
    roles: Counter = field(default_factory=Counter)
    gender_votes: Counter = field(default_factory=Counter)
    attributes: dict[str, str] = field(default_factory=dict)
    evidence: Counter = field(default_factory=Counter)  # type cues, see entity_typing.type_cues

    @property
    def full(self) -> Cand | None:
        """The longest name mention (the one that gives given name and surname)."""
        names = [c for c in self.mentions if c.kind == "name"]
        return max(names, key=lambda c: (len(T.name_tokens(c.text)), len(c.text)), default=None)


# (?<!\s): a match starts where its whitespace run starts (else quadratic over long runs).
_SPLIT = re.compile(r"(?<!\s)(?:\s++(?:&|and)\s+|[^\S\n]*+\n\s*)")
_POSS_MID = re.compile(r"['’]s\s+")
_POSS_END = re.compile(r"(?:['’]s|['’])$")
_TRAIL = re.compile(r"(?<![\s,.;:!?\"“”‘’'()\-])[\s,.;:!?\"“”‘’'()\-]+$")
_LEAD = re.compile(r"^(?:(?:the|The|THE)\s+|[\s\"“”‘’'(]+)")


def _trim(text: str, start: int) -> tuple[int, int]:
    """Offsets of `text` without leading "the"/quotes and trailing possessive/punctuation."""
    s, e = 0, len(text)
    while True:
        m = _LEAD.match(text[s:e])
        if not m or not m.group(0):
            break
        s += m.end()
    while True:
        sub = text[s:e]
        m = _POSS_END.search(sub) or (_TRAIL.search(sub) if not sub.endswith("!") else None)
        if not m or m.start() == 0:
            break
        e = s + m.start()
    return start + s, start + e


def name_candidates(doc: Doc, content: str, title: str | None = None) -> list[Cand]:
    """Named mentions from the model, split, trimmed, with furniture rejected; `title` is
    the article's headline as ingest read it (its names count only if the body has them)."""
    out: list[Cand] = []
    for ent in doc.ents:
        label = T.LABEL_MAP.get(ent.label_)
        if label is None:
            continue
        for s, e in _parts(ent.text, ent.start_char, content):
            s, e = _trim(content[s:e], s)
            s, e = _clean_span(doc, s, e, label)
            s, e = holiday_span(content, s, e)  # "Happy Easter to everyone" -> "Easter"
            if label == "PERSON":
                s = _given_before(doc, s, e)
            text = content[s:e]
            if e <= s or _is_furniture(text, content, s) or label == "PERSON" and any(
                    ch.isdigit() for ch in text):
                continue  # a model number belongs to a product ("iPhone 4"), never a person
            tok = doc.char_span(s, e, alignment_mode="expand")
            last = tok[-1].i if tok is not None and len(tok) else ent.end - 1
            out.append(Cand(s, e, text, label, last))
    out = _join_possessive_outlets(out, content)
    out = _drop_headline_only(out, content, title)
    out += _cued_people(doc, content, out)
    out += _cued_orgs(doc, content, out)
    out += _camel_case_names(doc, content, out)
    return out + _cued_works(doc, content, out)


def _join_possessive_outlets(cands: list[Cand], content: str) -> list[Cand]:
    """ "Tom's Hardware reported", "according to Tom's Guide": a name, "'s" and a name that
    stand where an outlet stands are one outlet name, and no person."""
    out: list[Cand] = []
    for c in sorted(cands, key=lambda c: c.start):
        prev = out[-1] if out else None
        if prev is not None and re.fullmatch(r"['’]s\s+", content[prev.end : c.start]) and (
                T.OUTLET_AFTER.match(content[c.end : c.end + 40])
                or window_search(content).search(
                    T.OUTLET_BEFORE, max(0, prev.start - 60), prev.start)):
            out[-1] = Cand(prev.start, c.end, content[prev.start : c.end], "ORG", c.tok)
            continue
        out.append(c)
    return out


_CAMEL = re.compile(r"^[a-z]{1,2}[A-Z][A-Za-z]+$")
_CAMEL_INSIDE = re.compile(r"[a-z][A-Z][A-Za-z]")  # in the text of every _CAMEL token
_MODEL_NUMBER = re.compile(r"^(?:\d{1,2}[A-Za-z]{0,2}|[A-Z]{1,3}\d{0,2}|[IVX]{1,3})$")


def _camel_case_names(doc: Doc, content: str, found: list[Cand]) -> list[Cand]:
    """ "iPhone 4", "eBay", "iPod": a word starting lower case with a capital inside is a
    brand name the small model often misses; a short model number after it belongs to it."""
    if not _CAMEL_INSIDE.search(doc_text(doc)):
        return []  # no token can match: not one per token
    covered = {i for c in found for i in range(c.start, c.end)}
    out = []
    for t in doc:
        if not _CAMEL.match(t.text) or t.idx in covered:
            continue
        j = t.i
        while j + 1 < len(doc) and _MODEL_NUMBER.match(doc[j + 1].text) and \
                doc[j + 1].idx == doc[j].idx + len(doc[j]) + 1:
            j += 1
        s, e = t.idx, doc[j].idx + len(doc[j])
        out.append(Cand(s, e, content[s:e], "PRODUCT", j))
    return out


@last_doc
def _token_rows(doc: Doc) -> list[tuple[bool, bool, bool, int]]:
    """(is_title, is_alpha, is a proper noun, idx) of every token, read in one pass per Doc
    (the Title Case scans below look at each token several times); built column-wise by
    numpy, no Python test per token."""
    if not len(doc):
        return []
    rows = doc.to_array([IS_TITLE, IS_ALPHA, POS, IDX])
    return list(zip((rows[:, 0] != 0).tolist(), (rows[:, 1] != 0).tolist(),
                    (rows[:, 2] == PROPN).tolist(), rows[:, 3].tolist(), strict=True))


def _cued_orgs(doc: Doc, content: str, found: list[Cand]) -> list[Cand]:
    """A Title Case run ending in a corporate word the model missed: "the Nordvik Opera"."""
    covered = {i for c in found for i in range(c.start, c.end)}
    runs = [title and alpha and idx not in covered for title, alpha, _, idx in _token_rows(doc)]
    out = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and runs[j]:
            j += 1
        if j - i >= 2 and doc[j - 1].lower_ in T.ORG_HEADS and i != doc[i].sent.start:
            s, e = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
            c = Cand(s, e, content[s:e], "ORG", j - 1)
            c.cues.add("org")
            out.append(c)
        i = max(j, i + 1)
    return out


def _cued_people(doc: Doc, content: str, found: list[Cand]) -> list[Cand]:
    """Two or three Title Case words right after a title the model missed as a name:
    "chief executive Per Moe", "Ms. Ada Lind"."""
    out = []
    for i, j in _title_runs_after(doc, content, found, T.PERSON_BEFORE, max_words=3,
                                  mid_sentence=True):
        if j > i:
            s, e = doc[i].idx, doc[j].idx + len(doc[j])
            out.append(Cand(s, e, content[s:e], "PERSON", j))
    return out


def _title_runs_after(
    doc: Doc, content: str, found: list[Cand], cue: re.Pattern[str],
    max_words: int | None = None, mid_sentence: bool = False,
) -> Iterator[tuple[int, int]]:
    """Token ranges [i, j] of Title Case proper-noun runs right after `cue` (within 40
    characters) that no found name covers. With `max_words`, runs are capped and stop at a
    covered token; with `mid_sentence`, a run may not open its sentence."""
    covered = {i for c in found for i in range(c.start, c.end)}
    rows = _token_rows(doc)
    win = window_search(content)
    i = 0
    while i < len(doc):
        title, alpha, propn, idx = rows[i]
        nxt = rows[i + 1] if i + 1 < len(doc) else None
        propn = propn or nxt is not None and nxt[2] and nxt[0]
        if propn and title and alpha and idx not in covered and \
                win.search(cue, max(0, idx - 40), idx) and \
                not (mid_sentence and doc[i].sent.start == i):
            j = i
            while j + 1 < len(doc) and rows[j + 1][0] and rows[j + 1][2] and (
                max_words is None or (j - i < max_words - 1 and rows[j + 1][3] not in covered)
            ):
                j += 1
            yield i, j
            i = j
        i += 1


# Capitalised words that open a question or clause, never a name: "Are Mara Quill ...?"
_LEADING_NON_NAME = frozenset(
    ["are", "is", "was", "were", "do", "does", "did", "has", "have", "had", "why", "how",
     "what", "when", "where", "who", "whose", "which", "whom", "could", "should", "would",
     "shall", "must", "might", "cannot"]
)
# Tags that end a person's name inside a Title Case run: "Natalie Portman Ditches Ring While".
_NAME_BREAK_TAGS = frozenset(["VBZ", "VBD", "VBP", "VBG", "MD", "IN", "WRB", "WP", "RB"])
# An organisation's name may hold "of" ("Bank of America"), never a finite verb or an adverb:
# "Sophie Turner Are Getting Divorced" in a Title Case headline is a name and a clause.
_ORG_BREAK_TAGS = frozenset(["VBZ", "VBD", "VBP", "MD", "RB", "WRB", "WP"])
_KEEP_INSIDE = frozenset(["de", "del", "della", "di", "da", "van", "von", "der", "den", "du",
                          "la", "le", "bin", "ibn", "al", "el", "y", "of"])


def _clean_span(doc: Doc, s: int, e: int, label: str) -> tuple[int, int]:
    """Drop a leading auxiliary or question word from a name, and cut a person's name at the
    first verb or subordinator the model swallowed in a Title Case headline."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or not len(span):
        return s, e
    toks = [t for t in span if t.idx >= s and t.idx + len(t) <= e]
    while len(toks) > 1 and toks[0].lower_ in _LEADING_NON_NAME and label != "WORK":
        toks = toks[1:]
    breaks = _NAME_BREAK_TAGS if label == "PERSON" else _ORG_BREAK_TAGS if label == "ORG" \
        else frozenset()
    if breaks and len(toks) > 1:
        for n, t in enumerate(toks[1:], start=1):
            if t.tag_ in breaks and t.lower_ not in _KEEP_INSIDE:
                toks = toks[:n]
                break
    if not toks:
        return s, e
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _given_before(doc: Doc, s: int, e: int) -> int:
    """ "Mayor Renata Solberg" tagged "Solberg": a Title Case proper noun compounded into the
    name right before it, which is no title or role word, is the given name the model left
    out."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or not len(span) or span.start == 0:
        return s
    t = doc[span.start - 1]
    if (t.pos_ == "PROPN" and t.is_title and t.is_alpha and t.dep_ == "compound"
            and span.start <= t.head.i < span.end and t.lower_ not in T.ROLES
            and t.lower_ not in T.HONORIFICS and t.lower_ not in T.TITLE_WORDS
            and t.i > 0 and doc[t.i - 1].is_title and doc[t.i - 1].lower_ in T.TITLE_WORDS
            | frozenset(T.ROLES) | T.HONORIFICS):
        return t.idx
    return s


def _line_of(content: str, start: int) -> tuple[int, int]:
    line_start = content.rfind("\n", 0, start) + 1
    line_end = content.find("\n", start)
    return line_start, line_end if line_end >= 0 else len(content)


def _headline_line(
    content: str, start: int, covered: set[int], memo: dict[int, bool] | None = None
) -> bool:
    """A Title Case line ("Star Ditches Ring While Having Lunch"): the model over-reads names.

    Only the words outside the names found count, so a one-line sentence made mostly of names
    ("Mara Quill and Jonas Verhoeven split in 2019.") is not a headline.
    """
    lo, hi = _line_of(content, start)
    if memo is not None and lo in memo:
        return memo[lo]
    words = [m for m in re.finditer(r"[^\W\d_]{4,}", content[lo:hi])
             if lo + m.start() not in covered]
    caps = sum(m.group(0)[0].isupper() for m in words)
    out = len(words) >= 3 and caps >= 0.7 * len(words)
    if memo is not None:
        memo[lo] = out
    return out


def _drop_headline_only(cands: list[Cand], content: str, title: str | None = None) -> list[Cand]:
    """Names found only in Title Case headlines (or in the line ingest read as the title,
    "Chipmaker shares jump") are dropped unless the body names them too.

    A text with no body line at all (a headline or a one-line item) keeps its names.
    """
    covered = {i for c in cands for i in range(c.start, c.end)}
    memo: dict[int, bool] = {}  # line start -> headline? (many names share a line)
    if title and title.strip():
        for m in re.finditer(r"(?m)^[ \t]*" + re.escape(title.strip()) + r"[ \t]*$", content):
            memo[m.start()] = True
    in_body = [c for c in cands if not _headline_line(content, c.start, covered, memo)]
    if not in_body and not _has_body_line(content, covered, memo):
        return cands
    body_words = {w for c in in_body for w in T.name_tokens(c.text)}
    body = {id(c) for c in in_body}
    keep = []
    for c in cands:
        if id(c) in body or all(w in body_words for w in T.name_tokens(c.text)):
            keep.append(c)
    return keep


def _has_body_line(content: str, covered: set[int], memo: dict[int, bool] | None = None) -> bool:
    """Some line of running text that is not a Title Case headline."""
    pos = 0
    for line in content.split("\n"):
        if len(re.findall(r"[^\W\d_]{4,}", line)) >= 3 and not _headline_line(
            content, pos, covered, memo
        ):
            return True
        pos += len(line) + 1
    return False


def _cued_works(doc: Doc, content: str, found: list[Cand]) -> list[Cand]:
    """Title-case words right after "the film", "a re-imagining of" that the model missed."""
    out = []
    for i, j in _title_runs_after(doc, content, found, T.WORK_BEFORE):
        s, e = doc[i].idx, doc[j].idx + len(doc[j])
        c = Cand(s, e, content[s:e], "WORK", j)
        c.cues.add("work")
        out.append(c)
    return out


def _parts(text: str, start: int, content: str = "") -> list[tuple[int, int]]:
    """Split "A & B" into two names and keep the tail of "London's Chiltern Firehouse", unless
    the whole stands where an outlet stands ("Tom's Hardware reported": no Tom)."""
    spans = []
    pos = 0
    for m in _SPLIT.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        last = None
        for last in _POSS_MID.finditer(text, s, e):  # noqa: B007 - only the last match counts
            pass
        # (the outlet context is read only for a name with a possessive inside)
        whole_outlet = last is not None and last.end() < e and bool(content) and bool(
            T.OUTLET_AFTER.match(content[start + e : start + e + 40])
            or window_search(content).search(T.OUTLET_BEFORE, max(0, start + s - 60), start + s))
        # "a Happy Mother's Day" is one holiday name, not "Day"
        holiday = last is not None and _sure_holiday(text[s:e])
        if last is not None and last.end() < e and not whole_outlet and not holiday:
            s = last.end()
        out.append((start + s, start + e))
    return out


def _sure_holiday(text: str) -> bool:
    """The span, a determiner dropped, is a holiday name or a greeting of one."""
    found = holiday_reason(re.sub(r"(?i)^\W*(?:the|a|an)\s+", "", text))
    return found is not None and found[1]


def _is_furniture(text: str, content: str, start: int) -> bool:
    """Image names, handles, tokens, lower-case caption junk, credit lines."""
    if len(text) > 60 or len(text) < 2 and text != "E" or T.FURNITURE_NAME.search(text):
        return True
    line_start = content.rfind("\n", 0, start) + 1
    line_end = content.find("\n", start)
    line = content[line_start : line_end if line_end >= 0 else len(content)]
    if _GENERIC_BYLINE.match(line.strip()):
        return True  # "By Admin", "By Staff": a site's account, not a person
    return bool(T.FURNITURE_LINE.match(line)) or line.strip() == line.strip().lower()


_GENERIC_BYLINE = re.compile(r"(?i)^by\s+(?:the\s+)?(?:admin|administrator|staff|editor|editors|"
                             r"desk|web\s+desk|news\s+desk|team|newsroom|agencies)\.?$")


def group_names(cands: list[Cand]) -> tuple[list[Group], list[Cand]]:
    """Group name mentions: same key, then short forms to the one full name they fit.

    Returns the groups and the short forms that fit several people named before them
    ("Castell" after Julian and Maren Castell), which coreference decides later.
    """
    ambiguous: list[Cand] = []
    groups: list[Group] = []
    by_key: dict[str, Group] = {}
    multi = sorted((c for c in cands if len(T.name_tokens(c.text)) > 1), key=lambda c: c.start)
    single = [c for c in cands if len(T.name_tokens(c.text)) <= 1]
    for c in multi:
        key = T.name_key(c.text)
        g = by_key.get(key)
        if g is None:
            g = by_key[key] = Group(len(groups))
            groups.append(g)
        g.mentions.append(c)
    people = [g for g in groups if _person_like(g)]
    _fold_initial_nicknames(groups, people)
    groups = [g for g in groups if g.mentions]
    people = [g for g in people if g.mentions]
    for i, g in enumerate(groups):
        g.index = i
    for c in sorted(single, key=lambda c: c.start):
        words = T.name_tokens(c.text)
        if not words:
            continue
        fits = _short_form_owners(words[0], c, people)
        if len(fits) > 1:
            c.kind, c.options = "alias", fits
            ambiguous.append(c)
            continue
        g = fits[0] if fits else None
        if g is None:
            key = T.name_key(c.text)
            g = by_key.get(key)
            if g is None:
                g = by_key[key] = Group(len(groups))
                groups.append(g)
        else:
            c.kind = "alias"
        g.mentions.append(c)
    for g in groups:
        g.mentions.sort(key=lambda c: c.start)
        for c in g.mentions:
            c.group = g.index
    return groups, ambiguous


def _fold_initial_nicknames(groups: list[Group], people: list[Group]) -> None:
    """ "J.Lo", "K-Stew": a given name's initial and the start of a surname name the one person
    whose full name fits (moved into that group; the emptied group is dropped by the caller)."""
    for g in groups:
        words = T.name_tokens(g.mentions[0].text)
        if len(words) != 2 or len(words[0]) != 1 or len(words[1]) < 2:
            continue
        initial, stem = words
        owners = [p for p in people if p is not g and _initial_fit(p, initial, stem)]
        if len(owners) == 1:
            for c in g.mentions:
                c.kind = "alias"
            owners[0].mentions.extend(g.mentions)
            g.mentions = []


def _initial_fit(g: Group, initial: str, stem: str) -> bool:
    full = T.name_tokens(g.mentions[0].text) if g.mentions else []
    return len(full) >= 2 and len(full[0]) > 1 and full[0][0] == initial and \
        full[-1] != stem and full[-1].startswith(stem)


def _person_like(g: Group) -> bool:
    """Named as a person: context cues first ("chair Kari Lunde", "CEO of X"), else the labels."""
    cues = {cue for c in g.mentions for cue in c.cues}
    if any(T.is_org_name(c.text) for c in g.mentions):
        return False
    if "person" in cues:
        return True
    if "org" in cues:
        return False
    labels = Counter(c.label for c in g.mentions)
    return labels["PERSON"] > 0 and labels["PERSON"] >= max(labels.values()) / 2


def _childlike(g: Group) -> bool:
    return any("child" in c.cues for c in g.mentions)


def _short_form_owners(word: str, c: Cand, people: list[Group]) -> list[Group]:
    """The person groups whose surname or given name (or its nickname) is `word`.

    Of several, only those named before the mention compete (a brother introduced later does
    not take "Verhoeven, 44"); more than one left is an ambiguity for coreference to settle.
    """
    fits = []
    child = "child" in c.cues
    for g in people:
        full = T.name_tokens(g.mentions[0].text)
        if word == full[-1]:
            fits.append(g)
        elif T.same_given(word, full[0]) and child == _childlike(g):
            fits.append(g)  # "their son Otto" is not the director Otto Falk
    if len(fits) <= 1:
        return fits
    before = [g for g in fits if any(m.start < c.start for m in g.mentions)]
    return before or fits


def find_unlabelled(
    doc: Doc, groups: list[Group], content: str, ambiguous: list[Cand]
) -> None:
    """Capitalised words naming a known person that the model left untagged ("Millepied").

    A word two people share goes to `ambiguous`, like the short forms `group_names` finds.
    """
    words: dict[str, list[Group]] = {}
    for g in groups:
        if g.type != "PERSON":
            continue
        for c in g.mentions:
            for w in T.name_tokens(c.text):
                if g not in words.setdefault(w, []):
                    words[w].append(g)
    covered = {i for g in groups for c in g.mentions for i in range(c.start, c.end)}
    covered |= {i for c in ambiguous for i in range(c.start, c.end)}
    for t in (doc[i] for i, title in enumerate(token_ids(doc)[4]) if title):  # Title Case
        if t.idx in covered:
            continue
        text = t.text
        owners = words.get(T.name_key(text))
        if not owners or _is_furniture(text, content, t.idx):
            continue
        c = Cand(t.idx, t.idx + len(text), text, "PERSON", t.i, kind="alias")
        before = [g for g in owners if any(m.start < t.idx for m in g.mentions)] or owners
        if len(before) > 1:
            c.options = before
            ambiguous.append(c)
            continue
        c.group = before[0].index
        before[0].mentions.append(c)
    for g in groups:
        g.mentions.sort(key=lambda c: c.start)
