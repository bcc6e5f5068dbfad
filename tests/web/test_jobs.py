"""Bounded requests and upload jobs: record limits, the 330,000-record body, 202 + /jobs/{id},
one job at a time per store, reads served while a job runs, a full queue, odd upload names."""

from __future__ import annotations

import json
import threading
import time

import pytest
from fastapi.testclient import TestClient

from storyline.settings import ServiceSettings
from storyline.web import app as web_app
from storyline.web import create_app

URL = "/stories/default/articles"
LOCAL = {"base_url": "http://localhost", "headers": {"X-Requested-With": "pytest"}}
ASYNC = {"prefer": "respond-async"}


def text(n: int) -> bytes:
    return (f" date 2024-05-{n % 28 + 1:02d} Lakeport Ledger\nTomas Brennan met Ada Brennan in "
            f"Lakeport on Friday, the board said. Report number {n}.\n").encode()  # fmt: skip


def client(tmp_path, **service) -> TestClient:
    return TestClient(create_app(tmp_path / "s.db", service=ServiceSettings(**service)), **LOCAL)


def poll(c: TestClient, location: str, timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = c.get(location).json()
        assert (job["status"] in ("done", "failed")) == (job["finished"] is not None), job
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {location} not finished after {timeout} s: {job}")


def test_330000_tiny_records_are_refused_fast(tmp_path):
    c = client(tmp_path)
    body = json.dumps([{"text": "x"} for _ in range(330_000)]).encode()  # 4.95 MB
    assert 4_500_000 < len(body) < 5_000_000  # under the byte limit: the record limit bites
    start = time.monotonic()
    r = c.post(URL, content=body, headers={"content-type": "application/json"})
    took = time.monotonic() - start
    assert r.status_code == 413, r.text[:300]
    assert "330000 records" in r.json()["detail"] and "1000 per request" in r.json()["detail"]
    assert took < 5, took
    lines = b"\n".join(json.dumps({"text": "x"}).encode() for _ in range(330_000))
    r = c.post(URL, content=lines, headers={"content-type": "application/x-ndjson"})
    assert r.status_code == 413 and "330000 records" in r.json()["detail"]
    assert c.get("/stories").json()[0]["articles"] == 0


def test_record_limit_counts_json_jsonl_and_files(tmp_path):
    c = client(tmp_path, max_records=2)
    two = json.dumps({"articles": [{"text": text(1).decode()}, {"text": text(2).decode()}]})
    ok = c.post(URL, content=two, headers={"content-type": "application/json"})
    assert ok.status_code == 200 and len(ok.json()["added"]) == 2, ok.text
    three = b"\n".join(json.dumps({"text": text(i).decode()}).encode() for i in (3, 4, 5))
    r = c.post(URL, content=three, headers={"content-type": "application/x-ndjson"})
    assert r.status_code == 413 and "3 records" in r.json()["detail"]
    files = [("files", (f"a{i}.txt", text(i), "text/plain")) for i in (6, 7, 8)]
    r = c.post(URL, files=files)
    assert r.status_code == 413, r.text
    assert c.get("/stories").json()[0]["articles"] == 2


def test_large_upload_becomes_a_job_and_is_polled(tmp_path):
    c = client(tmp_path, sync_max_bytes=10)
    r = c.post(URL, params={"filename": "big.txt"}, content=text(1), headers={"content-type":
               "text/plain"})  # fmt: skip
    assert r.status_code == 202, r.text
    location = r.headers["location"]
    assert location == f"/jobs/{r.json()['id']}" and r.json()["status"] != "failed"
    assert (r.json()["status"] == "done") == (r.json()["finished"] is not None)
    job = poll(c, location)
    assert job["status"] == "done" and job["error"] is None and job["inputs"] == ["big.txt"]
    assert len(job["summary"]["added"]) == 1 and job["summary"]["story_rebuilt"]
    assert job["started"] <= job["finished"]
    paths = [a["path"] for a in c.get("/stories/default/articles").json()]
    assert paths == ["upload:big.txt"]
    assert c.get("/jobs/nope").status_code == 404


def test_failed_job_says_why(tmp_path):
    c = client(tmp_path)
    r = c.post(URL, params={"filename": "scan.txt"}, content=bytes(range(256)) * 4,
               headers={"content-type": "text/plain"} | ASYNC)  # fmt: skip
    assert r.status_code == 202
    job = poll(c, r.headers["location"])
    assert job["status"] == "failed" and job["error"] == "no usable article in the upload"
    assert [s["path"] for s in job["summary"]["skipped"]] == ["upload:scan.txt"]


@pytest.fixture
def held(monkeypatch):
    """Ingests wait for `release` (set on teardown), so a job can be seen running."""
    release, running = threading.Event(), threading.Event()
    real = web_app.api.ingest_articles

    def slow(*args, **kwargs):
        running.set()
        assert release.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(web_app.api, "ingest_articles", slow)
    yield release, running
    release.set()


def test_reads_served_and_jobs_run_one_at_a_time(tmp_path, held):
    release, running = held
    c = client(tmp_path, max_queued_jobs=1)
    first = c.post(URL, content=text(1), headers={"content-type": "text/plain"} | ASYNC)
    assert first.status_code == 202 and running.wait(10)
    second = c.post(URL, content=text(2), headers={"content-type": "text/plain"} | ASYNC)
    assert second.status_code == 202
    full = c.post(URL, content=text(3), headers={"content-type": "text/plain"} | ASYNC)
    assert full.status_code == 503 and full.headers["retry-after"] == "5"
    start = time.monotonic()
    assert c.get("/stories").json()[0]["articles"] == 0  # read while the first job runs
    assert time.monotonic() - start < 2
    assert c.get(first.headers["location"]).json()["status"] == "running"
    assert c.get(second.headers["location"]).json()["status"] == "queued"
    release.set()
    assert poll(c, first.headers["location"])["status"] == "done"
    assert poll(c, second.headers["location"])["status"] == "done"
    assert c.get("/stories").json()[0]["articles"] == 2


def test_small_upload_answers_202_when_its_job_waits_too_long(tmp_path, held):
    release, _ = held
    c = client(tmp_path, sync_wait=0.2)
    r = c.post(URL, content=text(1), headers={"content-type": "text/plain"})
    assert r.status_code == 202 and r.json()["status"] in ("queued", "running")
    release.set()
    assert poll(c, r.headers["location"])["status"] == "done"


@pytest.mark.parametrize("name", ["a\x00b.txt", "x" * 400 + ".txt", "../../etc/passwd.txt",
                                  "line\nbreak.txt"])  # fmt: skip
def test_odd_upload_names_are_cleaned(tmp_path, name):
    c = client(tmp_path)
    files = {"files": (name, text(1), "text/plain")}
    r = c.post(URL, files=files)
    assert r.status_code == 200, r.text
    raw = c.post(URL, params={"filename": name}, content=text(2),
                 headers={"content-type": "text/plain"})  # fmt: skip
    assert raw.status_code == 200, raw.text
    paths = [a["path"] for a in c.get("/stories/default/articles").json()]
    assert len(paths) == 2
    for path in paths:
        assert path.startswith("upload:") and path.endswith(".txt") and len(path) <= 7 + 120
        assert "\x00" not in path and "/" not in path and "\n" not in path


def test_shutdown_ingests_the_queue_first(tmp_path):
    app = create_app(tmp_path / "s.db")
    with TestClient(app, **LOCAL) as c:  # the context runs the app's lifespan
        locations = [c.post(URL, params={"filename": f"q{i}.txt"}, content=text(i),
                            headers={"content-type": "text/plain"} | ASYNC).headers["location"]
                     for i in range(3)]  # fmt: skip
    jobs = [app.state.jobs.get(loc.rsplit("/", 1)[-1]) for loc in locations]
    assert [j.status for j in jobs] == ["done", "done", "done"]
    with TestClient(app, **LOCAL) as c:
        paths = sorted(a["path"] for a in c.get("/stories/default/articles").json())
    assert paths == ["upload:q0.txt", "upload:q1.txt", "upload:q2.txt"]
