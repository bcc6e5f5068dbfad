"""Tables for entity typing and naming: label map, outlet/work/award cues, role nouns, nicknames.

Rules are data: the small spaCy model's labels are votes, and these cues override them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA, Indel, Levenshtein

from storyline.nlp.attribution.outlets import OUTLETS

# spaCy label -> storyline type; labels not listed (DATE, CARDINAL, ...) are not entities.
LABEL_MAP = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "NORP": "NORP",
    "FAC": "FAC",
    "WORK_OF_ART": "WORK",
    "EVENT": "EVENT",
    "PRODUCT": "PRODUCT",
    "LAW": "LAW",
}

# How much one mention's label counts when deciding a type by vote.
LABEL_WEIGHT = {"PERSON": 1.0, "ORG": 0.8, "GPE": 0.8, "WORK": 0.8, "NORP": 0.5, "LOC": 0.5}

# Last words that make a name an outlet ("Us Weekly", "Star Magazine", "The Wall Street Journal").
OUTLET_HEADS = frozenset(
    [
        "weekly", "magazine", "times", "journal", "post", "daily", "mail", "news", "monthly",
        "herald", "tribune", "gazette", "review", "telegraph", "guardian", "observer",
        "chronicle", "express", "mirror", "insider", "reporter", "today", "online"
    ]
)
# Words stripped from the end of an outlet name to compare outlets ("US Magazine" = "Us").
_OUTLET_TAIL = re.compile(r"(?<!\s)(?:\s+(?:weekly|magazine|online|mag|\.com))+$|!$")

# Text right before / after a name that says "this is an outlet".
OUTLET_BEFORE = re.compile(
    r"(?:\b(?:told|tells|telling|revealed|disclosed|said|confirmed|explained|information|"
    r"following|spoke|speaking|talked|talking|insider|source)\s+(?:\w+\s+){0,2}?(?:to|with)|"
    r"\b(?:according to|as per|per|via|confirmation from|told|reported by|interview with))"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
OUTLET_AFTER = re.compile(
    r"^(?:’s|'s)?\s*(?:reported|reports|has reported|first reported|confirmed|magazine|"
    r"interview|exclusive|obtained|revealed|wrote|published|print edition|in their latest)\b",
    re.IGNORECASE,
)
# Words that make a nearby proper name a work (film, book, show).
WORK_BEFORE = re.compile(
    r"\b(?:film|movie|series|show|album|novel|book|documentary|play|sitcom|drama|song|single|"
    r"musical|sequel|re-imagining of|remake of|adaptation of|set of|premiere of|season of)"
    r"\s*,?\s*[“\"‘']?$",
    re.IGNORECASE,
)
WORK_AFTER = re.compile(
    r"^[”\"’']?\s*(?:star|actress|actor|alum|co-star|costar|cast|premiere|sequel|franchise|"
    r"director|trailer|soundtrack)\b",
    re.IGNORECASE,
)
QUOTED = re.compile(r"^[“\"‘']$")
AWARDS = frozenset(
    [
        "oscar", "oscars", "emmy", "emmys", "grammy", "grammys", "tony", "tonys", "golden",
        "globe", "golden", "globes", "bafta", "baftas", "cesar", "palme", "d'or", "pulitzer",
        "nobel"
    ]
)

# Last words that make a name an organisation, whatever the model says ("Halvorsen Freight").
ORG_HEADS = frozenset(
    [
        "freight", "holdings", "holding", "group", "inc", "ltd", "llc", "plc", "corp",
        "corporation", "company", "co", "bank", "airlines", "airline", "airways", "energy",
        "capital", "partners", "media", "motors", "systems", "technologies", "pharmaceuticals",
        "pharma", "insurance", "logistics", "shipping", "foods", "trust", "foundation",
        "university", "college", "council", "ministry", "agency", "association", "institute",
        "industries", "enterprises", "ventures", "labs", "studios", "records", "entertainment",
        "fund", "authority", "commission", "committee", "party", "union", "federation",
        "league", "club", "hospital", "school", "department", "police", "army", "navy",
        "ballet", "orchestra", "opera", "theatre", "theater", "project", "ensemble",
        "gmbh", "ag", "sa", "asa", "ab", "nv", "bv", "limited", "telecom", "petroleum", "oil",
        "gas", "mining", "motor", "air", "rail", "railways", "solutions", "services",
        "players", "philharmonic", "symphony", "choir", "academy",
    ]
)
# Text right before / after a name that says "this is an organisation".
ORG_BEFORE = re.compile(
    r"(?:\b(?:ceo|cfo|coo|chief executive|chief \w+ officer|chair(?:man|woman)?|president|"
    r"founder|co-founder|head|boss|owner|shareholders?|spokes(?:man|woman|person)|employees?|"
    r"staff|board|subsidiary|division|unit|stake|shares|director|directors)\s+(?:of|at|in)|"
    r"-based|\bworks? (?:at|for)|\bworked (?:at|for)|\bjoined)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
ORG_AFTER = re.compile(
    r"^(?:['’]s\s+)?(?:shares|stock|board|employees|staff|headquarters|subsidiary|"
    r"spokes(?:man|woman|person)|chief executive|chief \w+ officer|ceo|cfo|chair(?:man|woman)?|"
    r"said in a statement|, (?:which|whose shares))\b",
    re.IGNORECASE,
)
# Text right before / after a name that says "this is a person".
PERSON_BEFORE = re.compile(
    r"(?:\b(?:mr|mrs|ms|miss|dr|sir|dame|prof)\.?|"
    r"\b(?:chief executive|ceo|cfo|chair(?:man|woman)?|chief|boss|spokes(?:man|woman|person)|"
    r"minister|secretary|senator|president|founder|analyst|official|governor|mayor|judge|"
    r"director|manager|actress|actor|singer|coach|captain|lawyer|attorney|prosecutor|officer)"
    r"\s*,?)\s+$",
    re.IGNORECASE,
)
PERSON_AFTER = re.compile(r"^,?\s+(?:who|whom|whose)\b|^\s*,\s*(?:her|his)\b")
# Title words that open an apposition about a person: "X, CEO of Y," / "X, the chair of Y".
TITLE_APPOSITION = re.compile(
    r"^\s*,\s*(?:the\s+|a\s+|an\s+|its\s+)?(?:former\s+|new\s+|interim\s+|acting\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:ceo|cfo|coo|chief executive|chair(?:man|woman|person)?|president|"
    r"founder|co-founder|director|spokes(?:man|woman|person)|minister|senator|mayor|governor|"
    r"secretary|head|manager|editor|analyst|professor|lawyer|attorney|judge|coach|captain|"
    r"actress|actor|singer|dancer|choreographer|writer|author|economist|chief|interpreter|"
    r"translator|defendant)\b",
    re.IGNORECASE,
)
# Honorifics that give a gender: "Mrs Castell" is a woman.
GENDERED_HONORIFICS = {"mr": "M", "sir": "M", "lord": "M", "mrs": "F", "ms": "F", "miss": "F",
                       "dame": "F", "lady": "F"}

# Lines that carry credits and captions, not story text.
FURNITURE_LINE = re.compile(
    r"^\s*(?:\(?photos?\b|credits?\b|editorial credit|image|source:|courtesy|getty|"
    r"view this post|a post shared by|close this)",
    re.IGNORECASE,
)
# Not a name: file names, handles, links, a lower-case start (but "iPhone", "eBay" are
# names), digits (but a short model number after a word is part of one: "iPhone 3G").
FURNITURE_NAME = re.compile(
    r"[_@#/\\]|^\S*\d|\d\S{3,}|\d\S*\s+\S|^[a-z](?![a-z]*[A-Z])|https?:|\.(?:jpg|png|gif)$")

HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lady", "lord", "prof"])
# Verbs whose subject speaks for itself: an organisation or a person, never a product.
SPEECH_VERBS = frozenset(["say", "tell", "announce", "confirm", "deny", "report", "state",
                          "claim", "add", "reply", "respond", "warn", "insist", "decline",
                          "comment", "explain", "reveal", "sue", "file", "hire", "accuse"])
# Verbs a sports club is the subject or object of ("the Rangers beat the Pelicans", "the
# Dodgers signed ..."): a nationality or group named with "the" never is.
CLUB_VERBS = frozenset(["beat", "defeat", "play", "face", "host", "visit", "edge", "rout",
                        "sweep", "outscore", "sign", "trade", "draft", "waive", "acquire",
                        "release"])
# Title words written before a name ("Mayor", "Judge", "Prince"): never its given name.
TITLE_WORDS = frozenset(["mayor", "judge", "justice", "senator", "governor", "president",
                         "prince", "princess", "king", "queen", "duke", "duchess", "deputy",
                         "minister", "chancellor", "general", "captain", "coach", "father",
                         "sister", "brother", "rev", "reverend", "bishop", "pope", "officer",
                         "detective", "sergeant", "inspector", "chief", "professor", "dr"])
DETERMINERS = frozenset(["the", "a", "an"])
# "John Smith Sr." and "John Smith Jr." are two people: the suffix is no surname.
GENERATIONS = frozenset(["sr", "jr", "senior", "junior", "ii", "iii", "iv"])


@dataclass(frozen=True)
class Role:
    """A noun that describes a person: its gender (M/F/None) and what kind of role it is."""

    gender: str | None
    kind: str  # occupation, epithet, spouse, partner, former, child, parent


def _roles(kind: str, gender: str | None, words: str) -> dict[str, Role]:
    return {w: Role(gender, kind) for w in words.split()}


ROLES: dict[str, Role] = {
    **_roles("occupation", None, "star alum winner nominee choreographer dancer singer director "
             "activist model rapper musician producer writer author filmmaker politician "
             "executive ceo founder athlete player coach chef host comedian mogul billionaire "
             "designer artist performer ballerina entrepreneur presenter journalist lawmaker "
             "senator minister president chairman chairwoman spokesperson conductor violinist "
             "pianist composer guitarist drummer lawyer attorney surgeon doctor engineer manager "
             "publicist agent teacher professor scientist photographer reporter editor judge "
             "mayor governor officer detective novelist poet painter sculptor architect "
             "investor banker economist diplomat chief chair boss analyst official secretary "
             "chancellor prosecutor captain treasurer cfo coo chairperson"),
    **_roles("occupation", None, "interpreter translator outfielder infielder pitcher "
             "catcher striker goalkeeper midfielder defender quarterback forward sprinter "
             "swimmer defendant plaintiff witness juror magistrate justice"),
    # Titles that name one person in a story ("the Princess of Wales"): see TITLE_OF.
    **_roles("title", "F", "princess duchess queen countess empress"),
    **_roles("title", "M", "prince duke king earl emperor"),
    **_roles("occupation", "F", "spokeswoman"),
    **_roles("occupation", "M", "spokesman"),
    **_roles("occupation", "F", "actress heiress businesswoman"),
    **_roles("occupation", "M", "actor businessman"),
    **_roles("epithet", "F", "beauty brunette blonde starlet"),
    **_roles("epithet", None, "year-old"),  # "The 44-year-old" (see coref._bare_age)
    **_roles("spouse", "M", "husband"),
    **_roles("spouse", "F", "wife"),
    **_roles("spouse", None, "spouse"),
    **_roles("partner", "F", "girlfriend fiancee fiancée"),
    **_roles("partner", "M", "boyfriend fiance fiancé"),
    **_roles("partner", None, "partner"),
    **_roles("former", "M", "ex-husband ex-boyfriend"),
    **_roles("former", "F", "ex-wife ex-girlfriend"),
    **_roles("child", "M", "son stepson"),
    **_roles("child", "F", "daughter stepdaughter"),
    **_roles("child", None, "child kid baby"),
    **_roles("parent", "F", "mother mom mum mom-of-two mother-of-two mom-of-three "
             "mother-of-three"),
    **_roles("parent", "M", "father dad dad-of-two father-of-two"),
}
# Head nouns that describe an organisation or a product ("the company", "the device").
def _kinds(type_: str, words: str) -> dict[str, str]:
    return dict.fromkeys(words.split(), type_)


THING_NOUNS: dict[str, str] = {
    **_kinds("ORG", "company firm corporation group maker manufacturer retailer chipmaker "
             "carmaker automaker giant startup conglomerate label broadcaster network bank "
             "lender insurer airline carrier operator publisher studio club team"),
    **_kinds("PRODUCT", "device phone handset smartphone gadget product player computer "
             "laptop notebook tablet console software app application system browser car "
             "model"),
}
# Roles that say who the person is to someone else ("her husband").
KIN_KINDS = frozenset({"spouse", "partner", "former", "child", "parent"})
# A role noun written right before a name: "the singer Mara Lind", "Oscar winner Ilse Varga".
ROLE_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(w) for w in ROLES), key=len, reverse=True))
    + r")\s*,?\s+$",
    re.IGNORECASE,
)
# Role nouns naming a person by a work they are known for ("the Thor star").
WORK_ROLES = frozenset(["star", "alum", "actress", "actor", "co-star", "director", "producer"])

PRONOUNS: dict[str, str] = {
    **{w: "M" for w in ["he", "him", "his", "himself"]},
    **{w: "F" for w in ["she", "her", "hers", "herself"]},
}
POSSESSIVES = frozenset(["her", "his", "their", "its"])

@lru_cache(maxsize=1)
def _nicknamer():
    """The nicknames package's hand-curated table of English given names and their nicknames."""
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=1 << 14)
def given_forms(token: str) -> frozenset[str]:
    """A given name with its formal names and nicknames: "ben" -> ben, benjamin, benedict."""
    nn = _nicknamer()
    return frozenset({token} | nn.nicknames_of(token) | nn.canonicals_of(token))


@lru_cache(maxsize=1 << 14)
def same_given(a: str, b: str) -> bool:
    """Two given names (folded) that can name one person: equal, a nickname and its formal
    name (Kate/Katherine, Ben/Benjamin), or one of those spelt one letter apart from the other
    (Kate -> Katherine ~ Catherine)."""
    if a == b:
        return True
    fa, fb = given_forms(a), given_forms(b)
    if b in fa or a in fb:
        return True
    return any(_one_letter(x, b) for x in fa) or any(_one_letter(y, a) for y in fb)


def _one_letter(x: str, y: str) -> bool:
    return min(len(x), len(y)) >= 6 and OSA.distance(x, y) <= 1


def spelling_variant(a: str, b: str) -> bool:
    """Two folded surnames spelt nearly alike, as a typo would: the same first letter and one
    edit apart (five letters or more; for four, two letters swapped: "vael" / "vale"), or, for
    seven letters or more, three quarters of their letters in common order ("millipede" /
    "millepied")."""
    if a == b or a[:1] != b[:1] or min(len(a), len(b)) < 4:
        return False
    if OSA.distance(a, b) <= 1 and (min(len(a), len(b)) >= 5 or Levenshtein.distance(a, b) > 1):
        return True
    return min(len(a), len(b)) >= 7 and Indel.normalized_similarity(a, b) >= 0.75


def given_key(token: str) -> str:
    """The formal given name a nickname stands for when the table gives exactly one."""
    canon = _nicknamer().canonicals_of(token)
    return next(iter(canon)) if len(canon) == 1 else token


@lru_cache(maxsize=1 << 16)  # the same names are folded hundreds of times per article
def fold(text: str) -> str:
    """Case- and accent-folded text: "Étienne" -> "etienne"."""
    nfkd = unicodedata.normalize("NFKD", text)
    return "".join(c for c in nfkd if not unicodedata.combining(c)).casefold()


_NON_WORD = re.compile(r"[^\w&!]+")
_POSSESSIVE = re.compile(r"(?:['’]s?)$")


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """A comparison key for a name: folded, possessive and leading "the" dropped."""
    t = _POSSESSIVE.sub("", text.strip())
    t = _NON_WORD.sub(" ", fold(t)).strip()
    if t.startswith("the "):
        t = t[4:]
    return t


def name_tokens(text: str) -> list[str]:
    """The words of a name without honorifics or a generational suffix: "Mr. Ben Smith Jr."
    -> ["ben", "smith"]."""
    return list(_name_tokens(text))


@lru_cache(maxsize=1 << 16)
def _name_tokens(text: str) -> tuple[str, ...]:
    """name_tokens, computed once per text (asked of each mention many times over)."""
    words = [w for w in name_key(text).replace("!", "").split() if w not in HONORIFICS]
    while len(words) > 2 and words[-1] in GENERATIONS:
        words.pop()
    return tuple(words)


def generation(text: str) -> str:
    """The generational suffix of a name ("sr", "jr", "iii"), or ""."""
    words = name_key(text).split()
    return words[-1] if len(words) > 2 and words[-1] in GENERATIONS else ""


def outlet_key(text: str) -> str:
    """A comparison key for an outlet: "US Magazine", "Us Weekly" and "Us" all give "us"."""
    key = name_key(text)
    return _OUTLET_TAIL.sub("", key).replace("!", "").strip() or key


# Outlets whose names carry no cue word (normalised with `outlet_key`): the outlet table's
# names and aliases, plus short forms the table does not list.
KNOWN_OUTLETS = frozenset(
    outlet_key(alias) for name, aliases in OUTLETS.items() for alias in (name, *aliases)
) | {"radar", "e"}


def looks_like_outlet_name(text: str) -> bool:
    """True when the name itself says outlet: a cue word last ("Weekly") or a known outlet."""
    words = name_key(text).split()
    if not words:
        return False
    if words[-1] in OUTLET_HEADS:
        return True
    known = outlet_key(text).replace("!", "") in KNOWN_OUTLETS
    return known and (len(words) > 1 or text.rstrip().endswith("!"))


# Platforms and services news names bare, which the small model often tags as people.
PLATFORMS = frozenset({"twitter", "instagram", "facebook", "tiktok", "youtube", "snapchat",
                       "threads", "reddit", "linkedin", "whatsapp", "telegram", "netflix",
                       "spotify", "hulu", "twitch", "weibo", "google", "amazon", "apple"})


# Social platforms whose name starts a feature's name ("Instagram Story", "TikTok Live").
SOCIAL = frozenset({"twitter", "instagram", "facebook", "tiktok", "youtube", "snapchat"})


def is_org_name(text: str) -> bool:
    """The name itself says organisation: a corporate word last ("Halvorsen Freight"), a
    platform news names bare ("Twitter"), or a social platform's feature ("Instagram Story")."""
    words = name_key(text).split()
    if len(words) == 1:
        return words[0] in PLATFORMS
    return words[-1] in ORG_HEADS or words[0] in SOCIAL


def is_award(text: str) -> bool:
    """Award names the model tags as people ("the Oscar winner")."""
    return name_key(text) in AWARDS
