"""Load test of the web service: a real uvicorn server on 127.0.0.1 (a free port), N concurrent
uploads (jobs) and M concurrent reads from httpx; prints p50/p99 latencies, 5xx count and
whether every upload's article is stored exactly once.

    .venv/bin/python bench/web_load.py                 # 50 uploads, 200 reads
    .venv/bin/python bench/web_load.py --uploads 100 --reads 400 --json

Loopback only, bounded: every wait has a deadline. The texts are generated here (fictional).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import random
import socket
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

PEOPLE = ["Mara Lindqvist", "Tomas Okafor", "Ines Varga", "Jonah Pell", "Ruth Castellan",
          "Pavel Marsh", "Lena Achterberg", "Omar Quill", "Hana Soto", "Felix Dunmore"]  # fmt: skip
TOWNS = ["Lakeport", "Eastbridge", "Harwick", "Millford", "Saltmere", "Brookvale", "Dunmoor"]
DEEDS = ["opened a library", "resigned from the council", "won the regional election",
         "announced a new ferry line", "was appointed harbour master", "sold the mill"]  # fmt: skip
READS = ["/stories", "/stories/default/timeline", "/stories/default/entities",
         "/stories/default/events", "/stories/default/articles"]  # fmt: skip
TOKEN = "web-load-token"


def article(n: int) -> str:
    """A short fictional news text, different for every n."""
    rng = random.Random(n)
    who, town, deed = rng.choice(PEOPLE), rng.choice(TOWNS), rng.choice(DEEDS)
    day = n % 28 + 1
    return (f" date 2024-03-{day:02d} {town} Gazette\n{who} {deed} in {town} on March {day}, "
            f"2024, officials said. The project number {n} cost {n + 3} million dollars, "
            f"according to {rng.choice(PEOPLE)}, who spoke to reporters on Tuesday.\n")  # fmt: skip


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of `values`, in the same unit."""
    ranked = sorted(values)
    return ranked[max(0, min(len(ranked) - 1, math.ceil(q / 100 * len(ranked)) - 1))]


class Server:
    """uvicorn serving `app` on a socket already bound to 127.0.0.1:<free port>, in a thread."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        config = uvicorn.Config(app, log_level="warning", lifespan="on", backlog=1024)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       daemon=True)  # fmt: skip

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(60)
        self.sock.close()


async def _load(base: str, uploads: int, reads: int, deadline: float) -> dict[str, Any]:
    import httpx

    limits = httpx.Limits(max_connections=uploads + reads, max_keepalive_connections=50)
    timings: dict[str, list[float]] = {"upload": [], "read": [], "read_during_jobs": []}
    statuses: Counter[int] = Counter()
    locations: dict[int, str] = {}

    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:

        async def upload(n: int) -> None:
            start = time.perf_counter()
            r = await client.post("/stories/default/articles",
                                  params={"filename": f"load-{n:03d}.txt"},
                                  content=article(n).encode(),
                                  headers={"authorization": f"Bearer {TOKEN}",
                                           "content-type": "text/plain",
                                           "prefer": "respond-async"})  # fmt: skip
            timings["upload"].append(time.perf_counter() - start)
            statuses[r.status_code] += 1
            if r.status_code == 202:
                locations[n] = r.headers["location"]

        async def read(n: int, kind: str = "read") -> None:
            start = time.perf_counter()
            r = await client.get(READS[n % len(READS)])
            timings[kind].append(time.perf_counter() - start)
            statuses[r.status_code] += 1

        calls = [upload(n) for n in range(uploads)] + [read(n) for n in range(reads)]
        random.Random(0).shuffle(calls)
        start = time.perf_counter()
        await asyncio.gather(*calls)
        accepted = time.perf_counter() - start

        jobs: dict[str, int] = Counter()
        pending = dict(locations)
        while pending and time.monotonic() < deadline:  # bounded polling
            polled = await asyncio.gather(*(client.get(loc) for loc in pending.values()))
            for n, r in zip(list(pending), polled, strict=True):
                statuses[r.status_code] += 1
                if r.json()["status"] in ("done", "failed"):
                    jobs[r.json()["status"]] += 1
                    del pending[n]
            if pending:  # reads while the jobs run: ten at once, timed apart from the burst
                await asyncio.gather(*(read(n, "read_during_jobs") for n in range(10)))
            await asyncio.sleep(0.2)
        jobs_done = time.perf_counter() - start

        stored = Counter(a["path"] for a in (await client.get("/stories/default/articles")).json())
    want = {f"upload:load-{n:03d}.txt" for n in range(uploads)}
    return {
        "uploads": uploads, "reads": reads, "statuses": dict(sorted(statuses.items())),
        "server_errors": sum(c for s, c in statuses.items() if s >= 500),
        "jobs": dict(jobs), "jobs_unfinished": len(pending),
        "missing": sorted(want - set(stored)),
        "duplicated": sorted(p for p in want if stored[p] > 1),
        "upload_p50_ms": round(percentile(timings["upload"], 50) * 1000, 1),
        "upload_p99_ms": round(percentile(timings["upload"], 99) * 1000, 1),
        "read_p50_ms": round(percentile(timings["read"], 50) * 1000, 1),
        "read_p99_ms": round(percentile(timings["read"], 99) * 1000, 1),
        "reads_during_jobs": len(timings["read_during_jobs"]),
        "read_during_jobs_p50_ms": round(percentile(timings["read_during_jobs"], 50) * 1000, 1)
        if timings["read_during_jobs"] else None,
        "read_during_jobs_p99_ms": round(percentile(timings["read_during_jobs"], 99) * 1000, 1)
        if timings["read_during_jobs"] else None,
        "requests_s": round(accepted, 2), "all_jobs_done_s": round(jobs_done, 2),
    }  # fmt: skip


def run(uploads: int = 50, reads: int = 200, timeout: float = 300.0) -> dict[str, Any]:
    """Seed a store with three articles, serve it, run the load; the numbers as a dict."""
    from storyline.api import ingest
    from storyline.settings import ServiceSettings
    from storyline.web import create_app

    with tempfile.TemporaryDirectory(prefix="storyline-load-") as tmp:
        seeds = []
        for n in range(3):
            path = Path(tmp) / f"seed-{n}.txt"
            path.write_text(article(10_000 + n), encoding="utf-8")
            seeds.append(str(path))
        store = Path(tmp) / "load.db"
        ingest(seeds, store)  # so the story reads answer 200 from the start
        app = create_app(store, service=ServiceSettings(token=TOKEN, max_queued_jobs=uploads))
        with Server(app) as server:
            result = asyncio.run(_load(f"http://127.0.0.1:{server.port}", uploads, reads,
                                       time.monotonic() + timeout))  # fmt: skip
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uploads", type=int, default=50)
    parser.add_argument("--reads", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.uploads, args.reads)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:>18}: {value}")
    sys.exit(0 if not (result["server_errors"] or result["missing"] or result["duplicated"]
                       or result["jobs_unfinished"]) else 1)  # fmt: skip


if __name__ == "__main__":
    main()
