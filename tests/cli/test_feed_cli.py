"""`storyline stories` and --story on the commands that read a store."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from storyline import api
from storyline.cli.app import EXIT_INPUT, EXIT_USAGE, _register, app

_register()
runner = CliRunner()


@pytest.fixture
def store(feed_store, tmp_path):
    dest = tmp_path / "feed.db"
    shutil.copy(feed_store, dest)
    return dest


def test_stories_lists_the_feed_as_json_and_as_a_table(store) -> None:
    result = runner.invoke(app, ["stories", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["id"], r["articles"], r["first"], r["last"], r["built"]) for r in rows] == [
        ("s1", 3, "2024-03-04", "2024-03-07", True), ("s2", 3, "2024-03-04", "2024-03-09", True),
        ("s3", 2, "2024-03-05", "2024-03-06", True),
    ]  # fmt: skip
    assert rows[2]["title"] == "Lumora Systems admits data breach affecting customer accounts"
    assert rows[2]["entities"][:2] == ["Lumora Systems", "Renata Osk"]
    table = runner.invoke(app, ["stories", str(store)])
    assert table.exit_code == 0 and "3 stories in" in table.stdout and "s3" in table.stdout
    bad = runner.invoke(app, ["stories", str(store), "--format", "xml"])
    assert bad.exit_code == EXIT_USAGE


def test_show_state_export_and_timeline_read_one_story(store, tmp_path) -> None:
    shown = runner.invoke(app, ["show", str(store), "--story", "s3", "--json"])
    assert shown.exit_code == 0, shown.output
    rows = json.loads(shown.stdout)
    assert rows == api.timeline(api.load_story(store, "s3"))
    assert {p for r in rows for p in r["participants"]} & {"Renata Osk", "Lumora Systems"}
    assert not {p for r in rows for p in r["participants"]} & {"Ilse Marrick", "Odile Brask"}
    whole = json.loads(runner.invoke(app, ["show", str(store), "--json"]).stdout)
    assert len(whole) > len(rows)  # the whole store's story holds every story's events
    out = tmp_path / "s2.json"
    exported = runner.invoke(app, ["export", str(store), "--story", "s2", "--format", "json",
                                   "--out", str(out)])  # fmt: skip
    assert exported.exit_code == 0, exported.output
    assert len(json.loads(out.read_text())["articles"]) == 3
    state = runner.invoke(app, ["state", str(store), "--story", "s2", "--entity", "Ilse Marrick",
                                "--at", "2024-03", "--json"])  # fmt: skip
    assert state.exit_code == 0, state.output
    timeline = runner.invoke(app, ["timeline", str(store), "--story", "s1",
                                   "--out", str(tmp_path / "tl")])  # fmt: skip
    assert timeline.exit_code == 0, timeline.output


@pytest.mark.parametrize("command", ["show", "state", "export", "timeline"])
def test_an_unknown_story_exits_3_with_the_known_ids(store, tmp_path, command) -> None:
    extra = {"show": [], "state": ["--entity", "Renata Osk", "--at", "2024"],
             "export": ["--format", "csv", "--out", str(tmp_path / "x.csv")],
             "timeline": ["--out", str(tmp_path / "tl")]}[command]  # fmt: skip
    result = runner.invoke(app, [command, str(store), "--story", "s7", *extra])
    assert result.exit_code == EXIT_INPUT, result.output
    assert "no story 's7'" in result.output and "s1, s2, s3" in result.output
    assert "Traceback" not in result.output


def test_ingest_says_how_many_stories_and_which_were_built(store, tmp_path) -> None:
    new = tmp_path / "09.txt"
    new.write_text(" date 2024-03-10 Sport Daily\nKestrel Rovers keep Jonas Fell as manager\n\n"
                   "Kestrel Rovers chairman Piet Haldane said on Sunday that interim manager "
                   "Jonas Fell will stay in charge of the football club, a week after Ilse "
                   "Marrick was sacked as manager of Kestrel Rovers.\n")  # fmt: skip
    result = runner.invoke(app, ["ingest", str(new), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "(3 stories; built anew: s2)" in result.stdout
