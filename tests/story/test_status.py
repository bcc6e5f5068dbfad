"""Event status: confirmed only on the record or by two named origins; speculation stays so."""

from __future__ import annotations

from story_helpers import MARA, TOBIN, Coverage, only, people, story_of

from storyline.story.merge import merge_claims


def _status(cov: Coverage, type_: str = "engaged") -> str:
    return only(merge_claims(cov.articles, cov.analyses, people()), type_).status


def test_many_outlets_with_anonymous_sources_stay_reported():
    cov = Coverage()
    for n in range(4):
        aid = cov.article(f"a{n}", "2023-09-01", f"Outlet {n}")
        cov.claim(aid, "engaged", "Insiders say they got engaged.", [MARA, TOBIN],
                  kind="anonymous_source", name="an insider", certainty="reported")
    assert _status(cov) == "reported"


def test_a_participant_on_the_record_confirms():
    cov = Coverage()
    cov.article("a1", "2023-09-01", "Daily Lantern")
    cov.claim("a1", "engaged", '"We are engaged," Quell said.', [MARA, TOBIN],
              kind="named_person", name="Mara", certainty="reported")
    assert _status(cov) == "confirmed"  # "Mara" is an alias of a participant


def test_a_named_bystander_alone_does_not_confirm():
    cov = Coverage()
    cov.article("a1", "2023-09-01", "Daily Lantern")
    cov.claim("a1", "engaged", "Their neighbour Ola Brent said they got engaged.",
              [MARA, TOBIN], kind="named_person", name="Ola Brent", certainty="reported")
    assert _status(cov) == "reported"


def test_speculation_and_questions_never_confirm():
    cov = Coverage()
    for n in range(3):
        aid = cov.article(f"a{n}", "2023-09-01", f"Outlet {n}")
        cov.claim(aid, "engaged", "Are Quell and Ashgrove engaged?", [MARA, TOBIN],
                  certainty="speculated")
        cov.claim(aid, "engaged", "If they got engaged, fans would cheer.", [MARA, TOBIN],
                  certainty="hypothetical")
    assert _status(cov) == "speculated"


def test_an_article_that_wonders_has_not_asserted_it():
    cov = Coverage()
    cov.article("a1", "2023-09-01", "Daily Lantern")
    cov.claim("a1", "engaged", "Could they be engaged?", [MARA, TOBIN], certainty="speculated")
    cov.claim("a1", "engaged", "An engagement would explain the ring.", [MARA, TOBIN])
    cov.article("a2", "2023-09-01", "Evening Crier")
    cov.claim("a2", "engaged", "Are they engaged?", [MARA, TOBIN], certainty="speculated")
    assert _status(cov) == "speculated"


def test_an_on_record_denial_with_nothing_confirming_makes_it_denied_and_kept_beside():
    cov = Coverage()
    cov.article("a1", "2023-09-01", "Daily Lantern")
    cov.claim("a1", "engaged", "A source claims they got engaged.", [MARA, TOBIN],
              kind="anonymous_source", certainty="alleged")
    cov.article("a2", "2023-09-02", "Evening Crier")
    cov.claim("a2", "engaged", '"We are not engaged," Ashgrove said.', [MARA, TOBIN],
              kind="named_person", name="Tobin Ashgrove", certainty="denied")
    story = story_of(cov)
    ev = only(story.events, "engaged")
    assert ev.status == "denied"
    assert {m.certainty for m in ev.mentions} == {"alleged", "denied"}
    (x,) = [c for c in story.contradictions if c.kind == "denial"]
    assert [len(s.evidence) for s in x.sides] == [1, 1]
    assert "Tobin Ashgrove" in x.explanation


def test_a_denial_against_confirmed_evidence_does_not_win():
    cov = Coverage()
    cov.article("a1", "2023-09-01", "Daily Lantern")
    cov.claim("a1", "engaged", '"We got engaged," Quell said.', [MARA, TOBIN],
              kind="named_person", name="Mara Quell", certainty="reported")
    cov.claim("a1", "engaged", "A friend denied the engagement.", [MARA, TOBIN],
              kind="anonymous_source", certainty="denied")
    story = story_of(cov)
    assert only(story.events, "engaged").status == "confirmed"
    assert [c.kind for c in story.contradictions] == ["denial"]


def test_what_an_article_asserts_before_its_first_hedge_stands_and_after_it_rests_on_it():
    cov = Coverage()
    cov.article("a1", "2023-09-01", "Daily Lantern")
    cov.claim("a1", "divorce_filed", "Quell filed for divorce from Ashgrove in court.",
              [MARA, TOBIN])
    cov.claim("a1", "divorce_filed", "She allegedly asked to drop his name in the filing.",
              [MARA, TOBIN], certainty="alleged")
    assert _status(cov, "divorce_filed") == "reported"

    cov = Coverage()
    cov.article("a1", "2023-09-01", "Daily Lantern")
    cov.claim("a1", "divorce_filed", "Quell has reportedly filed for divorce.", [MARA, TOBIN],
              certainty="alleged")
    cov.claim("a1", "divorce_filed", "The filing came in May.", [MARA, TOBIN])
    assert _status(cov, "divorce_filed") == "alleged"


def test_people_besides_names_every_other_person_but_not_the_participants():
    from storyline.model import Entity
    from storyline.story.status import NameBook

    book = NameBook({
        "e1": Entity("e1", "Ada Lenz", "PERSON", aliases=["Lenz"]),
        "e2": Entity("e2", "Bo Tam", "PERSON"),
        "e3": Entity("e3", "Tam Group", "ORG"),
        "e4": Entity("e4", "Cy Lenz", "PERSON", aliases=["Lenz"]),
    })  # fmt: skip
    names = book.of("e1") | book.of("e3")
    assert book.people_besides(names) == {"bo tam", "cy lenz"}
    assert book.people_besides(book.of("e2")) == {"ada lenz", "lenz", "cy lenz"}
