"""Calendar arithmetic for TIMEX3 values: points of a granularity, shifts, values, intervals.

A `Point` is a calendar unit (a day, ISO week, month, quarter, half, season, year, decade or
century) named by its first day, so shifting and flooring are plain date arithmetic.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

# Granularities from fine to coarse.
GRANS = ("D", "W", "M", "S", "Q", "H", "Y", "E", "C")
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def add_months(d: date, n: int) -> date:
    """`d` moved by `n` calendar months, the day clamped to the month's length."""
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    if not 1 <= year <= 9999:
        raise ValueError("year out of range")
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def shift(d: date, n: float, unit: str) -> date:
    """`d` moved by `n` units (D, W, M, Q, H, Y, E, C; fractions of months become days)."""
    if unit == "D":
        return d + timedelta(days=round(n))
    if unit in ("W", "WE"):
        return d + timedelta(days=round(7 * n))
    months = {"M": 1, "Q": 3, "S": 3, "H": 6, "Y": 12, "E": 120, "C": 1200}[unit] * n
    whole = int(months)
    out = add_months(d, whole)
    return out + timedelta(days=round((months - whole) * 30))


@dataclass(frozen=True)
class Point:
    """A calendar unit of granularity `gran` starting on `start` (ordered by start)."""

    gran: str
    start: date

    def __lt__(self, other: Point) -> bool:
        return self.start < other.start

    @classmethod
    def of(cls, gran: str, d: date) -> Point:
        """The unit of granularity `gran` that contains day `d`."""
        return cls(gran, floor(gran, d))

    def shifted(self, n: float, unit: str) -> Point:
        return Point.of(self.gran, shift(self.start, n, unit))

    def coarsen(self, gran: str) -> Point:
        """The same point at a coarser granularity (never finer than it is)."""
        if GRANS.index(gran) <= GRANS.index(self.gran):
            return self
        return Point.of(gran, self.start)

    @property
    def end(self) -> date:
        return ceiling(self.gran, self.start)

    @property
    def value(self) -> str:
        return value_of(self.gran, self.start)


def floor(gran: str, d: date) -> date:
    """First day of the unit of granularity `gran` containing `d`."""
    if gran == "D":
        return d
    if gran == "W":
        return d - timedelta(days=d.weekday())
    if gran == "M":
        return d.replace(day=1)
    if gran == "Q":
        return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    if gran == "H":
        return date(d.year, 1 if d.month <= 6 else 7, 1)
    if gran == "S":
        first = 3 * (d.month // 3)  # Dec->12, Jan/Feb->0 (previous Dec)
        return date(d.year - 1, 12, 1) if first == 0 else date(d.year, first, 1)
    if gran == "Y":
        return date(d.year, 1, 1)
    if gran == "E":
        return date(max(1, d.year - d.year % 10), 1, 1)
    if gran == "C":
        return date(max(1, d.year - d.year % 100), 1, 1)
    raise ValueError(gran)


def ceiling(gran: str, start: date) -> date:
    """Last day of the unit of granularity `gran` starting on `start`."""
    if gran == "D":
        return start
    if gran == "W":
        return start + timedelta(days=6)
    months = {"M": 1, "Q": 3, "S": 3, "H": 6, "Y": 12, "E": 120, "C": 1200}[gran]
    try:
        return add_months(start, months) - timedelta(days=1)
    except ValueError:
        return date(9999, 12, 31)


def value_of(gran: str, start: date) -> str:
    """The TIMEX3 value of a calendar unit: 1998-02-13, 1998-W07, 1998-Q1, 1998-SU, 199, 19."""
    y = start.year
    if gran == "D":
        return start.isoformat()
    if gran == "W":
        iso = start.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    if gran == "M":
        return f"{y:04d}-{start.month:02d}"
    if gran == "Q":
        return f"{y:04d}-Q{(start.month - 1) // 3 + 1}"
    if gran == "H":
        return f"{y:04d}-H{1 if start.month <= 6 else 2}"
    if gran == "S":
        code = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}[start.month]
        return f"{y + (code == 'WI'):04d}-{code}"
    if gran == "Y":
        return f"{y:04d}"
    if gran == "E":
        return f"{y // 10:03d}"
    if gran == "C":
        return f"{y // 100:02d}"
    raise ValueError(gran)


def season(year: int, code: str) -> Point:
    """The season `code` (SP, SU, FA, WI) of `year`; winter of Y starts in December Y-1."""
    month = SEASON_START[code]
    return Point("S", date(year - 1 if code == "WI" else year, month, 1))


def narrow(point: Point, mod: str | None) -> tuple[date, date]:
    """The inclusive interval of `point`, narrowed to its first/middle/last third by `mod`."""
    start, end = point.start, point.end
    if mod not in ("START", "MID", "END"):
        return start, end
    third = (end - start).days // 3
    if mod == "START":
        return start, start + timedelta(days=third)
    if mod == "END":
        return end - timedelta(days=third), end
    return start + timedelta(days=third), end - timedelta(days=third)


def duration_value(amount: float | None, letter: str, time_unit: bool) -> str:
    """A TIMEX3 duration: P3Y, PT2H, P2Y6M for 2.5 years, PXM for a vague count."""
    prefix = "PT" if time_unit else "P"
    if amount is None:
        return f"{prefix}X{letter}"
    whole = int(amount)
    frac = amount - whole
    if letter == "WE":
        letter = "WE"
    if frac == 0:
        return f"{prefix}{whole}{letter}"
    smaller = {"Y": (12, "M", False), "M": (30, "D", False), "W": (7, "D", False),
               "D": (24, "H", True), "H": (60, "M", True), "M_T": (60, "S", True)}  # fmt: skip
    key = "M_T" if time_unit and letter == "M" else letter
    if key in smaller:
        factor, sub, sub_time = smaller[key]
        rest = round(frac * factor)
        head = f"{whole}{letter}" if whole else ""
        if sub_time and not time_unit:
            return f"P{head}T{rest}{sub}"
        return f"{prefix}{head}{rest}{sub}"
    return f"{prefix}{amount:g}{letter}"
