"""Cross-document event coreference: is this claim the same happening as those of an event?

The literature's strong, simple recipe (Cybulska & Vossen 2015, Upadhyay et al. 2016,
Barhom et al. 2019): split a story's articles into sub-topics first (story/clusters.py tells
two earthquakes of one feed apart), then decide mention pairs from predicate and frame match,
shared participants, compatible times and similar contexts, then cluster (merge.py: the
events whose claims are on average most probably one happening join first).

The pair decision is a logistic regression over the few features below, trained on the ECB+
train topics by `train_event_coref.py` (its threshold cross-validated over them); the
weights are data (`event_coref.json`, a few hundred bytes) loaded once. numpy comes with spaCy.
"""

from __future__ import annotations

import copy
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Set
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import cache

import numpy as np

from storyline.learn import shipped_json, sigmoid
from storyline.model import Article, Claim
from storyline.story import intervals as iv
from storyline.story.clusters import article_words, content_words
from storyline.story.status import SPECULATIVE

WEIGHTS = "event_coref.json"
# One pair of claims (a, b) of the same kind of happening, in this order (docs/events.md):
FEATURES = (
    "same_predicate",  # the same trigger lemma (an open event's is always the same)
    "same_subtopic",  # their articles fall in one sub-topic of the story (story/clusters.py)
    "same_article",
    "same_sentence",  # two triggers of one sentence are seldom one happening
    "shared_participant",  # an entity (after cross-article linking) takes part in both
    "participant_conflict",  # both name participants, none shared
    "unnamed",  # one of them has no participant: nothing to compare
    "both_dated",  # both dated by a time expression, and the dates overlap
    "context",  # cosine of the IDF-weighted content words of their sentences
    "article",  # cosine of the IDF-weighted content words of their articles
    "same_place",  # both name a place, and it is the same
    # What a hard veto once said, now weighed (ECB+ teaches how little a weekday read against an
    # inferred article date, or a participant list, proves); `Coref.forbidden` keeps the vetoes
    # that firm evidence supports.
    "date_gap",  # both dated, the dates disjoint: log(1 + days) between them
    "news_gap",  # one undated and told as done, the other dated: log(1 + days) between them
    "published_apart",  # log(1 + days) between the two articles' publication windows
    "named_conflict",  # both name people (PERSON entities with a name), none in common
    "over_limit",  # together more participants than their frame allows
    "synonym",  # other predicates that tell one happening in the ECB+ train topics (`synonyms`)
)
# What `Coref.forbidden` counts as firm evidence of two happenings (docs/events.md):
FIRM_WIDTH = 31  # days: a date read against a publication window this narrow is firm
WRITTEN_WIDTH = 366  # days: a publication window this narrow says when an article was written
# An undated mention told as done is the news of its article's day: not a firmly dated
# happening more than `PairModel.news_horizon` days before the article, nor one dated any other
# way (a weekday read against an inferred article date) more than STALE_HORIZON before; two
# dates more than STALE_HORIZON apart are two happenings, and so are two undated mentions told
# only in articles published more than `PairModel.apart_horizon` days apart. The two horizons
# are learned by train_event_coref.py (how far apart ECB+'s train topics tell one happening).
STALE_HORIZON = timedelta(days=2 * 365)
_YEAR = re.compile(r"\b(1[5-9]|20)\d\d\b")


@dataclass(frozen=True)
class PairModel:
    """Weights of FEATURES, a bias, the probability above which a pair is merged, and the
    article similarity above which articles stay in one sub-topic (`subtopics`)."""

    weights: tuple[float, ...]
    bias: float
    threshold: float
    subtopic_threshold: float = 0.05
    # pairs of predicate keys (both orders) that the ECB+ train topics call one happening
    synonyms: frozenset[tuple[str, str]] = frozenset()
    news_horizon: int = 30  # days (see `Coref.forbidden`)
    apart_horizon: int = 30  # days

    def probability(self, x: np.ndarray) -> np.ndarray:
        """P(same happening) of each feature row."""
        z = x @ np.array(self.weights) + self.bias
        return sigmoid(z)

    def to_json(self) -> dict:
        return {"features": list(FEATURES), "bias": round(self.bias, 4),
                "weights": {n: round(w, 4) for n, w in zip(FEATURES, self.weights, strict=True)},
                "threshold": round(self.threshold, 3),
                "subtopic_threshold": round(self.subtopic_threshold, 3),
                "synonyms": sorted([a, b] for a, b in self.synonyms if a < b),
                "news_horizon": self.news_horizon, "apart_horizon": self.apart_horizon}

    @classmethod
    def from_json(cls, data: dict) -> PairModel:
        return cls(tuple(float(data["weights"].get(n, 0.0)) for n in FEATURES),
                   float(data["bias"]), float(data["threshold"]),
                   float(data.get("subtopic_threshold", 0.05)),
                   frozenset(p for a, b in data.get("synonyms", []) for p in ((a, b), (b, a))),
                   int(data.get("news_horizon", 30)), int(data.get("apart_horizon", 30)))


_SHIPPED_OFF: list[bool] = []  # set inside `shipped_model_off`


def load() -> PairModel | None:
    """The shipped model, or None when its weights file is absent (or inside
    `shipped_model_off`)."""
    return None if _SHIPPED_OFF else _shipped()


@cache
def _shipped() -> PairModel | None:
    data = shipped_json("storyline.story", WEIGHTS)
    return PairModel.from_json(data) if data is not None else None


@contextmanager
def shipped_model_off() -> Iterator[None]:
    """Stories built inside use the merge rules alone. Training builds its topics so: their
    inferred article dates depend on the merged events, and a rerun must not read what the
    weights it wrote last time made of them."""
    _SHIPPED_OFF.append(True)
    try:
        yield
    finally:
        _SHIPPED_OFF.pop()


def train(x: np.ndarray, y: np.ndarray, l2: float = 1.0, epochs: int = 500,
          lr: float = 0.5) -> tuple[tuple[float, ...], float]:
    """Logistic regression by full-batch gradient descent (deterministic); classes weighted
    to balance, since most candidate pairs are not the same happening."""
    n = max(len(y), 1)
    pos = max(float(y.sum()), 1.0)
    neg = max(n - float(y.sum()), 1.0)
    sw = np.where(y > 0, n / (2 * pos), n / (2 * neg))
    w = np.zeros(x.shape[1])
    b = 0.0
    for _ in range(epochs):
        p = sigmoid(x @ w + b)
        g = (p - y) * sw
        w -= lr * (x.T @ g / n + l2 * w / n)
        b -= lr * float(g.mean())
    return tuple(float(v) for v in w), b


# ------------------------------------------------------------------------- features


def _unit(bag: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    vec = {t: (1 + math.log(c)) * idf.get(t, 0.0) for t, c in bag.items()}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / norm for t, v in vec.items()} if norm > 0 else {}


def _idf(bags: list[Counter[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags)
    return {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}


def article_vectors(articles: dict[str, Article]) -> dict[str, dict[str, float]]:
    """Unit TF-IDF vectors of the articles' content words (IDF over these articles)."""
    texts = {a: article_words(art.content or art.raw) for a, art in articles.items()}
    idf = _idf(list(texts.values()))
    return {a: _unit(bag, idf) for a, bag in texts.items()}


def cosine_matrix(vectors: dict[str, dict[str, float]]) -> tuple[list[str], np.ndarray]:
    """The ids in order and the matrix of cosines of their unit vectors (1 on the diagonal),
    summed term by term over the ids holding each term."""
    ids = sorted(vectors)
    postings: dict[str, list[tuple[int, float]]] = {}
    for i, a in enumerate(ids):
        for t, v in vectors[a].items():
            postings.setdefault(t, []).append((i, v))
    sims = np.eye(len(ids))
    for found in postings.values():
        if len(found) > 1:
            at = np.array([i for i, _ in found])
            v = np.array([w for _, w in found])
            sims[np.ix_(at, at)] += np.outer(v, v)
    np.fill_diagonal(sims, 1.0)
    return ids, sims


def subtopics(vectors: dict[str, dict[str, float]], threshold: float,
              cosines: tuple[list[str], np.ndarray] | None = None) -> dict[str, str]:
    """Split one story's articles into sub-topics (ECB+: a topic's two seminal events):
    average-link agglomerative clustering of their TF-IDF cosines (`cosine_matrix`, unless
    given), merging the most similar groups while their mean similarity reaches `threshold`.
    Article id -> "t1", "t2", ... (numbered by their first article in id order). Single-pass
    story clustering (story/clusters.py) splits a story's few articles into too many pieces
    for this."""
    ids, sims = cosines if cosines is not None else cosine_matrix(vectors)
    n = len(ids)
    if n == 0:
        return {}
    sums = sims.copy()  # summed similarities between groups (singletons at first): the cosines
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    group = list(range(n))
    avg = sums.copy()  # mean similarity between live groups; -inf on the diagonal and the dead
    np.fill_diagonal(avg, -np.inf)
    best = avg.argmax(axis=1)  # each group's most similar group (the first, on ties)
    while alive.sum() > 1:
        top = np.where(alive, avg[np.arange(n), best], -np.inf)
        r = int(np.argmax(top))
        if top[r] < threshold:
            break
        i, j = sorted((r, int(best[r])))
        sums[i, :] += sums[j, :]
        sums[:, i] += sums[:, j]
        size[i] += size[j]
        alive[j] = False
        group = [i if g == j else g for g in group]
        row = np.where(alive, sums[i, :] / (size[i] * size), -np.inf)
        row[i] = -np.inf
        avg[i, :] = row
        avg[:, i] = row
        avg[j, :] = -np.inf
        avg[:, j] = -np.inf
        now = avg[np.arange(n), best]  # rows whose best partner may have changed:
        stale = alive & ((best == i) | (best == j) | (avg[:, i] > now)
                         | ((avg[:, i] == now) & (i < best)))
        stale[i] = alive[i]
        best[stale] = avg[stale].argmax(axis=1)
    names: dict[int, str] = {}
    return {a: names.setdefault(g, f"t{len(names) + 1}") for a, g in zip(ids, group,
                                                                         strict=True)}


@cache
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@cache
def predicate_key(predicate: str | None) -> str | None:
    """A predicate as coreference compares it: each word's Snowball (Porter2) stem, so that
    the lemmatiser's misses ("checks", "dies", "escaped" as nouns) meet their verbs."""
    if predicate is None:
        return None
    return " ".join(_stemmer().stemWords(predicate.split()))


def synonym_roots(keys: Set[str], synonyms: Set[tuple[str, str]]) -> dict[str, str]:
    """Predicate key -> one key for all that `synonyms` link among these (union-find; the
    smallest key names a group), so that "murder" and "kill" share a block in merge.py."""
    root = {k: k for k in keys}

    def find(k: str) -> str:
        while root[k] != k:
            k = root[k]
        return k

    for a, b in sorted(synonyms):
        if a in root and b in root:
            ra, rb = find(a), find(b)
            if ra != rb:
                root[max(ra, rb)] = min(ra, rb)
    return {k: find(k) for k in keys if find(k) != k}


@dataclass(frozen=True)
class When:
    """What one claim tells of time: its window (merge.claim_window), whether the text dated
    it, whether that date is firm (the expression names its year, or was read against a
    publication window at most FIRM_WIDTH days wide, stated or inferred), its article's
    publication window, and whether that is at most WRITTEN_WIDTH days wide (so it says when
    the article was written)."""

    window: iv.Interval
    explicit: bool
    firm: bool
    published: iv.Interval
    written: bool


def when_of(c: Claim, articles: dict[str, Article]) -> When:
    """The `When` of a claim among the build's articles."""
    from storyline.story.merge import claim_window

    window, explicit = claim_window(c, articles)
    art = articles.get(c.article)
    pub = art.published if art is not None else None
    published = iv.Interval(pub.earliest, pub.latest) if pub is not None else iv.Interval()
    firm = explicit and (published.width <= FIRM_WIDTH or bool(_YEAR.search(c.time_text or "")))
    return When(window, explicit, firm, published, published.width <= WRITTEN_WIDTH)


def _apart(a: iv.Interval, b: iv.Interval, gap: timedelta) -> bool:
    """One interval ends more than `gap` before the other starts."""
    return bool(a.latest is not None and b.earliest is not None and a.latest + gap < b.earliest
                or b.latest is not None and a.earliest is not None
                and b.latest + gap < a.earliest)


def _equal(values: list) -> np.ndarray:
    """n x n: values[i] == values[j] (hashable values; None equals None)."""
    ids = {v: k for k, v in enumerate(dict.fromkeys(values))}
    at = np.array([ids[v] for v in values])
    return at[:, None] == at[None, :]


def _bounds(intervals: list[iv.Interval]) -> tuple[np.ndarray, np.ndarray]:
    """Earliest and latest days (ordinals) of the intervals, -inf / +inf where open."""
    lo = np.array([-np.inf if w.earliest is None else w.earliest.toordinal() for w in intervals])
    hi = np.array([np.inf if w.latest is None else w.latest.toordinal() for w in intervals])
    return lo, hi


def _gap_matrix(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]
                   ) -> np.ndarray:
    """log(1 + days between a[i] and b[j]) where both are bounded and disjoint, else 0 (a
    scale-free gap: the model weighs it)."""
    gap = np.maximum(b[0][None, :] - a[1][:, None], a[0][:, None] - b[1][None, :])
    bounded = (np.isfinite(a[0]) & np.isfinite(a[1]))[:, None] & (
        np.isfinite(b[0]) & np.isfinite(b[1]))[None, :]
    ok = bounded & (gap > 0)
    return np.where(ok, np.log1p(np.where(ok, gap, 0.0)), 0.0)


def _cosines(vectors: list[dict[str, float]]) -> np.ndarray:
    """n x n dot products of sparse unit vectors."""
    terms: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, v in enumerate(vectors):
        for t, w in v.items():
            rows.append(i)
            cols.append(terms.setdefault(t, len(terms)))
            vals.append(w)
    dense = np.zeros((len(vectors), len(terms)))
    dense[rows, cols] = vals
    return dense @ dense.T


class Coref:
    """What the pair decisions need of one build's claims: each claim's sentence and article
    vectors, its time (`When`) and its article's sub-topic (`subtopics`, unless given); `pair`
    reads them, `forbidden` says what firm evidence keeps apart."""

    def __init__(self, claims: list[Claim], articles: dict[str, Article], model: PairModel,
                 subtopic: dict[str, str] | None = None, named: Set[str] = frozenset()) -> None:
        self.model = model
        self.named = named  # ids of named people (FEATURES: `named_conflict`)
        words: dict[str, Counter[str]] = {}  # claims of one sentence share its words
        for c in claims:
            if c.mention.text not in words:
                words[c.mention.text] = content_words(c.mention.text)
        text_of = {c.id: c.mention.text for c in claims}
        idf = _idf([words[text] for text in text_of.values()])
        units = {text: _unit(bag, idf) for text, bag in words.items()}  # and its vector
        self.context = {k: units[text] for k, text in text_of.items()}
        self.article = article_vectors(articles)
        ids, self._article_cosines = cosine_matrix(self.article)
        self._article_at = {a: i for i, a in enumerate(ids)}
        self.subtopic = subtopic if subtopic is not None else subtopics(
            self.article, model.subtopic_threshold, (ids, self._article_cosines))
        self.when = {c.id: when_of(c, articles) for c in claims}
        self.same = synonym_roots({predicate_key(c.predicate) for c in claims} - {None},
                                  model.synonyms)

    def at_threshold(self, threshold: float) -> Coref:
        """The same pair decisions merging at another `threshold` (nothing else reads it)."""
        other = copy.copy(self)
        other.model = replace(self.model, threshold=threshold)
        return other

    def features(self, a: Claim, b: Claim) -> list[float]:
        """FEATURES of the pair (a, b) (`feature_matrix` of the two)."""
        return [float(v) for v in self.feature_matrix([a, b])[0, 1]]

    def feature_matrix(self, claims: list[Claim]) -> np.ndarray:
        """FEATURES of every ordered pair of `claims` at once: an (n, n, len(FEATURES)) array,
        row i's claim as a and column j's as b (only a frame's participant limit reads a's
        kind). One numpy pass over a block instead of Python per pair."""
        from storyline.nlp.events.frames import frame
        from storyline.story.merge import places_compatible

        n = len(claims)
        same_article = _equal([c.article for c in claims])
        sub = [self.subtopic.get(c.article) for c in claims]
        same_sub = same_article | (_equal(sub) & np.array([s is not None for s in sub])[:, None])
        same_sentence = same_article & _equal([c.mention.start for c in claims])
        keys = [predicate_key(c.predicate) if c.predicate is not None else None for c in claims]
        same_pred = _equal(keys) & np.array([k is not None for k in keys])[:, None]
        people = sorted({p for c in claims for p in c.participants})
        col = {p: k for k, p in enumerate(people)}
        inc = np.zeros((n, len(people)))
        for i, c in enumerate(claims):
            inc[i, [col[p] for p in set(c.participants)]] = 1.0
        common = inc @ inc.T
        has = inc.any(axis=1)
        shared = common > 0
        named_cols = [col[p] for p in people if p in self.named]
        nam = inc[:, named_cols]
        has_named = nam.any(axis=1)
        # both name people, none in common (storyline's links between people's names are
        # more reliable than between descriptions, "the victims" and "three people")
        named_conflict = np.outer(has_named, has_named) & ~((nam @ nam.T) > 0)
        size = inc.sum(axis=1)
        limit = np.array([frame(c.type).max_participants or np.inf for c in claims], float)
        over = (size[:, None] + size[None, :] - common) > limit[:, None]
        whens = [self.when[c.id] for c in claims]
        explicit = np.array([w.explicit for w in whens])
        win = _bounds([w.window for w in whens])
        pub = _bounds([w.published for w in whens])
        both = np.outer(explicit, explicit)
        overlap = np.maximum(win[0][:, None], win[0][None, :]) <= np.minimum(
            win[1][:, None], win[1][None, :])
        undated_dated = np.outer(~explicit, explicit)
        news = _gap_matrix(pub, win)
        out = np.zeros((n, n, len(FEATURES)))
        f = {name: k for k, name in enumerate(FEATURES)}
        out[..., f["same_predicate"]] = same_pred
        out[..., f["same_subtopic"]] = same_sub
        out[..., f["same_article"]] = same_article
        out[..., f["same_sentence"]] = same_sentence
        out[..., f["shared_participant"]] = shared
        out[..., f["participant_conflict"]] = np.outer(has, has) & ~shared
        out[..., f["unnamed"]] = ~np.outer(has, has)
        out[..., f["both_dated"]] = both & overlap
        out[..., f["context"]] = _cosines([self.context.get(c.id, {}) for c in claims])
        ix = np.array([self._article_at.get(c.article, -1) for c in claims])
        known = ix >= 0  # a claim of an article not among the build's: no article vector
        acos = self._article_cosines[np.ix_(ix, ix)] * np.outer(known, known)
        out[..., f["article"]] = np.where(same_article, 1.0, acos)
        places = [(i, c.place) for i, c in enumerate(claims) if c.place]
        compatible: dict[tuple[str, str], bool] = {}  # per pair of names (the column is 0)
        for i, p in places:
            for j, q in places:
                if (p, q) not in compatible:
                    compatible[(p, q)] = places_compatible(p, q)
                if compatible[(p, q)]:
                    out[i, j, f["same_place"]] = 1.0
        out[..., f["date_gap"]] = np.where(both, _gap_matrix(win, win), 0.0)
        out[..., f["news_gap"]] = np.where(undated_dated, news,
                                           np.where(undated_dated.T, news.T, 0.0))
        out[..., f["published_apart"]] = np.where(same_article, 0.0, _gap_matrix(pub, pub))
        out[..., f["named_conflict"]] = named_conflict
        out[..., f["over_limit"]] = over
        syn = self.model.synonyms
        if syn:  # the column is 0: only synonymous pairs are written
            rows, cols = np.nonzero(~same_pred)
            for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
                if (keys[i], keys[j]) in syn:
                    out[i, j, f["synonym"]] = 1.0
        return out

    def forbidden(self, a: Iterable[Claim], b: Iterable[Claim]) -> bool:
        """Firm evidence that two events (their claims) are two happenings, which the model
        never overrides: firm dates that disagree, or any dates more than STALE_HORIZON apart;
        an undated mention in an article whose date is known (`When.written`) against a dated
        event outside what that date allows (told as done: begun by the article's first
        possible day, and ended at most `news_horizon` days before it, STALE_HORIZON when the
        event's date is not firm: "collaborating with his wife" in 2023 is not their 2010
        collaboration; told as ahead: after it); two undated events told only in articles of
        known dates more than `apart_horizon` days apart."""
        a, b = list(a), list(b)
        fa, fb = self._dated(a, firm=True), self._dated(b, firm=True)
        if fa is not None and fb is not None and not fa.overlaps(fb):
            return True
        da, db = self._dated(a, firm=False), self._dated(b, firm=False)
        if da is not None and db is not None and _apart(da, db, STALE_HORIZON):
            return True
        for undated, other in ((a, b), (b, a)):
            dated = self._dated(other, firm=False)
            if dated is None or any(self.when[c.id].explicit for c in undated):
                continue
            slack = (timedelta(days=self.model.news_horizon)
                     if self._dated(other, firm=True) is not None else STALE_HORIZON)
            for c in undated:
                w = self.when[c.id]
                if not w.written:
                    continue
                if not w.window.overlaps(dated):
                    return True
                start = w.published.earliest
                if c.mention.certainty not in SPECULATIVE and start is not None and (
                        dated.earliest is None or dated.earliest > start
                        or dated.latest is None or dated.latest < start - slack):
                    return True
        if any(self.when[c.id].explicit for c in a + b):
            return False
        pa, pb = self._written(a), self._written(b)
        gap = timedelta(days=self.model.apart_horizon)
        return bool(pa and pb and all(_apart(p, q, gap) for p in pa for q in pb))

    def _dated(self, claims: list[Claim], firm: bool) -> iv.Interval | None:
        """Where the claims' dates (with `firm`, only their firm ones) agree, their
        intersection; None without one."""
        out = None
        for c in claims:
            w = self.when[c.id]
            if w.firm if firm else w.explicit:
                out = w.window if out is None else out.intersect(w.window)
        return out

    def _written(self, claims: list[Claim]) -> list[iv.Interval]:
        """The publication windows of the claims' articles, [] unless all are narrow."""
        ws = [self.when[c.id] for c in claims]
        return [w.published for w in ws] if ws and all(w.written for w in ws) else []

    def pair(self, a: Claim, b: Claim) -> float:
        """P(a and b tell the same happening)."""
        return float(self.probabilities([a, b])[0, 1])

    def probabilities(self, claims: list[Claim]) -> np.ndarray:
        """P(same happening) of every ordered pair of `claims` (n x n), scored at once."""
        n = len(claims)
        x = self.feature_matrix(claims).reshape(n * n, len(FEATURES))
        return self.model.probability(x).reshape(n, n)
