"""build, ingest, show, state, export and serve through typer's CliRunner."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from storyline.cli.app import EXIT_FAILED, EXIT_INPUT, EXIT_USAGE, _register, app

_register()
runner = CliRunner()


@pytest.fixture
def store(frontdoor_store, tmp_path):
    dest = tmp_path / "story.db"
    shutil.copy(frontdoor_store, dest)
    return dest


def test_build_writes_all_three_reports_and_lists_skipped_inputs(frontdoor_corpus, tmp_path):
    result = runner.invoke(app, ["build", str(frontdoor_corpus), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    for name in ("story.json", "story.md", "story.html"):
        assert (tmp_path / "o" / name).is_file()
    assert "03-lake-wire.jsonl#2: invalid JSON" in result.output
    assert json.loads((tmp_path / "o" / "story.json").read_text())["schema"] == "storyline/1"


def test_build_json_summary(frontdoor_corpus, tmp_path):
    result = runner.invoke(app, ["build", str(frontdoor_corpus), "--out", str(tmp_path), "--json"])
    data = json.loads(result.stdout)
    assert data["used"] == 3 and data["written"]["html"].endswith("story.html")


def test_build_counts_a_copied_article_once_and_says_so(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    text = " date 2025-03-04 Fjord Post\nThe mayor of Ostvik resigned on Monday, officials said.\n"
    (corpus / "a.txt").write_text(text, encoding="utf-8")
    (corpus / "b.txt").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "2 inputs: 1 used, 1 copy (counted once), 0 skipped" in result.output
    as_json = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "j"), "--json"])
    data = json.loads(as_json.stdout)
    assert (data["used"], data["duplicates"]) == (1, 1)


def test_build_missing_input_and_nothing_usable(tmp_path):
    missing = runner.invoke(app, ["build", str(tmp_path / "nope.txt"), "--out", str(tmp_path)])
    assert missing.exit_code == EXIT_INPUT and "nope.txt" in missing.output
    (tmp_path / "empty.txt").write_text("")
    empty = runner.invoke(app, ["build", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "o")])
    assert empty.exit_code == EXIT_INPUT and "empty file" in empty.output


def test_ingest_twice_is_idempotent(frontdoor_corpus, tmp_path):
    db = str(tmp_path / "s.db")
    first = runner.invoke(app, ["ingest", str(frontdoor_corpus), "--store", db, "--json"])
    assert first.exit_code == 0, first.output
    assert len(json.loads(first.stdout)["added"]) == 3
    second = json.loads(
        runner.invoke(app, ["ingest", str(frontdoor_corpus), "--store", db, "--json"]).stdout
    )
    assert second["added"] == [] and len(second["unchanged"]) == 3
    assert second["story_rebuilt"] is False


def test_ingest_into_something_that_is_not_a_store(frontdoor_corpus, tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_text("not sqlite")
    result = runner.invoke(app, ["ingest", str(frontdoor_corpus), "--store", str(bogus)])
    assert result.exit_code == EXIT_INPUT and "not a storyline store" in result.output


def test_ingest_reports_a_failed_article_with_exit_code_1(frontdoor_corpus, tmp_path,
                                                          monkeypatch):  # fmt: skip
    from storyline.nlp import pipeline

    def broken(doc, article, settings):
        raise RuntimeError("injected")

    monkeypatch.setattr(pipeline, "analyze_doc", broken)
    result = runner.invoke(app, ["ingest", str(frontdoor_corpus / "01-lakeport-ledger.txt"),
                                 "--store", str(tmp_path / "s.db")])  # fmt: skip
    assert result.exit_code == EXIT_FAILED
    assert "01-lakeport-ledger.txt: analysis failed: RuntimeError: injected" in result.output


def test_show_timeline_table_and_json(store):
    table = runner.invoke(app, ["show", str(store)], env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.output
    assert "married" in table.output and "Ada Brennan" in table.output
    rows = json.loads(runner.invoke(app, ["show", str(store), "--json"]).stdout)
    dated = [r["earliest"] for r in rows if r["earliest"]]
    assert dated == sorted(dated) and rows
    only = json.loads(runner.invoke(app, ["show", str(store), "--entity", "Tomas Brennan",
                                          "--json"]).stdout)  # fmt: skip
    assert only and all("Tomas Brennan" in r["participants"] for r in only)


def test_show_missing_store_does_not_create_one(tmp_path):
    result = runner.invoke(app, ["show", str(tmp_path / "none.db")])
    assert result.exit_code == EXIT_INPUT and "no store" in result.output
    assert not (tmp_path / "none.db").exists()


def test_state_at_a_date(store):
    result = runner.invoke(app, ["state", str(store), "--entity", "Ada Brennan",
                                 "--at", "2020-06-01", "--json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    states = json.loads(result.stdout)
    assert any(s["predicate"] == "married" and s["evidence"] for s in states)
    text = runner.invoke(app, ["state", str(store), "--entity", "ada brennan", "--at", "2020"])
    assert "married" in text.output


def test_state_errors(store):
    nobody = runner.invoke(app, ["state", str(store), "--entity", "Nobody", "--at", "2020"])
    assert nobody.exit_code == EXIT_INPUT and "Nobody" in nobody.output
    bad = runner.invoke(app, ["state", str(store), "--entity", "Ada Brennan", "--at", "June"])
    assert bad.exit_code == EXIT_USAGE and "YYYY" in bad.output
    missing = runner.invoke(app, ["state", str(store), "--at", "2020"])
    assert missing.exit_code == 2  # typer: missing option


@pytest.mark.parametrize("fmt", ["timelinejs", "graphml", "csv", "json", "md", "html"])
def test_export_every_format(store, tmp_path, fmt):
    out = tmp_path / f"story.{fmt}"
    result = runner.invoke(app, ["export", str(store), "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    if fmt in ("timelinejs", "json"):
        assert json.loads(text)
    elif fmt == "graphml":
        assert ET.fromstring(text.encode()).tag.endswith("graphml")
    elif fmt == "csv":
        assert text.startswith("id,type,")
    assert len(text) > 100


def test_export_unknown_format(store, tmp_path):
    result = runner.invoke(app, ["export", str(store), "--format", "pdf", "--out",
                                 str(tmp_path / "x.pdf")])  # fmt: skip
    assert result.exit_code == EXIT_USAGE and "timelinejs" in result.output


def test_serve_refuses_a_non_store(tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_text("not sqlite")
    result = runner.invoke(app, ["serve", "--store", str(bogus)])
    assert result.exit_code == EXIT_INPUT and "not a storyline store" in result.output


def test_help_lists_every_front_door():
    result = runner.invoke(app, ["--help"])
    for cmd in ("build", "ingest", "show", "state", "export", "serve", "timex", "eval"):
        assert cmd in result.output


def test_show_folds_minor_events_unless_all(store):
    rows = json.loads(runner.invoke(app, ["show", str(store), "--json"]).stdout)
    minor = [r for r in rows if not r["salient"]]
    assert minor and len(minor) < len(rows), [r["salience"] for r in rows]
    assert all(r["salience"] for r in rows)  # every event says why it is shown or folded
    table = runner.invoke(app, ["show", str(store)], env={"COLUMNS": "200"})
    every = runner.invoke(app, ["show", str(store), "--all"], env={"COLUMNS": "200"})
    assert f"{len(rows) - len(minor)} events" in table.output
    assert f"{len(rows)} events" in every.output
    assert (f"{len(minor)} minor events folded: --all shows them" in table.output) == bool(minor)
    assert "minor events folded" not in every.output
