"""Datelines and dated bylines give the publication date (method "text"); numeric dates
stay ambiguous unless something decides; year-shaped numbers that are not years bound nothing."""

from __future__ import annotations

from datetime import date

import pytest
from ingest_helpers import date_texts, read_one, removed_texts

from storyline.ingest.dateline import find_dateline

BODY = "The Kestrel Bay ferry returned to service after repairs, the harbour office said."


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("By Jane Roe, Fjord Post, June 3, 2025", date(2025, 6, 3)),
        ("Published 10:42 AM EDT, Tue March 12, 2024", date(2024, 3, 12)),
        ("12 March 2024 | 10:41", date(2024, 3, 12)),
        ("Updated: 25/12/2024", date(2024, 12, 25)),  # 25 cannot be a month
        ("Updated: 12/25/2024", date(2024, 12, 25)),
        # published and later updated: the publication date, not the update
        ("Published November 18, 2023 | Updated May 13, 2024 at 11:03 am", date(2023, 11, 18)),
        # a section name before "POSTED:", and the year first
        ("Harbour Desk - POSTED: 2019/01/08 16:51", date(2019, 1, 8)),
    ],
)
def test_dateline_gives_text_date_and_quotes_the_line(tmp_path, line: str, day: date) -> None:
    art = read_one(tmp_path, "a.txt", f"Ferry Returns\n\n{line}\n\n{BODY}\n")
    pub = art.published
    assert (pub.earliest, pub.latest, pub.method) == (day, day, "text")
    assert line in pub.reason
    assert line in [text for _, text in removed_texts(art)]
    assert BODY in art.content


def test_ambiguous_numeric_date_keeps_both_readings(tmp_path) -> None:
    art = read_one(tmp_path, "a.txt", f"Ferry Returns\n\nUpdated: 03/12/2024\n\n{BODY}\n")
    pub = art.published
    assert (pub.earliest, pub.latest, pub.method) == (date(2024, 3, 12), date(2024, 12, 3), "text")
    assert pub.value == "2024"
    assert "month first" in pub.reason and "day first" in pub.reason


def test_us_time_zone_or_url_decides_the_order() -> None:
    us = find_dateline("Ferry\n\nUpdated: 03/12/2024 9:30 a.m. ET\n\nText.\n")
    uk = find_dateline("Ferry\n\nUpdated: 03/12/2024\n\nText.\n", "https://fjordpost.co.uk/a")
    assert us is not None and (us.earliest, us.latest) == (date(2024, 3, 12), date(2024, 3, 12))
    assert uk is not None and (uk.earliest, uk.latest) == (date(2024, 12, 3), date(2024, 12, 3))


def test_dated_byline_far_down_the_page_counts() -> None:
    text = "Ferry\n\n" + f"{BODY}\n\n" * 12 + "By Tom Vik | Harbour Daily | May 4, 2023\n"
    found = find_dateline(text)
    assert found is not None and found.earliest == date(2023, 5, 4)


@pytest.mark.parametrize(
    "line",
    [
        "By March 3, 2024, the ferry had stopped running for good.",
        "On May 14, 2024, the ferry left late.",
        "Residents met the mayor on 03/12/2024 to complain about the ferry timetable.",
    ],
)
def test_sentences_with_dates_are_not_datelines(line: str) -> None:
    assert find_dateline(f"Ferry\n\n{line}\n\n{BODY}\n") is None


def test_weekday_alone_leaves_the_date_unknown(tmp_path) -> None:
    text = "The harbour ferry broke down on Monday, leaving commuters stranded at the pier.\n"
    pub = read_one(tmp_path, "a.txt", text).published
    assert (pub.value, pub.method, pub.earliest) == ("XXXX", "unknown", None)
    assert pub.reason


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, 2021 commuters were stranded at the pier.",
        "On Monday, Flight 2024 was delayed by fog.",
        "On Monday the ferry on route 2023 broke down, officials said.",
    ],
)
def test_year_shaped_counts_and_numbers_bound_nothing(text: str) -> None:
    pub = date_texts({"x": text})["x"].published
    assert (pub.value, pub.method) == ("XXXX", "unknown")


def test_open_ended_lower_bound_says_so() -> None:
    pub = date_texts({"x": "On Monday the ferry, in service since 2021, broke down."})[
        "x"
    ].published
    assert pub.earliest == date(2021, 1, 1)
    assert "since 2021" in pub.reason and "nothing in the text bounds it from above" in pub.reason
