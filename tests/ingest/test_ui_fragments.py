"""Page interface lines ("LOADING ERROR") are furniture; all-caps lines naming the story stay."""

from __future__ import annotations

import pytest

from storyline.ingest.blank import Blanker
from storyline.ingest.clean import clean

BODY = ("Councillor Ada Brenner, 52, opened the new ferry terminal in Kestrel Bay on Monday. "
        "NASA engineers from the Kestrel Bay Space Centre watched.")


def _removed(text: str, title: str | None = None) -> list[tuple[str, str]]:
    blanker = Blanker(text)
    clean(blanker, title)
    return [(r.kind, text[r.start : r.end]) for r in blanker.removed()]


@pytest.mark.parametrize("line", ["LOADING ERROR", "PLAYBACK ERROR", "WATCH LIVE",
                                  "LISTEN TO ARTICLE", "SHOW CAPTION", "ERROR 404"])
def test_interface_line_is_furniture(line: str) -> None:
    assert _removed(f"{line}\n\n{BODY}\n") == [("ui_fragment", line)]


@pytest.mark.parametrize("line", [
    "KESTREL BAY",  # a kicker naming the story's place
    "BRENNER OPENS TERMINAL",  # an all-caps headline naming its person
    "NASA",  # an acronym the body writes
    "LOADING ERROR: TRY AGAIN.",  # sentence punctuation: not this rule's to judge
    "ONE TWO THREE FOUR FIVE",  # more than four words
    "Loading error",  # not in capitals
])
def test_line_naming_the_story_or_of_another_shape_is_kept(line: str) -> None:
    assert _removed(f"{line}\n\n{BODY}\n") == []


def test_words_of_other_interface_lines_are_no_evidence() -> None:
    text = f"LOADING ERROR\n\n{BODY}\n\nPLAYBACK ERROR\n"
    assert _removed(text) == [("ui_fragment", "LOADING ERROR"),
                              ("ui_fragment", "PLAYBACK ERROR")]


def test_a_known_title_is_kept() -> None:
    assert _removed(f"STORM WARNING\n\n{BODY}\n", title="STORM WARNING") == []
