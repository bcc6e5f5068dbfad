"""The typed event vocabulary as data: spaCy Matcher / DependencyMatcher patterns per event type.

Each rule names an event type and the token (or dependency) patterns whose match is the
trigger. The matcher code in `events.py` never branches on a type; adding a type or a wording
means adding a row here (documented in docs/events.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def _words(text: str) -> list[str]:
    """A word list written as one string (keeps long vocabularies readable)."""
    return text.split()

Pattern = list[dict[str, Any]]

DET_OR_PRON = {"POS": {"IN": ["DET", "PRON"]}, "OP": "?"}
ADVS = {"POS": {"IN": ["ADV", "PART"]}, "OP": "*"}


def verb(*lemmas: str, **extra: Any) -> dict[str, Any]:
    """A verb token with one of `lemmas` (auxiliary-tagged forms included)."""
    return {"LEMMA": {"IN": list(lemmas)}, "POS": {"IN": ["VERB", "AUX"]}, **extra}


IRREGULAR = {"give": ["gave", "given"], "tie": ["tying"], "take": ["took", "taken"],
             "break": ["broke", "broken"], "call": [], "step": ["stepped", "stepping"]}


def forms(base: str) -> list[str]:
    """A verb's inflected forms, regular rules plus IRREGULAR (over-generation is harmless)."""
    out = {base, base + "s", base + "es", base + "ed", base + "d", base + "ing"}
    if base.endswith("e"):
        out |= {base[:-1] + "ing"}
    if base.endswith("y"):
        out |= {base[:-1] + "ies", base[:-1] + "ied"}
    return sorted(out | set(IRREGULAR.get(base, [])))


def lemma(*lemmas: str) -> dict[str, Any]:
    """Any token that is a form of one of `lemmas`, matched on the lower-cased text (idioms,
    where the tagger mislabels the verb, and Title Case headlines where the lemma is lost)."""
    return {"LOWER": {"IN": [f for base in lemmas for f in forms(base)]}}


def noun(*lemmas: str, **extra: Any) -> dict[str, Any]:
    """A common-noun token with one of `lemmas`."""
    return {"LEMMA": {"IN": list(lemmas)}, "POS": "NOUN", **extra}


def word(*lowers: str, **extra: Any) -> dict[str, Any]:
    """A token whose lower-cased form is one of `lowers`."""
    return {"LOWER": {"IN": list(lowers)}, **extra}


@dataclass(frozen=True)
class EventRule:
    """One way a type is worded: Matcher `tokens` patterns or DependencyMatcher `deps` patterns.

    For token patterns the trigger is the syntactic root of the matched span; for dependency
    patterns it is the node with RIGHT_ID "trigger".
    """

    type: str
    name: str
    tokens: list[Pattern] = field(default_factory=list)
    deps: list[Pattern] = field(default_factory=list)
    named_subject: bool = False  # only when the subject is a name/pronoun, not "a source"
    time_from_report: bool = False  # a rumour's own date dates this event (allegations)
    detail: bool = False  # collect what was notable ("without her wedding ring")
    # Objects (or passive subjects) that make a match something else: "reports were published"
    not_objects: frozenset[str] = frozenset()
    needs_argument: bool = False  # a bare "Published" on a page line is no release of anything


AWARDS = ["oscar", "oscars", "emmy", "grammy", "tony", "award", "prize", "globe", "bafta",
          "medal", "trophy", "honor", "honour"]
ROLE_NOUNS = ["position", "post", "job", "helm", "reins", "office", "presidency", "seat"]
LEAVE_OBJECTS = ROLE_NOUNS + ["role", "company", "board", "firm", "party", "government"]
PARTNER_NOUNS = ["marriage", "relationship", "romance"]
OUSTING_VERBS = ["fire", "oust", "sack", "dismiss", "remove", "depose", "axe", "terminate",
                 "topple", "unseat"]
OFFICE_HOLDERS = ["ceo", "chief", "executive", "president", "chairman", "chairwoman", "chair",
                  "director", "coach", "manager", "minister", "secretary", "head", "founder",
                  "boss", "leader", "editor", "governor", "commissioner", "principal"]
# What gets "published"/"released" without being a work: news about the story itself.
NOT_WORKS = ["report", "claim", "statement", "interview", "photo", "picture", "image", "detail",
             "information", "allegation", "rumor", "rumour", "story", "article", "news", "it",
             "which", "that", "prisoner", "hostage", "suspect", "inmate", "speculation",
             "paper", "document", "finding", "result", "figure", "data", "poll", "survey",
             "he", "she", "they", "him", "her", "them"]  # "he was released on bail"
# What gets "promoted" without anyone being appointed: the work or product being plugged.
PROMOTED_THINGS = ["film", "movie", "album", "book", "show", "tour", "project", "product",
                   "series", "song", "single", "record", "brand", "collection", "line",
                   "campaign", "event", "cause", "memoir", "novel", "documentary", "season"]
PARTNER_PEOPLE = ["wife", "husband", "girlfriend", "boyfriend", "partner", "fiance", "fiancé",
                  "fiancee", "fiancée", "spouse"]
MODIFIERS = {"POS": {"IN": ["ADJ", "PUNCT", "ADP", "NUM"]}, "OP": "*"}  # "his live-in girlfriend"
NEGATIONS = ["not", "n't", "n’t", "never"]  # "n’t" is sometimes parsed as punctuation
PICTURE_NOUNS = ["photo", "photograph", "picture", "pic", "image", "footage", "snap", "video"]
CHILD_NOUNS = ["baby", "son", "daughter", "child", "twin", "twins", "boy", "girl"]

RULES: list[EventRule] = [
    EventRule("met", "meet", tokens=[[verb("meet")], [verb("cross"), word("paths")]]),
    EventRule("dated", "date", tokens=[
        [verb("date", "romance")],
        [word("romantically"), {"LEMMA": "link"}],
        [noun("romance")],
        # "has been seeing structural engineer Petra Lind" (a name must follow)
        [word("been", "is", "was", "are", "were"), word("seeing"),
         {"POS": {"IN": ["NOUN", "ADJ"]}, "OP": "*"}, {"POS": "PROPN"}],
    ]),
    EventRule("engaged", "engage", tokens=[
        [{"LEMMA": {"IN": ["get", "become", "be"]}}, ADVS, word("engaged"), word("to")],
        [{"LEMMA": {"IN": ["get", "become"]}}, ADVS, word("engaged")],
        [noun("engagement")],
        [verb("propose")],
        [verb("pop"), word("the"), word("question")],
    ]),
    EventRule("married", "marry", tokens=[
        [verb("marry", "wed", "remarry", DEP={"NOT_IN": ["amod"]})],
        [word("married", "wed", POS="ADJ", DEP={"NOT_IN": ["amod"]})],
        [lemma("tie"), word("the"), word("knot")],
        [verb("exchange"), DET_OR_PRON, {"LEMMA": "vow"}],
    ]),
    EventRule("separated", "separate", tokens=[
        [verb("separate", "split")],
        [noun("split", "separation", "breakup", "break-up")],
        [verb("break"), word("up")],
        [lemma("part"), word("ways")],
        [lemma("call"), word("it"), word("quits")],
        [verb("live"), word("apart", "separately")],
        [verb("come"), word("to"), word("an"), word("end")],
        [verb("end"), DET_OR_PRON, {"LEMMA": {"IN": PARTNER_NOUNS}}],
        [verb("leave", "dump", "ditch"), DET_OR_PRON, MODIFIERS,
         {"LOWER": {"IN": PARTNER_PEOPLE}}],
    ]),
    EventRule("divorce_filed", "file_divorce", tokens=[
        [lemma("file"), word("for"), word("divorce")],
        # "filed on Tuesday in Miami for a dissolution of marriage", "filed for legal separation"
        [lemma("file"), {"OP": "*", "POS": {"IN": ["ADP", "PROPN", "NOUN", "ADV", "DET"]}},
         word("for"), DET_OR_PRON, word("dissolution", "annulment")],
        [lemma("file"), word("for"), DET_OR_PRON, word("legal"), word("separation")],
        [verb("file"), DET_OR_PRON, word("divorce"), {"LEMMA": {"IN": ["paper", "petition"]}}],
        [word("divorce"), word("filing")],
    ]),
    # "divorce papers", "divorce rumors" name no divorce of their own
    EventRule("divorced", "divorce", tokens=[
        [verb("divorce")], [noun("divorce", DEP={"NOT_IN": ["compound"]})]]),
    EventRule("reconciled", "reconcile", tokens=[
        [verb("reconcile")],
        [noun("reconciliation")],
        [word("back"), word("together")],
        [verb("work"), word("it", "things"), word("out")],
        [verb("work"), word("on"), DET_OR_PRON, {"LEMMA": {"IN": PARTNER_NOUNS}}],
        [verb("mend", "repair", "save", "salvage"), DET_OR_PRON, {"LEMMA": {"IN": PARTNER_NOUNS}}],
    ]),
    EventRule("affair_alleged", "affair", time_from_report=True, tokens=[
        [word("affair", POS="NOUN")],
        [noun("infidelity", "fling", "tryst", "liaison", "indiscretion")],
        [verb("cheat")],
        [word("cheating", POS="NOUN")],
    ]),
    EventRule("birth", "birth", tokens=[
        [lemma("give"), word("birth")],
        [verb("welcome"), {"OP": "?"}, {"OP": "?"}, {"LEMMA": {"IN": CHILD_NOUNS}}],
        [word("born")],
        [noun("birth", DEP={"NOT_IN": ["compound"]})],
    ]),
    EventRule("death", "death", tokens=[
        [verb("die", DEP={"NOT_IN": ["amod"]})],  # "the dying days of a government"
        [lemma("pass"), word("away")],
        [noun("death", DEP={"NOT_IN": ["compound"]})],
        # "was killed off" is a character written out of a show
        [{"LEMMA": "be"}, word("killed", "murdered"), {"LOWER": {"NOT_IN": ["off"]}}],
        [word("found"), word("dead")],
    ]),
    EventRule("relocated", "move", tokens=[
        [verb("relocate", "emigrate")],
        [verb("move"), word("to", "out", "abroad", "away", "into", "back")],
    ]),
    EventRule("appointed", "appoint", not_objects=frozenset(PROMOTED_THINGS), tokens=[
        [verb("appoint", "hire", "elect", "promote", "install", "nominate")],
        [lemma("reappoint", "reelect")],  # the lemmatizer mangles these
        [{"LEMMA": {"IN": ["be", "get"]}}, ADVS, {"LEMMA": "name", "TAG": "VBN"}],
        [verb("take", "assume"), DET_OR_PRON, {"LEMMA": {"IN": ROLE_NOUNS}}],
        [noun("appointment")],
    ]),
    EventRule("resigned", "resign", tokens=[
        [verb("resign", "quit")],
        [lemma("step"), word("down")],
        [verb("leave", "exit", "depart"), DET_OR_PRON, {"LEMMA": {"IN": LEAVE_OBJECTS}}],
        [{"LEMMA": {"IN": ["be", "get"]}}, ADVS, verb("fire", "oust", "sack", "dismiss")],
        [noun("resignation", "departure", "ouster", "dismissal", "sacking", "exit")],
        # "the board ousted CEO Sam Altman", "fired its coach": someone made to leave a post
        # (token patterns, not dependency ones: the windowed Matcher is far cheaper)
        [verb(*OUSTING_VERBS), {"POS": {"IN": ["DET", "PRON", "ADJ"]}, "OP": "*"},
         {"LOWER": {"IN": OFFICE_HOLDERS}}],
        [verb(*OUSTING_VERBS), {"ENT_TYPE": "PERSON"}],
    ], deps=[[
        # "a position he left": the role noun governs the leaving verb as a relative clause
        {"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LEMMA": {"IN": ["leave", "quit", "exit"]}}},
        {"LEFT_ID": "trigger", "REL_OP": "<", "RIGHT_ID": "role",
         "RIGHT_ATTRS": {"LEMMA": {"IN": LEAVE_OBJECTS}}},
    ]]),
    EventRule("sighting", "sighting", detail=True, tokens=[
        [verb("spot", "photograph", "snap", "picture", "film", TAG={"IN": ["VBN", "VBD"]})],
        [{"LEMMA": {"IN": ["be", "get"]}}, ADVS, verb("see", "catch", TAG="VBN")],
        # "has (also) seen not wearing her ring": the subject is the one seen doing something
        [verb("see", "spot", TAG="VBN"), word("not", "never", OP="?"), {"TAG": "VBG"}],
        [verb("step", "head"), word("out")],
    ], deps=[
        # "didn't wear her ring at the gala": a ring (or anything) visibly not worn; the
        # negation hangs off the verb or, with curly apostrophes, off its auxiliary
        *[[{"RIGHT_ID": "trigger", "RIGHT_ATTRS": verb("wear", "sport")},
           *neg,
           {"LEFT_ID": "trigger", "REL_OP": ">", "RIGHT_ID": "worn",
            "RIGHT_ATTRS": {"DEP": "dobj"}}]
          for neg in (
              [{"LEFT_ID": "trigger", "REL_OP": ">", "RIGHT_ID": "neg",
                "RIGHT_ATTRS": {"DEP": "neg"}}],
              [{"LEFT_ID": "trigger", "REL_OP": ">", "RIGHT_ID": "aux",
                "RIGHT_ATTRS": {"DEP": "aux"}},
               {"LEFT_ID": "aux", "REL_OP": ">", "RIGHT_ID": "neg",
                "RIGHT_ATTRS": {"LOWER": {"IN": NEGATIONS}}}])],
        # "photos of X leaving the club": pictures of a named person (or "the couple")
        *[[{"RIGHT_ID": "trigger", "RIGHT_ATTRS": noun(*PICTURE_NOUNS)},
           {"LEFT_ID": "trigger", "REL_OP": ">", "RIGHT_ID": "of",
            "RIGHT_ATTRS": {"LOWER": "of", "DEP": "prep"}},
           {"LEFT_ID": "of", "REL_OP": ">", "RIGHT_ID": "who", "RIGHT_ATTRS": who}]
          for who in ({"DEP": "pobj", "ENT_TYPE": "PERSON"}, {"DEP": "pobj", "POS": "PROPN"},
                      {"DEP": "pobj", "LEMMA": {"IN": ["couple", "pair", "duo"]}},
                      {"DEP": "pcomp", "TAG": "VBG"})],  # "of X leaving": X is the gerund's
    ]),
    EventRule("statement", "statement_interview", tokens=[
        [noun("interview", "statement", "remark", "speech")],
        [verb("open", "speak"), word("up", "out")],
        [verb("touch"), word("on", "upon")],
        [verb("break"), DET_OR_PRON, word("silence")],
        [verb("hint", "comment", "remark", "address", "acknowledge", "discuss", "announce",
               "confirm")],
    ]),
    EventRule("statement", "statement_said", named_subject=True, tokens=[
        [verb("say", "tell", "reveal", "explain", "admit", "insist", "gush", "post", "write")],
    ]),
    EventRule("release", "release", not_objects=frozenset(NOT_WORKS), needs_argument=True, tokens=[
        [verb("release", "premiere", "debut", "publish")],
        [verb("hit"), word("theaters", "theatres", "shelves", "screens")],
    ]),
    EventRule("award", "award", tokens=[
        [verb("win", "receive", "earn", "take", "scoop", "collect"),
         {"POS": {"IN": ["DET", "ADJ", "PROPN", "NUM", "PRON"]}, "OP": "*"},
         word(*AWARDS)],
        [{"LEMMA": "be"}, ADVS, word("awarded", "honored", "honoured")],
    ]),
    EventRule("legal", "legal", tokens=[
        [verb("sue", "charge", "arrest", "indict", "convict", "sentence", "acquit", "prosecute",
               "subpoena", "testify", "plead", "countersue")],
        [noun("lawsuit", "indictment", "arrest", "trial", "conviction", "subpoena")],
        [verb("file"), DET_OR_PRON, word("lawsuit", "suit", "complaint", "charges")],
    ]),
]

# The open layer: any other verb with a subject and a direct object ("Acme launched a phone").
OTHER_PATTERN: Pattern = [
    {"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"POS": "VERB"}},
    {"LEFT_ID": "trigger", "REL_OP": ">", "RIGHT_ID": "subject",
     "RIGHT_ATTRS": {"DEP": {"IN": ["nsubj", "nsubjpass"]}}},
    {"LEFT_ID": "trigger", "REL_OP": ">", "RIGHT_ID": "object",
     "RIGHT_ATTRS": {"DEP": {"IN": ["dobj", "attr", "dative"]}}},
]

# Verbs too light or too mental to be an event of their own in the open layer.
OTHER_EXCLUDED = frozenset(_words("""
be have do say tell reveal explain add continue claim note think believe know want wish feel
seem appear wonder find make get take give keep let ask like love hope need try decide consider
use mean look see hear call show share describe deny report write emphasize emphasise disclose
state confirm insist suggest imagine remember recall spill provide lead cast raise expect plan
regard view become remain stay seem hold omit mention discuss touch reach
eat drink wear play watch read enjoy spend leave express shift contribute raise lose feel
"""))

# Objects too abstract to make an open-layer event ("shifting her focus", "raised eyebrows").
OTHER_OBJECTS_EXCLUDED = frozenset(_words("""
focus attention time way life step part place interest look hand mind eye eyebrow remorse
expertise sense thing lot bit end
"""))

# What makes a sighting notable: preposition-like and verb cues over the dependency parse.
DETAIL_PREPS = frozenset({"without", "sans", "minus"})
DETAIL_VERBS = frozenset({"miss", "ditch", "remove", "wear", "sport", "flash", "hold", "rub"})

TYPES = sorted({r.type for r in RULES} | {"other"})
