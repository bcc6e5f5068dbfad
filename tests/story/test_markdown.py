"""story.md: timeline precision, the three sections, support counts and evidence spans."""

from __future__ import annotations

from story_helpers import MARA, TOBIN, Coverage, story_of

from storyline.render.markdown import story_to_markdown


def _md() -> str:
    cov = Coverage()
    cov.article("a1", "2023-08-20", "Daily Lantern")
    cov.claim("a1", "married", "Quell and Ashgrove married in 2012.", [MARA, TOBIN], "2012")
    cov.claim("a1", "separated", "A source told Us Weekly they split in August.", [MARA, TOBIN],
              "2023-08", kind="anonymous_source", name="a source", via=["Us Weekly"],
              certainty="reported")
    cov.article("a2", "2023-08-10", "Evening Crier")
    cov.claim("a2", "married", "The two wed in 2012.", [MARA, TOBIN], "2012")
    cov.claim("a2", "separated", "Quell and Ashgrove have split.", [MARA, TOBIN])
    cov.claim("a2", "engaged", '"We are not engaged," Quell said.', [MARA, TOBIN],
              kind="named_person", name="Mara Quell", certainty="denied")
    cov.claim("a2", "engaged", "An insider says they are engaged.", [MARA, TOBIN],
              kind="anonymous_source", certainty="alleged")
    return story_to_markdown(story_of(cov))


def test_sections_and_timeline_with_honest_precision():
    md = _md()
    for heading in ("## Timeline", "## What we know", "## What is alleged or reported",
                    "## What is disputed", "## State over time", "## Entities", "## Articles"):
        assert heading in md
    assert "| 2012 | married | Mara Quell, Tobin Ashgrove | confirmed | 2 / 2 |" in md
    assert "2023-08 (narrowed to 2023-08-01..2023-08-10)" in md  # a range shown as a range


def test_events_sit_in_the_section_their_status_puts_them():
    md = _md()
    known = md.split("## What we know")[1].split("## What is alleged")[0]
    claimed = md.split("## What is alleged or reported")[1].split("## What is disputed")[0]
    assert "married" in known and "separated" not in known
    assert "separated" in claimed and "**reported**" in claimed


def test_evidence_carries_article_span_source_and_certainty():
    md = _md()
    assert '`a1` [0:35] "Quell and Ashgrove married in 2012." (author; asserted)' in md
    assert "(a source via Us Weekly; reported)" in md


def test_disputed_shows_both_sides_of_a_denial():
    disputed = _md().split("## What is disputed")[1].split("## State over time")[0]
    assert "denial" in disputed
    assert "We are not engaged" in disputed and "An insider says" in disputed


def test_articles_table_shows_published_value_method_and_reason():
    md = _md()
    assert "| a1 | Daily Lantern | 2023-08-20 | header | test | ok | a1.txt |" in md
