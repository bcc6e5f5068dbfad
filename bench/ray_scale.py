"""Benchmark: articles/s of the nlp stage, local executor against the Ray executor, one run.

The same articles (TimeBank-derived, as in build_speed.py, plus the example story) go through
`executors.run` three ways: local in one process (parse_workers=0), local with a background
parse process (parse_workers=1), and ray on a private local Ray with `--cpus` workers. Ray's
start-up is timed apart from the run (a cluster is started once and reused across builds).
On a 2-core laptop Ray cannot beat the local path; it is for many cores across machines.

    .venv/bin/python bench/ray_scale.py [--limit N] [--cpus 2] [--batch 16] [--json]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_speed import print_result, write_corpus  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="TimeBank documents to use")
    ap.add_argument("--cpus", type=int, default=2, help="CPUs of the local Ray")
    ap.add_argument("--batch", type=int, default=16, help="articles per Ray task")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args()

    from storyline.ingest.read import read_articles
    from storyline.nlp.executors import import_ray, run
    from storyline.nlp.pipeline import load_model
    from storyline.settings import Settings

    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_corpus(tmp, args.limit)
        articles = [a for a in read_articles(paths, settings) if a.status != "skipped"]
    load_model(settings.model)  # outside every timing
    result: dict = {"articles": len(articles), "words": sum(len(a.content.split())
                                                            for a in articles)}  # fmt: skip

    def timed_run(s: Settings) -> dict:
        t0 = time.perf_counter()
        out = list(run(articles, s))
        wall = time.perf_counter() - t0
        failed = sum(r is None for _, r, _ in out)
        return {"wall_s": round(wall, 2), "articles_per_s": round(len(articles) / wall, 2),
                "failed": failed}  # fmt: skip

    result["local_1proc"] = timed_run(dataclasses.replace(settings, parse_workers=0))
    result["local_parse_ahead"] = timed_run(dataclasses.replace(settings, parse_workers=1))
    ray = import_ray(local=True)
    t0 = time.perf_counter()
    ray.init(num_cpus=args.cpus, include_dashboard=False, log_to_driver=False,
             configure_logging=False)  # fmt: skip
    result["ray_start_s"] = round(time.perf_counter() - t0, 2)
    try:
        ray_settings = dataclasses.replace(settings, executor="ray", ray_batch_size=args.batch)
        result[f"ray_{args.cpus}cpu_first"] = timed_run(ray_settings)  # workers load the model
        result[f"ray_{args.cpus}cpu_warm"] = timed_run(ray_settings)  # workers reused
    finally:
        ray.shutdown()
    print_result(result, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
