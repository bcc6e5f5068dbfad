"""The stories yardstick: cluster scores on hand-computed toy clusters, the ECB+ reader on tiny
hand-made files, and `storyline eval stories` end to end (a malformed file is skipped)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from storyline.cli.app import _register, app
from storyline.eval.stories import doc_text, read_ecb, score_clusters

_register()
runner = CliRunner()


def test_purity_and_b3_on_toy_clusters() -> None:
    gold = {"a": "T1", "b": "T1", "c": "T1", "d": "T2", "e": "T2"}
    s = score_clusters([{"a", "b"}, {"c", "d", "e"}], gold)
    # purity (2 + 2) / 5; inverse purity (2 + 2) / 5
    assert (s.purity, s.inverse_purity, s.clusters) == (0.8, 0.8, 2)
    # B3 precision: a 1, b 1, c 1/3, d 2/3, e 2/3; recall: a 2/3, b 2/3, c 1/3, d 1, e 1
    assert s.b3_precision == pytest.approx(11 / 15)
    assert s.b3_recall == pytest.approx(11 / 15)
    assert s.b3_f1 == pytest.approx(11 / 15)


def test_perfect_and_degenerate_clusterings() -> None:
    gold = {"a": 1, "b": 1, "c": 2}
    perfect = score_clusters([{"a", "b"}, {"c"}], gold)
    assert (perfect.purity, perfect.inverse_purity, perfect.b3_f1) == (1.0, 1.0, 1.0)
    one = score_clusters([{"a", "b", "c"}], gold)
    assert one.b3_recall == 1.0 and one.b3_precision == pytest.approx((2 / 3 * 2 + 1 / 3) / 3)
    singles = score_clusters([{"a"}, {"b"}, {"c"}], gold)
    assert singles.b3_precision == 1.0 and singles.purity == 1.0
    assert singles.b3_recall == pytest.approx((1 / 2 + 1 / 2 + 1) / 3)


def _doc(name: str, sentences: list[list[str]]) -> str:
    toks, i = [], 1
    for s, words in enumerate(sentences):
        for n, w in enumerate(words):
            toks.append(f'<token t_id="{i}" sentence="{s}" number="{n}">{w}</token>')
            i += 1
    return f'<Document doc_name="{name}">\n' + "\n".join(toks) + "\n<Markables/>\n</Document>\n"


QUAKE = [["A", "strong", "earthquake", "hit", "Velmora", "on", "Monday", "."],
         ["Rescuers", "said", "the", "quake", "damaged", "the", "old", "bridge", "."]]
QUAKE2 = [["The", "Velmora", "earthquake", "damaged", "the", "old", "bridge", ",",
           "rescuers", "said", "."]]
TRIAL = [["Judge", "Orlen", "Vasks", "jailed", "the", "banker", "for", "fraud", "(", "theft",
          ")", "."]]


def _corpus(root) -> None:  # noqa: ANN001
    (root / "ECB+" / "1").mkdir(parents=True)
    (root / "ECB+" / "3").mkdir()
    (root / "ECB+" / "1" / "1_1ecb.xml").write_text(_doc("1_1ecb.xml", QUAKE), encoding="utf-8")
    (root / "ECB+" / "1" / "1_2ecb.xml").write_text(_doc("1_2ecb.xml", QUAKE2), encoding="utf-8")
    (root / "ECB+" / "3" / "3_1ecbplus.xml").write_text(_doc("3_1ecbplus.xml", TRIAL),
                                                       encoding="utf-8")  # fmt: skip
    (root / "ECB+" / "3" / "3_2ecb.xml").write_text("<Document><token", encoding="utf-8")


def test_reader_rebuilds_text_and_labels(tmp_path) -> None:
    _corpus(tmp_path)
    problems: list[str] = []
    docs = read_ecb(tmp_path, problems)
    assert [(d.name, d.topic, d.subtopic) for d in docs] == [
        ("1_1ecb", 1, "1ecb"), ("1_2ecb", 1, "1ecb"), ("3_1ecbplus", 3, "3ecbplus"),
    ]  # fmt: skip
    assert docs[0].text == (
        "A strong earthquake hit Velmora on Monday.\n\n"
        "Rescuers said the quake damaged the old bridge."
    )
    assert doc_text(tmp_path / "ECB+" / "3" / "3_1ecbplus.xml") == (
        "Judge Orlen Vasks jailed the banker for fraud (theft)."
    )
    assert len(problems) == 1 and problems[0].startswith("3_2ecb.xml")


def test_eval_stories_cli_scores_and_skips_malformed(tmp_path) -> None:
    _corpus(tmp_path)
    result = runner.invoke(app, ["eval", "stories", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["problems"] and report["problems"][0].startswith("3_2ecb.xml")
    rows = {(r["metric"], r["reference_name"]): r for r in report["rows"]}
    # topics 1 and 3 are train topics (no dev topic here, so no dev rows);
    # the two quake texts share words, the trial none
    f1 = rows[("train topic B3 F1", "all in one baseline, this run")]
    assert f1["storyline"] == 1.0 and f1["reference"] == pytest.approx(2 * (5 / 9) / (1 + 5 / 9))
    assert not any(r["metric"].startswith("dev") for r in report["rows"])
    assert runner.invoke(app, ["eval", "stories", str(tmp_path / "none")]).exit_code == 3
