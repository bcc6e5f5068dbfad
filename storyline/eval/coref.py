"""Coreference scores (MUC, B3, CEAF-e and their mean, the CoNLL F1) over clusters of mention keys.

The arithmetic is the scorch library's (PyPI `scorch`, an implementation of the CoNLL-2011/2012
reference scorer's formulas, Pradhan et al. 2014); this module only turns clusters of any
hashable mention keys into its input and its (R, P, F) tuples into named figures.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from scorch import scores


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 of one metric."""

    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class CorefScore:
    """MUC, B3 and CEAF-e of a response clustering against a key clustering, and CoNLL F1."""

    muc: PRF
    b3: PRF
    ceaf_e: PRF
    key_mentions: int
    response_mentions: int
    key_clusters: int
    response_clusters: int

    @property
    def conll(self) -> float:
        """The CoNLL-2012 figure: the mean of the MUC, B3 and CEAF-e F1."""
        return (self.muc.f1 + self.b3.f1 + self.ceaf_e.f1) / 3


Clusters = Iterable[Iterable[Hashable]]


def _sets(clusters: Clusters, singletons: bool) -> list[set]:
    """The clusters as sets of `repr(mention)`: scorch sorts mentions, and keys of mixed
    types (a gold mention's tuple, an unmatched prediction's id) cannot be sorted together."""
    out = [{repr(m) for m in c} for c in clusters]
    return [c for c in out if c and (singletons or len(c) > 1)]


def score_clusters(key: Clusters, response: Clusters, singletons: bool = True) -> CorefScore:
    """Score `response` against `key`; with `singletons=False` one-mention clusters are
    dropped from both sides first (the "without singletons" figures of ECB+ papers)."""
    k, r = _sets(key, singletons), _sets(response, singletons)

    def prf(fn) -> PRF:  # noqa: ANN001 - a scorch metric: (key, response) -> (R, P, F)
        rec, prec, f1 = fn(k, r) if k and r else (0.0, 0.0, 0.0)
        return PRF(float(prec), float(rec), float(f1))

    return CorefScore(
        muc=prf(scores.muc),
        b3=prf(scores.b_cubed),
        ceaf_e=prf(scores.ceaf_e),
        key_mentions=sum(len(c) for c in k),
        response_mentions=sum(len(c) for c in r),
        key_clusters=len(k),
        response_clusters=len(r),
    )


def clusters_of(assignment: dict[Hashable, Hashable]) -> list[set]:
    """Mention -> cluster id, turned into a list of clusters (sets of mentions)."""
    out: dict[Hashable, set] = {}
    for mention, cluster in assignment.items():
        out.setdefault(cluster, set()).add(mention)
    return list(out.values())
