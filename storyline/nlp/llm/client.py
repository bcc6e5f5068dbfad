"""A tiny OpenAI-compatible chat-completions client on urllib (no extra runtime dependency)."""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})


class LlmError(RuntimeError):
    """The server could not be reached, timed out, or answered something unusable."""


@dataclass
class ChatClient:
    """POSTs to `{base_url}/chat/completions`; the key, when given, goes in a Bearer header."""

    base_url: str
    model: str
    timeout: float = 60.0
    api_key: str | None = field(default=None, repr=False)
    json_mode: bool = True  # ask for response_format json_object; dropped if the server balks

    def complete(self, messages: list[dict[str, str]]) -> str:
        """The assistant message's text for `messages` at temperature 0."""
        body: dict = {"model": self.model, "messages": messages, "temperature": 0}
        if self.json_mode:
            body["response_format"] = {"type": "json_object"}
        try:
            reply = self._post(body)
        except LlmError as exc:
            if not (self.json_mode and "HTTP 400" in str(exc)):
                raise
            self.json_mode = False  # some servers reject response_format: ask plainly instead
            del body["response_format"]
            reply = self._post(body)
        try:
            content = reply["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError) as exc:
            raise LlmError(f"reply is not a chat completion: {str(reply)[:200]}") from exc
        if not isinstance(content, str):
            raise LlmError("reply message has no text content")
        return content

    def _post(self, body: dict) -> dict:
        url = self.base_url.rstrip("/") + "/chat/completions"
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(
            url, data=json.dumps(body).encode("utf-8"), headers=headers, method="POST"
        )
        try:
            with _opener(url).open(request, timeout=self.timeout) as response:
                data = response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:200].decode("utf-8", "replace")
            raise LlmError(f"HTTP {exc.code} from {url}: {detail}") from exc
        except (http.client.HTTPException, OSError) as exc:  # refused, reset, timed out
            reason = getattr(exc, "reason", exc)
            raise LlmError(f"cannot reach {url}: {reason}") from exc
        try:
            return json.loads(data)
        except (ValueError, UnicodeDecodeError) as exc:
            raise LlmError(f"reply from {url} is not JSON: {data[:200]!r}") from exc


def _opener(url: str) -> urllib.request.OpenerDirector:
    """A server on this machine is reached directly, never through an environment proxy."""
    if (urlsplit(url).hostname or "") in LOOPBACK:
        return urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener()
