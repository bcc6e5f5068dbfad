"""Tables for entity typing and naming: label map, outlet/work/award cues, role nouns, nicknames.

Rules are data: the small spaCy model's labels are votes, and these cues override them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from storyline.nlp.outlets import OUTLETS

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
_OUTLET_TAIL = re.compile(r"(?:\s+(?:weekly|magazine|online|mag|\.com))+$|!$")

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
    r"actress|actor|singer|dancer|choreographer|writer|author|economist|chief)\b",
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
FURNITURE_NAME = re.compile(r"[_@#/\\]|\d|^[a-z]|https?:|\.(?:jpg|png|gif)$")

HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lady", "lord", "prof"])
DETERMINERS = frozenset(["the", "a", "an"])


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
    **_roles("occupation", "F", "spokeswoman"),
    **_roles("occupation", "M", "spokesman"),
    **_roles("occupation", "F", "actress heiress businesswoman"),
    **_roles("occupation", "M", "actor businessman"),
    **_roles("epithet", "F", "beauty brunette blonde starlet"),
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

# Nicknames -> the full given name they shorten (compared after `name_key`).
NICKNAMES: dict[str, str] = {
    "ben": "benjamin", "benji": "benjamin", "bill": "william", "billy": "william",
    "will": "william", "liam": "william", "bob": "robert", "bobby": "robert", "rob": "robert",
    "jim": "james", "jimmy": "james", "jamie": "james", "mike": "michael", "mikey": "michael",
    "tom": "thomas", "tommy": "thomas", "tony": "anthony", "nick": "nicholas",
    "chris": "christopher", "kate": "katherine", "katie": "katherine", "kathy": "katherine",
    "liz": "elizabeth", "beth": "elizabeth", "lizzie": "elizabeth", "betty": "elizabeth",
    "alex": "alexander", "sam": "samuel", "dan": "daniel", "danny": "daniel", "dave": "david",
    "joe": "joseph", "joey": "joseph", "jen": "jennifer", "jenny": "jennifer", "matt": "matthew",
    "steve": "steven", "andy": "andrew", "drew": "andrew", "jake": "jacob", "josh": "joshua",
    "pat": "patrick", "rick": "richard", "dick": "richard", "ted": "edward", "ed": "edward",
    "eddie": "edward", "charlie": "charles", "chuck": "charles", "jon": "jonathan",
    "greg": "gregory", "larry": "lawrence", "pete": "peter", "sue": "susan", "meg": "margaret",
    "maggie": "margaret", "peggy": "margaret", "abby": "abigail", "becky": "rebecca",
    "tim": "timothy", "zach": "zachary", "fred": "frederick", "harry": "henry", "hank": "henry",
    "jack": "john", "johnny": "john", "kim": "kimberly", "nate": "nathan", "vicky": "victoria",
    "nat": "natalie", "max": "maximilian", "manny": "emmanuel", "gabe": "gabriel",
    "ken": "kenneth", "ron": "ronald", "don": "donald", "doug": "douglas", "jeff": "jeffrey",
    "phil": "philip", "ray": "raymond", "sandy": "alexandra", "cathy": "catherine",
    "tina": "christina", "mandy": "amanda", "addie": "adeline",
}


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
    """The words of a name without honorifics: "Mr. Ben Smith" -> ["ben", "smith"]."""
    return [w for w in name_key(text).replace("!", "").split() if w not in HONORIFICS]


def given_key(token: str) -> str:
    """A given name with nicknames expanded: "ben" -> "benjamin"."""
    return NICKNAMES.get(token, token)


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
