"""Stories in a real mixed feed: the wire-silver articles clustered, and a sample to read.

    .venv/bin/python bench/wire_stories.py [--store feed.db] [--sample-articles 500] [--show 10]

Ingests the wire articles into a store (kept at --store when given; a second run re-uses that
store as it is, without reading the inputs again), clusters them with `storyline.story.clusters`
in publication order, prints the size distribution and --show random stories of two or more
articles (seed 0): size, dates, top entities and every title. No gold: the sample is for reading.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIRE = ROOT / ".." / "shared" / "benchmarks" / "wire-silver"


def main() -> None:
    from storyline.api import ingest
    from storyline.settings import Settings
    from storyline.store import open_store
    from storyline.story.clusters import cluster_articles

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wire", type=Path, default=WIRE)
    ap.add_argument("--store", type=Path, default=None, help="keep (or re-use) the store here")
    ap.add_argument("--sample-articles", type=int, default=0, help="only N random articles")
    ap.add_argument("--show", type=int, default=10, help="stories to print")
    args = ap.parse_args()
    if not args.wire.is_dir():
        sys.exit(f"no wire-silver folder at {args.wire}")
    files = sorted(str(p) for p in args.wire.glob("*.txt"))
    if args.sample_articles:
        files = sorted(random.Random(0).sample(files, args.sample_articles))
    settings = Settings()
    with tempfile.TemporaryDirectory(prefix="wire-stories-") as tmp:
        store_path = args.store or Path(tmp) / "feed.db"
        if not (args.store and args.store.is_file()):  # a kept store is re-used as it is
            t0 = time.perf_counter()
            ingest(files, store_path, settings)
            print(f"ingest: {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        store = open_store(store_path, create=False)
        try:
            arts = [s.article for s in store.articles()]
            analyses = store.analyses()
        finally:
            store.close()
    wanted = set(files)
    arts = [a for a in arts if a.path in wanted and a.status in ("ok", "duplicate")]
    t0 = time.perf_counter()
    stories = cluster_articles(arts, analyses, settings)
    secs = time.perf_counter() - t0
    sizes = Counter(len(s.articles) for s in stories)
    print(f"{len(arts)} articles -> {len(stories)} stories in {secs:.1f} s; "
          f"sizes: {dict(sorted(sizes.items()))}")
    titles = {a.id: (a.published.value if a.published else "?", a.title or a.path) for a in arts}
    several = [s for s in stories if len(s.articles) > 1]
    for st in random.Random(0).sample(several, min(args.show, len(several))):
        print(f"\n## {st.id}: {len(st.articles)} articles, {st.first}..{st.last}; "
              f"entities: {', '.join(st.entities)}")
        for aid in st.articles:
            day, title = titles[aid]
            print(f"   {day}  {title}")


if __name__ == "__main__":
    main()
