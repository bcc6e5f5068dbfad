"""Article dating after analysis, from the story's other articles (story/dating.py), on
fictional fixtures: a weekday narrowing the year (one grammar for the tagger and the dating),
an undated article dated from a dated one telling the same happening, and build and
incremental ingest giving the same dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storyline.api import build, ingest, load_story, write_report
from storyline.ingest.date_rules import DATE_RULES, DatingContext
from storyline.ingest.dating import solve
from storyline.ingest.intervals import DateSet, Universe
from storyline.nlp.time.anchor import on_weekday
from storyline.nlp.time.tagger import reread, tag_text, value_to_time
from storyline.settings import Settings

TODAY = date(2026, 12, 1)
SETTINGS = Settings(today=TODAY)

DATED = """ date 2024-03-08 Tidewater Ledger
Harbour chief fired

Harbour Authority chief Dana Voss was fired on Wednesday, March 6, the board said in a
statement. Dana Voss, 51, had led the authority since 2019.
"""
UNDATED = """Voss out at the harbour

Dana Voss was fired on Wednesday, the board of the Harbour Authority said. The board gave no
reason for the decision.
"""
AGED = """Voss speaks

Dana Voss, 52, told reporters she would appeal. Voss said the board had been unfair to her.
"""
LATER = """ date 2024-03-20 Bay Courier
Harbour names acting chief

The Harbour Authority named Lior Ames acting chief after Dana Voss was fired on March 6.
"""


# ------------------------------------------------------------- one time grammar


def test_weekday_dates_are_the_years_where_that_day_is_that_weekday() -> None:
    # March 25 was a Monday in 2013, 2019 and 2024, and in no other year of 2010-2026
    days = on_weekday(3, 25, 1, range(2010, 2027))
    assert days == [date(2013, 3, 25), date(2019, 3, 25), date(2024, 3, 25)]
    assert on_weekday(2, 29, None, range(2021, 2025)) == [date(2024, 2, 29)]


def test_the_tagger_takes_the_year_where_the_weekday_fits() -> None:
    # told in an article of 2020-06-01: 2020-03-25 was a Wednesday, 2019-03-25 a Monday
    (tx,) = tag_text("He was fired on Monday, March 25.", "2020-06-01")
    assert (tx.text, tx.value, tx.rule) == ("Monday, March 25", "2019-03-25", "full_date")
    (tx,) = tag_text("He was fired on March 25.", "2020-06-01")
    assert tx.value == "2020-03-25"
    # no year within one of the article's fits the weekday: a slip, the weekday is not used
    (tx,) = tag_text("He was fired on Tuesday, March 25.", "2020-06-01")
    assert tx.value == "2020-03-25"


def test_an_undated_weekday_date_narrows_the_publication_year() -> None:
    text = "The pier closed on Monday, March 25, the council said."
    universe = Universe(date(2010, 1, 1), TODAY)
    ctx = DatingContext(raw=text, content=text, universe=universe)
    (rule,) = DATE_RULES.get("bare_days")(ctx)[:1]
    assert rule.allowed == DateSet.union(
        [(date(y, 3, 25), date(y, 12, 31)) for y in (2013, 2019, 2024)])
    assert rule.reason == ('"Monday, March 25", given without a year, is a day (and weekday) '
                           "of the year it was published")
    solution = solve(DATE_RULES.get("bare_days")(ctx), universe)
    assert solution.allowed.hull() == (date(2013, 3, 25), date(2024, 4, 25))


def test_reread_gives_back_the_tagging_and_follows_a_new_date(nlp) -> None:
    text = ("The mayor was fired on Wednesday. He will meet the council on Friday. "
            "A month later, results fell. He left in 2019.")
    first = tag_text(text, "2024-03-08", nlp)
    assert reread(text, first, value_to_time("2024-03-08")) == first
    undated = tag_text(text, None, nlp)
    assert [t.value for t in undated] == ["XXXX-WXX-3", "XXXX-WXX-5", "FUTURE_REF", "2019"]
    again = reread(text, undated, value_to_time("2024-03-08"))
    assert [(t.text, t.value) for t in again] == [(t.text, t.value) for t in first] == [
        ("Wednesday", "2024-03-06"), ("Friday", "2024-03-08"), ("A month later", "2024-04-08"),
        ("2019", "2019")]


# ------------------------------------------------------------- from the corpus


def _write(folder: Path, files: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        out.append(folder / name)
    return out


def _dates(story) -> dict[str, tuple]:
    return {Path(a.path).name: (a.published.value, a.published.earliest, a.published.latest)
            for a in story.articles}


def _event_dates(story) -> list[tuple]:
    names = {a.id: Path(a.path).name for a in story.articles}
    return sorted(  # an undated event sorts first ("": a headline's "chief fired" has no tense)
        (e.type, e.time.value if e.time else "", str(e.time.earliest) if e.time else "",
         str(e.time.latest) if e.time else "", tuple(sorted(names[m.article] for m in e.mentions)))
        for e in story.events)


@pytest.fixture(scope="module")
def pair(tmp_path_factory) -> tuple:
    folder = tmp_path_factory.mktemp("pair")
    _write(folder, {"a.txt": DATED, "b.txt": UNDATED})
    story = build([str(folder)], SETTINGS)
    by_name = {Path(a.path).name: a for a in story.articles}
    return story, by_name


def test_an_undated_article_is_dated_from_a_dated_one_telling_the_same_happening(pair) -> None:
    story, by_name = pair
    b = by_name["b.txt"].published
    # "fired on Wednesday" is the firing of Wednesday 2024-03-06 only if written 03-06..03-12
    assert (b.value, b.earliest, b.latest, b.method) == (
        "2024-03", date(2024, 3, 6), date(2024, 3, 12), "inferred")
    assert b.reason == ("inferred from the text: 'Wednesday' = the fired event of 2024-03-06 "
                        "told in Harbour chief fired")
    assert by_name["a.txt"].published.method == "header"


def test_the_redated_article_is_read_again_against_its_new_date(pair) -> None:
    story, by_name = pair
    b = by_name["b.txt"].id
    assert [(t.text, t.value) for t in story.timexes if t.article == b] == [
        ("Wednesday", "2024-03-06")]
    (fired,) = [e for e in story.events if e.type == "resigned"]
    assert (fired.time.value, fired.time.earliest, fired.time.latest) == (
        "2024-03-06", date(2024, 3, 6), date(2024, 3, 6))
    # the dated article tells it twice: its headline ("Harbour chief fired") and its text
    a = by_name["a.txt"].id
    assert sorted(m.article for m in fired.mentions) == sorted([b, a, a])


def test_an_absolute_date_says_nothing_of_the_article_date(tmp_path) -> None:
    undated = UNDATED.replace("fired on Wednesday", "fired on March 6, 2024")
    _write(tmp_path / "in", {"a.txt": DATED, "b.txt": undated})
    story = build([str(tmp_path / "in")], SETTINGS)
    b = next(a for a in story.articles if a.path.endswith("b.txt")).published
    # only the text's own bound: on or after the date it tells as past
    assert (b.earliest, b.latest) == (date(2024, 3, 6), TODAY)
    assert "told in" not in b.reason


def test_build_and_incremental_ingest_in_any_order_give_the_same_dates(tmp_path) -> None:
    files = _write(tmp_path / "in", {"a.txt": DATED, "b.txt": UNDATED, "c.txt": AGED,
                                     "d.txt": LATER})
    built = build([str(tmp_path / "in")], SETTINGS)
    want = _dates(built)
    # Voss is 51 on 2024-03-08 (born 1972-03-09..1973-03-08): 52 from 2024-03-09 to 2026-03-07
    assert want["c.txt"][1:] == (date(2024, 3, 9), date(2026, 3, 7))
    assert want["b.txt"][1:] == (date(2024, 3, 6), date(2024, 3, 12))
    for n, order in enumerate(([0, 1, 2, 3], [2, 1, 3, 0])):
        store = tmp_path / f"s{n}.db"
        for i in order:
            ingest([str(files[i])], store, SETTINGS)
        story = load_story(store)
        assert _dates(story) == want, order
        assert _event_dates(story) == _event_dates(built), order


def test_a_fixed_today_gives_byte_identical_story_json(tmp_path) -> None:
    _write(tmp_path / "in", {"a.txt": DATED, "b.txt": UNDATED, "c.txt": AGED})
    outs = []
    for n in (1, 2):
        paths = write_report(build([str(tmp_path / "in")], SETTINGS), tmp_path / f"out{n}")
        outs.append(paths["json"].read_bytes())
    assert outs[0] == outs[1]
    assert b"'Wednesday' = the fired event of 2024-03-06" in outs[0]


def test_a_happening_told_as_done_was_before_the_article(tmp_path) -> None:
    dated = (" date 2024-03-08 Tidewater Ledger\nHarbour wedding\n\nHarbour chief Dana Voss "
             "married Lior Ames on Saturday, March 2, in Kestrel Bay, friends said.\n")
    undated = "Voss and Ames wed\n\nDana Voss married Lior Ames, friends of the couple said.\n"
    _write(tmp_path / "in", {"a.txt": dated, "b.txt": undated})
    story = build([str(tmp_path / "in")], SETTINGS)
    b = next(a for a in story.articles if a.path.endswith("b.txt")).published
    # no time expression: the past tense says only that it was written after the wedding
    assert (b.earliest, b.latest) == (date(2024, 3, 2), TODAY)
    assert b.reason == (
        "inferred from the text: 'married' told as done: the married event of 2024-03-02 told "
        "in Harbour wedding was before it was written; nothing in the text bounds it from "
        "above, so up to today (2026-12-01)")
    (wedding,) = [e for e in story.events if e.type == "married"]
    assert len(wedding.mentions) == 2 and wedding.time.value == "2024-03-02"
