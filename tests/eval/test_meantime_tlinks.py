"""Anchoring on a hand-made MEANTIME (CAT) document: time attribute and TLINKs."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from storyline.eval.cat import read_cat
from storyline.eval.meantime_tlinks import gold_future, run, to_tml
from storyline.eval.tlinks import gold_dct_relations, gold_timex_links

FIXTURE = Path(__file__).parent / "fixtures" / "meantime_mayor.xml"


def test_cat_as_timeml():
    tml = to_tml(read_cat(FIXTURE))
    assert tml.text == "The mayor was fired on Wednesday.\nShe will be sentenced."
    assert (tml.dct, tml.dct_tid) == ("2024-06-04", "10")
    assert [(e.eid, e.text) for e in tml.events] == [("1", "fired"), ("2", "sentenced")]
    assert gold_dct_relations(tml) == {"1": "before", "2": "after"}  # DCT AFTER e1: e1 before
    assert gold_timex_links(tml) == {("1", "11")}
    assert gold_future(read_cat(FIXTURE)) == {"1": "NON_FUTURE", "2": "FUTURE"}


def test_scores_on_the_fixture(nlp):
    problems: list[str] = []
    scores, fut = run([read_cat(FIXTURE)], nlp, problems=problems)
    assert problems == []
    assert (fut.gold, fut.correct) == (2, 2)
    assert (fut.majority, fut.majority_correct) == ("NON_FUTURE", 1)  # a tie: the later name
    s = scores["storyline"].table()
    assert s["dct_accuracy"] == 1.0 and (s["link_p"], s["link_r"]) == (1.0, 1.0)
    assert scores["majority"].table()["dct_accuracy"] == 0.5


def test_cli_json_skips_malformed(tmp_path):
    from storyline.cli.app import _register, app

    _register()
    (tmp_path / "good.xml").write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad.xml").write_text("<Document><token", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "meantime-tlinks", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["documents"] == 1 and [p.split(":")[0] for p in body["skipped"]] == ["bad.xml"]
    assert body["time_attribute"] == {"gold": 2, "correct": 2, "accuracy": 1.0,
                                      "majority": "NON_FUTURE", "majority_accuracy": 0.5}
