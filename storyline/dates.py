"""Calendar arithmetic every stage shares: whole years, and ages over inclusive date ranges."""

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
