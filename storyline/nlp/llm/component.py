"""The "llm_claims" component: ask the configured server for claims, keep only grounded ones.

Runs after the rule-based "claims" component. Every claim the model returns must quote its
evidence verbatim from the numbered sentence, else it is dropped; names, times and places are
mapped back onto the article's own entities, timexes and text. Any failure keeps the rule
claims for that article, logs a warning and counts it (`llm_stats`).
"""

from __future__ import annotations

import bisect
import logging
import re

from spacy.tokens import Doc

from storyline.model import Article, ArticleAnalysis, Claim, Mention, Source, TimeValue
from storyline.nlp.attribution import reporting as attr
from storyline.nlp.entities.component import entity_at
from storyline.nlp.events.claims import LINE, SKIP_TIMEX_TYPES, _trimmed
from storyline.nlp.llm.client import ChatClient, LlmError
from storyline.nlp.llm.prompt import messages
from storyline.nlp.llm.schema import LlmClaim, parse_reply
from storyline.nlp.llm.stats import LlmStats, llm_stats
from storyline.nlp.pipeline import COMPONENTS

log = logging.getLogger("storyline.llm")
log.addHandler(logging.NullHandler())  # a library logs; front doors decide what to show

SENTENCES_PER_REQUEST = 8  # few enough that small local models keep the numbering straight


@COMPONENTS.register("llm_claims")
def llm_claims(
    doc: Doc,
    article: Article,
    analysis: ArticleAnalysis,
    *,
    url: str | None,
    model: str = "default",
    mode: str = "merge",
    api_key: str | None = None,
    timeout: float = 60.0,
    max_sentences: int = 200,
) -> None:
    """Replace (`mode` "replace") or extend ("merge") `analysis.claims` with grounded claims
    from the server at `url` (nothing when it is None). The storyline_llm_claims pipeline
    component calls this with its config, which Settings.llm_* fill."""
    if not url:
        return
    stats = llm_stats()
    stats.articles += 1
    if stats.paused():
        stats.failed(article.id, "not asked: the server failed on several articles in a row")
        return
    sentences = sentence_spans(article, analysis)[:max_sentences]
    client = ChatClient(url, model, timeout, api_key)
    try:
        found = _ask(client, article, analysis, sentences, stats)
    except LlmError as exc:
        log.warning("article %s: LLM failed (%s); kept rule-based claims", article.id, exc)
        stats.failed(article.id, str(exc))
        return
    stats.consecutive_failures = 0
    claims = _grounded(found, article, analysis, sentences, stats)
    if mode == "replace":
        analysis.claims[:] = _numbered(article, claims, 1)
    else:
        claims = _new_to_rules(claims, analysis.claims, sentences, stats)
        analysis.claims.extend(_numbered(article, claims, len(analysis.claims) + 1))
    stats.claims_kept += len(claims)


def sentence_spans(article: Article, analysis: ArticleAnalysis) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `article.raw`, cut at line breaks, blanks trimmed."""
    text = article.content or article.raw
    out = []
    for start, end in analysis.sentences or [(0, len(text))]:
        for piece in LINE.finditer(text, start, end):
            s, e = _trimmed(article.raw, piece.start(), piece.end())
            if s < e:
                out.append((s, e))
    return out


def _ask(
    client: ChatClient,
    article: Article,
    analysis: ArticleAnalysis,
    sentences: list[tuple[int, int]],
    stats: LlmStats,
) -> list[LlmClaim]:
    """Every claim the server states for the sentences, in batches; LlmError on any failure."""
    published = article.published.value if article.published else None
    names = sorted({e.name for e in analysis.entities if e.type != "OUTLET"})
    out: list[LlmClaim] = []
    for first in range(0, len(sentences), SENTENCES_PER_REQUEST):
        chunk = sentences[first: first + SENTENCES_PER_REQUEST]
        batch = [(first + k + 1, article.raw[s:e]) for k, (s, e) in enumerate(chunk)]
        stats.requests += 1
        claims, invalid = parse_reply(client.complete(messages(batch, published, names)))
        stats.invalid += invalid
        numbers = {n for n, _ in batch}
        for c in claims:
            if c.sentence in numbers:
                out.append(c)
            else:
                stats.invalid += 1  # a sentence number we did not send
    return out


def _grounded(
    found: list[LlmClaim],
    article: Article,
    analysis: ArticleAnalysis,
    sentences: list[tuple[int, int]],
    stats: LlmStats,
) -> list[Claim]:
    """Claims whose evidence is a verbatim slice of their sentence, mapped onto the article."""
    raw = article.raw
    sources = attr.ArticleSources(article, [])
    lookup = _NameLookup(analysis)
    out: list[Claim] = []
    seen: set[tuple] = set()
    for c in found:
        start, end = sentences[c.sentence - 1]
        if raw.find(c.evidence.strip(), start, end) < 0:
            stats.ungrounded += 1
            log.info("article %s: dropped ungrounded claim %r", article.id, c.evidence[:80])
            continue
        participants = []
        for name in c.participants:
            ent = lookup.entity(name, raw, start, end)
            if ent is not None and ent not in participants:
                participants.append(ent)
        time, time_text = _time(c.time_text, analysis, raw, start, end)
        key = (start, c.type, tuple(participants), time_text)
        if key in seen:
            stats.duplicates += 1
            continue
        seen.add(key)
        source = Source(c.source_kind, None if c.source_kind == "author" else c.source_name)
        out.append(Claim(
            id="",
            article=article.id,
            type=c.type,
            mention=Mention(article.id, start, end, raw[start:end],
                            attr.close(source, sources), c.certainty),
            predicate=c.predicate,
            participants=participants,
            time=time,
            time_text=time_text,
            place=_verbatim(c.place, raw, start, end),
        ))
    return out


class _NameLookup:
    """Surface names to local entity ids: the mention at that spot, a name or alias, a surname."""

    def __init__(self, analysis: ArticleAnalysis) -> None:
        self.analysis = analysis
        self.outlets = {e.id for e in analysis.entities if e.type == "OUTLET"}
        names: dict[str, set[str]] = {}
        last: dict[str, set[str]] = {}
        for ent in analysis.entities:
            if ent.id in self.outlets:
                continue
            texts = {ent.name, *ent.aliases,
                     *(m.text for m in ent.mentions if m.kind in ("name", "alias"))}
            for text in texts:
                names.setdefault(text.casefold(), set()).add(ent.id)
            if ent.type == "PERSON" and len(ent.name.split()) > 1:
                last.setdefault(ent.name.split()[-1].casefold(), set()).add(ent.id)
        self.names = {k: next(iter(v)) for k, v in names.items() if len(v) == 1}
        self.last = {k: next(iter(v)) for k, v in last.items() if len(v) == 1}

    def entity(self, name: str, raw: str, start: int, end: int) -> str | None:
        at = raw.find(name, start, end)
        ent = entity_at(self.analysis, at, at + len(name)) if at >= 0 else None
        if ent is None:
            key = name.casefold()
            ent = self.names.get(key) or self.last.get(key.split()[-1] if key.split() else key)
        return ent if ent not in self.outlets else None


def _time(
    text: str | None, analysis: ArticleAnalysis, raw: str, start: int, end: int
) -> tuple[TimeValue | None, str | None]:
    """The sentence's timex the model's time phrase names, else the phrase if it is verbatim."""
    if not text:
        return None, None
    want = text.casefold()
    for tx in analysis.timexes:
        if not (start <= tx.start < end) or tx.type in SKIP_TIMEX_TYPES:
            continue
        got = raw[tx.start:tx.end].casefold()
        if got == want or got in want or want in got:
            return TimeValue(tx.value, tx.earliest, tx.latest), raw[tx.start:tx.end]
    return None, _verbatim(text, raw, start, end)


def _verbatim(text: str | None, raw: str, start: int, end: int) -> str | None:
    """`text` as it is written in raw[start:end] (case aside), or None if it is not there."""
    if not text:
        return None
    found = re.search(re.escape(text.strip()), raw[start:end], re.IGNORECASE)
    return found.group(0) if found else None


def _new_to_rules(
    claims: list[Claim], rules: list[Claim], sentences: list[tuple[int, int]], stats: LlmStats
) -> list[Claim]:
    """Merge mode: drop LLM claims whose sentence already has a rule claim of the same type."""
    starts = [s for s, _ in sentences]

    def sentence_of(char: int) -> int:
        return bisect.bisect_right(starts, char) - 1

    known = {(sentence_of(c.mention.start), c.type) for c in rules}
    out = []
    for c in claims:
        if (sentence_of(c.mention.start), c.type) in known:
            stats.duplicates += 1
        else:
            out.append(c)
    return out


def _numbered(article: Article, claims: list[Claim], first: int) -> list[Claim]:
    for n, c in enumerate(claims, first):
        c.id = f"{article.id}:c{n}"
    return claims
