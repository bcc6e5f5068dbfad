"""The FastAPI service over one store: upload articles, read the story, get the HTML report.

A store holds a feed: `/stories` lists "default" (the whole store's story) and, when the feed has
several, each story by its id (storyline/feed.py); `/stories/{id}/...` serves each. Uploads go to
the store (the clusterer decides their story) and are read like files given to `storyline
ingest`, as jobs run one at a time per store (`/jobs/{id}`); who may write is `ServiceSettings`
(guard.py).
"""

from __future__ import annotations

import asyncio
import re
import shutil
import tempfile
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path, PurePosixPath
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.security import HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.formparsers import MultiPartException

from storyline import __version__, api
from storyline.ingest.formats import SUFFIXES
from storyline.ingest.read import read_articles
from storyline.model import Story, to_dict
from storyline.render.html import story_to_html
from storyline.settings import ServiceSettings, Settings
from storyline.store import StoreError, open_store
from storyline.web.guard import Guard
from storyline.web.jobs import Job, JobQueue, NothingUsable, QueueFull
from storyline.web.limits import BodyLimit, count_records

STORY_ID = "default"
# Content types accepted as a raw body, and the file suffix they are read as.
BODY_TYPES = {
    "text/plain": ".txt", "text/html": ".html", "application/xhtml+xml": ".html",
    "application/json": ".json", "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl", "application/x-jsonlines": ".jsonl",
}  # fmt: skip
UPLOAD_DOC = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"files": {"type": "array",
                                             "items": {"type": "string", "format": "binary"}}},
                }
            },
            **{t: {"schema": {"type": "string"}} for t in BODY_TYPES},
        }
    }
}  # fmt: skip
UPLOAD_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "Ingested: the ingest summary (small uploads wait for their job)"},
    202: {"description": "Queued as a job (large upload, `Prefer: respond-async`, or a long "
                         "wait): poll the `Location` /jobs/{id}"},
    400: {"description": "No usable article, with each input's reason"},
    401: {"description": "A token is configured and the request lacks it"},
    403: {"description": "Read-only service, cross-site request, or a simple content type "
                         "without a token or X-Requested-With header"},
    413: {"description": "Over the byte or record limit"},
    503: {"description": "Too many uploads waiting (Retry-After)"},
}  # fmt: skip
MAX_NAME = 120  # characters of an uploaded file name kept (the suffix always survives)
_STORE_LOCKS: dict[Path, threading.Lock] = {}  # one ingest at a time per store in this process
_STORE_LOCKS_GUARD = threading.Lock()


def _store_lock(path: Path) -> threading.Lock:
    with _STORE_LOCKS_GUARD:
        return _STORE_LOCKS.setdefault(path.resolve(), threading.Lock())


def create_app(
    store_path: str | Path,
    settings: Settings | None = None,
    max_upload_bytes: int | None = None,
    service: ServiceSettings | None = None,
    default_story: str | None = None,
) -> FastAPI:
    """The service for the store at `store_path` (created when missing), guarded by `service`
    (defaults: loopback hosts only, no token, writable); `default_story`: the feed's story
    that "default" serves (None: the whole store's story)."""
    settings = settings or Settings()
    service = service or ServiceSettings()
    if service.token is not None and not service.token.strip():
        raise ValueError("an empty token would let anyone write: give a real one or None")
    limit = max_upload_bytes or settings.max_bytes
    store_path = Path(store_path)
    open_store(store_path).close()  # fail now, not on the first request, if it is not a store
    lock = _store_lock(store_path)  # reads go on in parallel with the one running ingest
    cache: dict[str | None, Any] = {}  # story id -> (revision key, Story)
    cache_lock = threading.Lock()

    def run_job(job: Job) -> api.IngestSummary:
        paths = [str(p) for p in sorted(job.folder.iterdir())]
        articles = read_articles(paths, settings)
        prefix = str(job.folder) + "/"
        for art in articles:  # report the uploaded name, not the temporary file
            if art.path.startswith(prefix):
                art.path = "upload:" + art.path[len(prefix) :].split("/", 1)[-1]
        with lock:
            summary = api.ingest_articles(articles, store_path, settings)
        if not (summary.added or summary.unchanged):
            raise NothingUsable(summary)
        return summary

    jobs = JobQueue(run_job, service.max_queued_jobs, service.kept_jobs)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        await run_in_threadpool(jobs.close)  # queued uploads are ingested before exit

    mode = (
        "read-only"
        if service.read_only
        else ("writes need a bearer token" if service.token else "writes need no token")
    )
    app = FastAPI(
        title="storyline",
        version=__version__,
        lifespan=lifespan,
        description="News articles in, evidence-backed timeline out. A store holds a feed of "
        f"stories: {STORY_ID!r} is the whole store's, the others are listed by /stories. "
        f"Uploads larger than {limit} bytes or with more than "
        f"{service.max_records} records are refused with 413; large uploads become jobs "
        f"(202, poll `/jobs/{{id}}`). This service is {mode}.",
    )
    app.state.jobs = jobs
    app.add_middleware(BodyLimit, max_bytes=limit)
    app.add_middleware(Guard, service=service)  # outermost: refuses before any body is read

    def story(story_id: str) -> Story:
        wanted = default_story if story_id == STORY_ID else story_id
        store = open_store(store_path, create=False)
        try:
            info = store.info()
            if wanted is not None and store.story_members(wanted) is None:
                raise HTTPException(404, f"no story {story_id!r} in this store: /stories "
                                    "lists them")  # fmt: skip
        finally:
            store.close()
        key = (wanted, info["revision"], info["story_revision"])
        if cache.get(wanted, (None,))[0] != key:
            with cache_lock:  # one thread loads a new revision; the others wait for it
                if cache.get(wanted, (None,))[0] != key:
                    try:
                        loaded = api.load_story(store_path, wanted, settings)
                    except api.UnknownStory as e:
                        raise HTTPException(404, str(e.args[0])) from None
                    except StoreError as e:
                        if "no story yet" not in str(e):
                            raise
                        raise HTTPException(404, "no story yet: upload articles first") from None
                    if len(cache) > 64:  # a feed of many stories: keep the recent ones
                        cache.clear()
                    cache[wanted] = (key, loaded)
        return cache[wanted][1]

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/docs")

    @app.get("/stories", summary="List stories: the whole store's, then the feed's")
    def list_stories() -> list[dict[str, Any]]:
        store = open_store(store_path, create=False)
        try:
            info = store.info()
        finally:
            store.close()
        feed = api.stories(store_path)
        whole = {"id": STORY_ID, "store": store_path.name, "articles": info["articles"],
                 "events": info["events"], "entities": info["entities"],
                 "contradictions": info["contradictions"], "built": info["story_built"],
                 "pipeline_version": info["story_version"],
                 "stories": [f.id for f in feed]}  # fmt: skip
        if len(feed) <= 1:  # one story: the whole store's is that story
            return [whole]
        return [whole] + [to_dict(f) for f in feed]

    @app.post(
        "/stories/{story_id}/articles",
        summary="Upload articles (text, HTML or JSON/JSONL): multipart files or a raw body",
        openapi_extra=UPLOAD_DOC,
        responses=UPLOAD_RESPONSES,
        # documents the bearer token (the /docs "Authorize" button); Guard does the checking
        dependencies=[Depends(HTTPBearer(auto_error=False, description="The write token"))],
    )
    async def upload(
        story_id: str,
        request: Request,
        filename: str | None = Query(None, description="Name for a raw-body upload."),
    ) -> dict[str, Any]:
        if story_id != STORY_ID and await run_in_threadpool(_unknown, story_id):
            raise HTTPException(404, f"no story {story_id!r} in this store: /stories lists them")
        files = await _uploads(request, filename, service.max_records)
        records = await run_in_threadpool(lambda: sum(count_records(n, d) for n, d in files))
        if records > service.max_records:
            raise HTTPException(413, f"the upload holds {records} records, more than the limit "
                                f"of {service.max_records} per request: split it")  # fmt: skip
        job = await run_in_threadpool(_submit, files)
        size = sum(len(d) for _, d in files)
        prefer = request.headers.get("prefer", "").lower()
        if "respond-async" not in prefer and size <= service.sync_max_bytes:
            deadline = asyncio.get_running_loop().time() + service.sync_wait
            pause = 0.005
            while job.finished is None and asyncio.get_running_loop().time() < deadline:
                await asyncio.sleep(pause)
                pause = min(pause * 2, 0.1)
            if job.finished is not None:
                return _answer(job)
        return JSONResponse(jobs.view(job), status_code=202,
                            headers={"Location": f"/jobs/{job.id}"})  # fmt: skip

    def _unknown(story_id: str) -> bool:
        store = open_store(store_path, create=False)
        try:
            return store.story_members(story_id) is None
        finally:
            store.close()

    def _submit(files: list[tuple[str, bytes]]) -> Job:
        """Write the upload to its own folder and queue it (503 when the queue is full)."""
        folder = Path(tempfile.mkdtemp(prefix="storyline-upload-"))
        try:
            for i, (name, data) in enumerate(files):
                path = folder / f"{i:06d}" / name  # sorts in upload order
                path.parent.mkdir()
                path.write_bytes(data)
            return jobs.submit(Job(inputs=[n for n, _ in files], folder=folder))
        except QueueFull as e:
            shutil.rmtree(folder, ignore_errors=True)
            raise HTTPException(503, f"{e}: try again later", {"Retry-After": "5"}) from None
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise

    def _answer(job: Job) -> Any:
        """What a request that waited for its job gets: the summary, or why it failed."""
        if job.http_status == 200 and job.summary is not None:
            return job.summary.to_dict()
        if job.http_status == 400 and job.summary is not None:
            raise HTTPException(400, {"message": job.error, "skipped": job.summary.skipped,
                                      "failed": job.summary.failed, "job": job.id})  # fmt: skip
        return JSONResponse({"detail": f"ingest failed: {job.error}", "job": job.id},
                            status_code=job.http_status)  # fmt: skip

    @app.get("/jobs/{job_id}", summary="An upload job: queued, running, done or failed")
    def job_status(job_id: str) -> dict[str, Any]:
        job = jobs.get(job_id)
        if job is None:
            raise HTTPException(404, f"no job {job_id!r} (finished jobs are kept for a while)")
        return jobs.view(job)

    @app.get("/stories/{story_id}/articles", summary="Every input and what became of it")
    def articles(story_id: str) -> list[dict[str, Any]]:
        return [to_dict(a) for a in story(story_id).articles]

    @app.get("/stories/{story_id}/timeline", summary="Events in time order, one line each")
    def timeline(
        story_id: str,
        entity: str | None = Query(None, description="Only events with this entity"),
        minor: bool = Query(True, description="Also the events the timeline folds (salience)"),
    ) -> list[dict[str, Any]]:
        try:
            return api.timeline(story(story_id), entity, minor=minor)
        except LookupError as e:
            raise HTTPException(404, str(e.args[0])) from None

    @app.get("/stories/{story_id}/entities", summary="People, organisations, places, works")
    def entities(story_id: str) -> list[dict[str, Any]]:
        return [{k: v for k, v in to_dict(e).items() if k != "mentions"}
                | {"mentions": len(e.mentions)} for e in story(story_id).entities]  # fmt: skip

    @app.get("/stories/{story_id}/events", summary="Events with their evidence")
    def events(
        story_id: str,
        entity: str | None = None,
        type: str | None = None,  # noqa: A002 - the query parameter is called type
        status: str | None = None,
    ) -> list[dict[str, Any]]:
        s = story(story_id)
        try:
            want = api.find_entity(s, entity) if entity else None
        except LookupError as e:
            raise HTTPException(404, str(e.args[0])) from None
        return [
            _event(s, ev) for ev in s.events
            if (want is None or want in ev.participants) and type in (None, ev.type)
            and status in (None, ev.status)
        ]  # fmt: skip

    @app.get("/stories/{story_id}/events/{event_id}", summary="One event with its evidence")
    def event(story_id: str, event_id: str) -> dict[str, Any]:
        s = story(story_id)
        for ev in s.events:
            if ev.id == event_id:
                return _event(s, ev)
        raise HTTPException(404, f"no event {event_id!r}")

    @app.get("/stories/{story_id}/state", summary="What was true of an entity on a date")
    def state(
        story_id: str,
        entity: str = Query(..., description="Name, alias or id"),
        at: str = Query(..., description="YYYY, YYYY-MM or YYYY-MM-DD"),
    ) -> list[dict[str, Any]]:
        from storyline.story.state import describe_state

        s = story(story_id)
        try:
            found = api.state_of(s, entity, at)
        except LookupError as e:
            raise HTTPException(404, str(e.args[0])) from None
        except ValueError as e:
            raise HTTPException(422, str(e)) from None
        names = {e.id: e.name for e in s.entities}
        return [to_dict(x) | {"description": describe_state(x, names)} for x in found]

    @app.get("/stories/{story_id}/story.json", summary="The whole story.json")
    def story_json(story_id: str) -> dict[str, Any]:
        return to_dict(story(story_id))

    @app.get("/stories/{story_id}/report.html", response_class=HTMLResponse,
             summary="The interactive, self-contained HTML report")  # fmt: skip
    def report(story_id: str) -> HTMLResponse:
        return HTMLResponse(story_to_html(story(story_id)))

    @app.exception_handler(StoreError)
    def _store_error(request: Request, exc: StoreError) -> Any:
        return JSONResponse({"detail": str(exc)}, status_code=503)

    return app


def _event(story: Story, ev: Any) -> dict[str, Any]:
    names = {e.id: e.name for e in story.entities}
    arts = {a.id: a for a in story.articles}
    out = to_dict(ev)
    out["participant_names"] = [names.get(p, p) for p in ev.participants]
    for m in out["mentions"]:
        a = arts.get(m["article"])
        m["outlet"] = a.outlet if a else None
        m["published"] = a.published.value if a and a.published else None
    out["contradictions"] = [c.id for c in story.contradictions if ev.id in c.subjects]
    return out


def _safe_name(name: str | None, content_type: str) -> str:
    """A bare file name with a suffix the reader knows (from the name or the content type)."""
    base = PurePosixPath((name or "").replace("\\", "/")).name
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip(". ") or "article"
    suffix = PurePosixPath(base).suffix.lower()
    if len(base) > MAX_NAME:  # file systems refuse long names; keep the suffix the reader needs
        keep = suffix if suffix in SUFFIXES else ""
        base = base[: MAX_NAME - len(keep)] + keep
    if suffix in SUFFIXES:
        return base
    guessed = BODY_TYPES.get(content_type)
    if guessed is None:
        raise HTTPException(
            415, f"cannot tell the format of {name or 'the body'!r} ({content_type or 'no type'}):"
            f" use a {', '.join(sorted(set(SUFFIXES)))} file or Content-Type "
            f"{', '.join(BODY_TYPES)}",
        )  # fmt: skip
    return base + guessed


async def _uploads(
    request: Request, filename: str | None, max_files: int
) -> list[tuple[str, bytes]]:
    """(file name, bytes) of every uploaded article, from multipart form data or a raw body."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "multipart/form-data":
        try:
            form = await request.form(max_files=max_files, max_fields=max_files)
        except (MultiPartException, StarletteHTTPException) as e:  # Starlette wraps it in a 400
            message = str(getattr(e, "detail", None) or e)
            raise HTTPException(413 if "too many" in message.lower() else 400, message) from None
        files = []
        for _, value in form.multi_items():
            if hasattr(value, "read"):
                ftype = (value.content_type or "").split(";")[0].strip().lower()
                files.append((_safe_name(value.filename, ftype), await value.read()))
        if not files:
            raise HTTPException(400, "multipart upload without any file part")
        return files
    body = await request.body()
    if not body.strip():
        raise HTTPException(400, "empty body: send an article as text, HTML or JSON")
    return [(_safe_name(filename, ctype), body)]
