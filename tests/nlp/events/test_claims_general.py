"""Claims beyond celebrity couples, on fictional fixtures: a company, a politician, and traps.

The fixtures in tests/nlp/fixtures/claims are read through the real ingest stage, so the
publication date and outlet come from their header lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest.read import read_articles
from storyline.model import Article
from storyline.nlp.events.claims import _trimmed
from storyline.nlp.pipeline import analyze
from storyline.settings import Settings

FIXTURES = Path(__file__).parents[1] / "fixtures" / "claims"


@pytest.fixture(scope="module")
def analysed():
    """{file name: (article, analysis, {entity id: name})} for every claims fixture."""
    settings = Settings()
    articles = read_articles(sorted(str(p) for p in FIXTURES.glob("*.txt")), settings)
    out = {}
    for article, analysis in zip(articles, analyze(articles, settings), strict=True):
        names = {e.id: e.name for e in analysis.entities}
        out[Path(article.path).name] = (article, analysis, names)
    return out


def claims_of(analysed, name, type_):
    _, analysis, names = analysed[name]
    return [(c, [names[p] for p in c.participants]) for c in analysis.claims if c.type == type_]


def test_every_span_is_an_exact_slice_of_raw(analysed):
    for article, analysis, _ in analysed.values():
        assert analysis.claims
        for c in analysis.claims:
            assert article.raw[c.mention.start:c.mention.end] == c.mention.text
        for q in analysis.quotes:
            assert article.raw[q.start:q.end] == q.text


def test_company_ceo_resigns_and_successor_is_appointed(analysed):
    resigned = claims_of(analysed, "company-ceo-resigns.txt", "resigned")
    assert any("Ingrid Sætre" in who for _, who in resigned)
    ((appointed, who),) = claims_of(analysed, "company-ceo-resigns.txt", "appointed")
    assert who == ["Tomas Berg"]
    assert appointed.mention.certainty == "asserted"


def test_a_company_launch_keeps_its_date(analysed):
    # a launch is a frame of the business pack (it was an open-layer verb before frames)
    launch = next(c for c, _ in claims_of(analysed, "company-ceo-resigns.txt", "launch"))
    assert launch.time is not None and launch.time.value == "2025-02"  # "last month"


def test_author_guess_about_the_future_is_speculated(analysed):
    others = claims_of(analysed, "company-ceo-resigns.txt", "other")
    join = next(c for c, _ in others if c.predicate == "join")
    assert join.mention.certainty == "speculated"


def test_politician_charged_pleads_and_is_sued_over(analysed):
    legal = [x for kind in ("charge", "plea", "lawsuit")  # the justice pack's frames
             for x in claims_of(analysed, "senator-charged.txt", kind)]
    assert {c.type for c, _ in legal} == {"charge", "plea", "lawsuit"}
    assert all(c.mention.certainty == "asserted" for c, _ in legal)
    assert any(c.place == "Harlow" for c, _ in legal)


def test_two_appointments_in_one_sentence_keep_their_own_dates(analysed):
    appointed = claims_of(analysed, "senator-charged.txt", "appointed")
    assert sorted(c.time.value for c, _ in appointed if c.time) == ["2016", "2022"]


def test_planned_resignation_is_hypothetical_from_anonymous_aides(analysed):
    ((resigned, who),) = claims_of(analysed, "senator-charged.txt", "resigned")
    assert resigned.mention.certainty == "hypothetical"
    assert resigned.mention.source.kind == "anonymous_source"
    assert who == ["Dale Okonkwo"]


def test_rumoured_funding_is_alleged_in_the_open_layer(analysed):
    others = claims_of(analysed, "senator-charged.txt", "other")
    fund = next(c for c, _ in others if c.predicate == "fund")
    assert fund.mention.certainty == "alleged"


def test_headline_question_is_speculated(analysed):
    (divorced, _) = claims_of(analysed, "gallery-rumours.txt", "divorced")[0]
    assert divorced.mention.text.startswith("Are ")
    assert divorced.mention.certainty == "speculated"


def test_sighting_of_the_pair_keeps_place_time_and_detail(analysed):
    ((sighting, who),) = claims_of(analysed, "gallery-rumours.txt", "sighting")
    assert who == ["Mara Quill", "Jonas Verhoeven"]
    assert (sighting.place, sighting.detail) == ("Bergen", "without their wedding rings")
    assert sighting.time.value == "2024-09-29"  # the Sunday before publication


def test_the_couple_is_the_pair_last_named(analysed):
    for type_ in ("married", "birth"):
        ((_, who),) = claims_of(analysed, "gallery-rumours.txt", type_)
        assert who == ["Mara Quill", "Jonas Verhoeven"]


def test_outlet_quoting_an_outlet_and_the_denial(analysed):
    separated = claims_of(analysed, "gallery-rumours.txt", "separated")
    by_certainty = {c.mention.certainty: c.mention.source for c, _ in separated}
    insiders = by_certainty["alleged"]
    assert insiders.kind == "anonymous_source"
    assert insiders.via == ["Page Six", "Glimmer Weekly"]
    assert by_certainty["denied"].kind == "representative"
    assert by_certainty["hypothetical"].kind == "author"  # "If the couple split, ..."


def test_living_apart_told_to_an_outlet_is_reported(analysed):
    separated = claims_of(analysed, "gallery-rumours.txt", "separated")
    told = next(c for c, _ in separated if c.mention.certainty == "reported")
    assert told.mention.source.via == ["Page Six", "Glimmer Weekly"]


def test_spokesperson_quote_denies_by_negation(analysed):
    negated = [c for c, _ in claims_of(analysed, "gallery-rumours.txt", "divorced")
               if c.mention.certainty == "negated"]
    assert negated and negated[0].mention.source.kind == "representative"


def test_speculation_and_questions_never_come_out_asserted(analysed):
    _, analysis, _ = analysed["gallery-rumours.txt"]
    for c in analysis.claims:
        if c.mention.text.rstrip().endswith("?"):
            assert c.mention.certainty == "speculated"


# ------------------------------------------------------------- precision and arguments


def run(text: str, outlet: str | None = None):
    article = Article(id="fx", path="fx.txt", raw=text, content=text, outlet=outlet)
    analysis = analyze([article], Settings())[0]
    return analysis, {e.id: e.name for e in analysis.entities}


def test_plain_description_yields_no_claims():
    text = (
        "The harbour is quiet in winter. Most shops close early, and the ferry runs twice a day. "
        "Visitors like the view from the old lighthouse."
    )
    analysis, _ = run(text)
    assert analysis.claims == []


def test_generic_event_without_anyone_is_dropped():
    text = "Gossip columns love stories of stars removing their rings after a secret split."
    analysis, _ = run(text)
    assert not [c for c in analysis.claims if c.type == "separated"]


def test_place_is_not_a_participant():
    analysis, names = run("The singer Mara Quill moved to Vienna in 2019.")
    assert "Vienna" in names.values()  # an entity, but the place of the move
    (claim,) = [c for c in analysis.claims if c.type == "relocated"]
    assert claim.place == "Vienna"
    assert [names[p] for p in claim.participants] == ["Mara Quill"]


def test_first_person_in_a_quote_is_the_speaker():
    text = '"I met my husband on a night train," Mara Quill said in a radio interview.'
    analysis, names = run(text)
    met = next(c for c in analysis.claims if c.type == "met")
    assert "Mara Quill" in [names[p] for p in met.participants]


def test_leaving_a_partner_is_a_separation():
    analysis, names = run("Jonas Verhoeven left his live-in girlfriend, Lila Brandt, in 2014.")
    (claim,) = [c for c in analysis.claims if c.type == "separated"]
    assert "Jonas Verhoeven" in [names[p] for p in claim.participants]


def test_published_reports_are_not_a_release():
    analysis, _ = run("Reports of an affair were published last week by Glimmer Weekly.")
    assert not [c for c in analysis.claims if c.type == "release"]


def test_company_speaking_is_a_representative_and_a_stranger_is_anonymous():
    text = (
        'Acme Robotics Inc. said that Priya Lund had resigned.\n\n'
        '"Priya Lund resigned this morning," a passing cyclist said.'
    )
    analysis, _ = run(text)
    kinds = [c.mention.source.kind for c in analysis.claims if c.type == "resigned"]
    assert kinds[1] == "anonymous_source"


def test_trimmed_never_cuts_an_html_character_reference():
    raw = "<h1>Quill speaks: &ldquo;I am fine&rdquo;</h1>"
    start = raw.index("Quill")
    end = raw.index("&rdquo;") + 1  # the decoded quote mark sits on the "&"
    s, e = _trimmed(raw, start, end)
    assert raw[s:e] == "Quill speaks: &ldquo;I am fine&rdquo;"
    s, e = _trimmed(raw, raw.index("dquo;I am"), raw.index("</h1>"))
    assert raw[s:e] == "&ldquo;I am fine&rdquo;"
