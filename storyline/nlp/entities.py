"""Placeholder for the entities component (filled in by its issue)."""

from storyline.nlp.pipeline import COMPONENTS


@COMPONENTS.register("entities")
def entities(doc, article, analysis) -> None:
    return None
