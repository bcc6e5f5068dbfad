"""Cross-article entity linking (placeholder until the entities issue lands)."""

from __future__ import annotations

from storyline.model import Article, ArticleAnalysis, Entity, Relation


def link_entities(articles: list[Article], analyses: list[ArticleAnalysis]) -> list[Entity]:
    """Merge per-article entities into global ones; rewrite local ids in the analyses."""
    return [e for a in analyses for e in a.entities]


def merge_relations(analyses: list[ArticleAnalysis]) -> list[Relation]:
    return [r for a in analyses for r in a.relations]
