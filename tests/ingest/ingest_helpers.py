"""Small helpers for the ingest tests: read strings as articles, check the offset invariant."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from storyline.ingest.dating import date_articles, known_date
from storyline.ingest.html import _ENTITY
from storyline.ingest.read import read_articles
from storyline.model import Article
from storyline.settings import Settings


def write(tmp: Path, name: str, text: str | bytes) -> Path:
    path = tmp / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def read_one(tmp: Path, name: str, text: str | bytes, **settings) -> Article:
    """Write one file and read it back as the single Article it yields."""
    (art,) = read_articles([str(write(tmp, name, text))], Settings(**settings))
    return art


def removed_texts(art: Article) -> list[tuple[str, str]]:
    return [(r.kind, art.raw[r.start : r.end]) for r in art.removed]


def assert_offsets_kept(art: Article) -> None:
    """content is raw with some characters blanked to spaces: same length, newlines kept.

    Inside an HTML entity the decoded character stands in for the entity's text.
    """
    assert len(art.content) == len(art.raw)
    entity = set()
    if art.format == "html":
        for m in _ENTITY.finditer(art.raw):
            entity.update(range(m.start(), m.end()))
    for i, (c, r) in enumerate(zip(art.content, art.raw, strict=True)):
        assert c == r or (c == " " and r != "\n") or i in entity, (i, c, r)


def date_texts(
    texts: dict[str, str], known: dict[str, date] | None = None, today: date = date(2026, 1, 1)
) -> dict[str, Article]:
    """Date plain-text articles together (as ingest does); `known` gives stated dates."""
    arts = {k: Article(id=k, path=k, raw=t, content=t) for k, t in texts.items()}
    for k, day in (known or {}).items():
        arts[k].published = known_date(day, "header", "test")
    date_articles(list(arts.values()), today=today)
    return arts
