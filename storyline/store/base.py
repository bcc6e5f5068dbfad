"""The storage interface every backend implements (SQLite now; PostgreSQL can follow).

A store holds a feed: its articles (raw text verbatim), one analysis per article as the nlp
stage produced it, the stories the articles were clustered into (each with its own built story,
storyline/feed.py) and the story built from all of them. Every row carries the pipeline version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from storyline.ingest.dedupe import Signature
from storyline.model import Article, ArticleAnalysis, FeedStory, Story
from storyline.settings import Settings
from storyline.story.clusters import Signals


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

    def articles(self, ids: list[str] | None = None) -> list[StoredArticle]:
        """Every stored article (or those with `ids`), in the order first added (raw text
        included)."""

    def signatures(self, stored: list[StoredArticle]) -> dict[str, Signature]:
        """MinHash signatures of these articles: kept ones read back, new ones computed, kept."""

    def kept_signatures(self, stored: list[StoredArticle]) -> dict[str, Signature]:
        """The kept signatures of these articles, writing nothing (readers, workers)."""

    def analyses(self, ids: list[str] | None = None) -> dict[str, ArticleAnalysis]:
        """Fresh analysis objects by article id, of every article or of those with `ids`
        (safe for the story stage to mutate)."""

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

    # The feed's stories (storyline/store/stories.py), each write one transaction.
    def unclustered(self) -> list[str]:
        """Ids of usable articles no story holds yet, in the order stored."""

    def cluster(self, sig: Signals, settings: Settings) -> tuple[str, list[str]]:
        """One online-clustering add: (story id, ids of the stories merged into it)."""

    def cluster_all(self, sigs: list[Signals], settings: Settings) -> list[tuple[str, list[str]]]:
        """`cluster` for each of `sigs` in turn, in one transaction."""

    def story_members(self, story_id: str) -> tuple[int, list[str]] | None:
        """(membership revision, article ids) of a story; None for an unknown id."""

    def stale_stories(self, own: bool = True) -> list[str]:
        """Stories whose built Story is missing or older than their articles."""

    def replace_feed_story(self, story_id: str, story: Story | None, built_from: int) -> bool:
        """Store one story's Story if its articles are still revision `built_from`."""

    def load_feed_story(self, story_id: str) -> Story | None:
        """One story's own built Story, None when it has none."""

    def feed_stories(self) -> list[FeedStory]:
        """Every story of the feed, largest first."""

    def feed_totals(self) -> dict[str, int]:
        """Stories and their summed sizes and counts."""

    def close(self) -> None: ...
