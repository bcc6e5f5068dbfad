"""Near-duplicates (the later copy is marked) and the English check."""

from __future__ import annotations

from datetime import date

from storyline.ingest.dedupe import mark_duplicates
from storyline.ingest.language import english_ratio
from storyline.model import Article, PublicationDate
from storyline.settings import Settings

STORY = (
    "Councillor Ada Brenner opened the new ferry terminal in Kestrel Bay on Monday, two years "
    "later than planned. The terminal cost four million, twice the first estimate, according "
    "to council papers. Fishermen said the new berths were too short for the larger boats. "
    "Brenner said the council would review the design before the summer season begins. "
    "A spokesperson for the operator said services would run every hour from next week."
)
OTHER = (
    "The Kestrel Bay regatta drew a record number of entries this year, organisers said. "
    "More than two hundred boats raced in light winds, and the junior class was won by a "
    "crew from the harbour school. The organisers plan to add a night race next summer."
)


def art(aid: str, text: str, day: date | None = None) -> Article:
    a = Article(id=aid, path=aid, raw=text, content=text)
    if day:
        a.published = PublicationDate(day.isoformat(), day, day, "header")
    return a


def test_later_edited_copy_is_marked_duplicate_of_earlier() -> None:
    copy = STORY.replace("Fishermen said", "Fishers said")
    copy = "Ferry terminal opens late. " + copy + " This story first appeared in KBB."
    items = [art("copy", copy, date(2024, 5, 15)), art("orig", STORY, date(2024, 5, 14)),
             art("other", OTHER, date(2024, 5, 14))]  # fmt: skip
    mark_duplicates(items, Settings())
    copy_art, orig, other = items
    assert (copy_art.status, copy_art.duplicate_of) == ("duplicate", "orig")
    assert 0.5 < copy_art.similarity < 1
    assert orig.status == "ok" and other.status == "ok"


def test_undated_shorter_copy_is_the_duplicate() -> None:
    trimmed = STORY.rsplit(" A spokesperson", 1)[0]
    items = [art("long", STORY), art("short", trimmed)]
    mark_duplicates(items, Settings())
    assert items[1].status == "duplicate" and items[1].duplicate_of == "long"
    assert items[0].status == "ok"


def test_different_stories_are_not_duplicates() -> None:
    items = [art("a", STORY), art("b", OTHER)]
    mark_duplicates(items, Settings())
    assert [a.status for a in items] == ["ok", "ok"]


def test_english_ratio() -> None:
    assert english_ratio(STORY) == (1.0, "en")
    ratio, lang = english_ratio(
        "Der Bürgermeister hat das neue Fährterminal am Montag eröffnet, zwei Jahre später als "
        "geplant. Die Kosten sind nach Angaben des Rates auf das Doppelte gestiegen."
    )
    assert ratio < 0.5 and lang == "de"
    bulgarian = "Кметът откри новия фериботен терминал в понеделник, две години по-късно."
    assert english_ratio(bulgarian) == (0.0, "non-latin")


def test_signature_is_datasketchs_minhash_and_computed_once_per_text():
    from datasketch import MinHash

    from storyline.ingest.dedupe import NUM_PERM, shingles, signature

    text = "The harbour bridge opened to traffic on Monday after two years of repairs."
    plain = MinHash(num_perm=NUM_PERM)
    plain.update_batch([s.encode() for s in shingles(text)])
    got = signature(text)
    assert got.shingles == len(shingles(text)) == 11
    assert list(got.minhash.hashvalues) == list(plain.hashvalues)
    assert (got.minhash.seed, got.minhash.scheme) == (plain.seed, plain.scheme)
    assert signature(text) is got  # the same text again: kept, not hashed again
    assert signature(text + " More.") is not got
    assert signature("   ") == (0, None)
