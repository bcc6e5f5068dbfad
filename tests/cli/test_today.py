"""`today` is a setting: a fixed --today gives the same story.json on any day."""

from __future__ import annotations

import json
from datetime import date

from typer.testing import CliRunner

from storyline.cli.app import _register, app

_register()
runner = CliRunner()

DATED = """ date 2024-03-12 Fictional Courier
Mayor Ada Brant resigns

Mayor Ada Brant resigned on Monday, the city council said.
"""
UNDATED = """Council names interim mayor

The council named Tom Ivers interim mayor after Ada Brant resigned. Ivers was first elected
in 2019.
"""


def _corpus(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "dated.txt").write_text(DATED, encoding="utf-8")
    (src / "undated.txt").write_text(UNDATED, encoding="utf-8")
    return src


def test_fixed_today_gives_byte_identical_story_json(tmp_path):
    src = _corpus(tmp_path)
    outs = []
    for n in (1, 2):
        out = tmp_path / f"out{n}"
        result = runner.invoke(app, ["build", str(src), "--out", str(out), "--today",
                                     "2024-07-01", "--json"])
        assert result.exit_code == 0, result.output
        outs.append((out / "story.json").read_bytes())
    assert outs[0] == outs[1]
    story = json.loads(outs[0])
    undated = next(a for a in story["articles"] if a["path"].endswith("undated.txt"))
    # 2019 bounds it from below, nothing from above: up to the fixed today, not the run's day
    assert undated["published"]["latest"] == "2024-07-01"


def test_today_must_be_a_date(tmp_path):
    src = _corpus(tmp_path)
    result = runner.invoke(app, ["build", str(src), "--out", str(tmp_path / "o"),
                                 "--today", "July"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["ingest", str(src), "--store", str(tmp_path / "s.db"),
                                 "--today", "2024-13-01"])
    assert result.exit_code == 2


def test_settings_today_reaches_dating():
    import tempfile
    from pathlib import Path

    from storyline.ingest.read import read_articles
    from storyline.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "undated.txt"
        f.write_text(UNDATED, encoding="utf-8")
        art = read_articles([str(f)], Settings(today=date(2020, 5, 5)))[0]
    assert art.published is not None and art.published.latest == date(2020, 5, 5)
