"""The claims component: per sentence, which events are told, by whom, how surely, and quotes.

Runs last in the nlp stage. Triggers come from the frame spec (`events/frames/*.toml`), sources
from reporting cues (`attribution.py`), certainty from scoped cues (`certainty.py`), direct
quotes from quote marks (`quotes.py`). Every span is an exact slice of `article.raw`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from storyline.collector import collector_paused
from storyline.model import (
    Article,
    ArticleAnalysis,
    Claim,
    Mention,
    Quote,
    Role,
    Source,
    TimeValue,
)
from storyline.nlp.attribution import reporting as attr
from storyline.nlp.attribution.certainty import RANK, certainty_of
from storyline.nlp.attribution.outlets import find_outlets
from storyline.nlp.attribution.quotes import QuoteSpan, is_title, quote_spans, venue_phrase
from storyline.nlp.doc_text import doc_text, ids_of, token_ids
from storyline.nlp.events import (
    DETAIL_VERBS,
    Hit,
    argument_heads,
    detail_of,
    find_hits,
    lexical_hit,
    name_span,
    place_of,
    roles_of,
)
from storyline.nlp.events.frames import frame, kinds
from storyline.nlp.pipeline import COMPONENTS
from storyline.nlp.time.anchoring import anchor_event, event_reach, governor_chain
from storyline.nlp.time.reference import carry_reference_times

SKIP_TIMEX_TYPES = frozenset({"DURATION", "SET"})
REPORT_NOUNS = frozenset({"rumor", "rumour", "speculation", "report", "news", "claim",
                          "allegation", "gossip", "suspicion", "whisper"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
GROUP_WORDS = frozenset({"couple", "pair", "duo", "two", "they", "them", "their", "both",
                         "themselves", "spouses", "exes", "lovebirds", "newlyweds"})
# Events whose two people are "the couple" afterwards (an affair's pair is not): `pair` frames.
COUPLE_TYPES = kinds(lambda f: f.pair)
SPEAKING_BODIES = frozenset({"ORG", "NORP", "GPE"})  # a company, party or government
GENERIC_TYPES = kinds(lambda f: f.personal)  # an indefinite noun about nobody is generic
FIRST_PERSON = frozenset({"i", "me", "my", "myself"})


@COMPONENTS.register("claims")
def claims(doc: Doc, article: Article, analysis: ArticleAnalysis,
           trigger_model: bool = True) -> None:
    """Fill `analysis.claims` and `analysis.quotes` for one parsed article; `trigger_model`:
    open events from the trained trigger model (`Settings.event_trigger_model`). The cyclic
    collector is paused meanwhile: the parse's token views and the claims are short-lived
    objects reference counting frees, which it would otherwise walk again and again."""
    with collector_paused():
        ctx = _Context.build(doc, article, analysis)
        _attribute_quotes(ctx)
        _extract_claims(ctx, trigger_model)
        _merge_interview_statements(ctx)
        _denials_of_earlier_reports(ctx)
        carry_reference_times(doc, ctx.claims, ctx.sentence_index, article.published,
                              analysis.timexes)  # "He praised it": dated by the lede's "Monday"
    analysis.claims.extend(ctx.claims)
    analysis.quotes.extend(ctx.quotes)


# ---------------------------------------------------------------------- context


@dataclass
class _Context:
    doc: Doc
    article: Article
    analysis: ArticleAnalysis
    sents: list[Span]
    starts: list[int]
    sources: attr.ArticleSources
    spans: list[QuoteSpan]
    quoted: set[int]
    blocks: list[tuple[int, int, str]]
    attributions: dict[int, list[attr.Attribution]] = field(default_factory=dict)
    quote_attr: dict[int, attr.Attribution] = field(default_factory=dict)
    venues: dict[str | None, str] = field(default_factory=dict)  # last venue per speaker
    groups: list[tuple[int, list[str]]] = field(default_factory=list)  # (char, two people)
    types: dict[str, str] = field(default_factory=dict)  # entity id -> type
    by_name: dict[str, str] = field(default_factory=dict)  # name or alias text -> entity id
    outlet_entities: set[str] = field(default_factory=set)
    claims: list[Claim] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    # Per sentence, computed once (a long sentence with many reporting verbs stays linear):
    _venue_of: dict[int, tuple[str | None, bool]] = field(default_factory=dict)
    _tail_of: dict[int, tuple[list[int], list[Token]]] = field(default_factory=dict)
    _quoted_sorted: list[int] = field(default_factory=list)
    _sizes: list[int] = field(default_factory=list)
    _depths: dict[int, int] = field(default_factory=dict)
    _people: list[tuple[int, str]] | None = None  # (char, person id), read on a first "they"
    # Entity lookups and name spans asked for again (participants, then roles, of each claim)
    _entity_of: dict[tuple[int, int], str | None] = field(default_factory=dict)
    _name_of: dict[int, Span] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc, article: Article, analysis: ArticleAnalysis) -> _Context:
        sents = _sentences(doc, analysis)
        spans = quote_spans(article.content or article.raw)
        quoted = {i for q in spans for i in _token_range(doc, q.start, q.end)}
        ctx = cls(
            doc, article, analysis, sents, [s.start_char for s in sents],
            attr.ArticleSources(article, find_outlets(doc)), spans, quoted,
            attr.excerpt_blocks(article.content or article.raw),
        )
        ctx.outlet_entities = {e.id for e in analysis.entities if e.type == "OUTLET"}
        ctx.types = {e.id: e.type for e in analysis.entities}
        ctx.by_name = _names(analysis)
        ctx.groups = _coordinated_pairs(ctx)
        for i, sent in enumerate(sents):
            ctx.attributions[i] = attr.find_attributions(sent, ctx.sources, ctx.name_of, quoted)
            for att in ctx.attributions[i]:
                ctx.speaking_for(att)
        return ctx

    def entity_at(self, start: int, end: int) -> str | None:
        """The local entity of a char span (`_entity_at`), each span looked up once."""
        key = (start, end)
        if key not in self._entity_of:
            self._entity_of[key] = _entity_at(self.analysis, start, end)
        return self._entity_of[key]

    def name_span(self, tok: Token) -> Span:
        """`events.name_span` of a token, computed once."""
        if tok.i not in self._name_of:
            self._name_of[tok.i] = name_span(tok)
        return self._name_of[tok.i]

    def sentence_index(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def sentence_venue(self, j: int) -> tuple[str | None, bool]:
        """(venue phrase, points back to an earlier venue) of sentence j outside quotes."""
        if j not in self._venue_of:
            tokens = [t for t in self.sents[j] if t.i not in self.quoted]
            self._venue_of[j] = (
                venue_phrase(tokens), any(t.lemma_.lower() in VENUE_BACKREF for t in tokens))
        return self._venue_of[j]

    def sentence_tail(self, j: int) -> tuple[list[int], list[Token]]:
        """Sentence j's non-space tokens up to its last non-punctuation one, with their
        indices (for bisecting where a reported clause starts)."""
        if j not in self._tail_of:
            toks = [t for t in self.sents[j] if not t.is_space]
            while toks and toks[-1].is_punct:
                toks.pop()
            self._tail_of[j] = ([t.i for t in toks], toks)
        return self._tail_of[j]

    def subtree_size(self, i: int) -> int:
        """Tokens in token i's subtree (all computed once per Doc, bottom up)."""
        if not self._sizes:
            heads = [t.head.i for t in self.doc]
            order = sorted(range(len(heads)), key=lambda k: -_depth(heads, k, self._depths))
            self._sizes = [1] * len(heads)
            for k in order:
                if heads[k] != k:
                    self._sizes[heads[k]] += self._sizes[k]
        return self._sizes[i]

    def any_quoted(self, first: int, last: int) -> bool:
        """Whether a quoted token lies in the token range first..last (inclusive)."""
        if len(self._quoted_sorted) != len(self.quoted):
            self._quoted_sorted = sorted(self.quoted)
        k = bisect.bisect_left(self._quoted_sorted, first)
        return k < len(self._quoted_sorted) and self._quoted_sorted[k] <= last

    def name_of(self, phrase: Span) -> str | None:
        """A speaker's name: the entity it is a mention of, else the name in the text."""
        ent = self.entity_at(phrase.start_char, phrase.end_char)
        if ent is not None:
            names = {e.id: e.name for e in self.analysis.entities}
            if ent in names:
                return names[ent]
        root = phrase.root
        if root.pos_ == "PROPN" or root.ent_type_ == "PERSON":
            return name_span(root).text
        if root.lower_ in PERSON_PRONOUNS or root.lower_ == "they":
            return _previous_person(self, root)
        return phrase.text

    def speaking_for(self, att: attr.Attribution) -> None:
        """"Acme said": a company on the record is its representative; "a sailor" is anonymous."""
        if att.source.kind != "named_person" or att.speaker is None:
            return
        ent = self.entity_at(att.speaker.start_char, att.speaker.end_char)
        if ent is not None and self.types.get(ent) in SPEAKING_BODIES:
            att.source.kind = "representative"
        root = att.speaker.root
        indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an", "one") for c in root.children)
        if ent is None and root.pos_ == "NOUN" and indefinite:
            att.source.kind = "anonymous_source"  # "a sailor said": nobody on the record

    def group_before(self, char: int, sentence_start: int | None = None) -> list[str]:
        """The two people last named together before `char` ("X and Y ... the couple"). Given the
        start of a pronoun's sentence: unless a third person is named since in that sentence,
        when "they" is ambiguous and stays unresolved ("X left Y to be with Z after they...")."""
        before = [g for g in self.groups if g[0] < char]
        if not before:
            return []
        at, pair = max(before, key=lambda g: g[0])
        if sentence_start is None:
            return pair
        since = max(at, sentence_start)
        if self._people is None:
            self._people = _people_named(self.doc, self.analysis)
        others = (m for m in self._people if since < m[0] < char and m[1] not in pair)
        return [] if any(others) else pair

    def block_outlet(self, char: int) -> str | None:
        for start, end, name in self.blocks:
            if start <= char < end:
                return name
        return None


def _sentences(doc: Doc, analysis: ArticleAnalysis) -> list[Span]:
    """Sentence spans cut at line breaks (a sentence never runs across paragraphs or a headline)."""
    bounds = analysis.sentences or [(s.start_char, s.end_char) for s in doc.sents]
    text = doc_text(doc)
    out = []
    for start, end in bounds:
        for piece in LINE.finditer(text, start, end):
            span = doc.char_span(piece.start(), piece.end(), alignment_mode="expand")
            if span is not None and len(span) and text[span.start_char : span.end_char].strip():
                out.append(span)
    return out


LINE = re.compile(r"\S(?:[^\n]*\S)?")  # a line's text without its surrounding blanks


def _token_range(doc: Doc, start: int, end: int) -> range:
    """The indices of the tokens a char span touches (no Token made for each); empty for none."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def _previous_person(ctx: _Context, tok: Token) -> str | None:
    """The last PERSON named before `tok` (the fallback for "she replied")."""
    outlet_tokens = {i for m in ctx.sources.outlets for i in range(m.start, m.end)}
    best = None
    for ent in ctx.doc.ents:
        if ent.start >= tok.i:
            break
        if ent.label_ == "PERSON" and ent.start not in outlet_tokens:
            best = ent.text
    return best


@functools.cache
def _component_entity_at() -> Callable[[ArticleAnalysis, int, int], str | None] | None:
    """The entities component's `entity_at`, imported once (not on every lookup), or None."""
    try:
        from storyline.nlp.entities.component import entity_at  # provided by the entities component
    except ImportError:
        return None
    return entity_at


def _entity_at(analysis: ArticleAnalysis, start: int, end: int) -> str | None:
    """Local entity id for a char span: the entities component's lookup, else mention overlap."""
    entity_at = _component_entity_at()
    if entity_at is not None:
        return entity_at(analysis, start, end)
    best: tuple[int, str] | None = None
    for ent in analysis.entities:
        for m in ent.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, ent.id)
    return best[1] if best else None


# ----------------------------------------------------------------------- quotes


def _attribute_quotes(ctx: _Context) -> None:
    """Give each quote the nearest reporting cue in its paragraph, a lead-in, or its predecessor."""
    text = ctx.article.content or ctx.article.raw
    all_atts = [a for atts in ctx.attributions.values() for a in atts]
    previous: tuple[QuoteSpan, attr.Attribution] | None = None
    for n, q in enumerate(ctx.spans):
        para_atts = [a for a in all_atts if q.paragraph[0] <= a.cue.idx < q.paragraph[1]]
        att = None
        if para_atts:
            att = min(para_atts, key=lambda a: _distance(a.cue.idx, q))
        if att is None:
            att = _lead_in(ctx, text, q, all_atts)
        if att is None and previous is not None:
            prev_q, prev_att = previous
            same_para = prev_q.paragraph == q.paragraph
            continues = text[q.paragraph[0]:q.start].strip() in ("“", '"') and (
                text[prev_q.paragraph[0]:prev_q.paragraph[1]].rstrip()[-1:] in "”\"" or
                prev_q.end == prev_q.paragraph[1] or
                text[prev_q.end:prev_q.paragraph[1]].strip() in ("", "”", '"')
            )
            if same_para or continues:
                att = prev_att
        if att is None:
            continue
        ctx.quote_attr[n] = att
        previous = (q, att)
        _add_quote(ctx, q, att, "direct")
    _indirect_quotes(ctx)
    _other_reported_speech(ctx)


def _distance(char: int, q: QuoteSpan) -> int:
    return q.start - char if char < q.start else char - q.end


def _lead_in(ctx: _Context, text: str, q: QuoteSpan, atts: list[attr.Attribution]):
    """A quote introduced by a previous paragraph ending in ':' ("a source told US:")."""
    before = text[: q.paragraph[0]].rstrip()
    if not before.endswith(":"):
        return None
    lead = ctx.sentence_index(len(before) - 1)
    cands = ctx.attributions.get(lead, [])
    return cands[-1] if cands else None


def _add_quote(ctx: _Context, q: QuoteSpan, att: attr.Attribution, kind: str) -> None:
    raw = ctx.article.raw
    if kind == "direct" and (len(raw[q.start:q.end].split()) < 2 or is_title(raw[q.start:q.end])):
        return
    source = _final_source(ctx, att.source, q.start)
    speaker = None
    if source.kind == "named_person" and att.speaker is not None:
        speaker = ctx.entity_at(att.speaker.start_char, att.speaker.end_char)
    ctx.quotes.append(Quote(
        id=f"{ctx.article.id}:q{len(ctx.quotes) + 1}",
        article=ctx.article.id,
        start=q.start,
        end=q.end,
        text=raw[q.start:q.end],
        kind=kind,
        speaker=speaker,
        speaker_name=source.name,
        source=source,
        venue=_venue(ctx, att, q.start),
        cue=_cue_span(att),
        speaker_span=(att.speaker.start_char, att.speaker.end_char) if att.speaker else None,
    ))


def _venue(ctx: _Context, att: attr.Attribution, char: int) -> str | None:
    """Where the words were said: an outlet told, an interview named nearby, or "the chat"."""
    via = [v for v in att.source.via if v not in (ctx.article.outlet,)]
    if att.source.kind == "named_person" and via:
        return via[0]
    i = ctx.sentence_index(char)
    for j in (i, ctx.sentence_index(att.cue.idx), i - 1, i - 2):
        if 0 <= j < len(ctx.sents):
            found, backref = ctx.sentence_venue(j)
            if found:
                ctx.venues[att.source.name] = found
                return found
            if backref:
                return ctx.venues.get(att.source.name)
    return via[0] if via else None


ADVERBIAL_MARKS = frozenset({"when", "while", "after", "before", "as", "if", "because", "since",
                             "though", "although", "once", "until"})
VENUE_BACKREF = frozenset({"chat", "interview", "conversation", "elsewhere"})


def _indirect_quotes(ctx: _Context) -> None:
    """Reported speech: the that-clause of a reporting verb outside quote marks."""
    for atts in ctx.attributions.values():
        for att in atts:
            if att.sentence_wide:
                continue
            comp = next((c for c in att.cue.children if c.dep_ == "ccomp"), None)
            if comp is None:
                continue
            left, right = comp.left_edge, comp.right_edge  # the subtree lies within these
            if ctx.any_quoted(left.i, right.i) and any(t.i in ctx.quoted for t in comp.subtree):
                continue
            if left.lower_ in ADVERBIAL_MARKS or comp.i < att.cue.i:
                continue  # "When rumours broke, a source told ...": a time clause, not speech
            first = left if left.dep_ != "mark" or left.head.i != comp.i else next(
                t for t in comp.subtree if t.dep_ != "mark" or t.head.i != comp.i)
            # the reported clause runs to the end of the sentence
            indices, toks = ctx.sentence_tail(ctx.sentence_index(att.cue.idx))
            k = bisect.bisect_left(indices, first.i)
            if len(toks) - k < 3:
                continue
            start = toks[k].idx
            end = toks[-1].idx + len(toks[-1])
            _add_quote(ctx, QuoteSpan(start, end, (start, end)), att, "indirect")


def _cue_span(att: attr.Attribution) -> tuple[int, int]:
    """The cue's characters: the verb, or "according to" / "as per" with its preposition."""
    cue = att.cue
    end = cue.idx + len(cue)
    nxt = cue.nbor(1) if cue.i + 1 < len(cue.doc) else None
    if nxt is not None and att.sentence_wide and nxt.lower_ in ("to", "per"):
        end = nxt.idx + len(nxt)
    return cue.idx, end


def _other_reported_speech(ctx: _Context) -> None:
    """Reported speech the that-clause reading misses: the clause before its cue ("The talks
    failed, officials said."), around a parenthetical cue ("The plan, he said, is dead.") and
    the rest of a sentence told "according to" someone.

    The kept tokens are worked out as index ranges (a subtree is the range between its edges
    when it is contiguous), so a long sentence with many cues stays linear."""
    for i, atts in ctx.attributions.items():
        sent = ctx.sents[i]
        for att in atts:
            cue = att.cue
            if att.sentence_wide:
                ranges = _outside(ctx, cue, sent.start, sent.end)
            elif (comp := next((c for c in cue.children if c.dep_ == "ccomp"), None)) \
                    is not None and comp.i < cue.i:
                if comp.left_edge.lower_ in ADVERBIAL_MARKS:
                    continue  # "When rumours broke, a source told ...": a time clause
                ranges = [(max(comp.left_edge.i, sent.start),
                           min(comp.right_edge.i + 1, sent.end))]
            elif cue.dep_ == "parataxis" and cue.head.pos_ in ("VERB", "AUX") \
                    and cue.head.left_edge.i < cue.i:
                head = cue.head
                ranges = _outside(ctx, cue, max(head.left_edge.i, sent.start),
                                  min(head.right_edge.i + 1, sent.end))
            else:
                continue
            pieces = _trim_ranges(ctx.doc, ranges)
            if any(ctx.any_quoted(a, b - 1) for a, b in pieces):
                continue  # direct speech has its own quote
            if sum(b - a for a, b in pieces) < 3:
                continue
            for a, b in pieces:
                start, end = ctx.doc[a].idx, ctx.doc[b - 1].idx + len(ctx.doc[b - 1])
                _add_quote(ctx, QuoteSpan(start, end, (start, end)), att, "indirect")


def _outside(ctx: _Context, tok: Token, start: int, end: int) -> list[tuple[int, int]]:
    """Maximal token ranges of start..end outside `tok`'s subtree."""
    left, right = tok.left_edge.i, tok.right_edge.i
    if ctx.subtree_size(tok.i) == right - left + 1:  # contiguous: the range between its edges
        return [r for r in ((start, min(left, end)), (max(right + 1, start), end)) if r[0] < r[1]]
    skip = {t.i for t in tok.subtree}  # a non-projective subtree: token by token
    out: list[tuple[int, int]] = []
    for k in range(start, end):
        if k in skip:
            continue
        if out and out[-1][1] == k:
            out[-1] = (out[-1][0], k + 1)
        else:
            out.append((k, k + 1))
    return out


def _trim_ranges(doc: Doc, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each range without edge punctuation or blanks; empty ones dropped."""
    out = []
    for a, b in ranges:
        while a < b and (doc[a].is_punct or doc[a].is_space):
            a += 1
        while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def _depth(heads: list[int], k: int, memo: dict[int, int]) -> int:
    """Token k's distance from its root, memoised (so all depths cost O(n) together)."""
    path = []
    while k not in memo and heads[k] != k:
        path.append(k)
        k = heads[k]
    depth = memo.get(k, 0)
    memo[k] = depth
    for j in reversed(path):
        depth += 1
        memo[j] = depth
    return memo[path[0]] if path else depth


# ----------------------------------------------------------------------- claims


def _final_source(ctx: _Context, source: Source, char: int) -> Source:
    """Close a source's via chain: excerpted outlet (if inside an excerpt), then the article's."""
    block = ctx.block_outlet(char)
    return attr.close(source, ctx.sources, [block] if block else None)


def _attribution_for(ctx: _Context, trigger: Token, sent_i: int) -> attr.Attribution | None:
    """The reporting cue covering a trigger: its quote's, a speech verb above it, a sentence's."""
    for n, q in enumerate(ctx.spans):
        if q.start <= trigger.idx < q.end and n in ctx.quote_attr:
            return ctx.quote_attr[n]
    atts = ctx.attributions.get(sent_i, [])
    covering = [
        a for a in atts
        if not a.sentence_wide and _in_content(a.cue, trigger)
        and (a.speaker is None or trigger not in a.speaker)
    ]
    if covering:
        return max(covering, key=lambda a: len(list(a.cue.ancestors)))
    wide = [a for a in atts if a.sentence_wide]
    return wide[0] if wide else None


NOT_CONTENT = frozenset({"advcl", "prep", "npadvmod", "advmod", "mark", "nsubj", "nsubjpass",
                         "dative", "agent", "aux", "punct"})
TOPIC_PREPS = frozenset({"about", "at", "of", "on", "regarding"})  # "hinted at the breakup"


def _in_content(cue: Token, trigger: Token) -> bool:
    """Whether `trigger` is in what `cue` reports (its clause or object), not in a side clause."""
    tok = trigger
    for _ in range(12):
        if tok.head.i == tok.i or tok.i == cue.i:
            return False
        if tok.head == cue:
            return tok.dep_ not in NOT_CONTENT or (tok.dep_ == "prep" and tok.lower_ in TOPIC_PREPS)
        tok = tok.head
    return False


def _extract_claims(ctx: _Context, trigger_model: bool = True) -> None:
    seen: set[tuple[int, str, str | None, int | None]] = set()
    for hit in find_hits(ctx.doc, trigger_model):
        trigger = hit.trigger
        sent_i = ctx.sentence_index(trigger.idx)
        sent = ctx.sents[sent_i]
        if not (sent.start <= trigger.i < sent.end):
            continue
        if hit.rule.named_subject and not _named_speaker(ctx, trigger):
            continue
        second_verb = trigger.dep_ == "conj" and _own_date(trigger) and _own_date(trigger.head)
        key = (sent_i, hit.rule.type,  # "elected in 2016 and reappointed in 2022": two events
               hit.predicate if frame(hit.rule.type).open else None,
               trigger.i if second_verb else None)
        if key in seen:
            continue
        seen.add(key)
        claim = _hit_claim(ctx, hit, sent_i)
        if not claim.participants and claim.mention.certainty == "asserted" and _generic(hit):
            continue  # "women ... following a secret split": nobody's split in particular
        ctx.claims.append(claim)


def _hit_claim(ctx: _Context, hit: Hit, sent_i: int) -> Claim:
    """The claim one trigger makes in sentence `sent_i`: its source, certainty and arguments."""
    trigger, sent, raw = hit.trigger, ctx.sents[sent_i], ctx.article.raw
    att = _attribution_for(ctx, trigger, sent_i)
    block = ctx.block_outlet(trigger.idx)
    if att is not None:
        source = _final_source(ctx, att.source, trigger.idx)
        base = att.certainty if att.certainty != "reported" else "reported"
    elif block:
        source = attr.close(Source("outlet", block), ctx.sources)
        base = "reported"
    else:
        source = attr.author_source(ctx.sources)
        base = "asserted"
    certainty = certainty_of(trigger, sent, base)
    raised = certainty == "negated" and hit.rule.detail and _negation_raised(trigger)
    if hit.rule.detail and trigger.lemma_.lower() in DETAIL_VERBS:
        # "didn't wear her ring": the negation is the detail ("didn't wear ..."), not the event
        certainty = certainty_of(trigger, sent, base, negation=False)
    if raised:  # "was not seen wearing her ring": seen, without the ring
        certainty = certainty_of(trigger, sent, base, negation=False)
    claim = _claim(ctx, hit, sent, source, certainty, raw)
    if raised and claim.detail:
        claim.detail = f"not {claim.detail}"
    return claim


def claims_at(doc: Doc, article: Article, analysis: ArticleAnalysis,
              triggers: list[tuple[int, int]]) -> list[Claim | None]:
    """The claim storyline makes of each given trigger span (character offsets into the
    article), whether or not the component would have found it there: the frame hit on that
    token, else the frame whose trigger words list its lemma, else an open event named by it;
    source, certainty, participants, roles and time as the component gives them. None for a
    span on no token. Gold-mention evaluation (ECB+) scores coreference on these."""
    ctx = _Context.build(doc, article, analysis)
    hits = {h.trigger.i: h for h in find_hits(doc)}
    out: list[Claim | None] = []
    for start, end in triggers:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            out.append(None)
            continue
        trigger = span.root
        sent_i = ctx.sentence_index(trigger.idx)
        hit = hits.get(trigger.i) or lexical_hit(trigger)
        claim = _hit_claim(ctx, hit, sent_i)
        claim.id = f"{article.id}:g{len(out) + 1}"
        out.append(claim)
    return out


def _own_date(verb: Token) -> bool:
    """A verb with a date of its own in a prepositional or adverbial child."""
    return verb.pos_ == "VERB" and any(
        t.ent_type_ == "DATE" and t.ent_iob_ == "B"
        for c in verb.children if c.dep_ in ("prep", "npadvmod")
        for t in c.subtree
    )


def _generic(hit: Hit) -> bool:
    """A people-centred event named by an indefinite noun ("a split", "an affair")."""
    trigger = hit.trigger
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in trigger.children)
    return hit.rule.type in GENERIC_TYPES and trigger.pos_ == "NOUN" and indefinite


def _negation_raised(trigger: Token) -> bool:
    """A negated sighting whose complement says what was missing ("not seen wearing X")."""
    return any(c.lemma_.lower() in DETAIL_VERBS and c.pos_ == "VERB" for c in trigger.children)


def _named_speaker(ctx: _Context, trigger: Token) -> bool:
    """Statements by speech verb count only for people on the record, outside quotes."""
    if trigger.i in ctx.quoted:
        return False
    subj = attr.subject_of(trigger)
    if subj is None:
        return False
    if subj.pos_ == "PROPN" or subj.ent_type_ == "PERSON":
        return attr.outlet_in(subj, ctx.sources.outlets) is None
    return subj.lower_ in PERSON_PRONOUNS


def _claim(ctx: _Context, hit: Hit, sent: Span, source: Source, certainty: str, raw: str) -> Claim:
    start, end = _trimmed(raw, sent.start_char, sent.end_char)
    place = place_of(hit.trigger)
    participants = _participants(ctx, hit.trigger, sent, place, hit.rule.type)
    time, time_text, bound, reason, relation = _time_of(ctx, hit, sent)
    detail = detail_of(hit.trigger, sent) if hit.rule.detail else None
    roles = _roles(ctx, hit, sent, place, participants)
    return Claim(
        id=f"{ctx.article.id}:c{len(ctx.claims) + 1}",
        article=ctx.article.id,
        type=hit.rule.type,
        mention=Mention(ctx.article.id, start, end, raw[start:end], source, certainty),
        predicate=hit.predicate,
        participants=participants,
        time=time,
        time_text=time_text,
        time_bound=bound,
        time_reason=reason,
        dct_relation=relation,
        place=place.text if place is not None else None,
        detail=detail.text if detail is not None else None,
        trigger=(hit.trigger.idx, hit.trigger.idx + len(hit.trigger.text)),
        roles=roles,
    )


def _roles(ctx: _Context, hit: Hit, sent: Span, place: Span | None,
           participants: list[str]) -> list[Role]:
    """Each participant's role from the parse (`events.roles_of`); in a symmetric frame (a
    couple's) every participant, "the couple" included, is a participant."""
    out: list[Role] = []
    for name, tok in roles_of(hit, sent):
        span = ctx.name_span(tok)
        if place is not None and span.start < place.end and place.start < span.end:
            continue
        ent = _quote_speaker(ctx, tok) if tok.lower_ in FIRST_PERSON else _argument_entity(
            ctx, tok, span)
        if ent in participants and all(r.entity != ent for r in out):
            out.append(Role(name, ent, (span.start_char, span.end_char)))  # type: ignore[arg-type]
    if "participant" in frame(hit.rule.type).roles:
        out += [Role("participant", p) for p in participants if all(r.entity != p for r in out)]
    return out


def _participants(
    ctx: _Context, trigger: Token, sent: Span, place: Span | None, kind: str
) -> list[str]:
    """Entity ids of the trigger's arguments; "the couple"/"they" is the pair last named."""
    participants: list[str] = []
    group = pronoun = False  # "they" can be ambiguous where "the couple" is not
    for tok in argument_heads(trigger, sent):
        if tok.lower_ in GROUP_WORDS or tok.lemma_.lower() in GROUP_WORDS:
            group = True
            pronoun = pronoun or tok.pos_ == "PRON"
            continue
        if tok.lower_ in FIRST_PERSON:
            ent = _quote_speaker(ctx, tok)
        else:
            span = ctx.name_span(tok)
            if place is not None and span.start < place.end and place.start < span.end:
                continue  # "moved to Paris": Paris is the place, not a participant
            ent = _argument_entity(ctx, tok, span)
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if ent is None and owner is not None and owner.lower_ in GROUP_WORDS:
                group = True  # "to mend their marriage"
                pronoun = pronoun or owner.pos_ == "PRON"
        if ent and ent not in participants and ent not in ctx.outlet_entities:
            participants.append(ent)
    persons = [p for p in participants if ctx.types.get(p) == "PERSON"]
    # (the determiners are read only for a couple's event named by a noun)
    if kind in COUPLE_TYPES and trigger.pos_ == "NOUN" and not persons and any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in trigger.children):
        group = True  # "despite the separation": the couple's, not a generic one
    if group and len(persons) < 2:
        pair = ctx.group_before(trigger.idx, sent.start_char if pronoun else None)
        participants += [p for p in pair if p not in participants]
    elif len(persons) >= 2 and kind in COUPLE_TYPES:
        ctx.groups.append((trigger.idx, persons[:2]))
    return participants


def _argument_entity(ctx: _Context, tok: Token, span: Span) -> str | None:
    """The entity an argument head names: the one whose mention its name span overlaps, else a
    name known elsewhere in the article (one the NER missed here)."""
    ent = ctx.entity_at(span.start_char, span.end_char)
    if ent is None and tok.pos_ == "PROPN":
        ent = ctx.by_name.get(span.text)
    return ent


def _people_named(doc: Doc, analysis: ArticleAnalysis) -> list[tuple[int, str]]:
    """(char, id) of each mention of a person who could be the antecedent of "they": not a
    possessor ("Aronofsky's film" names the film, not a third person in the scene)."""
    out = []
    for e in analysis.entities:
        if e.type != "PERSON":
            continue
        for m in e.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and span.root.dep_ != "poss":
                out.append((m.start, e.id))
    return sorted(out)


def _names(analysis: ArticleAnalysis) -> dict[str, str]:
    """Name and alias texts that point to exactly one entity (for names the NER missed)."""
    seen: dict[str, set[str]] = {}
    for ent in analysis.entities:
        for m in ent.mentions:
            if m.kind in ("name", "alias"):
                seen.setdefault(m.text, set()).add(ent.id)
        for alias in (ent.name, *ent.aliases):
            seen.setdefault(alias, set()).add(ent.id)
    return {text: next(iter(ids)) for text, ids in seen.items() if len(ids) == 1}


def _quote_speaker(ctx: _Context, tok: Token) -> str | None:
    """"I met my husband": inside a quote, the first person is the quote's named speaker."""
    for n, q in enumerate(ctx.spans):
        if q.start <= tok.idx < q.end and n in ctx.quote_attr:
            att = ctx.quote_attr[n]
            if att.source.kind == "named_person" and att.speaker is not None:
                return ctx.entity_at(att.speaker.start_char, att.speaker.end_char)
    return None


_AND_LOWERS = ids_of(("and", "&"))


def _coordinated_pairs(ctx: _Context) -> list[tuple[int, list[str]]]:
    """(char, [id, id]) for every "X and Y" naming two people, the antecedent of "the couple"
    (the conjunctions found in the Doc's LOWER column: a Token made only for one of them)."""
    doc, types, names = ctx.doc, ctx.types, ctx.by_name
    out: list[tuple[int, list[str]]] = []
    lowers = token_ids(doc)[0]
    for i in range(1, len(doc)):
        if lowers[i] not in _AND_LOWERS:
            continue
        tok = doc[i]
        left = doc[tok.i - 1] if doc[tok.i - 1].lower_ not in ("'s", "’s") else doc[tok.i - 2]
        ids: list[str] = []
        for t in [left, *doc[tok.i + 1: min(tok.i + 5, len(doc))]]:
            if t.dep_ == "poss" or t.is_punct and t.text != ",":
                continue  # "X and her husband Y": the possessive is X again
            span = ctx.name_span(t) if t.ent_type_ else doc[t.i:t.i + 1]
            ent = ctx.entity_at(span.start_char, span.end_char) or names.get(span.text)
            if ent and types.get(ent) == "PERSON" and ent not in ids:
                ids.append(ent)
            if t is left and not ids:
                break
            if len(ids) == 2:
                out.append((tok.idx, ids))
                break
    return out


def _trimmed(raw: str, start: int, end: int) -> tuple[int, int]:
    """Strip blanks, and never cut an HTML character reference ("&ldquo;") in half."""
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    for ref in ENTITY_REF.finditer(raw, max(0, start - 10), start + 10):
        if ref.start() < start < ref.end():
            start = ref.start()
    for ref in ENTITY_REF.finditer(raw, max(0, end - 10), end + 10):
        if ref.start() < end < ref.end():
            end = ref.end()
    return start, end


ENTITY_REF = re.compile(r"&#?\w{1,10};")


# ------------------------------------------------------------------------- time


def _report_reach(hit: Hit) -> set[int]:
    """For allegations, the governing report clause: "rumours swirled in August that ..."."""
    reach: set[int] = set()
    for n, anc in enumerate(hit.trigger.ancestors):
        if n > 4:
            break
        if any(c.dep_ == "nsubj" and c.lemma_.lower() in REPORT_NOUNS for c in anc.children):
            reach.add(anc.i)  # "rumours swirled in August that X had an affair"
            break
        if anc.lemma_.lower() in REPORT_NOUNS:  # "rumours" is sometimes tagged a verb
            reach.add(anc.i)
            if anc.dep_ in ("nsubj", "nsubjpass"):
                reach.add(anc.head.i)
            # "Rumours swirled in August that ..." parsed as a noun phrase: the verb hangs off it
            reach |= {c.i for c in anc.children
                      if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"}
            break
    return reach


def _time_of(ctx: _Context, hit: Hit, sent: Span) -> tuple[
        TimeValue | None, str | None, TimeValue | None, str | None, str]:
    """(time, its text, bound, reason, relation to the article's date): the time expression
    governing the trigger (or its light verb), found by the anchoring step
    (storyline/nlp/time/anchoring.py); an allegation without one takes the rumour's. With none,
    the one-sided bound the article's date gives the event in its relation to it (before /
    after the date; an overlap gives none) and the reason."""
    reach = event_reach(hit.trigger)
    # "underwent surgery on Tuesday": a support construction's verb carries its noun's time
    reach |= {t.i for t in ctx.doc[hit.start:hit.end] if t.i == hit.trigger.head.i
              and t.i != hit.trigger.i and t.pos_ in ("VERB", "AUX")}
    reaches = [reach, _report_reach(hit)] if hit.rule.time_from_report else [reach]
    anchor = anchor_event(hit.trigger, ctx.analysis.timexes, ctx.article.published, sent, reaches)
    if anchor.timex is not None:
        tx = anchor.timex
        return (TimeValue(tx.value, tx.earliest, tx.latest), ctx.article.raw[tx.start:tx.end],
                None, anchor.reason, anchor.relation)
    bound = anchor.time if anchor.relation in ("BEFORE", "AFTER") else None
    reason = anchor.reason or None
    if not ctx.analysis.timexes:
        for one in reaches:
            text = _fallback_time_text(ctx, sent, one)
            if text:
                return None, text, bound, reason, anchor.relation
    return None, None, bound, reason, anchor.relation


NOT_A_DATE = re.compile(r"^\d+$|^\d+\s+(years?|months?|weeks?|days?)$", re.IGNORECASE)


def _fallback_time_text(ctx: _Context, sent: Span, reach: set[int]) -> str | None:
    """Until the timex component fills `timexes`: the attached DATE entity's text, no value."""
    for ent in sent.ents:
        ok = ent.label_ == "DATE" and not NOT_A_DATE.match(ent.text)
        if ok and governor_chain(ent.root) & reach:
            return ent.text
    return None


# ------------------------------------------------------------------- interviews


def _merge_interview_statements(ctx: _Context) -> None:
    """One interview told over several sentences is one statement: consecutive statement claims
    by the same speaker at the same venue keep only the first (its sentence is the mention)."""
    kept: list[Claim] = []
    last: Claim | None = None
    last_venue: str | None = None
    for c in ctx.claims:
        if not frame(c.type).speech:
            kept.append(c)
            continue
        venue = _statement_venue(ctx, c, last_venue)
        same = last is not None and venue is not None and venue == last_venue and (
            c.participants[:1] == last.participants[:1] != []
            and c.mention.source == last.mention.source
        )
        if same and last is not None:
            if last.time is None and c.time is not None:
                last.time, last.time_text = c.time, c.time_text
            last.place = last.place or c.place
            continue
        kept.append(c)
        last, last_venue = c, venue
    for n, c in enumerate(kept, 1):
        c.id = f"{ctx.article.id}:c{n}"
    ctx.claims = kept


def _statement_venue(ctx: _Context, claim: Claim, previous: str | None) -> str | None:
    """Where a statement was made: an interview named in its sentence, its quotes' venue, or the
    previous statement's venue when the sentence points back ("elsewhere in the chat")."""
    found, backref = ctx.sentence_venue(ctx.sentence_index(claim.mention.start))
    if found is None:
        found = next((q.venue for q in ctx.quotes if q.venue and
                      claim.mention.start <= q.start < claim.mention.end), None)
    if found is None and backref:
        found = previous
    return " ".join(found.lower().split()) if found else None


# ---------------------------------------------------------------------- denials


def _denials_of_earlier_reports(ctx: _Context) -> None:
    """"A rep denied the reports": the denied events are the ones just reported before it."""
    raw = ctx.article.raw
    by_sentence: dict[int, list[Claim]] = {}
    for c in ctx.claims:
        by_sentence.setdefault(ctx.sentence_index(c.mention.start), []).append(c)
    for i, atts in ctx.attributions.items():
        for att in atts:
            if att.certainty != "denied":
                continue
            own = [c for c in by_sentence.get(i, []) if c.mention.certainty == "denied"]
            if own:
                continue
            # a retraction ("withdrew its story") takes back reports, not the article's own
            # assertions just before it
            told = RANK[4:6] if attr.takes_back(att.cue) else RANK[4:]
            earlier = [c for c in by_sentence.get(i, []) + by_sentence.get(i - 1, [])
                       if not frame(c.type).speech and c.mention.certainty in told]
            sent = ctx.sents[i]
            start, end = _trimmed(raw, sent.start_char, sent.end_char)
            source = _final_source(ctx, att.source, att.cue.idx)
            for c in earlier:
                ctx.claims.append(Claim(
                    id=f"{ctx.article.id}:c{len(ctx.claims) + 1}",
                    article=c.article, type=c.type,
                    mention=Mention(ctx.article.id, start, end, raw[start:end], source, "denied"),
                    predicate=c.predicate, participants=list(c.participants),
                    time=c.time, time_text=c.time_text, place=c.place, detail=c.detail,
                ))
