"""`storyline eval all BENCH_DIR`: every yardstick on its folder, one table (`make eval`)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from storyline.cli.app import EXIT_INPUT, eval_app
from storyline.cli.common import err, fail


@eval_app.command("all")
def eval_all(
    bench_dir: Path = typer.Argument(..., help="Folder holding the benchmark folders."),
    only: list[str] = typer.Option(None, "--only", help="Run only these yardsticks."),
    as_json: bool = typer.Option(False, "--json", help="Print the reports as JSON."),
) -> None:
    """Run every yardstick whose data is under BENCH_DIR and print one Markdown table."""
    from dataclasses import asdict

    from storyline.eval.yardstick import markdown_table, run_all

    if not bench_dir.is_dir():
        fail(f"no benchmark folder {bench_dir} (../shared/benchmarks is not here?)", EXIT_INPUT)
    reports = run_all(bench_dir, only or None)
    for rep in reports:
        for p in rep.problems:
            err.print(f"{rep.name}: skipped malformed {p}", highlight=False, soft_wrap=True)
    if as_json:
        print(json.dumps([asdict(r) for r in reports], indent=2))
    else:
        print(markdown_table(reports))
