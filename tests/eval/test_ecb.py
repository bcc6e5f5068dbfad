"""ECB+ reader, annotated-sentence filter and the lemma baseline on tiny hand-made files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.eval.ecb import ecb_yardstick, evaluate, gold_claims, read_ecb

ECB = Path(__file__).resolve().parents[2] / ".." / "shared" / "benchmarks" / "ecbplus-dev"


def _doc(name: str, sents: list[list[str]], markables: str, relations: str) -> str:
    toks, n = [], 0
    for s, words in enumerate(sents):
        for w in words:
            n += 1
            toks.append(f'<token t_id="{n}" sentence="{s}" number="{n - 1}">{w}</token>')
    return (f'<Document doc_name="{name}.xml" doc_id="D{name}">\n' + "\n".join(toks)
            + f"\n<Markables>\n{markables}\n</Markables>\n<Relations>\n{relations}\n"
            "</Relations>\n</Document>\n")


# Two reports of one quake (topic 2, a dev topic), written for this test. Tokens: doc a
# 1 An 2 earthquake 3 struck 4 Chile 5 . | 6 Nobody 7 died 8 .   doc b 1 The 2 quake
# 3 struck 4 Chile 5 on 6 Monday 7 .   Sentence 1 of doc a is not annotated.
DOC_A = _doc(
    "2_1ecb", [["An", "earthquake", "struck", "Chile", "."], ["Nobody", "died", "."]],
    '<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="3"/></ACTION_OCCURRENCE>\n'
    '<NON_HUMAN_PART m_id="2"><token_anchor t_id="4"/></NON_HUMAN_PART>\n'
    '<ACTION_OCCURRENCE m_id="3"><token_anchor t_id="7"/></ACTION_OCCURRENCE>\n'
    '<ACTION_OCCURRENCE m_id="9" instance_id="ACT1" TAG_DESCRIPTOR="quake"/>',
    '<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="1"/><target m_id="9"/>'
    "</CROSS_DOC_COREF>",
)
DOC_B = _doc(
    "2_1ecbplus", [["The", "quake", "struck", "Chile", "on", "Monday", "."]],
    '<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="3"/></ACTION_OCCURRENCE>\n'
    '<NON_HUMAN_PART m_id="2"><token_anchor t_id="4"/></NON_HUMAN_PART>\n'
    '<ACTION_OCCURRENCE m_id="9" instance_id="ACT1" TAG_DESCRIPTOR="quake"/>',
    '<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="1"/><target m_id="9"/>'
    "</CROSS_DOC_COREF>",
)
CSV = "Topic,File,Sentence Number\n2,1ecb,0\n2,1ecbplus,0\n"


def _corpus(tmp_path: Path) -> Path:
    (tmp_path / "2").mkdir()
    (tmp_path / "2" / "2_1ecb.xml").write_text(DOC_A, encoding="utf-8")
    (tmp_path / "2" / "2_1ecbplus.xml").write_text(DOC_B, encoding="utf-8")
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text(CSV, encoding="utf-8")
    return tmp_path


def test_reader_keeps_annotated_sentences_and_clusters(tmp_path):
    problems: list[str] = []
    docs = read_ecb(_corpus(tmp_path), problems)
    assert problems == []
    a, b = docs
    assert (a.topic, a.sentences) == ("2", {0})
    assert a.events == {("2_1ecb", "1"): {"3"}}  # "died" is in an unannotated sentence
    assert a.entities == {("2_1ecb", "2"): {"4"}}
    assert a.cluster[("2_1ecb", "1")] == b.cluster[("2_1ecbplus", "1")] == ("x", "ACT1")


def test_lemma_baseline_and_storyline_scored_in_one_run(tmp_path):
    splits, problems = evaluate(_corpus(tmp_path))
    dev = splits["dev"]
    assert (dev.topics, dev.documents, splits["train"].topics) == (1, 2, 0)
    # gold: {struck a, struck b}; the baseline links the two "strike" heads: perfect
    base = dev.coref["event_baseline"]
    assert (base.muc.f1, base.b3.f1, base.ceaf_e.f1) == (1.0, 1.0, 1.0)
    assert dev.coref["event_baseline_nosingle"].conll == 1.0
    # entities: gold {Chile a}, {Chile b} (no coreference annotated): the baseline's one
    # "chile" cluster has B3 P = 1/2, R = 1; MUC 0 (no gold links)
    ent = dev.coref["entity_baseline"]
    assert (ent.b3.precision, ent.b3.recall, ent.muc.f1) == (0.5, 1.0, 0.0)
    assert dev.events.gold == 2 and dev.entities.gold == 2
    assert 0.0 <= dev.coref["event"].conll <= 1.0


def test_malformed_file_skipped_and_missing_csv_reported(tmp_path):
    corpus = _corpus(tmp_path)
    (corpus / "2" / "2_9ecb.xml").write_text("<Document><token", encoding="utf-8")
    problems: list[str] = []
    assert len(read_ecb(corpus, problems)) == 2
    assert [p.split(":")[0] for p in problems] == ["2_9ecb.xml"]
    (corpus / "ECBplus_coreference_sentences.csv").unlink()
    rep = ecb_yardstick(corpus)
    assert rep.skipped and "ECBplus_coreference_sentences.csv" in rep.skipped


def test_cli_json(tmp_path):
    from storyline.cli.app import _register, app

    _register()
    res = CliRunner().invoke(app, ["eval", "ecb", str(_corpus(tmp_path)), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout[res.stdout.index("{"):])
    names = [r["metric"] for r in data["rows"]]
    gold = "dev (1 topics, 2 docs): event coreference CoNLL F1, gold mentions"
    assert gold in names and "dev (1 topics, 2 docs): event coreference CoNLL F1" in names
    assert data["rows"][names.index(gold)]["reference"] == 1.0  # the lemma baseline


def test_gold_mentions_become_claims_by_storylines_code(tmp_path):
    from storyline.eval.cat import run_storyline_groups
    from storyline.nlp.pipeline import load_model
    from storyline.settings import Settings

    docs = read_ecb(_corpus(tmp_path), [])
    run = run_storyline_groups([d.doc for d in docs], [None, None], [[0, 1]])[0]
    nlp = load_model(Settings().model)
    claims, key_of = gold_claims(docs, run, [nlp(a.content) for a in run.articles])
    names = {m.entity: m.text for e in run.story.entities for m in e.mentions}
    got = [(key_of[c.id], c.type, c.predicate, [names[p] for p in c.participants],
            [(r.name, names[r.entity]) for r in c.roles], c.time.value if c.time else None,
            c.mention.text) for c in claims]
    assert got == [
        (("2_1ecb", "1"), "other", "strike", ["Chile"], [("patient", "Chile")], None,
         "An earthquake struck Chile."),
        (("2_1ecbplus", "1"), "other", "strike", ["Chile"], [("patient", "Chile")],
         "XXXX-WXX-1", "The quake struck Chile on Monday."),
    ]
    # both "struck" share Chile, but no date or place: the merge rules alone keep them apart
    # (B3 P 1, R 1/2; CEAF-e 2/3 against one key cluster), the coreference model joins them
    splits, _ = evaluate(tmp_path)
    rules = splits["dev"].coref["event_gold_rules"]
    assert (rules.muc.f1, rules.b3.precision, rules.b3.recall) == (0.0, 1.0, 0.5)
    assert splits["dev"].coref["event_gold"].conll == 1.0


def test_real_corpus_counts():
    if not ECB.is_dir():
        pytest.skip(f"../shared/benchmarks/ecbplus-dev not found at {ECB}")
    problems: list[str] = []
    docs = read_ecb(ECB, problems)
    assert problems == [] and len(docs) == 772
    dev = [d for d in docs if d.topic in {"2", "5", "12", "18", "21", "23", "34", "35"}]
    assert (len(dev), sum(len(d.events) for d in dev)) == (197, 1245)
    assert sum(len(d.entities) for d in dev) == 1028
