"""The storage interface every backend implements (SQLite now; PostgreSQL can follow).

A store holds one story: its articles (raw text verbatim), one analysis per article as the nlp
stage produced it, and the story built from all of them. Every row carries the pipeline version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from storyline.ingest.dedupe import Signature
from storyline.model import Article, ArticleAnalysis, Story


class StoreError(Exception):
    """The store cannot be used: missing, not a storyline store, or a newer format."""


class StoreUnusable(StoreError):
    """The store file is there but cannot be read or written: corrupt or truncated, read-only,
    its folder missing, or its disk full (SQLite's error, in words)."""


@dataclass
class StoredArticle:
    """An article as stored: the Article, its content hash and whether its analysis failed."""

    article: Article
    content_hash: str
    failed: bool = False
    pipeline_version: str = ""


@runtime_checkable
class StoryStore(Protocol):
    """Persistence for one story. Each write method is one transaction."""

    path: str

    def find_article(self, article_id: str, content_hash: str) -> StoredArticle | None:
        """The stored article with this id or this exact raw text, if any."""

    def articles(self) -> list[StoredArticle]:
        """Every stored article, in the order it was first added (raw text included)."""

    def signatures(self, stored: list[StoredArticle]) -> dict[str, Signature]:
        """MinHash signatures of these articles: kept ones read back, new ones computed, kept."""

    def analyses(self) -> dict[str, ArticleAnalysis]:
        """Fresh analysis objects by article id (safe for the story stage to mutate)."""

    def add_article(
        self, article: Article, analysis: ArticleAnalysis | None, *, failed: bool = False
    ) -> None:
        """Add or replace one article and its analysis, atomically."""

    def revision(self) -> int:
        """The analyses generation, bumped by every article write."""

    def replace_story(self, story: Story, built_from: int | None = None) -> bool:
        """Replace the built story (and the articles' duplicate marks) atomically; with
        `built_from`, only if the revision is still that one (else False: rebuild)."""

    def load_story(self) -> Story | None:
        """The stored story with its articles' raw text, or None before the first build."""

    def info(self) -> dict[str, Any]:
        """Counts, versions and whether the story is older than the articles."""

    def close(self) -> None: ...
