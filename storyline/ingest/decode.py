"""Turn input bytes into text: detect the encoding and refuse binary data, with a reason."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))
# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes, in the first 8 KB mean this is not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return bool(head) and controls / len(head) > 0.1


def _wide_encoding(data: bytes) -> str | None:
    """A UTF-16/32 encoding from a byte-order mark, or UTF-16 without one when every other
    byte of mostly-ASCII text is NUL."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    head = data[:8192]
    pairs = len(head) // 2
    if pairs < 8:
        return None
    odd_nul = head[1::2].count(0) / pairs
    even_nul = head[0::2].count(0) / pairs
    if odd_nul > 0.6 and even_nul < 0.1:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.1:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Return (text, None) or (None, reason). A byte-order mark (or UTF-16's NUL pattern)
    decides first, then UTF-8, else charset-normalizer's best guess; binary data is refused."""
    wide = _wide_encoding(data)
    if wide:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError:
            return None, f"looks like {wide} but does not decode as it"
        return (None, "binary file (not text)") if looks_binary(text.encode()) else (text, None)
    if looks_binary(data):
        return None, "binary file (not text)"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        return None, "could not detect a text encoding"
    western = _western(data)
    if western is not None and mess_ratio(western) <= best.chaos + WESTERN_SLACK:
        return western, None
    return str(best), None


# How much messier (charset-normalizer's mess ratio, 0..1) Windows-1252 may read than the
# detector's guess and still win: on short Latin text the detector often picks a rarer code
# page (cp775, cp1250) that reads no better ("José Núñez" as "Josķ N·±ez").
WESTERN_SLACK = 0.01


def _western(data: bytes) -> str | None:
    """The bytes as Windows-1252 (what the web means by "latin-1"), else as ISO-8859-1."""
    for encoding in ("cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None
