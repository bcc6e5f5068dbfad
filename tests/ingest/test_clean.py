"""Each furniture rule on small fictional fixtures: what is blanked, what is kept."""

from __future__ import annotations

import pytest
from ingest_helpers import assert_offsets_kept, read_one, removed_texts

from storyline.ingest.blank import Blanker
from storyline.ingest.clean import clean

BODY = "Councillor Ada Brenner, 52, opened the new ferry terminal in Kestrel Bay on Monday."


def cleaned(text: str, title: str | None = None) -> tuple[str, list[tuple[str, str]]]:
    blanker = Blanker(text)
    clean(blanker, title)
    return blanker.content, [(r.kind, text[r.start : r.end]) for r in blanker.removed()]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Close this search box.", "navigation"),
        ("View this post on Instagram", "embed"),
        ("A post shared by Ada Brenner (@adabrenner)", "embed"),
        ("Photos courtesy of Quaylight, Nordwind/Flashpoint.", "photo_credit"),
        ("Photo: Kestrel Bay Bulletin/Rui Santos", "photo_credit"),
        ("Credits: Instagram", "photo_credit"),
        ("Editorial credit: Jon Ferris /", "photo_credit"),
        ("Sign up for the Kestrel Bay Bulletin newsletter", "promo"),
        ("Get the week's top stories in your inbox every Monday.", "promo"),
        ("KBB_Ferry_Brenner_051324_88213001", "image_name"),
        ("kbb22480311", "image_name"),
        ("ferry-terminal-opening.jpg", "image_name"),
        ("By Mara Quist", "byline"),
        ("© 2024 Kestrel Bay Bulletin Ltd. All rights reserved.", "copyright"),
        ("Copyright 2019-2024 Quayside Media", "copyright"),
        ("Getty Images", "photo_credit"),
        ("(Getty)", "photo_credit"),
        ("Ada Brenner/Instagram", "photo_credit"),
        ("Rui Santos/Getty Images for Quayside", "photo_credit"),
        ("Image source, Getty Images", "photo_credit"),
        ("Story continues below advertisement", "promo"),
        ("RELATED: Kestrel Bay ferry fares to rise in spring", "promo"),
        ("READ MORE: Councillor Brenner answers your questions", "promo"),
        ("Click here to subscribe to the Kestrel Bay Bulletin.", "promo"),
        ("We may earn a commission from links on this page.", "promo"),
        ("Tweet", "navigation"),
        ("12 Comments", "navigation"),
        ("Tags: Kestrel Bay, Ada Brenner, ferries", "navigation"),
        ("We use cookies to improve your experience. By continuing you accept them.", "navigation"),
    ],
)
def test_furniture_line_is_blanked_and_body_kept(line: str, kind: str) -> None:
    text = f"{line}\n\n{BODY}\n"
    content, removed = cleaned(text)
    assert removed == [(kind, line)]
    assert BODY in content
    assert line not in content


def test_tracking_token_blanked_inside_text() -> None:
    token = "qZ8xLm3PvR7tYb2Nc9WdKf4HgJs6Ae1Uo5Ii0OpQwErTy%2BzXcVbNm"
    text = f"{BODY}\n\n{token}\n"
    content, removed = cleaned(text)
    assert removed == [("tracking_token", token)]
    assert BODY in content


def test_long_ordinary_words_are_not_tokens() -> None:
    text = f"{BODY} Antidisestablishmentarianism-and-supercalifragilistic-words here.\n"
    _, removed = cleaned(text)
    assert removed == []


def test_inline_photo_credit_in_paragraph() -> None:
    text = f"{BODY} (Photo: Harbourside Pictures) The terminal cost 4 million.\n"
    content, removed = cleaned(text)
    assert removed == [("photo_credit", "(Photo: Harbourside Pictures)")]
    assert "The terminal cost 4 million." in content


def test_lowercase_caption_repeating_headline() -> None:
    title = "Councillor Brenner Opens Ferry Terminal Amid Budget Row"
    caption = "councillor brenner opens ferry terminal budget row"
    text = f"{title}\n\n{BODY}\n\n{caption}\nBrenner at the terminal on Monday.\n"
    content, removed = cleaned(text)
    assert ("caption", caption) in removed
    assert title in content and "Brenner at the terminal on Monday." in content


def test_lowercase_sentence_not_about_headline_is_kept() -> None:
    text = "Ferry Terminal Opens\n\n" + BODY + "\n\nand the crowd cheered loudly for an hour\n"
    _, removed = cleaned(text)
    assert removed == []


def test_short_line_directly_above_credit_is_caption() -> None:
    text = f"Kestrel Bay Ferry\n\n{BODY}\n\nAda Brenner Tomas Brenner\nCredits: Instagram\n"
    _, removed = cleaned(text)
    assert ("caption", "Ada Brenner Tomas Brenner") in removed


def test_promo_tail_after_marker_removed_to_end() -> None:
    tail = "More Articles\n\nBest beaches of the coast.\n\nWin a weekend for two.\n"
    text = f"Kestrel Bay Ferry\n\n{BODY}\n\n{BODY}\n\n{tail}"
    content, removed = cleaned(text)
    assert removed[-1][0] == "promo" and removed[-1][1] == tail.strip()
    assert content.count(BODY) == 2


def test_dateline_blanked() -> None:
    text = f"Kestrel Bay Ferry\n\nMay 14 2024, Published 9:05 a.m. ET\n\n{BODY}\n"
    content, removed = cleaned(text)
    assert removed == [("dateline", "May 14 2024, Published 9:05 a.m. ET")]


def test_sentence_with_a_date_is_not_a_dateline() -> None:
    text = f"Kestrel Bay Ferry\n\nOn May 14, 2024, the ferry left late.\n\n{BODY}\n"
    _, removed = cleaned(text)
    assert removed == []


def test_article_sentences_survive_all_rules(tmp_path) -> None:
    sentences = [
        "Photographers waited outside, and one photo showed her without the ring.",
        "She signed up for the regional council newsletter committee in 2019.",
        "The search box on the council website was broken for days.",
        "Credit unions in Kestrel Bay reported record savings this year.",
        "Copyright 2023 was a busy year for the harbour lawyers, Brenner said.",
        "She confirmed the split on Instagram.",
        "A source told Reuters the deal was off.",
        "Share prices in the ferry company fell on Monday.",
        "Related charges were dropped, police said.",
        "Email records show the council knew about the cracks.",
        "Click here, she said, was the only instruction the crews got.",
        "MORE than 200 boats raced in the regatta on Sunday.",
        "Tags on the boats were checked by the harbour master.",
        "Copyright claims against the ferry operator were all rights-based, not money.",
    ]
    text = "Kestrel Bay Notes\n\n" + "\n\n".join(sentences) + "\n"
    art = read_one(tmp_path, "a.txt", text)
    assert removed_texts(art) == []
    for s in sentences:
        assert s in art.content
    assert_offsets_kept(art)
