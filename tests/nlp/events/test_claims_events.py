"""Event types: one fictional sentence per type must yield a claim of that type."""

from __future__ import annotations

import pytest

from storyline.model import Article
from storyline.nlp.pipeline import analyze
from storyline.settings import Settings


def run(text: str, outlet: str | None = None):
    article = Article(id="fx", path="fx.txt", raw=text, content=text, outlet=outlet)
    return analyze([article], Settings())[0]


def types_of(text: str) -> set[str]:
    return {c.type for c in run(text).claims}


CASES = [
    ("met", "Mara Quill and Jonas Verhoeven first met at a gallery opening in 2015."),
    ("dated", "Mara Quill started dating the drummer Tobin Ash last spring."),
    ("engaged", "Mara Quill got engaged to Tobin Ash in Lisbon."),
    ("married", "Mara Quill and Jonas Verhoeven tied the knot in 2016."),
    ("married", "Mara Quill married Jonas Verhoeven in a small ceremony."),
    ("separated", "Mara Quill and Jonas Verhoeven split after eight years together."),
    ("separated", "The singer and her husband have decided to part ways."),
    ("separated", "Mara Quill and Jonas Verhoeven Part Ways After Eight Years"),  # Title Case
    ("separated", "They have been living apart since the summer."),
    ("dated", "Jonas Verhoeven has been seeing sculptor Lila Brandt since May."),
    ("divorce_filed", "Jonas Verhoeven filed for divorce from Mara Quill on Monday."),
    ("divorce_filed", "Jonas Verhoeven filed on Friday in Oslo for a dissolution of marriage."),
    ("divorced", "Mara Quill divorced her first husband in 2009."),
    ("reconciled", "Mara Quill and Jonas Verhoeven are back together."),
    ("reconciled", "The couple reconciled over the holidays."),
    ("affair_alleged", "Jonas Verhoeven had an affair with his co-star Lila Brandt."),
    ("affair_alleged", "Jonas Verhoeven cheated on his wife during the tour."),
    ("birth", "Mara Quill gave birth to a daughter, Wren, in March."),
    ("birth", "Mara Quill was born in Rotterdam in 1984."),
    ("death", "The composer Otto Falk died in his sleep last week."),
    ("death", "Otto Falk passed away on Sunday."),
    ("relocated", "The family moved to Vienna in 2019."),
    ("appointed", "Jonas Verhoeven was named artistic director of the Halden Ballet."),
    ("appointed", "Acme Robotics appointed Priya Lund as chief executive."),
    ("appointed", "The senator was reappointed to the budget committee."),
    ("resigned", "Jonas Verhoeven resigned from the Halden Ballet in February."),
    ("resigned", "The chief executive stepped down after the scandal."),
    ("resigned", "The board of Halvard Systems ousted CEO Petra Lind on Friday."),
    ("resigned", "The club fired its coach, Dario Venn, after the defeat."),
    ("resigned", "Lind's sudden ouster shocked investors."),
    ("sighting", "Mara Quill was spotted at a cafe in Oslo without her wedding ring."),
    ("sighting", "Mara Quill was seen leaving the studio on Friday."),
    ("statement", "Mara Quill opened up about the divorce in a podcast interview."),
    ("statement", "Mara Quill said the rumours were hurtful."),
    ("release", "Jonas Verhoeven released his debut film in 2021."),
    ("award", "Mara Quill won an Oscar for her role in the film."),
    ("charge", "Prosecutors charged Tobin Ash with assault."),
    ("lawsuit", "Lila Brandt sued the studio over unpaid royalties."),
]


@pytest.mark.parametrize("expected,text", CASES)
def test_each_event_type_is_found(expected, text):
    assert expected in types_of(text)


def test_open_layer_keeps_other_verbs_with_their_predicate():
    # an acquisition has its own frame (business pack); a verb outside every frame is open
    analysis = run("Acme Robotics acquired Belton Systems for two billion dollars.")
    assert [(c.type, c.predicate) for c in analysis.claims] == [("acquisition", "acquire")]
    analysis = run("Acme Robotics funded Belton Systems with two billion dollars.")
    others = [c for c in analysis.claims if c.type == "other"]
    assert [c.predicate for c in others] == ["fund"]


def test_open_layer_skips_light_verbs_and_unnamed_subjects():
    analysis = run("The rumours left her feeling embarrassed. She has some friends.")
    assert not [c for c in analysis.claims if c.type == "other"]


def test_non_events_are_not_claims():
    # "engaged in talks" is not an engagement, a "married couple" is not a wedding
    text = "The two sides are engaged in talks. The married couple owns a bakery."
    assert not types_of(text) & {"engaged", "married"}


def test_words_that_name_no_event_of_their_own():
    # plugging a film is no appointment; divorce papers and rumours are no divorce; a magazine
    # publishing speculation releases no work
    text = ("Mara Quill was in Oslo to promote her new film, Northlight. The divorce papers "
            "are ready, amid divorce rumors. On Monday, Page Six published speculation that "
            "Jonas Verhoeven had moved out. The company fired a warning shot at regulators. "
            "He was released on bail after a short hearing. His character was killed off.")
    assert not types_of(text) & {"appointed", "divorced", "release", "resigned", "death"}


def test_a_date_that_describes_a_noun_does_not_date_the_event():
    # "the 2016 incident" dates the incident, not the charge
    c = next(c for c in run("Tobin Ash is charged with assault in the 2016 incident at a "
                            "restaurant.").claims if c.type == "charge")
    assert c.time is None
    c = next(c for c in run("Jonas Verhoeven had a 2019 affair with Lila Brandt.").claims
             if c.type == "affair_alleged")
    assert c.time is not None and c.time.value == "2019"  # the trigger's own modifier


def test_longest_wording_wins():
    # "filed for divorce" is a filing, not a completed divorce
    assert types_of("Mara Quill filed for divorce in May.") == {"divorce_filed"}


def test_sighting_keeps_place_time_detail():
    text = "Mara Quill was spotted at the Harbor Grill in Oslo without her wedding ring."
    (claim,) = [c for c in run(text).claims if c.type == "sighting"]
    assert claim.place == "Oslo"
    assert claim.detail == "without her wedding ring"


def test_not_seen_wearing_is_a_sighting_without_the_ring():
    claim = next(c for c in run("Mara Quill was not seen wearing her ring.").claims)
    assert claim.type == "sighting"
    assert claim.mention.certainty != "negated"
    assert claim.detail == "not wearing her ring"


def test_what_a_sighting_was_notable_for_is_no_event_of_its_own():
    text = ("On Monday, the pair was spotted at lunch in Oslo, but Mara Quill was noticeably "
            "missing her wedding ring.")
    claims = run(text).claims
    assert [(c.type, c.detail) for c in claims] == [("sighting", "missing her wedding ring")]


def test_one_claim_per_type_per_sentence():
    text = "Rumours of the affair grew, and the affair became public."
    claims = [c for c in run(text).claims if c.type == "affair_alleged"]
    assert len(claims) == 1


def test_claim_ids_and_spans():
    text = "Headline about nothing\n\nMara Quill married Jonas Verhoeven in 2016. They split."
    analysis = run(text)
    assert [c.id for c in analysis.claims] == [f"fx:c{i + 1}" for i in range(len(analysis.claims))]
    for c in analysis.claims:
        assert text[c.mention.start:c.mention.end] == c.mention.text
        assert "\n" not in c.mention.text  # a sentence never runs across a line break
