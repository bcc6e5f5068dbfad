"""Kept MinHash signatures: the store marks the same duplicates as re-hashing every article."""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np

from storyline.api import ingest
from storyline.ingest.dedupe import mark_duplicates, signature
from storyline.settings import Settings
from storyline.store import minhash, open_store

FERRY = (
    "Councillor Ada Brenner opened the new ferry terminal in Kestrel Bay on Monday, two years "
    "later than planned. The terminal cost four million, twice the first estimate, according "
    "to council papers. Fishermen said the new berths were too short for the larger boats. "
    "Brenner said the council would review the design before the summer season begins. "
    "A spokesperson for the operator said services would run every hour from next week."
)
REGATTA = (
    "The Kestrel Bay regatta drew a record number of entries this year, organisers said. "
    "More than two hundred boats raced in light winds, and the junior class was won by a "
    "crew from the harbour school. The organisers plan to add a night race next summer."
)
MILL = (
    "The old paper mill at Dunmore Falls will become a museum of local industry, the town "
    "trust announced on Thursday. Volunteers have restored two of the original steam engines, "
    "and the trust hopes to open the first hall to visitors in the spring of next year."
)
SETTINGS = Settings(components=["sentences"])  # the marks do not depend on the nlp stage


def write(folder: Path, name: str, day: str, text: str) -> str:
    path = folder / name
    path.write_text(f" date {day} Kestrel Post\n{text}\n", encoding="utf-8")
    return str(path)


def marks(store_path: Path) -> dict[str, tuple[str, str | None]]:
    """Article path -> (status, path of the article it copies) as stored."""
    store = open_store(store_path, create=False)
    try:
        arts = [s.article for s in store.articles()]
    finally:
        store.close()
    by_id = {a.id: a.path for a in arts}
    return {Path(a.path).name: (a.status, Path(by_id[a.duplicate_of]).name if a.duplicate_of
                                else None) for a in arts}  # fmt: skip


def rehash_marks(store_path: Path) -> dict[str, tuple[str, str | None]]:
    """The reference: every stored article re-shingled and re-hashed, as before the store kept
    signatures."""
    store = open_store(store_path, create=False)
    try:
        arts = [copy.deepcopy(s.article) for s in store.articles()]
    finally:
        store.close()
    usable = [a for a in arts if a.status in ("ok", "duplicate")]
    for a in usable:
        a.status, a.duplicate_of, a.similarity = "ok", None, None
    mark_duplicates(usable, Settings())
    by_id = {a.id: a.path for a in arts}
    return {Path(a.path).name: (a.status, Path(by_id[a.duplicate_of]).name if a.duplicate_of
                                else None) for a in arts}  # fmt: skip


def test_kept_signatures_mark_what_rehashing_marks(tmp_path, monkeypatch) -> None:
    src = tmp_path / "in"
    src.mkdir()
    db = tmp_path / "s.db"
    first = [
        write(src, "ferry.txt", "2024-05-14", FERRY),
        write(src, "regatta.txt", "2024-05-14", REGATTA),
        write(src, "ferry_copy.txt", "2024-05-15",
              "Ferry terminal opens late. " + FERRY.replace("Fishermen", "Fishers")),
    ]  # fmt: skip
    ingest(first, db, SETTINGS)
    assert marks(db) == rehash_marks(db) == {
        "ferry.txt": ("ok", None), "regatta.txt": ("ok", None),
        "ferry_copy.txt": ("duplicate", "ferry.txt"),
    }  # fmt: skip

    calls = []  # texts the store shingles and hashes (reading new inputs checks them too)
    monkeypatch.setattr(minhash, "signature", lambda text: calls.append(text) or signature(text))
    second = [
        write(src, "mill.txt", "2024-05-16", MILL),
        # a trimmed reprint, and a regatta copy dated before the one already stored
        write(src, "ferry_short.txt", "2024-05-16", FERRY.rsplit(" A spokesperson", 1)[0]),
        write(src, "regatta_early.txt", "2024-05-13", REGATTA + " Entries close on Friday."),
    ]
    ingest(second, db, SETTINGS)
    assert len(calls) == 3  # only the three new articles were hashed
    assert marks(db) == rehash_marks(db) == {
        "ferry.txt": ("ok", None), "ferry_copy.txt": ("duplicate", "ferry.txt"),
        "mill.txt": ("ok", None), "ferry_short.txt": ("duplicate", "ferry.txt"),
        "regatta_early.txt": ("ok", None), "regatta.txt": ("duplicate", "regatta_early.txt"),
    }  # fmt: skip


def test_signature_round_trips_through_the_store(tmp_path) -> None:
    db = tmp_path / "s.db"
    ingest([write(tmp_path, "ferry.txt", "2024-05-14", FERRY)], db, SETTINGS)
    store = open_store(db, create=False)
    try:
        stored = store.articles()
        kept = store.signatures(stored)[stored[0].article.id]
    finally:
        store.close()
    fresh = signature(stored[0].article.content)
    assert kept.shingles == fresh.shingles
    assert np.array_equal(kept.minhash.hashvalues, fresh.minhash.hashvalues)
