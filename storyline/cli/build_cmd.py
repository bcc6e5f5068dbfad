"""`storyline build`: read, analyse and merge in memory (`api.build_summary`), then write the
reports."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import typer

from storyline.api import build_summary, write_report
from storyline.cli.app import EXIT_FAILED, EXIT_INPUT, EXIT_USAGE, app
from storyline.cli.common import (
    check_inputs,
    err,
    fail,
    ingest_progress,
    print_json,
    report_inputs,
)
from storyline.nlp.llm import LlmStats, reset_llm_stats
from storyline.settings import Settings

EXECUTOR_HELP = ("Where the nlp stage runs: local (this machine) or ray"
                 " (pip install 'storyline[ray]').")
RAY_ADDRESS_HELP = ("With --executor ray: an existing cluster (auto or ray://host:port);"
                    " default starts a private local Ray.")
TODAY_HELP = ("The reference date for 'today' in dating and bounds, YYYY-MM-DD (default: the"
              " day of the run); fix it for the same story.json on any day.")


def with_today(settings: Settings, today: str | None) -> Settings:
    """`settings` with `today` from --today; exits with a usage error when it is no date."""
    if today is None:
        return settings
    try:
        return replace(settings, today=date.fromisoformat(today))
    except ValueError:
        err.print(f"[red]error:[/red] --today must look like YYYY-MM-DD, not {today!r}")
        raise typer.Exit(EXIT_USAGE) from None


def with_executor(settings: Settings, executor: str, ray_address: str | None) -> Settings:
    """`settings` running on EXECUTOR; exits with a usage error when it is unknown or missing."""
    from storyline.nlp.executors import check

    settings = replace(settings, executor=executor, ray_address=ray_address)
    try:
        check(settings)
    except (ValueError, RuntimeError) as e:
        err.print(f"[red]error:[/red] {e}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None
    return settings


@app.command()
def build(
    paths: list[str] = typer.Argument(..., help="Article files or folders."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON summary on stdout."),
    llm_url: str | None = typer.Option(
        None, "--llm-url", help="Optional OpenAI-compatible server (e.g. http://localhost:8000/v1)"
        " for extra claims; article text is sent there. Key from $STORYLINE_LLM_API_KEY."),
    llm_model: str = typer.Option("default", "--llm-model", help="Model name on that server."),
    llm_mode: str = typer.Option("merge", "--llm-mode", help="merge (add what the rules missed)"
                                 " or replace (LLM claims instead of rule claims)."),
    executor: str = typer.Option("local", "--executor", help=EXECUTOR_HELP),
    ray_address: str | None = typer.Option(None, "--ray-address", help=RAY_ADDRESS_HELP),
    today: str | None = typer.Option(None, "--today", help=TODAY_HELP),
) -> None:
    """Build story.json, story.md and story.html from PATH... into --out.

    Exit codes: 0 built, 3 a path is missing or no input was usable, 1 an article failed.
    """
    check_inputs(paths)
    if out.exists() and not out.is_dir():  # before any work: the reports could not be written
        fail(f"--out {out} exists and is not a folder", EXIT_USAGE)
    settings = with_executor(_settings(llm_url, llm_model, llm_mode), executor, ray_address)
    settings = with_today(settings, today)
    llm = reset_llm_stats()
    with ingest_progress(quiet=as_json) as tick:
        summary, story = build_summary(paths, settings, tick)
    written = write_report(story, out)
    used = sum(a.status == "ok" for a in story.articles)
    copies = sum(a.status == "duplicate" for a in story.articles)
    if as_json:
        print_json({**summary.to_dict(), "used": used, "duplicates": copies,
                    "written": {k: str(v) for k, v in written.items()},
                    **({"llm": llm.to_dict()} if llm_url else {})})  # fmt: skip
    else:
        err.print(
            f"{len(story.articles)} inputs: {used} used, "
            f"{_copies(copies)}"
            f"{len(summary.skipped)} skipped"
            f"{f', {len(summary.failed)} failed' if summary.failed else ''}; "
            f"{len(story.events)} events, {len(story.entities)} entities, "
            f"{len(story.contradictions)} contradictions"
        )
        report_inputs(summary)
        if llm_url:
            _report_llm(llm)
        for kind, path in written.items():
            print(f"{kind}: {path}")
    if summary.failed:
        raise typer.Exit(EXIT_FAILED)
    if not used:
        err.print("[red]error:[/red] no usable article among the inputs")
        raise typer.Exit(EXIT_INPUT)


def _copies(n: int) -> str:
    """ "1 copy (counted once), " for the summary line; nothing when there are none."""
    return f"{n} {'copy' if n == 1 else 'copies'} (counted once), " if n else ""


def _settings(llm_url: str | None, llm_model: str, llm_mode: str) -> Settings:
    """Build settings; the API key is read from the environment here, never in the library."""
    if llm_mode not in ("merge", "replace"):
        err.print(f"[red]error:[/red] --llm-mode must be merge or replace, not {llm_mode!r}")
        raise typer.Exit(EXIT_USAGE)
    if not llm_url:
        return Settings()
    key_env = Settings.llm_api_key_env
    return Settings(llm_url=llm_url, llm_model=llm_model, llm_mode=llm_mode,
                    llm_api_key=os.environ.get(key_env))


def _report_llm(llm: LlmStats) -> None:
    """One line of LLM counts, then the first few fallbacks."""
    err.print(
        f"LLM: {llm.claims_kept} claims kept, {llm.ungrounded} ungrounded and "
        f"{llm.invalid} invalid dropped, {llm.duplicates} duplicates; "
        f"{llm.fallbacks} of {llm.articles} articles fell back to rule claims"
    )
    for line in llm.warnings[:5]:
        err.print(f"[yellow]warning:[/yellow] {line}")
    if llm.fallbacks > 5:
        err.print(f"... and {llm.fallbacks - 5} more articles fell back")
