"""PolNeAR attribution yardstick: brat reader, span and attribution scorers, CLI (own fixtures)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli.app import _register, app
from storyline.eval.attribution import (
    Attr,
    Score,
    attribution_agreement,
    parse_ann,
    quotes_to_attributions,
    read_split,
    score_spans,
    trim,
)
from storyline.model import Quote

POLNEAR = Path(__file__).resolve().parents[2] / ".." / "shared" / "benchmarks" / "polnear"

TEXT = ('Mara Quill said the tour was over. "We are done," a spokesman told reporters, '
        '"for good." Sales fell.\n')


def at(s: str, nth: int = 0) -> tuple[int, int]:
    """Character span of the nth occurrence of `s` in TEXT."""
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(s, i + 1)
    return i, i + len(s)


def ann_line(tid: str, kind: str, *spans: tuple[int, int]) -> str:
    offs = ";".join(f"{a} {b}" for a, b in spans)
    return f"{tid}\t{kind} {offs}\t{' '.join(TEXT[a:b] for a, b in spans)}"


GOLD_ANN = "\n".join([
    ann_line("T1", "Source", at("Mara Quill")),
    ann_line("T2", "Cue", at("said")),
    ann_line("T3", "Content", at("the tour was over.")),
    ann_line("T4", "Attribution", at("said")),
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    ann_line("T5", "Source", at("a spokesman")),
    ann_line("T6", "Cue", at("told")),
    ann_line("T7", "Content", at('"We are done,"'), at('"for good."')),
    ann_line("T8", "Attribution", at("told")),
    "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7",
    ann_line("T9", "Discard", at("Sales fell.")),
]) + "\n"

A1 = Attr(source=(at("Mara Quill"),), cue=(at("said"),), content=(at("the tour was over."),))
A2 = Attr(source=(at("a spokesman"),), cue=(at("told"),),
          content=(at('"We are done,"'), at('"for good."')))


def test_parse_ann_reads_roles_and_discontinuous_content():
    assert parse_ann(GOLD_ANN, TEXT) == [A1, A2]


def test_parse_ann_no_source():
    ann = "\n".join([ann_line("T1", "Cue", at("said")), ann_line("T2", "Content", at("the tour")),
                     ann_line("T3", "Attribution-no-source", at("said")),
                     "E1\tAttribution-no-source:T3 Content:T2 Cue:T1"])
    assert parse_ann(ann, TEXT) == [Attr((), (at("said"),), (at("the tour"),))]


def test_parse_ann_span_text_over_line_breaks():
    # brat writes a span's text as is: a newline inside it continues on the next lines
    ann = GOLD_ANN.replace("T3\tContent", "T3\tContent").replace(
        "the tour was over.\n", "the tour\n\nwas over.\n", 1)
    assert "\nwas over." in ann
    assert parse_ann(ann, TEXT) == [A1, A2]


@pytest.mark.parametrize("bad", [
    "T1\tCue 5 9999\tsaid",  # offsets outside the text
    "this is not brat",
    "E1\tAttribution:T9 Cue:T8",  # unknown annotation
])
def test_parse_ann_rejects_malformed(bad):
    with pytest.raises(ValueError):
        parse_ann(bad, TEXT)


def test_trim_drops_edge_quotes_and_punctuation():
    assert trim(TEXT, (at('"We are done,"'),)) == (at("We are done"),)


# ------------------------------------------------------------------ span scorer


def counts(c):
    return (c.gold, c.predicted, c.hit, round(c.precision, 4), round(c.recall, 4),
            round(c.f1, 4))


def test_spans_perfect():
    exact, loose = score_spans(TEXT, [A1.content, A2.content], [A1.content, A2.content])
    assert counts(exact) == counts(loose) == (2, 2, 2, 1.0, 1.0, 1.0)


def test_spans_empty_prediction():
    exact, loose = score_spans(TEXT, [A1.content], [])
    assert counts(exact) == counts(loose) == (1, 0, 0, 0.0, 0.0, 0.0)


def test_spans_one_miss():
    exact, loose = score_spans(TEXT, [A1.content, A2.content], [A1.content])
    assert counts(exact) == (2, 1, 1, 1.0, 0.5, 0.6667)


def test_spans_one_false_alarm():
    exact, loose = score_spans(TEXT, [A1.content], [A1.content, (at("Sales fell."),)])
    assert counts(exact) == counts(loose) == (1, 2, 1, 0.5, 1.0, 0.6667)


def test_spans_overlap_but_not_exact():
    # storyline's content without the quote marks and without its second part
    exact, loose = score_spans(TEXT, [A2.content], [(at("We are done"),)])
    assert counts(exact) == (1, 1, 0, 0.0, 0.0, 0.0)
    assert counts(loose) == (1, 1, 1, 1.0, 1.0, 1.0)


def test_overlap_matching_is_one_to_one():
    # two predictions inside one gold span: one match, one false alarm
    _, loose = score_spans(TEXT, [A1.content], [(at("the tour"),), (at("was over"),)])
    assert counts(loose) == (1, 2, 1, 0.5, 1.0, 0.6667)


# ----------------------------------------------------------- attribution scorer


def test_attributions_perfect_and_empty():
    assert counts(attribution_agreement(TEXT, [A1, A2], [A1, A2])) == (2, 2, 2, 1.0, 1.0, 1.0)
    assert counts(attribution_agreement(TEXT, [A1, A2], [])) == (2, 0, 0, 0.0, 0.0, 0.0)


def test_attribution_wrong_source_does_not_agree():
    wrong = Attr(source=(at("reporters"),), cue=A2.cue, content=A2.content)
    assert counts(attribution_agreement(TEXT, [A1, A2], [A1, wrong])) == \
        (2, 2, 1, 0.5, 0.5, 0.5)


def test_attribution_one_miss_one_false_alarm():
    alarm = Attr(cue=(at("fell"),), content=(at("Sales"),))
    assert counts(attribution_agreement(TEXT, [A1, A2], [A1])) == (2, 1, 1, 1.0, 0.5, 0.6667)
    assert counts(attribution_agreement(TEXT, [A1], [A1, alarm])) == (1, 2, 1, 0.5, 1.0, 0.6667)


def test_score_totals_per_role():
    total = Score()
    total.add(TEXT, [A1, A2], [A1])
    assert counts(total.exact["cue"]) == (2, 1, 1, 1.0, 0.5, 0.6667)
    assert counts(total.exact["source"]) == (2, 1, 1, 1.0, 0.5, 0.6667)
    assert counts(total.attributions) == (2, 1, 1, 1.0, 0.5, 0.6667)


def test_quotes_sharing_a_cue_are_one_attribution():
    def q(span, cue, speaker):
        return Quote(id="q", article="a", start=span[0], end=span[1], text=TEXT[slice(*span)],
                     cue=cue, speaker_span=speaker)

    quotes = [q(at("We are done"), at("told"), at("a spokesman")),
              q(at("for good"), at("told"), at("a spokesman")),
              q(at("the tour was over"), at("said"), at("Mara Quill"))]
    assert quotes_to_attributions(quotes) == [
        Attr((at("a spokesman"),), (at("told"),), (at("We are done"), at("for good"))),
        Attr((at("Mara Quill"),), (at("said"),), (at("the tour was over"),)),
    ]


# ---------------------------------------------------------------- reader, CLI


def write_split(root: Path) -> Path:
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir()
    (root / "dev" / "text" / "good.txt").write_text(TEXT, encoding="utf-8")
    (root / "dev" / "attributions" / "good_ab12.ann").write_text(GOLD_ANN, encoding="utf-8")
    (root / "dev" / "text" / "bad.txt").write_text(TEXT, encoding="utf-8")
    (root / "dev" / "attributions" / "bad_ab12.ann").write_text("garbage line\n", "utf-8")
    (root / "dev" / "attributions" / "orphan_ab12.ann").write_text(GOLD_ANN, "utf-8")
    return root


def test_read_split_reports_and_skips_malformed(tmp_path):
    docs, problems = read_split(write_split(tmp_path), "dev")
    assert [d.name for d in docs] == ["good"]
    assert docs[0].gold == [A1, A2]
    assert len(problems) == 2
    assert problems[0].startswith("bad_ab12.ann: line 1")
    assert problems[1].startswith("orphan_ab12.ann")


def test_cli_scores_a_folder_and_skips_malformed(tmp_path):
    _register()
    result = CliRunner().invoke(app, ["eval", "attribution", str(write_split(tmp_path)),
                                      "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report["problems"]) == 2
    metrics = {r["metric"]: r for r in report["rows"]}
    assert metrics["attribution agreement F1"]["reference"] == 0.923
    # storyline finds both attributions of the fixture, with exact cues
    assert metrics["cue span F1, exact"]["storyline"] == 1.0
    assert metrics["attribution agreement F1"]["storyline"] == 1.0


def test_cli_missing_folder(tmp_path):
    _register()
    result = CliRunner().invoke(app, ["eval", "attribution", str(tmp_path / "nope")])
    assert result.exit_code == 3


def test_polnear_dev_reads():
    if not POLNEAR.is_dir():
        pytest.skip(f"../shared/benchmarks/polnear not found at {POLNEAR}")
    docs, problems = read_split(POLNEAR, "dev")
    assert len(docs) == 84 and not problems
    assert sum(len(d.gold) for d in docs) > 2000
    for d in docs[:10]:
        for a in d.gold:
            assert a.cue or a.content


def test_a_complementizer_before_the_content_joins_it():
    from storyline.eval.attribution import with_complementizer

    text = "Officials said that the bridge reopened. Rivals said nothing."
    att = Attr(cue=((10, 14),), content=((20, 39),))
    assert text[20:39] == "the bridge reopened"
    assert with_complementizer(text, att).content == ((15, 39),)
    other = Attr(cue=((47, 51),), content=((52, 59),))
    assert with_complementizer(text, other) == other
