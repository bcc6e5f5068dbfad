"""Access control as pure ASGI middleware: Host allow-list on every request; on writes the
read-only switch, same-origin check, bearer token and refusal of cross-site "simple" requests.

Why each check (docs/frontdoors.md): a Host allow-list stops DNS rebinding (a page on
attacker.example resolving to 127.0.0.1 reads the story); Origin / Sec-Fetch-Site and the
simple-request rule stop a page in the user's browser from planting articles with a no-cors POST
(text/plain, form or multipart bodies need no CORS preflight, a custom header does); the token
says who may write at all.
"""

from __future__ import annotations

import hmac
import json
from typing import Any
from urllib.parse import urlsplit

from storyline.settings import ServiceSettings

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Content types a browser may send cross-site without a CORS preflight (Fetch standard,
# "CORS-safelisted request-header" Content-Type), plus no content type at all.
SIMPLE_TYPES = frozenset(
    {"", "text/plain", "multipart/form-data", "application/x-www-form-urlencoded"}
)
CLIENT_HEADER = "x-requested-with"  # any value: browsers never add it cross-site unasked


def split_host(value: str) -> str:
    """The host part of a Host header or netloc, lower case, without port, brackets or final dot."""
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        host = value[1:end] if end > 0 else value
    elif value.count(":") == 1:
        host = value.split(":", 1)[0]
    else:
        host = value  # a bare host, or an unbracketed IPv6 address
    return host.rstrip(".")


def host_allowed(host: str, allowed: list[str]) -> bool:
    """Whether `host` (from split_host) matches an entry: exact, "*.domain" or "*" (any)."""
    for entry in allowed:
        pattern = split_host(entry) if not entry.startswith("*") else entry.lower().rstrip(".")
        if pattern == "*" or pattern == host:
            return True
        if pattern.startswith("*.") and host.endswith(pattern[1:]):
            return True
    return False


async def _refuse(send: Any, status: int, message: str, extra: list | None = None) -> None:
    body = json.dumps({"detail": message}).encode()
    headers = [(b"content-type", b"application/json"),
               (b"content-length", str(len(body)).encode())] + (extra or [])  # fmt: skip
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """ASGI middleware applying a `ServiceSettings` before the app sees a request."""

    def __init__(self, app: Any, service: ServiceSettings) -> None:
        self.app, self.service = app, service
        self.origins = {o.strip().rstrip("/").lower() for o in service.allowed_origins}

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers") or []}  # fmt: skip
        refusal = self.check(scope["method"], headers)
        if refusal is None:
            await self.app(scope, receive, send)
            return
        status, message = refusal
        extra = [(b"www-authenticate", b'Bearer realm="storyline"')] if status == 401 else None
        await _refuse(send, status, message, extra)

    def check(self, method: str, headers: dict[str, str]) -> tuple[int, str] | None:
        """(status, message) refusing the request, or None to let it through."""
        host = split_host(headers.get("host", ""))
        if not host or not host_allowed(host, self.service.allowed_hosts):
            return 400, (f"host {headers.get('host', '')!r} is not served here: allowed hosts "
                         f"are {', '.join(self.service.allowed_hosts)} (storyline serve "
                         "--allow-host NAME)")  # fmt: skip
        if method.upper() in SAFE_METHODS:
            return None
        if self.service.read_only:
            return 403, "this service is read-only: writes are refused"
        cross = self._cross_site(headers)
        if cross:
            return 403, f"cross-site write refused ({cross})"
        given = headers.get("authorization", "")
        if self.service.token is not None:
            scheme, _, value = given.partition(" ")
            ok = scheme.lower() == "bearer" and hmac.compare_digest(
                value.strip().encode("utf-8", "replace"), self.service.token.encode("utf-8")
            )
            if not ok:
                wrong = " (the one sent is wrong)" if given else ""
                return 401, f"a write needs the header 'Authorization: Bearer TOKEN'{wrong}"
            return None
        ctype = headers.get("content-type", "").split(";")[0].strip().lower()
        # past _cross_site, an Origin header (browsers send it on every POST) is this service's
        site = headers.get("sec-fetch-site", "").strip().lower()
        same = headers.get("origin") is not None or site == "same-origin"
        if ctype in SIMPLE_TYPES and not (given or headers.get(CLIENT_HEADER) or same):
            return 403, (f"a {ctype or 'typeless'} write needs an 'X-Requested-With' header (any "
                         "value) or a token: browsers send such requests cross-site without "
                         "asking")  # fmt: skip
        return None

    def _cross_site(self, headers: dict[str, str]) -> str | None:
        """Why the request comes from another site; None if same-origin or not from a browser."""
        origin = headers.get("origin")
        if origin is not None:
            norm = origin.strip().rstrip("/").lower()
            if norm in self.origins:
                return None
            netloc = urlsplit(norm).netloc if "://" in norm else ""
            if not netloc or netloc != headers.get("host", "").strip().lower():
                return f"Origin {origin!r} is not this service"
            return None
        site = headers.get("sec-fetch-site", "").strip().lower()
        if site in ("cross-site", "same-site"):
            return f"Sec-Fetch-Site: {site}"
        return None
