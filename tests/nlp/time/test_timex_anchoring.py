"""The temporal tagger's anchoring: tense and deadlines, event anchors, TimeML's form of
"N units later", reference adjectives, and the names that end in a time word."""

from __future__ import annotations

from datetime import date

import pytest
from timex_helpers import found, one

from storyline.model import PublicationDate
from storyline.nlp.time.tagger import tag_text, timeml_form

# ------------------------------------------------------------- precision of values


@pytest.mark.parametrize(
    ("text", "phrase", "typ", "value"),
    [
        ("Talks stalled last week.", "last week", "DATE", "2023-W07"),
        ("She had been married for 15 months.", "15 months", "DURATION", "P15M"),
        ("They met a few years ago.", "a few years ago", "DATE", "PAST_REF"),
        ("Within weeks, she had moved out.", "weeks", "DURATION", "PXW"),
        ("A few years after the split, he remarried.", "A few years", "DURATION", "PXY"),
        ("The fair opens on March eighth.", "March eighth", "DATE", "2023-03-08"),
    ],
)
def test_values_keep_honest_precision(nlp, text, phrase, typ, value):
    t = one(nlp, text, phrase, dct="2023-02-23")
    assert (t.type, t.value) == (typ, value)


def test_a_named_season_covers_the_whole_season(nlp):
    t = one(nlp, "Last summer she left.", "Last summer")
    assert (t.value, t.earliest, t.latest) == ("2023-SU", date(2023, 6, 1), date(2023, 8, 31))


def test_ranged_document_date_gives_a_ranged_week(nlp):
    pub = PublicationDate("2024-02", date(2024, 2, 1), date(2024, 2, 29), method="url")
    [t] = [x for x in tag_text("Talks stalled last week.", pub, nlp) if x.text == "last week"]
    assert t.earliest == date(2024, 1, 22) and t.latest == date(2024, 2, 25)
    assert t.value == "2024-Q1"


def test_a_day_told_without_a_year_in_an_article_of_unknown_year_keeps_its_day(nlp):
    pub = PublicationDate("202", date(2024, 8, 20), date(2025, 9, 20), method="inferred")
    [t] = [x for x in tag_text("She filed on Aug. 20.", pub, nlp) if x.text == "Aug. 20"]
    assert (t.value, t.earliest, t.latest) == ("XXXX-08-20", date(2024, 8, 20), date(2025, 8, 20))


# ------------------------------------------------------------- tense and deadlines


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The firm must pay down the loan by February.", "February", "1990-02"),
        ("The firm paid down the loan in February.", "February", "1989-02"),
        ("The offer had been due to expire Friday evening.", "Friday evening",
         "1989-10-27TEV"),
        ("It had been scheduled to expire at midnight Friday.", "midnight Friday",
         "1989-10-27T24:00"),
        ("The chiefs meet separately Wednesday with the envoy.", "Wednesday", "1989-11-01"),
        ("Shares closed at a high set on Aug. 6.", "Aug. 6", "1989-08-06"),
    ],
)  # fmt: skip
def test_tense_and_deadlines_choose_past_or_future(nlp, text, phrase, value):
    assert one(nlp, text, phrase, dct="1989-10-30").value == value  # a Monday


def test_the_previous_weekday_counts_back_from_the_day_just_told(nlp):
    text = "Stocks fell on Wednesday, February 21. The previous Friday, they had risen."
    t = one(nlp, text, "The previous Friday")
    assert (t.value, t.anchor) == ("2024-02-16", "event")


def test_plural_weekday_nights_recur(nlp):
    assert found(nlp, "Flights leave on Tuesday nights.")["Tuesday nights"] == (
        "SET",
        "XXXX-WXX-2TNI",
    )


def test_part_of_day_with_a_deictic_day(nlp):
    t = one(nlp, "Shares slid at mid-afternoon yesterday.", "mid-afternoon yesterday")
    assert (t.type, t.value) == ("TIME", "2024-02-22TAF")


def test_latest_quarter_is_one_that_has_ended(nlp):
    text = "Sales in the fourth quarter should rise. Profit in the latest quarter fell."
    assert one(nlp, text, "the latest quarter", dct="1989-10-30").value == "1989-Q3"


# ------------------------------------------------------------- anchored to another event


def test_a_month_after_the_dated_event(nlp):
    text = "They married in June 2012. A month after the wedding they moved to Paris."
    t = one(nlp, text, "A month after")
    assert (t.type, t.value, t.anchor) == ("DATE", "2012-07", "event")
    assert (t.earliest, t.latest) == (date(2012, 7, 1), date(2012, 7, 31))


def test_a_span_after_in_apposition_restates_the_date_just_given(nlp):
    text = "They reunited in 2021, 17 years after their first romance ended."
    t = one(nlp, text, "17 years after")
    assert (t.value, t.anchor) == ("2021", "event")  # not 2038


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The pair wed in Georgia in 2022. They had exchanged vows in Las Vegas that July.",
         "that July", "2022-07"),
        ("In 2019 she moved to Porto; that summer she met him.", "that summer", "2019-SU"),
        ("She left that July, friends said.", "that July", "2023-07"),  # no year told: by tense
    ],
)
def test_that_month_or_season_is_in_the_year_the_story_is_telling(nlp, text, phrase, value):
    assert one(nlp, text, phrase).value == value


def test_a_month_after_an_undated_event_stays_a_duration(nlp):
    t = one(nlp, "The move comes barely a month after the airline cut flights.", "barely a month")
    assert (t.type, t.value) == ("DURATION", "P1M")


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The actors married on August 4, 2012, in Paris. Last summer she marked her 11th "
         "wedding anniversary.", "11th wedding anniversary", "2023-08-04"),
        ("They wed in 2012. Friends threw a party for their tenth anniversary.",
         "tenth anniversary", "2022"),
    ],
)  # fmt: skip
def test_wedding_anniversary_counts_from_the_wedding(nlp, text, phrase, value):
    t = one(nlp, text, phrase)
    assert (t.type, t.value, t.anchor) == ("DATE", value, "event")


def test_anniversary_without_a_dated_wedding_is_not_tagged(nlp):
    assert not found(nlp, "The museum marked its 50th anniversary.")


@pytest.mark.parametrize(
    ("text", "phrase", "timeml_text", "value"),
    [
        ("They married in June 2012. 15 months later, they had a son.", "15 months later",
         "15 months", "P15M"),
        ("They married in June 2012. A month after the wedding they moved.", "A month after",
         "A month", "P1M"),
    ],
)  # fmt: skip
def test_timeml_form_is_the_duration_with_a_signal(nlp, text, phrase, timeml_text, value):
    t = one(nlp, text, phrase)
    assert t.type == "DATE"
    tm = timeml_form(t)
    assert (tm.text, tm.type, tm.value) == (timeml_text, "DURATION", value)
    assert text[tm.start : tm.end] == tm.text


def test_timeml_form_leaves_other_expressions_alone(nlp):
    t = one(nlp, "She left three years ago.", "three years ago")
    assert timeml_form(t) is t


# ------------------------------------------------------------- reference words and names


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Investors fear the current slump.", "current", "PRESENT_REF"),
        ("A recent filing shows the stake.", "recent", "PAST_REF"),
        ("The company will soon begin layoffs.", "soon", "FUTURE_REF"),
        ("Holders may buy at the then current price.", "then current", "PAST_REF"),
    ],
)
def test_reference_adjectives_and_soon(nlp, text, phrase, value):
    assert found(nlp, text)[phrase] == ("DATE", value)


@pytest.mark.parametrize(
    "text",
    [
        "The current account deficit widened.",
        "He died soon after the crash.",
        "Call me as soon as you can.",
        "She told USA Today that she left.",
        "The firm adds four flights a week.",
    ],
)
def test_words_that_are_not_times_here(nlp, text):
    tagged = found(nlp, text)
    assert not tagged, tagged


# ------------------------------------------------------------- the day the story is telling


def test_part_of_the_day_just_named(nlp):
    text = "Stocks fell on Friday, February 16. Dealers sold heavily in the morning."
    t = one(nlp, text, "the morning")
    assert (t.type, t.value, t.anchor) == ("TIME", "2024-02-16TMO", "event")
    assert "the morning" not in found(nlp, "I always run in the morning.")


def test_later_in_the_day_is_the_day_just_named(nlp):
    text = "He landed on Tuesday, February 20, and spoke later in the day."
    assert one(nlp, text, "later in the day").value == "2024-02-20"


def test_until_then_is_the_date_just_given(nlp):
    text = "The rights end on March 30. Until then, the shares stay convertible."
    t = one(nlp, text, "then")
    assert (t.value, t.anchor) == ("2024-03-30", "event")
    assert "then" not in found(nlp, "He left, and then he came back.")


@pytest.mark.parametrize(
    ("text", "phrase", "typ", "value"),
    [
        ("Today is the eighth day of the strike.", "the eighth day", "DATE", "2024-02-23"),
        ("Nobody should leave at this crucial moment.", "this crucial moment", "DATE",
         "PRESENT_REF"),
        ("They will live without power for a while.", "a while", "DURATION", "PXX"),
        ("Over the years the town grew.", "the years", "DURATION", "PXY"),
    ],
)  # fmt: skip
def test_day_counts_moments_and_vague_spans(nlp, text, phrase, typ, value):
    t = one(nlp, text, phrase)
    assert (t.type, t.value) == (typ, value)


def test_months_after_a_year_keep_every_day_they_can_fall_on(nlp):
    text = "They moved to Oslo in 2014. He left the post 15 months later."
    t = one(nlp, text, "15 months later")
    # the TIMEX3 value is the year, as TimeML writes it; the days are not all of 2015
    assert (t.value, t.anchor) == ("2015", "event")
    assert (t.earliest, t.latest) == (date(2015, 4, 1), date(2016, 3, 31))
