"""Article dating from the corpus, after analysis: what other articles of the story say.

Ingest dates each article from its own text only, so its date does not depend on which other
articles were read with it. Here, on every (re)build and over all the story's articles: ages
that dated articles pin, the wedding year the corpus agrees on (ingest/dating.py's corpus
rules), and the inversion of relative time expressions: an undated article's "fired on
Wednesday" that the story merged with a dated article's "fired on Wednesday, March 6" can only
have been written on the days for which "Wednesday" means March 6 (docs/time.md). An article
whose date changes has its time expressions re-read against the new date (one grammar:
nlp/time/tagger.reread) and its claims' times and bounds redrawn, before events are merged again.
"""

from __future__ import annotations

from datetime import date, timedelta

from storyline.ingest.dating import EARLIEST, NO_EVIDENCE, date_articles
from storyline.ingest.intervals import Constraint, DateSet
from storyline.model import (
    Article,
    ArticleAnalysis,
    Claim,
    Event,
    PublicationDate,
    TimeValue,
    Timex,
)
from storyline.nlp.time.anchoring import dct_bound
from storyline.nlp.time.tagger import reader, reread
from storyline.story import intervals as iv
from storyline.story.status import SPECULATIVE

# Stated dates (header, metadata, URL, dateline) are the reader's; only these are re-dated.
REDATED_METHODS = ("inferred", "unknown")
# How far from the event an article telling it by a relative expression is searched for: such
# expressions are read against the publication day and rarely reach further.
INVERSION_REACH = timedelta(days=3660)
_NO_DCT = "; no article date to bound it"


def redatable(a: Article) -> bool:
    """An article whose date nothing stated: the corpus may date it."""
    return a.status != "skipped" and (a.published is None or a.published.method in REDATED_METHODS)


def as_read(articles: list[Article], analyses: list[ArticleAnalysis]) -> None:
    """Give each article nothing stated a date for the date its analysis was read against
    (ingest's, from its own text): a stored story may have re-dated it, and every build
    must start from the same inputs."""
    read = {an.article: an.dct for an in analyses if an.dct is not None}
    for a in articles:
        if redatable(a) and a.id in read:
            a.published = read[a.id]


def date_from_story(
    articles: list[Article],
    analyses: list[ArticleAnalysis],
    events: list[Event],
    today: date | None,
) -> set[str]:
    """Date every article nothing stated a date for from the whole story (events from a first
    merge); re-read the time expressions, claims and quantities of each whose date changed.
    Returns the ids of the articles re-dated."""
    usable = [a for a in articles if a.status != "skipped"]
    todo = [a for a in usable if redatable(a)]
    if not todo:
        return set()
    by_id = {a.id: a for a in usable}
    analysis_of = {an.article: an for an in analyses}
    claims = {c.id: c for an in analyses for c in an.claims}
    last = today or date.today()
    extra = {a.id: inversions(a, analysis_of.get(a.id), events, claims, by_id, last) for a in todo}
    before = date_corpus(usable, today, extra)
    changed: set[str] = set()
    for a in todo:
        old, new = before[a.id], a.published
        if old is not None and new is not None and _same(old, new):
            if new.method == "unknown":
                a.published = old  # still nothing: the reason ingest gave stands
            continue  # the same days (the reasons may name other articles' facts)
        if old is not None and new is not None and old.method == "unknown" \
                and old.reason not in ("", NO_EVIDENCE):
            new.reason = f"{old.reason}; {new.reason}"  # a stated date refused stays said
        changed.add(a.id)
        if a.id in analysis_of:
            reanchor(a, analysis_of[a.id], old)
    return changed


def date_corpus(
    articles: list[Article], today: date | None, extra: dict[str, list[Constraint]] | None = None
) -> dict[str, PublicationDate | None]:
    """Date every article nothing stated a date for anew, from its text, the facts the other
    articles give (ages, the wedding year: ingest/dating.py) and `extra` constraints per id;
    returns the dates they had."""
    todo = [a for a in articles if redatable(a)]
    before = {a.id: a.published for a in todo}
    for a in todo:
        a.published = None
    date_articles([a for a in articles if a.status != "skipped"], today, extra)
    return before


def _same(a: TimeValue, b: TimeValue) -> bool:
    return (a.value, a.earliest, a.latest) == (b.value, b.earliest, b.latest)


def inversions(
    art: Article,
    analysis: ArticleAnalysis | None,
    events: list[Event],
    claims: dict[str, Claim],
    articles: dict[str, Article],
    last: date,
) -> list[Constraint]:
    """For each event this article tells with a relative time expression (anchored to its
    date) and articles with a stated date date: the publication days for which that
    expression means the event's date, with the reason."""
    if analysis is None:
        return []
    out: list[Constraint] = []
    for ev in events:
        mine = [claims[cid] for cid in ev.claims if cid in claims and claims[cid].article == art.id]
        told = _told_elsewhere(ev, art.id, claims, articles) if mine else None
        if told is None:
            continue
        window, where = told
        tensed: Constraint | None = None
        for c in mine:
            what = art.raw[c.trigger[0] : c.trigger[1]] if c.trigger else ev.predicate or ev.type
            tx = governing(c, analysis.timexes, art.raw)
            if tx is None:
                tensed = tensed or _tense_bound(c, what, window, where, last)
                continue
            if tx.anchor == "event":
                continue
            allowed = _publication_days(art.content, tx, window, last)
            if not allowed:
                continue
            why = f"'{tx.text}' = the {what} event of {iv.value_for(window)} told in {where}"
            out.append(Constraint(allowed, why, 2))
        if tensed is not None:
            out.append(tensed)
    return out


def _tense_bound(
    c: Claim, what: str, window: iv.Interval, where: str, last: date
) -> Constraint | None:
    """A claim with no time expression told as done (its relation to the article's date
    BEFORE) was written on or after the event's first day; told as ahead (AFTER), on or before
    its last. A likelihood (strength 1): the tense is read off the parse, and a speculation's
    past is often the verb above it."""
    if window.earliest is None or window.latest is None:
        return None
    if c.dct_relation == "BEFORE" and c.mention.certainty not in SPECULATIVE:
        why = (f"'{what}' told as done: the {what} event of {iv.value_for(window)} told in "
               f"{where} was before it was written")
        return Constraint(DateSet.between(window.earliest, last), why, 1)
    if c.dct_relation == "AFTER":
        why = (f"'{what}' told as ahead: the {what} event of {iv.value_for(window)} told in "
               f"{where} was after it was written")
        return Constraint(DateSet.between(EARLIEST, window.latest), why, 1)
    return None


def _told_elsewhere(
    ev: Event, article_id: str, claims: dict[str, Claim], articles: dict[str, Article]
) -> tuple[iv.Interval, str] | None:
    """The event's date as articles with a stated date tell it (their dated claims agreeing),
    and which articles: None when none dates it, or they disagree."""
    window = iv.Interval()
    sources: list[str] = []
    for cid in ev.claims:
        c = claims.get(cid)
        a = articles.get(c.article) if c is not None else None
        if c is None or a is None or c.article == article_id or not iv.dated(c.time):
            continue
        if redatable(a) or a.published is None or a.published.earliest is None:
            continue
        window = window.intersect(iv.of(c.time))
        if window.empty:
            return None
        shown = a.title or a.path
        if shown not in sources:
            sources.append(shown)
    if not sources or window.earliest is None or window.latest is None:
        return None
    return window, ", ".join(sources)


def governing(c: Claim, timexes: list[Timex], content: str) -> Timex | None:
    """The time expression a claim took its time from: the one with its text in its sentence,
    else (a time carried from an earlier sentence, nlp/time/reference.py) the article's one
    with its text and value."""
    if c.time_text is None or c.time is None:
        return None
    for tx in timexes:
        inside = c.mention.start <= tx.start < c.mention.end
        if inside and content[tx.start : tx.end] == c.time_text:
            return tx
    for tx in timexes:
        if tx.value == c.time.value and content[tx.start : tx.end] == c.time_text:
            return tx
    return None


def _publication_days(content: str, tx: Timex, window: iv.Interval, last: date) -> DateSet:
    """The days d for which `tx`, read in an article of day d, overlaps `window`."""
    read = reader(content, tx)
    if read is None or window.earliest is None or window.latest is None:
        return DateSet()
    first = max(EARLIEST, window.earliest - INVERSION_REACH)
    end = min(last, window.latest + INVERSION_REACH)
    kept: list[tuple[date, date]] = []
    day = first
    while day <= end:
        got = read(day)
        if got is not None and got.anchor != "dct":
            return DateSet()  # read the same on any day: it says nothing of the article's date
        if got is not None and got.earliest is not None and got.latest is not None \
                and iv.Interval(got.earliest, got.latest).overlaps(window):
            kept.append((day, day))
        day += timedelta(days=1)
    return DateSet.union(kept)


def reanchor(art: Article, analysis: ArticleAnalysis, old: PublicationDate | None) -> None:
    """Re-read an article's time expressions against its new date and redraw its claims' times
    and bounds and its quantities' dates (the ones its old date gave)."""
    new = art.published
    before = analysis.timexes
    analysis.timexes = reread(art.content, before, new)
    now = {t.start: t for t in analysis.timexes}
    for c in analysis.claims:
        tx = governing(c, before, art.raw)
        if tx is not None and tx.start in now:
            t = now[tx.start]
            c.time = TimeValue(t.value, t.earliest, t.latest)
            continue
        relation = c.dct_relation or _relation_of(c.time_bound)
        if c.time is None and relation in ("BEFORE", "AFTER"):
            c.time_bound = dct_bound(relation, new)
            if c.time_reason and c.time_bound is not None:
                c.time_reason = c.time_reason.removesuffix(_NO_DCT)
    for q in analysis.quantities:
        if q.at is None:
            continue
        if old is not None and new is not None and _same(q.at, old):
            q.at = TimeValue(new.value, new.earliest, new.latest)
            continue
        # else it was read off a date of its sentence ("on August 4 ... 11th anniversary")
        alike = [t for t in before if _same(t, q.at) and t.start in now]
        if alike:
            t = now[min(alike, key=lambda t: abs(t.start - q.start)).start]
            q.at = TimeValue(t.value, t.earliest, t.latest)


def _relation_of(bound: TimeValue | None) -> str | None:
    """The relation an older stored bound was drawn from (before Claim.dct_relation)."""
    if bound is None:
        return None
    return {"PAST_REF": "BEFORE", "FUTURE_REF": "AFTER"}.get(bound.value)
