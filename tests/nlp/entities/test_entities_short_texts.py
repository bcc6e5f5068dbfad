"""Names in one-line articles and in headlines: short texts keep their names, headline
fragments ("Are Mara Quill", "Ditches Ring") never become names."""

from __future__ import annotations

import pytest

from storyline.ingest.read import read_articles
from storyline.nlp.pipeline import analyze
from storyline.settings import Settings


def _analyse(tmp_path, text: str):
    path = tmp_path / "item.txt"
    path.write_text(" date 2024-03-01 Test Outlet\n" + text, encoding="utf-8")
    settings = Settings()
    arts = read_articles([str(path)], settings)
    return analyze(arts, settings)[0]


@pytest.mark.parametrize(
    "text,names",
    [
        ("Ilse Varga and Teodor Bakk split in 2019.", {"Ilse Varga", "Teodor Bakk"}),
        ("Ilse Varga moved to Vienna with Teodor Bakk in 2019.", {"Ilse Varga", "Teodor Bakk"}),
        ("Are Ilse Varga and Teodor Bakk headed for divorce?", {"Ilse Varga", "Teodor Bakk"}),
    ],
)
def test_one_line_article_keeps_its_people(tmp_path, text, names):
    a = _analyse(tmp_path, text)
    people = {e.name for e in a.entities if e.type == "PERSON"}
    assert people == names


def test_one_line_claim_has_its_participants(tmp_path):
    a = _analyse(tmp_path, "Ilse Varga and Teodor Bakk split in 2019.")
    names = {e.id: e.name for e in a.entities}
    with_people = [c for c in a.claims if c.participants]
    assert with_people
    assert {"Ilse Varga", "Teodor Bakk"} <= {names[p] for p in with_people[0].participants}


def test_headline_verbs_and_question_words_are_cut_from_names(tmp_path):
    a = _analyse(
        tmp_path,
        "Ilse Varga Ditches Ring While Having Lunch With Teodor Bakk\n\n"
        "Are Ilse Varga and Teodor Bakk over? The singer Ilse Varga was seen without her ring "
        "at lunch with Teodor Bakk on Sunday.",
    )
    texts = {m.text for e in a.entities for m in e.mentions if m.kind in ("name", "alias")}
    assert not [t for t in texts if "Ditches" in t or "Ring" in t or t.startswith("Are ")]
    assert {e.name for e in a.entities if e.type == "PERSON"} == {"Ilse Varga", "Teodor Bakk"}
