"""Event-time anchoring (storyline/nlp/time/anchoring.py) on hand-written sentences."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.model import Timex
from storyline.nlp.time.anchoring import anchor_event
from storyline.nlp.time.tagger import tag_doc, value_to_time

DCT = value_to_time("2024-06-04")  # a Tuesday


def _anchor(nlp, text: str, word: str, timexes=None):
    doc = nlp(text)
    trigger = next(t for t in doc if t.text == word)
    found = tag_doc(doc, DCT) if timexes is None else timexes
    return anchor_event(trigger, found, DCT)


def test_governing_expression_dates_the_event(nlp):
    a = _anchor(nlp, "The mayor was fired on Wednesday.", "fired")
    assert a.timex is not None and a.timex.text == "Wednesday"
    assert a.time.value == "2024-05-29" and a.relation == "BEFORE"
    assert a.reason == "governed by 'Wednesday'"


def test_governing_not_nearest(nlp):
    text = "Officials said on Monday that the mayor was fired."
    fired = _anchor(nlp, text, "fired")
    assert fired.timex is None  # Monday dates the saying, not the firing
    assert fired.relation == "BEFORE"
    said = _anchor(nlp, text, "said")
    assert said.timex is not None and said.timex.text == "Monday"


def test_past_tense_is_on_or_before_the_article(nlp):
    a = _anchor(nlp, "Smith pleaded guilty to fraud.", "pleaded")
    assert a.timex is None and a.relation == "BEFORE"
    assert (a.time.earliest, a.time.latest) == (None, date(2024, 6, 4))
    assert "on or shortly before" in a.reason


def test_future_is_after_the_article(nlp):
    a = _anchor(nlp, "Smith will be sentenced.", "sentenced")
    assert a.relation == "AFTER"
    assert (a.time.earliest, a.time.latest) == (date(2024, 6, 4), None)


def test_modal_is_after(nlp):
    a = _anchor(nlp, "The minister could resign.", "resign")
    assert a.relation == "AFTER" and "modal" in a.reason


def test_present_progressive_includes_the_article_date(nlp):
    a = _anchor(nlp, "The council is meeting behind closed doors.", "meeting")
    assert a.relation == "INCLUDES"
    assert (a.time.earliest, a.time.latest) == (date(2024, 6, 4), date(2024, 6, 4))


def test_done_thing_dated_after_the_article_is_a_misread(nlp):
    text = "The band split in August."
    august = Timex("", text.index("August"), text.index("August") + 6, "August", "DATE",
                   "2024-08", date(2024, 8, 1), date(2024, 8, 31))
    a = _anchor(nlp, text, "split", [august])
    assert a.timex is None and a.relation == "BEFORE" and "misread" in a.reason


def test_no_dct_no_bound(nlp):
    doc = nlp("Smith pleaded guilty.")
    a = anchor_event(doc[1], [], None)
    assert a.relation == "BEFORE" and a.time is None
    assert a.reason.endswith("no article date to bound it")


@pytest.mark.parametrize("text,word", [("Rates rose sharply.", "rose"),
                                       ("The firm has closed its plant.", "closed")])
def test_past_and_perfect(nlp, text, word):
    assert _anchor(nlp, text, word).relation == "BEFORE"


def test_trained_model_learns_and_round_trips():
    from storyline.nlp.time.dct_model import DctModel, train

    rows = [(["rule=BEFORE", "tag=VBD"], "before")] * 6 + [(["aux=will"], "after")] * 6 + [
        (["tag=VBZ"], "overlap")] * 6
    model = train(rows, epochs=300)
    assert [model.predict(f)[0] for f, _ in rows[::6]] == ["before", "after", "overlap"]
    again = DctModel.from_json(model.to_json())
    assert [again.predict(f)[0] for f, _ in rows[::6]] == ["before", "after", "overlap"]
    assert again.predict(["never-seen"])[0] in ("before", "after", "overlap")


def test_an_expression_spanning_the_article_date_leaves_the_side_to_the_tense(nlp):
    a = _anchor(nlp, "Profits rose this year.", "rose")
    assert a.timex is not None and a.timex.text == "this year"
    assert a.time.value == "2024" and a.relation == "BEFORE"
    assert "spans the article's date" in a.reason
