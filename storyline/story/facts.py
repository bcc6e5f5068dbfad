"""Facts pinned by arithmetic (placeholder until the entities issue lands)."""

from __future__ import annotations

from storyline.model import Article, ArticleAnalysis, Entity, Fact


def derive_facts(
    articles: list[Article], analyses: list[ArticleAnalysis], entities: list[Entity]
) -> list[Fact]:
    return []
