"""Each dating rule on fictional fixtures, and how constraints combine."""

from __future__ import annotations

from datetime import date

import pytest
from ingest_helpers import date_texts, read_one

from storyline.dates import covering_value
from storyline.ingest.dating import solve
from storyline.ingest.intervals import Constraint, DateSet, Universe

TODAY = date(2026, 1, 1)


def published(text: str, **kw):
    return date_texts({"x": text}, **kw)["x"].published


def test_text_dateline(tmp_path) -> None:
    art = read_one(tmp_path, "a.txt", "Ferry Opens\n\nMay 14 2024, Published 9:05 a.m. ET\n\n"
                   "The ferry opened in Kestrel Bay, the council said on Monday.\n")  # fmt: skip
    assert (art.published.value, art.published.method) == ("2024-05-14", "text")


def test_photo_code_linked_to_bare_day_fixes_year() -> None:
    pub = published(
        "Ada Brenner was seen at the harbour on June 3 without her ring.\n\n"
        "KBB_Harbour_Brenner_060319_40021\n"
    )
    assert pub.method == "inferred"
    assert pub.earliest == date(2019, 6, 3)
    assert pub.latest <= date(2019, 12, 31)
    assert "photo file name KBB_Harbour_Brenner_060319_40021" in pub.reason


def test_photo_code_alone_is_a_lower_bound() -> None:
    pub = published("The council met again.\n\nKBB_Council_Hall_111518_77\n")
    assert pub.earliest == date(2018, 11, 15)
    assert pub.latest == TODAY


def test_latest_past_year_is_a_lower_bound_and_future_years_are_not() -> None:
    pub = published(
        "The terminal opened in 2021 after delays. A second pier will open in 2025, "
        "the council said."
    )
    assert pub.earliest == date(2021, 1, 1)
    assert "2021" in pub.reason


def test_month_of_this_year_moves_the_lower_bound() -> None:
    text = "The council voted again. KBB_Council_Vote_040124_7\n"
    assert published(text).earliest == date(2024, 4, 1)
    pub = published("In May of this year the council voted. KBB_Council_Vote_040124_7\n")
    assert pub.earliest == date(2024, 5, 1)
    assert '"In May of this year"' in pub.reason


def test_bare_day_is_a_day_of_the_publication_year() -> None:
    pub = published("The ferry, running since 2023, stopped on October 2.", today=date(2024, 3, 1))
    # 2023-10-02..2023-12-31 or 2024 from October 2 on; the latter is after "today".
    assert (pub.earliest, pub.latest) == (date(2023, 10, 2), date(2023, 11, 2))


def test_a_bare_day_right_after_a_dated_past_is_that_past_not_the_news_day() -> None:
    text = (
        "The pair married in a harbour chapel in June 2019.\n\n"
        "She wrote about it in a June 12 newsletter. Friends said the marriage is over."
    )
    pub = published(text, today=date(2025, 3, 1))
    assert "June 12" not in pub.reason
    assert pub.earliest <= date(2020, 1, 1)  # nothing pins the news day to a June 12


def test_weekday_keeps_only_matching_years() -> None:
    # 14 May was a Tuesday in 2024 and 2019 and 2013; with "since 2020" only 2024 remains.
    pub = published(
        "The ferry, running since 2020, broke down on Tuesday, May 14, the operator said."
    )
    assert pub.earliest == date(2024, 5, 14)
    assert pub.latest <= date(2024, 12, 31)
    assert pub.value.startswith("2024")


def test_end_of_last_year_is_a_weak_hint() -> None:
    pub = published("Trouble began toward the end of last year, in 2022, insiders said.")
    assert (pub.earliest, pub.latest) == (date(2022, 1, 1), date(2026, 1, 1))  # no year known
    text = "Trouble began toward the end of last year. The ferry stopped in 2024."
    pub = published(text, today=date(2024, 12, 1))
    assert (pub.earliest, pub.latest) == (date(2024, 1, 1), date(2024, 6, 30))
    assert "suggests the first half of a year" in pub.reason


def test_weak_hint_contradicted_is_left_out_and_named() -> None:
    pub = published(
        "Trouble began toward the end of last year. On September 9 the ferry stopped. "
        "KBB_Ferry_Stop_090924_1\n"
    )
    assert pub.earliest == date(2024, 9, 9)
    assert "left out as contradicted" in pub.reason


def test_ages_pinned_by_dated_articles_bound_an_undated_one() -> None:
    arts = date_texts(
        {
            "d1": "Councillor Ada Brenner, 52, opened the terminal.",
            "d2": "Brenner, 52, spoke again.",
            "u": "Back then, Ada Brenner, 45, was a harbour pilot.",
        },
        known={"d1": date(2024, 5, 14), "d2": date(2024, 11, 2)},
    )
    pub = arts["u"].published
    # 52 on both dates -> born 1971-11-03..1972-05-14 -> 45 from 2016-11-03 to 2018-05-13
    assert (pub.earliest, pub.latest) == (date(2016, 11, 3), date(2018, 5, 13))
    assert "Ada Brenner" in pub.reason


def test_an_age_given_to_a_role_counts_for_the_one_person_the_corpus_gives_that_role() -> None:
    arts = date_texts(
        {
            "d": "The singer, 34, filed on Tuesday. The actress, 27, has not commented.",
            "e": "Singer Tobin Ash filed for divorce from actress Mara Quill.",
            "u": "Ash, 34, and Quill signed a prenup before they married.",
        },
        known={"d": date(2023, 9, 5), "e": date(2023, 9, 6)},
    )
    pub = arts["u"].published
    # 34 on 2023-09-05 -> born 1988-09-06..1989-09-05 -> 34 from 2022-09-06 to 2024-09-04
    assert (pub.earliest, pub.latest) == (date(2022, 9, 6), date(2024, 9, 4))
    assert "Tobin Ash" in pub.reason


def test_a_role_shared_by_two_people_in_the_corpus_names_nobody() -> None:
    arts = date_texts(
        {
            "d": "The singer, 34, filed on Tuesday.",
            "e": "Singer Tobin Ash and singer Lena Dahl toured together.",
            "u": "Ash, 34, signed a prenup.",
        },
        known={"d": date(2023, 9, 5), "e": date(2023, 9, 6)},
    )
    assert arts["u"].published.method == "unknown"


def test_bare_surname_resolves_to_unique_full_name() -> None:
    arts = date_texts(
        {"d": "Ada Brenner, 52, opened the terminal.", "u": "Brenner, 40, was elected."},
        known={"d": date(2024, 5, 14)},
    )
    assert arts["u"].published.earliest == date(2011, 5, 15)


def test_ambiguous_surname_gives_no_age_constraint() -> None:
    arts = date_texts(
        {
            "d": "Ada Brenner, 52, and Tomas Brenner, 54, opened the terminal.",
            "u": "Brenner, 40, was elected.",
        },
        known={"d": date(2024, 5, 14)},
    )
    assert arts["u"].published.method == "unknown"


def test_anniversary_with_wedding_year_from_other_articles() -> None:
    arts = date_texts(
        {
            "a": "The pair married in 2010 in Kestrel Bay.",
            "b": "They tied the knot in 2010.",
            "u": "On their 9th wedding anniversary on July 2, she wore no ring.",
        },
        known={"a": date(2015, 1, 1), "b": date(2016, 1, 1)},
    )
    pub = arts["u"].published
    assert pub.earliest == date(2019, 7, 2)
    assert pub.latest <= date(2019, 12, 31)


def test_no_evidence_is_unknown() -> None:
    pub = published("The ferry is late again, passengers said.")
    assert (pub.value, pub.method, pub.earliest, pub.latest) == ("XXXX", "unknown", None, None)


@pytest.mark.parametrize(
    ("first", "last", "value"),
    [
        (date(2024, 2, 23), date(2024, 2, 23), "2024-02-23"),
        (date(2024, 2, 1), date(2024, 2, 29), "2024-02"),
        (date(2024, 1, 5), date(2024, 3, 1), "2024-Q1"),
        (date(2024, 1, 5), date(2024, 6, 30), "2024-H1"),
        (date(2024, 6, 24), date(2024, 7, 25), "2024"),
        (date(2016, 6, 24), date(2017, 1, 2), "201"),
        (date(1999, 6, 24), date(2001, 1, 2), "XXXX"),
    ],
)
def test_covering_value(first: date, last: date, value: str) -> None:
    assert covering_value(first, last) == value


def test_solve_applies_stronger_first_and_drops_contradictions() -> None:
    universe = Universe(date(1900, 1, 1), TODAY)
    strong = Constraint(DateSet.between(date(2024, 1, 1), date(2024, 12, 31)), "strong", 3)
    weak = Constraint(DateSet.between(date(2023, 1, 1), date(2023, 6, 1)), "weak", 1)
    mid = Constraint(DateSet.between(date(2024, 3, 1), date(2025, 1, 1)), "mid", 2)
    out = solve([weak, mid, strong], universe)
    assert out.allowed.hull() == (date(2024, 3, 1), date(2024, 12, 31))
    assert [c.reason for c in out.used] == ["strong", "mid"]
    assert [c.reason for c in out.dropped] == ["weak"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The council sold notes due Nov. 1, 2031, priced at par.",
        "The pier was not to open until 2031, officials said.",
        "Brenner said the terminal would pay for itself by 2031.",
        "The lease, which expires in 2031, was signed on Monday.",
    ],
)
def test_plans_and_terms_do_not_bound_the_date(sentence: str) -> None:
    pub = published("The ferry terminal opened in 2019. " + sentence)
    assert pub.earliest == date(2019, 1, 1)


def test_present_tense_year_is_a_weaker_lower_bound() -> None:
    pub = published("Brenner is hoping for a quieter 2024 at the harbour.")
    assert pub.earliest == date(2024, 1, 1)
    assert "in the present tense" in pub.reason


def test_a_plan_in_a_trailing_relative_clause_does_not_unsay_a_past_year() -> None:
    pub = published("The pair signed a prenup before they married in 2019, which will decide "
                    "the terms of the split.", today=date(2025, 1, 1))
    assert pub.earliest == date(2019, 1, 1)
    assert "2019 as past" in pub.reason


def test_a_weekday_with_the_day_in_brackets_and_a_later_clauses_plan() -> None:
    # 14 May was a Tuesday in 2024 (and 2019, 2013); "since 2020" leaves 2024. The plan in the
    # trailing "shortly after ..." clause is not this sentence's.
    pub = published(
        "The ferry has run since 2020. It broke down on Tuesday (May 14), shortly after the "
        "operator had planned to refit it."
    )
    assert pub.earliest == date(2024, 5, 14)


def test_an_age_is_given_to_the_one_person_a_headline_and_a_spelling_variant_name() -> None:
    arts = date_texts(
        {
            "d": "Tobin Ash and Mara Quill confirmed the split. Ash, 45, and Quill, 42, wed "
                 "in 2009.",
            "u": "Tobin Ash Breaks Silence On Mara Quíll Split\n\n"
                 "The 45-year-old sports star and Mara, 42, confirmed it. Tobin, 45, wrote.",
        },
        known={"d": date(2022, 10, 28)},
    )
    pub = arts["u"].published
    # 45 and 42 on 2022-10-28: both give 2021-10-29..2023-10-27 (not "Silence On Mara")
    assert (pub.earliest, pub.latest) == (date(2021, 10, 29), date(2023, 10, 27))
    assert "Mara Quill" in pub.reason or "Tobin Ash" in pub.reason
