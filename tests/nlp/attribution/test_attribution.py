"""Source kinds, names and via chains, on fictional sentences."""

from __future__ import annotations

import pytest

from storyline.model import Article
from storyline.nlp.pipeline import analyze
from storyline.settings import Settings


def run(text: str, outlet: str | None = None):
    article = Article(id="fx", path="fx.txt", raw=text, content=text, outlet=outlet)
    return analyze([article], Settings())[0]


def claim(text: str, type_: str, outlet: str | None = None):
    return next(c for c in run(text, outlet).claims if c.type == type_)


KINDS = [
    ("named_person", 'Mara Quill said that she and Jonas Verhoeven had split.'),
    ("representative", "A spokesperson for Mara Quill confirmed that the couple had split."),
    ("anonymous_source", "A source close to the couple said they had split in May."),
    ("anonymous_source", "An insider revealed that the pair had split."),
    ("eyewitness", '"They split up right there at the table," an onlooker said.'),
    ("outlet", "Us Weekly reported that Mara Quill and Jonas Verhoeven split."),
    ("outlet", "Mara Quill and Jonas Verhoeven split, according to Page Six."),
    ("author", "Mara Quill and Jonas Verhoeven split in May."),
    # the record cited, and a passive with nobody speaking: the article's own voice
    ("author", "According to court documents, Mara Quill and Jonas Verhoeven split in May."),
    ("author", "According to the divorce papers, the reason was stated as irreconcilable "
               "differences and the separation date was mentioned as April 26."),
]


@pytest.mark.parametrize("kind,text", KINDS)
def test_source_kind(kind, text):
    assert claim(text, "separated").mention.source.kind == kind


def test_named_person_has_a_name():
    source = claim("Mara Quill said that she and Jonas had split.", "separated").mention.source
    assert source.name == "Mara Quill"


def test_source_told_outlet_in_another_outlet():
    text = "A source told Us Weekly that Mara Quill and Jonas Verhoeven had split."
    source = claim(text, "separated", outlet="Glimmer Magazine").mention.source
    assert source.kind == "anonymous_source"
    assert source.via == ["Us Weekly", "Glimmer Magazine"]


def test_outlet_quoting_an_outlet():
    text = "As Page Six reported, insiders claimed the couple had split."
    source = claim(text, "separated", outlet="Glimmer Magazine").mention.source
    assert source.kind == "anonymous_source"
    assert source.via == ["Page Six", "Glimmer Magazine"]


def test_outlet_reporting_ends_with_article_outlet():
    text = "Mara Quill and Jonas Verhoeven split, as per Us Weekly."
    source = claim(text, "separated", outlet="Glimmer Magazine").mention.source
    assert (source.kind, source.name, source.via) == ("outlet", "Us Weekly", ["Glimmer Magazine"])


def test_author_voice_via_own_outlet_only():
    source = claim("Mara Quill moved to Vienna.", "relocated", outlet="Glimmer").mention.source
    assert (source.kind, source.via) == ("author", ["Glimmer"])


def test_own_outlet_is_not_repeated_in_via():
    text = "As Glimmer reported, a source said the couple had split."
    source = claim(text, "separated", outlet="Glimmer Magazine").mention.source
    assert source.via == ["Glimmer Magazine"]


def test_attribution_carries_across_a_continued_quote():
    text = (
        '"They are living apart," a source told Us Weekly. "Mara has moved to Vienna."\n\n'
        '"She filed for divorce last week," the source added.'
    )
    analysis = run(text, outlet="Glimmer")
    relocated = next(c for c in analysis.claims if c.type == "relocated")
    filed = next(c for c in analysis.claims if c.type == "divorce_filed")
    for c in (relocated, filed):
        assert c.mention.source.kind == "anonymous_source"
        assert c.mention.source.via == ["Us Weekly", "Glimmer"]
    assert relocated.mention.source.name == filed.mention.source.name


def test_second_source_is_a_different_source():
    text = (
        '"They split," a source said.\n\n'
        '"They moved to Vienna," a second source said.'
    )
    analysis = run(text)
    names = {c.type: c.mention.source.name for c in analysis.claims}
    assert names["separated"] != names["relocated"]


def test_quoted_paragraph_without_attribution_inherits_speaker():
    text = (
        '"It has been hard," says an eyewitness. "She was not wearing her ring. '
        'They split, I think."'
    )
    analysis = run(text)
    separated = next(c for c in analysis.claims if c.type == "separated")
    assert separated.mention.source.kind == "eyewitness"


def test_excerpt_block_is_attributed_to_the_excerpted_outlet():
    text = (
        "Here is what Glimmer Weekly says:\n\n"
        "Mara Quill was spotted in Oslo without her ring.\n\n"
        "[From Glimmer Weekly, print edition]\n\n"
        "I wonder if they will split."
    )
    analysis = run(text)
    sighting = next(c for c in analysis.claims if c.type == "sighting")
    assert (sighting.mention.source.kind, sighting.mention.source.name) == (
        "outlet", "Glimmer Weekly")
    split = next(c for c in analysis.claims if c.type == "separated")
    assert split.mention.source.kind == "author"


def test_time_clause_before_a_speech_verb_is_not_reported_speech():
    text = "When rumours of the affair first broke, a source told the following to Us Weekly:"
    affair = claim(text, "affair_alleged")
    assert affair.mention.source.kind == "author"
    assert affair.mention.certainty == "alleged"


def test_refusing_something_is_not_denying_the_story():
    text = "Mara Quill split from Jonas Verhoeven in May and denied him spousal support."
    claims = [c for c in run(text).claims if c.type == "separated"]
    assert claims
    assert {(c.mention.source.kind, c.mention.certainty) for c in claims} == {
        ("author", "asserted")}


def test_denying_the_event_itself_is_the_deniers_denial():
    c = claim("Jonas Verhoeven denied the affair with Lila Brandt.", "affair_alleged")
    assert (c.mention.source.kind, c.mention.certainty) == ("named_person", "denied")
