"""Light date vocabulary and patterns shared by cleaning and dating (no NLP, no dateparser)."""

from __future__ import annotations

import re
from datetime import date

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
MONTH = rf"(?P<month>(?:{_MONTH_ALT})\.?)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d{2})"

# "February 23, 2024", "Feb. 23 2024", "23 February 2024", "2024-02-23"
FULL_DATE = re.compile(
    rf"(?i)\b(?:{MONTH}\s+{DAY},?\s+{YEAR}"
    rf"|(?P<day2>[0-3]?\d)\s+(?P<month2>(?:{_MONTH_ALT})\.?)\s+(?P<year2>(?:19|20)\d{{2}})"
    r"|(?P<iso>(?:19|20)\d{2}-[01]\d-[0-3]\d))\b"
)


def month_number(word: str) -> int | None:
    """1..12 for a month name or abbreviation ("Sept.", "june"), else None."""
    return MONTHS.get(word.lower().rstrip("."))


def make_date(year: int, month: int, day: int) -> date | None:
    """A date, or None when the parts do not form one."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def full_date(m: re.Match[str]) -> date | None:
    """The date a FULL_DATE match names."""
    if m.group("iso"):
        return _iso(m.group("iso"))
    if m.group("month"):
        month = month_number(m.group("month"))
        return make_date(int(m.group("year")), month, int(m.group("day"))) if month else None
    month = month_number(m.group("month2"))
    return make_date(int(m.group("year2")), month, int(m.group("day2"))) if month else None


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
    m = FULL_DATE.search(text)
    return full_date(m) if m else None


_PARTIAL = re.compile(
    rf"(?i)^(?:(?P<year>(?:19|20)\d{{2}})(?:-(?P<mm>[01]\d))?|{MONTH},?\s+(?P<y2>(?:19|20)\d{{2}}))$"
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
