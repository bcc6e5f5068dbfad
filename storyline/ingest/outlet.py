"""Who published an article (from metadata) and which outlets its text cites (credits).

The publisher comes from metadata (header, HTML, JSON, URL), else from the page's own copyright
line ("© 2025 Harbour Weekly. All rights reserved."). Other outlets named in the text
("[From Star Magazine, print edition]", "As OK! reported", "told Harbour Weekly") are
cited sources: they pass a claim on, they did not publish this article.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from storyline.data import outlet_lexicon
from storyline.ingest.furniture import COPYRIGHT_HOLDER
from storyline.ingest.header import looks_like_outlet
from storyline.ingest.wordset import wordset

# Words that end an outlet's name: "US Weekly", "Daily Mail", "The Wall Street Journal".
OUTLET_SUFFIXES = (
    "Magazine|Weekly|Daily|News|Times|Post|Journal|Gazette|Courier|Herald|Tribune|Mail"
    "|Monthly|Review|Report|Chronicle|Observer|Standard|Telegraph|Express|Mirror|Press"
    "|Radio|TV|Network|Insider|Today|Sun|Star|Independent|Guardian|Bulletin|Dispatch"
)
_WORD = r"[A-Z][\w&'’-]*!?\s+"
_NAME = rf"(?:The\s+(?:{_WORD}){{0,3}}|(?:{_WORD}){{1,3}})"  # "The Sun", "US Weekly", not "Star"
CITED_PATTERNS: list[re.Pattern[str]] = [
    re.compile(r"\[(?:From|Via|Source:)\s+(?P<name>[^\],\n]{2,50})[,\]]"),
    re.compile(r"\b[Aa]s\s+(?P<name>(?:[A-Z][\w&'’.-]*!?\s+){0,3}[A-Z][\w&'’.-]*!?)\s+"
               r"(?:first\s+)?(?:reported|revealed|noted|wrote|confirmed)"),
    re.compile(rf"(?P<name>{_NAME}(?:{OUTLET_SUFFIXES}))(?![\w])"),
    re.compile(r"\b(?:first\s+)?reported\s+by\s+"
               r"(?P<name>(?:the\s+)?[A-Z][\w&'’-]*!?)"),  # "as first reported by People."
    # "according to TMZ", "as per CNN": a short all-capitals name the outlet lexicon knows
    _ACCORDING := re.compile(
        r"\b(?:[Aa]ccording\s+to|[Aa]s\s+per|[Pp]er)\s+(?P<name>[A-Z]{2,6}!?)(?![\w])"),
    re.compile(r"\bfirst appeared (?:in|on) (?P<name>(?:the\s+)?(?:[A-Z][\w&'’.-]*\s*){1,4})"),
]  # fmt: skip
_LEADING = re.compile(r"^(?:the|a|an|from|via)\s+", re.IGNORECASE)
# Capitalised words that start a sentence rather than a name.
_NOT_NAME = wordset("The A An In On As And But So When While After Before Per Via")


_LEXICON_ALIASES = frozenset(a for aliases in outlet_lexicon().outlets.values() for a in aliases)
_NEXT_NAME = re.compile(r"\s+[A-Z]")


def _ends_clause(content: str, end: int) -> bool:
    """Whether a name ends its clause (punctuation or the end of the text follows it)."""
    rest = content[end:].lstrip(" ")
    return not rest or rest[0] in ".,;:)!?\n"


def outlet_from_url(url: str | None) -> str | None:
    """The site's host name without "www.": the best we can say from a URL alone."""
    if not url:
        return None
    host = urlparse(url if "//" in url else f"//{url}").hostname
    if not host:
        return None
    return host.removeprefix("www.")


def outlet_from_copyright(line: str) -> str | None:
    """The holder a copyright line names, when it reads like an outlet's name."""
    m = COPYRIGHT_HOLDER.match(line.strip())
    name = m.group("name").strip() if m else ""
    return name if name and looks_like_outlet(name) else None


def _clean_name(name: str) -> str:
    name = _LEADING.sub("", name.strip().rstrip(".,;:"))
    words = name.split()
    while words and words[0] in _NOT_NAME:
        words = words[1:]
    return " ".join(words)


_SUFFIX_WORDS = frozenset(w.lower() for w in OUTLET_SUFFIXES.split("|"))


def outlet_core(name: str) -> str:
    """ "OK!" and "OK Magazine" both give "ok": the name without outlet words and punctuation."""
    words = [re.sub(r"\W", "", w.lower()) for w in _clean_name(name).split()]
    core = [w for w in words if w and w not in _SUFFIX_WORDS]
    return " ".join(core or words)


def cited_outlets(content: str, publisher: str | None = None) -> list[str]:
    """Outlets the text credits or quotes, in order of first mention, excluding the publisher."""
    own = outlet_core(publisher) if publisher else None
    found: dict[str, str] = {}
    spans: list[tuple[int, int]] = []
    for pattern in CITED_PATTERNS:
        for m in pattern.finditer(content):
            start, end = m.span("name")
            if any(s <= start < e for s, e in spans):
                continue
            name = _clean_name(m.group("name"))
            if not name or not name[0].isupper() or outlet_core(name) == own:
                continue
            if re.fullmatch(r"[A-Z]{2,6}!?", name) and m.re is _ACCORDING and \
                    name.lower() not in _LEXICON_ALIASES:
                continue  # "according to FBI": an agency, not an outlet
            if name.lower() in _SUFFIX_WORDS and _NEXT_NAME.match(content, end):
                continue  # "The Daily Lantern": an outlet word inside a longer name
            if "reported by" in m.group(0) and not _ends_clause(content, end):
                continue  # "reported by Quell's friend", "by Mara Quell": a one-word name alone
            spans.append((start, end))
            found.setdefault(name.lower(), name)
    order = sorted(found.values(), key=lambda n: content.find(n))
    return order
