"""Decide each local entity's type once, from its mentions' labels and the cues around them.

The small model tags surnames ORG/NORP, children's names GPE, magazines GPE and films EVENT or
PERSON; the cues here (outlet context, work context, an age or kin noun next to a name) win.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from spacy.tokens import Doc

from storyline.nlp.entities import tables as T
from storyline.nlp.entities.aliases import Cand, Group
from storyline.nlp.time.occasions import holiday_reason
from storyline.nlp.time.starts import window_search

_AGE_AFTER = re.compile(r"^\s*(?:,\s*(?:aged\s+)?\d{1,3}\s*(?:[,.;)]|and\b|$)|\(\d{1,3}\))")
# An age under 18 written against a name makes a child.
_YOUNG_BEFORE = re.compile(r"\b(?:[1-9]|1[0-7])-year-old\s+$")
_YOUNG_AFTER = re.compile(r"^\s*,\s*(?:aged\s+)?(?:[1-9]|1[0-7])\s*(?:[,.;)]|and\b|$)")
_KIN_BEFORE = re.compile(
    r"\b(?:son|daughter|child|kid|baby|husband|wife|spouse|boyfriend|girlfriend|fiancée?|"
    r"mother|father|mom|dad|brother|sister)\s*,?\s*(?:named\s+)?$",
    re.IGNORECASE,
)
# "her performance as Nina Sayers", "the character of X": a role, so a person.
_CHARACTER_BEFORE = re.compile(
    r"\b(?:performance|role|turn|portrayal|character|cast|playing|plays|played|starring)\s+"
    r"(?:as|of)\s+$",
    re.IGNORECASE,
)
# "a lead role in Swan Lake", "starred in Carmen": what follows is a work.
_ROLE_IN_BEFORE = re.compile(
    r"\b(?:[Rr]oles?|[Ss]tarred|[Ss]tars|[Aa]ppeared|[Aa]ppears|[Cc]ameo)\s+in\s+"
    r"(?:[A-Z][\w-]+['’]s\s+)?$"
)
_POSSESSIVE_AFTER = re.compile(r"^['’]s\s+")
# "Daichi Morimoto, the interpreter": a determiner and a role noun, never "X, its chief".
_ROLE_APPOSITION = re.compile(r"^\s*,\s*(?:the|a|an)\s+")
# "Aronofsky's film", "Lind's new album": the owner of a work is its maker.
_MAKER_AFTER = re.compile(
    r"^['’]s\s+(?:\w+\s+)?(?:film|movie|series|documentary|show|album|novel|book|play|"
    r"opera|ballet|song|painting)\b",
    re.IGNORECASE,
)
_CHILD_BEFORE = re.compile(r"\b(?:son|daughter|child|kid|baby)\s*,?\s*(?:named\s+)?$", re.I)


def mark_cues(cands: list[Cand], content: str) -> None:
    """Record on each mention the context cues that say what it names."""
    win = window_search(content)
    for c in cands:
        lo = max(0, c.start - 60)
        before = content[lo : c.start]
        after = content[c.end : c.end + 40]

        def search(pattern: re.Pattern[str], lo: int = lo, c: Cand = c) -> bool:
            return win.search(pattern, lo, c.start)  # pattern.search(before)

        if T.looks_like_outlet_name(c.text):
            c.cues.add("outlet_name")
        if search(T.OUTLET_BEFORE) or T.OUTLET_AFTER.search(after):
            c.cues.add("outlet")
        quoted = bool(before) and T.QUOTED.match(before[-1]) and after[:1] in "”\"’'"
        if search(T.WORK_BEFORE) or T.WORK_AFTER.search(after) or quoted:
            c.cues.add("work")
        if c.label not in ("GPE", "FAC") and search(_ROLE_IN_BEFORE):
            c.cues.add("work")
        if _MAKER_AFTER.match(after):
            c.cues.discard("work")
            c.cues.add("person")
        # (the context regexes are tried only where their answer counts: cheap tests first)
        if T.is_org_name(c.text) or c.label != "PERSON" and bool(
                search(T.ORG_BEFORE) or T.ORG_AFTER.match(after)):
            c.cues.add("org")  # the model's PERSON tag on a two-word name outvotes context
        if c.label == "NORP":
            continue
        if not T.is_org_name(c.text) and "work" not in c.cues and (
                search(T.PERSON_BEFORE) or T.PERSON_AFTER.match(after)
                or c.label != "GPE" and search(T.ROLE_BEFORE)
                or T.TITLE_APPOSITION.match(after) and (
                    c.label != "ORG" or _ROLE_APPOSITION.match(after)
                    and 2 <= len(T.name_tokens(c.text)) <= 3)):
            c.cues.add("person")
        if _AGE_AFTER.match(after) or search(_KIN_BEFORE):
            c.cues.add("person")
        if len(T.name_tokens(c.text)) > 1 and search(_CHARACTER_BEFORE):
            c.cues.add("person")
        if search(_CHILD_BEFORE) or search(_YOUNG_BEFORE) or \
                _YOUNG_AFTER.match(after):
            c.cues.add("child")  # "daughter Willa", "3-year-old Willa", "Aleph, 12"
            if not T.is_org_name(c.text):
                c.cues.add("person")  # an age makes a person of a name the model called ORG
        if T.is_award(c.text):
            c.cues.add("award")
        if _holiday(c, search, after):
            c.cues.add("holiday")


# A one-word holiday core ("White" of "White Sunday") is a day only where a day stands: after a
# preposition or determiner of time, or before a word of the season ("Thanksgiving weekend").
_TIME_BEFORE = re.compile(r"(?i)\b(?:on|at|during|over|until|till|this|last|next)\s+$")
_TIME_AFTER = re.compile(r"(?i)^\s+(?:day|eve|weekend|holidays?|season|break|celebrations?|"
                         r"festivities|dinner|feast|shopping|sales?)\b")


def _holiday(c: Cand, search: Callable[[re.Pattern[str]], bool], after: str) -> bool:
    """A holiday name ("Easter", "Happy Mother's Day"), or a one-word core of one
    ("Thanksgiving") that the model did not call an organisation or place, with no person cue,
    written where a day stands ("on Thanksgiving"; "and White (2 GHz models)" is a colour)."""
    found = holiday_reason(c.text)
    if found is None or "person" in c.cues:
        return False
    return found[1] or c.label in ("PERSON", "WORK", "EVENT") and bool(
        search(_TIME_BEFORE) or _TIME_AFTER.match(after))


_PAIRED = re.compile(r"^\s*(?:and|&|,)\s*$|^\s+(?:[\w.-]+\s+){0,5}?with\s+$", re.IGNORECASE)


def mark_coordinated(cands: list[Cand], content: str) -> None:
    """ "Ilse Varga and Teodor Bakk split": a two- or three-word name the model tagged ORG,
    paired by "and"/"with" with a full name it tagged PERSON, is a person too, unless
    anything says organisation."""
    ordered = sorted(cands, key=lambda c: c.start)
    pairs = [(a, b) for n, a in enumerate(ordered) for b in ordered[n + 1 : n + 4]
             if 0 <= b.start - a.end < 60]
    for a, b in pairs:
        if not _PAIRED.match(content[a.end : b.start]) or "\n" in content[a.end : b.start]:
            continue
        for x, y in ((a, b), (b, a)):
            words = T.name_tokens(x.text)
            if (x.label in ("ORG", "GPE", "NORP", "PRODUCT") and 2 <= len(words) <= 3
                    and y.label == "PERSON" and len(T.name_tokens(y.text)) > 1
                    and not x.cues & {"org", "outlet", "outlet_name", "work", "award"}
                    and all(w[:1].isupper() for w in x.text.split())):
                x.cues.add("person")


def mark_creators(cands: list[Cand], content: str) -> None:
    """ "Tchaikovsky's Swan Lake": a one-word name owning a work is its creator, a person."""
    works = {c.start for c in cands if "work" in c.cues}
    for c in cands:
        m = _POSSESSIVE_AFTER.match(content[c.end : c.end + 4])
        if m and c.end + m.end() in works and c.label != "ORG":
            c.cues.add("person")


def decide_type(g: Group) -> str:
    """One type for a group, by the first rule in `TYPE_RULES` that fires, else by vote."""
    for type_, rule in TYPE_RULES:
        if rule(g):
            return type_
    votes: Counter = Counter()
    for c in g.mentions:
        votes[c.label] += T.LABEL_WEIGHT.get(c.label, 0.6)
    return votes.most_common(1)[0][0] if votes else "ORG"


def _cue(g: Group, cue: str) -> bool:
    return any(cue in c.cues for c in g.mentions)


def _full_person(g: Group) -> bool:
    """Named in full and tagged PERSON at least once: "Natalie Portman" (not "Tom's
    Hardware": a possessive inside makes no full name)."""
    return any(c.label == "PERSON" and len(T.name_tokens(c.text)) > 1
               and not _POSSESSIVE_INSIDE.search(c.text) for c in g.mentions)


_POSSESSIVE_INSIDE = re.compile(r"\w['’]s\s")


def _org(g: Group) -> bool:
    """A corporate word in the name ("Halvorsen Freight"), or organisation context ("CEO of X",
    "X's shares") with no person cue on any mention."""
    if any(T.is_org_name(c.text) for c in g.mentions if c.kind == "name"):
        return True
    return _cue(g, "org") and not _cue(g, "person") and not _cue(g, "outlet_name")


def _award(g: Group) -> bool:
    return _cue(g, "award") and not _full_person(g)


def _outlet(g: Group) -> bool:
    if _cue(g, "outlet_name"):
        return True
    if _full_person(g) or _cue(g, "person"):
        return False
    words = T.name_tokens(g.mentions[0].text)
    known = T.outlet_key(g.mentions[0].text) in T.KNOWN_OUTLETS
    if known:
        return _cue(g, "outlet")
    # An unknown name is an outlet when it mostly stands where outlets stand: "according to
    # Microsoft" once among "Microsoft announced", "a Microsoft spokesperson" is a company.
    cued = sum("outlet" in c.cues for c in g.mentions)
    return cued * 2 >= len(g.mentions) and cued > 0 and len(words) <= 3 and \
        g.mentions[0].label != "PERSON"


def _work(g: Group) -> bool:
    return _cue(g, "work") and not _full_person(g) and not _cue(g, "person")


def _person(g: Group) -> bool:
    return _full_person(g) or _cue(g, "person") or any(c.kind == "alias" for c in g.mentions)


def _only_work(g: Group) -> bool:
    """Every mention sits in a work context ("a new album, Paper Tides"): the model's PERSON
    tag on a two-word title loses."""
    return all("work" in c.cues and "person" not in c.cues for c in g.mentions)


def _model_numbered(g: Group) -> bool:
    """ "iPhone 4", "Windows 7": a brand name with a model number names a product, never a
    person (the candidate came from `aliases._camel_case_names` or the model's PRODUCT)."""
    return any(c.label == "PRODUCT" and any(ch.isdigit() for ch in c.text)
               for c in g.mentions if c.kind == "name")


def _holiday_group(g: Group) -> bool:
    """Every name mention is a holiday, none a person: "Easter" is a day, not a person."""
    names = [c for c in g.mentions if c.kind == "name"]
    return bool(names) and all("holiday" in c.cues and "person" not in c.cues for c in names)


TYPE_RULES = [
    ("EVENT", _holiday_group),
    ("PRODUCT", _model_numbered),
    ("AWARD", _award),
    ("OUTLET", _outlet),
    ("ORG", _org),
    ("WORK", _only_work),
    ("PERSON", _full_person),
    ("WORK", _work),
    ("PERSON", _person),
]


# ------------------------------------------------------------ evidence for the story stage

_PLACE_PREPS = frozenset({"in", "at", "from", "near", "to", "across", "outside"})
_PLURAL_VERBS = frozenset({"are", "were", "have", "do", "'re", "’re", "'ve", "’ve"})


def type_cues(doc: Doc, g: Group, content: str) -> Counter:
    """What each name mention of a group says about its type, counted: the model's label, the
    context cues, "the" before it, a plural verb agreeing with it, the verb it is the subject
    of, a place preposition before it. The story stage pools these over all articles."""
    out: Counter = Counter()
    for c in g.mentions:
        if c.kind not in ("name", "alias"):
            continue
        out[f"label {c.label}"] += 1
        for cue in sorted(c.cues):
            out[f"cue {cue}"] += 1
        before = content[max(0, c.start - 5) : c.start]
        if re.search(r"(?i)\bthe\s+$", before) and not _POSSESSIVE_AFTER.match(
                content[c.end : c.end + 3]):
            out["the before"] += 1
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        if root.dep_ in ("nsubj", "nsubjpass") and not any(x.dep_ == "conj" for x in
                                                           root.children):
            verb = root.head
            auxes = [x for x in verb.children if x.dep_ in ("aux", "auxpass")]
            if any(x.lower_ in _PLURAL_VERBS or x.tag_ == "VBP" for x in [verb, *auxes]):
                out["plural verb"] += 1
            out[f"subject of {verb.lemma_.lower()}"] += 1
        if root.dep_ in ("dobj", "nsubjpass") and root.head.pos_ in ("VERB", "AUX"):
            out[f"object of {root.head.lemma_.lower()}"] += 1  # "released the iPod"
        prev = doc[span.start - 1] if span.start > 0 else None
        if prev is not None and prev.lower_ == "the" and span.start > 1:
            prev = doc[span.start - 2]
        if prev is not None and prev.lower_ in _PLACE_PREPS and prev.dep_ == "prep":
            out["place preposition"] += 1
    return out


def evidence_lines(cues: Counter) -> list[str]:
    """ "label PERSON x3": one line per kind of evidence, most frequent first."""
    return [f"{k} x{n}" for k, n in sorted(cues.items(), key=lambda kv: (-kv[1], kv[0]))]


_LINE = re.compile(r"^(?P<key>.+) x(?P<n>\d+)$")


def read_evidence(lines: list[str]) -> Counter:
    """The counts back from `evidence_lines` (lines of other shapes, like rules, are skipped)."""
    out: Counter = Counter()
    for line in lines:
        m = _LINE.match(line)
        if m:
            out[m.group("key")] += int(m.group("n"))
    return out
