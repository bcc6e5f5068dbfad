"""Stories kept in the store: the online clusterer's state and each story's own built Story.

One new article costs one `StoryClusterer.add` (storyline/story/clusters.py): its transaction
reads only what that add looks at (the document frequencies of the article's terms, the stories
sharing one of its top terms, in full only those it may join or merge) into a fresh clusterer,
runs the add there, and writes back the stories it changed. Floats are stored as REAL (exact
doubles) and each story's terms keep their insertion order, so the result equals one clusterer
kept in memory over the same articles. The SQL is portable (no SQLite-only statements but the
upserts, which PostgreSQL writes the same way: INSERT ... ON CONFLICT ... DO UPDATE).
"""

from __future__ import annotations

import itertools
import json
import math
import sqlite3
from collections import Counter
from datetime import UTC, date, datetime, timedelta

from storyline.story.clusters import CHANNELS, Signals, StoryClusterer, _Bag, _Story

TABLES = """
CREATE TABLE IF NOT EXISTS story_terms (
    channel TEXT NOT NULL, term TEXT NOT NULL, df INTEGER NOT NULL,
    PRIMARY KEY (channel, term));
CREATE TABLE IF NOT EXISTS stories (
    id INTEGER PRIMARY KEY, size INTEGER NOT NULL, title TEXT, first TEXT, last TEXT,
    norms TEXT NOT NULL, names TEXT NOT NULL, shown TEXT NOT NULL,
    rev INTEGER NOT NULL, built_rev INTEGER, updated TEXT NOT NULL,
    events INTEGER NOT NULL DEFAULT 0, entities INTEGER NOT NULL DEFAULT 0,
    contradictions INTEGER NOT NULL DEFAULT 0, own INTEGER NOT NULL DEFAULT 0,
    pipeline_version TEXT);
CREATE INDEX IF NOT EXISTS stories_state ON stories(
    rev, built_rev, pipeline_version, own, size, events, entities, contradictions);
CREATE TABLE IF NOT EXISTS story_built (
    story INTEGER PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS story_weights (
    story INTEGER NOT NULL, channel TEXT NOT NULL, term TEXT NOT NULL, pos INTEGER NOT NULL,
    weight REAL NOT NULL, PRIMARY KEY (story, channel, term));
CREATE INDEX IF NOT EXISTS story_weights_term ON story_weights(channel, term);
CREATE TABLE IF NOT EXISTS story_members (
    article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story INTEGER NOT NULL, pos INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS story_members_story ON story_members(story, pos);
CREATE INDEX IF NOT EXISTS articles_seq ON articles(seq);
CREATE INDEX IF NOT EXISTS articles_feed ON articles(status, published_earliest, seq, id);
"""
# stories_state and articles_feed cover the per-ingest scans (stale stories, totals, articles
# not clustered yet, counts by status): they read small index entries, not the rows that carry
# texts, names and built stories.
CHUNK = 500  # values per IN (...) list: far below every database's parameter limit


def create(db: sqlite3.Connection) -> None:
    """The tables, for stores made before they existed too (the caller holds a transaction)."""
    for stmt in filter(str.strip, TABLES.split(";")):
        db.execute(stmt)


def public_id(sid: int) -> str:
    """The id users see: s1 for the clusterer's story 0."""
    return f"s{sid + 1}"


def internal_id(story_id: str) -> int | None:
    """The clusterer's number of a public id, None when it is not one."""
    if story_id[:1] != "s" or not story_id[1:].isdigit():
        return None
    return int(story_id[1:]) - 1


def _chunks(items: list, size: int = CHUNK):  # noqa: ANN202 - yields slices of items
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _meta_int(db: sqlite3.Connection, key: str) -> int:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return int(row[0]) if row else 0


def _set_meta(db: sqlite3.Connection, key: str, value: int) -> None:
    db.execute("DELETE FROM meta WHERE key = ?", (key,))
    db.execute("INSERT INTO meta VALUES (?, ?)", (key, str(value)))


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _load_df(db: sqlite3.Connection, cl: StoryClusterer, sig: Signals) -> None:
    for c in CHANNELS:
        terms = list(sig.bags[c])
        for part in _chunks(terms):
            marks = ",".join("?" * len(part))
            for term, df in db.execute(
                f"SELECT term, df FROM story_terms WHERE channel = ? AND term IN ({marks})",  # noqa: S608
                (c, *part),
            ):
                cl.df[c][term] = df


def _window(cl: StoryClusterer, when: date | None) -> tuple[str | None, str | None]:
    """The publication dates a story must reach to score at least the threshold against an
    article of date `when` (similarity <= the time penalty, which halves every half-life):
    stories further away can be neither joined nor merged, so they are not read."""
    s = cl.settings
    if when is None or s.story_threshold <= 0:
        return None, None
    days = math.ceil(s.story_half_life_days * math.log2(1 / s.story_threshold)) + 1
    return (when - timedelta(days=days)).isoformat(), (when + timedelta(days=days)).isoformat()


def _partial(
    db: sqlite3.Connection, cl: StoryClusterer, vecs: dict[str, dict[str, float]],
    when: date | None,
) -> None:
    """The stories sharing a term with the article and near enough in time to reach the
    threshold (`_window`), with only those terms' weights (enough to score them: norms and
    dates are whole)."""
    lo, hi = _window(cl, when)
    for c in CHANNELS:
        for part in _chunks(list(vecs[c])):
            marks = ",".join("?" * len(part))
            rows = db.execute(
                "SELECT w.story, w.term, w.weight FROM story_weights w "
                "JOIN stories s ON s.id = w.story "
                f"WHERE w.channel = ? AND w.term IN ({marks}) "  # noqa: S608
                "AND (? IS NULL OR s.first IS NULL OR (s.last >= ? AND s.first <= ?))",
                (c, *part, lo, lo, hi),
            ).fetchall()
            for sid, term, weight in rows:
                st = cl.stories.get(sid)
                if st is None:
                    st = cl.stories[sid] = _Story(sid)
                st.bags[c].weights[term] = weight
                cl.postings[c].setdefault(term, set()).add(sid)
    ids = list(cl.stories)
    for part in _chunks(ids):
        marks = ",".join("?" * len(part))
        for sid, first, last, norms in db.execute(
            f"SELECT id, first, last, norms FROM stories WHERE id IN ({marks})", part  # noqa: S608
        ):
            st = cl.stories[sid]
            st.first, st.last = _day(first), _day(last)
            for c, n2 in json.loads(norms).items():
                st.bags[c].norm2 = n2


def _full(db: sqlite3.Connection, cl: StoryClusterer, sid: int) -> None:
    """Load story `sid` whole (every weight in insertion order, members, names), replacing a
    partial one: what joining or merging it reads."""
    row = db.execute(
        "SELECT title, first, last, norms, names, shown FROM stories WHERE id = ?", (sid,)
    ).fetchone()
    st = _Story(sid)
    title, first, last, norms, names, shown = row
    st.first, st.last = _day(first), _day(last)
    st.titles = [title]
    st.names = Counter(json.loads(names))
    st.shown = json.loads(shown)
    for c, n2 in json.loads(norms).items():
        st.bags[c] = _Bag({}, n2)
    for c, term, weight in db.execute(
        "SELECT channel, term, weight FROM story_weights WHERE story = ? ORDER BY channel, pos",
        (sid,),
    ):
        st.bags[c].weights[term] = weight
        cl.postings[c].setdefault(term, set()).add(sid)
    st.members = [a for (a,) in db.execute(
        "SELECT article FROM story_members WHERE story = ? ORDER BY pos", (sid,))]  # fmt: skip
    cl.stories[sid] = st


def _save(db: sqlite3.Connection, st: _Story, now: str,
          joined: tuple[dict[str, int], dict[str, dict[str, float]]] | None = None) -> None:
    """Write story `st`: its row (rev bumped), weights in order and members. Whole, unless
    `joined` says the stored story only had one article join it since it was read whole:
    (terms per channel it had then, the article's vectors). Then only that article's terms and
    its membership are written, the rows a whole write would change (a large story is not
    rewritten on every article that joins it)."""
    title = next((t for t in st.titles if t), None)
    norms = json.dumps({c: st.bags[c].norm2 for c in CHANNELS})
    names, shown = json.dumps(dict(st.names)), json.dumps(st.shown)
    first = st.first.isoformat() if st.first else None
    last = st.last.isoformat() if st.last else None
    if db.execute("SELECT 1 FROM stories WHERE id = ?", (st.id,)).fetchone():
        db.execute(
            "UPDATE stories SET size = ?, title = ?, first = ?, last = ?, norms = ?, names = ?, "
            "shown = ?, rev = rev + 1, updated = ? WHERE id = ?",
            (len(st.members), title, first, last, norms, names, shown, now, st.id),
        )
    else:
        db.execute(
            "INSERT INTO stories (id, size, title, first, last, norms, names, shown, rev, "
            "updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
            (st.id, len(st.members), title, first, last, norms, names, shown, now),
        )
    if joined is not None:
        had, vecs = joined
        for c in CHANNELS:
            weights = st.bags[c].weights
            new = list(itertools.islice(weights, had[c], None))  # added last, in order
            fresh = set(new)
            db.executemany(  # terms it had: their weights changed in place
                "UPDATE story_weights SET weight = ? WHERE story = ? AND channel = ? AND term = ?",
                [(weights[t], st.id, c, t) for t in vecs[c] if t not in fresh],
            )
            db.executemany(
                "INSERT INTO story_weights VALUES (?, ?, ?, ?, ?)",
                [(st.id, c, t, i, weights[t]) for i, t in enumerate(new, had[c])],
            )
        db.execute("INSERT INTO story_members VALUES (?, ?, ?)",
                   (st.members[-1], st.id, len(st.members) - 1))
        return
    db.execute("DELETE FROM story_weights WHERE story = ?", (st.id,))
    db.executemany(
        "INSERT INTO story_weights VALUES (?, ?, ?, ?, ?)",
        [(st.id, c, t, i, w)
         for c in CHANNELS for i, (t, w) in enumerate(st.bags[c].weights.items())],
    )
    db.execute("DELETE FROM story_members WHERE story = ?", (st.id,))
    db.executemany(
        "INSERT INTO story_members VALUES (?, ?, ?)",
        [(a, st.id, i) for i, a in enumerate(st.members)],
    )


def add(db: sqlite3.Connection, cl: StoryClusterer, sig: Signals) -> tuple[int, list[int]]:
    """One `add` of the stored clusterer (the caller holds the transaction; `cl` is a fresh
    StoryClusterer with the right settings). Returns (the story joined or started, the stories
    merged into it and gone)."""
    cl.seen = _meta_int(db, "cluster_seen")
    cl._next = _meta_int(db, "cluster_next")
    _load_df(db, cl, sig)
    vecs = cl.observe(sig)
    _partial(db, cl, vecs, sig.published)
    threshold = cl.settings.story_threshold
    ranked = cl.ranked(sig, vecs)
    had: dict[int, dict[str, int]] = {}  # stories read whole: their terms per channel
    for sid, score in ranked:
        if score < threshold:
            break
        _full(db, cl, sid)  # may be joined or merged: whole (its scores stay the same)
        had[sid] = {c: len(cl.stories[sid].bags[c].weights) for c in CHANNELS}
    before = set(cl.stories)
    sid = cl.place(sig, vecs, ranked)
    gone = sorted(before - set(cl.stories))
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for g in gone:
        db.execute("DELETE FROM story_weights WHERE story = ?", (g,))
        db.execute("DELETE FROM story_built WHERE story = ?", (g,))
        db.execute("DELETE FROM stories WHERE id = ?", (g,))
        db.execute("DELETE FROM story_members WHERE story = ?", (g,))
    only_joined = sid in had and not gone  # no merge: the article is all that changed
    _save(db, cl.stories[sid], now, (had[sid], vecs) if only_joined else None)
    db.executemany(
        "INSERT INTO story_terms VALUES (?, ?, 1) "
        "ON CONFLICT (channel, term) DO UPDATE SET df = story_terms.df + 1",
        [(c, t) for c in CHANNELS for t in sig.bags[c]],
    )
    _set_meta(db, "cluster_seen", cl.seen)
    _set_meta(db, "cluster_next", cl._next)
    return sid, gone


def story_of(db: sqlite3.Connection, article_id: str) -> int | None:
    """The story an article was clustered into, if any."""
    row = db.execute("SELECT story FROM story_members WHERE article = ?", (article_id,)).fetchone()
    return row[0] if row else None


ORDER = "ORDER BY ar.published_earliest IS NULL, ar.published_earliest, ar.seq"


def unclustered(db: sqlite3.Connection) -> list[str]:
    """Usable articles (status ok or duplicate) no story holds yet, in publication order
    (undated last, then in the order stored): the order `cluster_articles` feeds a feed in."""
    rows = db.execute(
        "SELECT ar.id FROM articles ar LEFT JOIN story_members m ON m.article = ar.id "
        f"WHERE m.article IS NULL AND ar.status IN ('ok', 'duplicate') {ORDER}")  # noqa: S608
    return [a for (a,) in rows]


def members(db: sqlite3.Connection, sid: int) -> tuple[int, list[str]] | None:
    """(revision, article ids in joining order) of a story, None when there is no such story."""
    row = db.execute("SELECT rev FROM stories WHERE id = ?", (sid,)).fetchone()
    if row is None:
        return None
    ids = [a for (a,) in db.execute(
        "SELECT article FROM story_members WHERE story = ? ORDER BY pos", (sid,))]  # fmt: skip
    return row[0], ids


def save_built(
    db: sqlite3.Connection, sid: int, built_from: int, data: str | None,
    counts: tuple[int, int, int], version: str,
) -> bool:
    """Store a story's built Story (JSON; None: the whole-store story is this one) if its
    membership is still the revision it was built from; False when it changed or went."""
    cur = db.execute(
        "UPDATE stories SET own = ?, built_rev = ?, events = ?, entities = ?, "
        "contradictions = ?, pipeline_version = ? WHERE id = ? AND rev = ?",
        (int(data is not None), built_from, *counts, version, sid, built_from),
    )
    if cur.rowcount != 1:
        return False
    db.execute("DELETE FROM story_built WHERE story = ?", (sid,))
    if data is not None:
        db.execute("INSERT INTO story_built VALUES (?, ?)", (sid, data))
    return True


def stale(db: sqlite3.Connection, version: str, own: bool) -> list[int]:
    """Stories whose built Story is missing, older than their articles or another version's;
    with `own`, also those standing for the whole-store story (several stories now)."""
    return sorted(s for (s,) in db.execute(  # sorted here: the scan reads only stories_state
        "SELECT id FROM stories WHERE built_rev IS NULL OR built_rev != rev "
        "OR pipeline_version IS NULL OR pipeline_version != ? OR (? = 1 AND own = 0)",
        (version, int(own))))  # fmt: skip


def touch_article(db: sqlite3.Connection, article_id: str) -> None:
    """An article stored anew (its analysis changed): its story must be built again."""
    db.execute(
        "UPDATE stories SET rev = rev + 1 WHERE id = "
        "(SELECT story FROM story_members WHERE article = ?)", (article_id,))  # fmt: skip
