"""The trained event-trigger model (storyline/nlp/events/triggers.py): its features, the
shipped weights, the open events it adds, and its training script on a hand-made fixture."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from storyline.model import Article, PublicationDate
from storyline.nlp.events import find_hits
from storyline.nlp.events.train_triggers import main as train_main
from storyline.nlp.events.triggers import TriggerModel, features, load, verb_base
from storyline.nlp.pipeline import analyze, pipeline_config
from storyline.settings import Settings

FIXTURES = Path(__file__).parents[1] / "fixtures" / "triggers"


def test_features_of_a_hand_written_sentence(nlp):
    doc = nlp("Police arrested the mayor after his resignation.")
    assert features(doc[1]) == [
        "lemma=arrest", "pos=VERB", "tag=VBD", "dep=ROOT", "pos_dep=VERB|ROOT",
        "head_lemma=arrest", "head_pos=VERB", "dep_head_pos=ROOT|VERB", "morph=Tense=Past",
        "morph=VerbForm=Fin", "child=dobj", "child=nsubj", "child=prep", "child=punct",
        "prep=after", "frame_trigger", "prev=police", "prev_pos=NOUN", "next_pos=DET"]
    assert features(doc[6]) == [
        "lemma=resignation", "pos=NOUN", "tag=NN", "dep=pobj", "pos_dep=NOUN|pobj",
        "head_lemma=after", "head_pos=ADP", "dep_head_pos=pobj|ADP", "morph=Number=Sing",
        "child=poss", "frame_trigger", "suffix=ion", "deverbal=suffix", "prev=his",
        "prev_pos=PRON", "next_pos=PUNCT"]


def test_deverbal_cue():
    verbs = frozenset({"resign", "approve", "pay", "attack", "depart"})
    assert verb_base("resignation", verbs) == ("suffix", "resign")
    assert verb_base("approval", verbs) == ("suffix", "approve")
    assert verb_base("payment", verbs) == ("suffix", "pay")
    assert verb_base("departure", verbs) == ("suffix", "depart")
    assert verb_base("attack", verbs) == ("zero", "attack")
    assert verb_base("kitchen", verbs) is None


def test_shipped_weights_load_and_tag_an_event_verb(nlp):
    model = load()
    assert model is not None and len(model.weights) > 1000
    doc = nlp("The army attacked the village on Monday.")
    assert [t.text for t in doc if model.is_trigger(t)] == ["attacked"]
    assert model.probability(doc[0]) == 0.0  # a determiner is never a candidate


def _claims(text: str, settings: Settings):
    day = date(2024, 3, 6)
    article = Article(id="fx", path="fx.txt", raw=text, content=text,
                      published=PublicationDate("2024-03-06", day, day, "header", "test"))
    (analysis,) = analyze([article], settings)
    names = {e.id: e.name for e in analysis.entities}
    return {(c.type, c.predicate, tuple((r.name, names[r.entity]) for r in c.roles),
             c.time.value if c.time else None) for c in analysis.claims}


def test_the_model_adds_an_open_event_no_frame_has():
    # "demolished" sits in an adverbial clause: no frame lists it and the heuristic open layer
    # takes only main clauses; the model calls it an event, with its agent read off the parse
    text = "After Harlow Council demolished the pier, residents protested."
    assert _claims(text, Settings(parse_workers=0)) == {
        ("other", "demolish", (("agent", "Harlow Council"),), None),
        ("protest", "protest", (), None),
    }
    assert _claims(text, Settings(parse_workers=0, event_trigger_model=False)) == {
        ("protest", "protest", (), None)}


def test_frame_rules_win_and_descriptions_stay_out(nlp):
    doc = nlp("Police arrested Karel Vostrik on Monday. Most shops close early.")
    assert [(h.rule.type, h.trigger.text) for h in find_hits(doc, trigger_model=True)] == [
        ("arrest", "arrested")]


def test_the_setting_reaches_the_claims_component():
    on = pipeline_config(Settings())["components"]["storyline_claims"]
    off = pipeline_config(Settings(event_trigger_model=False))["components"]["storyline_claims"]
    assert on["trigger_model"] is True and off["trigger_model"] is False


def test_training_script_on_a_tiny_timeml_fixture(tmp_path, capsys):
    out = tmp_path / "weights.json"
    assert train_main([str(FIXTURES), "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert "skipped broken.tml: no <TEXT>" in printed.err
    assert "TimeBank: 4 train docs, 1 held out" in printed.out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["meta"]["timebank_docs"] == 4
    model = TriggerModel.from_json(data)
    assert model.weights["pos=VERB"] > 0
    # deterministic: the same data gives the same weights
    again = tmp_path / "again.json"
    train_main([str(FIXTURES), "--out", str(again)])
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
