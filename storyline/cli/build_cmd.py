"""`storyline build`: ingest into a temporary store, then write the reports."""

from __future__ import annotations

import tempfile
from pathlib import Path

import typer

from storyline.api import ingest, load_story, write_report
from storyline.cli.app import EXIT_FAILED, EXIT_INPUT, app
from storyline.cli.common import check_inputs, err, ingest_progress, print_json, report_inputs
from storyline.settings import Settings


@app.command()
def build(
    paths: list[str] = typer.Argument(..., help="Article files or folders."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON summary on stdout."),
) -> None:
    """Build story.json, story.md and story.html from PATH... into --out.

    Exit codes: 0 built, 3 a path is missing or no input was usable, 1 an article failed.
    """
    check_inputs(paths)
    with tempfile.TemporaryDirectory(prefix="storyline-") as tmp:
        store = Path(tmp) / "story.db"
        with ingest_progress(quiet=as_json) as tick:
            summary = ingest(paths, store, Settings(), tick)
        story = load_story(store)
    written = write_report(story, out)
    used = sum(a.status == "ok" for a in story.articles)
    if as_json:
        print_json({**summary.to_dict(), "used": used,
                    "written": {k: str(v) for k, v in written.items()}})  # fmt: skip
    else:
        err.print(
            f"{len(story.articles)} inputs: {used} used, {len(summary.skipped)} skipped"
            f"{f', {len(summary.failed)} failed' if summary.failed else ''}; "
            f"{len(story.events)} events, {len(story.entities)} entities, "
            f"{len(story.contradictions)} contradictions"
        )
        report_inputs(summary)
        for kind, path in written.items():
            print(f"{kind}: {path}")
    if summary.failed:
        raise typer.Exit(EXIT_FAILED)
    if not used:
        err.print("[red]error:[/red] no usable article among the inputs")
        raise typer.Exit(EXIT_INPUT)
