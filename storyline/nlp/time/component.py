"""The "timex" component: fills `analysis.timexes` from storyline's own temporal tagger.

The tagger lives in `storyline.nlp.time`; `tag_doc` and `tag_text` are its public calls.
"""

from __future__ import annotations

from spacy.tokens import Doc

from storyline.model import Article, ArticleAnalysis
from storyline.nlp.pipeline import COMPONENTS
from storyline.nlp.time.tagger import tag_doc, tag_text, value_to_time

__all__ = ["tag_doc", "tag_text", "timex", "value_to_time"]


@COMPONENTS.register("timex")
def timex(doc: Doc, article: Article, analysis: ArticleAnalysis) -> None:
    """Tag and normalise every time expression against the article's publication date."""
    analysis.dct = article.published
    analysis.timexes.extend(tag_doc(doc, article.published, article.id))
