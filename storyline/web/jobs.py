"""Upload jobs: uploads wait on disk in a bounded queue and one worker thread ingests them in
order, so a large upload never runs inside a request, reads stay served meanwhile, and two
ingests into one store never race.
"""

from __future__ import annotations

import logging
import queue
import shutil
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from storyline.api import IngestSummary

JobStatus = Literal["queued", "running", "done", "failed"]
log = logging.getLogger(__name__)


class QueueFull(Exception):
    """More upload jobs are waiting than the service keeps (ServiceSettings.max_queued_jobs)."""


class NothingUsable(Exception):
    """The job ran but no uploaded input was usable; carries the summary that says why."""

    def __init__(self, summary: IngestSummary) -> None:
        super().__init__("no usable article in the upload")
        self.summary = summary


@dataclass
class Job:
    """One upload: its files waiting in `folder`, then what the ingest made of them."""

    inputs: list[str]  # uploaded names, in upload order
    folder: Path = field(repr=False)  # the uploaded files; removed when the job ends
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    status: JobStatus = "queued"
    created: float = field(default_factory=time.time)
    started: float | None = None
    finished: float | None = None
    summary: IngestSummary | None = None
    error: str | None = None
    http_status: int = 202  # what a request waiting for the job answers: 200, 400, 500, 503

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status, "inputs": self.inputs,
                "created": self.created, "started": self.started, "finished": self.finished,
                "error": self.error, "location": f"/jobs/{self.id}",
                "summary": self.summary.to_dict() if self.summary else None}  # fmt: skip


class JobQueue:
    """A FIFO of jobs run one at a time by `run(job) -> IngestSummary` on a worker thread."""

    def __init__(self, run: Callable[[Job], IngestSummary], max_queued: int, kept: int) -> None:
        self._run, self._max_queued, self._kept = run, max_queued, kept
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def submit(self, job: Job) -> Job:
        """Queue `job` (starting the worker on first use); QueueFull when too many wait."""
        with self._lock:
            if self._queue.qsize() >= self._max_queued:
                raise QueueFull(f"{self._max_queued} uploads are already waiting")
            self._jobs[job.id] = job
            self._prune()
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="storyline-jobs",
                                                daemon=True)  # fmt: skip
                self._thread.start()
            self._queue.put(job)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def view(self, job: Job) -> dict[str, Any]:
        """`job.to_dict()` taken while no state change is half done."""
        with self._lock:
            return job.to_dict()

    def waiting(self) -> int:
        return self._queue.qsize()

    def close(self, timeout: float | None = None) -> None:
        """Finish every queued job, then stop the worker."""
        with self._lock:
            thread = self._thread
            if thread is None:
                return
            self._queue.put(None)
            self._thread = None
        thread.join(timeout)

    def _prune(self) -> None:
        """Forget the oldest finished jobs beyond `kept` (queued and running ones stay)."""
        done = [k for k, j in self._jobs.items() if j.finished is not None]
        for k in done[: max(0, len(done) - self._kept)]:
            del self._jobs[k]

    def _work(self) -> None:
        while (job := self._queue.get()) is not None:
            with self._lock:
                job.status, job.started = "running", time.time()
            outcome: dict[str, Any]
            try:
                outcome = {"summary": self._run(job), "status": "done", "http_status": 200}
            except NothingUsable as e:
                outcome = {"summary": e.summary, "error": str(e), "status": "failed",
                           "http_status": 400}  # fmt: skip
            except Exception as e:  # the worker must survive any one job
                from storyline.store import StoreError

                log.exception("upload job %s failed", job.id)
                outcome = {"error": f"{type(e).__name__}: {e}", "status": "failed",
                           "http_status": 503 if isinstance(e, StoreError) else 500}  # fmt: skip
            finally:
                shutil.rmtree(job.folder, ignore_errors=True)
            with self._lock:  # all at once, `finished` last: who sees it set sees the rest
                for name, value in outcome.items():
                    setattr(job, name, value)
                job.finished = time.time()
