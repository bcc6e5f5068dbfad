"""Ages, anniversaries and marriage durations found in fictional sentences."""

from __future__ import annotations

from datetime import date

from storyline.model import Article, PublicationDate
from storyline.nlp.pipeline import analyze
from storyline.nlp.time.quantities import number
from storyline.settings import Settings

PUB = date(2023, 8, 7)


def quantities(text: str, published: PublicationDate | None = None):
    pub = published or PublicationDate("2023-08-07", PUB, PUB, method="header")
    art = Article(id="q", path="q.txt", raw=text, content=text, published=pub)
    a = analyze([art], Settings())[0]
    names = {e.id: e.name for e in a.entities}
    return [(q.kind, q.amount, [names.get(s) for s in q.subject], q) for q in a.quantities]


def ages(text: str) -> dict[str, int]:
    return {who[0]: n for kind, n, who, _ in quantities(text) if kind == "age" and who}


def test_number_words_and_ordinals():
    assert (number("42"), number("eleven"), number("11th"), number("eleventh")) == (42, 11, 11, 11)


def test_age_after_name_comma_and_brackets():
    found = ages("Mara Quill, 38, left the party. Jonas Verhoeven (44) stayed behind.")
    assert found == {"Mara Quill": 38, "Jonas Verhoeven": 44}


def test_age_of_child_after_kin_noun():
    found = ages("Mara Quill was with her son Otto, 7, and her daughter Ida, aged 4.")
    assert found.get("Otto") == 7 and found.get("Ida") == 4


def test_year_old_description_and_who_is():
    found = ages("The 38-year-old actress Mara Quill arrived first. "
                 "Her husband Jonas Verhoeven, who is 44, came later.")
    assert found == {"Mara Quill": 38, "Jonas Verhoeven": 44}


def test_age_keeps_the_evidence_span_and_publication_time():
    text = "Tilde Brask, 31, opened the show."
    ((kind, n, who, q),) = quantities(text)
    assert text[q.start : q.end] == q.text == "Tilde Brask, 31"
    assert q.at.earliest == q.at.latest == PUB


def test_age_time_carries_a_range_publication_date():
    pub = PublicationDate("2024-H1", date(2024, 1, 1), date(2024, 6, 30), method="inferred")
    ((_, _, _, q),) = quantities("Tilde Brask, 31, opened the show.", pub)
    assert (q.at.earliest, q.at.latest) == (date(2024, 1, 1), date(2024, 6, 30))


def test_a_bare_year_does_not_move_the_age():
    found = quantities("Tilde Brask, 38, opened a gallery in Lisbon in 2013.")
    (q,) = [q for kind, _, _, q in found if kind == "age"]
    assert q.at.earliest == PUB


def test_anniversary_with_a_date_and_the_couple():
    found = quantities("Mara Quill and Jonas Verhoeven spent their ninth wedding anniversary "
                       "apart on April 20.")
    (kind, n, who, q), = [x for x in found if x[0] == "anniversary"]
    assert n == 9 and set(who) == {"Mara Quill", "Jonas Verhoeven"}
    assert q.relation == "married" and q.at.earliest == date(2023, 4, 20)


def test_anniversary_without_date_is_the_year_before_publication():
    found = quantities("Mara Quill was photographed alone on her 9th wedding anniversary.")
    (q,) = [x[3] for x in found if x[0] == "anniversary"]
    assert (q.at.earliest, q.at.latest) == (date(2022, 8, 8), PUB)


def test_marriage_durations():
    found = quantities("Mara Quill and Jonas Verhoeven split after nine years of marriage. "
                       "The pair had been married for nine years.")
    durations = [(n, q.relation) for kind, n, _, q in found if kind == "duration"]
    assert durations == [(9, "married"), (9, "married")]


def test_plain_numbers_are_not_ages():
    assert ages("Mara Quill bought 3 paintings for 40 dollars in Lisbon.") == {}
