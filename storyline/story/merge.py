"""Merge claims into events (placeholder until the story issue lands)."""

from __future__ import annotations

from storyline.model import Article, ArticleAnalysis, Entity, Event


def merge_claims(
    articles: list[Article], analyses: list[ArticleAnalysis], entities: list[Entity]
) -> list[Event]:
    return []
