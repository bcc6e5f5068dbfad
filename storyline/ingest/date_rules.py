"""Dating rules: each reads one article's text and says where its publication date can lie.

Rules are registered by name and run in order; each returns Constraints (see intervals.py)
with a reason in words. Cross-article facts (birth intervals, the wedding year) come in
through the context, computed by dating.py from the other articles.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date

from storyline.ingest.corpus_facts import Marriage, age_window, resolve_name
from storyline.ingest.datetext import (
    MONTHS,
    WEEKDAYS,
    make_date,
    month_number,
)
from storyline.ingest.intervals import Constraint, DateSet, Universe, add_years, days
from storyline.model import Timex
from storyline.nlp.time.anchor import on_weekday
from storyline.nlp.time.lexicon import WEEKDAYS as TIME_WEEKDAYS
from storyline.nlp.time.tagger import stated_day, tag
from storyline.registry import Registry

FRESH_DAYS = 31  # a dated news peg is assumed reported within a month (a likelihood only)
_MONTH = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
_WEEKDAY = "|".join(d.capitalize() for d in WEEKDAYS)
# A sentence with one of these talks about plans, terms or forecasts: its dates bound nothing.
FUTURE = re.compile(
    r"(?i:\b(?:will|won't|would|could|might|should|shall|going to|gonna|scheduled|set to"
    r"|plans?|planned|planning|expects?|expected|expecting|due|until|through|next|upcoming"
    r"|slated|later this|projected|projections?|forecasts?|foresees?|targets?|targeted|goal"
    r"|aims? to|hopes? to|wants? to|intend\w*|intention|proposed|redeemable|matur\w*|expir\w*"
    r"|future|beyond|puttable|callable|options?|requires?|required to|to begin|obligat\w*"
    r"|payable|deadline|estimated|estimates?|anticipat\w*|outlook|fiscal)\b"
    r"|\bby[ \t]+(?:the[ \t]+)?(?:end[ \t]+of[ \t]+|early[ \t]+|mid-?|late[ \t]+)?"
    r"(?:19|20)\d{2}\b|'ll\b)"
    r"|\bmay\b"  # the modal; the month is capitalised
)
# Some past-tense verb in the sentence: the dates in it are told as already happened.
PAST = re.compile(
    r"(?i)\b(?:(?-i:[a-z]{2,}ed)|was|were|had|did|said|told|met|made|took|left|began|came|went|got"
    r"|saw|spoke|wore|gave|held|won|lost|ran|became|broke|found|brought|thought|sent|kept"
    r"|stood|sat|fell|felt|paid|rose|split|quit|wed|led|knew|grew|drove|flew|wrote|sold"
    r"|bought|built|hit|shut|spent|struck|chose|ate|drew|threw|sang|swore|fought|caught)\b"
)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s|\n\s*\n")
PHOTO_NAME = re.compile(r"[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+){2,}")
# Numbers shaped like years that are not: "Flight 2024", "route 2023", "2021 commuters".
NOT_YEAR_BEFORE = re.compile(
    r"(?i)\b(?:flight|route|bus|room|gate|no\.?|number|platform|highway|interstate|suite|unit"
    r"|line|model|exit|channel|page|item|section|berth|track|code|ref|ticket|case)[ \t]*#?[ \t]*$"
)
YEAR_WORD_BEFORE = re.compile(
    r"(?i)\b(?:in|since|of|the|by|from|until|before|after|during|early|late|mid|spring|summer"
    r"|fall|autumn|winter)[ \t]*$"
)
COUNT_AFTER = re.compile(r"[ \t]+(?!years?\b|season\b)[a-z]+s\b")
THIS_YEAR_MONTH = re.compile(
    rf"\b(?P<lead>[Ee]arlier in|[Bb]ack in|[Ii]n|[Tt]his|[Ll]ast)[ \t]+(?P<month>{_MONTH})"
    r"(?P<this>[ \t]+(?:of[ \t]+)?this[ \t]+year)?\b(?![ \t]*(?:\d|of[ \t]+(?:19|20)))"
)
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9}
THIS_YEAR_SEASON = re.compile(
    r"(?i)\b(?:this|in[ \t]+(?:the[ \t]+)?|back[ \t]+in[ \t]+(?:the[ \t]+)?)"
    r"(?P<season>spring|summer|fall|autumn)(?:[ \t]+of)?[ \t]+this[ \t]+year\b"
    r"|\bthis[ \t]+(?P<season2>spring|summer|fall|autumn)\b"
)
EARLIER_THIS_YEAR = re.compile(r"(?i)\bearlier this year\b")
END_OF_LAST_YEAR = re.compile(
    r"(?i)\b(?:(?:toward|towards|at|by|near)[ \t]+the[ \t]+end[ \t]+of[ \t]+last[ \t]+year"
    r"|late[ \t]+last[ \t]+year|last[ \t]+(?:November|December))\b"
)
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "twentieth": 20, "twenty-fifth": 25,
}  # fmt: skip
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}  # fmt: skip
_ORD = "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True))
ANNIVERSARY = re.compile(
    rf"(?i:\b(?P<n>\d{{1,2}})(?:st|nd|rd|th)|\b(?P<word>{_ORD}))[ \t]+(?i:wedding[ \t]+)?"
    rf"(?i:anniversary)(?:[^.\n]{{0,25}}?\bon[ \t]+(?:(?:{_WEEKDAY}),?[ \t]+)?"
    rf"(?P<month>{_MONTH})\.?[ \t]+(?P<day>[0-3]?\d)\b)?"
)
_NUM = "|".join(_NUMBER_WORDS)
YEARS_MARRIED = re.compile(
    rf"(?i)\b(?P<approx>nearly|almost|more than|over|just over)?[ \t]*(?P<n>\d{{1,2}}|{_NUM})"
    r"[ \t]+years[ \t]+of[ \t]+marriage\b"
    rf"|\bmarried[ \t]+for[ \t]+(?P<approx2>nearly|almost|more than|over)?[ \t]*"
    rf"(?P<n2>\d{{1,2}}|{_NUM})[ \t]+years\b"
)


@dataclass
class DatingContext:
    """One article's text plus what the rest of the corpus knows."""

    raw: str
    content: str
    universe: Universe
    births: dict[str, tuple[date, date, str]] = field(default_factory=dict)
    names: tuple[set[str], set[str]] = field(default_factory=lambda: (set(), set()))
    ages: list = field(default_factory=list)  # AgeMention of this article
    marriage: Marriage | None = None
    anchors: dict[tuple[int, int], tuple[date, str]] = field(default_factory=dict)
    _calendar: list[Timex] | None = field(default=None, repr=False)

    @property
    def calendar(self) -> list[Timex]:
        """The time grammar's reading of the text with no article date and no parse (one
        grammar for the tagger and the dating: storyline/nlp/time): full dates, months of a
        year, years, and days of an unknown year ("XXXX-03-25"); read once per article."""
        if self._calendar is None:
            self._calendar = tag(self.content, None)
        return self._calendar


DATE_RULES = Registry("dating rule")


_ABBREVIATION = re.compile(
    r"(?i)(?:\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mr|mrs|ms|dr|st|inc|corp|co"
    r"|ltd|jr|sr|no|vs|gov|sen|rep|gen|col|lt|sgt|ft|mt)|\b[a-z]|\.[a-z])$"
)


def _ends(text: str, start: int, end: int) -> list[int]:
    """Sentence ends in text[start:end], not counting "Nov." or "U.S." style abbreviations."""
    out = []
    for m in _SENTENCE_END.finditer(text, start, end):
        if text[m.start()] == "." and _ABBREVIATION.search(text, max(0, m.start() - 6), m.start()):
            continue
        out.append(m.end())
    return out


def sentence_span(text: str, pos: int) -> tuple[int, int]:
    """Where the sentence (roughly) around `pos` starts and ends."""
    before = _ends(text, max(0, pos - 2000), pos)
    start = before[-1] if before else max(0, pos - 2000)
    after = _ends(text, pos, min(len(text), pos + 2000))
    return start, after[0] if after else min(len(text), pos + 2000)


def sentence_at(text: str, pos: int) -> str:
    """The sentence (roughly) around `pos`."""
    start, end = sentence_span(text, pos)
    return text[start:end]


def told_as_past(text: str, pos: int) -> bool:
    """Whether the sentence around `pos` tells of something that already happened: a past
    verb, and no word of plans, terms or forecasts ("due 1993", "will", "by 1992") in its
    clause (a trailing ", which will ..." or ", shortly after reports that X planned ..." is
    another clause's plan)."""
    sentence = sentence_at(text, pos)
    return bool(PAST.search(sentence)) and not FUTURE.search(
        _clause_at(text, pos, _TRAILING_CLAUSE))


def _quote(text: str) -> str:
    return '"' + " ".join(text.split()) + '"'


def not_before(day: date, ctx: DatingContext) -> DateSet:
    return DateSet.between(day, ctx.universe.last)


def _photo_dates(token: str) -> list[date]:
    """Dates a photo file name's digit groups can encode: MMDDYY, DDMMYY, YYYYMMDD."""
    out = []
    for part in re.split(r"[_.-]", token):
        if len(part) == 6 and part.isdigit():
            mm, dd, yy = int(part[:2]), int(part[2:4]), int(part[4:])
            out += [d for d in (make_date(2000 + yy, mm, dd), make_date(2000 + yy, dd, mm)) if d]
        elif len(part) == 8 and part.isdigit() and part[:2] in ("19", "20"):
            d = make_date(int(part[:4]), int(part[4:6]), int(part[6:]))
            out += [d] if d else []
    return out


@DATE_RULES.register("photo_codes")
def photo_codes(ctx: DatingContext) -> list[Constraint]:
    """A photo file name with a date code: the article is not older than its photo."""
    text_days = {(day, month) for _, month, day, _, _ in _yearless_days(ctx)}
    best: tuple[date, str] | None = None
    for m in PHOTO_NAME.finditer(ctx.raw):
        found = [d for d in _photo_dates(m.group()) if d <= ctx.universe.last]
        if not found:
            continue
        linked = [d for d in found if (d.day, d.month) in text_days]
        day = (linked or found)[0]
        if linked:
            ctx.anchors[(day.month, day.day)] = (day, f"photo file name {m.group()}")
        if best is None or day > best[0]:
            best = (day, m.group())
    if best is None:
        return []
    day, token = best
    why = f"photo file name {token} carries the date {day.isoformat()}: published no earlier"
    return [Constraint(not_before(day, ctx), why, 3)]


@DATE_RULES.register("full_dates")
def full_dates(ctx: DatingContext) -> list[Constraint]:
    """The latest full date the text gives for a past event: published no earlier."""
    best = None
    for t in ctx.calendar:
        day = stated_day(t)
        if day and day <= ctx.universe.last and told_as_past(ctx.content, t.start):
            best = max(best or (day, ""), (day, t.text))
    if best is None:
        return []
    why = f"mentions {_quote(best[1])} as past: published on or after {best[0].isoformat()}"
    return [Constraint(not_before(best[0], ctx), why, 3)]


@DATE_RULES.register("month_years")
def month_years(ctx: DatingContext) -> list[Constraint]:
    """The latest "Month YYYY" told as past: published no earlier than that month."""
    best = None
    for t in ctx.calendar:
        if t.rule != "month_year" or not _MONTH_VALUE.match(t.value):
            continue
        day = date(int(t.value[:4]), int(t.value[5:7]), 1)
        if day <= ctx.universe.last and told_as_past(ctx.content, t.start):
            best = max(best or (day, ""), (day, t.text))
    if best is None:
        return []
    why = f"mentions {_quote(best[1])} as past: published in or after {best[0]:%Y-%m}"
    return [Constraint(not_before(best[0], ctx), why, 3)]


def not_a_year(text: str, t: Timex) -> bool:
    """A bare year-shaped number that names a flight/route/room, or counts things ("2021
    commuters")."""
    if t.rule != "year":
        return False
    before = text[max(0, t.start - 20) : t.start]
    if NOT_YEAR_BEFORE.search(before):
        return True
    return bool(COUNT_AFTER.match(text, t.end)) and not YEAR_WORD_BEFORE.search(before)


_MONTH_VALUE = re.compile(r"^\d{4}-\d\d$")
_YEARLESS_DAY = re.compile(r"^XXXX-(\d\d)-(\d\d)$")
_YEAR_VALUE = re.compile(r"^(\d{4})(?:$|-)")
_DECADE_VALUE = re.compile(r"^(\d{3})$")
_ISO = re.compile(r"\d{4}-\d\d-\d\d$")
_BETWEEN_WEEKDAY_AND_DAY = re.compile(r"[\s,(]*")


def year_of(t: Timex) -> int | None:
    """The year a date of the text names outright in digits (a day, month, season, quarter or
    year of it; the first year of a decade), None for a relative or undated one."""
    if t.type != "DATE" or t.anchor != "none" or not re.search(r"\d", t.text):
        return None  # a year in words ("the year two thousand") is as often a goal as a past
    if t.rule == "numeric_date" and not _ISO.match(t.text):
        return None
    m = _YEAR_VALUE.match(t.value) or _DECADE_VALUE.match(t.value)
    if m is None:
        return None
    return int(m.group(1)) * (10 if len(m.group(1)) == 3 else 1)


def _yearless_days(ctx: DatingContext) -> list[tuple[Timex, int, int, int | None, str]]:
    """Days of an unknown year the text names ("July 11"), each with the ISO weekday given
    with it ("Thursday, March 6", "Friday (Oct. 28)") and the words to quote."""
    out = []
    previous: Timex | None = None
    for t in ctx.calendar:
        m = _YEARLESS_DAY.match(t.value)
        if m and t.rule == "full_date":
            weekday, start = _weekday_in(t.text), t.start
            gap = ctx.content[previous.end : t.start] if previous is not None else ""
            if weekday is None and previous is not None and previous.rule == "weekday" \
                    and _BETWEEN_WEEKDAY_AND_DAY.fullmatch(gap):
                weekday, start = _weekday_in(previous.text), previous.start
            out.append((t, int(m.group(1)), int(m.group(2)), weekday,
                        ctx.content[start : t.end]))  # fmt: skip
        previous = t
    return out


def _weekday_in(text: str) -> int | None:
    """The ISO weekday a date's text opens with ("Monday, March 25"), if any."""
    word = re.match(r"[A-Za-z]+", text)
    return TIME_WEEKDAYS.get(word.group().lower()) if word else None


_TRAILING_RELATIVE = re.compile(r",\s+(?:which|who)\b")
_TRAILING_CLAUSE = re.compile(
    r",\s+(?:which|who|(?:shortly\s+|just\s+|long\s+)?(?:after|before)|when|while|although|"
    r"though|but)\b"
)


def _clause_at(text: str, pos: int, cut_at: re.Pattern[str] = _TRAILING_RELATIVE) -> str:
    """The sentence around `pos` without a relative clause that follows it ("they married in
    2019, which will dictate the terms": the plan is the prenup's, not the wedding's); with
    `_TRAILING_CLAUSE`, without any subordinate clause that follows it either."""
    at, end = sentence_span(text, pos)
    cut = cut_at.search(text, pos, end)
    return text[at : cut.start() if cut else end]


@DATE_RULES.register("years")
def years(ctx: DatingContext) -> list[Constraint]:
    """The latest year the text mentions as past, or as present ("is hoping for a fresh start
    in 2024", a weaker reading): published in or after that year. Plans and terms bound nothing.
    """
    best: dict[int, tuple[int, str]] = {}
    for t in ctx.calendar:
        year = year_of(t)
        if year is None:
            continue
        sentence = sentence_at(ctx.content, t.start)
        said = _clause_at(ctx.content, t.start)
        if year > ctx.universe.last.year or FUTURE.search(said) or not_a_year(ctx.content, t):
            continue
        strength = 3 if PAST.search(sentence) else 2
        best[strength] = max(best.get(strength, (year, sentence)), (year, sentence))
    out = []
    for strength, (year, sentence) in best.items():
        if strength == 2 and 3 in best and best[3][0] >= year:
            continue
        where = sentence if len(sentence) < 90 else sentence[:87] + "..."
        tense = "as past" if strength == 3 else "in the present tense"
        why = f"mentions {year} {tense} ({_quote(where)}): published in {year} or later"
        out.append(Constraint(not_before(date(year, 1, 1), ctx), why, strength))
    return out


def _near(pattern: re.Pattern[str], text: str, word: str) -> list[re.Match[str]]:
    """Matches of a slow pattern, searched only around occurrences of a cheap anchor word."""
    out: list[re.Match[str]] = []
    lowered = text.lower()
    pos = lowered.find(word)
    while pos >= 0:
        start = max(0, pos - 40, out[-1].end() if out else 0)
        m = pattern.search(text, start, min(len(text), pos + 80))
        if m and m.start() <= pos + len(word) and (not out or m.start() >= out[-1].end()):
            out.append(m)
        pos = lowered.find(word, pos + 1)
    return out


@DATE_RULES.register("marriage")
def marriage(ctx: DatingContext) -> list[Constraint]:
    """Nth anniversaries and "N years of marriage", with the wedding year other articles give."""
    wed = ctx.marriage
    lowered = ctx.content.lower()
    if wed is None or (
        "anniversary" not in lowered and "married" not in lowered and "marriage" not in lowered
    ):
        return []
    out = []
    when = date(wed.year, wed.month, 1).strftime("%B %Y") if wed.month else str(wed.year)
    source = f"the corpus says the couple married in {when}"
    for m in _near(ANNIVERSARY, ctx.content, "anniversary"):
        if not told_as_past(ctx.content, m.start()):
            continue
        n = int(m.group("n")) if m.group("n") else _ORDINAL_WORDS[m.group("word").lower()]
        year = wed.year + n
        day = None
        if m.group("month"):
            day = make_date(year, month_number(m.group("month")) or 0, int(m.group("day")))
        if day:
            ctx.anchors[(day.month, day.day)] = (day, _quote(m.group()))
            allowed = DateSet.between(day, add_years(day, 1) - days(1))
            why = f"{_quote(m.group())} and {source}: that anniversary was {day.isoformat()}"
        else:
            allowed = DateSet.between(date(year, 1, 1), date(year + 1, 12, 31))
            why = f"{_quote(m.group())} and {source}: published around {year}"
        out.append(Constraint(allowed, why, 2))
    for m in _near(YEARS_MARRIED, ctx.content, "marri"):
        raw_n = (m.group("n") or m.group("n2")).lower()
        n = int(raw_n) if raw_n.isdigit() else _NUMBER_WORDS[raw_n]
        approx = (m.group("approx") or m.group("approx2") or "").lower()
        first, last = wed.year + n, wed.year + n + 1
        if approx in ("nearly", "almost"):
            first, last = first - 1, last - 1
        # n whole years after a wedding in month M: from M of year+n to the end of M a year on
        lo = date(first, wed.month or 1, 1)
        hi = date(last, wed.month, monthrange(last, wed.month)[1]) if wed.month else \
            date(last, 12, 31)
        if approx and approx not in ("nearly", "almost"):
            hi = ctx.universe.last
        allowed = DateSet.between(lo, hi)
        why = f"{_quote(m.group())} and {source}: published in {lo.isoformat()}..{hi.isoformat()}"
        out.append(Constraint(allowed, why, 2))
    return out


@DATE_RULES.register("ages")
def ages(ctx: DatingContext) -> list[Constraint]:
    """A person's age here, against the birth interval other dated articles pin for them."""
    out = []
    for mention in ctx.ages:
        key = resolve_name(mention.name, *ctx.names)
        if key is None or key not in ctx.births:
            continue
        born_first, born_last, evidence = ctx.births[key]
        first, last = age_window(mention.age, born_first, born_last)
        why = (
            f"{_quote(mention.text)}: {evidence} put {key}'s birth in "
            f"{born_first.isoformat()}..{born_last.isoformat()}, so published "
            f"{first.isoformat()}..{last.isoformat()}"
        )
        out.append(Constraint(DateSet.between(first, last), why, 2))
    return out


def _bare_days(ctx: DatingContext) -> list[tuple[str, int, int, int | None]]:
    """(quoted words, month, day, ISO weekday) of the days of unknown year told as past."""
    out = []
    for t, month, day, weekday, words in _yearless_days(ctx):
        if told_as_past(ctx.content, t.start) and (
            weekday is not None or not _narrated_year(ctx, t.start)
        ):
            out.append((words, month, day, weekday))
    return out


_SINCE = re.compile(r"(?i:\bsince)\s+$")  # "since 2020" runs up to now: no dated past


def _narrated_year(ctx: DatingContext, at: int) -> bool:
    """A year named in this sentence or the one before it: the story is
    telling a dated past ("married in July 2022 ... a July 17 newsletter"), not the news day."""
    text = ctx.content
    start, end = sentence_span(text, at)
    if start > 0:
        start = sentence_span(text, start - 1)[0]
    return any(
        start <= t.start < end and year_of(t) is not None
        and not _SINCE.search(text, max(0, t.start - 8), t.start)
        for t in ctx.calendar
    )


@DATE_RULES.register("bare_days")
def bare_days(ctx: DatingContext) -> list[Constraint]:
    """ "on July 11" (no year) told as past: by news convention a day of the publication year.

    A weekday ("Thursday, March 6") leaves only the years where that day is that weekday; a
    photo code or anniversary naming the same day fixes the year outright.
    """
    out = []
    latest = None
    for words, month, day, weekday in _bare_days(ctx):
        said = _quote(words)
        anchor = ctx.anchors.get((month, day))

        def this_year(y: int, month=month, day=day, weekday=weekday) -> tuple[date, date] | None:
            found = on_weekday(month, day, weekday, [y])  # the time grammar's calendar
            return (found[0], date(y, 12, 31)) if found else None

        if anchor:
            allowed = DateSet.between(anchor[0], date(anchor[0].year, 12, 31))
            why = (
                f"{said} is {anchor[0].isoformat()} (from {anchor[1]}), "
                "a day of the year it was published"
            )
        else:
            allowed = ctx.universe.per_year(this_year)
            kind = "a day (and weekday) " if weekday is not None else "a day "
            why = f"{said}, given without a year, is {kind}of the year it was published"
        out.append(Constraint(allowed, why, 2))
        if latest is None or (month, day) > latest[1:3]:
            latest = (words, month, day, anchor)
    if latest:
        words, month, day, anchor = latest

        def fresh(y: int, month=month, day=day) -> tuple[date, date] | None:
            d = make_date(y, month, day)
            return (d, d + days(FRESH_DAYS)) if d else None

        allowed = (
            DateSet.between(anchor[0], anchor[0] + days(FRESH_DAYS))
            if anchor
            else ctx.universe.per_year(fresh)
        )
        why = (
            f"likely reported within {FRESH_DAYS} days of its latest dated event "
            f"{_quote(words)}"
        )
        out.append(Constraint(allowed, why, 1))
    return out


@DATE_RULES.register("this_year")
def this_year(ctx: DatingContext) -> list[Constraint]:
    """ "In May of this year", "Earlier in June", "this summer": published after that month."""
    found: list[tuple[int, str, int]] = []
    for m in THIS_YEAR_MONTH.finditer(ctx.content):
        lead = m.group("lead").lower()
        if lead == "last" or not told_as_past(ctx.content, m.start()):
            continue
        strong = bool(m.group("this")) or lead in ("earlier in", "this")
        found.append((month_number(m.group("month")) or 1, m.group(), 3 if strong else 2))
    for m in THIS_YEAR_SEASON.finditer(ctx.content):
        if told_as_past(ctx.content, m.start()):
            found.append((SEASONS[(m.group("season") or m.group("season2")).lower()], m.group(), 3))
    for m in EARLIER_THIS_YEAR.finditer(ctx.content):
        if told_as_past(ctx.content, m.start()):
            found.append((2, m.group(), 2))
    out = []
    for month, said, strength in sorted(found, reverse=True)[:2]:
        allowed = ctx.universe.per_year(lambda y, month=month: (date(y, month, 1), date(y, 12, 31)))
        why = f"{_quote(said)}: published in or after {date(2000, month, 1):%B} of its year"
        out.append(Constraint(allowed, why, strength))
    return out


@DATE_RULES.register("end_of_last_year")
def end_of_last_year(ctx: DatingContext) -> list[Constraint]:
    """ "toward the end of last year" is how writers speak early in the next year (a likelihood)."""
    m = END_OF_LAST_YEAR.search(ctx.content)
    if not m:
        return []
    allowed = ctx.universe.per_year(lambda y: (date(y, 1, 1), date(y, 6, 30)))
    why = f"{_quote(m.group())} suggests the first half of a year"
    return [Constraint(allowed, why, 1)]
