"""`storyline serve`: the FastAPI service over one store (OpenAPI docs at /docs)."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

import typer

from storyline.cli.app import EXIT_USAGE, app
from storyline.cli.common import err, fail, store_failed
from storyline.settings import LOOPBACK_HOSTS, ServiceSettings
from storyline.store import StoreError, open_store


def is_loopback(host: str) -> bool:
    """Whether an interface or Host name only reaches this machine (127.0.0.0/8, ::1, localhost)."""
    host = host.strip().strip("[]").lower().rstrip(".")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    store: Path = typer.Option(..., "--store", "-s", help="Store file (created if missing)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    read_only: bool = typer.Option(False, "--read-only", help="Refuse every write (403)."),
    allow_host: list[str] = typer.Option(
        [], "--allow-host", help="Host header to accept besides loopback (repeatable; "
        "'*.example.org' for subdomains, '*' for any)."),
    allow_origin: list[str] = typer.Option(
        [], "--allow-origin", help="Origin (https://site) allowed to write from a browser "
        "besides the service's own (repeatable)."),
    max_records: int = typer.Option(1000, "--max-records", min=1,
                                    help="Records (or files) per upload; more gets 413."),
    story_id: str | None = typer.Option(None, "--story", help="The feed's story that "
                                        "/stories/default serves (default: the whole store's; "
                                        "every story is at /stories/ID)."),
) -> None:  # fmt: skip
    """Serve the story in STORE over HTTP: upload articles, timeline, evidence, report.

    Writes need 'Authorization: Bearer TOKEN' when STORYLINE_TOKEN is set.
    Without a token it serves writable on loopback only (else give --read-only).
    """
    import uvicorn

    from storyline.web import create_app

    service = ServiceSettings(read_only=read_only, allowed_origins=list(allow_origin),
                              max_records=max_records)  # fmt: skip
    service.allowed_hosts = list(LOOPBACK_HOSTS) + list(allow_host)
    service.token = os.environ.get(service.token_env) or None
    exposed = [h for h in [host, *allow_host] if not is_loopback(h)]
    if exposed and service.token is None and not read_only:
        fail(f"refusing to serve writable without a token beyond loopback ({', '.join(exposed)}):"
             f" set {service.token_env} or pass --read-only", EXIT_USAGE)  # fmt: skip
    try:
        open_store(store).close()
        if story_id is not None:
            from storyline.api import stories

            if story_id not in {f.id for f in stories(store)}:
                fail(f"no story {story_id!r} in {store} (`storyline stories {store}` lists them)")
    except StoreError as e:
        store_failed(e)
    mode = "read-only" if read_only else (
        f"writes need the {service.token_env} token" if service.token
        else "writable from this machine, no token")  # fmt: skip
    err.print(f"serving {store} on http://{host}:{port} (API docs: /docs); {mode}; hosts "
              f"{', '.join(service.allowed_hosts)}", highlight=False, soft_wrap=True)  # fmt: skip
    uvicorn.run(create_app(store, service=service, default_story=story_id), host=host, port=port,
                log_level="info")
