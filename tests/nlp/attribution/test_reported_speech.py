"""Reported speech beyond the that-clause: content before its cue, around a parenthetical cue,
and "according to"; each quote keeps its cue and speaker spans."""

from __future__ import annotations

from storyline.model import Article
from storyline.nlp.pipeline import analyze
from storyline.settings import Settings


def quotes(text: str):
    article = Article(id="fx", path="fx.txt", raw=text, content=text)
    found = analyze([article], Settings())[0].quotes

    def span(pair):
        return text[pair[0]:pair[1]] if pair else None

    return [(q.text, span(q.cue), span(q.speaker_span), q.kind) for q in found]


def test_that_clause_keeps_cue_and_speaker():
    assert quotes("A spokesman for the ministry said that the bridge would reopen in May.") == [
        ("the bridge would reopen in May", "said", "A spokesman for the ministry", "indirect")]


def test_content_before_its_cue():
    assert quotes("The talks in Geneva collapsed on Friday, two diplomats said.") == [
        ("The talks in Geneva collapsed on Friday", "said", "two diplomats", "indirect")]


def test_time_clause_before_a_cue_is_no_content():
    found = quotes("When the talks collapsed, a diplomat told reporters nothing.")
    assert found == []


def test_according_to_covers_the_rest_of_the_sentence():
    assert quotes("According to the ministry, the bridge reopened on Monday.") == [
        ("the bridge reopened on Monday", "According to", "the ministry", "indirect")]


def test_direct_quote_keeps_cue_and_speaker():
    assert quotes('"We will rebuild the bridge," the mayor said.') == [
        ("We will rebuild the bridge,", "said", "the mayor", "direct")]


def test_parenthetical_cue_splits_the_content():
    assert quotes("The new plan, the minister said, is dead in the water.") == [
        ("The new plan", "said", "the minister", "indirect"),
        ("is dead in the water", "said", "the minister", "indirect")]


def test_double_apostrophes_are_quote_marks():
    from storyline.nlp.attribution.quotes import quote_spans

    text = "He said ''we are done'' and left. ``Treebank style'' too. It's Bob's."
    assert [text[q.start:q.end] for q in quote_spans(text)] == ["we are done", "Treebank style"]
    assert quotes("''We will rebuild the bridge,'' the mayor said.") == [
        ("We will rebuild the bridge,", "said", "the mayor", "direct")]
