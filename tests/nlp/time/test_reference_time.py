"""The report's reference time (storyline/nlp/time/reference.py) and line breaks as sentence
boundaries (storyline/nlp/line_breaks.py), on a fictional article and hand-written texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest.read import read_articles
from storyline.nlp.line_breaks import hard_wrapped
from storyline.nlp.pipeline import analyze
from storyline.settings import Settings

FIXTURES = Path(__file__).parents[1] / "fixtures" / "reference"
CARRIED = "the report's reference time"


@pytest.fixture(scope="module")
def skylark():
    """(article, analysis) of skylark.txt: headline, dateline, a lede dated 'Yesterday', a
    narrative told on with no dates, a flashback, a shifted event and a plan."""
    settings = Settings()
    (article,) = read_articles([str(FIXTURES / "skylark.txt")], settings)
    (analysis,) = analyze([article], settings)
    return article, analysis


def _times(article, analysis) -> dict[str, tuple[str | None, bool]]:
    """trigger word -> (time value, carried) of every claim told by a verb in the past."""
    out = {}
    for c in analysis.claims:
        word = article.raw[c.trigger[0]:c.trigger[1]]
        if c.dct_relation == "BEFORE" and word.endswith("ed") or word in ("fought", "said"):
            carried = bool(c.time_reason and c.time_reason.startswith(CARRIED))
            out[word] = (c.time.value if c.time else None, carried)
    return out


def test_the_narrative_carries_the_ledes_day(skylark):
    article, analysis = skylark
    assert _times(article, analysis) == {
        "unveiled": ("2024-06-03", False),  # its own "Yesterday" (the lede, its own line)
        "praised": ("2024-06-03", True),  # "Kirsh praised ...": told next, no time of its own
        "demoed": ("2024-06-03", True),  # "She demoed ...": the same participant
        "obtained": ("2024-04", False),  # "In April, ... Pixelgrid obtained": its own
        "thanked": (None, False),  # "later": shifted off the reference time, only bounded
        "fought": ("2019", False),  # a flashback dates itself ...
        "returned": ("2021", False),
        "said": ("2024-06-03", True),  # ... and does not carry: the report's day does
    }


def test_a_carried_time_keeps_its_expression_and_reason(skylark):
    article, analysis = skylark
    (praised,) = [c for c in analysis.claims if article.raw[c.trigger[0]:c.trigger[1]] == "praised"]
    assert praised.time_text == "Yesterday" and praised.time_bound is None
    assert praised.time_reason == (
        "the report's reference time: 'Yesterday' (sentence 2) dates the last event told of a "
        "participant, and this one is told next in the simple past")


def test_only_past_verbs_take_a_carried_time(skylark):
    article, analysis = skylark
    carried = [article.raw[c.trigger[0]:c.trigger[1]] for c in analysis.claims
               if c.time_reason and c.time_reason.startswith(CARRIED)]
    assert carried == ["praised", "demoed", "said"]  # not the headline's "unveils" nor a noun


def test_headline_and_dateline_lines_are_sentences_of_their_own(skylark):
    article, analysis = skylark
    texts = [article.raw[s:e] for s, e in analysis.sentences]
    assert texts[0] == "Velmora unveils the Skylark tablet at its Oslo conference"
    assert texts[1].startswith("Yesterday, Velmora chief executive Dana Kirsh unveiled")


def test_line_breaks_end_sentences_unless_the_text_is_wrapped(nlp):
    lines = nlp("Markets fall after the vote\nMay 2, 2024\nShares fell on Friday.")
    assert [s.text.strip() for s in lines.sents] == [
        "Markets fall after the vote", "May 2, 2024", "Shares fell on Friday."]
    wrapped = ("The minister said on Friday that the budget would be cut and that\n"
               "the cuts would fall on the schools of the north, where\n"
               "teachers had already protested.")
    assert hard_wrapped(wrapped)
    assert len(list(nlp(wrapped).sents)) == 1
    after_preposition = nlp("The council met on\nMonday and voted.")
    assert len(list(after_preposition.sents)) == 1  # "on" cannot end a sentence
    quoted = nlp('The two were married in 2012. s\n\n"I met my husband on it [the film], so I '
                 'think I was in dreamland," Mara said.')  # the parser alone splits the quote off
    assert [s.text.strip() for s in quoted.sents][-1] == (
        '"I met my husband on it [the film], so I think I was in dreamland," Mara said.')


def test_no_sentence_starts_inside_a_lines_first_sentence(nlp):
    # a dateline blanked as furniture leaves spaces; the parser alone then cuts "Velmora" off
    doc = nlp("Velmora launches new, faster tablet\n            \nVelmora Computer today "
              "announced its latest version of their popular tablet, the Skylark 3.\nIt is thin.")
    assert [s.text.strip() for s in doc.sents] == [
        "Velmora launches new, faster tablet",
        "Velmora Computer today announced its latest version of their popular tablet, the "
        "Skylark 3.", "It is thin."]


def test_hard_wrapped_reads_the_next_words_case():
    assert not hard_wrapped("Apple unveils iPhone 9\niPhone 9 ships in May.\nIt costs less.")
    assert hard_wrapped("she said\nthat it was over\nand that she was\nleaving.")
    assert not hard_wrapped("one line only")


def test_a_perfect_with_its_own_day_sets_the_time_and_a_clause_with_a_frame_keeps_its_own():
    settings = Settings()
    (article,) = read_articles([str(FIXTURES / "orbital.txt")], settings)
    (analysis,) = analyze([article], settings)
    got = {article.raw[c.trigger[0]:c.trigger[1]]: (
        c.time.value if c.time else None,
        bool(c.time_reason and c.time_reason.startswith(CARRIED))) for c in analysis.claims}
    assert got == {
        "launches": (None, False),  # the headline: present, no time
        "launched": ("2024-06-04", False),  # "has launched ... today": a perfect sets it too
        "unveiled": ("2024-06-04", True),
        "thanked": ("2024-06-04", True),  # "its one hour briefing" measures, it does not date
        "discussed": (None, False),  # "For months, ... stayed silent, but ... discussed"
        "stayed": (None, False),  # a `minor` event of the same clause: framed by "For months"
    }


def test_no_shared_participant_or_a_present_frame_no_carried_time():
    settings = Settings()
    (article,) = read_articles([str(FIXTURES / "harbour.txt")], settings)
    (analysis,) = analyze([article], settings)
    got = {article.raw[c.trigger[0]:c.trigger[1]]: c.time.value if c.time else None
           for c in analysis.claims}
    assert got == {
        "announced": "2024-06-03",  # "announced on Monday"
        "angered": None,  # "The decision angered the fleet": follows it, names no one of it
        "criticised": "2024-06-03",  # "Ivo Marsh criticised the fees on Monday"
        "hurt": None,
        "fined": None,  # Marsh's, but inside "believes ... as when": told from now
        "handed": "2024-06-03",  # Marsh's, told next: Monday
        "raises": None,  # the headline: present, no time
        "raise": None,  # "would raise": ahead of the announcement, not of its day
        "believes": None,  # a `minor` event, in the present: told from now
    }
