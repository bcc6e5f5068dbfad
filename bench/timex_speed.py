"""Benchmark: the temporal tagger against bare spaCy parsing, and a dateparser baseline.

Corpus: the 183 TimeBank documents (plain text of <TEXT>, dated by <DCT>). Reports parse time,
tagger time on the parsed Docs (overhead on top of parsing), expressions/s and articles/s, and
the time of `dateparser.search.search_dates` over the same texts (on `--baseline-docs` of them:
it is slow). HeidelTime cannot run here (no jar is installed, and it is GPL): its reported
cost of about 3 s an article including JVM start is quoted instead.

    .venv/bin/python bench/timex_speed.py [--limit N] [--baseline-docs N] [--repeat N] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEBANK = ROOT.parent / "shared" / "benchmarks" / "timebank"
HEIDELTIME_SECONDS_PER_ARTICLE = 3.0  # reported: HeidelTime with JVM start, one article


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="use the first N documents")
    ap.add_argument("--baseline-docs", type=int, default=30, help="documents for dateparser")
    ap.add_argument("--repeat", type=int, default=3, help="tagger passes (best one counts)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = ap.parse_args()
    if not TIMEBANK.is_dir():
        sys.exit(f"TimeBank not found at {TIMEBANK}")

    from storyline.eval.timeml import read_tml
    from storyline.nlp.pipeline import load_model
    from storyline.nlp.time.tagger import tag_doc, value_to_time
    from storyline.settings import Settings

    docs = [read_tml(f) for f in sorted(TIMEBANK.glob("*.tml"))[: args.limit]]
    texts = [d.text for d in docs]
    dcts = [value_to_time(d.dct[:10]) if d.dct else None for d in docs]
    chars = sum(len(t) for t in texts)
    nlp = load_model(Settings().model)
    list(nlp.pipe(texts[:5]))  # warm up

    t0 = time.perf_counter()
    parsed = list(nlp.pipe(texts, batch_size=32))
    parse_s = time.perf_counter() - t0

    tag_doc(parsed[0], dcts[0])  # compile the grammar outside the timing
    tag_s, found = float("inf"), 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        found = sum(len(tag_doc(doc, dct)) for doc, dct in zip(parsed, dcts, strict=True))
        tag_s = min(tag_s, time.perf_counter() - t0)

    from dateparser.search import search_dates

    n_base = min(args.baseline_docs, len(texts))
    t0 = time.perf_counter()
    base_found = 0
    for text, dct in zip(texts[:n_base], dcts[:n_base], strict=True):
        settings = {"RELATIVE_BASE": _dt(dct.earliest)} if dct and dct.earliest else {}
        base_found += len(search_dates(text, languages=["en"], settings=settings) or [])
    base_s = time.perf_counter() - t0

    n = len(texts)
    report = {
        "documents": n,
        "characters": chars,
        "expressions": found,
        "spacy_parse_s": round(parse_s, 3),
        "tagger_s": round(tag_s, 3),
        "tagger_overhead_pct": round(100 * tag_s / parse_s, 1),
        "tagger_expressions_per_s": round(found / tag_s),
        "tagger_articles_per_s": round(n / tag_s),
        "parse_plus_tagger_articles_per_s": round(n / (parse_s + tag_s), 1),
        "dateparser_documents": n_base,
        "dateparser_s": round(base_s, 3),
        "dateparser_found": base_found,
        "dateparser_articles_per_s": round(n_base / base_s, 2),
        "speedup_vs_dateparser": round((base_s / n_base) / ((parse_s + tag_s) / n), 1),
        "speedup_vs_heideltime_reported": round(
            HEIDELTIME_SECONDS_PER_ARTICLE / ((parse_s + tag_s) / n), 1
        ),
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for key, value in report.items():
        print(f"{key:34s} {value}")


def _dt(d):  # noqa: ANN001, ANN202
    from datetime import datetime

    return datetime(d.year, d.month, d.day, 12)


if __name__ == "__main__":
    main()
