"""TimeML reading, Task A writing and TempEval-3 scoring, plus the TimeBank benchmark."""

from __future__ import annotations

import xml.dom.minidom

import pytest

from storyline.eval.timeml import (
    GoldTimex,
    annotate_tml,
    match,
    parse_tml,
    predict,
    read_tml,
    score_dirs,
    score_pairs,
)

SOURCE = """<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-13" functionInDocument="CREATION_TIME">19980213</TIMEX3></DCT>
<TEXT>
The <EVENT eid="e1" class="OCCURRENCE">talks</EVENT> ended <TIMEX3 tid="t1" type="DATE" value="1998-02-12">Thursday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> at AT&amp;T.
</TEXT>
</TimeML>
"""  # noqa: E501


def test_parse_gives_plain_text_offsets_and_dct():
    doc = parse_tml(SOURCE, "X1.tml")
    assert doc.dct == "1998-02-13"
    assert "<" not in doc.text and "AT&T" in doc.text
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Thursday", "DATE", "1998-02-12"),
        ("three days", "DURATION", "P3D"),
    ]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)


def test_annotate_replaces_timex_tags_and_keeps_the_rest():
    doc = parse_tml(SOURCE)
    start = doc.text.index("Thursday")
    out = annotate_tml(SOURCE, [(start, start + 8, "DATE", "1998-02-12")])
    xml.dom.minidom.parseString(out)  # still well-formed
    assert '<TIMEX3 tid="t1" type="DATE" value="1998-02-12">Thursday</TIMEX3>' in out
    assert "three days</TIMEX3>" not in out  # old gold tag removed
    assert out.split("<TEXT>")[0] == SOURCE.split("<TEXT>")[0]
    again = parse_tml(out)
    assert again.text == doc.text
    assert [(t.text, t.value) for t in again.timexes] == [("Thursday", "1998-02-12")]


def test_annotate_nests_around_elements_and_never_crosses_them():
    doc = parse_tml(SOURCE)
    s = doc.text.index("talks ended")
    around = annotate_tml(SOURCE, [(s, s + 11, "X", "Y")])  # contains the EVENT "talks"
    xml.dom.minidom.parseString(around)
    assert [t.text for t in parse_tml(around).timexes] == ["talks ended"]
    crossing = annotate_tml(SOURCE, [(s + 2, s + 8, "Z", "Z")])  # "lks en" cuts the EVENT
    xml.dom.minidom.parseString(crossing)
    assert 'type="Z"' not in crossing
    amp = doc.text.index("AT&T")
    with_entity = annotate_tml(SOURCE, [(amp, amp + 4, "X", "Y")])
    xml.dom.minidom.parseString(with_entity)
    assert [t.text for t in parse_tml(with_entity).timexes] == ["AT&T"]


def test_scoring_strict_relaxed_type_and_value():
    gold = [GoldTimex(0, 10, "", "DATE", "1998"), GoldTimex(20, 30, "", "DURATION", "P3D"),
            GoldTimex(40, 45, "", "DATE", "PRESENT_REF")]  # fmt: skip
    pred = [GoldTimex(0, 10, "", "DATE", "1998"), GoldTimex(22, 30, "", "DATE", "P3D"),
            GoldTimex(50, 55, "", "DATE", "1999")]  # fmt: skip
    score = score_pairs(match(gold, pred))
    table = score.table()
    assert (score.strict, score.relaxed, score.type_ok, score.value_ok) == (1, 2, 1, 2)
    assert table["strict_f1"] == pytest.approx(1 / 3)
    assert table["relaxed_f1"] == pytest.approx(2 / 3)
    assert table["type_accuracy"] == pytest.approx(0.5)
    assert table["value_f1"] == pytest.approx(2 / 3)


def test_match_is_one_to_one():
    gold = [GoldTimex(0, 10, "", "DATE", "a")]
    pred = [GoldTimex(0, 5, "", "DATE", "a"), GoldTimex(5, 10, "", "DATE", "a")]
    pairs = match(gold, pred)
    assert sum(p.gold is not None and p.pred is not None for p in pairs) == 1
    assert sum(p.gold is None for p in pairs) == 1


@pytest.mark.slow
def test_timebank_value_f1(timebank_dir, nlp):
    """Our tagger on the 183 TimeBank documents (measured: value F1 0.85, strict 0.92)."""
    gold = [read_tml(f) for f in sorted(timebank_dir.glob("*.tml"))]
    table = score_dirs(gold, predict(gold, nlp)).table()
    assert table["value_f1"] > 0.84
    assert table["strict_f1"] > 0.90
    assert table["relaxed_f1"] > 0.92
    assert table["type_accuracy"] > 0.94


def test_predict_writes_later_as_timeml_does(nlp):
    """TimeML tags "three days later" as the duration "three days" (with "later" a signal)."""
    source = SOURCE.replace(
        "ended <TIMEX3", "began on June 2, 1997. Three days later they ended <TIMEX3"
    )
    doc = parse_tml(source)
    [pred] = predict([doc], nlp)
    later = [t for t in pred if t.text.startswith("Three")]
    assert [(t.text, t.type, t.value) for t in later] == [("Three days", "DURATION", "P3D")]
    assert all(doc.text[t.start : t.end] == t.text for t in pred)
