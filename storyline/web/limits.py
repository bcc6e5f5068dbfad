"""Refuse request bodies over a size limit with 413, before anything reads them whole."""

from __future__ import annotations

import json
from typing import Any


class _TooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware: 413 when Content-Length, or the bytes actually sent, exceed the limit."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await self._refuse(send)
            return
        seen = 0
        started = False

        async def counted() -> dict:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracking_send(message: dict) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Any) -> None:
        body = json.dumps({"detail": f"request body larger than {self.max_bytes} bytes"}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})  # fmt: skip
        await send({"type": "http.response.body", "body": body})


def count_records(name: str, data: bytes) -> int:
    """How many articles the reader will make of one upload (a .json list or .jsonl file holds
    one per record), counted cheaply so an oversized batch is refused before any reading."""
    from storyline.ingest.formats import SUFFIXES, sniff_format

    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    fmt = SUFFIXES.get(suffix) or sniff_format(data[:4096].decode("utf-8", "replace"))
    if fmt not in ("json", "jsonl"):
        return 1
    text = data.decode("utf-8", "replace")
    if fmt == "jsonl":
        return sum(1 for line in text.splitlines() if line.strip())
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError):
        return 1  # the reader reports it as one unusable input
    if isinstance(parsed, dict) and isinstance(parsed.get("articles"), list):
        parsed = parsed["articles"]
    return len(parsed) if isinstance(parsed, list) else 1
