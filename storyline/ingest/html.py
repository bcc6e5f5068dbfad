"""HTML input: blank markup and boilerplate so only the main text shows, offsets unchanged.

trafilatura decides which text is the article (it is good at that); we then walk the raw
HTML ourselves so every kept character stays at its raw offset. Entities are shown as
their character followed by spaces ("&amp;" -> "&    ").
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, field
from datetime import date

import htmldate
import trafilatura

from storyline.ingest.blank import Blanker
from storyline.ingest.datetext import parse_date_string
from storyline.ingest.wordset import wordset

_TAG = re.compile(
    r"<!--.*?-->|<(script|style|noscript|template|svg|iframe)\b[^>]*>.*?</\1\s*>"
    r"|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?[^>]*>|<(/?)([A-Za-z][\w:-]*)[^>]*>",
    re.DOTALL | re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_SPACE = re.compile(r"\s+")
# Containers whose text is never article text.
SKIP = wordset("head nav header footer aside form button select title")
# Tags that end a block of text (a paragraph-like unit compared with trafilatura's output).
BLOCK = wordset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol blockquote figcaption figure article section main br"
    " td th tr table pre dd dt dl hr body html"
)
VOID = wordset("br hr img meta link input source area base col embed wbr")


@dataclass
class HtmlPage:
    """What an HTML page yields: metadata plus the blanked content."""

    title: str | None = None
    site_name: str | None = None
    url: str | None = None
    published: date | None = None
    main_found: bool = False
    blanker: Blanker | None = None
    text_blocks: list[tuple[int, int]] = field(default_factory=list)


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _blocks(raw: str, blanker: Blanker) -> list[list[tuple[int, int]]]:
    """Blank all markup; return text segments grouped into blocks (SKIP containers dropped)."""
    blocks: list[list[tuple[int, int]]] = [[]]
    skip_depth = 0
    pos = 0
    for m in _TAG.finditer(raw):
        if m.start() > pos:
            if skip_depth:
                blanker.blank(pos, m.start(), "boilerplate")
            else:
                blocks[-1].append((pos, m.start()))
        blanker.blank(m.start(), m.end(), "markup")
        pos = m.end()
        name = (m.group(3) or "").lower()
        closing = m.group(2) == "/"
        if name in SKIP and not m.group(0).endswith("/>") and name not in VOID:
            skip_depth = max(0, skip_depth + (-1 if closing else 1))
        if name in BLOCK or name in SKIP:
            blocks.append([])
    if pos < len(raw):
        blocks[-1].append((pos, len(raw)))
    return [b for b in blocks if b]


def _decoded(raw: str, segments: list[tuple[int, int]]) -> str:
    return _normal(" ".join(htmllib.unescape(raw[s:e]) for s, e in segments))


def _show_entities(raw: str, blanker: Blanker, start: int, end: int) -> None:
    for m in _ENTITY.finditer(raw, start, end):
        blanker.substitute(m.start(), m.end(), htmllib.unescape(m.group()))


def _meta(raw: str) -> tuple[str | None, str | None, str | None]:
    meta = trafilatura.extract_metadata(raw)
    if meta is None:
        return None, None, None
    return meta.title, meta.sitename, meta.url


def _published(raw: str) -> date | None:
    found = htmldate.find_date(raw, extensive_search=False, original_date=True)
    return parse_date_string(found) if found else None


def read_html(raw: str) -> HtmlPage:
    """Blank everything but the main text of an HTML page and collect its metadata."""
    blanker = Blanker(raw)
    page = HtmlPage(blanker=blanker)
    page.title, page.site_name, page.url = _meta(raw)
    page.published = _published(raw)
    main = trafilatura.extract(raw, include_comments=False, include_tables=True)
    main_text = _normal(main) if main else ""
    page.main_found = bool(main_text)
    for segments in _blocks(raw, blanker):
        text = _decoded(raw, segments)
        if not text:
            continue
        keep = not main_text or text in main_text
        for s, e in segments:
            if keep:
                _show_entities(raw, blanker, s, e)
                page.text_blocks.append((s, e))
            else:
                blanker.blank(s, e, "boilerplate")
    return page
