"""What every command shares: consoles, progress bars, error exits, opening a store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TimeElapsedColumn

from storyline.cli.app import EXIT_INPUT, EXIT_STORE
from storyline.store import StoreError, StoreUnusable

err = Console(stderr=True)
out = Console()

PLAIN = {"highlight": False, "soft_wrap": True}  # one line per message, greppable
PHASES = {"reading": "reading inputs", "analysing": "analysing articles",
          "story": "building the story"}  # fmt: skip


def fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    """Print `error: message` on stderr and exit with `code`."""
    err.print(f"[red]error:[/red] {message}", **PLAIN)
    raise typer.Exit(code)


def store_failed(e: StoreError) -> NoReturn:
    """Exit on a store problem: EXIT_STORE when the store is unusable (corrupt, read-only,
    folder missing), else EXIT_INPUT (no store there, not a storyline store)."""
    fail(str(e), EXIT_STORE if isinstance(e, StoreUnusable) else EXIT_INPUT)


def print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def check_inputs(paths: list[str]) -> None:
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        fail(f"no such file or folder: {', '.join(missing)}")


def _progress() -> Progress:
    """The one progress display every command uses: on stderr, gone when done."""
    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


@contextmanager
def progress_bar(description: str, total: int) -> Iterator:
    """A single bar; yields `advance(n=1)`."""
    with _progress() as bar:
        task = bar.add_task(description, total=total)
        yield lambda n=1: bar.advance(task, n)


@contextmanager
def ingest_progress(quiet: bool = False) -> Iterator:
    """A rich progress display fed by api.ingest's (phase, done, total) callback."""
    if quiet:
        yield None
        return
    with _progress() as bar:
        tasks: dict[str, TaskID] = {}

        def tick(phase: str, done: int, total: int | None) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(PHASES.get(phase, phase), total=total)
            bar.update(tasks[phase], completed=done, total=total)

        yield tick


def report_inputs(summary: Any) -> None:
    """Every input that could not be used, with its file (and record number for JSON lines)."""
    for s in summary.skipped:
        err.print(f"  [yellow]skipped[/yellow] {s['path']}: {s['problem']}", **PLAIN)
    for s in summary.failed:
        err.print(f"  [red]failed[/red] {s['path']}: {s['problem']}", **PLAIN)
