"""Turn per-article analyses into one Story: entities, facts, events, contradictions, states."""

from __future__ import annotations

from threadpoolctl import threadpool_limits

from storyline import __version__
from storyline.collector import collector_paused
from storyline.model import Article, ArticleAnalysis, Story
from storyline.settings import Settings
from storyline.story.contradictions import find_contradictions
from storyline.story.dating import as_read, date_from_story, redatable
from storyline.story.entities import link_entities, merge_relations
from storyline.story.facts import derive_facts
from storyline.story.merge import merge_claims
from storyline.story.salience import mark_salience
from storyline.story.state import derive_states


def build_story(
    articles: list[Article], analyses: list[ArticleAnalysis], settings: Settings
) -> Story:
    """Link entities across articles, derive facts, merge events, then find conflicts.

    Pure over (articles, analyses) and independent of their order: adding an article means
    re-running this over the stored analyses (parsing is the expensive part and is not redone).
    BLAS runs on one thread here: the stage's matrices are small (event coreference blocks),
    where a BLAS thread pool costs several times the CPU of the product itself, and one
    thread gives the same sums on any machine.
    """
    with collector_paused(), threadpool_limits(limits=1, user_api="blas"):
        return _build_story(articles, analyses, settings)


def _build_story(
    articles: list[Article], analyses: list[ArticleAnalysis], settings: Settings
) -> Story:
    """`build_story` itself."""
    as_read(articles, analyses)
    entities = link_entities(articles, analyses)  # rewrites local ids to global ones
    # Articles nothing dated are dated from the whole story (what the first merge finds they
    # tell in common with dated ones), then their times re-read: the same on every rebuild.
    first = None
    if any(redatable(a) for a in articles):
        first = merge_claims(articles, analyses, entities)
        if date_from_story(articles, analyses, first, settings.today):
            first = None  # dates changed: merge again
    story = Story(pipeline_version=__version__, articles=articles, entities=entities)
    story.facts = derive_facts(articles, analyses, entities)
    story.relations = merge_relations(analyses)
    story.events = first if first is not None else merge_claims(articles, analyses, entities)
    story.quotes = [q for a in analyses for q in a.quotes]
    story.timexes = [t for a in analyses for t in a.timexes]
    story.states = derive_states(story)
    story.contradictions = find_contradictions(
        story,
        claims=[c for a in analyses for c in a.claims],
        quantities=[q for a in analyses for q in a.quantities],
    )
    mark_salience(story, settings.salience_share)
    return story
