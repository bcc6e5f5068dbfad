"""Run the bundled spaCy model once per article, then storyline's components over each Doc.

The components are spaCy pipeline components (`storyline/nlp/components.py`), described by one
spaCy config shipped with the package (`pipeline.cfg`, read by `pipeline_config`);
`Settings.components` selects and orders them. `analyze_doc` runs them as pipes over a Doc the
model parsed, checking the time budget between two; `add_pipes` adds them to any Language, so
`nlp(text)` on the bundled model gives the same results on `doc.spans` and `doc._`.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Config

from storyline.model import Article, ArticleAnalysis
from storyline.nlp.budget import check_budget
from storyline.nlp.doc_text import doc_text
from storyline.registry import Registry
from storyline.settings import Settings

CONFIG_PATH = Path(__file__).with_name("pipeline.cfg")
PREFIX = "storyline_"  # "timex" in Settings.components is the component storyline_timex
FIRST = "storyline_article"  # always runs first: puts the Article and its analysis on the Doc
# The mechanism of each component by its short name: fn(doc, article, analysis, **options)
# adds to the analysis. storyline/nlp/components.py gives each its spaCy component; a function
# registered here that the config does not list runs as a plain storyline_function component.
COMPONENTS = Registry("nlp component")
Component = Callable[..., None]


@functools.lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load an installed spaCy model package by name (never downloads), with storyline's
    line-break boundaries in front of its parser (storyline/nlp/line_breaks.py)."""
    import importlib

    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        raise RuntimeError(
            f"spaCy model package {name!r} is not installed; "
            "install the project (make demo) to get the bundled one"
        ) from exc
    from storyline.nlp import line_breaks  # line breaks end sentences before the parse

    nlp = line_breaks.add_to(module.load())
    # The model lives as long as the process: moved out of the collector's generations, so
    # full collections during the nlp stage no longer walk its objects (and a forked parse
    # worker shares its pages instead of copying the ones the collector touches).
    gc.collect()
    gc.freeze()
    return nlp


@COMPONENTS.register("sentences")
def sentences(doc: Doc, article: Article, analysis: ArticleAnalysis) -> None:
    """Sentence spans from the parser, trimmed of surrounding blanks."""
    full = doc_text(doc)
    for sent in doc.sents:
        text = full[sent.start_char : sent.end_char]  # sent.text, without joining its tokens
        if not text.strip():
            continue
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.end_char - (len(text) - len(text.rstrip()))
        analysis.sentences.append((start, end))


def ensure_registered() -> None:
    """Import the components module, which registers storyline's spaCy factories."""
    from storyline.nlp import components  # noqa: F401


# Factory arguments that come from Settings fields, per component: {argument: field}. The
# one place a setting reaches a component's config (and the pipes' cache key).
FROM_SETTINGS: dict[str, dict[str, str]] = {
    "storyline_claims": {"trigger_model": "event_trigger_model"},
    "storyline_llm_claims": {"url": "llm_url", "model": "llm_model", "mode": "llm_mode",
                             "api_key": "llm_api_key", "timeout": "llm_timeout",
                             "max_sentences": "llm_max_sentences"},
}


def pipeline_config(settings: Settings) -> Config:
    """The storyline pipeline from `pipeline.cfg`: storyline_article, then the components
    `settings.components` names, in that order, with the arguments FROM_SETTINGS names taken
    from `settings` (storyline_llm_claims gets the server's). A name the file does not list
    is a spaCy factory registered as storyline_<name> (or <name>) with its defaults, so a
    plugin joins the same way, else a function registered in COMPONENTS under that name.
    ValueError for a name that is none."""
    ensure_registered()
    config = Config().from_disk(CONFIG_PATH, interpolate=False)
    sections = config["components"]
    names = [FIRST]
    chosen: dict = {FIRST: sections[FIRST]}
    for short in settings.components:
        name = short if short.startswith(PREFIX) else PREFIX + short
        if name in chosen:
            continue
        if name in sections:
            chosen[name] = dict(sections[name])
        elif Language.has_factory(name) or Language.has_factory(short):
            chosen[name] = {"factory": name if Language.has_factory(name) else short}
        elif short in COMPONENTS.names():
            chosen[name] = {"factory": "storyline_function", "function": short}
        else:
            known = ", ".join(n.removeprefix(PREFIX) for n in config["nlp"]["pipeline"][1:])
            raise ValueError(f"no nlp component named {short!r} (known: {known})")
        names.append(name)
    for name, args in FROM_SETTINGS.items():
        if name in chosen:
            chosen[name].update({arg: getattr(settings, field) for arg, field in args.items()})
    config["nlp"]["pipeline"] = names
    config["components"] = chosen
    return config


def add_pipes(nlp: Language, settings: Settings) -> Language:
    """Add the storyline pipeline (`pipeline_config(settings)`) to the end of `nlp`: on the
    bundled model, `nlp(text)` then parses and analyses in one call."""
    config = pipeline_config(settings)
    for name in config["nlp"]["pipeline"]:
        options = dict(config["components"][name])
        nlp.add_pipe(options.pop("factory"), name=name, config=options)
    return nlp


Pipe = Callable[[Doc], Doc]


def storyline_pipes(settings: Settings) -> list[tuple[str, Pipe]]:
    """(name, component) of the storyline pipeline for `settings`, built once per distinct
    selection and server settings, on a blank English sharing the model's vocabulary."""
    key = (settings.model, tuple(settings.components),
           *(getattr(settings, f) for args in FROM_SETTINGS.values() for f in args.values()))
    with _BUILDING:  # the web service analyses in threads
        pipes = _BUILT.get(key)
        if pipes is None:
            import spacy

            blank = spacy.blank("en", vocab=load_model(settings.model).vocab)
            pipes = list(add_pipes(blank, settings).pipeline)
            while len(_BUILT) >= 8:
                _BUILT.pop(next(iter(_BUILT)))
            _BUILT[key] = pipes
    return pipes


_BUILT: dict[tuple, list[tuple[str, Pipe]]] = {}
_BUILDING = threading.Lock()


def analyze_doc(doc: Doc, article: Article, settings: Settings) -> ArticleAnalysis:
    """Run storyline's components over one parsed article (within the time budget, if one is
    running: storyline/nlp/budget.py). The Doc keeps the results (`doc.spans`, `doc._`)."""
    from storyline.nlp.components import ANALYSIS, ARTICLE

    doc._.set(ARTICLE, article)
    for _name, pipe in storyline_pipes(settings):
        check_budget()
        doc = pipe(doc)
    return doc._.get(ANALYSIS)


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
