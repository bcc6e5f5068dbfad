"""Date vocabulary and metadata dates shared by cleaning and dating; full dates in text are
read by the one time grammar (storyline/nlp/time), not by patterns of their own here."""

from __future__ import annotations

import re
from datetime import date

from storyline.nlp.time.lexicon import MONTHS as TIME_MONTHS
from storyline.nlp.time.lexicon import WEEKDAYS as TIME_WEEKDAYS
from storyline.nlp.time.tagger import stated_days

# One lexicon: the time grammar's (storyline/nlp/time/lexicon.py).
MONTHS: dict[str, int] = dict(TIME_MONTHS)
WEEKDAYS: dict[str, int] = {w: n - 1 for w, n in TIME_WEEKDAYS.items() if w.endswith("day")}


def month_number(word: str) -> int | None:
    """1..12 for a month name or abbreviation ("Sept.", "june"), else None."""
    return MONTHS.get(word.lower().rstrip("."))


def make_date(year: int, month: int, day: int) -> date | None:
    """A date, or None when the parts do not form one."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _iso(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_date_string(text: str) -> date | None:
    """A date from metadata strings: ISO date/datetime or "March 12, 2025"."""
    text = text.strip()
    found = _iso(text[:10])
    if found:
        return found
    found = stated_days(text)  # the time grammar's full dates (storyline/nlp/time)
    return found[0][1] if found else None


_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_PARTIAL = re.compile(
    rf"(?i)^(?:(?P<year>(?:19|20)\d{{2}})(?:-(?P<mm>[01]\d))?"
    rf"|(?P<month>(?:{_MONTH_ALT})\.?),?\s+(?P<y2>(?:19|20)\d{{2}}))$"
)


def parse_partial_date(text: str) -> tuple[date, date] | None:
    """The days a month or year from metadata covers ("2024-02", "February 2024", "2024")."""
    m = _PARTIAL.match(text.strip())
    if not m:
        return None
    if m.group("y2"):
        year, month = int(m.group("y2")), month_number(m.group("month"))
    else:
        year, month = int(m.group("year")), int(m.group("mm")) if m.group("mm") else None
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if not 1 <= month <= 12:
        return None
    last = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, 1), date.fromordinal(last.toordinal() - 1)
