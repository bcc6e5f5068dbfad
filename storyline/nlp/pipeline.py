"""Run the bundled spaCy model once per article, then storyline's components over each Doc.

Components are small functions registered by name (`COMPONENTS`), run in the order the
settings list them; each reads the Doc and the Article and adds to the ArticleAnalysis.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc

from storyline.model import Article, ArticleAnalysis
from storyline.nlp.budget import check_budget
from storyline.registry import Registry
from storyline.settings import Settings

COMPONENTS = Registry("nlp component")
Component = Callable[[Doc, Article, ArticleAnalysis], None]


@functools.lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load an installed spaCy model package by name; never downloads."""
    import importlib

    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        raise RuntimeError(
            f"spaCy model package {name!r} is not installed; "
            "install the project (make demo) to get the bundled one"
        ) from exc
    return module.load()


@COMPONENTS.register("sentences")
def sentences(doc: Doc, article: Article, analysis: ArticleAnalysis) -> None:
    """Sentence spans from the parser, trimmed of surrounding blanks."""
    for sent in doc.sents:
        text = sent.text
        if not text.strip():
            continue
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.end_char - (len(text) - len(text.rstrip()))
        analysis.sentences.append((start, end))


def ensure_registered() -> None:
    """Import the component modules, which registers them in COMPONENTS."""
    from storyline.nlp import claims, entities, quantities, timex  # noqa: F401
    from storyline.nlp.llm import component  # noqa: F401  # "llm_claims"


def analyze_doc(doc: Doc, article: Article, settings: Settings) -> ArticleAnalysis:
    """Run storyline's components over one parsed article (within the time budget, if one is
    running: storyline/nlp/budget.py)."""
    ensure_registered()
    analysis = ArticleAnalysis(article=article.id)
    for name in settings.components:
        check_budget()
        component = COMPONENTS.get(name)
        if getattr(component, "needs_settings", False):  # e.g. llm_claims: server, model
            component(doc, article, analysis, settings)
        else:
            component(doc, article, analysis)
    return analysis


def analyze(
    articles: Iterable[Article],
    settings: Settings,
    progress: Callable[[int], None] | None = None,
) -> list[ArticleAnalysis]:
    """Parse every article with spaCy and run the components over each Doc, on the executor
    `settings.executor` ("local": batched, parsing in background processes when settings say
    so; "ray": on Ray workers). Raises RuntimeError naming the first article that failed."""
    from storyline.nlp.executors import counting, run

    out = []
    for article, analysis, error in run(list(articles), settings, counting(progress)):
        if analysis is None:
            raise RuntimeError(f"analysis of article {article.id} ({article.path}) failed: {error}")
        out.append(analysis)
    return out
