"""Placeholder for the claims component (filled in by its issue)."""

from storyline.nlp.pipeline import COMPONENTS


@COMPONENTS.register("claims")
def claims(doc, article, analysis) -> None:
    return None
