"""Blank page furniture out of an article while keeping every sentence of the article itself.

Rules run in registry order on the current content (raw with earlier blanks applied); each
blanks whole lines or tokens it is sure about and records the span with its kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.ingest.blank import Blanker
from storyline.ingest.dateline import find_dateline
from storyline.ingest.furniture import (
    BYLINE,
    BYLINE_LINES,
    IMAGE_LINE_NEEDS,
    IMAGE_TOKEN,
    INLINE_CREDIT,
    LINE_PATTERNS,
    TAIL_FROM,
    TAIL_MARKER,
    TOKEN,
    UI_FRAGMENT,
    UI_FRAGMENT_WORDS,
    WIRE_DATELINE,
)
from storyline.ingest.lines import iter_lines
from storyline.ingest.title import find_headline, title_words
from storyline.registry import Registry


@dataclass
class Page:
    """An article being cleaned: the blanker and what earlier rules learned."""

    blanker: Blanker
    title: str | None = None
    title_start: int | None = None


FURNITURE = Registry("furniture rule")


@FURNITURE.register("lines")
def blank_furniture_lines(page: Page) -> None:
    """Whole lines that match a furniture pattern (navigation, embeds, credits, promos)."""
    for line in iter_lines(page.blanker.content):
        n_words = len(line.text.split())
        for kind, pattern, max_words in LINE_PATTERNS:
            if n_words <= max_words and pattern.fullmatch(line.text):
                page.blanker.blank(line.start, line.end, kind)
                break


@FURNITURE.register("ui_fragments")
def blank_ui_fragments(page: Page) -> None:
    """Short all-caps lines with no sentence punctuation whose words the article never uses
    as names elsewhere: page interface text ("LOADING ERROR"), never an outlet or entity."""
    content = page.blanker.content
    shaped = [line for line in iter_lines(content)
              if len(line.text.split()) <= UI_FRAGMENT_WORDS and UI_FRAGMENT.fullmatch(line.text)
              and (page.title is None or line.text != page.title.strip())]
    rest = list(content)
    for line in shaped:  # the words of other such lines ("PLAYBACK ERROR") are no evidence
        rest[line.start : line.end] = " " * (line.end - line.start)
    text = "".join(rest)
    for line in shaped:
        words = [w for w in line.text.split() if sum(map(str.isalpha, w)) >= 2]
        if not any(_named_elsewhere(w, text) for w in words):
            page.blanker.blank(line.start, line.end, "ui_fragment")


def _named_elsewhere(word: str, text: str) -> bool:
    """The word written as a name in `text`: in capitals, or capitalised mid-sentence."""
    core = re.escape(word.strip("&'’/-"))
    if not core:
        return False
    if re.search(rf"(?<![\w'’-]){core}(?![\w'’-])", text):  # "NASA", "APPLE"
        return True
    title = re.escape(word.strip("&'’/-").capitalize())
    return bool(re.search(rf"(?<=[\w,;:)] ){title}(?![\w-])", text))


@FURNITURE.register("image_names")
def blank_image_names(page: Page) -> None:
    """Lines made only of image file names or agency photo ids."""
    for line in iter_lines(page.blanker.content):
        tokens = line.text.split()
        if all(IMAGE_TOKEN.fullmatch(t) and IMAGE_LINE_NEEDS.search(t) for t in tokens):
            page.blanker.blank(line.start, line.end, "image_name")


@FURNITURE.register("tokens")
def blank_tracking_tokens(page: Page) -> None:
    """Long base64-like runs with mixed case and digits, wherever they are."""
    for m in TOKEN.finditer(page.blanker.content):
        t = m.group()
        if (
            any(c.isdigit() for c in t)
            and any(c.isupper() for c in t)
            and any(c.islower() for c in t)
        ):
            page.blanker.blank(m.start(), m.end(), "tracking_token")


@FURNITURE.register("inline_credits")
def blank_inline_credits(page: Page) -> None:
    """ "(Photo: Agency)" inside a line."""
    for m in INLINE_CREDIT.finditer(page.blanker.content):
        page.blanker.blank(m.start(), m.end(), "photo_credit")


@FURNITURE.register("byline")
def blank_bylines(page: Page) -> None:
    """ "By Dana Whitlock" near the top."""
    for n, line in enumerate(iter_lines(page.blanker.content)):
        if n >= BYLINE_LINES:
            break
        if BYLINE.fullmatch(line.text):
            page.blanker.blank(line.start, line.end, "byline")


@FURNITURE.register("dateline")
def blank_dateline(page: Page) -> None:
    """ "Feb. 23 2024, Published 1:19 p.m. ET": metadata, read by dating, not article text."""
    found = find_dateline(page.blanker.content)
    if found:
        page.blanker.blank(found.start, found.end, "dateline")


@FURNITURE.register("wire_dateline")
def blank_wire_datelines(page: Page) -> None:
    """ "TOKYO (Jiji Press)--" before a paragraph: place and agency, never part of a name."""
    for m in WIRE_DATELINE.finditer(page.blanker.content):
        if m.group().strip(" -—–").isupper() or "(" in m.group():
            page.blanker.blank(m.start(), m.end(), "dateline")


@FURNITURE.register("tail")
def blank_promo_tail(page: Page) -> None:
    """From a marker like "More Articles" late in the page to the end: promotion."""
    content = page.blanker.content
    total = len(content.strip()) or 1
    for line in iter_lines(content):
        if TAIL_MARKER.fullmatch(line.text):
            if line.start / total >= TAIL_FROM:
                page.blanker.blank(line.start, len(content), "promo")
                return
            page.blanker.blank(line.start, line.end, "promo")


@FURNITURE.register("title")
def find_title(page: Page) -> None:
    """Not a blanking rule: note the headline, which the caption rules compare against."""
    head = find_headline(page.blanker.content)
    if head and page.title is None:
        page.title, page.title_start = head.text, head.start
    elif head:
        page.title_start = head.start


@FURNITURE.register("headline_captions")
def blank_headline_captions(page: Page) -> None:
    """Lower-case lines that repeat the headline's words: image captions/alt text."""
    if not page.title:
        return
    words = title_words(page.title)
    for line in iter_lines(page.blanker.content):
        if line.start == page.title_start or any(c.isupper() for c in line.text):
            continue
        mine = title_words(line.text)
        if len(mine) >= 4 and len(mine & words) / len(mine) >= 0.8:
            page.blanker.blank(line.start, line.end, "caption")


@FURNITURE.register("credit_captions")
def blank_credit_captions(page: Page) -> None:
    """A short, unpunctuated line directly above a photo credit is that photo's caption."""
    credits = {s.start for s in page.blanker.spans if s.kind == "photo_credit"}
    previous = None
    for line in iter_lines(page.blanker.raw):
        if (
            line.start in credits
            and previous is not None
            and previous.index == line.index - 1
            and previous.start != page.title_start
            and len(previous.text.split()) <= 12
            and not previous.text.endswith((".", "!", "?", ":", '"', "”"))
        ):
            page.blanker.blank(previous.start, previous.end, "caption")
        previous = line


def clean(blanker: Blanker, title: str | None = None) -> Page:
    """Run every furniture rule in order; `title` is a known headline (HTML/JSON metadata)."""
    page = Page(blanker, title)
    for name in FURNITURE.names():
        FURNITURE.get(name)(page)
    return page
