"""The status rules of docs/story.md, one fixture each: confirmed only from a principal on the
record, an official record or two independent unhedged origins; repetition, background told in
passing and presupposed nouns under a hedge add no confirmation; denials, retractions and
changed accounts are kept beside the claim."""

from __future__ import annotations

from story_helpers import MARA, TOBIN, Coverage, only, people, story_of

from storyline.model import Claim
from storyline.story.cues import cited_record
from storyline.story.merge import merge_claims

SEP = "separated"


def _trigger(c: Claim, word: str) -> Claim:
    at = c.mention.start + c.mention.text.index(word)
    c.trigger = (at, at + len(word))
    return c


def _event(cov: Coverage, type_: str = SEP):
    return only(merge_claims(cov.articles, cov.analyses, people()), type_)


def _counts(ev) -> tuple[str, int, int]:
    return ev.status, ev.support.articles, ev.support.independent_sources


# ------------------------------------------------------------------ official records


def test_an_official_record_cited_unhedged_confirms_and_is_one_origin():
    cov = Coverage()
    for aid, outlet in (("a1", "Daily Lantern"), ("a2", "Evening Crier")):
        cov.article(aid, "2023-09-01", outlet)
        cov.claim(aid, "divorce_filed", "Quell filed for divorce, according to court documents.",
                  [MARA, TOBIN])
    ev = _event(cov, "divorce_filed")
    assert _counts(ev) == ("confirmed", 2, 1)
    assert ev.support.origins == ["court documents (official record): 2 mention(s) in 2 article(s)"]
    assert ev.support.chains[0][:2] == ["court documents (official record)",
                                        "the article citing it"]


def test_a_court_mentioned_without_citing_a_record_is_only_reported():
    cov = Coverage()
    cov.article("a1", "2023-09-01", "Daily Lantern")
    cov.claim("a1", "divorce_filed", "Quell filed for divorce in court.", [MARA, TOBIN])
    assert _counts(_event(cov, "divorce_filed")) == ("reported", 1, 1)


def test_a_hedged_mention_of_a_record_does_not_confirm():
    cov = Coverage()
    cov.article("a1", "2023-09-01", "Daily Lantern")
    cov.claim("a1", "divorce_filed", "Quell reportedly filed for divorce, court papers show.",
              [MARA, TOBIN], certainty="alleged")
    assert _counts(_event(cov, "divorce_filed")) == ("alleged", 1, 1)


def test_cited_record_needs_a_record_noun_and_a_citing_cue():
    assert cited_record("The filing shows they split in May.") == "filing"
    assert cited_record("According to the marriage certificate, they wed in Oslo.") == \
        "marriage certificate"
    assert cited_record("They split in May.") is None
    assert cited_record("The documentary aired in May, as per schedule.") is None


# ------------------------------------------------------------- independent origins


def test_outlets_repeating_one_outlets_report_are_one_origin_and_stay_reported():
    cov = Coverage()
    cov.article("a0", "2023-08-07", "Us Weekly")
    cov.claim("a0", SEP, "Quell and Ashgrove have split, Us Weekly can confirm.", [MARA, TOBIN],
              "2023-08")
    for aid, outlet in (("a1", "Daily Lantern"), ("a2", "Evening Crier"), ("a3", "Morning Bell")):
        cov.article(aid, "2023-08-08", outlet)
        cov.claim(aid, SEP, "They split in August 2023, as per US Weekly.", [MARA, TOBIN],
                  "2023-08", kind="outlet", name="US Weekly", certainty="reported")
        cov.claim(aid, SEP, "The split came after eleven years.", [MARA, TOBIN], "2023-08")
    ev = _event(cov)
    assert _counts(ev) == ("reported", 4, 1)
    assert ev.support.origins == ["Us Weekly: 7 mention(s) in 4 article(s)"]


def test_each_outlets_unnamed_insiders_are_one_origin_and_never_confirm():
    cov = Coverage()
    for aid, outlet, told in (("a1", "Daily Lantern", "Us Weekly"), ("a2", "Evening Crier",
                              "Us Weekly"), ("a3", "Morning Bell", "People")):
        cov.article(aid, "2023-09-01", outlet)
        cov.claim(aid, SEP, f"Insiders told {told} the couple split.", [MARA, TOBIN],
                  kind="anonymous_source", name="insiders", via=[told], certainty="reported")
    ev = _event(cov)
    assert _counts(ev) == ("reported", 3, 2)
    assert [o.split(":")[0] for o in ev.support.origins] == \
        ["Us Weekly (unnamed sources)", "People (unnamed sources)"]


def test_reportedly_in_an_article_crediting_one_outlet_is_that_outlets_report():
    cov = Coverage()
    cov.article("a1", "2023-08-07", "Daily Lantern")
    cov.claim("a1", SEP, "They split, as per US Weekly.", [MARA, TOBIN], kind="outlet",
              name="US Weekly", certainty="reported")
    cov.article("a2", "2023-08-08", "Evening Crier")
    cov.articles[-1].cited_outlets = ["US Magazine"]
    cov.claim("a2", SEP, "Quell has reportedly separated from Ashgrove.", [MARA, TOBIN],
              certainty="alleged")
    cov.claim("a2", SEP, "News of the separation came in August.", [MARA, TOBIN])
    ev = _event(cov)
    assert _counts(ev) == ("reported", 2, 1)
    assert ev.support.origins == ["Us Weekly: 3 mention(s) in 2 article(s)"]


def test_reportedly_in_an_article_crediting_two_outlets_stays_unattributed():
    cov = Coverage()
    cov.article("a1", "2023-08-07", "Daily Lantern")
    cov.claim("a1", SEP, "They split, as per US Weekly.", [MARA, TOBIN], kind="outlet",
              name="US Weekly", certainty="reported")
    cov.article("a2", "2023-08-08", "Evening Crier")
    cov.articles[-1].cited_outlets = ["US Weekly", "People"]
    cov.claim("a2", SEP, "Quell has reportedly separated from Ashgrove.", [MARA, TOBIN],
              certainty="alleged")
    ev = _event(cov)
    assert _counts(ev) == ("reported", 2, 2)
    assert ev.support.origins[1].startswith("unattributed reports")


def test_a_hedged_source_presupposing_the_event_adds_no_origin():
    cov = Coverage()
    cov.article("a1", "2024-02-01", "Daily Lantern")
    cov.claim("a1", SEP, "They separated in August 2023, as per US Weekly.", [MARA, TOBIN],
              "2023-08", kind="outlet", name="US Weekly", certainty="reported")
    _trigger(cov.claim("a1", SEP, "Quell hinted at the impending breakup in an interview.",
                       [MARA, TOBIN], kind="named_person", name="Mara Quell",
                       certainty="alleged"), "breakup")
    ev = _event(cov)
    assert _counts(ev) == ("reported", 1, 1)
    assert ev.support.chains[1][0].startswith("the article, repeating Us Weekly")


def test_a_hedged_source_telling_the_event_itself_is_its_own_origin():
    cov = Coverage()
    cov.article("a1", "2024-02-01", "Daily Lantern")
    cov.claim("a1", SEP, "They separated in August 2023, as per US Weekly.", [MARA, TOBIN],
              "2023-08", kind="outlet", name="US Weekly", certainty="reported")
    _trigger(cov.claim("a1", SEP, "Quell hinted that they had split.", [MARA, TOBIN],
                       kind="named_person", name="Mara Quell", certainty="alleged"), "split")
    ev = _event(cov)
    assert _counts(ev) == ("reported", 1, 2)  # her hint is hedged: not on the record


# ---------------------------------------------------------------- told in passing


def _passing(text: str, word: str) -> Coverage:
    cov = Coverage()
    for n, outlet in enumerate(("Daily Lantern", "Evening Crier", "Morning Bell", "Night Owl")):
        aid = cov.article(f"a{n}", "2024-03-01", outlet)
        _trigger(cov.claim(aid, SEP, text, [MARA, TOBIN], "2022"), word)
    return cov


def test_a_split_told_in_a_relative_clause_by_four_outlets_is_reported_not_confirmed():
    ev = _event(_passing("Quell and Ashgrove, who split in 2022, were seen in Oslo.", "split"))
    assert _counts(ev) == ("reported", 4, 4)


def test_a_split_told_in_an_aside_is_reported_not_confirmed():
    ev = _event(_passing("Quell (she split from Ashgrove in 2022) sang in Oslo.", "split"))
    assert _counts(ev) == ("reported", 4, 4)


def test_the_same_split_told_as_the_news_by_four_outlets_is_confirmed():
    ev = _event(_passing("Quell and Ashgrove split in 2022.", "split"))
    assert _counts(ev) == ("confirmed", 4, 4)


def test_a_relative_clause_closed_before_the_trigger_is_not_background():
    ev = _event(_passing("Quell, who sings, split from Ashgrove in 2022.", "split"))
    assert _counts(ev) == ("confirmed", 4, 4)


def test_a_participant_mentioning_it_in_passing_does_not_confirm_it():
    cov = Coverage()
    cov.article("a1", "2024-03-01", "Daily Lantern")
    _trigger(cov.claim("a1", SEP, "Quell, who split from Ashgrove in 2022, said she is happy.",
                       [MARA, TOBIN], "2022", kind="named_person", name="Mara Quell",
                       certainty="reported"), "split")
    assert _counts(_event(cov)) == ("reported", 1, 1)


# ------------------------------------------------------------- hedged, alleged, denied


def test_unnamed_insiders_speculating_stay_speculated():
    cov = Coverage()
    for n in range(3):
        aid = cov.article(f"a{n}", "2023-09-01", f"Outlet {n}")
        cov.claim(aid, SEP, "Insiders told Us Weekly they might split.", [MARA, TOBIN],
                  kind="anonymous_source", via=["Us Weekly"], certainty="speculated")
    assert _counts(_event(cov)) == ("speculated", 3, 1)


def test_an_attributed_accusation_is_alleged():
    cov = Coverage()
    cov.article("a1", "2023-09-01", "Daily Lantern")
    cov.claim("a1", "affair_alleged", "A friend claims Ashgrove had an affair with Lenz.",
              [TOBIN], kind="anonymous_source", name="a friend", certainty="alleged")
    assert _counts(_event(cov, "affair_alleged")) == ("alleged", 1, 1)


def test_a_principals_denial_is_denied_and_shown_beside_with_dates_and_sources():
    cov = Coverage()
    cov.article("a1", "2023-09-01", "Daily Lantern")
    cov.claim("a1", SEP, "A source told Us Weekly they split.", [MARA, TOBIN],
              kind="anonymous_source", via=["Us Weekly"], certainty="reported")
    cov.article("a2", "2023-09-03", "Evening Crier")
    cov.claim("a2", SEP, '"We have not split," Ashgrove said.', [MARA, TOBIN],
              kind="named_person", name="Tobin Ashgrove", certainty="denied")
    story = story_of(cov)
    assert only(story.events, SEP).status == "denied"
    (x,) = story.contradictions
    assert x.kind == "denial"
    assert [s.claim for s in x.sides] == [
        "the separated of Mara Quell and Tobin Ashgrove happened (Us Weekly (unnamed sources))",
        "denied by Tobin Ashgrove"]
    assert "(2023-09-01)" in x.explanation and "(2023-09-03)" in x.explanation


def test_an_origin_taking_its_report_back_is_a_retraction_not_a_denial():
    cov = Coverage()
    cov.article("a1", "2023-09-01", "Daily Lantern")
    cov.claim("a1", SEP, "Quell and Ashgrove have split.", [MARA, TOBIN])
    cov.article("a2", "2023-09-04", "Daily Lantern")
    cov.claim("a2", SEP, "Quell and Ashgrove have not split, we now know.", [MARA, TOBIN],
              certainty="negated")
    story = story_of(cov)
    ev = only(story.events, SEP)
    assert {m.certainty for m in ev.mentions} == {"asserted", "negated"}
    (x,) = story.contradictions
    assert x.kind == "retraction"
    assert [s.claim for s in x.sides] == [
        "Daily Lantern (own reporting): the separated of Mara Quell and Tobin Ashgrove "
        "happened (2023-09-01)",
        "Daily Lantern (own reporting): it did not (2023-09-04)"]
    assert [[m.article for m in s.evidence] for s in x.sides] == [["a1"], ["a2"]]


# ----------------------------------------------------------------- changed accounts


def test_the_same_source_redating_a_wedding_is_a_changed_account():
    cov = Coverage()
    cov.article("a1", "2023-01-10", "Daily Lantern")
    cov.claim("a1", "married", "Quell said they married in 2012.", [MARA, TOBIN], "2012",
              kind="named_person", name="Mara Quell", certainty="reported")
    cov.article("a2", "2024-01-10", "Evening Crier")
    cov.claim("a2", "married", "Quell said they married in 2013.", [MARA, TOBIN], "2013",
              kind="named_person", name="Mara Quell", certainty="reported")
    story = story_of(cov)
    assert sorted(x.kind for x in story.contradictions) == ["changed_account", "date"]
    (x,) = [x for x in story.contradictions if x.kind == "changed_account"]
    assert [s.claim for s in x.sides] == ["Mara Quell: 2012 (2023-01-10)",
                                          "Mara Quell: 2013 (2024-01-10)"]


def test_two_sources_giving_two_dates_are_a_date_conflict_only():
    cov = Coverage()
    cov.article("a1", "2023-01-10", "Daily Lantern")
    cov.claim("a1", "married", "They married in 2012.", [MARA, TOBIN], "2012")
    cov.article("a2", "2024-01-10", "Evening Crier")
    cov.claim("a2", "married", "They married in 2013.", [MARA, TOBIN], "2013")
    assert [x.kind for x in story_of(cov).contradictions] == ["date"]


def _debts(later_source: str, later_text: str) -> Coverage:
    cov = Coverage()
    cov.article("a1", "2023-03-01", "Daily Lantern")
    cov.claim("a1", "other", "Police said Ashgrove paid the debts.", [TOBIN],
              kind="representative", name="Police", certainty="reported", predicate="pay")
    cov.article("a2", "2023-04-01", "Evening Crier")
    cov.claim("a2", "legal", later_text, [TOBIN], kind="representative", name=later_source,
              certainty="reported", predicate="victim")
    return cov


def test_a_source_marking_its_later_account_as_a_change_is_a_changed_account():
    story = story_of(_debts("Police", "Police now say Ashgrove was the victim of theft."))
    (x,) = story.contradictions
    assert x.kind == "changed_account"
    pay = next(e for e in story.events if e.predicate == "pay")
    theft = next(e for e in story.events if e.predicate == "victim")
    assert x.subjects == [pay.id, theft.id]
    assert [[m.article for m in s.evidence] for s in x.sides] == [["a1"], ["a2"]]
    assert "(2023-03-01)" in x.sides[0].claim and "(2023-04-01)" in x.sides[1].claim
    assert all(e.status == "confirmed" for e in (pay, theft))  # both kept, neither dropped


def test_another_source_or_an_unmarked_account_is_no_changed_account():
    assert story_of(_debts("A lawyer", "A lawyer now says Ashgrove was the victim of theft."
                           )).contradictions == []
    assert story_of(_debts("Police", "Police say Ashgrove was the victim of theft."
                           )).contradictions == []


def test_reportedly_stays_unattributed_when_the_credited_outlet_does_not_tell_the_event():
    cov = Coverage()
    cov.article("a1", "2023-08-08", "Evening Crier")
    cov.articles[-1].cited_outlets = ["Daily Mail"]  # credited for something else
    cov.claim("a1", SEP, "Quell has reportedly separated from Ashgrove.", [MARA, TOBIN],
              certainty="alleged")
    ev = _event(cov)
    assert _counts(ev) == ("alleged", 1, 1)
    assert ev.support.origins == ["unattributed reports (no source named): 1 mention(s) in 1 "
                                  "article(s)"]


def _wire(dateline: str) -> Coverage:
    from storyline.model import Removed

    cov = Coverage()
    for aid, outlet in (("a1", "Daily Lantern"), ("a2", "Evening Crier")):
        cov.article(aid, "2024-03-01", outlet)
        cov.claim(aid, SEP, f"{dateline}Quell and Ashgrove have split.", [MARA, TOBIN])
        if dateline:
            cov.articles[-1].removed = [Removed(0, len(dateline) - 1, "dateline")]
    return cov


def test_two_papers_running_one_wire_story_are_one_origin():
    ev = _event(_wire("OSLO (AP) — "))
    assert _counts(ev) == ("reported", 2, 1)
    assert ev.support.origins == ["Associated Press (wire copy): 2 mention(s) in 2 article(s)"]


def test_two_papers_in_their_own_words_are_two_origins():
    assert _counts(_event(_wire(""))) == ("confirmed", 2, 2)


def test_a_representative_of_someone_else_is_not_on_the_record_for_the_couple():
    cov = Coverage()
    cov.article("a1", "2023-09-01", "Daily Lantern")
    cov.claim("a1", SEP, "A rep for Lenz said Quell and Ashgrove split.", [MARA, TOBIN],
              kind="representative", name="A rep for Lenz", certainty="reported")
    assert _counts(_event(cov)) == ("reported", 1, 1)
    cov = Coverage()
    cov.article("a1", "2023-09-01", "Daily Lantern")
    cov.claim("a1", SEP, "Quell's rep said the couple split.", [MARA, TOBIN],
              kind="representative", name="Quell's rep", certainty="reported")
    assert _counts(_event(cov)) == ("confirmed", 1, 1)


def test_a_retracted_report_no_longer_counts_towards_confirmation():
    cov = Coverage()
    for aid, outlet in (("a1", "Daily Lantern"), ("a2", "Evening Crier")):
        cov.article(aid, "2023-09-01", outlet)
        cov.claim(aid, SEP, "Quell and Ashgrove have split.", [MARA, TOBIN])
    cov.article("a3", "2023-09-04", "Daily Lantern")
    cov.claim("a3", SEP, "Quell and Ashgrove have not split.", [MARA, TOBIN],
              certainty="negated")
    story = story_of(cov)
    ev = only(story.events, SEP)
    assert _counts(ev) == ("reported", 2, 2)  # Evening Crier alone still stands by it
    assert [x.kind for x in story.contradictions] == ["retraction"]


def test_a_participant_taking_back_their_own_word_leaves_it_denied():
    cov = Coverage()
    cov.article("a1", "2023-01-10", "Daily Lantern")
    cov.claim("a1", "engaged", '"We are engaged," Quell said.', [MARA, TOBIN],
              kind="named_person", name="Mara Quell", certainty="reported")
    cov.article("a2", "2023-03-10", "Evening Crier")
    cov.claim("a2", "engaged", '"We were never engaged," Quell said.', [MARA, TOBIN],
              kind="named_person", name="Mara Quell", certainty="denied")
    story = story_of(cov)
    assert only(story.events, "engaged").status == "denied"
    (x,) = story.contradictions
    assert x.kind == "retraction"
    assert [s.claim for s in x.sides] == [
        "Mara Quell: the engaged of Mara Quell and Tobin Ashgrove happened (2023-01-10)",
        "Mara Quell: it did not (2023-03-10)"]


def test_a_principals_denial_outweighs_two_outlets_but_not_a_record():
    cov = Coverage()
    for aid, outlet in (("a1", "Daily Lantern"), ("a2", "Evening Crier")):
        cov.article(aid, "2023-09-01", outlet)
        cov.claim(aid, SEP, "Quell and Ashgrove have split.", [MARA, TOBIN])
    cov.article("a3", "2023-09-02", "Morning Bell")
    cov.claim("a3", SEP, '"We have not split," Quell said.', [MARA, TOBIN],
              kind="named_person", name="Mara Quell", certainty="denied")
    assert _counts(_event(cov)) == ("denied", 2, 2)
    cov.article("a4", "2023-09-03", "Night Owl")
    cov.claim("a4", SEP, "They have split, according to court papers.", [MARA, TOBIN])
    assert _counts(_event(cov)) == ("confirmed", 3, 3)


def test_a_source_marking_its_later_denial_as_a_change_is_a_changed_account():
    cov = Coverage()
    cov.article("a1", "2023-03-01", "Daily Lantern")
    cov.claim("a1", "other", "Police said Ashgrove paid the debts in March.", [TOBIN], "2023-03",
              kind="representative", name="Police", certainty="reported", predicate="pay")
    cov.article("a2", "2023-04-01", "Evening Crier")
    cov.claim("a2", "other", "Police now say Ashgrove did not pay the debts.", [TOBIN],
              kind="representative", name="Police", certainty="negated", predicate="pay")
    story = story_of(cov)
    (x,) = story.contradictions
    assert x.kind == "changed_account"
    assert [s.claim for s in x.sides] == ["Police: pay (Tobin Ashgrove) (2023-03-01)",
                                          "Police: not pay (Tobin Ashgrove) (2023-04-01)"]


def test_the_status_cues_load_from_their_data_file():
    from storyline.story.cues import change_cue, status_cues

    cues = status_cues()
    assert cues.records.search("the court papers show") is not None
    assert "since" in cues.prepositions and "the" in cues.determiners
    assert change_cue("Police now say he was robbed.") == "now say"
    assert change_cue("Police say he was robbed.") is None


def test_a_participle_apposition_is_told_in_passing_but_an_age_apposition_is_not():
    ev = _event(_passing("Quell and Ashgrove, separated since 2022, were seen in Oslo.",
                         "separated"))
    assert _counts(ev) == ("reported", 4, 4)
    ev = _event(_passing("Quell, 34, separated from Ashgrove in 2022.", "separated"))
    assert _counts(ev) == ("confirmed", 4, 4)
