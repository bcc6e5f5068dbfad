"""`storyline eval factuality DIR`: certainty on the [-3, 3] factuality scale (docs/eval.md)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import typer

from storyline.cli.app import EXIT_INPUT, eval_app
from storyline.cli.common import PLAIN, err, fail, progress_bar


@eval_app.command("factuality")
def eval_factuality(
    data_dir: Path = typer.Argument(..., help="Folder of SPLIT.jsonl files (UDS-IH2 format)."),
    split: str = typer.Option("dev", "--split", help="Which SPLIT.jsonl to score."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Pearson r and MAE of storyline's certainty, beside the constant (mean train) baseline."""
    from storyline.eval.factuality import baseline_of, predict, read_jsonl, rows, score
    from storyline.eval.yardstick import Report, markdown_table
    from storyline.nlp.pipeline import load_model
    from storyline.settings import Settings

    path = data_dir / f"{split}.jsonl"
    if not path.is_file():
        fail(f"no {path}", EXIT_INPUT)
    sentences, problems = read_jsonl(path)
    base, name, more = baseline_of(data_dir, split, sentences) if sentences else (0.0, "", [])
    problems += more
    for p in problems:
        err.print(f"skipped malformed {p}", **PLAIN)
    if not sentences:
        fail(f"no readable sentences in {path}", EXIT_INPUT)
    nlp = load_model(Settings().model)
    with progress_bar(f"rating {len(sentences)} sentences", len(sentences)) as advance:
        found = predict(sentences, nlp, advance)
    report = Report("factuality", str(data_dir), rows(score(sentences, found, base), name),
                    problems=problems)
    if as_json:
        print(json.dumps(asdict(report), indent=2))
    else:
        print(markdown_table([report]))
