"""Employer/role relations from surface patterns: who holds which post at which organisation.

"X was named director of dance at the Y", "his artistic director position of the Y",
"his traveling troupe, the Y", "X, CEO of Y", "Y chief executive X", "Y said its chief
executive, X, ...". Each gives an `employer` relation (person -> organisation) with the role
title in attributes; "resigned from his ... position" marks it ended. The patterns are data.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from storyline.nlp.entities import tables as T
from storyline.nlp.entities.aliases import Cand, Group

ORG_TYPES = frozenset({"ORG", "FAC", "OUTLET"})
MAX_GAP = 90  # characters between the person and the organisation

# Title words beyond the role nouns of `entity_types.ROLES`.
EXTRA_TITLES = ["chief executive", r"chief \w+ officer", "head", "member", "principal", "dean",
                "trustee", "fellow", "partner", "vice president", "vice-president"]
_TITLE_WORDS = sorted(
    EXTRA_TITLES + [w for w, r in T.ROLES.items() if r.kind == "occupation"],
    key=len, reverse=True,
)
_TITLE = "(?:" + "|".join(w if "\\" in w else re.escape(w) for w in _TITLE_WORDS) + ")"
# A role title: up to two modifiers, a title word, and an optional "of <lower-case field>".
ROLE = rf"(?P<role>(?:[\w-]+\s+){{0,2}}?{_TITLE}s?(?:\s+of\s+[a-z]+)?)"
_VERB = (
    r"(?:(?:was|is|has\s+been|had\s+been|will\s+be|were|being|be)\s+)?(?:\w+ly\s+)?"
    r"(?:named|appointed|hired|promoted|elected|made|became|becomes|become|serves|served|"
    r"serving|remains|remained|installed|tapped|works|worked|working|joined|stays|stayed)?"
)
_DET = r"(?:the\s+|its\s+|a\s+|an\s+)?"
_ORG_NEXT = r"\s+(?:of|at|for|with|in)\s+(?:the\s+)?$"

# Person first, organisation after: the text between them.
PERSON_THEN_ORG = [
    # "X was named director of dance at the Y", "X, CEO of Y", "X is a dancer with the Y"
    re.compile(rf"^\s*,?\s*(?:who\s+)?{_VERB}\s*(?:as\s+|to\s+)?{_DET}{ROLE}{_ORG_NEXT}", re.I),
]
# Possessive person first ("his", "her", "X's"): a post or a unit of the organisation.
POSSESSIVE_THEN_ORG = [
    # "his artistic director position of the Y"
    re.compile(rf"^(?:['’]s)?\s+{ROLE}\s+(?:position|post|job|role|seat|title){_ORG_NEXT}",
               re.I),
    # "his traveling troupe, the Y"
    re.compile(r"^(?:['’]s)?\s+(?:[\w-]+\s+){0,2}?(?P<unit>troupe|company|band|team|firm|"
               r"label|ensemble|orchestra|club|party|start-?up|studio|agency|employer)"
               r"\s*,\s*(?:the\s+)?$", re.I),
]
# Organisation first, person after.
ORG_THEN_PERSON = [
    # "Y chief executive X", "Y's chief executive, X"
    re.compile(rf"^(?:['’]s)?\s+{ROLE}\s*,?\s+$", re.I),
    # "Y said on Tuesday that its chief executive, X, ..."
    re.compile(rf"\bits\s+{ROLE}\s*,?\s+$", re.I),
]
# Before the person: the post was left ("resigned from his ... position").
ENDED_BEFORE = re.compile(
    r"\b(?:resign(?:ed|s|ing)?|left|leaves|leaving|quit|quits|stepped\s+down|steps\s+down|"
    r"fired|ousted|departed|exit(?:ed|s)?)\s+(?:from\s+|as\s+)?$",
    re.I,
)
_STRIP = frozenset(["the", "a", "an", "its", "his", "her", "their", "as", "to", "then", "new"])
_POSSESSIVE_WORDS = frozenset(["his", "her", "their"])

Add = Callable[..., None]


def find_roles(doc, groups: list[Group], content: str, add: Add) -> None:
    """Every employer relation the patterns find between a person mention and an
    organisation mention of the same sentence."""
    orgs = [(m, o) for o in groups if o.type in ORG_TYPES for m in o.mentions
            if m.kind in ("name", "alias")]
    people = [(c, g) for g in groups if g.type == "PERSON" for c in g.mentions]
    for c, g in people:
        for m, o in orgs:
            if 0 <= m.start - c.end <= MAX_GAP and _same_sentence(doc, c.start, m.start):
                found = _person_then_org(c, content[c.end : m.start])
            elif 0 <= c.start - m.end <= MAX_GAP and _same_sentence(doc, m.start, c.start):
                found = _org_then_person(c, content[m.end : c.start], content, m)
            else:
                continue
            if found is None:
                continue
            attrs = found
            mods = attrs.pop("_mods", "")
            before = content[max(0, min(c.start, m.start) - 40) : min(c.start, m.start)]
            if ENDED_BEFORE.search(before) or "former" in mods or "ex" in mods.split():
                attrs["ended"] = "yes"
            add(g.index, "employer", o.index, c.start, attrs)


# The patterns chain several optional whitespace quantifiers: over a run of blanked markup they
# backtrack polynomially (90 spaces: about 1 s). Every run is matched as one space instead,
# which the patterns cannot tell apart (roles are read back word by word).
_SPACES = re.compile(r"\s+")


def _person_then_org(c: Cand, gap: str) -> dict[str, str] | None:
    flat = _SPACES.sub(" ", gap)
    if c.kind == "pronoun" and c.text.lower() not in _POSSESSIVE_WORDS:
        possessive = False
    else:
        possessive = c.text.lower() in _POSSESSIVE_WORDS or gap.startswith(("'s", "’s"))
    if c.kind != "pronoun" or not possessive:
        for pat in PERSON_THEN_ORG:
            m = pat.search(flat)
            if m and "\n" not in gap:
                return _role_attrs(m.group("role"))
    if possessive:
        for pat in POSSESSIVE_THEN_ORG:
            m = pat.search(flat)
            if m and "\n" not in gap:
                if "unit" in m.groupdict():
                    return {"unit": m.group("unit").lower()}
                return _role_attrs(m.group("role"))
    return None


def _org_then_person(c: Cand, gap: str, content: str, org: Cand) -> dict[str, str] | None:
    if c.kind == "pronoun" or "\n" in gap:
        return None
    if c.kind == "description" and c.text.lower().startswith("its "):
        # "Y said that its chief executive, X": the description itself names the post
        if re.search(r"[.!?;]", gap):
            return None
        return _role_attrs(c.text[4:])
    if c.kind == "description":
        return None
    flat = _SPACES.sub(" ", gap)  # linear: see _SPACES
    for pat in ORG_THEN_PERSON:
        m = pat.search(flat)
        if m and not re.search(r"[.!?;]", flat[: m.start()]):
            return _role_attrs(m.group("role"))
    return None


def _role_attrs(role: str) -> dict[str, str] | None:
    """Clean role title: leading determiners and verbs dropped, "former" kept aside."""
    words = role.split()
    mods = []
    cut = max((n for n, w in enumerate(words) if w.lower() in ("as", "to")), default=-1)
    if cut >= 0:  # "resigned as chair": the verb is no part of the title
        ended = ENDED_BEFORE.search(" ".join(words[: cut + 1]) + " ")
        words = words[cut + 1 :]
        mods.append("former" if ended else "")
    while words and (words[0].lower() in _STRIP or words[0].lower() in ("former", "ex")):
        mods.append(words.pop(0).lower())
    if not words:
        return None
    return {"role": " ".join(words).lower(), "_mods": " ".join(mods)}


def _same_sentence(doc, a: int, b: int) -> bool:
    sa = doc.char_span(a, a + 1, alignment_mode="expand")
    sb = doc.char_span(b, b + 1, alignment_mode="expand")
    return sa is not None and sb is not None and sa[0].sent.start == sb[0].sent.start
