"""MEANTIME reader and scorer on a tiny hand-made CAT file; the CLI; the real corpus if present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.eval.cat import match_tokens, parse_cat, read_cat_dir
from storyline.eval.meantime import Prediction, annotated, gold_of, score
from storyline.eval.timeml import GoldTimex

MEANTIME = Path(__file__).resolve().parents[2] / ".." / "shared" / "benchmarks" / "meantime-apple"

# "Apple sold iPods on Monday." with its DCT line; written for this test.
DOC = """<?xml version="1.0" ?><Document doc_id="1" doc_name="apple_sells" lang="en">
<token number="0" sentence="0" t_id="1">May</token>
<token number="1" sentence="0" t_id="2">2</token>
<token number="2" sentence="0" t_id="3">,</token>
<token number="3" sentence="0" t_id="4">2005</token>
<token number="4" sentence="1" t_id="5">Apple</token>
<token number="5" sentence="1" t_id="6">sold</token>
<token number="6" sentence="1" t_id="7">iPods</token>
<token number="7" sentence="1" t_id="8">on</token>
<token number="8" sentence="1" t_id="9">Monday</token>
<token number="9" sentence="1" t_id="10">.</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="5"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM"><token_anchor t_id="7"/></ENTITY_MENTION>
<EVENT_MENTION m_id="3" certainty="CERTAIN" polarity="POS" time="NON_FUTURE" pos="VERB"
  pred="sell"><token_anchor t_id="6"/></EVENT_MENTION>
<EVENT_MENTION m_id="9"></EVENT_MENTION>
<TIMEX3 m_id="4" functionInDocument="CREATION_TIME" type="DATE" value="2005-05-02">
  <token_anchor t_id="1"/><token_anchor t_id="2"/><token_anchor t_id="3"/>
  <token_anchor t_id="4"/></TIMEX3>
<TIMEX3 m_id="5" type="DATE" value="2005-05-02"><token_anchor t_id="9"/></TIMEX3>
<ENTITY m_id="6" ent_type="ORG" instance_id="ORG1"/>
<ENTITY m_id="7" ent_type="PRO" instance_id="PRO1"/>
<EVENT m_id="8" class="OTHER" instance_id="EV1"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><target m_id="6"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="2"/><target m_id="7"/></REFERS_TO>
<REFERS_TO r_id="3"><source m_id="3"/><target m_id="8"/></REFERS_TO>
<HAS_PARTICIPANT r_id="4" sem_role="Arg0"><source m_id="3"/><target m_id="1"/></HAS_PARTICIPANT>
<HAS_PARTICIPANT r_id="5" sem_role="Arg1"><source m_id="3"/><target m_id="2"/></HAS_PARTICIPANT>
</Relations>
</Document>
"""


def test_text_is_rebuilt_with_a_char_to_token_map():
    d = parse_cat(DOC)
    assert d.text == "May 2, 2005\nApple sold iPods on Monday."
    assert d.tokens_in(12, 17) == {"5"}  # "Apple"
    assert d.tokens_in(15, 21) == {"5", "6"}  # "le so": overlaps two tokens
    assert d.tokens_in(17, 18) == set()  # the space between them


def test_gold_reads_mentions_instances_participants_and_timexes():
    g = gold_of(parse_cat(DOC, "d"))
    assert g.entities == {("d", "1"): {"5"}, ("d", "2"): {"7"}}
    assert g.entity_type == {("d", "1"): "ORG", ("d", "2"): "PRO"}
    assert g.entity_instance == {("d", "1"): "ORG1", ("d", "2"): "PRO1"}
    assert g.events == {("d", "3"): {"6"}}  # the empty mention 9 has no tokens
    assert g.event_instance == {("d", "3"): "EV1"}
    assert g.participants == {(("d", "3"), ("d", "1")), (("d", "3"), ("d", "2"))}
    assert g.dct == "2005-05-02"
    # the DCT is given to the system, not scored (TempEval)
    assert [(t.text, t.value) for t in g.timexes] == [("Monday", "2005-05-02")]


def test_match_tokens_is_one_to_one_most_overlap_first():
    gold = {"g1": {"1", "2"}, "g2": {"3"}}
    pred = {"p1": {"2"}, "p2": {"1", "2", "3"}, "p3": {"9"}}
    assert match_tokens(gold, pred) == {"p2": "g1"}


def _prediction() -> Prediction:
    """storyline found Apple (right type), a wrong entity 'Monday', the event with Apple as
    its participant, and the timex with a wrong value."""
    p = Prediction()
    p.entities = {"a": {"5"}, "m": {"9"}}
    p.entity_type = {"a": "ORG", "m": "PER"}
    p.entity_cluster = {"a": "org:apple", "m": "person:monday"}
    p.events = {"c1": {"6"}}
    p.event_cluster = {"c1": "ev1"}
    p.certainty, p.future, p.dated = {"c1": "asserted"}, {"c1": False}, {"c1": True}
    p.participants = {("c1", "a"), ("c1", "m")}
    p.timexes = [GoldTimex(32, 38, "Monday", "DATE", "2005-05-09")]
    return p


def test_score_counts_exactly():
    d = parse_cat(DOC, "d")
    s = score([d], [gold_of(d)], [_prediction()], baseline=False)
    assert (s.entities.hit, s.entities.predicted, s.entities.gold) == (1, 2, 2)
    assert (s.entities_by_type["ORG"].hit, s.entities_by_type["ORG"].f1) == (1, 1.0)
    assert (s.entities_by_type["PRO"].gold, s.entities_by_type["PRO"].hit) == (1, 0)
    assert (s.entities_by_type["PER"].predicted, s.entities_by_type["PER"].hit) == (1, 0)
    assert (s.events.hit, s.events.predicted, s.events.gold) == (1, 1, 1)
    assert (s.participants.hit, s.participants.predicted, s.participants.gold) == (1, 2, 2)
    assert (s.participants_exact.hit, s.participants_exact.predicted) == (1, 2)
    assert (s.timex.relaxed, s.timex.strict, s.timex.value_ok) == (1, 1, 0)
    assert s.attributes["certainty"] == (1, 1, 1)  # storyline right, majority right, 1 event
    assert s.attributes["polarity"] == (1, 1, 1)
    assert s.dated == (1, 1)
    # one gold event, one predicted, matched: perfect B3/CEAF-e, MUC 0 (no links)
    assert s.event_coref.b3.f1 == 1.0 and s.event_coref.muc.f1 == 0.0
    # entities: gold {1},{2}; response {1},{m}: B3 R = 1/2, P = 1/2
    assert s.entity_coref.b3.f1 == pytest.approx(0.5)


# "Apple CEO Tim Cook resigned .": gold links the whole "Apple CEO Tim Cook"; it also has the
# nested "Tim Cook" (same person) and "Apple" (another entity). Written for this test.
NESTED = """<Document doc_name="n">
<token t_id="1" sentence="0">Apple</token><token t_id="2" sentence="0">CEO</token>
<token t_id="3" sentence="0">Tim</token><token t_id="4" sentence="0">Cook</token>
<token t_id="5" sentence="0">resigned</token><token t_id="6" sentence="0">.</token>
<Markables>
<ENTITY_MENTION m_id="2"><token_anchor t_id="3"/><token_anchor t_id="4"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3"><token_anchor t_id="1"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="1"><token_anchor t_id="1"/><token_anchor t_id="2"/>
  <token_anchor t_id="3"/><token_anchor t_id="4"/></ENTITY_MENTION>
<EVENT_MENTION m_id="4"><token_anchor t_id="5"/></EVENT_MENTION>
<ENTITY m_id="5" ent_type="PER" instance_id="PER1"/>
<ENTITY m_id="6" ent_type="ORG" instance_id="ORG1"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="2"/><target m_id="5"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="3"/><target m_id="6"/></REFERS_TO>
<HAS_PARTICIPANT r_id="3"><source m_id="4"/><target m_id="1"/></HAS_PARTICIPANT>
</Relations>
</Document>
"""


def test_a_link_to_a_nested_mention_of_the_linked_entity_counts():
    """storyline's "Tim Cook" is matched to the nested gold "Tim Cook", not to the linked
    "Apple CEO Tim Cook": the link counts (same person, one mention inside the other);
    storyline's "Apple" inside it is another entity and does not."""
    d = parse_cat(NESTED, "n")
    p = Prediction()
    p.entities = {"tc": {"3", "4"}, "ap": {"1"}}
    p.events = {"c1": {"5"}}
    p.event_cluster = {"c1": "ev1"}
    p.certainty, p.future, p.dated = {"c1": "asserted"}, {"c1": False}, {"c1": True}
    p.participants = {("c1", "tc"), ("c1", "ap")}
    s = score([d], [gold_of(d)], [p], baseline=False)
    assert (s.participants.hit, s.participants.predicted, s.participants.gold) == (1, 2, 1)
    assert (s.participants_exact.hit, s.participants_exact.predicted) == (0, 2)


def test_a_participant_is_the_mention_its_role_names_and_the_place_is_one():
    """The role's own mention ("Halvard Systems"), not the entity's mention nearest the
    trigger ("its"); the claim's place (Oslo) is a participant too (MEANTIME's Argm-LOC)."""
    from storyline.eval.cat import run_storyline
    from storyline.eval.meantime import predictions

    words = ["Halvard", "Systems", "fired", "its", "founder", "in", "Oslo", "after", "the",
             "trial", "."]
    xml = '<Document doc_name="t">' + "".join(
        f'<token t_id="{i + 1}" sentence="0">{w}</token>' for i, w in enumerate(words)
    ) + "</Document>"
    d = parse_cat(xml)
    run = run_storyline([d], ["2011-08-25"])
    p = predictions([d], run)[0]
    fired = next(c for c, toks in p.events.items() if toks == {"3"})
    assert sorted(sorted(p.entities[k], key=int) for c, k in p.participants if c == fired) == [
        ["1", "2"], ["7"]]
    # the story stage gives the roles the story's entity ids, as it does the participants
    claim = next(c for c in run.analyses[0].claims if c.id == fired)
    assert [r.entity for r in claim.roles] == claim.participants[:1]
    assert claim.participants[0] in {e.id for e in run.story.entities}


def test_malformed_files_are_reported_and_skipped(tmp_path):
    (tmp_path / "good.xml").write_text(DOC, encoding="utf-8")
    (tmp_path / "broken.xml").write_text("<Document><token t_id=", encoding="utf-8")
    (tmp_path / "other.xml").write_text("<html/>", encoding="utf-8")
    (tmp_path / "empty.xml").write_text("<Document/>", encoding="utf-8")
    problems: list[str] = []
    docs = read_cat_dir(tmp_path, problems)
    assert [d.name for d in docs] == ["good"]
    assert sorted(p.split(":")[0] for p in problems) == ["broken.xml", "empty.xml", "other.xml"]


def test_cli_reports_bad_input_without_crashing(tmp_path):
    from storyline.cli.app import _register, app

    _register()
    (tmp_path / "broken.xml").write_text("<Document>", encoding="utf-8")
    res = CliRunner().invoke(app, ["eval", "meantime", str(tmp_path)])
    assert res.exit_code == 3
    assert "broken.xml" in res.output


def test_cli_runs_storyline_on_a_fixture(tmp_path):
    from storyline.cli.app import _register, app

    _register()
    (tmp_path / "a.xml").write_text(DOC, encoding="utf-8")
    (tmp_path / "b.xml").write_text("not xml", encoding="utf-8")
    res = CliRunner().invoke(app, ["eval", "meantime", str(tmp_path), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout[res.stdout.index("{"):])
    metrics = {r["metric"]: r for r in data["rows"]}
    assert metrics["entity mention F1 (token overlap)"]["note"].startswith("2 gold")
    assert metrics["event trigger F1 (token overlap)"]["note"].startswith("1 gold")
    assert [p.split(":")[0] for p in data["problems"]] == ["b.xml"]


def test_real_corpus_gold_counts():
    if not MEANTIME.is_dir():
        pytest.skip(f"../shared/benchmarks/meantime-apple not found at {MEANTIME}")
    problems: list[str] = []
    golds = [gold_of(d) for d in read_cat_dir(MEANTIME, problems)]
    assert problems == []
    assert len(golds) == 30
    # in the fully annotated sentences (0-5); the whole texts hold 1048 and 600
    assert sum(len(g.entities) for g in golds) == 812
    assert sum(len(g.events) for g in golds) == 479
    assert sum(len(g.timexes) for g in golds) == 81
    assert sum(len(g.participants) for g in golds) == 493
    assert all(g.dct for g in golds)


def test_claim_trigger_is_the_word_that_made_the_claim():
    from storyline.eval.cat import run_storyline

    words = ["Tim", "Cook", "resigned", "from", "Apple", "on", "Monday", "."]
    xml = '<Document doc_name="t">' + "".join(
        f'<token t_id="{i + 1}" sentence="0">{w}</token>' for i, w in enumerate(words)
    ) + "</Document>"
    d = parse_cat(xml)
    run = run_storyline([d], ["2011-08-25"])
    claims = run.analyses[0].claims
    assert [(c.type, d.tokens_in(*c.trigger)) for c in claims] == [("resigned", {"3"})]


def test_only_the_fully_annotated_sentences_are_scored():
    """A mention past sentence 5 is neither gold nor a false alarm: MEANTIME annotates every
    mention only in the title and first sentences."""
    words = [(s, w) for s in range(8) for w in (["Apple", "sold", "iPods", "."])]
    toks = "".join(f'<token t_id="{i + 1}" sentence="{s}">{w}</token>'
                   for i, (s, w) in enumerate(words))
    sold_0, sold_7 = 2, 30  # "sold" in sentence 0 and in sentence 7
    xml = (f'<Document doc_name="d">{toks}<Markables>'
           f'<EVENT_MENTION m_id="1"><token_anchor t_id="{sold_0}"/></EVENT_MENTION>'
           f'<EVENT_MENTION m_id="2"><token_anchor t_id="{sold_7}"/></EVENT_MENTION>'
           '</Markables></Document>')
    d = parse_cat(xml)
    assert annotated(d, {str(sold_0)}) and not annotated(d, {str(sold_7)})
    assert set(gold_of(d).events) == {("d", "1")}


def test_only_meantime_restricts_predictions_to_its_annotated_sentences():
    """ECB+ scores its own annotated sentences with the same `predictions`: no cut by default."""
    from storyline.eval.cat import run_storyline
    from storyline.eval.meantime import predictions

    filler = ["The", "weather", "was", "mild", "."]
    last = ["Tim", "Cook", "resigned", "from", "Apple", "on", "Monday", "."]
    sents = [filler] * 7 + [last]
    words = [(s, w) for s, ws in enumerate(sents) for w in ws]
    xml = '<Document doc_name="t">' + "".join(
        f'<token t_id="{i + 1}" sentence="{s}">{w}</token>' for i, (s, w) in enumerate(words)
    ) + "</Document>"
    d = parse_cat(xml)
    run = run_storyline([d], ["2011-08-25"])
    resigned = str(len(words) - 5)  # the token id of "resigned"
    everywhere = predictions([d], run)[0]
    assert [toks for toks in everywhere.events.values()] == [{resigned}]
    assert predictions([d], run, annotated)[0].events == {}
