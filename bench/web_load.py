"""Load test of the web service: a real uvicorn server (child process) on 127.0.0.1 and a free
port, N concurrent
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
import selectors
import socket
import subprocess
import sys
import tempfile
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
    """`storyline.web.create_app(store)` under uvicorn in a child process (its own GIL, as in
    production), on 127.0.0.1 and a free port the child reports on its stdout."""

    def __init__(self, store: Path, max_queued: int) -> None:
        self.cmd = [sys.executable, __file__, "--serve", str(store), "--queue", str(max_queued)]
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0

    def __enter__(self) -> Server:
        self.proc = subprocess.Popen(self.cmd, stdout=subprocess.PIPE)
        assert self.proc.stdout is not None
        with selectors.DefaultSelector() as sel:
            sel.register(self.proc.stdout, selectors.EVENT_READ)
            if not sel.select(timeout=60):
                self.__exit__()
                raise RuntimeError("the server did not report its port within 60 s")
        line = self.proc.stdout.readline().decode().strip()
        if not line.isdigit():
            self.__exit__()
            raise RuntimeError(f"the server did not start (said {line!r})")
        self.port = int(line)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc is None:
            return
        self.proc.terminate()  # uvicorn shuts down; the app ingests what is still queued
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


def serve(store: Path, max_queued: int) -> None:
    """The child: bind 127.0.0.1:0, print the port, serve until SIGTERM."""
    import uvicorn

    from storyline.settings import ServiceSettings
    from storyline.web import create_app

    app = create_app(store, service=ServiceSettings(token=TOKEN, max_queued_jobs=max_queued))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(1024)  # before the port is told: a client connecting early waits in the backlog
    print(sock.getsockname()[1], flush=True)
    # keep-alive longer than the client's longest idle gap, so no reused connection is cut
    config = uvicorn.Config(app, log_level="warning", lifespan="on", backlog=1024,
                            timeout_keep_alive=60)  # fmt: skip
    uvicorn.Server(config).run(sockets=[sock])


async def _load(base: str, uploads: int, reads: int, deadline: float) -> dict[str, Any]:
    import httpx

    limits = httpx.Limits(max_connections=uploads + reads, max_keepalive_connections=50)
    timings: dict[str, list[float]] = {"upload": [], "read": [], "read_during_jobs": []}
    statuses: Counter[int] = Counter()
    errors: Counter[str] = Counter()  # requests that got no HTTP answer at all
    locations: dict[int, str] = {}

    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:

        async def send(method: str, url: str, **kwargs: Any) -> httpx.Response | None:
            try:
                r = await client.request(method, url, **kwargs)
            except httpx.TransportError as e:
                errors[type(e).__name__] += 1
                return None
            statuses[r.status_code] += 1
            return r

        seeds = [("files", (f"seed-{n}.txt", article(10_000 + n).encode(), "text/plain"))
                 for n in range(3)]  # fmt: skip
        seeded = await send("POST", "/stories/default/articles", files=seeds,
                            headers={"authorization": f"Bearer {TOKEN}"})  # fmt: skip
        if seeded is None or seeded.status_code != 200:  # story reads answer 200 from the start
            raise RuntimeError(f"seeding failed: {seeded and seeded.text}")

        async def upload(n: int) -> None:
            start = time.perf_counter()
            r = await send("POST", "/stories/default/articles",
                                  params={"filename": f"load-{n:03d}.txt"},
                                  content=article(n).encode(),
                                  headers={"authorization": f"Bearer {TOKEN}",
                                           "content-type": "text/plain",
                                           "prefer": "respond-async"})  # fmt: skip
            timings["upload"].append(time.perf_counter() - start)
            if r is not None and r.status_code == 202:
                locations[n] = r.headers["location"]

        async def read(n: int, kind: str = "read") -> None:
            start = time.perf_counter()
            await send("GET", READS[n % len(READS)])
            timings[kind].append(time.perf_counter() - start)

        calls = [upload(n) for n in range(uploads)] + [read(n) for n in range(reads)]
        random.Random(0).shuffle(calls)
        start = time.perf_counter()
        await asyncio.gather(*calls)
        accepted = time.perf_counter() - start

        jobs: dict[str, int] = Counter()
        pending = dict(locations)
        while pending and time.monotonic() < deadline:  # bounded polling
            polled = await asyncio.gather(*(send("GET", loc) for loc in pending.values()))
            for n, r in zip(list(pending), polled, strict=True):
                if r is not None and r.json()["status"] in ("done", "failed"):
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
        "transport_errors": dict(errors),
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
        "burst_s": round(accepted, 2), "burst_requests_per_s": round((uploads + reads) / accepted),
        "all_jobs_done_s": round(jobs_done, 2),
    }  # fmt: skip


def run(uploads: int = 50, reads: int = 200, timeout: float = 300.0) -> dict[str, Any]:
    """Serve a new store, seed it, run the load; the numbers as a dict."""
    with tempfile.TemporaryDirectory(prefix="storyline-load-") as tmp:
        store = Path(tmp) / "load.db"
        with Server(store, uploads) as server:
            result = asyncio.run(_load(f"http://127.0.0.1:{server.port}", uploads, reads,
                                       time.monotonic() + timeout))  # fmt: skip
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uploads", type=int, default=50)
    parser.add_argument("--reads", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)  # the child process
    parser.add_argument("--queue", type=int, default=256, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.queue)
        return
    result = run(args.uploads, args.reads)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:>18}: {value}")
    bad = ("server_errors", "transport_errors", "missing", "duplicated", "jobs_unfinished")
    sys.exit(1 if any(result[k] for k in bad) else 0)


if __name__ == "__main__":
    main()
