"""Bounded work on hostile inputs: whitespace runs, long texts, huge files, unreadable folders,
off-calendar dates, and exports that a consumer would execute."""

from __future__ import annotations

import csv
import io
import os
import re
import time
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli.app import EXIT_USAGE, _register, app
from storyline.ingest.read import read_articles
from storyline.settings import Settings

_register()
runner = CliRunner()
ARTICLE = " date 2024-02-23 Ostvik Post\nThe mayor of Ostvik resigned on Monday, officials said.\n"


def _scan_seconds(pattern: re.Pattern, text: str) -> float:
    start = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    return time.perf_counter() - start


def test_fuzzy_duration_is_linear_over_whitespace_runs() -> None:
    """Markup blanked to spaces: 20,000 spaces took seconds (quadratic backtracking)."""
    from storyline.nlp.time.grammar import RULES

    rule = next(r for r in RULES if r.name == "fuzzy_duration")
    for text in (" " * 20_000, "about" + " " * 20_000 + "x", "the" + " " * 20_000 + "x"):
        assert _scan_seconds(rule.pattern, text) < 0.5
    assert [m.group("t") for m in rule.pattern.finditer("for  several   years ago")] == [
        "several   years ago"]


def test_role_patterns_see_whitespace_runs_as_one_space() -> None:
    from storyline.nlp.entities import role_relations

    class Person:
        kind, text = "name", "Ada Brenner"

    start = time.perf_counter()
    assert role_relations._person_then_org(Person(), " " * 90) is None
    assert time.perf_counter() - start < 0.5  # was about 1 s per person-organisation pair
    assert role_relations._person_then_org(Person(), ",   the  artistic director of  the ") == {
        "role": "artistic director", "_mods": ""}


def test_alias_splitting_and_trailing_marks_are_linear() -> None:
    from storyline.nlp.entities import aliases

    for pattern in (aliases._SPLIT, aliases._TRAIL):
        assert _scan_seconds(pattern, " " * 20_000 + "x") < 0.5
    assert [m.group() for m in aliases._SPLIT.finditer("Ada  and  Ola\n Bo")] == [
        "  and  ", "\n "]
    assert aliases._TRAIL.search("Ada Brenner, ").group() == ", "


def test_long_text_is_parsed_in_chunks_with_offsets_kept(nlp, monkeypatch) -> None:
    """spaCy refuses texts over nlp.max_length (E088): they are parsed in chunks and joined."""
    from storyline.nlp.parsing import chunks, parse_docs

    para = "The mayor of Ostvik resigned on Monday. Officials confirmed it.\n\n"
    text = para * 60  # 3,960 characters
    monkeypatch.setattr(nlp, "max_length", 1000)
    with pytest.raises(ValueError, match="E088"):
        nlp(text)
    spans = chunks(text, 999)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(text[s:e].endswith("\n\n") for s, e in spans[:-1])  # at paragraph breaks
    short = "Councillor Ada Brenner resigned."
    docs = list(parse_docs(nlp, [short, text, short], Settings(parse_workers=0)))
    assert [d.text for d in docs] == [short, text, short]
    long_doc = docs[1]
    assert [s.text for s in long_doc.sents][:2] == [
        "The mayor of Ostvik resigned on Monday.", "Officials confirmed it.\n\n"]
    assert sum(1 for t in long_doc if t.text == "resigned") == 60


def test_chunks_cut_hard_when_there_is_no_break() -> None:
    from storyline.nlp.parsing import chunks

    assert chunks("x" * 25, 10) == [(0, 10), (10, 20), (20, 25)]


def test_huge_file_stops_at_max_bytes_without_reading_it_all(tmp_path, monkeypatch) -> None:
    big = tmp_path / "big.txt"
    big.write_text(ARTICLE + "word " * 2000, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    asked: list[int] = []
    real_open = Path.open

    def spying_open(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        f = real_open(self, *args, **kwargs)
        real_read = f.read

        def read(n: int = -1) -> bytes:
            asked.append(n)
            return real_read(n)

        f.read = read
        return f

    monkeypatch.setattr(Path, "open", spying_open)
    arts = read_articles([str(tmp_path)], Settings(max_bytes=1000))
    assert [(Path(a.path).name, a.status, a.problem) for a in arts] == [
        ("big.txt", "skipped", f"too large: {big.stat().st_size} bytes (limit 1000)"),
        ("ok.txt", "ok", None),
    ]
    assert all(0 <= n <= 1001 for n in asked)  # never an unbounded read


def test_a_file_that_grows_past_max_bytes_is_cut_at_the_limit(tmp_path, monkeypatch) -> None:
    from storyline.ingest import read as read_mod

    grow = tmp_path / "grow.txt"
    grow.write_text(ARTICLE, encoding="utf-8")
    size = grow.stat().st_size

    def bigger(path: Path, limit: int) -> bytes | None:  # the file grew after stat
        assert limit == size + 1
        return None

    monkeypatch.setattr(read_mod, "_read_bounded", bigger)
    arts = read_articles([str(grow)], Settings(max_bytes=size + 1))
    assert [(a.status, a.problem) for a in arts] == [
        ("skipped", f"too large: more bytes (limit {size + 1})")]


def test_an_unreadable_folder_is_listed_and_the_rest_read(tmp_path, monkeypatch) -> None:
    """Tests run as root, who can list a chmod 000 folder: the OS refusal is emulated."""
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "inside.txt").write_text(ARTICLE.replace("Monday", "Friday"))
    real = os.scandir

    def scandir(path):  # noqa: ANN001
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    arts = read_articles([str(tmp_path)], Settings())
    assert [(Path(a.path).name, a.status, a.problem) for a in arts] == [
        ("locked", "skipped", "unreadable folder: Permission denied"),
        ("ok.txt", "ok", None),
    ]


def test_build_out_onto_a_file_fails_before_any_work(tmp_path, monkeypatch) -> None:
    from storyline import api

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    target = tmp_path / "report.md"
    target.write_text("mine\n")

    def no_work(*args, **kwargs):  # noqa: ANN002, ANN003
        raise AssertionError("ingest ran")

    monkeypatch.setattr(api, "ingest", no_work)
    monkeypatch.setattr(api, "build_summary", no_work)
    monkeypatch.setattr("storyline.cli.build_cmd.build_summary", no_work)
    result = runner.invoke(app, ["build", str(tmp_path / "a.txt"), "--out", str(target)])
    assert result.exit_code == EXIT_USAGE, result.output
    assert f"--out {target} exists and is not a folder" in result.output
    assert target.read_text() == "mine\n"


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_timex_at_the_ends_of_the_calendar(tmp_path, day) -> None:
    f = tmp_path / "t.txt"
    f.write_text("It happened last year and will happen again next week.\n")
    result = runner.invoke(app, ["timex", str(f), "--date", day, "--json"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def test_timex_values_past_the_calendar_are_dropped_not_raised() -> None:
    from storyline.nlp.time.tagger import tag_text

    found = {t.text: t.value for t in tag_text("last year and next week", "9999-12-31")}
    assert found == {"last year": "9998"}
    found = {t.text: t.value for t in tag_text("last year and next week", "0001-01-01")}
    assert found == {"next week": "0001-W02"}


def test_markdown_escapes_article_html_and_links() -> None:
    from storyline.render.markdown import _cell, _text

    assert _text('<script>alert(1)</script> & [x](javascript:y) ![i](u) [r][1] [d]: z') == (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; [x\\](javascript:y) ![i\\](u) "
        "[r\\][1] [d\\]: z")
    assert _text("[Black Swan], a film") == "[Black Swan], a film"  # no link: left as written
    assert _text("\\](x)") == "\\\\\\](x)"  # a backslash cannot undo the escape
    assert _cell("a|b\nc") == "a\\|b c"


def test_csv_cells_that_a_spreadsheet_would_evaluate_are_quoted() -> None:
    from storyline.model import Entity, Event, Mention, Story, Support
    from storyline.render.events_csv import safe_cell, story_to_csv

    assert [safe_cell(v) for v in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "ok", 3)] == [
        "'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "ok", 3]
    ev = Event("ev1", "resignation", participants=["e1"],
               mentions=[Mention("a1", 0, 22, '=HYPERLINK("http://x")')],
               support=Support(articles=1, independent_sources=1))
    story = Story(events=[ev], entities=[Entity("e1", "@Ada", "PERSON")])
    rows = list(csv.reader(io.StringIO(story_to_csv(story))))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["evidence"] == "'=HYPERLINK(\"http://x\")" and row["participants"] == "'@Ada"


def test_publication_dates_off_the_calendar_are_refused() -> None:
    from storyline.ingest.dating import known_date

    far = known_date(date(9999, 12, 31), "header", "header line 'date 9999-12-31'")
    assert (far.value, far.earliest, far.method) == ("XXXX", None, "unknown")
    assert far.reason == ("header line 'date 9999-12-31' gives 9999-12-31, outside the years "
                          "1000-2999: not used")
    assert known_date(date(2024, 2, 23), "header", "h").value == "2024-02-23"
