"""Word tables for time expressions: months, weekdays, numbers, units, seasons, parts of day."""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5,
    "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
}  # fmt: skip

NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "thousand": 1000, "dozen": 12, "single": 1, "couple": 2,
}  # fmt: skip

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "last": -1, "final": -1,
}  # fmt: skip

# Words that make a count vague: "several years" -> PXY.
FUZZY = ("several", "a few", "few", "some", "many", "a number of", "numerous", "a couple of")

# unit word -> (TIMEX3 duration letter, is a time-of-day unit, calendar granularity)
UNITS: dict[str, tuple[str, bool, str]] = {
    "second": ("S", True, "D"), "minute": ("M", True, "D"), "hour": ("H", True, "D"),
    "day": ("D", False, "D"), "night": ("D", False, "D"), "week": ("W", False, "W"),
    "weekend": ("WE", False, "W"), "fortnight": ("W", False, "W"),
    "month": ("M", False, "M"), "quarter": ("Q", False, "Q"), "year": ("Y", False, "Y"),
    "decade": ("E", False, "E"), "century": ("C", False, "C"), "centurie": ("C", False, "C"),
}  # fmt: skip

SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
    "overnight": "NI",
}

# Words and phrases with a fixed TIMEX3 value (DATE). Left out on purpose, as too often not
# about time in news: "current", "recent", "soon", "previously", "formerly", "once", "later".
REFERENCES: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "at present": "PRESENT_REF", "the present": "PRESENT_REF",
    "at the moment": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "a later date": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
}  # fmt: skip

# SET words: "daily" -> XXXX-XX-XX.
SET_WORDS: dict[str, str] = {
    "daily": "XXXX-XX-XX",
    "nightly": "XXXX-XX-XXTNI",
    "weekly": "XXXX-WXX",
    "monthly": "XXXX-XX",
    "annually": "XXXX",
    "yearly": "XXXX",
    "hourly": "PT1H",
    "biweekly": "P2W",
}

# Verbs whose complement is in the future ("is expected to", "plans to").
FUTURE_LEMMAS = frozenset(
    [
        "expect",
        "plan",
        "schedule",
        "intend",
        "hope",
        "want",
        "seek",
        "aim",
        "propose",
        "aspire",
        "prepare",
        "slate",
        "due",
        "set",
        "anticipate",
        "forecast",
        "predict",
        "project",
        "promise",
        "vow",
        "threaten",
        "agree",
    ]
)
FUTURE_AUX = frozenset(["will", "'ll", "shall", "wo", "ll"])
# Words that move an event off the time just told (TimeML SIGNALs of BEFORE/AFTER, not of
# SIMULTANEOUS: "while", "during", "when" keep it): "soon after reassumed", "later founded".
TIME_SHIFT = frozenset(["after", "afterwards", "afterward", "later", "before", "earlier",
                        "previously", "formerly", "once", "subsequently", "since", "until",
                        "till", "soon", "then", "next", "eventually", "already", "again"])
