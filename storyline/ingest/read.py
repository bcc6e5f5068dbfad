"""Read input paths into Articles (placeholder until the ingest issue lands)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from storyline.model import Article
from storyline.settings import Settings


def read_articles(paths: list[str], settings: Settings) -> list[Article]:
    out = []
    for p in paths:
        path = Path(p)
        files = sorted(path.rglob("*.txt")) if path.is_dir() else [path]
        for f in files:
            raw = f.read_text(encoding="utf-8")
            aid = "a" + hashlib.sha256(raw.encode()).hexdigest()[:10]
            out.append(Article(id=aid, path=str(f), raw=raw, content=raw))
    return out
