"""`storyline timex` and `storyline eval timex` through typer's CliRunner."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from storyline.cli.app import _register, app
from storyline.eval.timeml import parse_tml

_register()
runner = CliRunner()

TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-13" functionInDocument="CREATION_TIME">19980213</TIMEX3></DCT>
<TEXT>
Officials <EVENT eid="e1" class="REPORTING">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-02-12">Thursday</TIMEX3> that profit rose in the fourth quarter.
</TEXT>
</TimeML>
"""  # noqa: E501


def test_timex_json_on_a_file(tmp_path):
    text = "The couple married on August 4, 2012, and split last month. Portman, 42, smiled."
    f = tmp_path / "a.txt"
    f.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["timex", str(f), "--date", "2024-02-23", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["text"]: r["value"] for r in rows} == {
        "August 4, 2012": "2012-08-04",
        "last month": "2024-01",
    }
    for r in rows:
        assert text[r["start"] : r["end"]] == r["text"]
        assert set(r) == {"start", "end", "text", "type", "value", "earliest", "latest"}
    assert rows[1]["earliest"] == "2024-01-01" and rows[1]["latest"] == "2024-01-31"


def test_timex_rejects_bad_input(tmp_path):
    assert runner.invoke(app, ["timex", str(tmp_path / "missing.txt")]).exit_code == 3
    f = tmp_path / "a.txt"
    f.write_text("today", encoding="utf-8")
    assert runner.invoke(app, ["timex", str(f), "--date", "23/02/2024"]).exit_code == 2
    assert runner.invoke(app, ["timex"]).exit_code == 2


def test_tml_task_a_and_eval_round_trip(tmp_path):
    gold_dir, out_dir = tmp_path / "gold", tmp_path / "out"
    gold_dir.mkdir()
    (gold_dir / "d1.tml").write_text(TML, encoding="utf-8")
    result = runner.invoke(app, ["timex", "--tml", str(gold_dir), "--out", str(out_dir)])
    assert result.exit_code == 0, result.output
    written = (out_dir / "d1.tml").read_text(encoding="utf-8")
    assert written.split("<TEXT>")[0] == TML.split("<TEXT>")[0]
    doc = parse_tml(written)
    assert doc.text == parse_tml(TML).text
    assert {(t.text, t.value) for t in doc.timexes} == {
        ("Thursday", "1998-02-12"),
        ("the fourth quarter", "1997-Q4"),
    }
    scored = runner.invoke(app, ["eval", "timex", str(gold_dir), "--pred", str(out_dir),
                                 "--json"])  # fmt: skip
    assert scored.exit_code == 0, scored.output
    table = json.loads(scored.stdout)
    assert table["gold"] == 1 and table["predicted"] == 2
    assert table["strict_f1"] == table["value_f1"] == round(2 / 3, 4)


def test_eval_timex_tags_itself_and_prints_a_table(tmp_path):
    (tmp_path / "d1.tml").write_text(TML, encoding="utf-8")
    result = runner.invoke(app, ["eval", "timex", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "strict" in result.stdout and "value" in result.stdout
    assert runner.invoke(app, ["eval", "timex", str(tmp_path / "none")]).exit_code == 3
