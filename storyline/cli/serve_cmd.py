"""`storyline serve`: the FastAPI service over one store (OpenAPI docs at /docs)."""

from __future__ import annotations

from pathlib import Path

import typer

from storyline.cli.app import app
from storyline.cli.common import err, fail
from storyline.store import StoreError, open_store


@app.command()
def serve(
    store: Path = typer.Option(..., "--store", "-s", help="Store file (created if missing)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
) -> None:
    """Serve the story in STORE over HTTP: upload articles, timeline, evidence, report."""
    import uvicorn

    from storyline.web import create_app

    try:
        open_store(store).close()
    except StoreError as e:
        fail(str(e))
    err.print(f"serving {store} on http://{host}:{port} (API docs: /docs)")
    uvicorn.run(create_app(store), host=host, port=port, log_level="info")
