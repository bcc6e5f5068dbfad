"""Stories in a feed: online single-pass clustering of articles (topic detection and tracking).

Each article, in publication order, joins the most similar existing story or starts a new one
(Yang, Pierce & Carbonell 1998; Allan et al. 1998: single pass over TF-IDF vectors with
incremental document frequencies and a time penalty). Similarity mixes three signals, each a
cosine of IDF-weighted bags against the story's summed vectors: the article's content words,
its named entities (from the nlp analysis) and its event predicates; it is then damped by the
days between the article and the story's latest article (half-life `story_half_life_days`;
undated articles get no penalty). When an article matches a second story above the threshold
too, the two stories are compared and merged if they are alike (`story_merge_threshold`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.model import Article, ArticleAnalysis, StoryCluster
from storyline.nlp.events.frames import kinds
from storyline.settings import Settings

Span = tuple[date | None, date | None]  # first and last publication date
CHANNELS = ("words", "entities", "predicates")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]")
# Named entity types that say what a story is about (an outlet's name does not).
TOPICAL_TYPES = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "AWARD", "LAW", "WORK"}
)
# Claim types too generic to tell stories apart (everyone says things).
GENERIC_CLAIMS = kinds(lambda f: f.topic_neutral)


@dataclass
class Signals:
    """What the clustering reads of one article: date, and a bag of terms per channel."""

    article: str
    published: date | None
    title: str | None
    bags: dict[str, Counter[str]]
    names: dict[str, str] = field(default_factory=dict)  # entity key -> name as written


def content_words(text: str) -> Counter[str]:
    """Lower-cased words of three or more letters that are not English stop words (spaCy's)."""
    words = [w.lower() for w in _WORD.findall(text)]
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    return Counter([w for w in words if len(w) >= 3 and w not in STOP_WORDS])  # first-seen order


def article_words(text: str) -> Counter[str]:
    """`content_words` of an article's text: the clustering signals and the story stage's
    article vectors both read them (one build: the same texts twice), so the latest are kept;
    a copy each time (callers may count on it)."""
    return Counter(_article_words(text))


@lru_cache(maxsize=512)
def _article_words(text: str) -> Counter[str]:
    return content_words(text)


def signals(article: Article, analysis: ArticleAnalysis | None) -> Signals:
    """The clustering signals of one article (text only when it has no analysis)."""
    entities: Counter[str] = Counter()
    names: dict[str, str] = {}
    predicates: Counter[str] = Counter()
    for ent in analysis.entities if analysis else []:
        if ent.type not in TOPICAL_TYPES or not ent.name[:1].isupper():
            continue
        key = ent.name.casefold()
        entities[key] += max(1, len(ent.mentions))
        names.setdefault(key, ent.name)
        if ent.type == "PERSON" and " " in ent.name:  # the surname alone, as later mentions say
            entities[key.rsplit(" ", 1)[1]] += 1
    for claim in analysis.claims if analysis else []:
        if claim.type in GENERIC_CLAIMS:
            continue
        predicates[f"{claim.type}:{claim.predicate or ''}"] += 1
    when = article.published.earliest if article.published else None
    return Signals(
        article.id, when, article.title,
        {"words": article_words(article.content or article.raw), "entities": entities,
         "predicates": predicates},
        names,
    )  # fmt: skip


@dataclass
class _Bag:
    """A story's summed unit vectors in one channel, with its squared norm kept up to date."""

    weights: dict[str, float] = field(default_factory=dict)
    norm2: float = 0.0

    def add(self, vec: dict[str, float]) -> None:
        dot = sum(w * self.weights.get(t, 0.0) for t, w in vec.items())
        self.norm2 += 2 * dot + sum(w * w for w in vec.values())
        for t, w in vec.items():
            self.weights[t] = self.weights.get(t, 0.0) + w

    def cosine(self, other: _Bag) -> float:
        small, big = sorted((self.weights, other.weights), key=len)
        dot = sum(w * big.get(t, 0.0) for t, w in small.items())
        den = math.sqrt(self.norm2 * other.norm2)
        return dot / den if den > 0 else 0.0


@dataclass
class _Story:
    id: int
    members: list[str] = field(default_factory=list)
    bags: dict[str, _Bag] = field(default_factory=lambda: {c: _Bag() for c in CHANNELS})
    first: date | None = None
    last: date | None = None
    titles: list[str | None] = field(default_factory=list)
    names: Counter[str] = field(default_factory=Counter)
    shown: dict[str, str] = field(default_factory=dict)


class StoryClusterer:
    """Online clustering: `add` one article's signals at a time, read `clusters()` any time."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        s = self.settings
        self.weights = {"words": s.story_weight_words, "entities": s.story_weight_entities,
                        "predicates": s.story_weight_predicates}  # fmt: skip
        self.seen = 0
        self.df: dict[str, Counter[str]] = {c: Counter() for c in CHANNELS}
        self.stories: dict[int, _Story] = {}
        self.postings: dict[str, dict[str, set[int]]] = {c: {} for c in CHANNELS}
        self.where: dict[str, int] = {}  # article id -> story id
        self._next = 0

    # -------------------------------------------------------------- vectors and scores

    def _vector(self, channel: str, bag: Counter[str]) -> dict[str, float]:
        """Unit TF-IDF vector (log tf, IDF over the articles seen so far), top terms only."""
        n = self.seen
        df = self.df[channel]
        vec = {t: (1 + math.log(c)) * math.log((n + 1) / (df[t] + 0.5)) for t, c in bag.items()}
        top = sorted(vec.items(), key=lambda p: (-p[1], p[0]))[: self.settings.story_terms]
        norm = math.sqrt(sum(w * w for _, w in top))
        return {t: w / norm for t, w in top} if norm > 0 else {}

    def _decay(self, a: Span, b: Span) -> float:
        """Time penalty between two date ranges (first, last): halves every
        `story_half_life_days` of gap between them; 1 when either is undated."""
        if None in a or None in b:
            return 1.0
        gap = max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)  # type: ignore[operator]
        return 0.5 ** (gap / self.settings.story_half_life_days)

    def _mix(self, cosines: dict[str, float], present: Iterable[str] = CHANNELS) -> float:
        """Weighted mean of the channels' cosines over the channels the article (or story)
        has terms in: a missing signal (no analysis, no event) is not a dissimilar one."""
        chans = [c for c in present if self.weights[c] > 0]
        total = sum(self.weights[c] for c in chans)
        return sum(self.weights[c] * cosines.get(c, 0.0) for c in chans) / total if total else 0.0

    def _scores(self, vecs: dict[str, dict[str, float]], when: date | None) -> dict[int, float]:
        """Similarity of the article to every story sharing a term with it."""
        dots: dict[str, Counter[int]] = {c: Counter() for c in CHANNELS}
        for c in CHANNELS:
            post = self.postings[c]
            for t, w in vecs[c].items():
                for sid in post.get(t, ()):
                    dots[c][sid] += w * self.stories[sid].bags[c].weights[t]
        present = [c for c in CHANNELS if vecs[c]] if self.settings.story_renormalise else CHANNELS
        out: dict[int, float] = {}
        for sid in set().union(*(d.keys() for d in dots.values())):
            st = self.stories[sid]
            cos = {c: dots[c][sid] / math.sqrt(st.bags[c].norm2) if st.bags[c].norm2 else 0.0
                   for c in CHANNELS}  # fmt: skip
            out[sid] = self._mix(cos, present) * self._decay((when, when), (st.first, st.last))
        return out

    # -------------------------------------------------------------------- updates

    def add(self, sig: Signals) -> int:
        """Put one article into a story (an existing one or a new one); returns the story id."""
        return self.place(sig, self.observe(sig))

    def observe(self, sig: Signals) -> dict[str, dict[str, float]]:
        """Count the article in the document frequencies; its vectors per channel."""
        self.seen += 1
        for c in CHANNELS:
            self.df[c].update(sig.bags[c].keys())
        return {c: self._vector(c, sig.bags[c]) for c in CHANNELS}

    def ranked(self, sig: Signals, vecs: dict[str, dict[str, float]]) -> list[tuple[int, float]]:
        """Stories sharing a term with the article, most similar first (ties: oldest)."""
        scores = self._scores(vecs, sig.published)
        return sorted(scores.items(), key=lambda p: (-p[1], p[0]))

    def place(
        self, sig: Signals, vecs: dict[str, dict[str, float]],
        ranked: list[tuple[int, float]] | None = None,
    ) -> int:
        """Join the most similar story above the threshold (or start one), merging stories
        the article bridges; `observe` first (`ranked`: `ranked` already worked out). Returns
        the story id."""
        ranked = self.ranked(sig, vecs) if ranked is None else ranked
        threshold = self.settings.story_threshold
        sid = ranked[0][0] if ranked and ranked[0][1] >= threshold else self._new()
        self._join(self.stories[sid], sig, vecs)
        for other, score in ranked[1:]:
            if score < threshold:
                break
            if other in self.stories and sid in self.stories:
                sid = self._maybe_merge(sid, other)
        return sid

    def _new(self) -> int:
        sid = self._next
        self._next += 1
        self.stories[sid] = _Story(sid)
        return sid

    def _join(self, st: _Story, sig: Signals, vecs: dict[str, dict[str, float]]) -> None:
        st.members.append(sig.article)
        st.titles.append(sig.title)
        self.where[sig.article] = st.id
        for c in CHANNELS:
            st.bags[c].add(vecs[c])
            for t in vecs[c]:
                self.postings[c].setdefault(t, set()).add(st.id)
        st.names.update(sig.bags["entities"])
        for k, v in sig.names.items():
            st.shown.setdefault(k, v)
        if sig.published:
            st.first = min(st.first or sig.published, sig.published)
            st.last = max(st.last or sig.published, sig.published)

    def _maybe_merge(self, a: int, b: int) -> int:
        """Merge stories a and b when their summed vectors are alike; returns a's new id."""
        sa, sb = self.stories[a], self.stories[b]
        cos = {c: sa.bags[c].cosine(sb.bags[c]) for c in CHANNELS}
        present = [c for c in CHANNELS if sa.bags[c].norm2 and sb.bags[c].norm2]
        near = self._decay((sa.first, sa.last), (sb.first, sb.last))
        if self._mix(cos, present if self.settings.story_renormalise else CHANNELS) * near < (
            self.settings.story_merge_threshold
        ):
            return a
        keep, gone = (sa, sb) if len(sa.members) >= len(sb.members) else (sb, sa)
        for c in CHANNELS:
            bag = gone.bags[c]
            keep.bags[c].add(bag.weights)  # the norm update is exact for any added vector
            for t in bag.weights:
                self.postings[c][t].discard(gone.id)
                self.postings[c][t].add(keep.id)
        keep.members += gone.members
        keep.titles += gone.titles
        keep.names.update(gone.names)
        for k, v in gone.shown.items():
            keep.shown.setdefault(k, v)
        for art in gone.members:
            self.where[art] = keep.id
        dates = [d for d in (keep.first, gone.first) if d]
        keep.first = min(dates) if dates else None
        dates = [d for d in (keep.last, gone.last) if d]
        keep.last = max(dates) if dates else None
        del self.stories[gone.id]
        return keep.id

    # -------------------------------------------------------------------- results

    def clusters(self) -> list[StoryCluster]:
        """The stories so far, largest first (ties: earliest started), with ids s1, s2, ..."""
        ordered = sorted(self.stories.values(), key=lambda s: (-len(s.members), s.id))
        out = []
        for i, st in enumerate(ordered, 1):
            title = next((t for t in st.titles if t), None)
            top = [st.shown[k] for k, _ in sorted(st.names.items(), key=lambda p: (-p[1], p[0]))
                   if k in st.shown][:5]  # fmt: skip
            out.append(StoryCluster(f"s{i}", list(st.members), title, st.first, st.last, top))
        return out


def _order_key(pair: tuple[int, Signals]) -> tuple[date, int]:
    return pair[1].published or date.max, pair[0]


def cluster_articles(
    articles: Iterable[Article],
    analyses: dict[str, ArticleAnalysis],
    settings: Settings | None = None,
) -> list[StoryCluster]:
    """Cluster articles into stories, feeding them in publication order (undated ones last,
    in input order); skipped articles are left out, duplicates cluster like any other."""
    sigs = [signals(a, analyses.get(a.id)) for a in articles if a.status != "skipped"]
    clusterer = StoryClusterer(settings)
    for _, sig in sorted(enumerate(sigs), key=_order_key):
        clusterer.add(sig)
    return clusterer.clusters()
