"""Persistence: one interface (`StoryStore`), one SQLite file by default."""

from __future__ import annotations

from pathlib import Path

from storyline.store.base import StoredArticle, StoreError, StoreUnusable, StoryStore
from storyline.store.sqlite import SQLiteStore, content_hash


def open_store(path: str | Path, *, create: bool = True) -> SQLiteStore:
    """Open (or create) the store at `path`; raises StoreError when it is not one."""
    return SQLiteStore(path, create=create)


__all__ = [
    "SQLiteStore", "StoreError", "StoreUnusable", "StoredArticle", "StoryStore", "content_hash",
    "open_store",
]
