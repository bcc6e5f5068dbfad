"""The real news texts a feed benchmark can grow a store with, and their nlp analyses cached.

    .venv/bin/python bench/feed_corpus.py --cache /tmp/feed-cache   # analyse all, resumable

Texts: the 2,452 wire-silver articles, then the other real news texts under
../shared/benchmarks: PolNeAR train and dev (924, dated by metadata.tsv), TimeBank (183, dated
by their DCT), the MEANTIME Apple articles (30, DCT) and the ECB+ dev documents (772, undated),
4,361 in all. Non-wire texts are written (outside the repository, into the cache folder) as
`.txt` with the ` date YYYY-MM-DD OUTLET` header line ingest reads. The analysis cache is an
ordinary store of articles and analyses with no story built (nlp stage only, local executor),
so a benchmark can copy analysed articles into the store it grows instead of re-parsing them.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / ".." / "shared" / "benchmarks"


def _write(out: Path, name: str, text: str, date: str | None, outlet: str | None) -> str:
    path = out / f"{name}.txt"
    if not path.exists():
        head = f" date {date} {outlet or ''}".rstrip() + "\n" if date else ""
        path.write_text(head + text, encoding="utf-8")
    return str(path)


def real_texts(bench: Path, out: Path) -> list[str]:
    """Paths of every real news text, wire first (its own files), the others written to OUT."""
    from storyline.eval.cat import read_cat_dir
    from storyline.eval.meantime import gold_of
    from storyline.eval.timeml import read_tml

    out.mkdir(parents=True, exist_ok=True)
    paths = sorted(str(p) for p in (bench / "wire-silver").glob("*.txt"))
    polnear = bench / "polnear"
    meta: dict[str, tuple[str, str]] = {}
    if (polnear / "metadata.tsv").is_file():
        with (polnear / "metadata.tsv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                meta[row["filename"]] = (row["publication_date"], row["publisher"])
    for f in sorted(polnear.glob("*/text/*.txt")):
        date, outlet = meta.get(f.stem, (None, None))
        paths.append(_write(out, f"polnear-{f.stem}", f.read_text(encoding="utf-8"), date, outlet))
    for f in sorted((bench / "timebank").glob("*.tml")):
        doc = read_tml(f)
        date = doc.dct[:10] if doc.dct and len(doc.dct) >= 10 else None
        paths.append(_write(out, f"timebank-{f.stem}", doc.text.strip(), date, None))
    problems: list[str] = []
    for doc in read_cat_dir(bench / "meantime-apple", problems):
        g = gold_of(doc)
        paths.append(_write(out, f"meantime-{doc.name}", doc.text, g.dct[:10] if g.dct else None,
                            None))
    for doc in read_cat_dir(bench / "ecbplus-dev" / "ECB+", problems):
        paths.append(_write(out, f"ecb-{doc.name}", doc.text, None, None))
    for p in problems:
        print(f"skipped: {p}", file=sys.stderr)
    return paths


def analyse_into(cache: Path, paths: list[str], chunk: int = 200) -> Path:
    """Analyse every path not yet in the cache store (nlp stage only, no story), in chunks so
    an interrupted run resumes; returns the cache store's path."""
    from storyline.ingest.read import read_articles
    from storyline.nlp.executors import run
    from storyline.settings import Settings
    from storyline.store import open_store

    settings = Settings()
    db = cache / "analyses.db"
    store = open_store(db)
    try:
        done = {s.article.path for s in store.articles()}
        todo = [p for p in paths if p not in done]
        print(f"{len(done)} analysed, {len(todo)} to go", file=sys.stderr)
        t0 = time.perf_counter()
        for i in range(0, len(todo), chunk):
            arts = read_articles(todo[i:i + chunk], settings)
            usable = [a for a in arts if a.status != "skipped"]
            for a in arts:
                if a.status == "skipped":
                    store.add_article(a, None)
            for art, analysis, error in run(usable, settings):
                if error:
                    art.status, art.problem = "skipped", f"analysis failed: {error}"
                    store.add_article(art, None, failed=True)
                else:
                    store.add_article(art, analysis)
            n = min(i + chunk, len(todo))
            print(f"{n}/{len(todo)} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    finally:
        store.close()
    return db


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=BENCH, help="the shared benchmarks folder")
    ap.add_argument("--cache", type=Path, required=True, help="cache folder (outside the repo)")
    args = ap.parse_args()
    if not (args.bench / "wire-silver").is_dir():
        sys.exit(f"no wire-silver folder under {args.bench}")
    paths = real_texts(args.bench, args.cache / "texts")
    print(f"{len(paths)} real news texts", file=sys.stderr)
    analyse_into(args.cache, paths)


if __name__ == "__main__":
    main()
