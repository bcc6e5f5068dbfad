"""`storyline eval stories DIR`: ECB+ documents clustered into stories (docs/story.md)."""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from pathlib import Path

import typer

from storyline.cli.app import EXIT_INPUT, eval_app
from storyline.cli.common import PLAIN, err, fail, progress_bar


@eval_app.command("stories")
def eval_stories(
    data_dir: Path = typer.Argument(..., help="ECB+ folder (topic folders of N_Kecb.xml)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Purity, inverse purity and B3 F1 of storyline's story clustering at topic and sub-topic
    level, dev and train topics, beside baselines computed in the same run."""
    from storyline.eval.stories import read_ecb, stories_report
    from storyline.eval.yardstick import markdown_table

    if not data_dir.is_dir():
        fail(f"no folder {data_dir}", EXIT_INPUT)
    total = len(read_ecb(data_dir, []))
    if not total:
        fail(f"no readable ECB+ documents (N_Kecb.xml) under {data_dir}", EXIT_INPUT)
    t0 = time.perf_counter()
    with progress_bar(f"analysing {total} documents", total) as advance:
        seen = 0

        def tick(done: int) -> None:
            nonlocal seen
            if done > seen:
                advance(done - seen)
                seen = done

        report = stories_report(data_dir, tick=tick)
    report.seconds = time.perf_counter() - t0
    for p in report.problems:
        err.print(f"skipped malformed {p}", **PLAIN)
    if as_json:
        print(json.dumps(asdict(report), indent=2, default=str))
    else:
        print(markdown_table([report]))
