"""JobQueue alone: order, one at a time, a failing job does not stop the worker, pruning."""

from __future__ import annotations

import threading
import time

from storyline.api import IngestSummary
from storyline.store import StoreError
from storyline.web.jobs import Job, JobQueue


def wait(job: Job) -> Job:
    deadline = time.monotonic() + 10
    while job.finished is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert job.finished is not None, job
    return job


def test_jobs_run_in_order_one_at_a_time_and_failures_are_kept(tmp_path):
    ran, running, overlap = [], [], []
    lock = threading.Lock()

    def run(job: Job) -> IngestSummary:
        with lock:
            running.append(job.id)
            overlap.append(len(running))
        time.sleep(0.01)
        with lock:
            running.remove(job.id)
        ran.append(job.inputs[0])
        if job.inputs[0] == "boom":
            raise RuntimeError("exploded")
        if job.inputs[0] == "store":
            raise StoreError("store is gone")
        return IngestSummary(store="s.db", inputs=1, added=[job.inputs[0]])

    queue = JobQueue(run, max_queued=10, kept=10)
    names = ["a", "boom", "b", "store", "c"]
    jobs = []
    for name in names:
        folder = tmp_path / name
        folder.mkdir()
        jobs.append(queue.submit(Job(inputs=[name], folder=folder)))
    for job in jobs:
        wait(job)
    assert ran == names and max(overlap) == 1
    assert [(j.status, j.http_status) for j in jobs] == [
        ("done", 200),
        ("failed", 500),
        ("done", 200),
        ("failed", 503),
        ("done", 200),
    ]
    assert jobs[1].error == "RuntimeError: exploded" and jobs[1].summary is None
    assert jobs[2].summary is not None and jobs[2].summary.added == ["b"]
    assert not any((tmp_path / n).exists() for n in names)  # each job's folder is removed
    queue.close(10)


def test_only_the_last_finished_jobs_are_kept(tmp_path):
    queue = JobQueue(lambda job: IngestSummary(store="s.db"), max_queued=10, kept=2)
    jobs = []
    for i in range(4):
        (tmp_path / str(i)).mkdir()
        jobs.append(wait(queue.submit(Job(inputs=[str(i)], folder=tmp_path / str(i)))))
    assert [queue.get(j.id) is not None for j in jobs] == [False, True, True, True]
    queue.close(10)
