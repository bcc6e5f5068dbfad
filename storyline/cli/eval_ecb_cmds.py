"""`storyline eval ecb DIR`: ECB+ cross-document event and entity coreference on the annotated
sentences, storyline beside the same-lemma-same-topic baseline, dev and train topics."""

from __future__ import annotations

from pathlib import Path

import typer

from storyline.cli.app import EXIT_INPUT, eval_app
from storyline.cli.common import err, fail, progress_bar
from storyline.cli.eval_meantime_cmds import print_rows


@eval_app.command("ecb")
def eval_ecb(
    folder: Path = typer.Argument(..., help="ECB+ folder: topic folders of XML files and "
                                            "ECBplus_coreference_sentences.csv."),
    as_json: bool = typer.Option(False, "--json", help="Print the rows as JSON."),
) -> None:
    """Event and entity coreference CoNLL F1 (with and without singletons) on ECB+ gold."""
    from storyline.eval.ecb import evaluate, rows

    files = list(folder.rglob("*.xml")) if folder.is_dir() else []
    if not files:
        fail(f"no .xml files under {folder}", EXIT_INPUT)
    try:
        with progress_bar("analysing", len(files)) as advance:
            splits, problems = evaluate(folder, advance)
    except FileNotFoundError as exc:
        fail(str(exc), EXIT_INPUT)
    if not splits:
        for p in problems:
            err.print(f"skipped malformed {p}", highlight=False, soft_wrap=True)
        fail(f"no readable ECB+ XML files under {folder}", EXIT_INPUT)
    n = sum(s.documents for s in splits.values())
    print_rows(f"ECB+, {n} documents, one story per topic", rows(splits), problems, as_json)
