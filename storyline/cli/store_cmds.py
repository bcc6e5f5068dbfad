"""Commands over a store: `ingest` articles into it, list its `stories`, `show` the timeline,
`state`, `export` (each reading the whole store's story, or one story with --story ID)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from storyline import api
from storyline.cli.app import EXIT_FAILED, EXIT_USAGE, app
from storyline.cli.build_cmd import (
    EXECUTOR_HELP,
    RAY_ADDRESS_HELP,
    TODAY_HELP,
    with_executor,
    with_today,
)
from storyline.cli.common import (
    check_inputs,
    err,
    fail,
    ingest_progress,
    out,
    print_json,
    report_inputs,
    store_failed,
)
from storyline.model import Story, to_dict
from storyline.settings import Settings
from storyline.store import StoreError

STORY_HELP = ("One story of the store's feed (an id `storyline stories` lists); "
              "default: the whole store's story.")


def _load(store: Path, story: str | None = None) -> Story:
    try:
        return api.load_story(store, story)
    except StoreError as e:
        store_failed(e)
    except api.UnknownStory as e:
        fail(str(e.args[0]))


@app.command("stories")
def stories_cmd(
    store: Path = typer.Argument(..., help="Store file."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """The stories of the store's feed: id, title, articles, dates, last update, top entities."""
    if fmt not in ("table", "json"):
        fail(f"unknown format {fmt!r}: choose table or json", EXIT_USAGE)
    try:
        found = api.stories(store)
    except StoreError as e:
        store_failed(e)
    if fmt == "json":
        print_json([to_dict(f) for f in found])
        return
    table = Table(title=f"{len(found)} stories in {store}")
    for col in ("id", "title", "articles", "dates", "updated", "events", "top entities"):
        table.add_column(col, overflow="fold")
    for f in found:
        dates = f"{f.first or '?'}..{f.last or '?'}" if f.first != f.last else str(f.first)
        table.add_row(f.id, f.title or "", str(f.articles), dates, f.updated or "",
                      str(f.events) if f.built else f"{f.events} (stale)",
                      ", ".join(f.entities))  # fmt: skip
    out.print(table)


@app.command("ingest")
def ingest_cmd(
    paths: list[str] = typer.Argument(..., help="Article files or folders to add."),
    store: Path = typer.Option(..., "--store", "-s", help="Store file (created if missing)."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    executor: str = typer.Option("local", "--executor", help=EXECUTOR_HELP),
    ray_address: str | None = typer.Option(None, "--ray-address", help=RAY_ADDRESS_HELP),
    today: str | None = typer.Option(None, "--today", help=TODAY_HELP),
) -> None:
    """Add articles to a store: only new ones are parsed, then the stories they join are built.

    Re-ingesting the same files changes nothing. Exit codes: 0 ok, 3 bad input or store,
    1 an article's analysis failed (it is stored as skipped and retried next time).
    """
    check_inputs(paths)
    settings = with_executor(Settings(), executor, ray_address)
    settings = with_today(settings, today)
    try:
        with ingest_progress(quiet=as_json) as tick:
            summary = api.ingest(paths, store, settings, tick)
    except StoreError as e:
        store_failed(e)
    if as_json:
        print_json(summary.to_dict())
    else:
        err.print(
            f"{summary.inputs} inputs: {len(summary.added)} added, "
            f"{len(summary.unchanged)} already stored, {len(summary.skipped)} skipped"
            f"{f', {len(summary.failed)} failed' if summary.failed else ''}"
        )
        report_inputs(summary)
        rebuilt = "story rebuilt" if summary.story_rebuilt else "story unchanged"
        if summary.story_count > 1:
            built = ", ".join(summary.stories[:8]) + (", ..." if len(summary.stories) > 8 else "")
            rebuilt = f"{summary.story_count} stories; built anew: {built or 'none'}"
        print(f"{store}: {summary.articles} articles, {summary.events} events, "
              f"{summary.entities} entities, {summary.contradictions} contradictions ({rebuilt})")
    if summary.failed:
        raise typer.Exit(EXIT_FAILED)


@app.command()
def show(
    store: Path = typer.Argument(..., help="Store file."),
    entity: str | None = typer.Option(None, "--entity", "-e", help="Only events with NAME."),
    as_json: bool = typer.Option(False, "--json", help="Print the timeline as JSON."),
    story_id: str | None = typer.Option(None, "--story", help=STORY_HELP),
    show_all: bool = typer.Option(
        False, "--all", help="Also the minor events the timeline folds (story/salience.py)."
    ),
) -> None:
    """The timeline of the stored story in the terminal (minor events folded unless --all or
    --entity; --json lists every event with its `salient` flag)."""
    story = _load(store, story_id)
    every = show_all or entity is not None or as_json
    try:
        rows = api.timeline(story, entity, minor=every)
    except LookupError as e:
        fail(str(e.args[0]))
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"{len(rows)} events (art/src: articles / independent sources)")
    table.add_column("when", no_wrap=True)
    table.add_column("event")
    table.add_column("who")
    table.add_column("status")
    table.add_column("art/src", justify="right")
    table.add_column("evidence", ratio=1, overflow="fold")
    colours = {"confirmed": "green", "reported": "blue", "alleged": "yellow",
               "speculated": "magenta", "denied": "red"}  # fmt: skip
    for r in rows:
        when = r["time"] or "undated"
        if r["earliest"] and r["earliest"] != r["latest"]:
            when += f"\n[dim]{r['earliest']}..{r['latest']}[/dim]"
        flag = "\n[red]contradicted[/red]" if r["contradicted"] else ""
        c = colours.get(r["status"], "white")
        ev = r["evidence"]
        table.add_row(
            when, r["type"], ", ".join(r["participants"]), f"[{c}]{r['status']}[/{c}]{flag}",
            f"{r['articles']}/{r['independent_sources']}",
            ev if len(ev) < 160 else ev[:157] + "...",
        )  # fmt: skip
    out.print(table)
    folded = 0 if every else len(story.events) - len(rows)
    if folded:
        out.print(f"{folded} minor events folded: --all shows them")


@app.command()
def state(
    store: Path = typer.Argument(..., help="Store file."),
    entity: str = typer.Option(..., "--entity", "-e", help="Entity name, alias or id."),
    at: str = typer.Option(..., "--at", help="Date: YYYY, YYYY-MM or YYYY-MM-DD."),
    as_json: bool = typer.Option(False, "--json", help="Print the states as JSON."),
    story_id: str | None = typer.Option(None, "--story", help=STORY_HELP),
) -> None:
    """What was true of an entity on a date, with status and evidence."""
    from storyline.story.state import describe_state

    story = _load(store, story_id)
    try:
        states = api.state_of(story, entity, at)
    except LookupError as e:
        fail(str(e.args[0]))
    except ValueError as e:
        fail(str(e), EXIT_USAGE)
    names = {e.id: e.name for e in story.entities}
    if as_json:
        print_json([{**to_dict(s), "description": describe_state(s, names)} for s in states])
        return
    if not states:
        print(f"nothing known about {entity} on {at}")
        return
    for s in states:
        print(describe_state(s, names))
        for m in s.evidence[:3]:
            print(f"    {m.article}:{m.start}-{m.end} ({m.certainty}) {m.text[:120]}")


@app.command()
def export(
    store: Path = typer.Argument(..., help="Store file."),
    fmt: str = typer.Option(..., "--format", "-f",
                            help="timelinejs, graphml, csv, json, md or html."),  # fmt: skip
    out_file: Path = typer.Option(..., "--out", "-o", help="File to write."),
    story_id: str | None = typer.Option(None, "--story", help=STORY_HELP),
) -> None:
    """Write the stored story in another format."""
    if fmt not in api.EXPORT_FORMATS:
        fail(f"unknown format {fmt!r}: choose from {', '.join(api.EXPORT_FORMATS)}", EXIT_USAGE)
    story = _load(store, story_id)
    try:
        written = api.export(story, fmt, out_file)
    except OSError as e:
        fail(f"cannot write {out_file}: {e.strerror or e}", EXIT_FAILED)
    print(written)
