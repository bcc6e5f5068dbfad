"""Inclusive date intervals for comparing TimeValues: "2012" and "2012-08-04" overlap, June and
August do not. Open ends are None (unknown), so an interval with no ends overlaps everything."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from storyline.dates import covering_value
from storyline.model import TimeValue

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Interval:
    """An inclusive [earliest, latest] date interval; None means open on that side."""

    earliest: date | None = None
    latest: date | None = None

    @property
    def empty(self) -> bool:
        return self.earliest is not None and self.latest is not None and self.earliest > self.latest

    @property
    def bounded(self) -> bool:
        return self.earliest is not None or self.latest is not None

    @property
    def width(self) -> int:
        """Days covered; open intervals count as very wide so specific ones sort first."""
        if self.earliest is None or self.latest is None:
            return 10**6 if self.bounded else 10**7
        return (self.latest - self.earliest).days + 1

    def overlaps(self, other: Interval) -> bool:
        return not self.intersect(other).empty

    def intersect(self, other: Interval) -> Interval:
        lo = _max(self.earliest, other.earliest)
        hi = _min(self.latest, other.latest)
        return Interval(lo, hi)

    def contains(self, other: Interval) -> bool:
        lo_ok = self.earliest is None or (
            other.earliest is not None and other.earliest >= self.earliest)
        hi_ok = self.latest is None or (other.latest is not None and other.latest <= self.latest)
        return lo_ok and hi_ok

    def before(self, other: Interval) -> bool:
        """Entirely before `other` (ends before it starts)."""
        return (self.latest is not None and other.earliest is not None
                and self.latest < other.earliest)


def _max(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else max(a, b)


def _min(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else min(a, b)


def of(tv: TimeValue | None) -> Interval:
    """The interval a TimeValue covers (open when unknown)."""
    if tv is None:
        return Interval()
    if tv.earliest is None and tv.latest is None:
        parsed = parse(tv.value) if tv.value else None
        return parsed or Interval()
    return Interval(tv.earliest, tv.latest)


def dated(tv: TimeValue | None) -> bool:
    """The text dated it: a real date or period, not a vague PAST_REF / PRESENT_REF."""
    return tv is not None and not tv.value.endswith("_REF") and of(tv).bounded


def only_bound(tv: TimeValue | None) -> bool:
    """A one-sided bound from an article's date ("before 2024-06-04", `merge.bound_time`), not
    a date the text gave: an undated event that knows only which side of a day it lies on."""
    return tv is not None and tv.value.startswith(("before ", "after ")) and (
        of(tv) == parse_bound(tv.value))


def real(tv: TimeValue | None) -> Interval:
    """The interval a time covers when the text dated it; a bare bound (`only_bound`) covers
    nothing here, so states and contradictions are not built on it."""
    return Interval() if only_bound(tv) else of(tv)


def real_time(tv: TimeValue | None) -> TimeValue | None:
    """The time itself unless it is a bare bound."""
    return None if only_bound(tv) else tv


def parse(text: str) -> Interval | None:
    """A TIMEX-ish date ("2023", "2023-09", "2023-09-01") as an interval; None if not one."""
    m = _DATE.match(text.strip())
    if not m:
        return None
    year = int(m.group(1))
    if m.group(3):
        d = date(year, int(m.group(2)), int(m.group(3)))
        return Interval(d, d)
    if m.group(2):
        month = int(m.group(2))
        last = calendar.monthrange(year, month)[1]
        return Interval(date(year, month, 1), date(year, month, last))
    return Interval(date(year, 1, 1), date(year, 12, 31))


def value_for(iv: Interval) -> str:
    """A TIMEX-style value for an interval: a day, a whole month, a whole year, or a range."""
    lo, hi = iv.earliest, iv.latest
    if lo is None and hi is None:
        return "UNKNOWN"
    if lo is None:
        return f"before {hi.isoformat()}"  # type: ignore[union-attr]
    if hi is None:
        return f"after {lo.isoformat()}"
    if lo == hi:
        return lo.isoformat()
    if lo.day == 1 and (lo.year, lo.month) == (hi.year, hi.month) and \
            hi.day == calendar.monthrange(hi.year, hi.month)[1]:
        return f"{lo.year:04d}-{lo.month:02d}"
    if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) and lo.year == hi.year:
        return f"{lo.year:04d}"
    return f"{lo.isoformat()}/{hi.isoformat()}"


_YEARLESS = re.compile(r"^XXXX-(\d{2})(?:-(\d{2}))?$")


def fit_value(value: str, own: Interval, window: Interval) -> str:
    """`value` (covering `own`) made as precise as a narrower `window` allows: "XXXX-08-20"
    inside 2024-08-20..2024-08-27 is "2024-08-20"; "202" inside August 2024 is "2024-08". A
    calendar value ("2023-08") keeps the text's precision while its window narrows."""
    if window.earliest is None or window.latest is None or window == own:
        return value
    m = _YEARLESS.match(value)
    if m:
        month, day = int(m.group(1)), int(m.group(2) or 0)
        years = range(window.earliest.year, window.latest.year + 1)
        inside = [y for y in years if Interval(*_yearless_span(y, month, day)).overlaps(window)]
        if len(inside) != 1:
            return value
        lo, hi = _yearless_span(inside[0], month, day)
        return value_for(Interval(max(lo, window.earliest), min(hi, window.latest)))
    exact = parse(value)
    if exact is not None:
        return value if exact.contains(window) else value_for(window)
    if own.bounded and not own.contains(window):
        return value_for(window)
    return covering_value(window.earliest, window.latest)


def parse_bound(text: str) -> Interval | None:
    """ "before 2024-04-30" / "after 2024-04-01" (as `value_for` writes them) as intervals."""
    side, _, day = text.partition(" ")
    try:
        d = date.fromisoformat(day)
    except ValueError:
        return None
    return Interval(None, d) if side == "before" else Interval(d, None) if side == "after" else None


def _yearless_span(year: int, month: int, day: int) -> tuple[date, date]:
    if day:
        try:
            d = date(year, month, day)
        except ValueError:
            d = date(year, month, 28)
        return d, d
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def yearless(value: str | None) -> bool:
    """A TIMEX3 value whose year is unknown: "XXXX-08-20", "XXXX-08"."""
    return bool(value) and _YEARLESS.match(value or "") is not None


_WEEKDAY_VALUE = re.compile(r"^XXXX-WXX-([1-7])$")


def names_a_day_of(tv: TimeValue | None, window: Interval) -> bool:
    """A value of unknown year names a day of a narrow `window`: "XXXX-WXX-3" (a Wednesday) one
    of a week holding a Wednesday, "XXXX-03-06" or "XXXX-03" one of a year holding that day or
    month. An undated article's "fired on Wednesday" can so tell a dated "fired on March 6"."""
    if tv is None or window.earliest is None or window.latest is None:
        return False
    width = (window.latest - window.earliest).days + 1
    m = _WEEKDAY_VALUE.match(tv.value)
    if m:
        wd = int(m.group(1))
        days = (date.fromordinal(window.earliest.toordinal() + k) for k in range(min(width, 7)))
        return width <= 7 and any(d.isoweekday() == wd for d in days)
    m = _YEARLESS.match(tv.value)
    if not m or width > 366:
        return False
    month, day = int(m.group(1)), int(m.group(2) or 0)
    years = range(window.earliest.year, window.latest.year + 1)
    return any(Interval(*_yearless_span(y, month, day)).overlaps(window) for y in years)


def honest(tv: TimeValue | None) -> TimeValue | None:
    """`tv` without bounds that are no date of it: a day of unknown year ("XXXX-08-20") keeps
    its bounds only when they fall in one year (else they only span the candidate years)."""
    if tv is None or not yearless(tv.value):
        return tv
    lo, hi = tv.earliest, tv.latest
    if lo is not None and hi is not None and lo.year == hi.year:
        return tv
    return TimeValue(tv.value, None, None)


def describe(tv: TimeValue | None) -> str:
    """How a time reads in a report (Markdown and HTML alike): its value, plus the interval
    when that is tighter; an unknown year says so, a one-sided bound reads "before"/"after"."""
    if tv is None:
        return "undated"
    iv = of(tv)
    if yearless(tv.value) and not (
        iv.earliest is not None and iv.latest is not None and iv.earliest.year == iv.latest.year
    ):
        return f"{tv.value} (year unknown)"
    if only_bound(tv):
        return tv.value
    exact = parse(tv.value) if tv.value else None
    if exact is not None and exact == iv:
        return tv.value
    if not iv.bounded:
        return tv.value or "undated"
    lo = iv.earliest.isoformat() if iv.earliest else None
    hi = iv.latest.isoformat() if iv.latest else None
    span = f"{lo}..{hi}" if lo and hi else f"before {hi}" if hi else f"after {lo}"
    if exact is None and tv.value and not tv.value.endswith("_REF") and "/" not in tv.value:
        return f"{tv.value} ({span})"
    if exact is not None and (iv.earliest is None or iv.earliest >= exact.earliest) and (
            iv.latest is None or iv.latest <= exact.latest):  # an open side stays in the value
        return f"{tv.value} (narrowed to {span})"
    return span  # wider than its value: "15 months later" after "in 2014" is not all 2015
