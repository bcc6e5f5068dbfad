"""Dev tool: per-article table of the claims component's output (event types, sources, certainty).

Reads the given files or folders with the real ingest stage, runs the nlp pipeline and prints,
per article, the events found by type, the sources by kind, the certainty counts and the quotes.
`--claims` also lists every claim (type, certainty, source, time, sentence) for precision review.

    .venv/bin/python bench/claims_table.py ../shared/seeds [--claims] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storyline.ingest.read import read_articles  # noqa: E402
from storyline.model import Article, ArticleAnalysis, Claim  # noqa: E402
from storyline.nlp.pipeline import analyze  # noqa: E402
from storyline.settings import Settings  # noqa: E402


def _count(items: list[str]) -> str:
    return ", ".join(f"{k} {n}" for k, n in Counter(items).most_common()) or "-"


def summary(article: Article, analysis: ArticleAnalysis) -> dict:
    """Counts for one article: events by type, sources by kind, certainty, quotes by kind."""
    claims = analysis.claims
    return {
        "article": Path(article.path).name,
        "outlet": article.outlet,
        "sentences": len(analysis.sentences),
        "claims": len(claims),
        "events": Counter(c.type for c in claims),
        "sources": Counter(c.mention.source.kind for c in claims),
        "certainty": Counter(c.mention.certainty for c in claims),
        "quotes": Counter(q.kind for q in analysis.quotes),
        "exact": all(article.raw[c.mention.start:c.mention.end] == c.mention.text for c in claims)
        and all(article.raw[q.start:q.end] == q.text for q in analysis.quotes),
    }


def _claim_line(c: Claim, names: dict[str, str]) -> str:
    src = c.mention.source
    who = src.kind + (f"({src.name})" if src.name else "")
    if src.via:
        who += " via " + " > ".join(src.via)
    pred = f"[{c.predicate}]" if c.type == "other" else ""
    parts = ",".join(names.get(p, p) for p in c.participants)
    when = c.time.value if c.time else (c.time_text or "-")
    extra = " ".join(x for x in (c.place and f"@{c.place}", c.detail and f"+{c.detail}") if x)
    text = c.mention.text.replace("\n", " ")
    text = text if len(text) <= 110 else text[:107] + "..."
    return (f"  {c.type}{pred} {c.mention.certainty} | {who} | {parts or '-'} | {when} "
            f"{extra}\n      {text}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--claims", action="store_true", help="list every claim too")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = parser.parse_args(argv)
    settings = Settings()
    articles = [a for a in read_articles(args.paths, settings) if a.status == "ok"]
    analyses = analyze(articles, settings)
    rows = [summary(a, an) for a, an in zip(articles, analyses, strict=True)]
    if args.json:
        print(json.dumps(rows, indent=1, default=dict))
        return 0
    for analysis, row in zip(analyses, rows, strict=True):
        print(f"{row['article']} ({row['outlet']}): {row['sentences']} sentences, "
              f"{row['claims']} claims, exact spans: {row['exact']}")
        print(f"  events:    {_count(list(row['events'].elements()))}")
        print(f"  sources:   {_count(list(row['sources'].elements()))}")
        print(f"  certainty: {_count(list(row['certainty'].elements()))}")
        print(f"  quotes:    {_count(list(row['quotes'].elements()))}")
        if args.claims:
            names = {e.id: e.name for e in analysis.entities}
            for c in analysis.claims:
                print(_claim_line(c, names))
            for q in analysis.quotes:
                src = q.source
                print(f"  QUOTE {q.kind} {src.kind}({src.name}) via {src.via} venue={q.venue}: "
                      f"{q.text[:90]!r}")
        print()
    total = Counter()
    for row in rows:
        total.update(row["events"])
    n_claims = sum(r["claims"] for r in rows)
    n_sents = sum(r["sentences"] for r in rows)
    events = _count(list(total.elements()))
    print(f"total: {n_claims} claims over {n_sents} sentences; events: {events}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
