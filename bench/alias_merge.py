"""Alias-merge precision/recall on a hand-labelled set of fictional articles.

Runs the full nlp + entity-linking pipeline over tests/nlp/fixtures/alias_merge.json and
scores pairwise mention clustering across all articles: a pair of gold mentions is
predicted together when both map to the same story entity. Usage:
    .venv/bin/python bench/alias_merge.py [--verbose]
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from itertools import combinations
from pathlib import Path

from storyline.model import Article, PublicationDate
from storyline.nlp.pipeline import analyze
from storyline.settings import Settings
from storyline.story.entities import link_entities

GOLD = Path(__file__).resolve().parents[1] / "tests" / "nlp" / "fixtures" / "alias_merge.json"


def gold_spans(text: str, gold: dict[str, list[str]]) -> list[tuple[int, int, str]]:
    """(start, end, cluster) for every labelled form; longer forms claim their text first."""
    forms = [(f, c) for c, fs in gold.items() for f in fs]
    forms.sort(key=lambda fc: -len(fc[0].split("#")[0]))
    taken: list[tuple[int, int, str, str]] = []
    for form, cluster in forms:
        surface, _, nth = form.partition("#")
        hits = [
            (m.start(), m.end())
            for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text)
            if not any(s < m.end() and m.start() < e and f != surface for s, e, _, f in taken)
        ]
        if nth:
            hits = hits[int(nth) - 1 : int(nth)]
        if not hits:
            raise ValueError(f"gold form {form!r} not found in text")
        taken += [(s, e, cluster, surface) for s, e in hits]
    return sorted((s, e, c) for s, e, c, _ in taken)


def load(path: Path = GOLD) -> tuple[list[Article], dict[str, list[tuple[int, int, str]]]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    articles, gold = [], {}
    for item in data["articles"]:
        day = date.fromisoformat(item["published"])
        pub = PublicationDate(item["published"], day, day, method="header")
        articles.append(Article(id=item["id"], path=f"{item['id']}.txt", raw=item["text"],
                                content=item["text"], published=pub))
        gold[item["id"]] = gold_spans(item["text"], item["gold"])
    return articles, gold


def system_entity(entities, article: str, start: int, end: int) -> str | None:
    """The story entity of the system mention that best matches a gold span."""
    best, best_key = None, None
    for e in entities:
        for m in e.mentions:
            if m.article != article or m.end <= start or m.start >= end:
                continue
            key = (abs(m.start - start) + abs(m.end - end), m.end - m.start)
            if best_key is None or key < best_key:
                best, best_key = e.id, key
    return best


def score(verbose: bool = False) -> dict[str, float]:
    articles, gold = load()
    analyses = analyze(articles, Settings())
    entities = link_entities(articles, analyses)
    items = []  # (article, start, end, gold cluster, system entity or None)
    for a in articles:
        for s, e, cluster in gold[a.id]:
            items.append((a.id, s, e, cluster, system_entity(entities, a.id, s, e)))
    tp = fp = fn = 0
    for x, y in combinations(items, 2):
        same_gold = x[3] == y[3]
        same_sys = x[4] is not None and x[4] == y[4]
        tp += same_gold and same_sys
        fp += same_sys and not same_gold
        fn += same_gold and not same_sys
    found = sum(1 for i in items if i[4] is not None)
    if verbose:
        text = {a.id: a.raw for a in articles}
        for art, s, e, cluster, sys_id in items:
            print(f"{art} {text[art][s:e]!r:40} gold={cluster:8} sys={sys_id}")
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {
        "mentions": len(items),
        "mentions_found": found,
        "pairs_gold": tp + fn,
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
    }


if __name__ == "__main__":
    print(json.dumps(score("--verbose" in sys.argv), indent=2))
