"""`storyline eval timeline DIR`: SemEval-2015 Task 4 TimeLine scoring; `storyline timeline
STORE --format semeval2015 --out DIR`: the task's timeline files for any stored build."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import typer

from storyline.cli.app import EXIT_INPUT, EXIT_USAGE, app, eval_app
from storyline.cli.common import err, fail, out, progress_bar


@eval_app.command("timeline")
def eval_timeline(
    folder: Path = typer.Argument(..., help="Task folder: gold_timelines/, input_CAT/, "
                                            "list_target_entities.txt."),
    pred: Path | None = typer.Option(None, "--pred", help="Score this folder of timeline "
                                     "files instead of running storyline on the input."),
    as_json: bool = typer.Option(False, "--json", help="Print the rows as JSON."),
) -> None:
    """TempEval-3 temporal awareness of timelines (micro F1 over the target entities): of
    storyline run on DIR's articles, or of --pred; also the example output when present."""
    from rich.table import Table

    from storyline.eval.timeline import rows_of, score_folder

    if not (folder / "gold_timelines").is_dir():
        fail(f"no gold_timelines/ folder in {folder}", EXIT_INPUT)
    if pred is not None and not pred.is_dir():
        fail(f"no prediction folder {pred}", EXIT_INPUT)
    if pred is None:
        n = len(list((folder / "input_CAT").glob("*.xml")))
        if not n:
            fail(f"no input_CAT/*.xml in {folder} (give --pred to score timelines)", EXIT_INPUT)
        with progress_bar("analysing", n) as advance:
            score, example, problems, _ = score_folder(folder, None, advance)
    else:
        score, example, problems, _ = score_folder(folder, pred)
    for p in problems:
        err.print(f"skipped malformed {p}", highlight=False, soft_wrap=True)
    rows = rows_of(score, example, pred is None)
    if as_json:
        payload = {"rows": [asdict(r) for r in rows], "problems": problems, "counts": asdict(score),
                   "precision": score.precision, "recall": score.recall, "f1": score.f1}
        print(json.dumps(payload, indent=2))
        return
    t = Table(title=f"SemEval-2015 Task 4 TimeLine, {score.timelines} target entities")
    for col in ("metric", "value", "reference", "reference is", "counts"):
        t.add_column(col, justify="right" if col in ("value", "reference") else "left")
    for r in rows:
        ref = "" if r.reference is None else f"{r.reference:.2f}"
        t.add_row(r.metric, f"{r.storyline:.2f}", ref, r.reference_name, r.note)
    out.print(t)


@app.command("timeline")
def timeline_files(
    store: Path = typer.Argument(..., help="Store file."),
    fmt: str = typer.Option("semeval2015", "--format", "-f", help="semeval2015"),
    out_dir: Path = typer.Option(..., "--out", "-o", help="Folder to write the files to."),
    entities: Path | None = typer.Option(None, "--entities", help="Target entities, one a "
                                         "line (default: the entities in most events)."),
    story_id: str | None = typer.Option(None, "--story", help="One story of the store's feed "
                                        "(`storyline stories`); default: the whole store."),
) -> None:
    """Write the SemEval-2015 Task 4 timeline files of a stored story, one per entity.

    Lines are `order anchor doc-sent-token...` (doc = article id, sent = sentence number
    from 0, token = the claim's trigger word); undated events get order 0 and XXXX-XX-XX.
    """
    from storyline.eval.timeline import (
        claim_triggers,
        main_entities,
        read_targets,
        sentence_mention_of,
        story_timeline,
        write_timelines,
    )
    from storyline.store import StoreError, open_store

    if fmt != "semeval2015":
        fail(f"unknown format {fmt!r}: choose semeval2015", EXIT_USAGE)
    if entities is not None and not entities.is_file():
        fail(f"no entities file {entities}", EXIT_INPUT)
    if not store.is_file():
        fail(f"no store {store}", EXIT_INPUT)
    from storyline.api import UnknownStory, load_story

    try:
        story = load_story(store, story_id)
        st = open_store(store, create=False)
        try:
            analyses = st.analyses([a.id for a in story.articles])
        finally:
            st.close()
    except (StoreError, UnknownStory) as e:
        fail(str(e.args[0]) if isinstance(e, UnknownStory) else str(e))
    targets = read_targets(entities) if entities else main_entities(story)
    mention_of = sentence_mention_of(story, analyses)
    triggers = claim_triggers(analyses.values())
    timelines = [story_timeline(story, t, triggers, mention_of) for t in targets]
    for path in write_timelines(timelines, out_dir):
        print(path)
