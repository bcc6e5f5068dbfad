"""Where the nlp stage runs: "local" (this process, spaCy parsing ahead in background processes)
or "ray" (batches of articles on a Ray cluster, for millions of articles).

An executor takes the articles and yields (article, analysis, None) or (article, None, error)
for each, in input order, so the caller (the store, on the driver) records a failure as
skipped with its reason instead of losing it. Workers are stateless: articles in, analyses out.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

from storyline.model import Article, ArticleAnalysis, from_dict, to_dict
from storyline.nlp.budget import OverBudget, time_budget
from storyline.registry import Registry
from storyline.settings import Settings

EXECUTORS = Registry("executor")
# (phase, done, total), as api.IngestProgress; the executors only report "analysing".
Tick = Callable[[str, int, int | None], None]
Result = tuple[Article, ArticleAnalysis | None, str | None]


def run(articles: list[Article], settings: Settings, tick: Tick | None = None) -> Iterator[Result]:
    """The executor `settings.executor` over `articles`; raises ValueError for an unknown one."""
    try:
        executor = EXECUTORS.get(settings.executor)
    except KeyError as e:
        raise ValueError(e.args[0]) from None
    return executor(articles, settings, tick or (lambda phase, done, total: None))


def counting(progress: Callable[[int], object] | None, phase: str = "analysing") -> Tick:
    """A Tick that hands `progress` how many more articles of `phase` are done since the last
    call (the executors report running totals; progress bars advance by steps)."""
    seen = 0

    def tick(at: str, done: int, total: int | None) -> None:
        nonlocal seen
        if at == phase and progress and done > seen:
            progress(done - seen)
            seen = done

    return tick


def check(settings: Settings) -> None:
    """Fail early (before reading any input) on an unknown executor or a missing Ray:
    ValueError or RuntimeError with a message for the user."""
    run([], settings)  # looks the executor up
    if settings.executor == "ray":
        import_ray(local=settings.ray_address is None)


def _error(e: BaseException) -> str:
    return f"{type(e).__name__}: {e}"


@EXECUTORS.register("local")
def local(articles: list[Article], settings: Settings, tick: Tick) -> Iterator[Result]:
    """In this process; spaCy parses ahead in background processes (settings.parse_workers).
    When spaCy fails inside a batch, the rest is parsed one article at a time."""
    if not articles:
        return
    from storyline.nlp.parsing import parse_docs, parse_one
    from storyline.nlp.pipeline import analyze_doc, load_model

    nlp = load_model(settings.model)
    done = 0
    tick("analysing", 0, len(articles))
    docs = parse_docs(nlp, [a.content for a in articles], settings)
    while done < len(articles):
        art = articles[done]
        try:
            doc = next(docs) if docs is not None else parse_one(nlp, art.content)
        except Exception as e:  # noqa: BLE001 - spaCy failed inside a batch: go one by one
            if docs is None:
                yield art, None, _error(e)
                done += 1
                tick("analysing", done, len(articles))
                continue
            docs = None
            continue
        try:
            with time_budget(settings.article_time_budget):
                analysis = analyze_doc(doc, art, settings)
        except OverBudget as e:  # stored as failed, not retried until text or pipeline change
            analysis, error = None, str(e)
        except Exception as e:  # noqa: BLE001 - one bad article must not stop the ingest
            analysis, error = None, _error(e)
        else:
            error = None
        yield art, analysis, error
        done += 1
        tick("analysing", done, len(articles))


# ----------------------------------------------------------------------------------- ray

RAY_MISSING = (
    "the ray executor needs Ray, which is an optional dependency: "
    "pip install 'storyline[ray]'"
)


# Set before Ray is first imported when we start a private local Ray: no usage stats sent, and
# Ray's single-machine mode, whose servers bind to 127.0.0.1 only (Ray reads this at import).
LOCAL_RAY_ENV = {"RAY_USAGE_STATS_ENABLED": "0", "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0"}


def import_ray(local: bool = False):  # noqa: ANN201 - the ray module, when installed
    """The ray module, or a RuntimeError telling the user how to install it. `local`: set
    LOCAL_RAY_ENV first (unless the caller set those variables itself)."""
    if local:
        for key, value in LOCAL_RAY_ENV.items():
            os.environ.setdefault(key, value)
    try:
        import ray
    except ImportError:
        raise RuntimeError(RAY_MISSING) from None
    return ray


def analyse_batch(articles: list[dict], settings: Settings) -> list[tuple[dict | None, str | None]]:
    """Runs on a Ray worker: (analysis as a dict, None) or (None, error) per article, in order.

    The model is loaded once per worker process (pipeline.load_model is cached). Uses the local
    executor in-process, so a spaCy failure in the batch falls back to one article at a time.
    """
    from dataclasses import replace

    arts = [from_dict(Article, a) for a in articles]
    inproc = replace(settings, executor="local", parse_workers=0)
    return [
        (to_dict(analysis, for_json=False) if analysis is not None else None, error)
        for _, analysis, error in local(arts, inproc, lambda phase, done, total: None)
    ]


def _start_ray(ray, settings: Settings) -> bool:  # noqa: ANN001
    """Connect to Ray; True when this call started a local Ray (and so should stop it).

    `settings.ray_address` None starts a private local Ray on this machine (loopback only, no
    usage stats, no dashboard); "auto" or "ray://host:port" joins an existing cluster.
    """
    if ray.is_initialized():
        return False
    if settings.ray_address is None:
        ray.init(
            num_cpus=settings.ray_num_cpus,
            include_dashboard=False,
            log_to_driver=False,
            configure_logging=False,
        )
        return True
    ray.init(address=settings.ray_address, log_to_driver=False, configure_logging=False)
    return True


@EXECUTORS.register("ray")
def ray_executor(articles: list[Article], settings: Settings, tick: Tick) -> Iterator[Result]:
    """Batches of `settings.ray_batch_size` articles as Ray tasks; results come back as plain
    dicts and are yielded in input order. Progress is reported as batches complete.

    A batch whose task fails (worker crash, out of memory) is retried one article per task; an
    article that still fails is yielded with the reason.
    """
    ray = import_ray(local=settings.ray_address is None)
    if not articles:
        return
    started = _start_ray(ray, settings)
    try:
        yield from _run_on_ray(ray, articles, settings, tick)
    finally:
        if started:
            ray.shutdown()


def _run_on_ray(ray, articles: list[Article], settings: Settings, tick: Tick):  # noqa: ANN001
    task = ray.remote(num_cpus=1, max_retries=0)(analyse_batch)
    settings_ref = ray.put(settings)
    size = max(1, settings.ray_batch_size)
    batches = [articles[i : i + size] for i in range(0, len(articles), size)]
    window = max(2, 2 * int(ray.available_resources().get("CPU", 1)))  # bounds driver memory

    def submit(batch: list[Article]):  # noqa: ANN202 - a Ray ObjectRef
        return task.remote([to_dict(a, for_json=False) for a in batch], settings_ref)

    pending: dict = {}  # ObjectRef -> batch index
    results: dict[int, list[tuple[dict | None, str | None]]] = {}
    next_submit = next_yield = done = 0
    tick("analysing", 0, len(articles))
    while next_yield < len(batches):
        while next_submit < len(batches) and len(pending) < window:
            pending[submit(batches[next_submit])] = next_submit
            next_submit += 1
        if next_yield not in results:
            ready, _ = ray.wait(list(pending), num_returns=1)
            for ref in ready:
                n = pending.pop(ref)
                try:
                    results[n] = ray.get(ref)
                except Exception as e:  # noqa: BLE001 - the whole task failed: one by one
                    results[n] = _retry_one_by_one(ray, task, batches[n], settings_ref, e)
                done += len(batches[n])
                tick("analysing", done, len(articles))
            continue
        for art, (data, error) in zip(batches[next_yield], results.pop(next_yield), strict=True):
            analysis = from_dict(ArticleAnalysis, data) if data is not None else None
            yield art, analysis, error
        next_yield += 1


def _retry_one_by_one(
    ray, task, batch: list[Article], settings_ref, batch_error: BaseException  # noqa: ANN001
) -> list[tuple[dict | None, str | None]]:
    """Each article of a failed batch in its own task; a still failing one gets the reason."""
    refs = [task.remote([to_dict(a, for_json=False)], settings_ref) for a in batch]
    out: list[tuple[dict | None, str | None]] = []
    for ref in refs:
        try:
            out.append(ray.get(ref)[0])
        except Exception as e:  # noqa: BLE001 - reported as this article's failure
            cause = getattr(e, "cause", None) or e
            out.append((None, f"ray task failed: {_error(cause)}"))
    del batch_error  # the per-article errors say more than the batch's
    return out


# ------------------------------------------------------------------------------ reading

READERS = Registry("reader")  # where input files are read: by executor name


@READERS.register("local")
def read_here(paths: list[str], settings: Settings) -> list[Article]:
    """Read every input in this process (storyline.ingest.read.read_articles)."""
    from storyline.ingest.read import read_articles

    return read_articles(paths, settings)


def read_chunk(found: list, settings: Settings) -> list[dict]:
    """Runs on a Ray worker: read and date these walked files, return the articles as dicts."""
    from storyline.ingest.read import read_found

    return [to_dict(a, for_json=False) for a in read_found(found, settings)]


@READERS.register("ray")
def read_on_ray(paths: list[str], settings: Settings) -> list[Article]:
    """Ray tasks over chunks of `ray_batch_size` input files each read (and date) their files;
    the driver only lists folders, collects the articles in input order and does what needs
    every input (unique ids, duplicate marks: ingest.read.finish_batch)."""
    from storyline.ingest.read import finish_batch, walk

    found = walk(paths)
    if not found:
        return []
    ray = import_ray(local=settings.ray_address is None)
    started = _start_ray(ray, settings)
    try:
        task = ray.remote(num_cpus=1, max_retries=1)(read_chunk)
        settings_ref = ray.put(settings)
        size = max(1, settings.ray_batch_size)
        refs = [task.remote(found[i : i + size], settings_ref) for i in range(0, len(found), size)]
        articles = [from_dict(Article, d) for ref in refs for d in ray.get(ref)]
    finally:
        if started:
            ray.shutdown()
    finish_batch(articles, settings)
    return articles


def read_inputs(paths: list[str], settings: Settings) -> list[Article]:
    """The inputs read where `settings.executor` runs (local: here; ray: on the workers)."""
    try:
        reader = READERS.get(settings.executor)
    except KeyError as e:
        raise ValueError(e.args[0]) from None
    return reader(paths, settings)


class RaySession:
    """Keeps one private local Ray up across an ingest's reading, nlp and story stages (each
    would otherwise start and stop its own); nothing for the local executor."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.ray = None

    def __enter__(self) -> RaySession:
        if self.settings.executor == "ray":
            ray = import_ray(local=self.settings.ray_address is None)
            if _start_ray(ray, self.settings):
                self.ray = ray
        return self

    def __exit__(self, *exc: object) -> None:
        if self.ray is not None:
            self.ray.shutdown()
