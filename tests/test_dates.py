"""Shared calendar arithmetic: whole years and birth intervals, leap days included."""

from datetime import date

from storyline.dates import add_years, birth_interval


def test_add_years_keeps_the_day_and_folds_29_february():
    assert add_years(date(2023, 8, 4), -11) == date(2012, 8, 4)
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)


def test_birth_interval_from_an_age_over_a_range_of_days():
    # aged 35 on some day of July 2016: born between 1980-07-02 and 1981-07-31
    assert birth_interval(35, date(2016, 7, 1), date(2016, 7, 31)) == (
        date(1980, 7, 2),
        date(1981, 7, 31),
    )
