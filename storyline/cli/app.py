"""The typer app and its registration of command modules."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="storyline",
    help="Turn news articles about one story into an evidence-backed timeline.",
    no_args_is_help=True,
    add_completion=False,
)

eval_app = typer.Typer(help="Score storyline against benchmark data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@app.callback()
def _root() -> None:
    """storyline: news articles in, evidence-backed timeline out."""


# Exit codes that mean something to a script.
EXIT_OK, EXIT_USAGE, EXIT_INPUT, EXIT_FAILED = 0, 2, 3, 1
EXIT_STORE = 4  # the store is unusable: corrupt or truncated, read-only, folder missing


def _register() -> None:
    from storyline.cli import (  # noqa: F401
        build_cmd,
        entity_cmds,
        eval_attribution_cmds,
        eval_cmds,
        eval_ecb_cmds,
        eval_factuality_cmds,
        eval_meantime_cmds,
        eval_stories_cmds,
        eval_timeline_cmds,
        eval_tlinks_cmds,
        serve_cmd,
        store_cmds,
        timex_cmds,
    )


def main() -> None:
    _register()
    app()
