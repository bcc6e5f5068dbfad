"""Feed scale: the cost of adding ONE article to a store holding N real news articles.

    .venv/bin/python bench/feed_scale.py --cache /tmp/feed-cache            # 100,1000,max
    .venv/bin/python bench/feed_scale.py --cache /tmp/feed-cache --sizes 100,1000 --json

Articles: every real news text under ../shared/benchmarks (bench/feed_corpus.py: wire-silver,
PolNeAR, TimeBank, MEANTIME, ECB+; 4,361 texts), in a fixed random order (seed 0). Their nlp
analyses are computed once into the cache (resumable; the slow part, run it early), so the
store is grown by copying analysed articles into it and letting `api.ingest_articles` cluster
them and build the stories (no parsing while growing). At each size a few probe articles (the
same ones at every size, never in the grown store) are each added by the real path,
`api.ingest([path])` (read, parse and analyse, store, cluster, build the story it joins), to a
copy of the store of that size, sizes interleaved probe by probe (so the machine's load moves all
sizes alike; each probe starts at another size, since the first analysis of a text is the
slower one); the median over probes is reported per phase, with the ratio to the smallest size.
Peak RSS is this process's maximum over the whole run, growing the store included.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from feed_corpus import BENCH, analyse_into, real_texts  # noqa: E402

PHASES = ("analysis", "clustering", "story stage", "rest (read, store, open)", "total")


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def add_one(store_path: Path, path: str, settings) -> dict[str, float]:  # noqa: ANN001
    """`api.ingest` of one article, its phases timed: the nlp stage and the clustering by
    wrapping them, the story stage from the progress callback."""
    from storyline import api, feed

    spent = {"analysis": 0.0, "cluster": 0.0}
    marks: dict[str, float] = {}
    real_analyse, real_cluster = api._analyse, feed.cluster_new

    def analyse(articles, s, tick):  # noqa: ANN001, ANN202
        t = time.perf_counter()
        out = list(real_analyse(articles, s, tick))
        spent["analysis"] += time.perf_counter() - t
        return iter(out)

    def cluster(store, s, known=None):  # noqa: ANN001, ANN202
        t = time.perf_counter()
        out = real_cluster(store, s, known)
        spent["cluster"] += time.perf_counter() - t
        return out

    def tick(phase: str, done: int, total: int | None) -> None:
        marks.setdefault(f"{phase} start", time.perf_counter())

    api._analyse, feed.cluster_new = analyse, cluster
    try:
        t0 = time.perf_counter()
        summary = api.ingest([path], store_path, settings, tick)
        t1 = time.perf_counter()
    finally:
        api._analyse, feed.cluster_new = real_analyse, real_cluster
    if not summary.added:
        raise RuntimeError(f"{path} was not added: {summary.skipped or summary.failed}")
    story = t1 - marks.get("story start", t1)
    return {
        "analysis": spent["analysis"], "clustering": spent["cluster"], "story stage": story,
        "rest (read, store, open)": t1 - t0 - spent["analysis"] - spent["cluster"] - story,
        "total": t1 - t0, "story size": _size_of(store_path, summary.added[0]),
    }  # fmt: skip


def _size_of(store_path: Path, article: str) -> int:
    from storyline.store import open_store

    with open_store(store_path, create=False) as store:
        for fs in store.feed_stories():
            got = store.story_members(fs.id)
            if got and article in got[1]:
                return fs.articles
    return 0


def grow(store_path: Path, cache_db: Path, ids: list[str], settings) -> float:  # noqa: ANN001
    """Copy analysed articles from the cache into the store, then cluster and build stories."""
    from storyline import api
    from storyline.store import open_store

    t0 = time.perf_counter()
    with open_store(cache_db, create=False) as cache, open_store(store_path) as store:
        for i in range(0, len(ids), 200):
            part = ids[i : i + 200]
            analyses = cache.analyses(part)
            for s in cache.articles(part):
                store.add_article(s.article, analyses.get(s.article.id))
    api.ingest_articles([], store_path, settings)
    return time.perf_counter() - t0


def whole_rebuild(store_path: Path, settings) -> float:  # noqa: ANN001
    """What every ingest cost before the feed: the whole store's story built again."""
    from storyline import api
    from storyline.store import open_store

    t0 = time.perf_counter()
    with open_store(store_path) as store:
        store.replace_story(api.story_from_store(store, settings))
    return time.perf_counter() - t0


def run(bench: Path, cache: Path, sizes: list[int], probes: int = 5, seed: int = 0,
        cached_only: bool = False, before: tuple[int, ...] = ()) -> dict:
    from storyline.settings import Settings
    from storyline.store import open_store

    settings = Settings()
    paths = real_texts(bench, cache / "texts")
    cache_db = cache / "analyses.db" if cached_only else analyse_into(cache, paths)
    with open_store(cache_db, create=False) as c:
        by_path = {s.article.path: s.article.id for s in c.articles() if s.article.status == "ok"}
    usable = len(by_path)
    order = [p for p in paths if p in by_path]
    random.Random(seed).shuffle(order)
    probe_paths, feed = order[:probes], order[probes:]
    sizes = sorted({min(s, len(feed)) for s in sizes})
    results = []
    with tempfile.TemporaryDirectory(prefix="feed-scale-") as tmp:
        store_path = Path(tmp) / "feed.db"
        have = 0
        snapshots = {}
        for size in sizes:  # grow once, keeping a copy of the store at each size
            print(f"growing the store to {size} articles", file=sys.stderr)
            grown = grow(store_path, cache_db, [by_path[p] for p in feed[have:size]], settings)
            have = size
            snapshots[size] = Path(tmp) / f"at-{size}.db"
            shutil.copy(store_path, snapshots[size])
            with open_store(store_path, create=False) as s:
                stories = s.feed_stories()
            results.append({
                "size": size, "grow (s)": grown, "stories": len(stories),
                "largest story": max((f.articles for f in stories), default=0), "runs": [],
            })  # fmt: skip
            print(json.dumps(results[-1]), file=sys.stderr)
        add_one(Path(tmp) / "warm-up.db", feed[-1], settings)  # loads the model: not timed
        gc.collect()  # what growing left on the heap is no part of an ingest's cost: the
        gc.freeze()  # collector would walk it on every full collection of the timed runs
        # each probe added alone to a copy of every size in turn: the machine's load moves
        # all sizes alike
        for i, p in enumerate(probe_paths):  # each probe starts at another size: the first
            for row in results[i % len(results):] + results[: i % len(results)]:  # is slower
                trial = Path(tmp) / "trial.db"
                shutil.copy(snapshots[row["size"]], trial)
                os.sync()  # the copy's dirty pages are written now, not in the ingest's fsync
                row["runs"].append(add_one(trial, p, settings))
                trial.unlink()
                print(f"{row['size']}: {json.dumps(row['runs'][-1])}", file=sys.stderr)
        for row in results:
            if row["size"] in before:
                trial = Path(tmp) / "trial.db"
                shutil.copy(snapshots[row["size"]], trial)
                row["whole rebuild (before)"] = whole_rebuild(trial, settings)
                trial.unlink()
                print(f"{row['size']}: whole rebuild {row['whole rebuild (before)']:.1f} s",
                      file=sys.stderr)
            runs = row["runs"]
            row["phases"] = {k: statistics.median(r[k] for r in runs) for k in PHASES}
            row["probe story sizes"] = [int(r["story size"]) for r in runs]
        peak = peak_rss_mb()
    return {"texts": len(paths), "usable": usable, "results": results, "peak_rss_mb": peak,
            "probes": [Path(p).name for p in probe_paths]}


def table(out: dict) -> str:
    """Markdown: one row per phase, seconds at each size and the ratio to the smallest."""
    results = out["results"]
    if not results:
        return "(no size could be measured)"
    sizes = [r["size"] for r in results]
    head = "| adding one article | " + " | ".join(f"{s:,} stored" for s in sizes)
    head += " | " + " | ".join(f"ratio {s:,}/{sizes[0]:,}" for s in sizes[1:]) + " |"
    lines = [head, "|" + "---|" * (2 * len(sizes))]
    for phase in PHASES:
        vals = [r["phases"][phase] for r in results]
        ratios = [f"{v / vals[0]:.2f}x" if vals[0] > 0 else "" for v in vals[1:]]
        lines.append(f"| {phase} | " + " | ".join([f"{v:.3f} s" for v in vals] + ratios) + " |")
    blank = [""] * (len(sizes) - 1)
    for label, key in (("stories in the store", "stories"), ("largest story", "largest story")):
        lines.append(f"| {label} | " + " | ".join([str(r[key]) for r in results] + blank) + " |")
    lines.append("| stories the probes joined (articles) | " + " | ".join(
        [", ".join(map(str, r["probe story sizes"])) for r in results] + blank) + " |")
    if any("whole rebuild (before)" in r for r in results):
        cells = [f"{r['whole rebuild (before)']:.1f} s" if "whole rebuild (before)" in r
                 else "not run" for r in results]  # fmt: skip
        lines.append("| before: the whole store's story rebuilt (every ingest did it) | "
                     + " | ".join(cells + blank) + " |")
    lines.append("| growing to this size | " + " | ".join(
        [f"{r['grow (s)']:.0f} s" for r in results] + blank) + " |")
    lines.append(f"\npeak RSS of the whole run (growing to {sizes[-1]:,} included): "
                 f"{out['peak_rss_mb']:.0f} MB; probes: {', '.join(out['probes'])}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=BENCH, help="the shared benchmarks folder")
    ap.add_argument("--cache", type=Path,
                    help="analysis cache folder, outside the repository (bench/feed_corpus.py)")
    ap.add_argument("--sizes", default="100,1000,5000",
                    help="store sizes; one above the corpus means all of it")
    ap.add_argument("--probes", type=int, default=5, help="articles added alone at each size")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--table", type=Path, help="a --json output to print as the table")
    ap.add_argument("--before", default="", help="sizes at which to time the whole-store "
                    "rebuild every ingest did before the feed (slow: minutes at 1,000)")
    ap.add_argument("--cached-only", action="store_true",
                    help="use only the texts already analysed in the cache")
    args = ap.parse_args()
    if args.table:
        print(table(json.loads(args.table.read_text())))
        return
    if not (args.bench / "wire-silver").is_dir():
        sys.exit(f"no wire-silver folder under {args.bench}")
    if args.cache is None:
        sys.exit("--cache FOLDER is needed (outside the repository)")
    out = run(args.bench, args.cache, [int(s) for s in args.sizes.split(",") if s.strip()],
              args.probes, cached_only=args.cached_only,
              before=tuple(int(x) for x in args.before.split(",") if x.strip()))
    print(json.dumps(out, indent=2) if args.json else table(out))


if __name__ == "__main__":
    main()
