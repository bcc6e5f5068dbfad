"""Placeholder for the quantities component (filled in by its issue)."""

from storyline.nlp.pipeline import COMPONENTS


@COMPONENTS.register("quantities")
def quantities(doc, article, analysis) -> None:
    return None
