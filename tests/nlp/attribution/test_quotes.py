"""Direct and indirect quotes: spans, speakers, sources and venues."""

from __future__ import annotations

from storyline.model import Article
from storyline.nlp.attribution.quotes import is_title, quote_spans
from storyline.nlp.pipeline import analyze
from storyline.settings import Settings


def run(text: str, outlet: str | None = None):
    article = Article(id="fx", path="fx.txt", raw=text, content=text, outlet=outlet)
    return analyze([article], Settings())[0]


def test_quote_spans_pair_marks_within_a_paragraph():
    text = 'He said "one two" and “three four”.\n"Unclosed runs to the end\nNext'
    spans = [text[q.start:q.end] for q in quote_spans(text)]
    assert spans == ["one two", "three four", "Unclosed runs to the end"]


def test_quote_spans_read_only_marks_that_open_or_close():
    # a lone closing curly mark opens nothing; an opening one inside a quote closes nothing;
    # `` opens and '' closes (two characters read as one mark); a lone ` or ' is no mark
    text = "a” b “c “d” e ``f ` g'' h 'i' \"jk"
    spans = [text[q.start:q.end] for q in quote_spans(text)]
    assert spans == ["c “d", "f ` g", "jk"]


def test_quoted_offsets_pair_marks_and_stop_at_a_blank_line():
    from storyline.nlp.entities.coref import quoted_offsets

    text = 'x "a" y “b\n\nc” z “d\ne”'
    assert [text[s:e] for s, e in quoted_offsets(text)] == ['"a', "“d\ne"]


def test_titles_are_not_quotes():
    assert is_title("Black Lake,")
    assert not is_title("I can imagine.")


def test_direct_quote_with_named_speaker_and_venue():
    text = (
        "Mara Quill finally addressed the rumours in her recent Glimmer Weekly interview.\n\n"
        '"It is painful, and I will not add to it," she said when asked about her marriage.'
    )
    analysis = run(text)
    (quote,) = [q for q in analysis.quotes if q.kind == "direct"]
    assert quote.text == "It is painful, and I will not add to it,"
    assert text[quote.start:quote.end] == quote.text
    assert quote.speaker_name == "Mara Quill"
    assert quote.source.kind == "named_person"
    assert quote.venue == "Glimmer Weekly"


def test_anonymous_quote_told_to_an_outlet():
    text = '"They barely speak anymore," a source told Us Weekly.'
    (quote,) = run(text, outlet="Glimmer").quotes
    assert quote.source.kind == "anonymous_source"
    assert quote.source.via == ["Us Weekly", "Glimmer"]
    assert quote.speaker is None
    assert quote.venue == "Us Weekly"


def test_colon_lead_in_attributes_the_next_paragraph():
    text = (
        'An insider told the following to Us Weekly:\n\n"Mara is ready to move on with her life."'
    )
    (quote,) = [q for q in run(text).quotes if q.kind == "direct"]
    assert quote.source.kind == "anonymous_source"
    assert quote.source.via == ["Us Weekly"]


def test_indirect_quote_is_the_reported_clause():
    text = "A second insider noted that Mara Quill was unsure the marriage could be saved."
    (quote,) = run(text).quotes
    assert quote.kind == "indirect"
    assert quote.text == "Mara Quill was unsure the marriage could be saved"
    assert quote.source.kind == "anonymous_source"


def test_unattributed_scare_quotes_are_skipped():
    text = 'Critics called the show "all hype" with few results.'
    assert run(text).quotes == []
