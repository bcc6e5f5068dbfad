"""Calendar arithmetic every stage shares: whole years, ages over inclusive date ranges, and
the most honest TIMEX3 value for a range of days."""

from __future__ import annotations

from datetime import date, timedelta

DAY = timedelta(days=1)


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def birth_interval(age: int, first: date, last: date) -> tuple[date, date]:
    """Someone aged `age` on some day in [first, last] was born in this inclusive interval."""
    return add_years(first, -(age + 1)) + DAY, add_years(last, -age)


def covering_value(first: date, last: date) -> str:
    """One day "2024-02-23"; else "2024-02", "2024-Q1", "2024-H1", "2024", "202" (decade),
    "20" (century) or "XXXX", whichever is the narrowest that covers the range."""
    if first == last:
        return first.isoformat()
    if first.year == last.year:
        y = first.year
        if first.month == last.month:
            return f"{y:04d}-{first.month:02d}"
        if (first.month - 1) // 3 == (last.month - 1) // 3:
            return f"{y:04d}-Q{(first.month - 1) // 3 + 1}"
        if (first.month - 1) // 6 == (last.month - 1) // 6:
            return f"{y:04d}-H{(first.month - 1) // 6 + 1}"
        return f"{y:04d}"
    if first.year // 10 == last.year // 10:
        return f"{first.year // 10:03d}"
    if first.year // 100 == last.year // 100:
        return f"{first.year // 100:02d}"
    return "XXXX"
