"""The optional first line ` date YYYY-MM-DD Outlet` of a scraped .txt file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_HEADER = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*([^\n]*)")
# An outlet name is short, has no sentence punctuation and does not go on like a sentence.
_OUTLET_NAME = re.compile(r"^[^\W\d_][\w&!'’ .-]{0,58}$")
_MAX_OUTLET_WORDS = 6


@dataclass
class Header:
    """What the header line says, and how much of the text it occupies."""

    published: date | None
    outlet: str | None
    end: int  # end offset of the part to blank (the whole line, or only " date YYYY-MM-DD")


def looks_like_outlet(text: str) -> bool:
    """A few words without sentence punctuation: "OK Magazine", not "Natalie (42) has ..."."""
    text = text.strip()
    return (
        bool(_OUTLET_NAME.match(text))
        and len(text.split()) <= _MAX_OUTLET_WORDS
        and not text.endswith(".")
    )


def parse_header(raw: str) -> Header | None:
    """Parse the header line if there is one; the date alone when the rest is article text."""
    m = _HEADER.match(raw)
    if not m:
        return None
    try:
        published: date | None = date.fromisoformat(m.group(1))
    except ValueError:
        published = None
    rest = m.group(2).strip()
    if rest and looks_like_outlet(rest):
        return Header(published, rest, m.end(2))
    return Header(published, None, m.end(1))
