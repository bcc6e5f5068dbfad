"""The temporal tagger: every phrase class, anchoring, honest ranges, and the traps."""

from __future__ import annotations

from datetime import date

import pytest
from timex_helpers import DCT, found, one

from storyline.model import Article, ArticleAnalysis, PublicationDate
from storyline.nlp.time.component import timex as timex_component
from storyline.nlp.time.tagger import tag_text, value_to_time

# ------------------------------------------------------------- absolute dates


@pytest.mark.parametrize(
    ("text", "phrase", "value", "earliest", "latest"),
    [
        ("They married on August 4, 2012, in Paris.", "August 4, 2012", "2012-08-04",
         date(2012, 8, 4), date(2012, 8, 4)),
        ("The film opened in June 2023 to good reviews.", "June 2023", "2023-06",
         date(2023, 6, 1), date(2023, 6, 30)),
        ("The couple met in 2016.", "2016", "2016", date(2016, 1, 1), date(2016, 12, 31)),
        ("Sales peaked in the 1990s.", "the 1990s", "199", date(1990, 1, 1), date(1999, 12, 31)),
        ("Their romance began in the noughties.", "the noughties", "200", date(2000, 1, 1),
         date(2009, 12, 31)),
        ("Profit fell in the first quarter of 1998.", "the first quarter of 1998", "1998-Q1",
         date(1998, 1, 1), date(1998, 3, 31)),
        ("It was built in the 19th century.", "the 19th century", "18",
         date(1800, 1, 1), date(1899, 12, 31)),
        ("The deal closed on 2021-03-05.", "2021-03-05", "2021-03-05",
         date(2021, 3, 5), date(2021, 3, 5)),
    ],
)  # fmt: skip
def test_absolute_dates_keep_their_precision(nlp, text, phrase, value, earliest, latest):
    t = one(nlp, text, phrase)
    assert (t.type, t.value, t.earliest, t.latest) == ("DATE", value, earliest, latest)
    assert t.anchor == "none"


def test_offsets_point_into_the_text(nlp):
    text = "Filed on Thursday, February 22, the papers cite the past three months."
    for t in tag_text(text, DCT, nlp):
        assert text[t.start : t.end] == t.text


# ------------------------------------------------------------- relative to the document date


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("She filed for divorce on Thursday, February 22.", "Thursday, February 22",
         "2024-02-22"),
        ("The pair split last month.", "last month", "2024-01"),
        ("He moved out earlier this month.", "earlier this month", "2024-02"),
        ("In February of this year she spoke out.", "February of this year", "2024-02"),
        ("They were seen together on August 4.", "August 4", "2023-08-04"),
        ("The wedding will take place on August 4.", "August 4", "2024-08-04"),
        ("The couple separated in Spring.", "Spring", "2023-SP"),
        ("The sequel will open next spring.", "next spring", "2024-SP"),
        ("The couple split yesterday.", "yesterday", "2024-02-22"),
        ("She spoke on Monday.", "Monday", "2024-02-19"),
        ("She will speak on Monday.", "Monday", "2024-02-26"),
        ("Talks resume this week.", "this week", "2024-W08"),
        ("Profit rose in the fourth quarter.", "the fourth quarter", "2023-Q4"),
        ("The show ended last year.", "last year", "2023"),
        ("She left three years ago.", "three years ago", "2021"),
        ("Results for fiscal 2023 were strong.", "fiscal 2023", "2023"),
    ],
)  # fmt: skip
def test_relative_dates_anchor_to_the_document_date(nlp, text, phrase, value):
    t = one(nlp, text, phrase)
    assert t.value == value
    assert t.type == "DATE"
    assert t.anchor in ("dct", "none")


def test_relative_month_has_inclusive_interval(nlp):
    t = one(nlp, "He moved out earlier this month.", "earlier this month")
    assert t.earliest == date(2024, 2, 1) and t.latest <= date(2024, 2, 29)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The city is calm now.", "now", "PRESENT_REF"),
        ("Such things happened in the past.", "the past", "PAST_REF"),
        ("She recently moved to Rome.", "recently", "PAST_REF"),
        ("Nobody knows what the future holds.", "the future", "FUTURE_REF"),
    ],
)
def test_reference_words(nlp, text, phrase, value):
    t = one(nlp, text, phrase)
    assert (t.type, t.value) == ("DATE", value)


def test_present_ref_interval_is_the_document_day(nlp):
    t = one(nlp, "The city is calm now.", "now")
    assert t.earliest == t.latest == date(2024, 2, 23)


# ------------------------------------------------------------- anchored to another event


def test_later_anchors_to_the_previous_date_in_the_narrative(nlp):
    text = "They married in June 2012. 15 months later, they had a son."
    t = one(nlp, text, "15 months later")
    assert (t.type, t.value, t.anchor) == ("DATE", "2013-09", "event")


def test_a_year_earlier_follows_the_quarter_being_reported(nlp):
    text = "Profit rose 5% in the third quarter, from $3 million a year earlier."
    t = one(nlp, text, "a year earlier", dct="1989-10-26")
    assert t.value == "1988-Q3"


def test_the_following_year_is_relative_to_the_narrative(nlp):
    text = "He joined the firm on May 22, 1995, and left the following year."
    assert one(nlp, text, "the following year").value == "1996"


# ------------------------------------------------------------- durations, times, sets


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("They split after 11 years of marriage.", "11 years", "P11Y"),
        ("The talks lasted three years.", "three years", "P3Y"),
        ("Prices rose over the past three months.", "the past three months", "P3M"),
        ("He served 2 1/2 years in prison.", "2 1/2 years", "P2Y6M"),
        ("The meeting took nearly two hours.", "nearly two hours", "PT2H"),
        ("It has lasted for several years.", "several years", "PXY"),
        ("A five-year plan was approved.", "five-year", "P5Y"),
        ("He was gone for two decades.", "two decades", "P20Y"),
    ],
)
def test_durations(nlp, text, phrase, value):
    t = one(nlp, text, phrase)
    assert (t.type, t.value) == ("DURATION", value)
    assert t.earliest is None and t.latest is None


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("He called this morning.", "this morning", "2024-02-23TMO"),
        ("The vote is at 10 p.m. Wednesday.", "10 p.m. Wednesday", "2024-02-21T22:00"),
        ("They met at noon.", "noon", "2024-02-23T12:00"),
        ("She left last night.", "last night", "2024-02-22TNI"),
    ],
)
def test_times(nlp, text, phrase, value):
    t = one(nlp, text, phrase)
    assert (t.type, t.value) == ("TIME", value)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The show airs every Thursday.", "every Thursday", "XXXX-WXX-4"),
        ("The newsletter is published weekly.", "weekly", "XXXX-WXX"),
        ("They visit each July.", "each July", "XXXX-07"),
    ],
)
def test_sets(nlp, text, phrase, value):
    t = one(nlp, text, phrase)
    assert (t.type, t.value) == ("SET", value)


# ------------------------------------------------------------- traps


@pytest.mark.parametrize(
    "text",
    [
        "Portman, 42, was seen in Paris.",
        "The 25-year-old actress declined to comment.",
        "The boy, aged 12, was unhurt.",
        "She is 12 years old.",
        "The singer, a 30-year-old mother of two, smiled.",
        "Police sent 2,000 officers and seized $1,500 in cash.",
        "The Boeing 747 landed with 300 passengers.",
        "You may leave now if you like, he said.",
    ],
)
def test_no_ages_or_plain_numbers(nlp, text):
    tagged = found(nlp, text)
    assert not {k for k in tagged if any(c.isdigit() for c in k)}, tagged


def test_outlet_names_are_not_recurring_times(nlp):
    tagged = found(nlp, "A source told Celebrity Weekly that the pair filed papers.")
    assert "Weekly" not in tagged
    assert found(nlp, "The magazine is published weekly.")["weekly"] == ("SET", "XXXX-WXX")


def test_vague_later_in_a_past_narrative_is_past(nlp):
    text = "They separated in June 2023. Weeks later, he was seen with another woman."
    t = one(nlp, text, "Weeks later")
    assert (t.value, t.anchor) == ("PAST_REF", "event")


def test_may_is_not_a_month_when_it_is_a_verb(nlp):
    assert "May" not in found(nlp, "May I ask a question? You may.")


@pytest.mark.parametrize(
    "text",
    [
        "The 'May December' actress arrived late.",
        'She starred in "May December" with a co-star.',
        "She starred in May December alongside Julianne Fenwick.",
    ],
)
def test_film_titles_are_not_dates(nlp, text):
    tagged = found(nlp, text)
    assert "May" not in tagged and "December" not in tagged, tagged


def test_month_name_of_a_person_is_not_a_date(nlp):
    tagged = found(nlp, "Prime Minister Theresa May spoke to reporters.")
    assert "May" not in tagged


# ------------------------------------------------------------- document date edge cases


def test_ranged_document_date_gives_ranged_relative_dates(nlp):
    pub = PublicationDate("2024-02", date(2024, 2, 1), date(2024, 2, 29), method="url")
    [t] = [x for x in tag_text("She left yesterday.", pub, nlp) if x.text == "yesterday"]
    assert t.earliest == date(2024, 1, 31) and t.latest == date(2024, 2, 28)
    assert t.value == "2024-Q1"  # the finest unit covering every reading
    [m] = [x for x in tag_text("She left last month.", pub, nlp) if x.text == "last month"]
    assert m.value == "2024-01"


def test_ranged_document_date_keeps_absolute_dates_exact(nlp):
    pub = PublicationDate("2024", date(2024, 1, 1), date(2024, 12, 31))
    [t] = tag_text("They married on August 4, 2012.", pub, nlp)
    assert t.value == "2012-08-04" and t.earliest == t.latest == date(2012, 8, 4)


def test_without_a_document_date_relative_values_stay_unknown(nlp):
    t = one(nlp, "She left yesterday, in June 2023.", "yesterday", dct=None)
    assert t.value == "XXXX-XX-XX" and t.earliest is None
    assert one(nlp, "She left yesterday, in June 2023.", "June 2023", dct=None).value == "2023-06"


def test_value_to_time_keeps_precision():
    tv = value_to_time("2024-02")
    assert (tv.value, tv.earliest, tv.latest) == ("2024-02", date(2024, 2, 1), date(2024, 2, 29))


def test_component_fills_the_analysis(nlp):
    raw = "Published Friday. The couple married on August 4, 2012, and split last month."
    article = Article(id="a1", path="x.txt", raw=raw, content=raw,
                      published=PublicationDate("2024-02-23", date(2024, 2, 23),
                                                date(2024, 2, 23)))  # fmt: skip
    analysis = ArticleAnalysis(article="a1")
    timex_component(nlp(raw), article, analysis)
    values = {t.text: t.value for t in analysis.timexes}
    assert values["August 4, 2012"] == "2012-08-04"
    assert values["last month"] == "2024-01"
    assert all(t.article == "a1" and raw[t.start : t.end] == t.text for t in analysis.timexes)
