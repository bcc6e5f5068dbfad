"""`storyline build`: ingest, analyse and report in one go."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

from storyline.api import build as build_story
from storyline.api import write_report
from storyline.cli.app import EXIT_INPUT, app
from storyline.settings import Settings

err = Console(stderr=True)


@app.command()
def build(
    paths: list[str] = typer.Argument(..., help="Article files or folders."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder."),
) -> None:
    """Build story.json and the reports from PATH... into --out."""
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        err.print(f"[red]error:[/red] no such file or folder: {', '.join(missing)}")
        raise typer.Exit(EXIT_INPUT)
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("analysing articles", total=None)
        story = build_story(paths, Settings(), progress=lambda n: bar.advance(task, n))
    written = write_report(story, out)
    ok = sum(a.status == "ok" for a in story.articles)
    skipped = [a for a in story.articles if a.status == "skipped"]
    err.print(
        f"{len(story.articles)} inputs: {ok} used, {len(skipped)} skipped; "
        f"{len(story.events)} events, {len(story.entities)} entities, "
        f"{len(story.contradictions)} contradictions"
    )
    for a in skipped:
        err.print(f"  skipped {a.path}: {a.problem}")
    for kind, path in written.items():
        print(f"{kind}: {path}")
