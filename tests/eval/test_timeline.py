"""SemEval-2015 Task 4 TimeLine: reader, temporal-awareness scorer on hand-made timelines
(scores computed by hand in the comments), the official example's score, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.eval.timeline import (
    Timeline,
    TimelineFormatError,
    parse_timeline,
    read_timeline_dir,
    reduced_graph,
    score_timeline,
    score_timelines,
    task_tlinks,
    timeline_tlinks,
    write_timeline,
)

TASK = Path(__file__).resolve().parents[2] / ".." / "shared" / "benchmarks" / "semeval2015-t4-trial"


def tl(*lines: str) -> Timeline:
    return parse_timeline("Target\n" + "\n".join(lines) + "\n")


# Three events on three days: TLINKs a=t1, b=t2, c=t3, a<b, b<c (none implied): 5.
GOLD = tl("1\t2020-01-01\t1-1-a", "2\t2020-02-01\t2-1-b", "3\t2020-03-01\t3-1-c")


def test_tlinks_as_the_task_tool_writes_them():
    # lines sorted by their text (order, anchor, then mentions, numbers as numbers: 9 < 10),
    # order-0 lines left out, every anchor value a TIMEX3 (XXXX-XX-XX too), each mention
    # SIMULTANEOUS with its line's anchor, then the chain: BEFORE into a higher order
    t = tl("2\t2020\t3-1-b", "0\tXXXX-XX-XX\t9-0-z", "1\t2020-01\t10-1-a",
           "1\t2020-01\t9-4-a2", "3\tXXXX-XX-XX\t4-2-c")  # fmt: skip
    assert timeline_tlinks(t) == [
        ("9-4-a2", "t:2020-01", "SIMULTANEOUS"),
        ("10-1-a", "t:2020-01", "SIMULTANEOUS"),
        ("3-1-b", "t:2020", "SIMULTANEOUS"),
        ("4-2-c", "t:XXXX-XX-XX", "SIMULTANEOUS"),
        ("9-4-a2", "10-1-a", "SIMULTANEOUS"),
        ("10-1-a", "3-1-b", "BEFORE"),
        ("3-1-b", "4-2-c", "BEFORE"),
    ]
    assert timeline_tlinks(t, anchors=False) == [  # the tool's --ord: ordering only
        ("9-4-a2", "10-1-a", "SIMULTANEOUS"),
        ("10-1-a", "3-1-b", "BEFORE"),
        ("3-1-b", "4-2-c", "BEFORE"),
    ]


def test_system_mentions_take_the_gold_nodes_as_the_tool_numbers_them():
    # gold 1-1-a at sorted positions 0, 2, 3: nodes 1-1-a, 1-1-a#2, 1-1-a#3. The tool gives
    # a system mention's n-th occurrence the gold occurrence found from (first + n): the
    # third system 1-1-a lands on position 2 again, so it is 1-1-a#2 twice; its order and
    # anchor are the last line's (the tool keys them by node). x is no gold mention.
    gold = tl("1\t2020\t1-1-a", "2\t2021\t2-1-b", "3\t2022\t1-1-a", "4\t2023\t1-1-a")
    system = tl("1\t2020\t1-1-a", "3\t2022\t1-1-a", "4\t2023\t1-1-a\t9-9-x")
    gold_links, sys_links = task_tlinks(gold, system)
    assert gold_links[:4] == [("1-1-a", "t:2020", "SIMULTANEOUS"),
                              ("2-1-b", "t:2021", "SIMULTANEOUS"),
                              ("1-1-a#2", "t:2022", "SIMULTANEOUS"),
                              ("1-1-a#3", "t:2023", "SIMULTANEOUS")]  # fmt: skip
    assert sys_links == [
        ("1-1-a", "t:2020", "SIMULTANEOUS"),
        ("1-1-a#2", "t:2023", "SIMULTANEOUS"),
        ("1-1-a#2", "t:2023", "SIMULTANEOUS"),
        ("9-9-x", "t:2023", "SIMULTANEOUS"),
        ("1-1-a", "1-1-a#2", "BEFORE"),
        ("1-1-a#2", "1-1-a#2", "SIMULTANEOUS"),
        ("1-1-a#2", "9-9-x", "SIMULTANEOUS"),
    ]
    extra = tl("1\t2020\t1-1-a\t1-1-a\t1-1-a\t1-1-a")  # more than the gold's three: new node
    assert [x for x, _, rel in task_tlinks(gold, extra)[1] if rel == "SIMULTANEOUS"][:4] == [
        "1-1-a", "1-1-a#2", "1-1-a#2", "1-1-a#4"]


def test_reduced_graph_drops_implied_keeps_violations():
    _, kept = reduced_graph([("a", "b", "BEFORE"), ("b", "c", "BEFORE"), ("a", "c", "BEFORE")])
    assert kept == [("a", "b", "BEFORE"), ("b", "c", "BEFORE")]
    graph, kept = reduced_graph([("a", "b", "BEFORE"), ("b", "a", "BEFORE")])
    assert len(kept) == 2  # the violating link is not added, but counted (as TempEval-3)
    assert graph.holds("a", "b", "BEFORE") and not graph.holds("b", "a", "BEFORE")
    graph, kept = reduced_graph([("a", "t", "SIMULTANEOUS"), ("b", "t", "SIMULTANEOUS"),
                                 ("a", "b", "SIMULTANEOUS")])  # fmt: skip
    assert len(kept) == 2 and graph.holds("b", "a", "SIMULTANEOUS")


def test_closure_through_inclusion():
    graph, kept = reduced_graph([("a", "t", "IS_INCLUDED"), ("t", "b", "BEFORE"),
                                 ("a", "b", "BEFORE"), ("b", "a", "AFTER")])  # fmt: skip
    assert kept == [("a", "t", "IS_INCLUDED"), ("t", "b", "BEFORE")]
    assert graph.holds("t", "a", "INCLUDES") and not graph.holds("a", "t", "SIMULTANEOUS")


def test_perfect_prediction_scores_one():
    s = score_timeline(GOLD, GOLD)
    assert (s.precision_matched, s.system_total, s.recall_matched, s.gold_total) == (5, 5, 5, 5)
    assert s.f1 == 1.0


def test_empty_and_missing_prediction_score_zero():
    for system in (tl(), None):
        s = score_timeline(GOLD, system)
        assert (s.system_total, s.recall_matched, s.gold_total) == (0, 0, 5)
        assert s.precision == s.recall == s.f1 == 0.0


def test_one_missed_event():
    # system a=t1, b=t2, a<b: all 3 in gold -> P 3/3; gold's 5: c's two links missed -> R 3/5
    s = score_timeline(GOLD, tl("1\t2020-01-01\t1-1-a", "2\t2020-02-01\t2-1-b"))
    assert (s.precision, s.recall) == (1.0, 0.6)
    assert s.f1 == pytest.approx(0.75)


def test_one_false_alarm():
    # gold a, b (3 links); system adds x on 2020-03-01: x=t3 and b<x unverified -> P 3/5, R 1
    gold = tl("1\t2020-01-01\t1-1-a", "2\t2020-02-01\t2-1-b")
    system = tl("1\t2020-01-01\t1-1-a", "2\t2020-02-01\t2-1-b", "3\t2020-03-01\t9-9-x")
    s = score_timeline(gold, system)
    assert (s.precision, s.recall) == (0.6, 1.0)
    assert s.f1 == pytest.approx(0.75)


def test_one_wrong_order():
    # ordering only (no anchors): gold a<b<c (2 links); system a<c<b: a<c holds in gold,
    # c<b not -> P 1/2; gold a<b holds in the system's closure, b<c not -> R 1/2
    gold = tl("1\tXXXX-XX-XX\t1-1-a", "2\tXXXX-XX-XX\t1-2-b", "3\tXXXX-XX-XX\t1-3-c")
    system = tl("1\tXXXX-XX-XX\t1-1-a", "2\tXXXX-XX-XX\t1-3-c", "3\tXXXX-XX-XX\t1-2-b")
    s = score_timeline(gold, system, anchors=False)
    assert (s.precision, s.recall, s.f1) == (0.5, 0.5, 0.5)


def test_undated_ordered_lines_share_one_timex():
    # a, b both XXXX-XX-XX, a before b: a=t, b=t, a<b. In the timegraph b takes t's ends,
    # so a<b contradicts a=t=b: not added, but counted (3 reduced links). The system
    # with b before a scores the two anchor links only: P 2/3 (b<a is no gold link and
    # not implied), R 2/3; the gold against itself 3/3 (a<b is a gold link).
    gold = tl("1\tXXXX-XX-XX\t1-1-a", "2\tXXXX-XX-XX\t1-2-b")
    s = score_timeline(gold, gold)
    assert (s.precision_matched, s.system_total, s.recall_matched, s.gold_total) == (3, 3, 3, 3)
    s = score_timeline(gold, tl("1\tXXXX-XX-XX\t1-2-b", "2\tXXXX-XX-XX\t1-1-a"))
    assert (s.precision_matched, s.system_total, s.recall_matched, s.gold_total) == (2, 3, 2, 3)


def test_order_zero_lines_and_line_order_do_not_count():
    # the tool leaves order-0 lines out and sorts the lines: a wrong undated event and the
    # lines shuffled change nothing
    system = tl("3\t2020-03-01\t3-1-c", "0\tXXXX-XX-XX\t9-9-x", "1\t2020-01-01\t1-1-a",
                "2\t2020-02-01\t2-1-b")  # fmt: skip
    s = score_timeline(GOLD, system)
    assert (s.precision_matched, s.system_total, s.recall_matched, s.gold_total) == (5, 5, 5, 5)
    s = score_timeline(tl("0\tXXXX-XX-XX\t1-1-a"), GOLD)  # a gold of order-0 lines only
    assert (s.precision_matched, s.system_total, s.recall_matched, s.gold_total) == (0, 5, 0, 0)


def test_micro_average_sums_counts():
    gold = {"a": GOLD, "b": tl("1\t2020-01-01\t1-1-a")}
    s = score_timelines(gold, {"a": GOLD})  # b missing: 1 gold link unmatched
    assert (s.precision_matched, s.system_total, s.recall_matched, s.gold_total) == (5, 5, 5, 6)
    assert s.timelines == 2


def test_reader_round_trip_and_malformed_files_skipped(tmp_path):
    text = "iPod\n0\tXXXX-XX-XX\t7-1-sold\n1\t2006-01\t4-5-use\t5-2-used\n2\tXXX-XX-XX\t4-9-x\n"
    (tmp_path / "ipod.txt").write_text(text, encoding="utf-8")
    (tmp_path / "bad_order.txt").write_text("E\nfirst\t2006\t1-1-a\n", encoding="utf-8")
    (tmp_path / "bad_anchor.txt").write_text("E\n1\tMarch\t1-1-a\n", encoding="utf-8")
    (tmp_path / "bad_mention.txt").write_text("E\n1\t2006\tsold\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\x00E")
    timelines, problems = read_timeline_dir(tmp_path)
    assert list(timelines) == ["ipod"]
    assert write_timeline(timelines["ipod"]) == text
    assert not timelines["ipod"].events[2].anchored  # the gold's odd XXX-XX-XX is no anchor
    assert sorted(p.split(":")[0].split(" ")[0] for p in problems) == [
        "bad_anchor.txt", "bad_mention.txt", "bad_order.txt", "binary.txt", "empty.txt"]
    with pytest.raises(TimelineFormatError, match="line|:2"):
        parse_timeline("E\n1\t2006\n")


@pytest.fixture(scope="module")
def task_dir() -> Path:
    if not TASK.is_dir():
        pytest.skip(f"../shared/benchmarks/semeval2015-t4-trial not found at {TASK}")
    return TASK


def test_example_output_scores_the_official_70_20(task_dir):
    gold, problems = read_timeline_dir(task_dir / "gold_timelines")
    system, more = read_timeline_dir(task_dir / "example_system_output")
    assert problems == more == []
    s = score_timelines(gold, system)
    # the task's conversion (evaluation_timeline.py) and TempEval-3's timegraph: the tool's
    # micro P 90.2439, R 57.4468, F1 70.20
    assert (s.precision_matched, s.system_total, s.recall_matched, s.gold_total) == (
        148, 164, 135, 235)
    assert round(100 * s.f1, 2) == 70.20


def _task_fixture(root: Path) -> Path:
    (root / "gold_timelines").mkdir(parents=True)
    (root / "pred").mkdir()
    (root / "gold_timelines" / "target.txt").write_text(
        "Target\n1\t2020-01-01\t1-1-a\n2\t2020-02-01\t2-1-b\n3\t2020-03-01\t3-1-c\n")
    (root / "pred" / "target.txt").write_text(
        "Target\n1\t2020-01-01\t1-1-a\n2\t2020-02-01\t2-1-b\n")
    (root / "pred" / "junk.txt").write_text("Junk\nnot a line\n")
    return root


def test_cli_scores_a_prediction_folder(tmp_path):
    from storyline.cli.app import _register, app

    _register()
    root = _task_fixture(tmp_path)
    result = CliRunner().invoke(app, ["eval", "timeline", str(root), "--pred",
                                      str(root / "pred"), "--json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["precision"], data["recall"]) == (1.0, 0.6)
    assert data["f1"] == pytest.approx(0.75)
    assert len(data["problems"]) == 1 and "junk.txt" in data["problems"][0]
    assert [r["reference"] for r in data["rows"]] == [7.85, 28.58]
    missing = CliRunner().invoke(app, ["eval", "timeline", str(tmp_path / "nope")])
    assert missing.exit_code == 3


def test_cli_writes_task_files_for_a_store(tmp_path, frontdoor_store):
    from storyline.api import load_story
    from storyline.cli.app import _register, app

    _register()
    targets = tmp_path / "targets.txt"
    targets.write_text("Tomas Brennan\nNobody Here\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["timeline", str(frontdoor_store), "--format",
                                      "semeval2015", "--out", str(out), "--entities",
                                      str(targets)])  # fmt: skip
    assert result.exit_code == 0, result.output
    timelines, problems = read_timeline_dir(out)
    assert problems == [] and sorted(timelines) == ["nobody_here", "tomas_brennan"]
    assert timelines["nobody_here"].events == []
    story = load_story(frontdoor_store)
    ids = {a.id for a in story.articles}
    lines = timelines["tomas_brennan"].events
    assert lines and all(m.split("-")[0] in ids for ev in lines for m in ev.mentions)
    assert [ev.order for ev in lines] == sorted(ev.order for ev in lines)
    assert any(ev.anchor == "2009" for ev in lines)  # married in 2009, at year precision
    bad = CliRunner().invoke(app, ["timeline", str(frontdoor_store), "--format", "xml",
                                   "--out", str(out)])  # fmt: skip
    assert bad.exit_code == 2


def _cat(doc_id: int, sentences: list[str], dct: str) -> str:
    """A hand-made CAT document: one <token> per space-separated word."""
    out = [f'<?xml version="1.0" ?><Document doc_id="{doc_id}" doc_name="{doc_id}-test">']
    t = 0
    for si, sent in enumerate(sentences):
        for w in sent.split():
            t += 1
            out.append(f'<token number="{t - 1}" sentence="{si}" t_id="{t}">{w}</token>')
    out.append(f'<Markables><TIMEX3 m_id="1" type="DATE" value="{dct}" '
               'functionInDocument="CREATION_TIME"/></Markables><Relations/></Document>')
    return "\n".join(out)


def test_storyline_run_maps_triggers_to_cat_tokens(tmp_path):
    from storyline.eval.timeline import run_on_input

    sents = ["Councillor resigns",
             "Lakeport councillor Ada Brennan resigned on Friday , May 3 , 2024 .",
             "She opened the ferry terminal in 2019 ."]  # fmt: skip
    (tmp_path / "input_CAT").mkdir()
    (tmp_path / "input_CAT" / "101-ferry.xml").write_text(_cat(101, sents, "2024-05-04"))
    (tmp_path / "input_CAT" / "102-broken.xml").write_text("<Document><token")
    run = run_on_input(tmp_path, ["Ada Brennan"])
    assert run.documents == 1
    assert len(run.problems) == 1 and run.problems[0].startswith("102-broken.xml")
    lines = run.timelines["ada_brennan"].events
    assert any(ev.anchor == "2024-05-03" and ev.order > 0 and "101-1-resigned" in ev.mentions
               for ev in lines)  # fmt: skip
    for ev in lines:  # every mention is a token of the sentence it names, lower case
        for m in ev.mentions:
            doc, sent, word = m.split("-", 2)
            assert doc == "101" and word in sents[int(sent)].lower().split()


def test_timegraph_keeps_tempeval3_quirks():
    # TempEval-3's timegraph, not exact closure: the ends of a and b made SIMULTANEOUS in
    # one link are distinct points of one chain, so c placed AFTER a and d AFTER b both
    # start at the next pseudo-time and come out SIMULTANEOUS (exact closure: unknown).
    graph, kept = reduced_graph([("a", "b", "SIMULTANEOUS"), ("c", "a", "AFTER"),
                                 ("d", "b", "AFTER")])  # fmt: skip
    assert len(kept) == 3 and graph.holds("c", "d", "SIMULTANEOUS")
    # x put BEFORE a chain's first point starts at pseudo-time -1000, and so does w put
    # BEFORE x: their starts are equal in the timegraph.
    graph, _ = reduced_graph([("a", "b", "BEFORE"), ("x", "a", "BEFORE"), ("w", "x", "BEFORE")])
    assert graph.point_rel("w_s", "x_s") == "="
    assert graph.holds("w", "x", "BEFORE") and graph.holds("x", "b", "BEFORE")
    # a link to a new interval is placed unchecked; one between known intervals is checked
    graph, kept = reduced_graph([("a", "b", "BEFORE"), ("c", "b", "SIMULTANEOUS"),
                                 ("c", "a", "BEFORE")])  # fmt: skip
    assert kept == [("a", "b", "BEFORE"), ("c", "b", "SIMULTANEOUS"), ("c", "a", "BEFORE")]
    assert not graph.holds("c", "a", "BEFORE")  # violated: c = b > a; counted, not added
