"""Who says so: reporting verbs, "according to X", outlet relays and excerpted blocks.

An Attribution is found once per reporting cue (a speech verb with its subject, "according to",
"as per") and classified into a Source kind by table lookups on the speaker's head word. Sources
are resolved per article so "the insider continued" is the insider met before, and a source
inherits the outlet it was last relayed through ("a source told Us Weekly ... a second insider").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

from storyline.model import Article, Source
from storyline.nlp.attribution.certainty import DENIED_THINGS, LEXICON
from storyline.nlp.attribution.outlets import OUTLET_NOUNS, OutletMention, outlet_in, outlet_key
from storyline.nlp.doc_text import ids_of, last_doc, lemma_ids_in, token_ids


def _words(text: str) -> list[str]:
    """A word list written as one string (keeps long vocabularies readable)."""
    return text.split()

NameLookup = Callable[[Span], "str | None"]

# Reporting verbs and the certainty they lend to what they report (storyline/data/certainty.json).
SPEECH_VERBS: dict[str, str] = LEXICON.speech_verbs()

# An unnamed interviewer speaks for the publication or show, not on the record, and relays no one
# else. ("the host", "the writer" are left out: they often describe the person the story is about.)
PRESS_NOUNS = frozenset(_words("interviewer interviewers moderator reporter questioner"))

# Head words of a speaker phrase, by the Source kind they make.
SPEAKER_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        _words("""source insider friend pal confidant confidante acquaintance relative tipster
        associate colleague aide official neighbour neighbor mole staffer employee
        family people person analyst expert"""),
        "anonymous_source",
    ),
    **dict.fromkeys(
        _words("""rep representative spokesperson spokesman spokeswoman publicist lawyer attorney
        agent manager counsel statement prosecutor police authority investigator regulator
        board company firm ministry department office campaign"""),
        "representative",
    ),
    **dict.fromkeys(
        _words("""eyewitness witness onlooker bystander spectator diner passerby observer
        fan"""),
        "eyewitness",
    ),
    **dict.fromkeys(["report", "reports"], "outlet"),
    **dict.fromkeys(PRESS_NOUNS, "outlet"),
}
# Records cited with "according to"/"per": the author reporting from the record, not a speaker.
DOCUMENT_NOUNS = frozenset(_words("""paper papers document documents filing filings record records
docs paperwork petition transcript transcripts court data figure figures"""))
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "another": 0}
AUTHOR_PRONOUNS = frozenset({"i", "we"})
PERSON_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them"})

# "[From Star Magazine, print edition]": a blog's trailer naming the outlet it excerpted.
EXCERPT_TRAILER = re.compile(
    r"^[ \t]*\[(?:From|Via|Source:?|Excerpt from)\s+([^,\]\n]+)[^\]\n]*\][ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)


@dataclass
class Attribution:
    """A reporting cue in a sentence and the Source it names (via not yet closed by the article)."""

    cue: Token
    speaker: Span | None
    source: Source
    certainty: str = "reported"
    sentence_wide: bool = False  # "according to X", "as per X": covers the whole sentence
    venue: str | None = None


@dataclass
class ArticleSources:
    """Per-article memory: anonymous sources met so far and the outlet last relayed through."""

    article: Article
    outlets: list[OutletMention]
    anonymous: list[Source] = field(default_factory=list)
    relay: str | None = None

    def close_via(self, via: list[str]) -> list[str]:
        """Deduplicate a via chain and end it with the article's own outlet."""
        chain = [*via, *([self.article.outlet] if self.article.outlet else [])]
        out: list[str] = []
        for name in chain:
            if name and outlet_key(name) not in {outlet_key(o) for o in out}:
                out.append(name)
        return out


def excerpt_blocks(text: str) -> list[tuple[int, int, str]]:
    """Stretches quoted from another outlet: from the lead-in ending in ':' to the trailer."""
    blocks = []
    for m in EXCERPT_TRAILER.finditer(text):
        before = text[max(0, m.start() - 4000): m.start()]
        colon = max(before.rfind(":\n"), before.rfind(": \n"))
        if colon >= 0:
            start = m.start() - len(before) + colon + 1
        else:
            para = before.rstrip().rfind("\n\n")
            start = m.start() - len(before) + max(para, 0)
        blocks.append((start, m.start(), m.group(1).strip().removeprefix("the ")))
    return blocks


def speaker_phrase(tok: Token) -> Span:
    """The speaker's noun phrase without trailing relative clauses and appositions."""
    doc = tok.doc
    start = tok.left_edge.i
    while start < tok.i and "\n" in doc[start:tok.i].text:  # never reach across a line break
        start += 1
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ in ("relcl", "appos", "punct", "acl", "cc", "conj"):
            break
        end = child.right_edge.i + 1
    return doc[start:end]


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, climbing through xcomp/advcl/conj heads when it has none."""
    tok = verb
    for _ in range(4):
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return child
        if tok.dep_ in ("acl", "relcl") and (
            tok.head.pos_ == "PROPN" or tok.head.ent_type_ in ("PERSON", "ORG")
            or tok.head.lemma_.lower() in SPEAKER_NOUNS
        ):
            return tok.head  # '"...," a source revealed to Us' parsed as a reduced clause
        if tok.dep_ in ("xcomp", "advcl", "conj", "ccomp") and tok.head.i != tok.i:
            tok = tok.head
        else:
            return None
    return None


def _ordinal(phrase: Span) -> int | None:
    for t in phrase:
        if t.lower_ in ORDINALS:
            return ORDINALS[t.lower_]
    return None


def _anonymous(phrase: Span, head: Token, sources: ArticleSources, via: list[str]) -> Source:
    """Resolve an anonymous speaker: "the insider" is one met before, "a second source" is new."""
    label = " ".join(t.lower_ for t in phrase
                     if (t.dep_ in ("det", "amod", "nummod") and t.head == head) or t == head)
    ordinal = _ordinal(phrase)
    definite = phrase[0].lower_ in ("the", "that", "this") and head.tag_ != "NNS"
    if definite and sources.anonymous:
        if ordinal:
            if ordinal <= len(sources.anonymous):
                src = sources.anonymous[ordinal - 1]
                return Source(src.kind, src.name, list(src.via) or list(via))
        else:
            src = sources.anonymous[-1]
            return Source(src.kind, src.name, list(src.via) or list(via))
    if not via and sources.relay:
        via = [sources.relay]
    src = Source("anonymous_source", label or head.lower_, list(via))
    sources.anonymous.append(src)
    return src


def classify_speaker(
    tok: Token, sources: ArticleSources, via: list[str], name_of: NameLookup
) -> Source:
    """Source kind and name of a speaker phrase headed by `tok`, by table lookup."""
    phrase = speaker_phrase(tok)
    outlet = outlet_in(phrase, sources.outlets)
    if outlet is not None and outlet.start <= tok.i < outlet.end and _named_outlet(
            tok, outlet, sources.outlets):
        return Source("outlet", outlet.name, list(via))  # "People reported", not people
    kind = SPEAKER_NOUNS.get(tok.lemma_.lower()) if tok.pos_ == "NOUN" else None
    if kind == "anonymous_source" and any(t.pos_ == "PROPN" for t in tok.lefts):
        kind = None  # "her friend Jane Doe"
    if kind == "anonymous_source":
        return _anonymous(phrase, tok, sources, via)
    if kind == "outlet" or (tok.lemma_.lower() in OUTLET_NOUNS and tok.pos_ == "NOUN"):
        name = outlet.name if outlet else _last_outlet_before(tok, sources)
        return Source("outlet", name, list(via))
    if kind:
        return Source(kind, phrase.text, list(via))
    if outlet is not None:
        return Source("outlet", outlet.name, list(via))
    if tok.lower_ in AUTHOR_PRONOUNS:
        return Source("author", None, list(via))
    return Source("named_person", name_of(phrase), list(via))


def _named_outlet(tok: Token, outlet: OutletMention, outlets: list[OutletMention]) -> bool:
    """Whether an outlet mention heading a speaker phrase is the outlet, not a common noun:
    a name the lexicon does not share with an ordinary word, a capitalised word inside a
    sentence ("as reported by People"), or a sentence-initial one ("People reported") when
    the article names the same outlet elsewhere in one of those two ways."""

    def plain(m: OutletMention) -> bool:
        return not m.ambiguous or not tok.doc[m.start].is_sent_start

    if plain(outlet):
        return True
    return any(m.name == outlet.name and m.start != outlet.start and plain(m) for m in outlets)


def _as_reported_by(verb: Token) -> Token | None:
    """X in "as (first) reported by X", "as revealed by X": a passive reporting clause without
    a subject that credits the whole sentence to X."""
    if not any(c.lower_ == "as" and c.dep_ in ("advmod", "mark") for c in verb.children):
        return None
    agent = _agent_of(verb)
    if agent is not None or verb.dep_ != "advcl" or any(
            c.dep_ in ("dobj", "ccomp", "xcomp", "dative") for c in verb.children):
        return agent
    # "..., as People noted": an outlet subject of a bare "as" clause credits the sentence
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"
                 or c.dep_ == "nsubj" and c.text[:1].isupper()), None)


def _last_outlet_before(tok: Token, sources: ArticleSources) -> str | None:
    before = [m for m in sources.outlets if m.start < tok.i]
    return before[-1].name if before else None


def recipients(cue: Token, speaker: Token | None, outlets: list[OutletMention]) -> list[str]:
    """Outlets a speaker talked to: "told Us Weekly", "revealed to Us", "who spoke with Us"."""
    names: list[str] = []
    places = [c for c in cue.children if c.dep_ in ("dobj", "dative", "prep", "npadvmod", "attr")]
    if speaker is not None:
        places += [t for t in speaker.subtree if t.dep_ == "prep"]
        places += [t for t in speaker.subtree if t.dep_ in ("relcl", "acl")]
    for place in places:
        for tok in place.subtree:
            m = outlet_in(tok, outlets)
            if m and m.name not in names and tok.i != getattr(speaker, "i", -1):
                if tok.dep_ in ("pobj", "dobj", "dative", "compound") or tok.i == m.end - 1:
                    names.append(m.name)
                break
    return names


_PER_IDS = ids_of(("according", "per", "as"))  # the words that open "according to X" cues
_VERB_AUX = frozenset({VERB, AUX})


@last_doc
def _speech_lemma_ids(doc: Doc) -> set[int]:
    """The ids of the Doc's lemmas that are speech verbs (lower-cased), once per Doc."""
    return lemma_ids_in(doc, SPEECH_VERBS)


def find_attributions(
    sent: Span, sources: ArticleSources, name_of: NameLookup, quoted: set[int]
) -> list[Attribution]:
    """Reporting cues in one sentence, outside quoted text, with their classified Sources."""
    found: list[Attribution] = []
    outlets = sources.outlets
    sentence_outlets: list[str] = []
    doc = sent.doc
    lowers, lemmas, pos = token_ids(doc)[:3]  # a Token made only for a word that may be a cue
    for i in range(sent.start, sent.end):
        if lowers[i] not in _PER_IDS or i in quoted:
            continue
        tok = doc[i]
        low = tok.lower_
        if low in ("according", "per") or (low == "as" and tok.nbor(1).lower_ == "per"
                                           if tok.i + 1 < len(tok.doc) else False):
            target = _object_of_per(tok)
            if target is None or (target.pos_ == "NOUN"
                                  and target.lemma_.lower() in DOCUMENT_NOUNS):
                continue
            src = classify_speaker(target, sources, [], name_of)
            if src.kind == "outlet":
                sentence_outlets.append(src.name or "")
                sources.relay = src.name or sources.relay
            found.append(Attribution(tok, speaker_phrase(target), src, "reported", True))
    speech = _speech_lemma_ids(doc)
    for i in range(sent.start, sent.end):
        if pos[i] not in _VERB_AUX or lemmas[i] not in speech or i in quoted:
            continue
        tok = doc[i]
        certainty = SPEECH_VERBS.get(tok.lemma_.lower())
        if certainty is None or _denies_a_thing(tok):
            continue
        credited = _as_reported_by(tok)
        subj = subject_of(tok) if credited is None else None
        if credited is not None:  # "X split, as first reported by People"
            src = classify_speaker(credited, sources, [], name_of)
            if src.kind == "outlet":
                sentence_outlets.append(src.name or "")
                sources.relay = src.name or sources.relay
            found.append(Attribution(tok, speaker_phrase(credited), src, certainty, True))
            continue
        if subj is not None and subj.dep_ == "nsubjpass":
            subj = _agent_of(subj.head)  # "the date was stated as": said by whom, if anyone
        if subj is None or subj.i in quoted or subj.lower_ in ("it", "that", "which", "who"):
            continue
        via = recipients(tok, subj, outlets)
        if via:
            sources.relay = via[0]
        src = classify_speaker(subj, sources, via, name_of)
        if src.kind == "outlet" and subj.lemma_.lower() in PRESS_NOUNS:
            found.append(Attribution(tok, speaker_phrase(subj), src, certainty, False))
            continue  # "when the interviewer noted ...": the press asking, relaying nobody
        if src.kind == "outlet":
            sentence_outlets.append(src.name or "")
            sources.relay = src.name or sources.relay
            found.append(Attribution(tok, speaker_phrase(subj), src, certainty, False))
            continue
        found.append(Attribution(tok, speaker_phrase(subj), src, certainty, False))
    # "As OK! reported, insiders claimed ...": the outlet relays every other speaker here.
    relays = [n for n in sentence_outlets if n]
    for att in found:
        if att.source.kind != "outlet":
            att.source.via = [*att.source.via, *[r for r in relays if r not in att.source.via]]
    return found


# Reporting verbs that take back a report only with one of these objects or a clause.
_OBJECT_LISTS = {w: c.objects for c in reversed(LEXICON.classes)
                 if c.attribution and c.objects for w in c.words}


def takes_back(verb: Token) -> bool:
    """Whether a reporting verb is one that takes back a report ("retracted", "withdrew")."""
    return verb.lemma_.lower() in _OBJECT_LISTS


def _denies_a_thing(verb: Token) -> bool:
    """ "denied spousal support", "was denied entry": a refusal, not a denial of a report;
    "withdrew the photo", "withdrew from the race": no report taken back."""
    listed = _OBJECT_LISTS.get(verb.lemma_.lower())
    if listed is not None:
        if any(c.dep_ in ("ccomp",) for c in verb.children):
            return False
        things = LEXICON.words[listed]
        return not any(c.dep_ == "dobj" and c.lemma_.lower() in things for c in verb.children)
    if verb.lemma_.lower() != "deny":
        return False
    if any(c.dep_ in ("nsubjpass", "dative") for c in verb.children):
        return True
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(o.pos_ in ("NOUN", "PROPN") and o.lemma_.lower() not in DENIED_THINGS
               for o in objects)


def _agent_of(verb: Token) -> Token | None:
    """X in a passive "was revealed by X"; None when the passive names no one."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _object_of_per(tok: Token) -> Token | None:
    """X in "according to X", "according to confirmation from X", "as per X", "per X"."""
    pobj = None
    if tok.lower_ == "according":
        for child in tok.children:
            if child.lower_ == "to":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
    elif tok.lower_ == "as":
        per = tok.nbor(1)
        pobj = next((c for c in per.children if c.dep_ == "pobj"), None)
    else:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is not None and pobj.lemma_.lower() in ("confirmation", "report", "reporting",
                                                     "information", "account"):
        for child in pobj.children:
            if child.lower_ in ("from", "by", "in", "of"):
                inner = next((c for c in child.children if c.dep_ == "pobj"), None)
                if inner is not None:
                    return inner
    return pobj


def author_source(sources: ArticleSources) -> Source:
    """The article's own voice."""
    return Source("author", None, sources.close_via([]))


def close(source: Source, sources: ArticleSources, extra: list[str] | None = None) -> Source:
    """A copy of `source` whose via ends with the excerpted outlet and the article's outlet."""
    via = [*source.via, *(extra or [])]
    if source.kind == "outlet" and source.name:
        via = [v for v in via if outlet_key(v) != outlet_key(source.name)]
    return Source(source.kind, source.name, sources.close_via(via))


def outlets_in_doc(doc: Doc) -> list[OutletMention]:
    """Convenience re-export for callers that only hold a Doc."""
    from storyline.nlp.attribution.outlets import find_outlets

    return find_outlets(doc)
