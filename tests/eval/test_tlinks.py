"""The TimeML TLINK yardstick: gold reading, hand-computed scores, storyline on a fixture, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.eval.timeml import read_tml
from storyline.eval.tlinks import (
    DocGuesses,
    EventGuess,
    gold_dct_relations,
    gold_timex_links,
    guess_doc,
    majority_class,
    rows,
    score,
    value_interval,
)

FIXTURE = Path(__file__).parent / "fixtures" / "tlinks_mayor.tml"


@pytest.fixture(scope="module")
def gold():
    return read_tml(FIXTURE)


def test_reader_reads_events_instances_and_links(gold):
    assert [(e.eid, e.text, e.tense) for e in gold.events] == [
        ("e4", "said", "PAST"), ("e1", "fired", "PAST"), ("e2", "sentenced", "FUTURE"),
        ("e3", "meeting", "PRESENT"),
    ]
    assert gold.dct_tid == "t0"
    assert len(gold.tlinks) == 8
    assert [t.text for t in gold.timexes] == ["Wednesday", "next month", "now"]  # timex unchanged


def test_gold_relations_collapse_and_invert(gold):
    # t0 IS_INCLUDED e3 is read as e3 INCLUDES t0: overlap
    assert gold_dct_relations(gold) == {
        "e1": "before", "e2": "after", "e3": "overlap", "e4": "before"}
    assert gold_timex_links(gold) == {("e1", "t1"), ("e2", "t2"), ("e3", "t3")}


def _guesses(gold, table):
    return DocGuesses(gold.name, {
        name: [EventGuess(eid, rel, tid, rel is not None or tid is not None)
               for eid, (rel, tid) in table.items()]
        for name in ("storyline", "timex_only", "nearest_timex")
    })


PERFECT = {"e1": ("before", "t1"), "e2": ("after", "t2"), "e3": ("overlap", "t3"),
           "e4": ("before", None)}


def test_perfect_scores_one(gold):
    s = score([gold], [_guesses(gold, PERFECT)])["storyline"].table()
    assert s["dct_accuracy"] == 1.0
    assert (s["link_p"], s["link_r"], s["link_f1"]) == (1.0, 1.0, 1.0)
    assert s["dated_share"] == 1.0


def test_one_wrong_relation_one_missed_link_one_extra_link(gold):
    table = {**PERFECT, "e2": ("before", "t2"), "e3": ("overlap", None), "e4": ("before", "t1")}
    s = score([gold], [_guesses(gold, table)])["storyline"].table()
    assert s["dct_accuracy"] == 0.75  # e2 wrong of 4
    assert s["link_p"] == pytest.approx(2 / 3)  # (e4, t1) is no gold link
    assert s["link_r"] == pytest.approx(2 / 3)  # (e3, t3) missed


def test_unanswered_counts_as_wrong(gold):
    table = {**PERFECT, "e1": (None, "t1")}
    s = score([gold], [_guesses(gold, table)])["storyline"].table()
    assert s["dct_accuracy"] == 0.75
    assert s["dct_accuracy_answered"] == 1.0
    assert s["dct_coverage"] == 0.75


def test_majority_baseline(gold):
    scores = score([gold], [_guesses(gold, PERFECT)])
    assert majority_class(scores) == "before"
    assert scores["majority"].table()["dct_accuracy"] == 0.5  # 2 of 4 gold links are before
    assert [r.reference for r in rows(scores)][:2] == [0.5, 0.5]


def test_value_intervals():
    from datetime import date

    assert value_interval("1998-W02") == (date(1998, 1, 5), date(1998, 1, 11))
    assert value_interval("1998-Q1") == (date(1998, 1, 1), date(1998, 3, 31))
    assert value_interval("1998-02") == (date(1998, 2, 1), date(1998, 2, 28))
    assert value_interval("199") == (date(1990, 1, 1), date(1999, 12, 31))
    assert value_interval("PAST_REF") == (None, None)
    assert value_interval("P1D") == (None, None)


def test_storyline_on_the_fixture(gold, nlp):
    got = guess_doc(gold, nlp(gold.text)).systems
    mine = {g.eid: (g.relation, g.tid) for g in got["storyline"]}
    assert mine == {"e1": ("before", "t1"), "e2": ("after", "t2"), "e3": ("overlap", "t3"),
                    "e4": ("before", None)}
    # the time-expression part alone answers only where a timex governs the event
    assert {g.eid: g.relation for g in got["timex_only"]}["e4"] is None
    # the nearest-timex baseline links "said" to "Wednesday"
    assert {g.eid: g.tid for g in got["nearest_timex"]}["e4"] == "t1"


def test_cli_json_skips_malformed(tmp_path):
    from storyline.cli.app import _register, app

    _register()
    (tmp_path / "good.tml").write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "broken.tml").write_bytes(b"\xff\xfe\x00not utf-8 \xc3")
    (tmp_path / "nodct.tml").write_text("<TimeML><TEXT>No date.</TEXT></TimeML>", "utf-8")
    result = CliRunner().invoke(app, ["eval", "tlinks", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["documents"] == 1
    assert sorted(p.split(":")[0] for p in body["skipped"]) == ["broken.tml", "nodct.tml"]
    assert body["storyline"]["dct_accuracy"] == 1.0
    assert body["majority"]["dct_accuracy"] == 0.5 and body["majority"]["class"] == "before"


def test_cli_rejects_a_folder_without_timeml(tmp_path):
    from storyline.cli.app import _register, app

    _register()
    result = CliRunner().invoke(app, ["eval", "tlinks", str(tmp_path)])
    assert result.exit_code == 3


def test_timebank_runs(timebank_dir, nlp):
    """On the shared TimeBank (skipped when ../shared is absent): beats the majority class."""
    from storyline.eval.tlinks import read_folder, run

    docs, problems = read_folder(timebank_dir)
    scores = run(docs[:20], nlp)
    assert not problems
    assert scores["storyline"].table()["dct_accuracy"] > scores["majority"].table()["dct_accuracy"]


def test_a_document_that_fails_is_reported_and_left_out(gold, nlp, monkeypatch):
    import storyline.eval.tlinks as tl

    real = tl.guess_doc

    def flaky(doc, sdoc):
        if doc.name == "bad.tml":
            raise ValueError("odd file")
        return real(doc, sdoc)

    monkeypatch.setattr(tl, "guess_doc", flaky)
    bad = read_tml(FIXTURE)
    bad.name = "bad.tml"
    problems: list[str] = []
    scores = tl.run([gold, bad], nlp, problems=problems)
    assert problems == ["bad.tml: ValueError: odd file"]
    assert scores["storyline"].events == 4 and scores["majority"].dct_gold == 4
