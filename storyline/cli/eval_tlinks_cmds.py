"""`storyline eval tlinks DIR` (TimeML) and `storyline eval meantime-tlinks DIR` (MEANTIME CAT):
event-DCT relations, event-timex links and the time attribute of gold events."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from storyline.cli.app import EXIT_INPUT, eval_app
from storyline.cli.common import err, out
from storyline.cli.common import progress_bar as _bar


@eval_app.command("tlinks")
def eval_tlinks(
    gold_dir: Path = typer.Argument(..., help="Folder of gold TimeML (.tml) files with TLINKs."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Score event-time anchoring on gold events and times: the event-DCT relation (before/
    after/overlap) and event-timex links, beside the majority and nearest-timex baselines."""
    from storyline.eval.tlinks import majority_class, read_folder, rows, run
    from storyline.nlp.pipeline import load_model
    from storyline.settings import Settings

    if not gold_dir.is_dir() or not any(gold_dir.glob("*.tml")):
        err.print(f"[red]error:[/red] no .tml files in {gold_dir}")
        raise typer.Exit(EXIT_INPUT)
    docs, problems = read_folder(gold_dir)
    for p in problems:
        err.print(f"skipped malformed {p}", highlight=False, soft_wrap=True)
    if not docs:
        err.print(f"[red]error:[/red] no readable .tml files in {gold_dir}")
        raise typer.Exit(EXIT_INPUT)
    nlp = load_model(Settings().model)
    failed: list[str] = []
    with _bar("anchoring gold events", len(docs)) as advance:
        scores = run(docs, nlp, advance, failed)
    for p in failed:
        err.print(f"skipped {p}", highlight=False, soft_wrap=True)
    problems += failed
    if as_json:
        body = _json_body(scores, majority_class(scores))
        body["documents"] = len(docs) - len(failed)
        body["skipped"] = problems
        print(json.dumps(body, indent=2))
        return
    _table(f"TLINKs on {len(docs) - len(failed)} documents", rows(scores))


@eval_app.command("meantime-tlinks")
def eval_meantime_tlinks(
    gold_dir: Path = typer.Argument(..., help="Folder of MEANTIME CAT (.xml) files."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """MEANTIME: the gold events' time attribute (FUTURE / NON_FUTURE) and their TLINKs from
    storyline's anchoring step, beside the majority and nearest-timex baselines."""
    from storyline.eval.cat import read_cat_dir
    from storyline.eval.meantime_tlinks import future_row, run
    from storyline.eval.tlinks import majority_class, rows
    from storyline.nlp.pipeline import load_model
    from storyline.settings import Settings

    if not gold_dir.is_dir():
        err.print(f"[red]error:[/red] no folder {gold_dir}")
        raise typer.Exit(EXIT_INPUT)
    problems: list[str] = []
    cats = read_cat_dir(gold_dir, problems)
    if not cats:
        for p in problems:
            err.print(f"skipped malformed {p}", highlight=False, soft_wrap=True)
        err.print(f"[red]error:[/red] no readable CAT .xml files in {gold_dir}")
        raise typer.Exit(EXIT_INPUT)
    before = len(problems)
    with _bar("anchoring gold events", len(cats)) as advance:
        scores, fut = run(cats, load_model(Settings().model), advance, problems)
    for p in problems:
        err.print(f"skipped {p}", highlight=False, soft_wrap=True)
    if as_json:
        body = _json_body(scores, majority_class(scores))
        body["time_attribute"] = {
            "gold": fut.gold, "correct": fut.correct,
            "accuracy": round(fut.correct / fut.gold, 4) if fut.gold else 0.0,
            "majority": fut.majority,
            "majority_accuracy": round(fut.majority_correct / fut.gold, 4) if fut.gold else 0.0,
        }  # fmt: skip
        body["documents"] = len(cats) - (len(problems) - before)
        body["skipped"] = problems
        print(json.dumps(body, indent=2))
        return
    _table(f"MEANTIME anchoring on {len(cats) - (len(problems) - before)} documents",
           [future_row(fut), *rows(scores)])


def _json_body(scores, top: str | None) -> dict:  # noqa: ANN001
    """Counts and figures per system, as `--json` prints them."""
    body = {
        name: {**{k: getattr(sc, k) for k in ("events", "dated", "dct_gold", "dct_answered",
                                               "dct_correct", "link_gold", "link_predicted",
                                               "link_correct", "link_gold_dating")},
               **{k: round(v, 4) for k, v in sc.table().items()}}
        for name, sc in scores.items()
    }  # fmt: skip
    body["majority"]["class"] = top
    return body


def _table(title: str, rows) -> None:  # noqa: ANN001
    t = Table(title=title)
    for col in ("metric", "storyline", "reference", "reference is"):
        t.add_column(col)
    for r in rows:
        ref = "" if r.reference is None else f"{r.reference:.3f}"
        note = f" ({r.note})" if r.note else ""
        t.add_row(r.metric + note, f"{r.storyline:.3f}", ref, r.reference_name)
    out.print(t)
