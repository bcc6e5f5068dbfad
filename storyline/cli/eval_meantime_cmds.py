"""`storyline eval meantime DIR`: MEANTIME (CAT XML) entity, event, coreference, participant,
TIMEX3 and attribute scores of storyline run on DIR's documents as one story."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import typer

from storyline.cli.app import EXIT_INPUT, eval_app
from storyline.cli.common import err, fail, out, progress_bar


def print_rows(title: str, rows: list, problems: list[str], as_json: bool) -> None:
    """Report malformed files on stderr, then the rows as a table (or JSON) on stdout."""
    from rich.table import Table

    for p in problems:
        err.print(f"skipped malformed {p}", highlight=False, soft_wrap=True)
    if as_json:
        print(json.dumps({"rows": [asdict(r) for r in rows], "problems": problems}, indent=2))
        return
    t = Table(title=title)
    for col in ("metric", "storyline", "reference", "reference is", "counts"):
        t.add_column(col, justify="right" if col in ("storyline", "reference") else "left")
    for r in rows:
        fmt = (lambda x: "" if x is None else f"{x:.3f}")  # noqa: E731
        t.add_row(r.metric, fmt(r.storyline), fmt(r.reference), r.reference_name, r.note)
    out.print(t)


@eval_app.command("meantime")
def eval_meantime(
    folder: Path = typer.Argument(..., help="Folder of MEANTIME CAT XML files (searched "
                                            "recursively), scored as one story."),
    as_json: bool = typer.Option(False, "--json", help="Print the rows as JSON."),
) -> None:
    """Entity/event mentions, cross-document coreference (CoNLL F1), participants, TIMEX3
    and event certainty/polarity/time on MEANTIME gold."""
    from storyline.eval.meantime import evaluate, rows

    files = list(folder.rglob("*.xml")) if folder.is_dir() else []
    if not files:
        fail(f"no .xml files under {folder}", EXIT_INPUT)
    with progress_bar("analysing", len(files)) as advance:
        scores, problems = evaluate(folder, advance)
    if not scores.documents:
        for p in problems:
            err.print(f"skipped malformed {p}", highlight=False, soft_wrap=True)
        fail(f"no readable CAT XML files under {folder}", EXIT_INPUT)
    print_rows(f"MEANTIME, {scores.documents} documents as one story", rows(scores), problems,
               as_json)
