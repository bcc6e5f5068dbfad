"""`storyline timex` (tag a file or TimeML folder) and `storyline eval timex` (TempEval-3 score)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from storyline.cli.app import EXIT_INPUT, EXIT_USAGE, app, eval_app
from storyline.cli.common import err, out
from storyline.cli.common import progress_bar as _bar
from storyline.model import to_dict
from storyline.settings import Settings


def _nlp():
    from storyline.nlp.pipeline import load_model

    return load_model(Settings().model)


@app.command()
def timex(
    file: Path | None = typer.Argument(None, help="A text file to tag."),
    date: str | None = typer.Option(None, "--date", help="Document date, YYYY-MM-DD."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list."),
    tml: Path | None = typer.Option(None, "--tml", help="Folder of TimeML (.tml) files to tag."),
    out_dir: Path | None = typer.Option(None, "--out", help="Where --tml writes tagged files."),
) -> None:
    """Tag time expressions in FILE (against --date), or TempEval-3 Task A over --tml."""
    if tml is not None:
        _tag_tml_dir(tml, out_dir)
        return
    if file is None:
        err.print("[red]error:[/red] give a FILE, or --tml IN_DIR --out OUT_DIR")
        raise typer.Exit(EXIT_USAGE)
    if not file.is_file():
        err.print(f"[red]error:[/red] no such file: {file}")
        raise typer.Exit(EXIT_INPUT)
    from storyline.nlp.time.tagger import tag_doc, value_to_time

    try:
        dct = value_to_time(date) if date else None
    except ValueError:
        err.print(f"[red]error:[/red] --date must look like YYYY-MM-DD, not {date!r}")
        raise typer.Exit(EXIT_USAGE) from None
    text = file.read_text(encoding="utf-8", errors="replace")
    found = tag_doc(_nlp()(text), dct)
    if as_json:
        keys = ("start", "end", "text", "type", "value", "earliest", "latest")
        rows = [{k: v for k, v in to_dict(t).items() if k in keys} for t in found]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table("start", "end", "text", "type", "value", "earliest", "latest")
    for t in found:
        table.add_row(
            str(t.start), str(t.end), t.text, t.type, t.value,
            str(t.earliest or ""), str(t.latest or ""),
        )  # fmt: skip
    out.print(table)


def _tag_tml_dir(tml: Path, out_dir: Path | None) -> None:
    from storyline.eval.timeml import tag_tml_all

    if out_dir is None:
        err.print("[red]error:[/red] --tml needs --out OUT_DIR")
        raise typer.Exit(EXIT_USAGE)
    files = sorted(tml.glob("*.tml")) if tml.is_dir() else []
    if not files:
        err.print(f"[red]error:[/red] no .tml files in {tml}")
        raise typer.Exit(EXIT_INPUT)
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp = _nlp()
    with _bar("tagging TimeML", len(files)) as advance:
        for i in range(0, len(files), 16):
            chunk = files[i : i + 16]
            sources = [f.read_text(encoding="utf-8") for f in chunk]
            for f, tagged in zip(chunk, tag_tml_all(sources, nlp), strict=True):
                (out_dir / f.name).write_text(tagged, encoding="utf-8")
            advance(len(chunk))
    err.print(f"wrote {len(files)} files to {out_dir}")


@eval_app.command("timex")
def eval_timex(
    gold_dir: Path = typer.Argument(..., help="Folder of gold TimeML (.tml) files."),
    pred: Path | None = typer.Option(None, "--pred", help="Score these predicted .tml files."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Score time expressions TempEval-3 style: extent P/R/F1, type and value accuracy/F1."""
    from storyline.eval.timeml import predict, read_tml, score_dirs

    files = sorted(gold_dir.glob("*.tml")) if gold_dir.is_dir() else []
    if not files:
        err.print(f"[red]error:[/red] no .tml files in {gold_dir}")
        raise typer.Exit(EXIT_INPUT)
    with _bar("reading gold", len(files)) as advance:
        gold = []
        for f in files:
            gold.append(read_tml(f))
            advance()
    if pred is not None:
        missing = [f.name for f in files if not (pred / f.name).is_file()]
        if missing:
            err.print(f"[red]error:[/red] {len(missing)} files missing in {pred}: {missing[:3]}")
            raise typer.Exit(EXIT_INPUT)
        predicted = [read_tml(pred / f.name).timexes for f in files]
    else:
        nlp = _nlp()
        predicted = []
        with _bar("tagging", len(gold)) as advance:
            for i in range(0, len(gold), 16):
                predicted.extend(predict(gold[i : i + 16], nlp))
                advance(len(gold[i : i + 16]))
    score = score_dirs(gold, predicted)
    table = score.table()
    if as_json:
        counts = {k: getattr(score, k) for k in ("documents", "gold", "predicted", "strict",
                                                  "relaxed", "type_ok", "value_ok")}  # fmt: skip
        print(json.dumps({**counts, **{k: round(v, 4) for k, v in table.items()}}, indent=2))
        return
    t = Table(title=f"TIMEX3 on {score.documents} documents ({score.gold} gold, "
                    f"{score.predicted} predicted)")  # fmt: skip
    t.add_column("measure")
    t.add_column("P", justify="right")
    t.add_column("R", justify="right")
    t.add_column("F1", justify="right")
    t.add_column("accuracy", justify="right")
    for name in ("strict", "relaxed", "value"):
        t.add_row(name, *(f"{table[f'{name}_{k}']:.4f}" for k in ("p", "r", "f1")),
                  f"{table['value_accuracy']:.4f}" if name == "value" else "")  # fmt: skip
    t.add_row("type", "", "", f"{table['type_f1']:.4f}", f"{table['type_accuracy']:.4f}")
    out.print(t)
