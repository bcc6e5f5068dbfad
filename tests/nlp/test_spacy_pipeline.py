"""storyline's nlp stage as a spaCy pipeline: built from the one config, declarations that
spaCy's analyze_pipes finds consistent, and every result on doc.spans and doc._."""

from __future__ import annotations

import importlib
from dataclasses import replace
from datetime import date

import pytest

from storyline.model import Article, PublicationDate, to_dict
from storyline.nlp.pipeline import add_pipes, analyze_doc, pipeline_config, storyline_pipes
from storyline.settings import Settings

TEXT = ("Ada Brenner, 58, resigned as harbour master on Monday, the port authority said.\n"
        '"I leave with a full heart," Brenner said.\n')
DAY = date(2024, 3, 6)
ARTICLE = Article(id="a1", path="a1.txt", raw=TEXT, content=TEXT,
                  published=PublicationDate("2024-03-06", DAY, DAY, "header", "header"))
DEFAULT = ["storyline_article", "storyline_sentences", "storyline_timex", "storyline_entities",
           "storyline_quantities", "storyline_claims"]


@pytest.fixture(scope="module")
def full_nlp():
    """A fresh copy of the bundled model with the storyline components added after it."""
    model = importlib.import_module(Settings().model).load()
    return add_pipes(model, Settings())


def test_the_config_gives_the_default_pipeline_in_order() -> None:
    config = pipeline_config(Settings())
    assert config["nlp"]["pipeline"] == DEFAULT
    assert [n for n, _ in storyline_pipes(Settings())] == DEFAULT


def test_settings_components_select_and_order_the_config() -> None:
    config = pipeline_config(Settings(components=["timex", "sentences"]))
    assert config["nlp"]["pipeline"] == ["storyline_article", "storyline_timex",
                                         "storyline_sentences"]
    assert set(config["components"]) == set(config["nlp"]["pipeline"])
    with pytest.raises(ValueError, match="no nlp component named 'nonsense'"):
        pipeline_config(Settings(components=["nonsense"]))


def test_llm_server_settings_reach_the_component_as_its_config() -> None:
    settings = Settings(llm_url="http://127.0.0.1:9/v1", llm_model="m", llm_mode="replace",
                        llm_timeout=5.0, llm_max_sentences=3)
    config = pipeline_config(settings)
    assert config["nlp"]["pipeline"] == [*DEFAULT, "storyline_llm_claims"]
    llm = dict(config["components"]["storyline_llm_claims"])
    assert llm == {"factory": "storyline_llm_claims", "url": "http://127.0.0.1:9/v1",
                   "model": "m", "mode": "replace", "api_key": None, "timeout": 5.0,
                   "max_sentences": 3}


def test_the_config_file_defaults_are_the_settings_defaults() -> None:
    from thinc.api import Config

    from storyline.nlp.pipeline import CONFIG_PATH

    section = Config().from_disk(CONFIG_PATH)["components"]["storyline_llm_claims"]
    s = Settings()
    assert (section["url"], section["model"], section["mode"], section["api_key"],
            section["timeout"], section["max_sentences"]) == (
        s.llm_url, s.llm_model, s.llm_mode, s.llm_api_key, s.llm_timeout, s.llm_max_sentences)


def test_the_settings_default_is_the_config_pipeline() -> None:
    from thinc.api import Config

    from storyline.nlp.pipeline import CONFIG_PATH

    listed = Config().from_disk(CONFIG_PATH)["nlp"]["pipeline"]
    assert ["storyline_article", *("storyline_" + n for n in Settings().components),
            "storyline_llm_claims"] == listed


def test_analyze_pipes_finds_no_problem(full_nlp) -> None:
    assert full_nlp.pipe_names[-len(DEFAULT):] == DEFAULT
    problems = full_nlp.analyze_pipes(pretty=False)["problems"]
    assert {name: p for name, p in problems.items() if p} == {}


def test_analyze_pipes_finds_no_problem_with_the_llm_component() -> None:
    model = importlib.import_module(Settings().model).load()
    nlp = add_pipes(model, Settings(llm_url="http://127.0.0.1:9/v1"))
    assert nlp.pipe_names[-1] == "storyline_llm_claims"
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    assert {name: p for name, p in problems.items() if p} == {}


def test_the_declarations_say_what_a_component_misses() -> None:
    """claims alone: analyze_pipes names the analysis lists nothing before it assigns."""
    model = importlib.import_module(Settings().model).load()
    nlp = add_pipes(model, Settings(components=["claims"]))
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    assert {name: sorted(p) for name, p in problems.items() if p} == {
        "storyline_claims": ["doc._.storyline_entities", "doc._.storyline_sentences",
                             "doc._.storyline_timexes"]}


def _spans(doc) -> dict[str, list[tuple]]:
    return {key: [(s.start_char, s.end_char, s.label_, s.id_, s.kb_id_) for s in group]
            for key, group in doc.spans.items()}


def test_every_result_is_on_doc_spans(nlp) -> None:
    doc = nlp(TEXT)
    analysis = analyze_doc(doc, ARTICLE, Settings())
    assert doc._.storyline_analysis is analysis
    assert doc._.storyline_article is ARTICLE
    assert _spans(doc) == {
        "storyline_sentences": [(0, 79, "sentence", "", ""), (80, 122, "sentence", "", "")],
        "storyline_timexes": [(47, 53, "DATE", "", "2024-03-04")],
        "storyline_entities": [(0, 11, "PERSON", "a1:e1", ""), (0, 15, "PERSON", "a1:e1", ""),
                               (109, 116, "PERSON", "a1:e1", "")],
        "storyline_quantities": [(0, 15, "age", "", "")],
        "storyline_claims": [(17, 25, "resigned", "a1:c1", ""),
                             (117, 121, "statement", "a1:c2", "")],
        "storyline_quotes": [(81, 107, "direct", "a1:q1", ""), (0, 53, "indirect", "a1:q2", "")],
    }
    assert doc.spans["storyline_claims"][0].text == "resigned"
    # doc._.storyline_<kind> is the analysis list itself
    assert doc._.storyline_claims is analysis.claims
    assert [e.name for e in doc._.storyline_entities] == ["Ada Brenner"]
    assert doc._.storyline_relations is analysis.relations


def test_a_selection_fills_only_its_own_spans(nlp) -> None:
    doc = nlp(TEXT)
    analysis = analyze_doc(doc, ARTICLE, Settings(components=["sentences", "timex"]))
    assert sorted(doc.spans) == ["storyline_sentences", "storyline_timexes"]
    assert analysis.entities == [] and analysis.claims == []


def test_nlp_of_a_text_on_the_full_pipeline_equals_analyze_doc(full_nlp, nlp) -> None:
    """No Article given: the components make one from the Doc's text (id "doc", undated)."""
    doc = full_nlp(TEXT)
    bare = Article(id="doc", path="", raw=TEXT, content=TEXT)
    assert doc._.storyline_article == bare
    expected = analyze_doc(nlp(TEXT), bare, Settings())
    assert to_dict(doc._.storyline_analysis) == to_dict(expected)
    assert doc.spans["storyline_timexes"][0].kb_id_ == "XXXX-WXX-1"  # Monday, no date to read


def test_parse_ahead_and_in_process_give_the_same_analyses(tmp_path) -> None:
    """The executor's background parse process: the same Docs, the same pipes, same results."""
    from storyline.nlp.pipeline import analyze

    articles = [replace(ARTICLE, id=f"a{i}") for i in range(3)]
    inproc = analyze(articles, Settings(parse_workers=0))
    ahead = analyze(articles, Settings(parse_workers=1, parse_workers_from=2, batch_size=1))
    assert [to_dict(a) for a in ahead] == [to_dict(a) for a in inproc]
    assert [len(a.claims) for a in inproc] == [2, 2, 2]


def _sleep(doc, article, analysis) -> None:
    import time

    time.sleep(0.3)


def test_the_budget_is_checked_between_components(nlp) -> None:
    """Outside the main thread only the cooperative check runs: after a slow component, the
    next one is not started."""
    import threading

    from storyline.nlp.budget import OverBudget, time_budget
    from storyline.nlp.pipeline import COMPONENTS

    if "storyline-test-sleep" not in COMPONENTS.names():
        COMPONENTS.register("storyline-test-sleep")(_sleep)
    settings = Settings(components=["sentences", "storyline-test-sleep", "timex"])
    storyline_pipes(settings)  # built before the budget starts
    doc = nlp(TEXT)
    seen: list[str] = []

    def run() -> None:
        try:
            with time_budget(0.1):
                analyze_doc(doc, ARTICLE, settings)
        except OverBudget as e:
            seen.append(str(e))

    t = threading.Thread(target=run)
    t.start()
    t.join(10)
    assert seen == ["analysis exceeded 0.1 s"]
    assert len(doc._.storyline_sentences) == 2 and doc._.storyline_timexes == []


def test_a_spacy_factory_joins_the_pipeline_by_its_short_name(nlp) -> None:
    from spacy.language import Language

    name = "storyline_test_marker"
    if not Language.has_factory(name):
        @Language.factory(name, requires=["doc._.storyline_analysis"])
        def make_marker(nlp, name):  # noqa: ANN001, ANN202
            def mark(doc):  # noqa: ANN001, ANN202
                doc.spans["marked"] = list(doc.spans["storyline_timexes"])
                return doc
            return mark

    settings = Settings(components=["timex", "test_marker"])
    assert pipeline_config(settings)["nlp"]["pipeline"] == [
        "storyline_article", "storyline_timex", name]
    doc = nlp(TEXT)
    analyze_doc(doc, ARTICLE, settings)
    assert [s.text for s in doc.spans["marked"]] == ["Monday"]


def test_a_setting_reaches_its_factory_argument_and_the_pipes_cache() -> None:
    off = Settings(event_trigger_model=False)
    assert pipeline_config(off)["components"]["storyline_claims"]["trigger_model"] is False
    assert pipeline_config(Settings())["components"]["storyline_claims"]["trigger_model"] is True
    default = storyline_pipes(Settings())
    assert storyline_pipes(off) is not default and storyline_pipes(Settings()) is default
