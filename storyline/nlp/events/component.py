"""The frame spec as a spaCy pipeline component: `nlp.add_pipe("storyline_events")` puts every
event trigger on `doc.spans["events"]`, labelled with its frame name (an open event: "other"),
so other spaCy pipelines can use storyline's event layer without its claims stage."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from storyline.nlp.events import find_hits

SPANS_KEY = "events"


class EventTriggers:
    """Writes `doc.spans[SPANS_KEY]`: one single-token span per trigger, label = frame name."""

    def __init__(self, nlp: Language, name: str = "storyline_events",
                 trigger_model: bool = True) -> None:
        self.name = name
        self.trigger_model = trigger_model

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[SPANS_KEY] = [Span(doc, h.trigger.i, h.trigger.i + 1, label=h.rule.type)
                                for h in find_hits(doc, self.trigger_model)]
        return doc


@Language.factory("storyline_events", requires=["token.dep", "token.lemma", "token.pos"],
                  assigns=["doc.spans"])
def make_event_triggers(nlp: Language, name: str, trigger_model: bool = True) -> EventTriggers:
    """`trigger_model`: open events from the trained trigger model (triggers.py)."""
    return EventTriggers(nlp, name, trigger_model)
