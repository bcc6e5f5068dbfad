"""Formerly known misses of the claims component, on fictional sentences: active sightings,
a couple's "state of separation", a rumour's date, an unnamed interviewer, one interview told
over several sentences."""

from __future__ import annotations

import pytest

from storyline.model import Article
from storyline.nlp.pipeline import analyze
from storyline.settings import Settings

COUPLE = "Mara Quill and Jonas Verhoeven married in 2015.\n\n"


def run(text: str, outlet: str | None = "Daily Beacon"):
    article = Article(id="fx", path="fx.txt", raw=text, content=text, outlet=outlet)
    analysis = analyze([article], Settings())[0]
    for c in analysis.claims:
        assert text[c.mention.start:c.mention.end] == c.mention.text
    for q in analysis.quotes:
        assert text[q.start:q.end] == q.text
    names = {e.id: e.name for e in analysis.entities}
    return analysis, names


def of_type(text: str, type_: str):
    analysis, names = run(text)
    return [(c, [names.get(p, p) for p in c.participants])
            for c in analysis.claims if c.type == type_]


@pytest.mark.parametrize("sentence,detail", [
    ("Quill has been seen not wearing her wedding ring at several events.",
     "not wearing her wedding ring"),
    ("Quill has also seen not wearing her wedding ring on several occasions.",
     "not wearing her wedding ring"),
    ("Quill didn't wear her ring at a pre-awards party last month.", "didn't wear her ring"),
    ("Quill wasn’t wearing her ring at the gala.", "wasn’t wearing her ring"),
])
def test_actively_worded_sightings(sentence, detail):
    ((claim, who),) = of_type(COUPLE + sentence, "sighting")
    assert claim.detail == detail
    assert claim.mention.certainty == "asserted"  # the "not" is the detail, not the event's
    assert who == ["Mara Quill"]


def test_photos_of_someone_leaving_a_place_are_a_sighting():
    text = COUPLE + ("I found the photos of Mara Quill leaving the Harbour Club that night, "
                     "and it's true, she wasn't wearing her wedding ring.")
    ((claim, who),) = of_type(text, "sighting")
    assert who == ["Mara Quill"]
    assert claim.detail == "wasn't wearing her wedding ring"


def test_wearing_something_is_no_sighting():
    assert not of_type(COUPLE + "Quill wore a red gown and her wedding ring.", "sighting")


@pytest.mark.parametrize("sentence", [
    "Despite their efforts, they now find themselves in a state of separation.",
    "Quill hinted at the impending breakup in May.",
])
def test_the_couples_separation_takes_the_couple_in_focus(sentence):
    separated = of_type(COUPLE + sentence, "separated")
    assert separated
    assert all(sorted(who) == ["Jonas Verhoeven", "Mara Quill"] for _, who in separated)


def test_rumour_date_dates_an_undated_affair():
    text = COUPLE + "Rumours swirled in August that Verhoeven had an affair with a dancer."
    ((claim, _),) = of_type(text, "affair_alleged")
    assert claim.time_text == "August"
    assert claim.time is not None and claim.time.value.endswith("-08")


def test_an_affair_with_its_own_date_keeps_it():
    text = COUPLE + "In June, rumours swirled that Verhoeven had cheated in 2019."
    ((claim, _),) = of_type(text, "affair_alleged")
    assert claim.time_text == "2019"


INTERVIEW = COUPLE + (
    "Mara Quill addressed the rumours in her recent Harbour Weekly interview.\n\n"
    'When the interviewer noted, "It must be hard to talk about," Quill acknowledged, '
    '"It really is."\n\n'
    "Elsewhere in the chat, she discussed how she keeps her private life quiet.\n\n"
    '"She has been leaning on her sister," a source told the Lantern Post.\n\n'
    "Verhoeven commented on the split in a podcast interview with Lantern Radio."
)


def test_an_unnamed_interviewer_is_the_press_not_a_named_person():
    analysis, _ = run(INTERVIEW)
    asked = next(q for q in analysis.quotes if q.text.startswith("It must be"))
    assert asked.source.kind == "outlet"
    assert asked.speaker is None
    answer = next(q for q in analysis.quotes if q.text.startswith("It really"))
    assert answer.source.kind == "named_person" and answer.source.name == "Mara Quill"
    # the interviewer relays nobody: the next source is not "via" the interview's outlet
    leaning = next(q for q in analysis.quotes if q.text.startswith("She has been"))
    assert leaning.source.kind == "anonymous_source"
    assert "Harbour Weekly" not in leaning.source.via


def test_one_interview_is_one_statement():
    statements = of_type(INTERVIEW, "statement")
    by_quill = [c for c, who in statements if who == ["Mara Quill"]]
    assert len(by_quill) == 1
    assert by_quill[0].mention.text.startswith("Mara Quill addressed the rumours")
    # another speaker at another venue stays a statement of its own
    assert any(who == ["Jonas Verhoeven"] for _, who in statements)
    analysis, _ = run(INTERVIEW)
    assert [c.id for c in analysis.claims] == [f"fx:c{i + 1}" for i in range(len(analysis.claims))]


def test_statements_at_different_venues_stay_apart():
    text = COUPLE + (
        "Mara Quill addressed the rumours in her Harbour Weekly interview.\n\n"
        "Quill also discussed the split in a podcast interview with Lantern Radio."
    )
    by_quill = [c for c, who in of_type(text, "statement") if who == ["Mara Quill"]]
    assert len(by_quill) == 2
