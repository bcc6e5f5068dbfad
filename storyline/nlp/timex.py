"""Placeholder for the timex component (filled in by its issue)."""

from storyline.nlp.pipeline import COMPONENTS


@COMPONENTS.register("timex")
def timex(doc, article, analysis) -> None:
    return None
