"""Independent-source counting: one origin per source, however many outlets repeat it."""

from __future__ import annotations

from story_helpers import MARA, TOBIN, Coverage, only, people

from storyline.story.merge import merge_claims

SEP = "separated"


def _event(cov: Coverage):
    return only(merge_claims(cov.articles, cov.analyses, people()), SEP)


def test_three_articles_citing_one_outlets_source_are_one_origin():
    cov = Coverage()
    for aid, outlet in (("a1", "Daily Lantern"), ("a2", "Evening Crier"), ("a3", "Morning Bell")):
        cov.article(aid, "2023-09-01", outlet)
        cov.claim(aid, SEP, "A source told Us Weekly the couple split.", [MARA, TOBIN],
                  kind="anonymous_source", name="a source", via=["Us Weekly"],
                  certainty="reported")
    ev = _event(cov)
    assert (ev.support.articles, ev.support.independent_sources) == (3, 1)
    assert ev.support.origins == ["Us Weekly (unnamed sources): 3 mention(s) in 3 article(s)"]
    assert ev.support.chains[0] == ["a source", "Us Weekly", "Daily Lantern (a1)"]


def test_outlet_aliases_are_the_same_origin():
    cov = Coverage()
    cov.article("a1", "2023-09-01", "Daily Lantern")
    cov.article("a2", "2023-09-01", "Evening Crier")
    cov.claim("a1", SEP, "An insider told Us Weekly they split.", [MARA, TOBIN],
              kind="anonymous_source", via=["Us Weekly"], certainty="reported")
    cov.claim("a2", SEP, "They split, according to US Magazine.", [MARA, TOBIN],
              kind="outlet", name="US Magazine", certainty="reported")
    assert _event(cov).support.independent_sources == 1


def test_a_reps_statement_copied_by_five_outlets_is_one_source():
    cov = Coverage()
    for n in range(5):
        aid = cov.article(f"a{n}", "2023-09-01", f"Outlet {n}")
        cov.claim(aid, SEP, "Their rep told People the two have parted.", [MARA, TOBIN],
                  kind="representative", name=None, via=["People"], certainty="reported")
    ev = _event(cov)
    assert (ev.support.articles, ev.support.independent_sources) == (5, 1)
    assert ev.status == "confirmed"  # a representative is on the record


def test_duplicates_count_once():
    cov = Coverage()
    cov.article("a1", "2023-09-01", "Daily Lantern")
    cov.article("a2", "2023-09-01", "Daily Lantern Syndicate", duplicate_of="a1")
    for aid in ("a1", "a2"):
        cov.claim(aid, SEP, "The couple has split.", [MARA, TOBIN])
    ev = _event(cov)
    assert (ev.support.articles, ev.support.independent_sources) == (1, 1)
    assert any("a copy of a1" in step for chain in ev.support.chains for step in chain)


def test_the_own_voice_of_distinct_outlets_counts_per_outlet():
    cov = Coverage()
    for aid, outlet in (("a1", "Daily Lantern"), ("a2", "Evening Crier")):
        cov.article(aid, "2023-09-01", outlet)
        cov.claim(aid, SEP, "The couple split in August 2023.", [MARA, TOBIN], "2023-08")
    cov.article("a3", "2023-09-02", "Daily Lantern")  # same outlet, second story
    cov.claim("a3", SEP, "Quell and Ashgrove split last month.", [MARA, TOBIN], "2023-08")
    ev = _event(cov)
    assert (ev.support.articles, ev.support.independent_sources) == (3, 2)
    assert ev.status == "confirmed"  # two independent named outlets


def test_an_article_repeating_its_own_source_adds_no_origin():
    cov = Coverage()
    cov.article("a1", "2023-09-01", "Daily Lantern")
    cov.claim("a1", SEP, "They split, a source told Us Weekly.", [MARA, TOBIN],
              kind="anonymous_source", via=["Us Weekly"], certainty="reported")
    cov.claim("a1", SEP, "The split came in August 2023.", [MARA, TOBIN], "2023-08")
    ev = _event(cov)
    assert ev.support.independent_sources == 1
    assert ev.status == "reported"  # anonymous only, however firmly the article repeats it
    assert ev.support.chains[1][0].startswith("the article, repeating Us Weekly")


def test_hedged_reports_naming_nobody_are_one_origin():
    cov = Coverage()
    for aid, outlet in (("a1", "Daily Lantern"), ("a2", "Evening Crier")):
        cov.article(aid, "2023-09-01", outlet)
        cov.claim(aid, SEP, "The couple has reportedly split.", [MARA, TOBIN],
                  certainty="alleged")
    ev = _event(cov)
    assert ev.support.independent_sources == 1
    assert ev.status == "alleged"


def test_known_outlets_follow_the_table_asked_about_not_its_address():
    """A new article table of the same size (made where a freed one lived) gets its own
    outlets, not the last table's."""
    from storyline.model import Article
    from storyline.story.independence import known_outlets

    for name in ("Harbour Courier", "Valley Gazette", "Northern Ledger"):
        table = {"a1": Article("a1", "a1.txt", outlet=name)}
        known = known_outlets(table)
        assert name in known.values()
        assert not {"Harbour Courier", "Valley Gazette", "Northern Ledger"} - {name} & set(
            known.values())
        del table
