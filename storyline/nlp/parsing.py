"""spaCy parsing for the build: in-process, or in background processes that parse ahead while
the main process runs storyline's components on the Docs already parsed.

A worker parses every k-th batch and sends it back as DocBin bytes (about 1% of the parse
time to pack and unpack); the main process reads the batches in input order, so Docs come out
in the order of the texts either way.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import threading
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from storyline.settings import Settings

QUEUE_BATCHES = 4  # batches a worker may parse ahead of the main process (bounds memory)
POLL_SECONDS = 1.0  # how often a waiting main process checks that its worker is alive


def parse_docs(nlp: Language, texts: list[str], settings: Settings) -> Iterator[Doc]:
    """Docs for `texts`, in order. Uses `settings.parse_workers` background processes (see
    `resolve_workers`) when there are at least `settings.parse_workers_from` texts, else parses
    in-process. A text longer than `chunk_limit(nlp)` is parsed in chunks (`parse_long`).

    A failure inside a worker is raised here as RuntimeError, so a caller can fall back to
    parsing one text at a time.
    """
    limit = chunk_limit(nlp)
    long = {i for i, t in enumerate(texts) if len(t) > limit}
    if not long:
        yield from _parse_docs(nlp, texts, settings)
        return
    short = ["" if i in long else t for i, t in enumerate(texts)]
    for i, doc in enumerate(_parse_docs(nlp, short, settings)):
        yield parse_long(nlp, texts[i]) if i in long else doc


# spaCy refuses texts over nlp.max_length (E088, 1,000,000 characters) and needs about 1 GB
# per 100,000 characters to parse one: longer texts are parsed in chunks of at most this.
CHUNK_CHARS = 100_000
# Where a chunk may end, best first: a paragraph break, a line break, a sentence end, a space.
_BREAKS = ("\n\n", "\n", ". ", " ")


def chunk_limit(nlp: Language) -> int:
    return max(1, min(CHUNK_CHARS, nlp.max_length - 1))


def chunks(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) slices covering `text` exactly, each at most `limit` characters, ending at
    the best break in the second half of the window (a hard cut when there is none)."""
    out: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        for mark in _BREAKS:
            at = text.rfind(mark, start + limit // 2, end)
            if at >= 0:
                end = at + len(mark)
                break
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out


def parse_long(nlp: Language, text: str) -> Doc:
    """One Doc for a text too long for spaCy: its chunks parsed alone, then joined so the Doc's
    text (and so every character offset) is the input's."""
    limit = chunk_limit(nlp)
    docs = [nlp(text[s:e]) for s, e in chunks(text, limit)]
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:  # never expected: offsets are the contract
        raise RuntimeError("chunked parse changed the text")
    return doc


def parse_one(nlp: Language, text: str) -> Doc:
    """One text's Doc, in chunks when it is too long for spaCy in one piece."""
    return parse_long(nlp, text) if len(text) > chunk_limit(nlp) else nlp(text)


def _parse_docs(nlp: Language, texts: list[str], settings: Settings) -> Iterator[Doc]:
    workers = resolve_workers(settings.parse_workers)
    if workers < 1 or len(texts) < max(settings.parse_workers_from, 2):
        yield from nlp.pipe(texts, batch_size=settings.batch_size)
        return
    yield from _parse_in_workers(nlp, texts, settings.model, settings.batch_size, workers)


def resolve_workers(setting: int) -> int:
    """The number of parse workers to start: the setting, or for -1 ("auto") one worker when
    at least one CPU core is idle (cores minus the 1-minute load average), else none."""
    if setting >= 0:
        return setting
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except OSError:
        busy = 0.0
    return 1 if cores - busy >= 1.0 else 0


def _context() -> mp.context.BaseContext:
    """fork when safe (one thread: the worker inherits the loaded model), else spawn."""
    methods = mp.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return mp.get_context("fork")
    return mp.get_context("spawn")


def _parse_in_workers(
    nlp: Language, texts: list[str], model: str, batch_size: int, workers: int
) -> Iterator[Doc]:
    batches = [texts[i : i + batch_size] for i in range(0, len(texts), batch_size)]
    workers = min(workers, len(batches))
    ctx = _context()
    queues = [ctx.Queue(maxsize=QUEUE_BATCHES) for _ in range(workers)]
    procs = [
        ctx.Process(
            target=_worker,
            args=(model, batches[w::workers], batch_size, queues[w]),
            daemon=True,
            name=f"storyline-parse-{w}",
        )
        for w in range(workers)
    ]
    for p in procs:
        p.start()
    try:
        for n in range(len(batches)):
            w = n % workers
            kind, payload = _receive(queues[w], procs[w])
            if kind == "error":
                raise RuntimeError(f"spaCy parse worker failed: {payload}")
            yield from DocBin().from_bytes(payload).get_docs(nlp.vocab)
    finally:
        for p in procs:
            if p.is_alive():
                p.terminate()
            p.join(timeout=5)
        for q in queues:
            q.close()
            q.cancel_join_thread()


def _receive(q: mp.Queue, proc: mp.Process) -> tuple[str, bytes | str]:
    """The worker's next message; an error when the worker died without sending one."""
    while True:
        try:
            return q.get(timeout=POLL_SECONDS)
        except queue.Empty:
            if not proc.is_alive():
                try:
                    return q.get_nowait()
                except queue.Empty:
                    return "error", f"worker exited with code {proc.exitcode}"


def _worker(model: str, batches: list[list[str]], batch_size: int, out: mp.Queue) -> None:
    """Parse each batch and put it on `out` as DocBin bytes; one ("error", text) on failure."""
    try:
        from storyline.nlp.pipeline import load_model  # cached in a forked worker

        nlp = load_model(model)
        for batch in batches:
            docs = nlp.pipe(batch, batch_size=batch_size)
            out.put(("ok", DocBin(docs=docs, store_user_data=False).to_bytes()))
    except BaseException as e:  # noqa: BLE001 - reported to the main process, which decides
        out.put(("error", f"{type(e).__name__}: {e}"))
