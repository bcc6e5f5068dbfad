"""Every claim and quote span is an exact slice of the raw input (seeds and a fixture)."""

from __future__ import annotations

from storyline.api import build
from storyline.model import CERTAINTIES, SOURCE_KINDS, Article
from storyline.nlp.events.frames import names
from storyline.nlp.pipeline import analyze
from storyline.settings import Settings

FIXTURE = (
    "Glimmer Weekly  |  March 3, 2024\n\n"
    "Are Mara Quill and Jonas Verhoeven working it out?\n\n"
    "The pair, who married in 2016, were spotted at the Harbor Grill in Oslo on Friday, "
    "but Mara was not wearing her wedding ring.\n\n"
    '"They are trying," a source told Us Weekly. “She moved out in January.”\n\n'
    "A spokesperson denied the reports. I wonder if they will divorce?\n"
)


def _check(raw: str, analysis) -> None:
    for c in analysis.claims:
        m = c.mention
        assert raw[m.start:m.end] == m.text
        assert c.type in names()
        assert m.certainty in CERTAINTIES
        assert m.source.kind in SOURCE_KINDS
    for q in analysis.quotes:
        assert raw[q.start:q.end] == q.text
        assert q.source.kind in SOURCE_KINDS


def test_fixture_spans_are_exact():
    article = Article(id="fx", path="fx.txt", raw=FIXTURE, content=FIXTURE, outlet="Glimmer")
    analysis = analyze([article], Settings())[0]
    assert len(analysis.claims) >= 5 and analysis.quotes
    _check(FIXTURE, analysis)


def test_seed_spans_are_exact(seeds_dir):
    paths = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    story = build(paths)
    raws = {a.id: a.raw for a in story.articles}
    events = [m for e in story.events for m in e.mentions]
    quotes = story.quotes
    assert quotes, "the seeds quote people"
    for m in events:
        assert raws[m.article][m.start:m.end] == m.text
    for q in quotes:
        assert raws[q.article][q.start:q.end] == q.text


def test_seed_claims_are_found_and_exact(seeds_dir):
    from storyline.ingest.read import read_articles

    settings = Settings()
    articles = read_articles(sorted(str(p) for p in seeds_dir.glob("*.txt")), settings)
    analyses = analyze([a for a in articles if a.status == "ok"], settings)
    by_id = {a.id: a for a in articles}
    for analysis in analyses:
        assert analysis.claims, f"no claims in {by_id[analysis.article].path}"
        _check(by_id[analysis.article].raw, analysis)
