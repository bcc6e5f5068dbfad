"""Turn input bytes into text: detect the encoding and refuse binary data, with a reason."""

from __future__ import annotations

from charset_normalizer import from_bytes

_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes, in the first 8 KB mean this is not text."""
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return bool(head) and controls / len(head) > 0.1


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Return (text, None) or (None, reason). UTF-8 first, else charset-normalizer's best guess."""
    if looks_binary(data):
        return None, "binary file (not text)"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        return None, "could not detect a text encoding"
    return str(best), None
