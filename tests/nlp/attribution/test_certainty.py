"""Certainty cues and their scope, including the traps: questions, conditionals, denials."""

from __future__ import annotations

import pytest

from storyline.model import Article
from storyline.nlp.pipeline import analyze
from storyline.settings import Settings


def run(text: str):
    article = Article(id="fx", path="fx.txt", raw=text, content=text)
    return analyze([article], Settings())[0]


def certainty(text: str, type_: str) -> str:
    return next(c for c in run(text).claims if c.type == type_).mention.certainty


CUES = [
    ("asserted", "separated", "Mara Quill and Jonas Verhoeven separated in May."),
    ("reported", "separated", "A friend said Mara Quill and Jonas Verhoeven had separated."),
    ("alleged", "separated", "Mara Quill has reportedly separated from Jonas Verhoeven."),
    ("alleged", "affair_alleged", "Jonas Verhoeven allegedly had an affair with Lila Brandt."),
    ("alleged", "affair_alleged", "Jonas Verhoeven was hit by claims of an affair."),
    ("alleged", "affair_alleged", "Rumours swirled that Jonas Verhoeven had an affair."),
    ("alleged", "affair_alleged", "In May, rumors swirled over Jonas Verhoeven having an affair."),
    ("alleged", "separated", "Speculation about their split grew in June."),
    ("speculated", "separated", "I wonder if Mara Quill and Jonas Verhoeven will split this year?"),
    ("speculated", "reconciled", "Are Mara Quill and Jonas Verhoeven working it out?"),
    ("speculated", "separated", "Mara Quill and Jonas Verhoeven might split."),
    ("speculated", "separated", "Maybe Mara Quill and Jonas Verhoeven split after all."),
    ("denied", "separated", "A rep for Mara Quill denied that the couple had split."),
    ("denied", "separated", "There is no truth to the reports that the couple split."),
    ("hypothetical", "divorce_filed", "If Jonas Verhoeven files for divorce, the tour ends."),
    ("hypothetical", "separated", "They would split if the affair were true."),
    ("hypothetical", "reconciled", "They have been trying to work on their marriage."),
    ("speculated", "separated", "Fans asked whether Mara Quill and Jonas Verhoeven had split."),
    ("hypothetical", "divorced", "Mara Quill and Jonas Verhoeven are on the brink of divorce."),
    ("hypothetical", "divorced", "Mara Quill and Jonas Verhoeven are heading for a divorce."),
    ("hypothetical", "divorced", "Mara Quill and Jonas Verhoeven are moving toward divorce."),
    ("hypothetical", "divorced", "Friends said Mara Quill didn't want a divorce."),
    ("hypothetical", "divorced", "Mara Quill and Jonas Verhoeven are getting a divorce."),
    ("hypothetical", "divorced", "Mara Quill and Jonas Verhoeven Are Getting Divorced"),
    ("hypothetical", "reconciled", "Fans held out hope of a reconciliation for the couple."),
    ("hypothetical", "reconciled", "He had exhausted all options to salvage the marriage."),
    ("negated", "married", "Mara Quill and Tobin Ash never married."),
    ("negated", "separated", "Mara Quill and Jonas Verhoeven did not separate."),
]


@pytest.mark.parametrize("expected,type_,text", CUES)
def test_certainty_cue(expected, type_, text):
    assert certainty(text, type_) == expected


def test_cue_scope_stops_at_its_phrase():
    # the rumour covers the affair, not the sighting told in the same sentence
    text = "Amid rumours of an affair, Mara Quill was spotted in Oslo without her ring."
    assert certainty(text, "affair_alleged") == "alleged"
    assert certainty(text, "sighting") == "asserted"


def test_hope_governs_its_complement_not_its_adjuncts():
    text = "Mara Quill hopes to start over after Jonas Verhoeven's affair."
    assert certainty(text, "affair_alleged") == "asserted"


def test_questions_and_speculation_never_come_out_asserted():
    text = (
        "Did Mara Quill and Jonas Verhoeven split? Perhaps they divorced. "
        "Could they be engaged?"
    )
    claims = run(text).claims
    assert claims
    assert all(c.mention.certainty != "asserted" for c in claims)


def test_denial_of_earlier_reports_makes_a_denied_claim():
    text = (
        "Us Weekly reported that Mara Quill and Jonas Verhoeven split. "
        "A spokesperson for the actress denied the reports."
    )
    claims = [c for c in run(text).claims if c.type == "separated"]
    assert {c.mention.certainty for c in claims} == {"reported", "denied"}
    denied = next(c for c in claims if c.mention.certainty == "denied")
    assert denied.mention.source.kind == "representative"
    assert denied.mention.text.startswith("A spokesperson")


def test_denying_something_else_does_not_deny_the_event_in_a_conjunct():
    text = ("Mara Quill filed for divorce from Jonas Verhoeven in March. As per the official "
            "documents, the singer allegedly denied spousal support for Verhoeven and requested "
            "to drop his surname from her name in the divorce filing.")
    found = {c.mention.certainty for c in run(text).claims if c.type == "divorce_filed"}
    assert found and "denied" not in found

