"""The header line, the publisher (from metadata only) and outlets cited in the text."""

from __future__ import annotations

from datetime import date

from ingest_helpers import read_one, removed_texts

from storyline.ingest.header import parse_header
from storyline.ingest.outlet import cited_outlets, outlet_from_url


def test_header_with_outlet_is_blanked_whole(tmp_path) -> None:
    art = read_one(
        tmp_path,
        "a.txt",
        " date 2024-05-14 Kestrel Bay Bulletin\nFerry Opens\n\n"
        "The ferry opened on Monday in Kestrel Bay.\n",
    )
    assert art.outlet == "Kestrel Bay Bulletin" and art.outlet_method == "header"
    assert art.published.value == "2024-05-14" and art.published.method == "header"
    assert removed_texts(art)[0] == ("header", "date 2024-05-14 Kestrel Bay Bulletin")
    assert art.title == "Ferry Opens"


def test_header_followed_by_article_text_blanks_only_the_date(tmp_path) -> None:
    text = " date 2024-05-14 Ada Brenner (52) has opened the new ferry terminal, officials said.\n"
    art = read_one(tmp_path, "a.txt", text)
    assert art.outlet is None
    assert removed_texts(art) == [("header", "date 2024-05-14")]
    assert "Ada Brenner (52) has opened the new ferry terminal" in art.content
    assert art.published.earliest == date(2024, 5, 14)


def test_parse_header_without_header() -> None:
    assert parse_header("Ferry Opens\n\ndate 2024-05-14 is not a header here") is None


def test_in_text_credits_are_cited_not_publisher(tmp_path) -> None:
    text = (
        " date 2024-05-14 Coastal Daily\nFerry Row\n\n"
        "As Quayside! reported, the ferry was late. A source told Harbour Lights Weekly that "
        "the budget doubled.\n\n[From Brine Magazine, print edition]\n"
    )
    art = read_one(tmp_path, "a.txt", text)
    assert art.outlet == "Coastal Daily"
    assert art.cited_outlets == ["Quayside!", "Harbour Lights Weekly", "Brine Magazine"]


def test_publisher_citing_itself_is_not_a_cited_outlet() -> None:
    text = "As Coastal! reported last week, a source told Coastal Daily more."
    assert cited_outlets(text, "Coastal Daily") == []


def test_outlet_from_url() -> None:
    assert outlet_from_url("https://www.kestrelbulletin.example/2024/05/14/ferry") == (
        "kestrelbulletin.example"
    )
    assert outlet_from_url(None) is None


def test_publisher_from_copyright_line_when_no_metadata(tmp_path) -> None:
    text = (
        "Ferry Row\n\nThe ferry was late again, Councillor Ada Brenner told Harbour Lights "
        "Weekly on Monday.\n\n© 2024 Kestrel Bay Bulletin Ltd. All rights reserved.\n"
    )
    art = read_one(tmp_path, "a.txt", text)
    assert (art.outlet, art.outlet_method) == ("Kestrel Bay Bulletin", "text")
    assert art.cited_outlets == ["Harbour Lights Weekly"]
    assert ("copyright", "© 2024 Kestrel Bay Bulletin Ltd. All rights reserved.") in (
        removed_texts(art)
    )


def test_header_outlet_beats_copyright_line(tmp_path) -> None:
    text = " date 2024-05-14 Coastal Daily\nFerry Row\n\nThe ferry was late.\n\n© 2024 Wirefeed\n"
    art = read_one(tmp_path, "a.txt", text)
    assert (art.outlet, art.outlet_method) == ("Coastal Daily", "header")
