"""News outlets named in an article's text: a small gazetteer plus the shape of outlet names.

Attribution needs to tell "a source told Us Weekly" from "a source told her friend", so outlets
are found by a PhraseMatcher over known names (built once per vocab), by ORG entities whose last
word is a newspaper word ("The Denver Chronicle"), and by short aliases of outlets already named
("Us" after "Us Weekly").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab


def _words(text: str) -> list[str]:
    """A word list written as one string (keeps long vocabularies readable)."""
    return text.split()

# canonical name -> aliases (lower case). Names marked AMBIGUOUS are ordinary words too and
# count only when capitalised and in a reporting position (told X, according to X, X reported).
OUTLETS: dict[str, tuple[str, ...]] = {
    "Us Weekly": ("us weekly", "us magazine", "usweekly"),
    "People": ("people magazine", "people"),
    "TMZ": ("tmz",),
    "Page Six": ("page six",),
    "Daily Mail": ("daily mail", "the daily mail", "dailymail", "mail online", "dailymail.com"),
    "OK!": ("ok!", "ok! magazine", "ok magazine"),
    "Star Magazine": ("star magazine", "star"),
    "E! News": ("e! news", "e! online", "e!"),
    "Entertainment Tonight": ("entertainment tonight", "et"),
    "Vanity Fair": ("vanity fair",),
    "Vogue": ("vogue",),
    "Harper's Bazaar": ("harper's bazaar",),
    "Elle": ("elle",),
    "The Sun": ("the sun",),
    "Daily Mirror": ("the mirror", "daily mirror"),
    "The New York Times": ("the new york times", "new york times", "nyt"),
    "New York Post": ("new york post", "the new york post"),
    "The Washington Post": ("the washington post", "washington post"),
    "The Wall Street Journal": ("the wall street journal", "wall street journal", "wsj"),
    "Variety": ("variety",),
    "Deadline": ("deadline",),
    "The Hollywood Reporter": ("the hollywood reporter", "hollywood reporter"),
    "Reuters": ("reuters",),
    "Associated Press": ("associated press", "the associated press", "ap"),
    "BBC": ("bbc", "bbc news"),
    "CNN": ("cnn",),
    "Fox News": ("fox news",),
    "NBC News": ("nbc news",),
    "ABC News": ("abc news",),
    "CBS News": ("cbs news",),
    "The Guardian": ("the guardian",),
    "The Times": ("the times",),
    "The Telegraph": ("the telegraph",),
    "The Independent": ("the independent",),
    "Radar Online": ("radar online", "radaronline"),
    "In Touch Weekly": ("in touch weekly", "in touch"),
    "Life & Style": ("life & style",),
    "Hello!": ("hello!", "hello! magazine"),
    "Entertainment Weekly": ("entertainment weekly",),
    "Rolling Stone": ("rolling stone",),
    "Bloomberg": ("bloomberg",),
    "Politico": ("politico",),
    "Axios": ("axios",),
    "Newsweek": ("newsweek",),
    "USA Today": ("usa today",),
    "Los Angeles Times": ("los angeles times", "la times"),
    "The Daily Beast": ("the daily beast", "daily beast"),
    "HuffPost": ("huffpost", "huffington post"),
    "BuzzFeed News": ("buzzfeed news", "buzzfeed"),
    "Marie Claire": ("marie claire",),
    "Cosmopolitan": ("cosmopolitan", "cosmo"),
    "Glamour": ("glamour",),
    "Access Hollywood": ("access hollywood",),
    "Extra": ("extratv", "extra tv"),
    "Today": ("today.com", "the today show", "today show"),
    "Good Morning America": ("good morning america", "gma"),
    "Hollywood Life": ("hollywood life", "hollywoodlife"),
    "Just Jared": ("just jared",),
    "Us Sun": ("the us sun", "us sun"),
    "Daily Express": ("daily express", "the express"),
    "Heat": ("heat magazine", "heat world"),
    "The Verge": ("the verge", "verge"),
    "TechCrunch": ("techcrunch",),
    "Wired": ("wired",),
    "CNBC": ("cnbc",),
    "Forbes": ("forbes",),
    "Business Insider": ("business insider", "insider.com"),
    "The Information": ("the information",),
    "Financial Times": ("financial times", "the financial times", "ft"),
    "The Economist": ("the economist",),
    "NPR": ("npr",),
    "PBS": ("pbs",),
    "Al Jazeera": ("al jazeera",),
    "Sky News": ("sky news",),
    "The Atlantic": ("the atlantic",),
    "The New Yorker": ("the new yorker", "new yorker"),
    "Mediaite": ("mediaite",),
    "The Daily Telegraph": ("daily telegraph", "the daily telegraph"),
    "Evening Standard": ("evening standard", "the evening standard"),
    "Metro": ("metro.co.uk",),
}
AMBIGUOUS = frozenset({"people", "star", "et", "e!", "variety", "deadline", "elle", "ap",
                       "the sun", "the times", "the mirror", "in touch", "vogue", "bloomberg",
                       "glamour", "extra", "heat", "verge", "wired", "ft", "gma", "cosmo",
                       "the express", "the information", "forbes"})
# Last words that make an ORG entity look like a news outlet.
OUTLET_WORDS = frozenset(_words("""
weekly magazine news times post journal mail herald tribune gazette mirror express telegraph
guardian reporter chronicle daily today observer standard digest online insider wire
"""))
# Words standing for an outlet already named: "the outlet", "the publication".
OUTLET_NOUNS = frozenset({"outlet", "publication", "magazine", "tabloid", "newspaper", "paper",
                          "site", "website", "mag", "network", "broadcaster"})
_KEY_DROP = re.compile(r"[^a-z0-9]+|magazine$|^the")


def outlet_key(name: str) -> str:
    """A comparison key: "OK! Magazine", "OK!" and "ok magazine" all give "ok"."""
    key = re.sub(r"[^a-z0-9]+", "", name.lower())
    for affix in ("magazine", "mag"):
        if key.endswith(affix) and len(key) > len(affix):
            key = key[: -len(affix)]
    return key.removeprefix("the") or key


_ALIASES = {alias: name for name, aliases in OUTLETS.items() for alias in aliases}


@dataclass(frozen=True)
class OutletMention:
    """An outlet named in the text, as tokens [start, end) of the Doc."""

    start: int
    end: int
    name: str
    ambiguous: bool = False


_MATCHERS: dict[int, PhraseMatcher] = {}


def _matcher(vocab: Vocab) -> PhraseMatcher:
    key = id(vocab)
    if key not in _MATCHERS:
        from spacy.lang.en import English

        tokenizer = English(vocab=vocab).tokenizer
        matcher = PhraseMatcher(vocab, attr="LOWER")
        for alias, name in _ALIASES.items():
            matcher.add(name, [tokenizer(alias)])
        _MATCHERS[key] = matcher
    return _MATCHERS[key]


def find_outlets(doc: Doc) -> list[OutletMention]:
    """Every outlet named in `doc`, longest match first, no overlaps, in text order."""
    found: dict[int, OutletMention] = {}
    taken: set[int] = set()
    spans = [(s, e, doc.vocab.strings[m]) for m, s, e in _matcher(doc.vocab)(doc)]
    spans += [(e.start, e.end, e.text) for e in doc.ents
              if e.label_ == "ORG" and e[-1].lower_ in OUTLET_WORDS]
    for s, e, name in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
        if taken & set(range(s, e)):
            continue
        span = doc[s:e]
        alias = span.text.lower()
        if not span[0].text[:1].isupper():
            continue
        name = _ALIASES.get(alias, name.removeprefix("the ").removeprefix("The "))
        if alias not in _ALIASES:
            name = span.text.removeprefix("The ").removesuffix("'s")
        found[s] = OutletMention(s, e, name, alias in AMBIGUOUS)
        taken |= set(range(s, e))
    _add_short_aliases(doc, found, taken)
    return [m for _, m in sorted(found.items())
            if not m.ambiguous or in_reporting_position(doc, m)]


_NOT_ALIASES = frozenset({"the", "a", "an", "new", "daily", "los", "wall", "washington"})


def _add_short_aliases(doc: Doc, found: dict[int, OutletMention], taken: set[int]) -> None:
    """"Us" after "Us Weekly", "OK!" after "OK! Magazine": the first word of a named outlet."""
    firsts = {}
    for m in sorted(found.values(), key=lambda m: m.start):
        first = doc[m.start]
        if m.end - m.start > 1 and len(first.text) > 1 and first.lower_ not in _NOT_ALIASES:
            firsts.setdefault(first.lower_, (m.name, m.start))
    for tok in doc:
        hit = firsts.get(tok.lower_)
        if hit and tok.i not in taken and tok.i > hit[1] and tok.text[:1].isupper():
            found[tok.i] = OutletMention(tok.i, tok.i + 1, hit[0], ambiguous=True)
            taken.add(tok.i)


# Positions in which a capitalised ambiguous name ("People", "Us") is read as the outlet.
REPORTING_HEADS = frozenset({"tell", "according", "per", "report", "reveal", "confirm", "say",
                             "speak", "disclose", "explain", "add", "claim", "share", "note",
                             "provide", "talk", "write", "interview"})


def outlet_in(span: Span | Token, outlets: list[OutletMention]) -> OutletMention | None:
    """The outlet mention inside `span` (a token or span), if any."""
    if isinstance(span, Token):
        s, e = span.i, span.i + 1
    else:
        s, e = span.start, span.end
    for m in outlets:
        if m.start < e and s < m.end:
            return m
    return None


def in_reporting_position(doc: Doc, m: OutletMention) -> bool:
    """Whether an outlet mention sits where a source or recipient sits (told X, X reported)."""
    tok = doc[m.start:m.end].root
    for _ in range(3):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() in REPORTING_HEADS or tok.lower_ in REPORTING_HEADS:
            return True
    return False
