"""Feed scale: the cost of adding ONE article to a store holding N real wire articles.

    .venv/bin/python bench/feed_scale.py                      # sizes 100,1000
    .venv/bin/python bench/feed_scale.py --sizes 100,1000,5000 --json

Articles come from ../shared/benchmarks/wire-silver (2,452 AFP/Xinhua wire texts), a fixed
random sample (seed 0). The store is grown to each size with `storyline.api.ingest`; then one
more article is added phase by phase, as `api.ingest_articles` does it: its analysis, storing
it, reading the store back, marking near-duplicates (kept MinHash signatures, the current way,
beside re-hashing every article, the way before, both in the same run and checked to agree),
the story stage and writing the story, and clustering the feed into stories. Ratios are
against the smallest size of the same run. Peak RSS is this process's maximum so far.
A size above the number of wire articles is skipped with a message (there are 2,452).
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIRE = ROOT / ".." / "shared" / "benchmarks" / "wire-silver"


def _timed(fn):  # noqa: ANN001, ANN201
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def add_one(store_path: Path, path: str, settings) -> dict[str, float]:  # noqa: ANN001
    """Add one article to the store, timing each phase of an ingest."""
    from storyline.api import _analyse
    from storyline.ingest.dedupe import mark_duplicates
    from storyline.ingest.read import read_articles
    from storyline.store import open_store
    from storyline.story.build import build_story
    from storyline.story.clusters import cluster_articles

    t: dict[str, float] = {}
    (art,), t["read input"] = _timed(lambda: read_articles([path], settings))
    (_, analysis, error), t["analysis"] = _timed(
        lambda: next(_analyse([art], settings, lambda *a: None))
    )
    if error:
        raise RuntimeError(f"analysis of {path} failed: {error}")
    store = open_store(store_path)
    try:
        _, t["store article"] = _timed(lambda: store.add_article(art, analysis))
        stored, t["read store"] = _timed(store.articles)
        articles = [s.article for s in stored]
        usable = [a for a in articles if a.status in ("ok", "duplicate")]
        for a in usable:
            a.status, a.duplicate_of, a.similarity = "ok", None, None
        old = copy.deepcopy(usable)
        _, t["duplicates: re-hash all (before)"] = _timed(lambda: mark_duplicates(old, settings))

        def kept() -> None:
            keep = {a.id for a in usable}
            sigs = store.signatures([s for s in stored if s.article.id in keep])
            mark_duplicates(usable, settings, sigs)

        _, t["duplicates: kept signatures (after)"] = _timed(kept)
        same = [(a.status, a.duplicate_of) for a in old] == [
            (a.status, a.duplicate_of) for a in usable
        ]
        if not same:
            raise AssertionError("kept signatures marked other duplicates than re-hashing")
        analyses, t["read analyses"] = _timed(store.analyses)
        story, t["story stage"] = _timed(lambda: build_story(
            articles, [analyses[a.id] for a in usable if a.id in analyses], settings))
        _, t["write story"] = _timed(lambda: store.replace_story(story))
        clusters, t["stories (clustering)"] = _timed(
            lambda: cluster_articles(usable, analyses, settings)
        )
        t["stories found"] = len(clusters)
    finally:
        store.close()
    return t


def run(wire: Path, sizes: list[int], seed: int = 0) -> list[dict]:
    from storyline.api import ingest
    from storyline.settings import Settings

    settings = Settings()
    files = sorted(str(p) for p in wire.glob("*.txt"))
    random.Random(seed).shuffle(files)
    results = []
    with tempfile.TemporaryDirectory(prefix="feed-scale-") as tmp:
        store_path = Path(tmp) / "feed.db"
        have = 0
        for size in sorted(sizes):
            if size + 1 > len(files):
                print(f"size {size}: only {len(files)} wire articles, skipped", file=sys.stderr)
                continue
            batch = files[have:size]
            print(f"ingesting {len(batch)} articles (store of {size})", file=sys.stderr)
            _, grow = _timed(lambda b=batch: ingest(b, store_path, settings))
            have = size
            phases = add_one(store_path, files[have], settings)
            have += 1
            phases["ingest to this size (s)"] = grow
            results.append({"size": size, "phases": phases, "peak_rss_mb": peak_rss_mb()})
            print(json.dumps(results[-1]), file=sys.stderr)
    return results


def table(results: list[dict]) -> str:
    """Markdown: one row per phase, seconds at each size and the ratio to the smallest."""
    if not results:
        return "(no size could be measured)"
    sizes = [r["size"] for r in results]
    head = "| phase | " + " | ".join(f"{s} stored" for s in sizes)
    head += " | " + " | ".join(f"ratio {s}/{sizes[0]}" for s in sizes[1:]) + " |"
    lines = [head, "|" + "---|" * (1 + len(sizes) + len(sizes) - 1)]
    for phase in results[0]["phases"]:
        vals = [r["phases"][phase] for r in results]
        if phase == "stories found":
            cells = [f"{v:.0f}" for v in vals]
            ratios = ["" for _ in vals[1:]]
        else:
            cells = [f"{v:.3f} s" for v in vals]
            ratios = [f"{v / vals[0]:.1f}x" if vals[0] > 0 else "" for v in vals[1:]]
        lines.append(f"| {phase} | " + " | ".join(cells + ratios) + " |")
    rss = [f"{r['peak_rss_mb']:.0f} MB" for r in results] + [""] * (len(sizes) - 1)
    lines.append("| peak RSS so far | " + " | ".join(rss) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wire", type=Path, default=WIRE, help="wire-silver folder")
    ap.add_argument("--sizes", default="100,1000", help="store sizes, e.g. 100,1000,5000")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args()
    if not args.wire.is_dir():
        sys.exit(f"no wire-silver folder at {args.wire}")
    results = run(args.wire, [int(s) for s in args.sizes.split(",") if s.strip()])
    print(json.dumps(results, indent=2) if args.json else table(results))


if __name__ == "__main__":
    main()
