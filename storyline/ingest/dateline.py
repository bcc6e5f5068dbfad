"""Datelines and dated bylines: the line where a page states its own publication date.

"Feb. 23 2024, Published 1:19 p.m. ET", "By Jane Roe, Fjord Post, June 3, 2025",
"Updated: 03/12/2024", "12 March 2024 | 10:41". Numeric dates like 03/12/2024 are read
month-first only with a US hint or when a part above 12 decides; otherwise both readings stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlparse

from storyline.ingest.datetext import make_date, month_number
from storyline.ingest.wordset import wordset
from storyline.nlp.time.tagger import stated_days

_CLOCK = re.compile(r"(?i)\b\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?=\W|$)")
_US_ZONES = wordset("et est edt ct cst cdt mt mst mdt pt pst pdt akst hst")
DATELINE_WORDS = (
    wordset(
        "published updated posted last first on at gmt utc bst cet cest aest ist sast date"
        " monday tuesday wednesday thursday friday saturday sunday"
        " mon tue tues wed thu thur thurs fri sat sun"
    )
    | _US_ZONES
)
NUMERIC_DATE = re.compile(r"(?<![\d/.])([0-3]?\d)([/.])([0-3]?\d)\2((?:19|20)\d{2})(?![\d/])")
# Year first is never ambiguous: "2019/01/08", "2018-12-31 17:34".
YEAR_FIRST_DATE = re.compile(r"(?<![\d/.-])((?:19|20)\d{2})([/.-])([01]?\d)\2([0-3]?\d)(?![\d/])")
# "By Jane Roe", "By JANE ROE and Tom Vik": a line that names the writer.
BYLINE_START = re.compile(r"^(?:By|BY|by)[:\s]+[A-Z][\w.'’-]+")
_DAY_FIRST_HOSTS = (".uk", ".ie", ".au", ".nz", ".in", ".za", ".eu", ".de", ".fr", ".no", ".nl")
MAX_LINE = 120


@dataclass(frozen=True)
class Dateline:
    """A dateline's span in the text, the days it can mean, and how it was read."""

    start: int
    end: int
    earliest: date
    latest: date
    note: str = ""  # how an ambiguous numeric date was read, in words


def date_order(line: str, url: str | None) -> str:
    """ "mdy" when the line or URL suggests a US outlet, "dmy" for day-first countries, else ""."""
    if _US_ZONES & set(re.findall(r"[a-z]+", line.lower())):
        return "mdy"
    host = (urlparse(url).hostname or "") if url else ""
    if host.endswith(".us") or re.search(r"/us(?:-news)?/", url or ""):
        return "mdy"
    if host.endswith(_DAY_FIRST_HOSTS):
        return "dmy"
    return ""


def read_numeric(m: re.Match[str], order: str) -> tuple[date, date, str] | None:
    """The days a numeric date like 03/12/2024 can mean, with a note when it is ambiguous."""
    a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
    mdy, dmy = make_date(year, a, b), make_date(year, b, a)
    if mdy and dmy and mdy != dmy:
        if order == "mdy":
            return mdy, mdy, "read month first (US outlet)"
        if order == "dmy":
            return dmy, dmy, "read day first (outlet outside the US)"
        first, last = sorted((mdy, dmy))
        note = (
            f"{m.group()} is {mdy.isoformat()} read month first or {dmy.isoformat()} read day "
            "first; nothing says which, so the range covers both"
        )
        return first, last, note
    day = mdy or dmy
    return (day, day, "") if day else None


_PUBLISHED_WORD = re.compile(r"(?i)\b(?:published|posted|first\s+published)\b\W*$")


def _dated(text: str, order: str) -> tuple[int, int, date, date, str] | None:
    """The line's publication date: the one after "Published"/"Posted" when it names several
    ("Published Nov. 18, 2023 | Updated May 13, 2024"), else the first full or numeric date:
    (start, end, earliest, latest, note)."""
    fulls = stated_days(text)  # the time grammar's full dates (storyline/nlp/time)
    for t, day in fulls:
        if _PUBLISHED_WORD.search(text, 0, t.start):
            return t.start, t.end, day, day, ""
    if fulls:
        t, day = fulls[0]
        return t.start, t.end, day, day, ""
    y = YEAR_FIRST_DATE.search(text)
    if y and (day := make_date(int(y.group(1)), int(y.group(3)), int(y.group(4)))):
        return y.start(), y.end(), day, day, ""
    n = NUMERIC_DATE.search(text)
    if n and (read := read_numeric(n, order)):
        return n.start(), n.end(), *read
    return None


def is_byline(line: str) -> bool:
    """ "By Jane Roe, Fjord Post, ..." and not a sentence ("By March 3, 2024, the ferry ...")."""
    m = BYLINE_START.match(line)
    if not m or len(line.split()) > 16 or line.endswith((".", "!", "?")):
        return False
    word = m.group().split()[-1].lower()
    return month_number(word) is None and word not in DATELINE_WORDS


def _only_date_words(text: str, start: int, end: int) -> bool:
    rest = text[:start] + " " + text[end:]
    for t, _ in reversed(stated_days(rest)):  # "| Updated May 13, 2024"
        rest = rest[: t.start] + " " + rest[t.end :]
    rest = NUMERIC_DATE.sub(" ", rest)
    rest = YEAR_FIRST_DATE.sub(" ", rest)
    rest = _CLOCK.sub(" ", rest)
    return all(w in DATELINE_WORDS for w in re.findall(r"[^\W\d_]+", rest.lower()))


def find_dateline(content: str, url: str | None = None, max_lines: int = 10) -> Dateline | None:
    """A short line near the top that only states a date (and maybe a time and "Published"),
    or a byline carrying a date anywhere ("By Jane Roe, Fjord Post, June 3, 2025")."""
    seen = 0
    pos = 0
    for line in content.split("\n"):
        stripped = line.strip()
        start = pos + len(line) - len(line.lstrip())
        pos += len(line) + 1
        if not stripped or len(stripped) > MAX_LINE:
            seen += bool(stripped)
            continue
        seen += 1
        byline = is_byline(stripped)
        if seen > max_lines and not byline:
            continue
        found = _dated(stripped, date_order(stripped, url))
        if found is None:
            continue
        s, e, first, last, note = found
        short = len(stripped.split()) <= 12
        if byline or (short and _only_date_words(stripped, s, e)) or (
            short and _PUBLISHED_WORD.search(stripped, 0, s)  # "Legal Spotlight - POSTED: ..."
        ):
            return Dateline(start, start + len(stripped), first, last, note)
    return None
