"""Read input paths into Articles: walk folders, decode, parse formats, clean, date, dedupe.

Nothing an input can contain makes this raise: unusable inputs become Articles with
status "skipped" and a problem in words, so the report can list every input.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from storyline.dates import covering_value
from storyline.ingest.blank import Blanker
from storyline.ingest.clean import clean
from storyline.ingest.dateline import Dateline, find_dateline, is_byline
from storyline.ingest.datetext import parse_date_string, parse_partial_date
from storyline.ingest.dating import date_articles, known_date
from storyline.ingest.decode import decode
from storyline.ingest.dedupe import mark_duplicates
from storyline.ingest.formats import SUFFIXES, Record, read_records, sniff_format
from storyline.ingest.header import parse_header
from storyline.ingest.html import read_html
from storyline.ingest.language import english_ratio
from storyline.ingest.outlet import cited_outlets, outlet_from_copyright, outlet_from_url
from storyline.model import Article, PublicationDate
from storyline.settings import Settings

_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]([01]?\d)[/-]([0-3]?\d)(?:/|[-_]|$)")


def article_id(raw: str | bytes) -> str:
    """Stable id: "a" + the first 10 hex digits of sha256 of the raw text."""
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    return "a" + hashlib.sha256(data).hexdigest()[:10]


def shown_path(path: str | Path) -> str:
    """A path as text that can always be stored and printed: bytes of a file name that are not
    valid UTF-8 (kept by Python as lone surrogates) are shown as \\xNN escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


# (path as reported, file, found by walking a folder, problem when it is not read)
Found = tuple[str, Path, bool, str | None]


def _walk(paths: list[str]) -> Iterator[Found]:
    """Every input, folders walked in name order. Only regular files are read; what is not
    (hidden names, links that loop or dangle, links to folders, FIFOs, devices, folders that
    cannot be listed) comes back with the reason, so nothing is dropped silently."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk_folder(path)
        else:
            yield shown_path(given), path, False, None


def _walk_folder(folder: Path) -> Iterator[Found]:
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: os.fsencode(e.name))
    except OSError as e:
        yield shown_path(folder), folder, True, f"unreadable folder: {e.strerror or e}"
        return
    for entry in entries:
        f = Path(entry.path)
        shown = shown_path(f)
        if entry.name.startswith("."):
            yield shown, f, True, "hidden (name starts with '.')"
            continue
        if entry.is_symlink():
            problem = _link_problem(f)
            if problem:
                yield shown, f, True, problem
                continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError as e:
            yield shown, f, True, f"unreadable: {e.strerror or e}"
            continue
        if is_dir:
            yield from _walk_folder(f)
        else:
            yield shown, f, True, None


def _stat(path: Path, missing: str, unreadable: str) -> tuple[os.stat_result | None, str | None]:
    """`path.stat()` (following links), or None and why not, in the caller's words."""
    try:
        return path.stat(), None
    except OSError as e:
        if e.errno == errno.ELOOP:
            return None, "symbolic link loop"
        if e.errno == errno.ENOENT:
            return None, missing
        return None, f"{unreadable}: {e.strerror or e}"


def _link_problem(link: Path) -> str | None:
    """Why a symbolic link is not followed, or None for a link to a file."""
    st, problem = _stat(link, "dangling symbolic link (its target does not exist)",
                        "unreadable symbolic link")
    if st is not None and stat.S_ISDIR(st.st_mode):
        return "symbolic link to a folder (not followed: it could loop)"
    return problem


def _not_regular(path: Path) -> str | None:
    """Why `path` is not read (only regular files are: a FIFO blocks, /dev/zero never ends)."""
    st, problem = _stat(path, "no such file or folder", "unreadable")
    if st is None or stat.S_ISREG(st.st_mode):
        return problem
    kind = ("a folder" if stat.S_ISDIR(st.st_mode) else "a FIFO" if stat.S_ISFIFO(st.st_mode)
            else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
            else "a socket" if stat.S_ISSOCK(st.st_mode) else "not a file")  # fmt: skip
    return f"not a regular file ({kind})"


def _read_bounded(path: Path, limit: int) -> bytes | None:
    """The file's bytes, or None when it holds more than `limit` (never reads past limit+1)."""
    with path.open("rb") as f:
        data = f.read(limit + 1)
    return None if len(data) > limit else data


def _skipped(path: str, problem: str, data: bytes = b"", fmt: str = "txt") -> Article:
    return Article(
        id=article_id(data or path.encode()), path=path, status="skipped", problem=problem,
        format=fmt,
    )  # fmt: skip


def _read_file(shown: str, path: Path, walked: bool, settings: Settings) -> list[Article]:
    fmt = SUFFIXES.get(path.suffix.lower())
    if walked and fmt is None:
        return [_skipped(shown, f"not an article file type ({path.suffix or 'no suffix'})")]
    problem = _not_regular(path)
    if problem:
        return [_skipped(shown, problem)]
    try:
        size = path.stat().st_size
        data = _read_bounded(path, settings.max_bytes) if size <= settings.max_bytes else None
        if data is None:  # the size may have grown since stat: the read stops at the limit
            shown_size = f"{size} bytes" if size > settings.max_bytes else "more bytes"
            return [_skipped(shown, f"too large: {shown_size} (limit {settings.max_bytes})")]
    except OSError as e:
        return [_skipped(shown, f"unreadable: {e.strerror or e}")]
    if not data.strip():
        return [_skipped(shown, "empty file", data)]
    text, problem = decode(data)
    if text is None:
        return [_skipped(shown, problem or "not text", data)]
    sniffed = sniff_format(text)
    fmt = "html" if sniffed == "html" and fmt in (None, "txt") else fmt or sniffed
    if fmt in ("json", "jsonl"):
        return [_from_record(r, settings) for r in read_records(text, shown, fmt)]
    return [_from_text(shown, text, fmt, settings)]


def _from_record(record: Record, settings: Settings) -> Article:
    if record.problem:
        return _skipped(record.path, record.problem, fmt="json")
    art = Article(id=article_id(record.text), path=record.path, format="json", raw=record.text)
    art.url = record.url
    art.title = record.title
    if record.outlet:
        art.outlet, art.outlet_method = record.outlet, "json"
    found = parse_date_string(record.published) if record.published else None
    said = f"the record's published field {record.published!r}"
    if found:
        art.published = known_date(found, "json", said)
    elif record.published and (span := parse_partial_date(record.published)):
        value = covering_value(*span)
        art.published = PublicationDate(value, span[0], span[1], "json", said)
    return _finish(art, Blanker(record.text), settings)


def _from_text(path: str, raw: str, fmt: str, settings: Settings) -> Article:
    art = Article(id=article_id(raw), path=path, format=fmt, raw=raw)
    if fmt == "html":
        page = read_html(raw)
        blanker = page.blanker or Blanker(raw)
        art.title, art.url = page.title, page.url
        if page.site_name:
            art.outlet, art.outlet_method = page.site_name, "html"
        if page.published:
            art.published = known_date(
                page.published, "html", "the page's date metadata (htmldate)"
            )
        return _finish(art, blanker, settings)
    blanker = Blanker(raw)
    header = parse_header(raw)
    if header:
        blanker.blank(0, header.end, "header")
        if header.outlet:
            art.outlet, art.outlet_method = header.outlet, "header"
        if header.published:
            line = raw[: header.end].strip()
            art.published = known_date(header.published, "header", f"header line {line!r}")
    return _finish(art, blanker, settings)


def _url_date(url: str | None) -> date | None:
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _dateline_date(raw: str, found: Dateline) -> PublicationDate:
    """The publication date a dateline or dated byline states, quoting the line."""
    line = raw[found.start : found.end]
    kind = "byline" if is_byline(line) else "dateline"
    if found.earliest == found.latest:
        reason = f"the {kind} {line!r}" + (f" ({found.note})" if found.note else "")
        return known_date(found.earliest, "text", reason)
    value = covering_value(found.earliest, found.latest)
    reason = f"the {kind} {line!r}: {found.note}"
    return PublicationDate(value, found.earliest, found.latest, "text", reason)


def _finish(art: Article, blanker: Blanker, settings: Settings) -> Article:
    """Clean, then fill what metadata did not give: title, outlet from URL, date from URL/text."""
    dateline = find_dateline(blanker.content, art.url)
    page = clean(blanker, art.title)
    art.content = blanker.content
    art.removed = blanker.removed()
    art.title = art.title or page.title
    if art.outlet is None and art.url:
        art.outlet, art.outlet_method = outlet_from_url(art.url), "url"
    for r in art.removed if art.outlet is None else []:
        if r.kind == "copyright" and (name := outlet_from_copyright(art.raw[r.start : r.end])):
            art.outlet, art.outlet_method = name, "text"
            break
    if art.published is None and (found := _url_date(art.url)):
        art.published = known_date(found, "url", f"the date in the URL {art.url}")
    if art.published is None and dateline:
        art.published = _dateline_date(art.raw, dateline)
    art.cited_outlets = cited_outlets(art.content, art.outlet)
    if not art.content.strip():
        art.status, art.problem = "skipped", "no article text left after removing page furniture"
        return art
    ratio, lang = english_ratio(art.content)
    art.language = lang
    if ratio < settings.min_english_ratio:
        art.status = "skipped"
        art.problem = (
            f"not English (looks like {lang}: {ratio:.0%} of common function words are English)"
        )
    return art


def _unique_ids(articles: list[Article]) -> None:
    """Identical inputs get the same hash: make later ones unique by mixing in their path."""
    seen: set[str] = set()
    for art in articles:
        if art.id in seen:
            art.id = article_id(f"{art.path}\0{art.raw}")
        seen.add(art.id)


def walk(paths: list[str]) -> list[Found]:
    """Every input file (folders walked in name order), with why it cannot be read, if so."""
    return list(_walk(paths))


def read_articles(paths: list[str], settings: Settings) -> list[Article]:
    """Every input (file, folder, JSON record) as an Article, in input order, dated and deduped."""
    articles = read_found(walk(paths), settings)
    finish_batch(articles, settings)
    return articles


def finish_batch(articles: list[Article], settings: Settings) -> None:
    """What needs every input of a read: unique ids, then duplicates marked among them."""
    _unique_ids(articles)
    mark_duplicates([a for a in articles if a.status == "ok"], settings)


def read_found(found: list[Found], settings: Settings) -> list[Article]:
    """Walked inputs as Articles, each dated from its own text: the part of `read_articles`
    that needs no other input (a Ray worker reads a chunk of files with it)."""
    articles: list[Article] = []
    for shown, path, walked, problem in found:
        if problem:
            articles.append(_skipped(shown, problem))
            continue
        try:
            articles.extend(_read_file(shown, path, walked, settings))
        except Exception as e:  # noqa: BLE001 - one bad input must not stop the build
            articles.append(_skipped(shown, f"could not be read: {type(e).__name__}: {e}"))
    usable = [a for a in articles if a.status == "ok"]
    for art in usable:  # each from its own text: what other articles say is the story stage's
        try:
            date_articles([art], settings.today)
        except Exception as e:  # noqa: BLE001 - a dating bug must not lose the article
            if art.published is None:
                art.published = PublicationDate(
                    "XXXX", method="unknown", reason=f"dating failed: {e}"
                )
    return articles
