"""storyline's nlp components as spaCy pipeline components (`@Language.factory`), so the whole
stage is one spaCy pipeline described by one config (`pipeline.cfg`) and a spaCy user can read
every result off the Doc.

Each component reads the Article from `doc._.storyline_article`, runs its mechanism (the
function in its own module: `timex.timex`, `entities.entities`, ...) on the ArticleAnalysis on
`doc._.storyline_analysis`, and puts what it found on `doc.spans["storyline_<kind>"]`: one Span
per item, in the order of the analysis list, snapped to tokens, with the item's type as
`label_` and its id, when the model gives it one, as `id_` (a timex carries its normalised
value as `kb_id_`). `doc._.storyline_<kind>` is the analysis list itself (typed model objects,
exact character offsets). `requires` names the Doc attributes a component reads (token.pos
comes from the model's attribute_ruler, which declares nothing, so it is never listed);
`assigns`, what it writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from storyline.model import Article, ArticleAnalysis
from storyline.nlp.doc_text import doc_text
from storyline.nlp.entities import component as entities  # noqa: F401  # the mechanisms
from storyline.nlp.events import claims  # noqa: F401
from storyline.nlp.llm import component  # noqa: F401  # "llm_claims"
from storyline.nlp.pipeline import COMPONENTS
from storyline.nlp.time import component as timex  # noqa: F401
from storyline.nlp.time import quantities  # noqa: F401

ARTICLE = "storyline_article"  # Doc extension: the Article analysed (input)
ANALYSIS = "storyline_analysis"  # Doc extension: its ArticleAnalysis (output)
# The analysis lists shown on the Doc: doc._.storyline_<kind> and, except relations (between
# two entities, no span of their own), doc.spans["storyline_<kind>"].
KINDS = ("sentences", "timexes", "entities", "relations", "quantities", "claims", "quotes")
DEFAULT_ARTICLE_ID = "doc"  # the id of the Article made from a Doc's text when none is given


def _register_extensions() -> None:
    """Doc extensions: the Article in, its ArticleAnalysis out, and one view per list of it."""
    for name in (ARTICLE, ANALYSIS):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for kind in KINDS:
        if not Doc.has_extension(f"storyline_{kind}"):
            Doc.set_extension(f"storyline_{kind}", getter=_view(kind))


def _view(kind: str) -> Callable[[Doc], list]:
    def getter(doc: Doc) -> list:
        analysis = doc._.get(ANALYSIS)
        return getattr(analysis, kind) if analysis is not None else []

    return getter


_register_extensions()


def spans_key(kind: str) -> str:
    """The `doc.spans` key of one kind of result: "storyline_timexes"."""
    return f"storyline_{kind}"


# ------------------------------------------------------------------------------ spans


def _span_rows(kind: str, analysis: ArticleAnalysis) -> Iterable[tuple[int, int, str, str, str]]:
    """(start, end, label, id, kb_id) of each item of `kind`, in the analysis's order."""
    if kind == "sentences":
        for start, end in analysis.sentences:
            yield start, end, "sentence", "", ""
    elif kind == "timexes":
        for t in analysis.timexes:
            yield t.start, t.end, t.type, "", t.value
    elif kind == "entities":
        types = {e.id: e.type for e in analysis.entities}
        for e in analysis.entities:
            for m in e.mentions:
                yield m.start, m.end, types[e.id], e.id, ""
    elif kind == "quantities":
        for q in analysis.quantities:
            yield q.start, q.end, q.kind, "", ""
    elif kind == "claims":  # over the trigger word when there is one, else the evidence
        for c in analysis.claims:
            start, end = c.trigger or (c.mention.start, c.mention.end)
            yield start, end, c.type, c.id, ""
    elif kind == "quotes":
        for q in analysis.quotes:
            yield q.start, q.end, q.kind, q.id, ""


def write_spans(doc: Doc, analysis: ArticleAnalysis, kinds: Iterable[str]) -> None:
    """Put each of `kinds` on `doc.spans`; an item whose characters cover no token (never
    expected: items are words of the text) has no span."""
    for kind in kinds:
        spans: list[Span] = []
        for start, end, label, sid, kb in _span_rows(kind, analysis):
            span = doc.char_span(start, end, label=label, kb_id=kb, span_id=sid,
                                 alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[spans_key(kind)] = spans


# ------------------------------------------------------------------------- components


def article_of(doc: Doc) -> Article:
    """The Article on the Doc, or one made from the Doc's text (id "doc", no date)."""
    article = doc._.get(ARTICLE)
    if article is None:
        text = doc_text(doc)
        article = Article(id=DEFAULT_ARTICLE_ID, path="", raw=text, content=text)
        doc._.set(ARTICLE, article)
    return article


class StartAnalysis:
    """storyline_article: a fresh ArticleAnalysis for the Doc's Article (made from the text
    when the caller set none), so every later component has both."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(ANALYSIS, ArticleAnalysis(article=article_of(doc).id))
        return doc


class AnalysisStep:
    """One storyline component: its mechanism `COMPONENTS[mechanism](doc, article, analysis,
    **options)` (looked up on each call), then the spans of the kinds it wrote."""

    def __init__(self, name: str, mechanism: str, kinds: tuple[str, ...],
                 **options: object) -> None:
        self.name = name
        self.mechanism = mechanism
        self.kinds = kinds
        self.options = options

    def __call__(self, doc: Doc) -> Doc:
        analysis = doc._.get(ANALYSIS)
        if analysis is None:  # run alone, without storyline_article before it
            StartAnalysis(self.name)(doc)
            analysis = doc._.get(ANALYSIS)
        COMPONENTS.get(self.mechanism)(doc, article_of(doc), analysis, **self.options)
        write_spans(doc, analysis, self.kinds)
        return doc


def _ext(*kinds: str) -> list[str]:
    return [f"doc._.storyline_{k}" for k in kinds]


_IN = ["doc._.storyline_article", "doc._.storyline_analysis"]
_OUT = ["doc.spans"]


@Language.factory("storyline_article", assigns=["doc._.storyline_article",
                                               "doc._.storyline_analysis"])
def make_article(nlp: Language, name: str) -> StartAnalysis:
    return StartAnalysis(name)


@Language.factory("storyline_sentences", requires=["doc.sents", *_IN],
                  assigns=[*_ext("sentences"), *_OUT])
def make_sentences(nlp: Language, name: str) -> AnalysisStep:
    return AnalysisStep(name, "sentences", ("sentences",))


@Language.factory(
    "storyline_timex",
    requires=["token.tag", "token.dep", "token.head", "token.lemma", "token.ent_type",
              "doc.sents", *_IN],
    assigns=[*_ext("timexes"), *_OUT],
)
def make_timex(nlp: Language, name: str) -> AnalysisStep:
    return AnalysisStep(name, "timex", ("timexes",))


@Language.factory(
    "storyline_entities",
    requires=["doc.ents", "doc.sents", "token.tag", "token.dep", "token.head", "token.lemma",
              *_IN],
    assigns=[*_ext("entities", "relations"), *_OUT],
)
def make_entities(nlp: Language, name: str) -> AnalysisStep:
    return AnalysisStep(name, "entities", ("entities",))


@Language.factory(  # an age names its person too: "Portman, 42" joins Portman's mentions
    "storyline_quantities",
    requires=["doc.sents", "token.head", *_ext("entities", "timexes"), *_IN],
    assigns=[*_ext("quantities", "entities"), *_OUT],
)
def make_quantities(nlp: Language, name: str) -> AnalysisStep:
    return AnalysisStep(name, "quantities", ("quantities", "entities"))


@Language.factory(
    "storyline_claims",
    requires=["doc.sents", "doc.ents", "token.is_sent_start", "token.tag", "token.dep",
              "token.head", "token.lemma", "token.ent_type", "token.ent_iob",
              *_ext("sentences", "entities", "timexes"), *_IN],
    assigns=[*_ext("claims", "quotes"), *_OUT],
)
def make_claims(nlp: Language, name: str, trigger_model: bool = True) -> AnalysisStep:
    """The claims; `trigger_model`: open events from the trained trigger model (Settings)."""
    return AnalysisStep(name, "claims", ("claims", "quotes"), trigger_model=trigger_model)


@Language.factory(
    "storyline_llm_claims",
    requires=[*_ext("sentences", "entities", "timexes", "claims"), *_IN],
    assigns=[*_ext("claims"), *_OUT],
)
def make_llm_claims(
    nlp: Language,
    name: str,
    url: str | None,
    model: str,
    mode: str,
    api_key: str | None,
    timeout: float,
    max_sentences: int,
) -> AnalysisStep:
    """The optional LLM claims (docs/llm.md); the server settings come from the config."""
    if mode not in ("merge", "replace"):
        raise ValueError(f"llm mode must be merge or replace, not {mode!r}")
    return AnalysisStep(name, "llm_claims", ("claims",), url=url, model=model, mode=mode,
                        api_key=api_key, timeout=timeout, max_sentences=max_sentences)


@Language.factory("storyline_function", requires=_IN)
def make_function(nlp: Language, name: str, function: str) -> AnalysisStep:
    """A function registered in COMPONENTS that has no component of its own (a plugin, a
    test's): it runs as a pipe and declares nothing it assigns."""
    return AnalysisStep(name, function, ())
