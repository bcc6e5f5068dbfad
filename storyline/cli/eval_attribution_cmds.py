"""`storyline eval attribution DIR`: PolNeAR-format attribution spans scored (docs/eval.md)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import typer

from storyline.cli.app import EXIT_INPUT, eval_app
from storyline.cli.common import PLAIN, err, fail, progress_bar


@eval_app.command("attribution")
def eval_attribution(
    data_dir: Path = typer.Argument(..., help="PolNeAR folder (SPLIT/text, SPLIT/attributions)."),
    split: str = typer.Option("dev", "--split", help="train or dev (or any folder name)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Source, cue and content span P/R/F1 (exact, overlap) and attribution agreement."""
    from storyline.eval.attribution import predict, read_split, rows, score
    from storyline.eval.yardstick import Report, markdown_table

    try:
        docs, problems = read_split(data_dir, split)
    except FileNotFoundError as exc:
        fail(str(exc), EXIT_INPUT)
    for p in problems:
        err.print(f"skipped malformed {p}", **PLAIN)
    if not docs:
        fail(f"no readable articles in {data_dir} ({split})", EXIT_INPUT)
    with progress_bar(f"analysing {len(docs)} articles", len(docs)) as advance:
        predicted = predict(docs, advance)
    report = Report("attribution", str(data_dir), rows(score(docs, predicted)),
                    problems=problems)
    if as_json:
        print(json.dumps(asdict(report), indent=2))
    else:
        print(markdown_table([report]))
