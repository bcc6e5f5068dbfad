"""Near-duplicate and syndicated copies: MinHash LSH over word shingles (datasketch).

LSH finds candidate pairs cheaply; the exact Jaccard of the shingle sets then decides. A store
keeps each article's signature (storyline/store/minhash.py), so only candidates are re-shingled.
The copy is the later (or, undated, the shorter) article: it keeps flowing through the
pipeline but is marked so the story stage counts it once.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from datasketch import LeanMinHash, MinHash, MinHashLSH

from storyline.model import Article
from storyline.settings import Settings

SHINGLE = 3  # words per shingle
NUM_PERM = 128
CANDIDATE_SLACK = 0.75  # LSH threshold as a share of the real one, so few true pairs are missed
CONTAINMENT = 0.9  # a text this much inside another (a trimmed reprint) is a copy too
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Lower-cased word n-grams (the whole text as one shingle when it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller set found in the larger one."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


@lru_cache(maxsize=8)
def _lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """LSH bands and rows for a threshold (datasketch integrates numerically: compute once)."""
    probe = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return probe.b, probe.r


def _order(art: Article, index: int, size: int) -> tuple[date, int, int]:
    first = art.published.earliest if art.published and art.published.earliest else date.max
    return first, -size, index


class Signature(NamedTuple):
    """An article's shingle count and MinHash (None when it has no words), computed once."""

    shingles: int
    minhash: MinHash | LeanMinHash | None


@lru_cache(maxsize=1)
def _blank() -> MinHash:
    """An empty MinHash: its permutations (made from the seed with numpy) are shared by all."""
    return MinHash(num_perm=NUM_PERM)


# Signatures of recent texts by the text's sha256: a build hashes each article when reading
# (duplicates among the inputs) and its store asks again when clustering; this many are kept.
RECENT = 4096
_recent: dict[bytes, Signature] = {}


def signature(text: str) -> Signature:
    """The shingle count and MinHash of one text (the same object for a text seen lately)."""
    key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
    if (known := _recent.get(key)) is not None:
        return known
    mine = shingles(text)
    if not mine:
        made = Signature(0, None)
    else:
        blank = _blank()
        sig = MinHash(num_perm=NUM_PERM, seed=blank.seed, permutations=blank.permutations,
                      scheme=blank.scheme)  # fmt: skip
        sig.update_batch([s.encode() for s in mine])
        made = Signature(len(mine), sig)
    if len(_recent) >= RECENT:
        _recent.pop(next(iter(_recent), key), None)  # the oldest
    _recent[key] = made
    return made


def mark_duplicates(
    articles: list[Article], settings: Settings, signatures: dict[str, Signature] | None = None
) -> None:
    """Mark each article that copies an earlier/longer one: status, duplicate_of, similarity.

    `signatures` (by article id, e.g. read back from the store) spare the shingling and hashing
    of every article: only the candidates LSH pairs up are shingled again for the exact check.
    """
    sigs = dict(signatures or {})
    for art in articles:
        if art.id not in sigs:
            sigs[art.id] = signature(art.content)
    threshold = settings.near_duplicate_threshold
    texts = {a.id: a.content for a in articles}
    cache: dict[str, set[str]] = {}

    def sets(aid: str) -> set[str]:
        if aid not in cache:
            cache[aid] = shingles(texts[aid])
        return cache[aid]

    params = _lsh_params(round(max(0.05, threshold * CANDIDATE_SLACK), 3), NUM_PERM)
    lsh = MinHashLSH(num_perm=NUM_PERM, params=params)
    ranked = sorted(enumerate(articles), key=lambda p: _order(p[1], p[0], sigs[p[1].id].shingles))
    for _, art in ranked:
        sig = sigs[art.id].minhash
        if sig is None:
            continue
        candidates = lsh.query(sig)
        if not candidates:
            lsh.insert(art.id, sig)
            continue
        mine = sets(art.id)
        scored = [
            (jaccard(mine, sets(other)), containment(mine, sets(other)), other)
            for other in candidates
        ]
        best = max(scored, default=None)
        if best and (best[0] >= threshold or best[1] >= CONTAINMENT):
            art.status, art.duplicate_of, art.similarity = "duplicate", best[2], round(best[0], 3)
        else:
            lsh.insert(art.id, sig)
