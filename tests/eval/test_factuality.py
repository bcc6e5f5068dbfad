"""Factuality yardstick: JSON lines reader, Pearson r / MAE scorer, mapping, CLI, own fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli.app import _register, app
from storyline.eval.factuality import (
    SCALE,
    Sentence,
    Target,
    baseline_of,
    evaluate,
    mae,
    parse_line,
    pearson,
    predict,
    read_jsonl,
    score,
)
from storyline.model import CERTAINTIES

UDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "benchmarks" / "factuality" / \
    "UDS_IH2"


def line(text: str, *targets: tuple[int, float]) -> str:
    toks = text.split()
    return json.dumps({"text": text, "targets": [
        {"span1": [i, i + 1], "label": lab, "span_text": toks[i]} for i, lab in targets]})


def test_every_certainty_has_a_point_on_the_scale():
    assert set(SCALE) == set(CERTAINTIES)
    assert all(-3 <= v <= 3 for v in SCALE.values())
    assert SCALE["asserted"] == 3 and SCALE["negated"] == -3


def test_parse_line():
    s = parse_line(line("He left .", (1, 3.0)))
    assert s == Sentence(["He", "left", "."], [Target(1, 2, 3.0, "left")])


@pytest.mark.parametrize("bad", [
    "{not json",
    json.dumps({"targets": []}),
    json.dumps({"text": "He left .", "targets": [{"span1": [5, 6], "label": 1}]}),
    json.dumps({"text": "He left .", "targets": [{"span1": [1, 2], "label": 7}]}),
    json.dumps({"text": "He left .", "targets": [{"label": 1}]}),
    json.dumps({"text": "He left .", "targets": []}),
])
def test_parse_line_rejects(bad):
    with pytest.raises(ValueError):
        parse_line(bad)


def test_pearson_and_mae_by_hand():
    assert pearson([1, 2, 3], [1, 2, 3]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    # x = 0,0,3 ; y = 0,3,3: cov 3, sxx 6, syy 6 -> r = 3/6 = 0.5
    assert pearson([0, 0, 3], [0, 3, 3]) == pytest.approx(0.5)
    assert pearson([1, 1, 1], [0, 1, 2]) is None  # a constant: r undefined
    assert pearson([], []) is None
    assert mae([3, 0], [1, 1]) == pytest.approx(1.5)
    assert mae([], []) is None


def sentences():
    return [Sentence(["a", "b"], [Target(0, 1, 3.0), Target(1, 2, -3.0)]),
            Sentence(["c"], [Target(0, 1, 0.0)])]


def test_score_perfect():
    s = score(sentences(), [["asserted", "negated"], ["speculated"]], baseline=1.0)
    assert s.predicted == [3.0, -3.0, 0.0]
    assert s.r == pytest.approx(1.0) and s.mae == 0.0
    assert s.baseline_mae == pytest.approx((2 + 4 + 1) / 3)


def test_score_one_miss():
    # the negated event rated as asserted: errors 0, 6, 0
    s = score(sentences(), [["asserted", "asserted"], ["speculated"]], baseline=0.0)
    assert s.mae == pytest.approx(2.0)
    # x = 3,3,0, y = 3,-3,0: mx 2, my 0, cov = 1*3 + 1*(-3) + (-2)*0 = 0, so r = 0
    assert s.r == pytest.approx(0.0)


def test_score_one_false_alarm():
    # a happened event rated as denied
    s = score(sentences(), [["denied", "negated"], ["speculated"]], baseline=0.0)
    assert s.mae == pytest.approx(5 / 3)
    assert s.certainties == {"denied": 1, "negated": 1, "speculated": 1}


def test_read_jsonl_reports_and_skips_malformed(tmp_path):
    f = tmp_path / "dev.jsonl"
    f.write_text("\n".join([line("He left .", (1, 3.0)), "{broken", "",
                            line("She did not go .", (3, -3.0))]) + "\n", encoding="utf-8")
    sents, problems = read_jsonl(f)
    assert [s.tokens[0] for s in sents] == ["He", "She"]
    assert len(problems) == 1 and problems[0].startswith("dev.jsonl:2: not JSON")


def test_baseline_is_the_mean_train_label(tmp_path):
    (tmp_path / "train.jsonl").write_text(
        line("a b c", (0, 3.0), (1, 1.0)) + "\n" + line("d", (0, -1.0)) + "\n", "utf-8")
    base, name, problems = baseline_of(tmp_path, "dev", [])
    assert base == pytest.approx(1.0) and "train" in name and not problems


def test_storyline_on_fixture_sentences(nlp):
    sents = [parse_line(line("The company did not release the figures .", (4, -3.0))),
             parse_line(line("Officials hope to reopen the bridge .", (3, 0.0))),
             parse_line(line("The bridge reopened on Monday .", (2, 3.0)))]
    assert predict(sents, nlp) == [["negated"], ["hypothetical"], ["asserted"]]


def write_folder(root: Path) -> Path:
    root.mkdir(exist_ok=True)
    (root / "train.jsonl").write_text(line("He left .", (1, 3.0)) + "\n" +
                                      line("He did not leave .", (3, -1.0)) + "\n", "utf-8")
    (root / "dev.jsonl").write_text("\n".join([
        line("The company did not release the figures .", (4, -3.0)),
        "not a json line",
        line("The bridge reopened on Monday .", (2, 3.0)),
    ]) + "\n", "utf-8")
    return root


def test_evaluate_folder(tmp_path):
    report = evaluate(write_folder(tmp_path / "uds"), "dev")
    assert len(report.problems) == 1
    rows = {r.metric: r for r in report.rows}
    assert rows["Pearson r"].storyline == pytest.approx(1.0)
    assert rows["mean absolute error"].storyline == pytest.approx(0.0)
    # baseline: mean train label 1.0 -> errors 4 and 2
    assert rows["mean absolute error"].reference == pytest.approx(3.0)
    assert rows["Pearson r"].reference is None


def test_cli(tmp_path):
    _register()
    result = CliRunner().invoke(app, ["eval", "factuality", str(write_folder(tmp_path / "u")),
                                      "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report["problems"]) == 1
    missing = CliRunner().invoke(app, ["eval", "factuality", str(tmp_path / "none")])
    assert missing.exit_code == 3


def test_uds_ih2_reads():
    if not UDS.is_dir():
        pytest.skip(f"../shared/benchmarks/factuality/UDS_IH2 not found at {UDS}")
    sents, problems = read_jsonl(UDS / "dev.jsonl")
    assert len(sents) == 1246 and not problems
    assert sum(len(s.targets) for s in sents) == 2642
