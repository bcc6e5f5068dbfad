"""Persisted MinHash signatures, one per stored article, for near-duplicate marking.

Shingling and hashing an article happens once, when its signature is first needed; later
ingests read the signatures back (a BLOB of hash values per article) and rebuild the LSH index
from them, so adding one article no longer re-hashes every stored one. A signature is keyed by
the article's raw-text hash: an article whose text changed under the same id is hashed again.
The SQL is plain (one table, BLOB and TEXT columns) so a server database can hold it too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

import numpy as np
from datasketch import LeanMinHash

from storyline.ingest.dedupe import NUM_PERM, Signature, signature
from storyline.model import Article

TABLE = """
CREATE TABLE IF NOT EXISTS minhashes (
    article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    content_hash TEXT NOT NULL, shingles INTEGER NOT NULL, seed INTEGER NOT NULL,
    scheme TEXT NOT NULL, hashvalues BLOB NOT NULL)
"""
SEED = 1  # datasketch's default: every signature must use the same permutations


def load(
    db: sqlite3.Connection, ids: list[str] | None = None, *, create: bool = True
) -> dict[str, tuple[str, Signature]]:
    """Every stored signature (or those of articles `ids`) by article id, with the raw-text
    hash it was computed from. `create` makes the table in stores older than it."""
    if create:
        db.execute(TABLE)  # stores created before this table existed get it on first use
    elif not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'minhashes'").fetchone():
        return {}
    sql = "SELECT article, content_hash, shingles, seed, scheme, hashvalues FROM minhashes"
    rows = []
    if ids is None:
        rows = db.execute(sql).fetchall()
    for i in range(0, len(ids or []), 500):
        part = ids[i : i + 500]  # type: ignore[index]
        marks = ",".join("?" * len(part))
        rows += db.execute(f"{sql} WHERE article IN ({marks})", part).fetchall()  # noqa: S608
    out = {}
    for aid, chash, count, seed, scheme, blob in rows:
        values = np.frombuffer(blob, dtype=np.uint64 if len(blob) == 8 * NUM_PERM else np.uint32)
        lean = LeanMinHash(seed=seed, hashvalues=values, scheme=scheme) if count else None
        out[aid] = (chash, Signature(count, lean))
    return out


def save(db: sqlite3.Connection, rows: Iterable[tuple[str, str, Signature]]) -> None:
    """Store (article id, raw-text hash, signature) rows, replacing older ones."""
    db.execute(TABLE)
    db.executemany(
        "INSERT OR REPLACE INTO minhashes VALUES (?, ?, ?, ?, ?, ?)",
        [(aid, chash, s.shingles, s.minhash.seed if s.minhash else SEED,
          s.minhash.scheme if s.minhash else "none",
          s.minhash.hashvalues.tobytes() if s.minhash else b"")
         for aid, chash, s in rows],
    )  # fmt: skip


def signatures(
    db: sqlite3.Connection, articles: Iterable[tuple[Article, str]]
) -> dict[str, Signature]:
    """Signatures of (article, raw-text hash) pairs: stored ones read back, missing or stale
    ones computed and stored (the caller holds the transaction)."""
    pairs = list(articles)
    stored = load(db, [art.id for art, _ in pairs])
    out: dict[str, Signature] = {}
    fresh = []
    for art, chash in pairs:
        known = stored.get(art.id)
        if known and known[0] == chash:
            out[art.id] = known[1]
        else:
            out[art.id] = signature(art.content)
            fresh.append((art.id, chash, out[art.id]))
    save(db, fresh)
    return out
